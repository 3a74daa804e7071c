"""The similarity report on generated classes: precision, recall, and the time for 600 students.

    python benchmarks/similarity.py [--weeks week01 ...] [--students 600] [--week week07]
                                    [--out benchmarks/results]

1. **Precision and recall**, week by week, on a class of solutions written independently and
   planted copies. Independent: the course's reference solutions (student ``reference``) and
   the catalogue's other correct solutions (``autograder/mistakes/weekNN.py``, ``RIGHT``),
   the k-th of each exercise as student ``right_k`` (exercises without a k-th left as the
   release gave them). Planted: for each ``right_k``, ``copy_k``, its cells disguised as a
   copier would (`sample_class.disguise`: variables and parameters renamed, comments
   changed, functions reordered, one line added), and ``ref_renamed``, the reference with its
   variables renamed. A flagged pair is right when it is ``(right_k, copy_k)``; a student
   flagged as close to the reference is right when it is ``ref_renamed`` (the ``reference``
   student itself, the reference verbatim, is left out of that count). Default thresholds.
2. **Time for a class of** ``--students`` on one week (`dlgrade similarity` as an instructor
   runs it: read the notebooks, compare, write the HTML and CSV). Each student writes every
   exercise as one of its known versions (the reference, a catalogued other correct solution
   or a catalogued mistake), disguised, with two lines of their own per exercise (a sum of
   random constants), so that students differ as real ones do; 2 % of them are disguised
   copies of a classmate. Also prints how many of those copies were flagged.

Each class is a scratch course in a temporary folder; the notebooks are written as a learning
platform hands them over and read with `dlgrade similarity` (no grading: no kernel runs).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import nbformat  # noqa: E402

from autograder import release, similarity  # noqa: E402
from autograder.course import Course  # noqa: E402
from autograder.notebooks import is_solution, nbgrader_meta, resolve_weeks, strip_solution_markers  # noqa: E402
from autograder.sample_class import disguise, mistake_source, right_sources  # noqa: E402


def _write(course: Course, week: str, student: str, code: dict[str, dict[str, str]]) -> None:
    """``student``'s submission: the release with ``code[notebook][grade_id]`` filled in."""
    folder = course.submitted_dir(student, week)
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(course.release_dir(week).glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            text = code.get(path.stem, {}).get(nbgrader_meta(cell).get("grade_id"))
            if is_solution(cell) and text is not None:
                cell["source"] = text
        (folder / path.name).write_text(json.dumps(nb), encoding="utf-8")


def _sources(course: Course, week: str):
    """``{notebook: source notebook}`` of the week."""
    return {p.stem: nbformat.read(str(p), as_version=4)
            for p in sorted(course.source_dir(week).glob("*.ipynb"))}


def _references(nb) -> dict[str, str]:
    return {nbgrader_meta(c)["grade_id"]: strip_solution_markers(c.source)
            for c in nb.cells if is_solution(c)}


def precision_class(course: Course, week: str) -> tuple[set, set]:
    """Write the week's class of independent solutions and planted copies; return the
    planted ``(pairs, reference copies)``."""
    release.release_week(course, week)
    sources = _sources(course, week)
    refs = {name: _references(nb) for name, nb in sources.items()}
    _write(course, week, "reference", refs)
    _write(course, week, "ref_renamed", {
        name: {ex: disguise(code, seed=7, rename_parameters=True) for ex, code in r.items()}
        for name, r in refs.items()})
    pairs = set()
    for k in range(10):
        right = {name: right_sources(week, name, nb, which=k) for name, nb in sources.items()}
        if not any(right.values()):
            break
        _write(course, week, f"right_{k}", right)
        _write(course, week, f"copy_{k}", {
            name: {ex: disguise(code, seed=k, rename_parameters=True) for ex, code in r.items()}
            for name, r in right.items()})
        pairs.add((f"copy_{k}", f"right_{k}"))
    return pairs, {"ref_renamed"}


def score(result: similarity.Result, pairs: set, ref_copies: set) -> dict:
    """True and false positives and negatives of the flagged pairs and reference matches."""
    flagged = {tuple(sorted((p.a, p.b))) for p in result.flagged}
    near_ref = {s for s, _, _ in result.reference} - {"reference"}
    every = similarity.compare(result.cells, threshold=1e-9)  # every pair that shares code
    scores = {tuple(sorted((p.a, p.b))): p.score for p in every.pairs}
    ref = {s: share for s, share, _ in similarity.compare(
        result.cells, reference_threshold=0.0).reference}
    return {"highest_independent_pair": max([v for k, v in scores.items() if k not in pairs],
                                            default=0.0),
            "lowest_planted_pair": min((scores.get(k, 0.0) for k in pairs), default=1.0),
            "highest_independent_reference": max(
                [v for k, v in ref.items() if k not in ref_copies | {"reference"}], default=0.0),
            "lowest_reference_copy": min((ref.get(k, 0.0) for k in ref_copies), default=1.0),
            "pair_tp": len(flagged & pairs), "pair_fp": len(flagged - pairs),
            "pair_fn": len(pairs - flagged), "ref_tp": len(near_ref & ref_copies),
            "ref_fp": len(near_ref - ref_copies), "ref_fn": len(ref_copies - near_ref),
            "false_pairs": sorted(flagged - pairs), "missed": sorted(pairs - flagged)}


def _own_lines(code: str, rng: random.Random) -> str:
    """Two lines only this student wrote, at the top of the first function's body."""
    lines = code.splitlines()
    at = next((i for i, ln in enumerate(lines) if ln.startswith("def ")), None)
    if at is None:
        return code
    while at < len(lines) and not lines[at].rstrip().endswith(":"):
        at += 1  # a signature over several lines
    mine = [f"    check_{j} = sum([{', '.join(str(rng.randint(2, 999)) for _ in range(4))}])"
            for j in range(2)]
    return "\n".join(lines[:at + 1] + mine + lines[at + 1:])


def large_class(course: Course, week: str, students: int, seed: int = 0) -> set:
    """Write a class of ``students`` for ``week`` (see the module's docstring); return the
    planted copy pairs."""
    from autograder.diagnose import catalogue

    rng = random.Random(seed)
    release.release_week(course, week)
    versions: dict[str, dict[str, list[str]]] = {}  # notebook -> exercise -> known versions
    for name, nb in _sources(course, week).items():
        refs = _references(nb)
        known = {ex: [code] for ex, code in refs.items()}
        for k in range(3):
            for ex, code in right_sources(week, name, nb, which=k).items():
                known[ex].append(code)
        module = catalogue(week, name)
        setup = next((c.source for c in nb.cells if c.cell_type == "code"), "")
        from autograder.notebooks import cell_names
        names = (cell_names(setup) or (set(), set()))[0] | set(refs)
        for ex, entries in (getattr(module, "WRONG", {}) if module else {}).items():
            for entry in entries[:3]:
                text = mistake_source(ex, entry[1], names) if ex in known else None
                if text:
                    known[ex].append(text)
        versions[name] = known
    written: dict[str, dict[str, dict[str, str]]] = {}
    copies = max(1, students // 50)
    for i in range(students - copies):
        student = f"s{i:04d}"
        written[student] = {
            name: {ex: _own_lines(disguise(rng.choice(options), seed=i), rng)
                   for ex, options in known.items()}
            for name, known in versions.items()}
        _write(course, week, student, written[student])
    pairs = set()
    for j in range(copies):
        original = f"s{rng.randrange(students - copies):04d}"
        copy = f"c{j:04d}"
        _write(course, week, copy, {
            name: {ex: disguise(code, seed=1000 + j, rename_parameters=True)
                   for ex, code in cells.items()}
            for name, cells in written[original].items()})
        pairs.add(tuple(sorted((copy, original))))
    return pairs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weeks", nargs="*", default=["all"],
                        help="weeks of the precision class (default: all)")
    parser.add_argument("--week", default="week07", help="week of the large class")
    parser.add_argument("--students", type=int, default=600, help="size of the large class")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results",
                        help="folder for the JSON results")
    args = parser.parse_args()
    totals: dict[str, int] = {}
    rows = []
    with tempfile.TemporaryDirectory(prefix="dlgrade-similarity-") as tmp:
        for week in resolve_weeks(args.weeks):
            course = Course.open(Path(tmp) / week, create=True)
            pairs, ref_copies = precision_class(course, week)
            result = similarity.compare(similarity.week_cells(course, week))
            found = score(result, pairs, ref_copies)
            rows.append({"week": week, "students": len(result.cells.students), **found})
            for key, value in found.items():
                if key.startswith(("pair_", "ref_")):
                    totals[key] = totals.get(key, 0) + value
            print(f"{week}: {len(result.cells.students)} students; pairs: {found['pair_tp']} "
                  f"found, {found['pair_fp']} false {found['false_pairs'] or ''}, "
                  f"{found['pair_fn']} missed {found['missed'] or ''}; reference copies: "
                  f"{found['ref_tp']} found, {found['ref_fp']} false, {found['ref_fn']} missed"
                  f"\n  scores: independent pairs up to {found['highest_independent_pair']:.2f}, "
                  f"planted pairs from {found['lowest_planted_pair']:.2f}; share of the "
                  f"reference: independent up to {found['highest_independent_reference']:.2f}, "
                  f"renamed reference {found['lowest_reference_copy']:.2f}")

        def ratio(a: int, b: int) -> float:
            return a / b if b else 1.0

        tp = totals["pair_tp"] + totals["ref_tp"]
        fp = totals["pair_fp"] + totals["ref_fp"]
        fn = totals["pair_fn"] + totals["ref_fn"]
        summary = {"precision": ratio(tp, tp + fp), "recall": ratio(tp, tp + fn),
                   "pair_precision": ratio(totals["pair_tp"], totals["pair_tp"]
                                           + totals["pair_fp"]),
                   "pair_recall": ratio(totals["pair_tp"], totals["pair_tp"]
                                        + totals["pair_fn"]),
                   "threshold": similarity.DEFAULT_THRESHOLD}
        print(f"\nat the default thresholds (pairs {similarity.DEFAULT_THRESHOLD:.0%}, reference "
              f"{similarity.REFERENCE_THRESHOLD:.0%}): precision {summary['precision']:.3f}, "
              f"recall {summary['recall']:.3f} ({tp} planted copies found, {fp} false alarms, "
              f"{fn} missed)")

        (week,) = resolve_weeks([args.week])
        course = Course.open(Path(tmp) / "large", create=True)
        start = time.perf_counter()
        planted = large_class(course, week, args.students)
        built = time.perf_counter() - start
        start = time.perf_counter()
        run = subprocess.run([sys.executable, "-m", "autograder", "--course", str(course.root),
                              "similarity", week], capture_output=True, text=True)
        took = time.perf_counter() - start
        if run.returncode:
            print(run.stdout + run.stderr)
            return 1
        flagged = set()
        with (course.root / "reports" / f"similarity-{week}.csv").open() as f:
            for line in f.read().splitlines()[1:]:
                cols = line.split(",")
                if cols[1] == "pair" and cols[6] == "1":
                    flagged.add(tuple(sorted(cols[2:4])))
        size = (course.root / "reports" / f"similarity-{week}.html").stat().st_size
        large = {"week": week, "students": args.students, "seconds": took,
                 "planted": len(planted), "planted_found": len(planted & flagged),
                 "other_flagged": len(flagged - planted), "html_bytes": size,
                 "class_written_s": built}
        print(f"\n{week}, a class of {args.students} (written in {built:.0f} s): "
              f"`dlgrade similarity` took {took:.1f} s wall (reading, comparing, writing; "
              f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}); planted copies flagged "
              f"{len(planted & flagged)} of {len(planted)}, other pairs flagged "
              f"{len(flagged - planted)}; page {size / 1e6:.1f} MB")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "similarity.json").write_text(json.dumps(
        {"weeks": rows, "summary": summary, "large": large}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

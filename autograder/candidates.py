"""Judge a reviewer's candidate solutions of one notebook's exercises, as the grader would.

Blind review (docs/AUTHORING.md): someone who has read only the student release writes, per
exercise, wrong solutions a student would plausibly write and another correct one. They go in a
*candidates file*, a Python module holding source code as a student types it in a solution
cell (the cell's code, not a function object, so it may define helpers or several names)::

    WRONG = {"heaviside": [("uses > instead of >=", '''def heaviside(a): ...'''), ...]}
    RIGHT = {"heaviside": [("with np.where", '''def heaviside(a): ...''')]}

Each source is executed in a fresh copy of the reference namespace (the imports of the
notebook's set-up cell and every other exercise's reference), as in a student's kernel where
everything else is solved; then every test cell of the exercise runs, visible checks and
hidden region together, and its hidden records are judged against the reference's.

    python -m autograder.candidates CANDIDATES.py WEEK [NOTEBOOK] [--json OUT]

prints, per candidate, the points it earns and, per test cell, why it lost them. A wrong
candidate that earns every point is a hole in the hidden tests; a correct one that loses a
point is a bug of the prompt or of the tests. Runs trusted code only (the reviewer's), in this
process: never use it on students' submissions.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import signal
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

from autograder import judge, notebooks

__all__ = ["CandidateResult", "judge_source", "judge_file", "main"]

SECONDS_PER_CELL = 60


@dataclass
class CandidateResult:
    exercise: str
    kind: str  # "wrong" or "right"
    why: str
    earned: float
    points: float
    cells: list[str] = field(default_factory=list)  # one line per test cell

    @property
    def verdict(self) -> str:
        """What the result says about the tests: 'ok', 'HOLE' or 'UNFAIR'."""
        if self.kind == "wrong":
            return "HOLE" if self.earned >= self.points else "ok"
        return "ok" if self.earned >= self.points else "UNFAIR"


class _TimeUp(Exception):
    pass


def _alarm(signum, frame):
    raise _TimeUp(f"the test cell ran over {SECONDS_PER_CELL} s")


def judge_source(nb, ex: notebooks.Exercise, source: str, kind: str, why: str
                 ) -> CandidateResult:
    """Run ``source`` as the exercise's solution cell, then each of its test cells."""
    result = CandidateResult(ex.name, kind, why, 0.0, ex.points)
    for index in ex.test_cells:
        cell = nb.cells[index]
        points = float(notebooks.nbgrader_meta(cell).get("points", 0))
        expected = judge.run_hidden(judge.hidden_source(cell.source),
                                    judge.reference_namespace(ex.week, ex.notebook))
        namespace = judge.reference_namespace(ex.week, ex.notebook)
        previous = signal.signal(signal.SIGALRM, _alarm)
        signal.alarm(SECONDS_PER_CELL)
        try:
            exec(compile(source, "<candidate>", "exec"), namespace)  # noqa: S102 - reviewer code
            received = judge.run_hidden(judge.whole_source(cell.source), namespace,
                                        "test cell")
        except BaseException as exc:  # noqa: BLE001 - a candidate may raise anything
            if isinstance(exc, KeyboardInterrupt):
                raise
            first = str(exc).strip().splitlines()[0][:160] if str(exc).strip() else ""
            result.cells.append(f"cell {index}: stopped: {type(exc).__name__}: {first}")
            continue
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)
        verdict = judge.judge(expected, received)
        if verdict.passed:
            result.earned += points
            result.cells.append(f"cell {index}: passed")
        else:
            result.cells.append(f"cell {index}: hidden: {verdict.text().splitlines()[0][:160]}")
    return result


def _load(path: Path):
    spec = importlib.util.spec_from_file_location(f"candidates_{path.stem}", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"{path}: not a Python file")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def judge_file(path: Path, week: str, notebook: str | None = None) -> list[CandidateResult]:
    """Every candidate of ``path`` judged against ``week``'s notebook ``notebook`` (the only
    one when the week has one)."""
    paths = notebooks.week_notebooks(week)
    if notebook:
        paths = [p for p in paths if p.stem == notebook]
    if len(paths) != 1:
        raise SystemExit(f"{week}: name one notebook of {[p.stem for p in paths]}")
    nb = notebooks.read(paths[0])
    by_name = {ex.name: ex for ex in notebooks.exercises(nb, week, paths[0].stem)}
    module = _load(path)
    results = []
    for kind, table in (("wrong", getattr(module, "WRONG", {})),
                        ("right", getattr(module, "RIGHT", {}))):
        for name, entries in table.items():
            if name not in by_name:
                raise SystemExit(f"{path}: {name!r} is not an exercise of {paths[0].name} "
                                 f"({', '.join(by_name)})")
            for why, source in entries:
                results.append(judge_source(nb, by_name[name], source, kind, why))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("candidates", type=Path, help="the candidates file (WRONG, RIGHT)")
    parser.add_argument("week", help="e.g. week04")
    parser.add_argument("notebook", nargs="?", help="the notebook's name, if the week has two")
    parser.add_argument("--json", type=Path, help="also write the results here as JSON")
    args = parser.parse_args(argv)
    results = judge_file(args.candidates, args.week, args.notebook)
    for r in results:
        print(f"{r.verdict:6} {r.kind:5} {r.exercise}: {r.why}  [{r.earned:g}/{r.points:g}]")
        for line in r.cells:
            print(f"         {line}")
    holes = sum(r.verdict == "HOLE" for r in results)
    unfair = sum(r.verdict == "UNFAIR" for r in results)
    wrong = sum(r.kind == "wrong" for r in results)
    print(f"\n{wrong} wrong candidate(s): {holes} earned every point (holes); "
          f"{len(results) - wrong} correct candidate(s): {unfair} lost points")
    if args.json:
        args.json.write_text(json.dumps([asdict(r) | {"verdict": r.verdict} for r in results],
                                        indent=1))
    return 1 if holes or unfair else 0


if __name__ == "__main__":
    sys.exit(main())

"""Grading throughput: plain nbgrader against dlgrade, on the same submissions.

    python benchmarks/grading.py [--week week02] [--copies 1] [--runs raw,dlgrade-2,...]
                                 [--out benchmarks/results]

Builds a scratch course with the week's sample class (the generated students, minus the
corrupted file, times ``--copies``), then times, one after the other:

1. ``raw``: executing every submission with nbclient, one at a time, exactly the cells dlgrade
   runs (hidden tests restored, demo cells skipped, figures not drawn), no grading at all;
2. ``nbgrader``: plain ``nbgrader autograde`` of the class, serial (nbgrader's own way);
3. ``dlgrade-1``: ``dlgrade grade --workers 1`` (sandboxed, judged outside the kernel, common
   mistakes named, warm sandboxes: the kernel's imports paid once per worker);
4. ``dlgrade-1-cold``: the same with a new sandbox and kernel for every notebook (``--cold``);
5. ``dlgrade-1-no-mistakes``: ``dlgrade-1`` without naming common mistakes;
6. ``dlgrade-2``: ``dlgrade grade --workers 2``.

Each grader starts from its own copy of the course, so none finds the work of another (nor the
catalogue's cached records: each dlgrade run computes them). Targets: dlgrade-1's time per
submission ≤ 0.5 × raw execution's; nbgrader's time ≥ 5 × dlgrade-2's on a 2-core machine;
naming mistakes costs ≤ 10 % (dlgrade-1 against dlgrade-1-no-mistakes). Results are printed and
written as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from autograder import collect, grade, release, sample_class  # noqa: E402
from autograder.course import Course  # noqa: E402
from autograder.nbgrader_guard import PLAIN_AUTOGRADE_OPTION  # noqa: E402


def _class(course: Course, week: str, copies: int, scratch: Path) -> int:
    lms = scratch / "lms"
    files = sample_class.write_sample_class(course, week, lms)
    for path in files:
        if path.name.startswith("corrupted_"):
            path.unlink()
            continue
        for k in range(1, copies):
            shutil.copy(path, lms / f"copy{k}-{path.name}")
    report = collect.collect(course, week, lms)
    return len(report.imported)


def _copy(course: Course, scratch: Path, name: str) -> Course:
    dest = scratch / name
    shutil.copytree(course.root, dest, symlinks=True)
    return Course.open(dest)


def time_raw(course: Course, week: str) -> float:
    from nbclient import NotebookClient

    # The notebooks exactly as dlgrade executes them (hidden tests in, demo cells out).
    prepared = []
    for student in course.students(week):
        for path in sorted(course.submitted_dir(student, week).glob("*.ipynb")):
            prepared.append(grade.prepare(course, week, path.stem, student, path))
    start = time.perf_counter()
    env = {"NBGRADER_EXECUTION": "autograde", "MPLBACKEND": "Agg", "OMP_NUM_THREADS": "1"}
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        for nb in prepared:
            try:
                NotebookClient(nb, timeout=120, allow_errors=True, kernel_name="python3",
                               extra_arguments=["--InlineBackend.figure_formats=set()"],
                               resources={"metadata": {"path": tempfile.gettempdir()}}
                               ).execute()
            except Exception:  # noqa: BLE001 - a kernel that dies is part of the class
                pass
    finally:
        for key, value in old.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return time.perf_counter() - start


def time_nbgrader(course: Course, week: str) -> float:
    import subprocess

    start = time.perf_counter()
    nbgrader = str(Path(sys.executable).parent / "nbgrader")
    # Exits 1 when a submission fails to grade (the kernel_dies student does): that is part
    # of what is measured, not an error of the benchmark.
    # The course refuses nbgrader's own autograde (autograder/nbgrader_guard.py): restore
    # nbgrader's default steps for this comparison.
    subprocess.run([nbgrader, "autograde", week, "--force",
                    "--ExecutePreprocessor.timeout=120", PLAIN_AUTOGRADE_OPTION],
                   cwd=course.root, check=False, capture_output=True)
    return time.perf_counter() - start


def time_dlgrade(course: Course, week: str, workers: int, warm: bool = True,
                 mistakes: bool = True) -> float:
    start = time.perf_counter()
    grade.grade_week(course, week, workers=workers, progress=False, force=True, warm=warm,
                     mistakes=mistakes)
    return time.perf_counter() - start


TARGETS = {
    "dlgrade1_over_raw": ("<=", 0.5, "dlgrade --workers 1 time / raw execution"),
    "nbgrader_over_dlgrade2": (">=", 5.0, "plain nbgrader time / dlgrade --workers 2"),
    "mistakes_cost": ("<=", 1.10, "dlgrade with / without naming mistakes"),
}

RUNS = {
    "raw": time_raw,
    "nbgrader": time_nbgrader,
    "dlgrade-1": lambda c, w: time_dlgrade(c, w, 1),
    "dlgrade-1-cold": lambda c, w: time_dlgrade(c, w, 1, warm=False),
    "dlgrade-1-no-mistakes": lambda c, w: time_dlgrade(c, w, 1, mistakes=False),
    "dlgrade-2": lambda c, w: time_dlgrade(c, w, 2),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--week", default="week02", help="the week whose sample class is used")
    parser.add_argument("--copies", type=int, default=1, help="copies of the sample class")
    parser.add_argument("--runs", default=",".join(RUNS),
                        help=f"which to time, comma-separated (of {', '.join(RUNS)})")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results",
                        help="folder for the JSON results")
    args = parser.parse_args()
    chosen = [r for r in args.runs.split(",") if r]
    unknown = set(chosen) - set(RUNS)
    if unknown:
        parser.error(f"unknown runs: {', '.join(sorted(unknown))}")
    with tempfile.TemporaryDirectory(prefix="dlgrade-bench-") as tmp:
        scratch = Path(tmp)
        base = Course.open(scratch / "base", create=True)
        release.release_week(base, args.week)
        n = _class(base, args.week, args.copies, scratch)
        grade.expected_records(base, args.week, base.notebook_names(args.week)[0])  # warm cache
        seconds = {}
        for name in chosen:
            seconds[name] = RUNS[name](_copy(base, scratch, name), args.week)
            print(f"{name:<22} {seconds[name]:7.1f} s  {seconds[name] / n:6.2f} s/submission",
                  flush=True)
    ratios = {
        "dlgrade1_over_raw": ("dlgrade-1", "raw"),  # target <= 0.5
        "dlgrade1_cold_over_raw": ("dlgrade-1-cold", "raw"),
        "nbgrader_over_dlgrade2": ("nbgrader", "dlgrade-2"),  # target >= 5
        "nbgrader_over_dlgrade1": ("nbgrader", "dlgrade-1"),
        "mistakes_cost": ("dlgrade-1", "dlgrade-1-no-mistakes"),  # target <= 1.10
    }
    result = {"week": args.week, "submissions": n, "seconds": seconds,
              **{k: seconds[a] / seconds[b] for k, (a, b) in ratios.items()
                 if a in seconds and b in seconds},
              "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                          "load_average": os.getloadavg()}}
    print(json.dumps({k: v for k, v in result.items() if k != "seconds"}, indent=2))
    for key, (op, target, what) in TARGETS.items():
        if key in result:
            met = result[key] <= target if op == "<=" else result[key] >= target
            print(f"{what}: {result[key]:.2f} (target {op} {target}: "
                  f"{'met' if met else 'NOT met'})")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"grading-{args.week}.json").write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

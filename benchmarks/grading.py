"""Grading throughput: plain nbgrader against dlgrade, on the same submissions.

    python benchmarks/grading.py [--week week02] [--copies 1] [--out benchmarks/results]

Builds a scratch course with the week's sample class (the generated students, minus the
corrupted file, times ``--copies``), then times, one after the other:

1. ``raw``: executing every submission with nbclient, one at a time, exactly the cells dlgrade
   runs (hidden tests restored, demo cells skipped, figures not drawn), no grading at all;
2. ``nbgrader``: plain ``nbgrader autograde`` of the class, serial (nbgrader's own way);
3. ``dlgrade-1``: ``dlgrade grade --workers 1`` (sandboxed, judged outside the kernel);
4. ``dlgrade-2``: ``dlgrade grade --workers 2``.

Each grader starts from its own copy of the course, so none finds the work of another. The
figures of merit: dlgrade's time per submission over raw execution's (overhead; aim ≤ 1.2 with
one worker) and nbgrader's time over dlgrade's (throughput; aim ≥ 1.8 with two workers on a
2-core machine). Results are printed and written as JSON.
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


def time_dlgrade(course: Course, week: str, workers: int) -> float:
    start = time.perf_counter()
    grade.grade_week(course, week, workers=workers, progress=False, force=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--week", default="week02", help="the week whose sample class is used")
    parser.add_argument("--copies", type=int, default=1, help="copies of the sample class")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results",
                        help="folder for the JSON results")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dlgrade-bench-") as tmp:
        scratch = Path(tmp)
        base = Course.open(scratch / "base", create=True)
        release.release_week(base, args.week)
        n = _class(base, args.week, args.copies, scratch)
        grade.expected_records(base, args.week, base.notebook_names(args.week)[0])  # warm cache
        runs = {
            "raw": lambda: time_raw(_copy(base, scratch, "raw"), args.week),
            "nbgrader": lambda: time_nbgrader(_copy(base, scratch, "nbgrader"), args.week),
            "dlgrade-1": lambda: time_dlgrade(_copy(base, scratch, "dl1"), args.week, 1),
            "dlgrade-2": lambda: time_dlgrade(_copy(base, scratch, "dl2"), args.week, 2),
        }
        seconds = {}
        for name, run in runs.items():
            seconds[name] = run()
            print(f"{name:<10} {seconds[name]:7.1f} s  {seconds[name] / n:6.2f} s/submission",
                  flush=True)
    result = {
        "week": args.week, "submissions": n, "seconds": seconds,
        "overhead_dlgrade1_over_raw": seconds["dlgrade-1"] / seconds["raw"],
        "overhead_dlgrade2_over_raw": seconds["dlgrade-2"] / seconds["raw"],
        "speedup_dlgrade2_over_nbgrader": seconds["nbgrader"] / seconds["dlgrade-2"],
        "speedup_dlgrade1_over_nbgrader": seconds["nbgrader"] / seconds["dlgrade-1"],
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "load_average": os.getloadavg()},
    }
    print(json.dumps({k: v for k, v in result.items() if k != "seconds"}, indent=2))
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"grading-{args.week}.json").write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

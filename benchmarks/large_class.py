"""A large class graded in one run, killed half-way with ``kill -9`` and resumed.

    python benchmarks/large_class.py [--week week02] [--students 500] [--workers 2]
                                     [--kill-at 0.5] [--out benchmarks/results]

Builds a scratch course whose class is the week's sample class (minus the corrupted file)
copied until it has ``--students`` submissions, then, as an instructor would, with the
``dlgrade`` command line:

1. ``dlgrade grade WEEK``, killed with SIGKILL once ``--kill-at`` of the class is graded
   (0 grades without a kill);
2. ``dlgrade grade WEEK`` again: it resumes, grading only what was not graded;
3. ``dlgrade feedback WEEK``.

It reports the wall time of each step, the grader's peak memory (the largest resident size of
the grading process, read from /proc while it runs; the sandboxes are separate processes) and
checks that every submission has exactly one grade in the gradebook, an autograded notebook
and a feedback page.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from grading import _class  # noqa: E402

from autograder import release, sample_class  # noqa: E402
from autograder.course import Course  # noqa: E402


def _peak_rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _dlgrade(course: Course, *args: str, kill_when=None) -> dict:
    """Run ``dlgrade --course COURSE ARGS``; kill it with SIGKILL as soon as ``kill_when()``."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "autograder", "--course", str(course.root),
                             *args, "--quiet"] if args[0] == "grade" else
                            [sys.executable, "-m", "autograder", "--course", str(course.root),
                             *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak, killed = 0.0, False
    while proc.poll() is None:
        peak = max(peak, _peak_rss_mb(proc.pid))
        if kill_when is not None and not killed and kill_when():
            os.kill(proc.pid, signal.SIGKILL)
            killed = True
        time.sleep(0.2)
    output = proc.stdout.read()
    said = [ln for ln in output.splitlines() if " graded " in ln or "feedback file" in ln]
    return {"seconds": time.perf_counter() - start, "peak_rss_mb": round(peak, 1),
            "returncode": proc.returncode, "killed": killed, "said": said,
            "output": output[-2000:]}


def _comm(proc: Path) -> str:
    try:
        return (proc / "comm").read_text().strip()
    except OSError:
        return ""


def _graded(course: Course, week: str) -> int:
    return sum(1 for _ in course.root.glob(f"autograded/*/{week}/*.ipynb"))


def _check(course: Course, week: str, expected: int) -> dict:
    """One grade per submission in the gradebook, and its autograded notebook and feedback."""
    students = course.students(week)
    names = course.notebook_names(week)
    with course.gradebook() as gb:
        submissions = gb.assignment_submissions(week)
        per_student: dict[str, int] = {}
        scored = 0
        for sub in submissions:
            per_student[sub.student.id] = per_student.get(sub.student.id, 0) + 1
            scored += all(nb.score is not None for nb in sub.notebooks)
    feedback = sum(1 for s in students for n in names
                   if (course.root / "feedback" / s / week / f"{n}.html").exists())
    autograded = sum(1 for s in students for n in names
                     if (course.autograded_dir(s, week) / f"{n}.ipynb").exists())
    return {"students": len(students), "expected": expected,
            "gradebook_submissions": len(submissions),
            "students_with_more_than_one": sum(1 for v in per_student.values() if v != 1),
            "scored": scored, "autograded": autograded, "feedback_pages": feedback,
            "ok": (len(students) == expected == len(submissions) == scored
                   and autograded == feedback == expected * len(names)
                   and all(v == 1 for v in per_student.values()))}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--week", default="week02")
    parser.add_argument("--students", type=int, default=500)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--kill-at", type=float, default=0.5,
                        help="share of the class graded when the grader is killed (0: no kill)")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dlgrade-large-") as tmp:
        scratch = Path(tmp)
        course = Course.open(scratch / "course", create=True)
        release.release_week(course, args.week)
        per_class = len(sample_class.KINDS) - 1  # the corrupted file is left out
        n = _class(course, args.week, math.ceil(args.students / per_class), scratch)
        print(f"{n} submissions of {args.week}", flush=True)
        steps = {}
        if args.kill_at > 0:
            target = int(n * args.kill_at)
            steps["grade_killed"] = _dlgrade(course, "grade", args.week, "--workers",
                                             str(args.workers),
                                             kill_when=lambda: _graded(course, args.week) >= target)
            steps["grade_killed"]["graded_before_kill"] = _graded(course, args.week)
            time.sleep(2)
            steps["grade_killed"]["sandboxes_left_after_kill"] = sum(  # they die with it
                1 for p in Path("/proc").iterdir() if p.name.isdigit() and _comm(p) == "bwrap")
        steps["grade"] = _dlgrade(course, "grade", args.week, "--workers", str(args.workers))
        steps["feedback"] = _dlgrade(course, "feedback", args.week)
        check = _check(course, args.week, n)
    for name, step in steps.items():
        print(f"{name:<14} {step['seconds']:7.1f} s  peak {step['peak_rss_mb']:7.1f} MiB  "
              f"rc {step['returncode']}  {' / '.join(step['said'])}")
    print(json.dumps(check, indent=2))
    result = {"week": args.week, "submissions": n, "workers": args.workers,
              "steps": steps, "check": check, "cpus": os.cpu_count()}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"large-class-{args.week}.json").write_text(json.dumps(result, indent=2))
    return 0 if check["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())

"""The students' feedback pages: nbgrader's generate_feedback for a week or several, made
readable by `autograder.feedback_page`; and which graded students handed nothing in."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from autograder import feedback_page
from autograder.course import Course, GradingError

__all__ = ["feedback_week", "feedback_weeks", "missing_students"]


def feedback_week(course: Course, week: str, students: list[str] | None = None,
                  workers: int = 2) -> list[Path]:
    """HTML feedback (nbgrader's generate_feedback, hidden tests removed) for each graded
    student (those who handed nothing in, graded zero from the roster, included).

    nbconvert takes a second or two per notebook, so students are spread over ``workers``
    processes (each with its own gradebook connection, reading only).
    """
    return feedback_weeks(course, [week], students, workers)


def feedback_weeks(course: Course, weeks: list[str], students: list[str] | None = None,
                   workers: int = 2) -> list[Path]:
    """`feedback_week` of several weeks with one pool of processes: each process imports
    nbgrader and nbconvert once (seconds), not once per week."""
    jobs = []
    for week in weeks:
        # every graded student, those of the roster who handed nothing in included
        graded = sorted(p.parent.name for p in (course.root / "autograded").glob(f"*/{week}"))
        jobs += [(week, s) for s in (students or graded)
                 if course.autograded_dir(s, week).exists()]
    args = [(str(course.root), str(course.weeks_root), course.db_url, week, s)
            for week, s in jobs]
    if workers <= 1 or len(args) <= 1:
        errors = [_feedback_one(*a) for a in args]
    else:
        context = multiprocessing.get_context("spawn")  # no fork of a threaded grader
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            errors = list(pool.map(_feedback_one, *zip(*args, strict=True)))
    failed = [e for e in errors if e]
    if failed:
        raise GradingError("feedback failed:\n" + "\n".join(failed))
    return [p for week, s in jobs for p in sorted(course.feedback_dir(s, week).glob("*.html"))]


def _feedback_one(root: str, weeks_root: str, db_url: str, week: str, student: str) -> str:
    """Feedback of one student; '' when it worked, else what went wrong."""
    course = Course(Path(root), weeks_root=Path(weeks_root), db_url=db_url)
    result = course.api().generate_feedback(week, student, force=True)
    if result.get("success"):
        for page in course.feedback_dir(student, week).glob("*.html"):
            graded = course.autograded_dir(student, week) / f"{page.stem}.ipynb"
            if graded.exists():
                feedback_page.improve(page, graded)
        return ""
    return f"{student}/{week}: {result.get('error') or result.get('log', '')}"


def missing_students(course: Course, week: str) -> list[str]:
    """Students graded for ``week`` who handed nothing in: every notebook of theirs was graded
    zero as "missing" (a roster student with no file). One who handed in an unreadable file
    (a ``.py``, broken JSON) did hand in, and is not here."""
    import json

    status: dict[str, set[str]] = {}
    for path in (course.root / "autograded").glob(f"*/{week}/*.ipynb"):
        try:
            meta = json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
        except (OSError, ValueError):
            meta = {}
        run = meta.get("dlgrade", {}).get("run", {}) if isinstance(meta, dict) else {}
        status.setdefault(path.parent.parent.name, set()).add(run.get("status", "ok"))
    return sorted(s for s, found in status.items() if found == {"missing"})

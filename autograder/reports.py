"""What comes out of the gradebook: feedback, CSV exports, the gradebook table, the manifest."""

from __future__ import annotations

import csv
import io
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from autograder import feedback_page
from autograder.course import Course, GradingError
from autograder.notebooks import REPO, exercises, read, week_dirs, week_notebooks

__all__ = ["feedback_week", "feedback_weeks", "score_rows", "question_rows", "write_csv",
           "gradebook_table", "manifest", "missing_students"]


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


def _submissions(gb, weeks: list[str] | None):
    """(assignment, submission) pairs of the gradebook, in order, for the weeks given."""
    for assignment in sorted(gb.assignments, key=lambda a: a.name):
        if weeks and assignment.name not in weeks:
            continue
        for sub in sorted(assignment.submissions, key=lambda s: s.student.id):
            yield assignment, sub


def score_rows(course: Course, weeks: list[str] | None = None) -> list[dict]:
    """One row per (student, assignment): score and max score."""
    with course.gradebook() as gb:
        return [{"student_id": sub.student.id, "assignment": assignment.name,
                 "score": round(sub.score, 3), "max_score": sub.max_score}
                for assignment, sub in _submissions(gb, weeks)]


def wide_rows(course: Course, weeks: list[str] | None = None) -> tuple[list[dict], list[str]]:
    """One row per student, a column per assignment (the score; empty when nothing was
    graded) and a total: the shape an LMS gradebook imports. Returns (rows, columns)."""
    rows = score_rows(course, weeks)
    assignments = sorted({r["assignment"] for r in rows})
    by_student: dict[str, dict] = {}
    for r in rows:
        row = by_student.setdefault(r["student_id"], {"student_id": r["student_id"]})
        row[r["assignment"]] = r["score"]
    tops = {r["assignment"]: r["max_score"] for r in rows}
    for row in by_student.values():
        row["total"] = round(sum(row.get(a, 0) for a in assignments), 3)
    columns = ["student_id", *assignments, "total"]
    points = {"student_id": "(points possible)", **tops, "total": sum(tops.values())}
    return [points, *(by_student[s] for s in sorted(by_student))], columns


def question_rows(course: Course, weeks: list[str] | None = None) -> list[dict]:
    """One row per (student, assignment, notebook, grade cell)."""
    with course.gradebook() as gb:
        return [{"student_id": sub.student.id, "assignment": assignment.name,
                 "notebook": nb.name, "grade_id": grade.name, "score": grade.score,
                 "max_score": grade.max_score}
                for assignment, sub in _submissions(gb, weeks)
                for nb in sorted(sub.notebooks, key=lambda n: n.name)
                for grade in sorted(nb.grades, key=lambda g: g.name)]


def write_csv(rows: list[dict], path: Path | None, columns: list[str]) -> str:
    """Write rows as CSV to ``path`` (or return the text when ``path`` is None)."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    if path is not None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(buf.getvalue(), encoding="utf-8")
    return buf.getvalue()


def gradebook_table(course: Course, weeks: list[str] | None = None) -> str:
    """The gradebook as a plain-text table: a row per student, a column per week."""
    rows = score_rows(course, weeks)
    weeks = sorted({r["assignment"] for r in rows})
    students = sorted({r["student_id"] for r in rows})
    cell = {(r["student_id"], r["assignment"]): r for r in rows}
    header = ["student"] + weeks + ["total"]
    lines = []
    for student in students:
        got = [cell.get((student, w)) for w in weeks]
        total = sum(r["score"] for r in got if r)
        total_max = sum(r["max_score"] for r in got if r)
        lines.append([student] + [f"{r['score']:g}/{r['max_score']:g}" if r else "-"
                                  for r in got] + [f"{total:g}/{total_max:g}"])
    columns = zip(header, *lines, strict=True)
    widths = [max(len(str(x)) for x in col) for col in columns] if lines else []

    def fmt(row: list) -> str:
        return "  ".join(str(x).ljust(w) for x, w in zip(row, widths, strict=True))

    out = [fmt(header), fmt(["-" * w for w in widths])] + [fmt(r) for r in lines]
    return "\n".join(out) if lines else "(the gradebook has no graded submissions)"


def manifest(root: Path = REPO, weeks: list[str] | None = None) -> list[dict]:
    """Every graded exercise: week, notebook, exercise, solution cell, test cells, points."""
    rows = []
    for week_dir in week_dirs(root):
        if weeks and week_dir.name not in weeks:
            continue
        for path in week_notebooks(week_dir.name, root):
            for ex in exercises(read(path), week_dir.name, path.stem):
                rows.append({"week": ex.week, "notebook": str(path.relative_to(root)),
                             "exercise": ex.name, "solution_cell": ex.name,
                             "test_cells": ex.test_ids, "points": ex.points})
    return rows

"""What comes out of the gradebook as tables: score rows (per assignment, per question, one
row per student), their CSVs, the gradebook table printed in the terminal; and the manifest of
every graded exercise. The students' feedback pages are `autograder.feedback`'s."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from autograder.course import Course
from autograder.notebooks import REPO, exercises, read, week_dirs, week_notebooks

__all__ = ["score_rows", "question_rows", "wide_rows", "write_csv", "gradebook_table",
           "manifest"]


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


def write_csv(rows: list[dict], path: Path | None, columns: list[str],
              quoting: int = csv.QUOTE_MINIMAL) -> str:
    """Write rows as CSV to ``path`` (or return the text when ``path`` is None); keys of a
    row that are not among ``columns`` are left out."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n", quoting=quoting,
                            extrasaction="ignore")
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

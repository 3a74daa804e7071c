"""Grades back into an LMS: the file its grade import reads (``dlgrade export --lms NAME``).

One row per student of the roster `autograder.lms` matched (the LMS's own identity cells,
copied), the week's score in the LMS's column for it. What each LMS's import matches on,
and where that was learnt, is in `autograder.lms`'s table:

==========  ===========================================================================
Canvas      ``Student, ID, SIS User ID, SIS Login ID, Section``, a column per week, a
            ``Points Possible`` row (Grades → Import)
Moodle      the grading worksheet given, its ``Grade`` filled in (Upload grading worksheet)
Blackboard  ``Last Name, First Name, Username``, the week's column, every field quoted
            (Grade Center → Work Offline → Upload)
Gradescope  ``Name, SID, Email, Total Score, Max Points, Status``: its own grade export's
            layout (Gradescope imports no grades)
==========  ===========================================================================
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from autograder.course import Course, GradingError
from autograder.exports import score_rows, write_csv
from autograder.lms import LMS_NAMES, Roster, RosterEntry, identities

__all__ = ["export_rows", "write_lms_csv"]

_CANVAS_IDENTITY = ("Student", "ID", "SIS User ID", "SIS Login ID", "Integration ID",
                    "Root Account", "Section")
# Canvas's read-only totals: "Current Score", "Homework Final Points", "Override Grade", …
_CANVAS_TOTALS = re.compile(r"(Current|Final) (Points|Score|Grade)$|^Override (Score|Grade)$"
                            r"|^Notes$")
_BLACKBOARD_IDENTITY = ("Last Name", "First Name", "Username", "Student ID", "Last Access",
                        "Availability", "Child Course ID")


def _week_column(week: str, columns: list[str], lms: str) -> str | None:
    """The roster's column for ``week`` (``Week 7: CNNs (4521)`` for week07), or None; more
    than one is an error."""
    found = re.fullmatch(r"([A-Za-z_]+?)[_ -]?0*(\d+)", week)
    if found:
        pattern = re.compile(rf"\b{re.escape(found.group(1))}[\s_-]*0*{found.group(2)}\b",
                             re.IGNORECASE)
    else:
        pattern = re.compile(rf"\b{re.escape(week)}\b", re.IGNORECASE)
    fits = [c for c in columns if pattern.search(c)]
    if len(fits) > 1:
        raise GradingError(f"several {lms} columns could hold {week}: {fits}; name one with "
                           f"--column {week}=COLUMN")
    return fits[0] if fits else None


def _points_in(column: str, roster: Roster) -> float | None:
    """Points possible the LMS gives a column (Canvas's row, Blackboard's header)."""
    if roster.lms == "canvas":
        try:
            return float(roster.points.get(column, ""))
        except ValueError:
            return None
    found = re.search(r"Total Pts:\s*(?:up to\s*)?([\d.]+)", column)
    return float(found.group(1)) if found else None


def _fmt(x: float) -> str:
    return f"{round(x, 2):g}"


def export_rows(course: Course, weeks: list[str], lms: str, roster: Roster | None,
                columns: dict[str, str] | None = None
                ) -> tuple[list[dict], list[str], list[str]]:
    """The rows of ``lms``'s grade import for ``weeks``: ``(rows, header, notes)``.

    One row per roster student (the LMS's own identity cells, copied), the week's score in
    the LMS's column for it (``columns`` names it, else the roster's column that names the
    week, else a new column). Where the LMS's column is worth other points than the week,
    the score is scaled to them, and a note says so. Students graded but not on the roster
    are left out, and named in a note.
    """
    from autograder.feedback import missing_students

    if lms not in LMS_NAMES:
        raise GradingError(f"unknown LMS {lms!r}: one of {', '.join(LMS_NAMES)}")
    graded = {(r["student_id"], r["assignment"]): r for r in score_rows(course, weeks)}
    weeks = weeks or sorted({w for _, w in graded})
    if not weeks:
        raise GradingError("nothing is graded yet: run `dlgrade grade` first")
    tops = {w: max((r["max_score"] for (_, wk), r in graded.items() if wk == w), default=0)
            for w in weeks}
    notes: list[str] = []
    if lms in ("moodle", "gradescope") and len(weeks) != 1:
        raise GradingError(f"{lms}'s grade file is one assignment's: export one week at a time "
                           f"(dlgrade export WEEK --lms {lms})")
    if roster is None or roster.lms != lms:
        if lms in ("canvas", "moodle"):
            what = {"canvas": "Canvas's gradebook export (Grades → Export)",
                    "moodle": "the assignment's grading worksheet"}[lms]
            had = f" (the roster kept is a {roster.lms} one)" if roster else ""
            raise GradingError(f"--lms {lms} writes its rows from {what}{had}: pass that file "
                               "as --roster")
        roster = _roster_from_identities(course, weeks, lms)
    columns = dict(columns or {})
    for week in weeks:
        if week not in columns:
            columns[week] = (_week_column(week, _grade_columns(roster), lms)
                             if roster.lms == lms else None) or _new_column(week, lms, tops)
    missing = set(missing_students(course, weeks[0])) if lms == "gradescope" else set()
    rows = []
    for entry in roster.entries:
        row = _identity_cells(entry, roster, lms)
        for week in weeks:
            got = graded.get((entry.student, week))
            if got is None:
                value = ""  # nothing graded: the LMS keeps what it has
            else:
                theirs = _points_in(columns[week], roster) if lms != "moodle" else \
                    _float(entry.row.get("Maximum Grade"))
                value = got["score"]
                if theirs and tops[week] and abs(theirs - tops[week]) > 1e-9:
                    value = value * theirs / tops[week]
                    note = (f"{week}: scores scaled from {tops[week]:g} points to the "
                            f"{theirs:g} that {lms}'s column {columns[week]!r} is worth")
                    if note not in notes:
                        notes.append(note)
                value = _fmt(value)
            row["Grade" if lms == "moodle" else columns[week]] = value
        if lms == "gradescope":  # Gradescope's own words for a graded and an absent student
            week = weeks[0]
            absent = entry.student in missing or (entry.student, week) not in graded
            row.update({"Total Score": row.pop(columns[week]), "Max Points": _fmt(tops[week]),
                        "Status": "Missing" if absent else "Graded"})
        rows.append(row)
    header = _header(roster, lms, weeks, columns)
    if lms == "canvas":
        points = {h: "" for h in header}
        points["Student"] = "Points Possible"
        for week in weeks:
            theirs = _points_in(columns[week], roster)
            points[columns[week]] = _fmt(theirs or tops[week])
        rows.insert(0, points)
    outside = sorted({s for s, _ in graded} - set(roster.students()))
    if outside:
        notes.append(f"{len(outside)} graded student(s) are not on the roster and were left "
                     f"out: {', '.join(outside[:10])}{' …' if len(outside) > 10 else ''}")
    return rows, header, notes


def _float(text: str | None) -> float | None:
    try:
        return float(text or "")
    except ValueError:
        return None


def _grade_columns(roster: Roster) -> list[str]:
    """The roster's columns that hold an assignment's grades."""
    if roster.lms == "canvas":
        return [h for h in roster.header
                if h not in _CANVAS_IDENTITY and not _CANVAS_TOTALS.search(h)]
    if roster.lms == "blackboard":
        return [h for h in roster.header if h not in _BLACKBOARD_IDENTITY]
    return []


def _new_column(week: str, lms: str, tops: dict[str, float]) -> str:
    if lms == "blackboard":  # no "|ID": Blackboard creates the column
        return f"{week} [Total Pts: {tops[week]:g} Score]"
    return week


def _identity_cells(entry: RosterEntry, roster: Roster, lms: str) -> dict[str, str]:
    row = entry.row
    if lms == "canvas":
        return {h: row.get(h, "") for h in roster.header if h in _CANVAS_IDENTITY}
    if lms == "moodle":
        return dict(row)
    if lms == "blackboard":
        return {h: row.get(h, "") for h in ("Last Name", "First Name", "Username")}
    return {"Name": entry.name, "SID": entry.keys.get("sid", ""),
            "Email": entry.keys.get("email", "")}


def _header(roster: Roster, lms: str, weeks: list[str], columns: dict[str, str]) -> list[str]:
    if lms == "canvas":
        return [h for h in roster.header if h in _CANVAS_IDENTITY] + \
            [columns[w] for w in weeks]
    if lms == "moodle":
        return list(roster.header) + ([] if "Grade" in roster.header else ["Grade"])
    if lms == "blackboard":
        return ["Last Name", "First Name", "Username"] + [columns[w] for w in weeks]
    return ["Name", "SID", "Email", "Total Score", "Max Points", "Status"]


def _roster_from_identities(course: Course, weeks: list[str], lms: str) -> Roster:
    """Blackboard's and Gradescope's rows without a roster: every graded student, with what
    collect recorded (Blackboard matches on the user name, which is the student id)."""

    found: dict[str, dict] = {}
    for week in weeks:
        for student, fields in identities(course, week).items():
            found.setdefault(student, fields)
    entries = []
    for student in sorted({r["student_id"] for r in score_rows(course, weeks)}):
        fields = found.get(student, {})
        if lms == "blackboard":
            keys = {"username": student}
            row = {"Last Name": "", "First Name": "", "Username": student}
        else:
            keys = {k: str(fields[k]) for k in ("sid", "email") if fields.get(k)} or \
                {"sid": student}
            row = {}
        entries.append(RosterEntry(fields.get("name", ""), keys, row, student))
    return Roster(lms, [], entries, source="collected identities")


def write_lms_csv(rows: list[dict], header: list[str], path: Path | None, lms: str) -> str:
    """The CSV text (written to ``path`` when given). Blackboard's upload wants every field
    quoted in a comma-separated file."""
    return write_csv(rows, path, header,
                     csv.QUOTE_ALL if lms == "blackboard" else csv.QUOTE_MINIMAL)

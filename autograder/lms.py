"""Learning platforms (Canvas, Moodle, Blackboard, Gradescope): who is who, and grades back.

Three steps, in the order of a week:

1. ``record_identities`` (called by `collect`): the identifiers an LMS's file names carry
   are kept per week in ``COURSE/lms/WEEK.json``, beside the gradebook: Canvas's login part,
   user ID, submission (file) ID and ``late_`` marker; Moodle's participant ID; Blackboard's
   user name; Gradescope's SID, e-mail and name. Files handed in that are not notebooks (a
   ``.py``) are recorded there too, so the grader can say the file was unreadable, not
   missing.
2. ``read_roster`` / ``match_roster`` (``dlgrade grade --roster``): the LMS's own gradebook
   or class list, its format told from its header, each row matched to the student id
   collect gave that student, through the identifiers of step 1. A roster that matches none
   of the students who handed the week in is refused: its ids would otherwise become new
   students who submitted nothing, and the class would double. The matched roster is kept
   in ``COURSE/lms/roster.json`` for step 3.
3. `autograder.lms_export` (``dlgrade export --lms NAME``): the file that LMS's grade import
   reads, one row per roster student, matched on the column that LMS matches on.

The layouts, and what each LMS matches on when it imports:

==========  =====================================================  ============================
LMS         roster (its own export)                                import matches on
==========  =====================================================  ============================
Canvas      gradebook export: ``Student, ID, SIS User ID, SIS      ``ID`` (the user ID of the
            Login ID, Section, NAME (ASSIGNMENT ID)…``, a          file names); a column
            ``Points Possible`` row second                         ``NAME (ID)`` updates that
                                                                   assignment, another name
                                                                   creates one
Moodle      the assignment's grading worksheet: ``Identifier``     ``Identifier``
            (``Participant N``), ``Full name``, …, ``Grade``,      (``Participant N``, N the
            ``Maximum Grade``, …, ``Last modified (grade)``        participant ID of the
                                                                   submission folders)
Blackboard  Grade Center download: ``Last Name, First Name,        ``Username``; a column
            Username, Student ID, …, NAME [Total Pts: P …] |ID``   ``… |ID`` updates that column
Gradescope  class roster or grade export: ``Name`` (or ``First     ``SID`` (else ``Email``)
            Name``, ``Last Name``), ``SID``, ``Email``, …
==========  =====================================================  ============================

Where they come from: Canvas's column layout and its ``Points Possible`` row, the
institutional guides on importing a gradebook CSV (e.g. the Ohio State "Import a CSV file
into Carmen Grades" guide: Student / ID / SIS User ID, SIS Login ID, Section, then assignment
columns) and files written by tools that read Canvas exports; Moodle's, its source:
``mod/assign/feedback/offline/importgradeslib.php`` (the importer looks for the columns
``Identifier``, ``Grade`` and ``Last modified (grade)`` and strips ``Participant `` from the
identifier) and ``mod/assign/locallib.php`` (the download's folder prefix is the full name
and the same participant ID, ``get_uniqueid_for_user``); Blackboard's, its help pages
"Uploading External Grade Center Items" (the user name identifies the student, a column ID
after ``|`` identifies the column, columns without one are created as text columns) and
Grade Center downloads such as ``"Quiz 3 [Total Pts: 10] |664617"``; Gradescope's, its grade
export ``Name, SID, Email, Total Score, Max Points, Status, …``. Gradescope has no CSV import
of grades into an assignment: ``--lms gradescope`` writes the layout of its grade export,
which tools that move Gradescope grades into an LMS read.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from autograder.course import Course, GradingError

__all__ = ["LMS_NAMES", "Roster", "RosterEntry", "record_identities", "identities",
           "unreadable_reason", "read_roster", "match_roster", "save_roster", "load_roster",
           "name_students"]

LMS_NAMES = ("canvas", "moodle", "blackboard", "gradescope")
STUDENT_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}$")
#: The key each LMS's rows are matched on, first to last.
MATCH_KEYS = {"canvas": ("user_id",), "moodle": ("participant",),
              "blackboard": ("username",), "gradescope": ("sid", "email"),
              "plain": ("student",)}


# ------------------------------------------------------------------------------ identities
def _lms_dir(course: Course) -> Path:
    return course.root / "lms"


def _week_file(course: Course, week: str) -> Path:
    return _lms_dir(course) / f"{week}.json"


def identities(course: Course, week: str) -> dict[str, dict]:
    """``{student: {lms, identifiers…, unreadable: {notebook: reason}}}`` recorded by
    collect for ``week`` (empty when nothing was recorded)."""
    try:
        return json.loads(_week_file(course, week).read_text(encoding="utf-8"))["students"]
    except (OSError, ValueError, KeyError):
        return {}


def record_identities(course: Course, week: str, found: dict[str, dict]) -> None:
    """Merge ``found`` (``{student: fields}``, as `identities` returns them) into the week's
    file: a student collected again is replaced, the others kept."""
    if not found:
        return
    known = identities(course, week)
    known.update(found)
    path = _week_file(course, week)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"about": "dlgrade collect: the identifiers the LMS's file names "
                                        "carry, per student id", "students": known},
                              indent=1, sort_keys=True), encoding="utf-8")
    tmp.replace(path)


def unreadable_reason(course: Course, week: str, student: str, notebook: str) -> str | None:
    """Why the file ``student`` handed in for ``notebook`` could not be imported (a ``.py``),
    or None when nothing was handed in for it."""
    return identities(course, week).get(student, {}).get("unreadable", {}).get(notebook)


# ------------------------------------------------------------------------------ rosters
@dataclass
class RosterEntry:
    """One student of a roster: the row as the LMS wrote it, and the keys it matches on."""

    name: str
    keys: dict[str, str]
    row: dict[str, str]
    student: str | None = None  # the dlgrade id, once matched


@dataclass
class Roster:
    """A class list as an LMS exports it (``lms``: one of `LMS_NAMES`, or ``plain``)."""

    lms: str
    header: list[str]
    entries: list[RosterEntry]
    points: dict[str, str] = field(default_factory=dict)  # Canvas's "Points Possible" row
    source: str = ""

    def students(self) -> list[str]:
        return [e.student for e in self.entries if e.student]


def _slug(name: str) -> str:
    """Canvas's file-name part for a name (``"Smith, Jane"`` → ``smithjane``)."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _rows(path: Path) -> list[list[str]]:
    path = Path(path)
    if not path.is_file():
        raise GradingError(f"roster {path} does not exist")
    text = path.read_text(encoding="utf-8-sig")
    dialect = "excel-tab" if "\t" in text.split("\n", 1)[0] else "excel"
    return [[c.strip() for c in r] for r in csv.reader(io.StringIO(text), dialect=dialect)
            if any(c.strip() for c in r)]


def _detect(header: list[str]) -> str | None:
    """The LMS whose export has this header, else None."""
    has = set(header)
    low = {h.lower() for h in header}
    if {"Student", "ID", "Section"} <= has and {"SIS User ID", "SIS Login ID"} & has:
        return "canvas"
    if "Identifier" in has and "Full name" in has:
        return "moodle"
    if "Username" in has and {"Last Name", "First Name"} <= has:
        return "blackboard"
    if "sid" in low and "email" in low and ({"name", "first name", "full name"} & low):
        return "gradescope"
    return None


def read_roster(path: Path) -> Roster:
    """Read a roster: an LMS's own export (told from its header) or a plain list (a column
    ``student_id``, ``id``, ``login``, ``sid`` or ``username``, else ids in the first
    column, no header). Raises `GradingError` for a file it cannot map to students."""
    path = Path(path)
    rows = _rows(path)
    if not rows:
        raise GradingError(f"roster {path} is empty")
    header, body = rows[0], rows[1:]
    lms = _detect(header)
    entries: list[RosterEntry] = []
    points: dict[str, str] = {}
    if lms is None:
        low = [h.lower() for h in header]
        if {"first name", "last name", "email address"} <= set(low) and "identifier" not in low:
            raise GradingError(
                f"roster {path} looks like Moodle's course gradebook export, which does not "
                "carry the participant IDs of the submission folders: download the "
                "assignment's grading worksheet (Assignment → View all submissions → Grading "
                "action: Download grading worksheet) and pass that as --roster")
        column = next((low.index(h) for h in ("student_id", "id", "login", "sid", "username")
                       if h in low), None)
        if column is None and any(not STUDENT_RE.match(c) for c in header if c):
            raise GradingError(
                f"roster {path}: its header {header[:6]} is not one of Canvas's gradebook, "
                "Moodle's grading worksheet, Blackboard's Grade Center, Gradescope's roster, "
                "and has no column student_id, id, login, sid or username")
        data = body if column is not None else rows
        column = column or 0
        for r in data:
            if len(r) > column and r[column]:
                entries.append(RosterEntry(r[column], {"student": r[column]},
                                           dict(zip(header, r, strict=False))))
        return Roster("plain", header, entries, source=path.name)
    for r in body:
        row = dict(zip(header, r + [""] * (len(header) - len(r)), strict=False))
        if lms == "canvas":
            name = row["Student"]
            if name.startswith("Points Possible"):
                points = row
                continue
            if name == "Student, Test" or not row["ID"]:  # Canvas's own test student
                continue
            keys = {"user_id": row["ID"]}
        elif lms == "moodle":
            number = re.search(r"(\d+)\s*$", row["Identifier"])
            if not number:
                continue
            name, keys = row["Full name"], {"participant": number.group(1)}
        elif lms == "blackboard":
            name = f"{row['Last Name']}, {row['First Name']}".strip(", ")
            keys = {"username": row["Username"]}
        else:
            low = {k.lower(): v for k, v in row.items()}
            name = low.get("name") or low.get("full name") or \
                f"{low.get('first name', '')} {low.get('last name', '')}".strip()
            keys = {k: v for k, v in (("sid", low.get("sid", "")),
                                      ("email", low.get("email", "").lower())) if v}
        if any(keys.values()):
            entries.append(RosterEntry(name, keys, row))
    if not entries:
        raise GradingError(f"roster {path} ({lms}) lists no student")
    return Roster(lms, header, entries, points, path.name)


def _index(course: Course, weeks: list[str]) -> dict[tuple[str, str], str]:
    """``{(key, value): student}`` over the identities collect recorded for ``weeks``."""
    index: dict[tuple[str, str], str] = {}
    for week in weeks:
        for student, found in identities(course, week).items():
            index[("student", student)] = student
            for key in ("user_id", "participant", "username", "sid", "email"):
                if found.get(key):
                    index[(key, str(found[key]).lower() if key == "email" else
                           str(found[key]))] = student
    return index


def _new_id(roster: Roster, entry: RosterEntry, taken: set[str]) -> str:
    """The id collect would give this student (so a later collect finds the same one)."""
    keys = entry.keys
    if roster.lms == "canvas":
        wanted = _slug(entry.name) or f"canvas{keys['user_id']}"
        if wanted in taken:
            wanted = f"{wanted}_{keys['user_id']}"
    elif roster.lms == "moodle":
        wanted = keys["participant"]
    elif roster.lms == "blackboard":
        wanted = keys["username"]
    elif roster.lms == "gradescope":
        wanted = keys.get("sid") or keys.get("email", "").split("@")[0]
    else:
        wanted = keys["student"]
    if not STUDENT_RE.match(wanted):
        raise GradingError(f"roster {roster.source}: {wanted!r} ({entry.name}) is not usable as "
                           "a student id")
    return wanted


def match_roster(course: Course, roster: Roster, week: str) -> tuple[list[str], list[str]]:
    """Give each roster entry its student id, through the identifiers collect recorded for
    ``week`` (and the other weeks). Returns ``(missing, not_on_roster)``: roster students
    who handed nothing in for ``week``, and students who did but are not on the roster.

    Raises `GradingError` when the roster matches none of the students who handed the week
    in: its ids are not the ones the submissions were collected under.
    """
    submitted = set(course.students(week))
    here = _index(course, [week])
    index = {**_index(course, course.assignments()), **here}  # this week's ids win
    taken: set[str] = set()
    for entry in roster.entries:
        student = None
        for key in MATCH_KEYS[roster.lms]:
            value = entry.keys.get(key, "")
            student = index.get((key, value.lower() if key == "email" else value))
            if roster.lms == "plain" and value in submitted:
                student = value
            if student:
                break
        if roster.lms in ("blackboard", "plain") and not student:
            student = entry.keys[MATCH_KEYS[roster.lms][0]]  # the id collect uses itself
        entry.student = student or _new_id(roster, entry, taken | submitted)
        taken.add(entry.student)
    listed = set(roster.students())
    if len(listed) < len(roster.entries):
        seen: set[str] = set()
        twice = [s for s in roster.students() if s in seen or seen.add(s)]
        raise GradingError(f"roster {roster.source}: several rows are the same student "
                           f"({', '.join(twice[:5])})")
    if submitted and not submitted & listed:
        how = {"canvas": "Canvas's ID column, the user ID collect keeps from Canvas's file "
                         "names (login_USERID_FILEID_notebook.ipynb)",
               "moodle": "the worksheet's Identifier (Participant N), the participant ID of "
                         "Moodle's submission folders (Full Name_N_assignsubmission_file_)",
               "blackboard": "the Username, the user name in Blackboard's file names",
               "gradescope": "the SID (or e-mail) of Gradescope's submission_metadata.yml",
               "plain": "the student ids the submissions were collected under"}[roster.lms]
        raise GradingError(
            f"roster {roster.source} ({roster.lms}, {len(roster.entries)} students) matches "
            f"none of the {len(submitted)} students who handed {week} in (e.g. "
            f"{', '.join(sorted(submitted)[:3])}); its rows are matched on {how}. Collect "
            f"the week from that LMS's own submission download, or give a roster whose ids "
            "are the ones above. Nothing was graded.")
    missing = sorted(listed - submitted)
    return missing, sorted(submitted - listed)


def _person(entry: RosterEntry, lms: str) -> dict[str, str | None]:
    """First and last name, e-mail and LMS user ID of a roster row, as nbgrader stores them."""
    row = {k.lower(): v for k, v in entry.row.items()}
    first, last = row.get("first name", ""), row.get("last name", "")
    if not (first or last):
        if "," in entry.name:  # Canvas's "Last, First"
            last, _, first = (p.strip() for p in entry.name.partition(","))
        else:
            first, _, last = entry.name.rpartition(" ")
            first, last = (first, last) if first else (last, "")
    email = entry.keys.get("email") or row.get("email address") or row.get("email")
    return {"first_name": first or None, "last_name": last or None, "email": email or None,
            "lms_user_id": entry.keys.get("user_id") if lms == "canvas" else None}


def name_students(course: Course, roster: Roster) -> None:
    """Give the roster's students their names in nbgrader's gradebook (formgrader lists them
    by name, and by id until then), and Canvas's user ID as nbgrader's ``lms_user_id``."""
    if roster.lms == "plain":
        return
    with course.gradebook() as gb:
        for entry in roster.entries:
            fields = {k: v for k, v in _person(entry, roster.lms).items() if v}
            if entry.student and fields:
                gb.update_or_create_student(entry.student, **fields)


def save_roster(course: Course, roster: Roster) -> Path:
    """Keep the matched roster for `autograder.lms_export` (``COURSE/lms/roster.json``)."""
    path = _lms_dir(course) / "roster.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(asdict(roster), indent=1), encoding="utf-8")
    return path


def load_roster(course: Course) -> Roster | None:
    """The roster `save_roster` kept, or None."""
    try:
        data = json.loads((_lms_dir(course) / "roster.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    data["entries"] = [RosterEntry(**e) for e in data["entries"]]
    return Roster(**data)

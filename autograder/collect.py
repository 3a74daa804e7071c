"""Import submissions from a folder or a zip, as a learning platform exports them.

Where the student id comes from, by layout (NOTEBOOK is one of the week's notebook names):

=================  =====================================================  ==================
layout             a file's path                                          student id
=================  =====================================================  ==================
folder             ``STUDENT/NOTEBOOK.ipynb``                             the folder
flat               ``STUDENT_NOTEBOOK.ipynb``                             before ``_NOTEBOOK``
Canvas             ``login_[late_]12345_67890_NOTEBOOK[-N].ipynb``        the login part
Moodle             ``Full Name_12345_assignsubmission_file_/NOTEBOOK``    the participant id
Blackboard         ``Assignment_login_attempt_2024-09-10-12-30-45_NOTEBOOK``  the login
Gradescope         ``submission_123/NOTEBOOK.ipynb`` + ``submission_metadata.yml``  the SID
your own           ``--pattern REGEX`` with groups ``student`` and ``notebook``  the group
=================  =====================================================  ==================

A file name that is not exactly a notebook's name is mapped to it when that is unambiguous
(``Perceptrons.ipynb``, ``perceptrons (1).ipynb``, ``perceptrons-2.ipynb``,
``perceptrons_final.ipynb``), with a warning. When a student handed in several attempts, the
latest is kept (by attempt number, then by the LMS's time stamp, then by file time), with a
warning naming the others. The LMS's own receipts (Blackboard's ``.txt``, Gradescope's
metadata) are read or ignored, not rejected.

Each accepted file goes to ``submitted/STUDENT/WEEK/NOTEBOOK.ipynb`` with a ``timestamp.txt``;
replacing an earlier import says so. Every other file is reported with the reason: nothing is
skipped silently. A file that is not valid notebook JSON is still imported (its grade and
feedback will say so) and reported as a warning. A file that is not a notebook but whose name
says whose and which notebook it is (``smithjane_10001_20001_perceptrons.py``) is not imported,
but recorded: that student is graded zero as "unreadable", with the reason, not as missing.

The identifiers an LMS's file names carry (Canvas's user ID, submission ID and ``late_``;
Moodle's participant ID and name; Blackboard's user name; Gradescope's SID, e-mail and name)
are kept per week by `autograder.lms.record_identities`, so grades can go back to the LMS.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from autograder import lms
from autograder.course import Course, GradingError

__all__ = ["collect", "CollectReport", "MAX_FILE_BYTES"]

MAX_FILE_BYTES = 20 * 1024 * 1024  # a notebook larger than this is not a real submission
STUDENT_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}$")
CANVAS_RE = re.compile(r"^(?P<student>[A-Za-z0-9.-]+?)_(?P<late>late_)?(?P<user_id>\d+)_"
                       r"(?P<submission_id>\d+)_(?P<name>.+)$", re.IGNORECASE)
MOODLE_RE = re.compile(r"^(?P<fullname>.+?)_(?P<student>\d+)_assignsubmission_[a-z]+_?$")
BLACKBOARD_RE = re.compile(r"^.+?_(?P<student>[^_]+)_attempt_"
                           r"(?P<stamp>\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2})(?:_(?P<name>.+))?$")
GRADESCOPE_RE = re.compile(r"^submission_(?P<id>\d+)$")
ATTEMPT_RE = re.compile(r"(?:\s*\((?P<paren>\d+)\)|-(?P<dash>\d+))$")
LMS_RECEIPTS = ("submission_metadata.yml",)


@dataclass
class CollectReport:
    imported: list[str] = field(default_factory=list)  # "student/notebook"
    warnings: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)  # "path: reason"
    ignored: list[str] = field(default_factory=list)  # the LMS's receipts
    unreadable: list[str] = field(default_factory=list)  # "student/notebook" (a .py, …)


@dataclass
class _Candidate:
    rel: str
    student: str
    notebook: str
    attempt: int
    stamp: str
    mtime: float | None
    size: int
    read: object
    note: str = ""
    ids: dict = field(default_factory=dict)  # what the LMS's file name says of the student


def _entries(source: Path, stack: contextlib.ExitStack):
    """Yield ``(relative posix path, size, mtime, read())`` for each file of a folder or zip
    (a zip stays open until ``stack`` closes)."""
    if source.is_dir():
        for path in sorted(p for p in source.rglob("*") if p.is_file() or p.is_symlink()):
            rel = path.relative_to(source).as_posix()
            if path.is_symlink():
                yield rel, -1, None, None  # links could point anywhere: refused below
                continue
            stat = path.stat()
            yield rel, stat.st_size, stat.st_mtime, path.read_bytes
    elif zipfile.is_zipfile(source):
        zf = stack.enter_context(zipfile.ZipFile(source))
        for info in zf.infolist():
            if info.is_dir():
                continue
            mtime = dt.datetime(*info.date_time).timestamp()
            yield info.filename, info.file_size, mtime, (lambda i=info: zf.read(i))
    else:
        raise GradingError(f"{source} is neither a folder nor a zip file")


def _notebook_of(name: str, notebooks: list[str]) -> tuple[str, int, str] | None:
    """(notebook, attempt number, note) for a file name stem, or None when none fits.

    Exact names first; then, ignoring case, an attempt suffix (`` (2)``, ``-2``) and any
    extra words after the name (``_final``), when exactly one notebook fits.
    """
    attempt = 0
    base = name
    found = ATTEMPT_RE.search(base)
    if found:
        attempt = int(found.group("paren") or found.group("dash"))
        base = base[: found.start()]
    if name in notebooks:
        return name, 0, ""
    if base in notebooks:
        return base, attempt, ""
    low = base.lower().strip()
    exact = [nb for nb in notebooks if nb.lower() == low]
    fits = exact or [nb for nb in notebooks
                     if re.match(rf"^{re.escape(nb.lower())}(?:[ _.-].*)?$", low)]
    if len(fits) == 1:
        return fits[0], attempt, f"file name {name!r} taken as notebook {fits[0]!r}"
    return None


def _flat(stem: str, notebooks: list[str]) -> tuple[str, str] | None:
    """``STUDENT_NAME``: the student before the first ``_`` that starts a notebook's name."""
    for nb in sorted(notebooks, key=len, reverse=True):
        found = re.search(rf"_(?={re.escape(nb)})", stem, re.IGNORECASE)
        if found and found.start() > 0:
            return stem[: found.start()], stem[found.end():]
    return None


def _gradescope_ids(files: dict[str, object]) -> dict[str, dict[str, str]]:
    """``{submission folder: {student, sid, email, name}}`` from Gradescope's
    ``submission_metadata.yml`` (the student id: the SID, else the e-mail's local part)."""
    ids: dict[str, dict[str, str]] = {}
    for rel, read in files.items():
        if PurePosixPath(rel).name != "submission_metadata.yml" or read is None:
            continue
        try:
            import yaml

            meta = yaml.safe_load(read()) or {}
        except Exception:  # a damaged receipt: fall back to folder names
            continue
        for folder, entry in meta.items() if isinstance(meta, dict) else []:
            submitters = entry.get(":submitters") or entry.get("submitters") or []
            if submitters:
                who = submitters[0]
                sid = str(who.get(":sid") or who.get("sid") or "")
                email = str(who.get(":email") or who.get("email") or "")
                ids[str(folder)] = {"student": sid or email.split("@")[0] or str(folder),
                                    "sid": sid, "email": email,
                                    "name": str(who.get(":name") or who.get("name") or "")}
    return ids


def _who(rel: str, stem: str, notebooks: list[str], gradescope: dict[str, dict],
         pattern: re.Pattern | None):
    """``(student, file name, stamp, identifiers)`` that a file's path gives, or a reason."""
    parts = PurePosixPath(rel).parts
    if pattern is not None:
        found = pattern.search(rel)
        if not found:
            return f"does not match the file-name pattern {pattern.pattern!r}"
        return found.group("student"), found.group("notebook"), "", {}
    if (bb := BLACKBOARD_RE.match(stem)) and bb.group("name"):
        return (bb.group("student"), bb.group("name"), bb.group("stamp"),
                {"lms": "blackboard", "username": bb.group("student")})
    if len(parts) >= 2 and (md := MOODLE_RE.match(parts[-2])):
        return (md.group("student"), stem, "",
                {"lms": "moodle", "participant": md.group("student"),
                 "name": md.group("fullname")})
    if len(parts) >= 2 and GRADESCOPE_RE.match(parts[-2]):
        meta = gradescope.get(parts[-2], {})
        ids = {"lms": "gradescope", "submission_id": GRADESCOPE_RE.match(parts[-2]).group("id"),
               **{k: v for k, v in meta.items() if k != "student" and v}}
        return meta.get("student", parts[-2]), stem, "", ids
    if len(parts) >= 2 and _notebook_of(stem, notebooks):
        return parts[-2], stem, "", {}
    if (cv := CANVAS_RE.match(stem)) and _notebook_of(cv.group("name"), notebooks):
        return (cv.group("student"), cv.group("name"), "",
                {"lms": "canvas", "login": cv.group("student"), "user_id": cv.group("user_id"),
                 "submission_id": cv.group("submission_id"), "late": bool(cv.group("late"))})
    if flat := _flat(stem, notebooks):
        return flat[0], flat[1], "", {}
    return f"no notebook of this week is called like this (expected one of {notebooks})"


def _parse(rel: str, notebooks: list[str], gradescope: dict[str, dict],
           pattern: re.Pattern | None):
    """What a path is: a `_Candidate`'s fields ``(student, notebook, attempt, stamp, note,
    ids)`` for a notebook to import; ``("unreadable", student, notebook, ids)`` for a file
    that is not a notebook but says whose it is; a string, the reason it is not imported;
    or None for an LMS receipt to ignore."""
    parts = PurePosixPath(rel).parts
    if rel.startswith("/") or ".." in parts or "\\" in rel:
        return "unsafe path (absolute or with '..')"
    name = parts[-1]
    if name in LMS_RECEIPTS:
        return None
    if name.startswith(".") or "__MACOSX" in parts:
        return "hidden or system file"
    if not name.endswith(".ipynb"):
        if name.endswith(".txt") and BLACKBOARD_RE.match(name[: -len(".txt")]):
            return None  # Blackboard's receipt of an attempt
        found = _who(rel, name.rsplit(".", 1)[0], notebooks, gradescope, None)
        fitted = _notebook_of(found[1], notebooks) if isinstance(found, tuple) else None
        if fitted and STUDENT_RE.match(found[0]):
            return "unreadable", found[0], fitted[0], found[3]
        return "not a notebook (.ipynb)"
    found = _who(rel, name[: -len(".ipynb")], notebooks, gradescope, pattern)
    if isinstance(found, str):
        return found
    student, file_name, stamp, ids = found
    fitted = _notebook_of(file_name, notebooks)
    if fitted is None:
        return f"no notebook of this week is called like this (expected one of {notebooks})"
    notebook, attempt, note = fitted
    return student, notebook, attempt, stamp, note, ids


def collect(course: Course, week: str, source: Path, pattern: str | None = None
            ) -> CollectReport:
    """Import the submissions of ``week`` found in ``source`` (a folder or a zip).

    ``pattern``: a regular expression searched in each file's path, with the named groups
    ``student`` and ``notebook`` (as nbgraders's zip collector takes one), for layouts the
    defaults do not know.
    """
    source = Path(source)
    if not source.exists():
        raise GradingError(f"{source} does not exist")
    notebooks = course.notebook_names(week)
    if not notebooks:
        raise GradingError(f"{week} has no notebooks in {course.source_dir(week)}")
    regex = None
    if pattern:
        try:
            regex = re.compile(pattern)
        except re.error as exc:
            raise GradingError(f"the file-name pattern does not compile: {exc}") from None
        if not {"student", "notebook"} <= set(regex.groupindex):
            raise GradingError("the file-name pattern needs the groups (?P<student>...) and "
                               "(?P<notebook>...)")
    with contextlib.ExitStack() as stack:
        return _collect(course, week, list(_entries(source, stack)), notebooks, regex)


def _collect(course, week, entries, notebooks, regex) -> CollectReport:
    gradescope = _gradescope_ids({rel: read for rel, _, _, read in entries})
    report = CollectReport()
    chosen: dict[tuple[str, str], list[_Candidate]] = {}
    unreadable: dict[tuple[str, str], tuple] = {}
    for rel, size, mtime, read in entries:
        parsed = _parse(rel, notebooks, gradescope, regex)
        if parsed is None:
            report.ignored.append(rel)
            continue
        if isinstance(parsed, str):
            report.rejected.append(f"{rel}: {parsed}")
            continue
        if parsed[0] == "unreadable":
            unreadable.setdefault((parsed[1], parsed[2]), (rel, mtime, parsed[3]))
            continue
        student, nb, attempt, stamp, note, ids = parsed
        if read is None:
            report.rejected.append(f"{rel}: symbolic link")
            continue
        if not STUDENT_RE.match(student):
            report.rejected.append(f"{rel}: {student!r} is not a usable student id")
            continue
        if size > MAX_FILE_BYTES:
            report.rejected.append(f"{rel}: {size} bytes, over the {MAX_FILE_BYTES} limit")
            continue
        chosen.setdefault((student, nb), []).append(
            _Candidate(rel, student, nb, attempt, stamp, mtime, size, read, note, ids))
    known, found = lms.identities(course, week), {}
    for (student, nb), (rel, mtime, ids) in sorted(unreadable.items()):
        if (student, nb) in chosen:  # the notebook came too: the other file does not count
            report.rejected.append(f"{rel}: not a notebook (.ipynb)")
            continue
        why = (f"{PurePosixPath(rel).name} is not a notebook (.ipynb): hand in the .ipynb "
               "file itself (in JupyterLab: File → Download)")
        report.rejected.append(f"{rel}: not a notebook (.ipynb); {student}/{nb} is graded "
                               "zero as unreadable, and told why")
        report.unreadable.append(f"{student}/{nb}")
        entry = found.setdefault(student, dict(known.get(student, {})))
        entry.update(ids)
        entry.setdefault("unreadable", {})[nb] = why
        dest = course.submitted_dir(student, week)
        dest.mkdir(parents=True, exist_ok=True)  # so that `grade` grades (and tells) them
        if not (dest / "timestamp.txt").exists():
            _stamp(dest, mtime, "")
    for (student, nb), candidates in sorted(chosen.items()):
        candidates.sort(key=lambda c: (c.attempt, c.stamp, c.mtime or 0.0, c.rel))
        best = candidates[-1]
        if len(candidates) > 1:
            others = ", ".join(c.rel for c in candidates[:-1])
            report.warnings.append(f"{student}/{nb}: {len(candidates)} attempts; kept the "
                                   f"latest, {best.rel} (not imported: {others})")
        if best.note:
            report.warnings.append(f"{best.rel}: {best.note}")
        if _import(course, week, best, report):
            entry = found.setdefault(student, dict(known.get(student, {})))
            ids = dict(best.ids)
            if "submission_id" in ids:  # per notebook: each file has its own
                entry.setdefault("submission_ids", {})[nb] = ids.pop("submission_id")
            if "late" in ids:
                entry.setdefault("late_notebooks", {})[nb] = ids.pop("late")
            entry.update(ids)
            entry.setdefault("unreadable", {}).pop(nb, None)
            entry.setdefault("files", {})[nb] = best.rel
    lms.record_identities(course, week, found)
    return report


def _stamp(dest: Path, mtime: float | None, stamp: str) -> None:
    """``timestamp.txt`` as nbgrader reads it: the LMS's time (Blackboard's attempt), else
    the file's."""
    when = dt.datetime.fromtimestamp(mtime or dt.datetime.now().timestamp(), dt.UTC)
    if stamp:
        when = dt.datetime.strptime(stamp, "%Y-%m-%d-%H-%M-%S").replace(tzinfo=dt.UTC)
    (dest / "timestamp.txt").write_text(when.strftime("%Y-%m-%d %H:%M:%S.%f %Z"))


def _import(course: Course, week: str, cand: _Candidate, report: CollectReport) -> bool:
    data = cand.read()
    if len(data) > MAX_FILE_BYTES:
        report.rejected.append(f"{cand.rel}: over the {MAX_FILE_BYTES} byte limit")
        return False
    try:
        json.loads(data)
    except ValueError:
        report.warnings.append(f"{cand.rel}: not valid notebook JSON; imported, it will be "
                               "graded zero with an explanation")
    dest = course.submitted_dir(cand.student, week)
    target = dest / f"{cand.notebook}.ipynb"
    if target.exists() and target.read_bytes() != data:
        report.warnings.append(f"{cand.student}/{cand.notebook}: replaced the submission "
                               "collected earlier")
    dest.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    _stamp(dest, cand.mtime, cand.stamp)
    report.imported.append(f"{cand.student}/{cand.notebook}")
    return True

"""Import submissions from a folder or a zip, as a learning platform exports them.

Accepted names (NOTEBOOK is one of the week's notebook names, e.g. ``perceptrons``):

* ``STUDENT/NOTEBOOK.ipynb`` (a folder per student), or
* ``STUDENT_NOTEBOOK.ipynb`` (flat; the student id is everything before ``_NOTEBOOK``).

Each accepted file goes to ``submitted/STUDENT/WEEK/NOTEBOOK.ipynb`` with a ``timestamp.txt``
(the file's modification time). Every file that is not imported is reported with the reason;
nothing is skipped silently. A file that is not valid notebook JSON is still imported (its
grade and feedback will say so) and reported as a warning.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from autograder.course import Course, GradingError

__all__ = ["collect", "CollectReport", "MAX_FILE_BYTES"]

MAX_FILE_BYTES = 20 * 1024 * 1024  # a notebook larger than this is not a real submission
STUDENT_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


@dataclass
class CollectReport:
    imported: list[str] = field(default_factory=list)  # "student/notebook"
    warnings: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)  # "path: reason"


def _entries(source: Path):
    """Yield ``(relative posix path, size, mtime, read())`` for each file of a folder or zip."""
    if source.is_dir():
        for path in sorted(p for p in source.rglob("*") if p.is_file() or p.is_symlink()):
            rel = path.relative_to(source).as_posix()
            if path.is_symlink():
                yield rel, -1, None, None  # links could point anywhere: refused below
                continue
            stat = path.stat()
            yield rel, stat.st_size, stat.st_mtime, path.read_bytes
    elif zipfile.is_zipfile(source):
        with zipfile.ZipFile(source) as zf:
            for info in zf.infolist():
                if info.is_dir():
                    continue
                mtime = dt.datetime(*info.date_time).timestamp()
                yield info.filename, info.file_size, mtime, (lambda i=info: zf.read(i))
    else:
        raise GradingError(f"{source} is neither a folder nor a zip file")


def _parse(rel: str, notebooks: list[str]) -> tuple[str, str] | str:
    """(student, notebook) for an accepted name, else the reason it is not accepted."""
    parts = PurePosixPath(rel).parts
    if rel.startswith("/") or ".." in parts or "\\" in rel:
        return "unsafe path (absolute or with '..')"
    name = parts[-1]
    if name.startswith(".") or "__MACOSX" in parts:
        return "hidden or system file"
    if not name.endswith(".ipynb"):
        return "not a notebook (.ipynb)"
    stem = name[: -len(".ipynb")]
    if len(parts) >= 2 and stem in notebooks:
        return parts[-2], stem
    for nb in sorted(notebooks, key=len, reverse=True):
        if stem.endswith("_" + nb) and len(stem) > len(nb) + 1:
            return stem[: -len(nb) - 1], nb
    return f"no notebook of this week is called like this (expected one of {notebooks})"


def collect(course: Course, week: str, source: Path) -> CollectReport:
    """Import the submissions of ``week`` found in ``source`` (a folder or a zip)."""
    source = Path(source)
    if not source.exists():
        raise GradingError(f"{source} does not exist")
    notebooks = course.notebook_names(week)
    if not notebooks:
        raise GradingError(f"{week} has no notebooks in {course.source_dir(week)}")
    report = CollectReport()
    seen: dict[tuple[str, str], str] = {}
    for rel, size, mtime, read in _entries(source):
        parsed = _parse(rel, notebooks)
        if isinstance(parsed, str):
            report.rejected.append(f"{rel}: {parsed}")
            continue
        student, nb = parsed
        if read is None:
            report.rejected.append(f"{rel}: symbolic link")
            continue
        if not STUDENT_RE.match(student):
            report.rejected.append(f"{rel}: {student!r} is not a usable student id")
            continue
        if size > MAX_FILE_BYTES:
            report.rejected.append(f"{rel}: {size} bytes, over the {MAX_FILE_BYTES} limit")
            continue
        if (student, nb) in seen:
            report.rejected.append(f"{rel}: a second file for {student}/{nb} "
                                   f"(kept {seen[(student, nb)]})")
            continue
        data = read()
        if len(data) > MAX_FILE_BYTES:
            report.rejected.append(f"{rel}: over the {MAX_FILE_BYTES} byte limit")
            continue
        seen[(student, nb)] = rel
        try:
            json.loads(data)
        except ValueError:
            report.warnings.append(f"{rel}: not valid notebook JSON; imported, it will be "
                                   "graded zero with an explanation")
        dest = course.submitted_dir(student, week)
        dest.mkdir(parents=True, exist_ok=True)
        (dest / f"{nb}.ipynb").write_bytes(data)
        when = dt.datetime.fromtimestamp(mtime or dt.datetime.now().timestamp(), dt.UTC)
        (dest / "timestamp.txt").write_text(when.strftime("%Y-%m-%d %H:%M:%S.%f %Z"))
        report.imported.append(f"{student}/{nb}")
    return report

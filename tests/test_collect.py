"""`dlgrade collect` on the exports of learning platforms: one fixture per layout.

Uses a course with two notebooks (``perceptrons`` and ``xor_net``), so that a near-miss
name is mapped only when it fits exactly one of them. No kernel runs here.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import zipfile

import pytest

from autograder import collect, lms, lms_export
from autograder.course import Course, GradingError

NB = b'{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}'


@pytest.fixture
def course(tmp_path):
    course = Course.open(tmp_path / "course", create=True)
    week = course.root / "source" / "ps2"
    week.mkdir(parents=True)
    for name in ("perceptrons", "xor_net"):
        (week / f"{name}.ipynb").write_bytes(NB)
    return course


def _zip(tmp_path, files: dict[str, bytes], name="export.zip"):
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as zf:
        for rel, data in files.items():
            zf.writestr(rel, data)
    return path


def _got(course, report):
    return sorted(report.imported), report


def test_canvas_takes_the_login_and_the_latest_resubmission(course, tmp_path):
    source = _zip(tmp_path, {
        "doejohn_12345_67890_perceptrons.ipynb": NB,
        "doejohn_12345_67891_perceptrons-1.ipynb": NB + b" ",  # the resubmission
        "smithann_late_222_333_perceptrons.ipynb": NB,
        "smithann_late_222_334_xor_net.ipynb": NB,
    })
    report = collect.collect(course, "ps2", source)
    assert sorted(report.imported) == ["doejohn/perceptrons", "smithann/perceptrons",
                                       "smithann/xor_net"]
    assert not report.rejected
    assert (course.submitted_dir("doejohn", "ps2") / "perceptrons.ipynb").read_bytes() \
        == NB + b" "
    assert any("2 attempts" in w and "perceptrons-1" in w for w in report.warnings)


def test_moodle_folders_give_the_participant_id(course, tmp_path):
    source = _zip(tmp_path, {
        "Jane Doe_12345_assignsubmission_file_/perceptrons.ipynb": NB,
        "Jane Doe_12345_assignsubmission_file_/xor_net (1).ipynb": NB,
        "Max Mustermann_777_assignsubmission_file_/Perceptrons.ipynb": NB,
    })
    report = collect.collect(course, "ps2", source)
    assert sorted(report.imported) == ["12345/perceptrons", "12345/xor_net", "777/perceptrons"]
    assert not report.rejected
    assert any("taken as notebook 'perceptrons'" in w for w in report.warnings)


def test_blackboard_attempts_and_receipts(course, tmp_path):
    source = _zip(tmp_path, {
        "Week 2_jdoe_attempt_2026-09-10-12-30-45_perceptrons.ipynb": NB,
        "Week 2_jdoe_attempt_2026-09-10-12-30-45.txt": b"receipt",
        "Week 2_jdoe_attempt_2026-09-11-08-00-00_perceptrons.ipynb": NB + b"  ",
        "Week 2_jdoe_attempt_2026-09-11-08-00-00.txt": b"receipt",
    })
    report = collect.collect(course, "ps2", source)
    assert report.imported == ["jdoe/perceptrons"] and not report.rejected
    assert len(report.ignored) == 2
    stamp = (course.submitted_dir("jdoe", "ps2") / "timestamp.txt").read_text()
    assert stamp.startswith("2026-09-11 08:00:00")
    assert (course.submitted_dir("jdoe", "ps2") / "perceptrons.ipynb").read_bytes() \
        == NB + b"  "


def test_gradescope_folders_use_the_metadata(course, tmp_path):
    meta = (b"submission_101:\n  :submitters:\n  - :name: Ann Lee\n    :sid: 'a123'\n"
            b"    :email: ann@uni.edu\nsubmission_102:\n  :submitters:\n  - :name: Bo\n"
            b"    :email: bo@uni.edu\n")
    source = _zip(tmp_path, {
        "submission_metadata.yml": meta,
        "submission_101/perceptrons.ipynb": NB,
        "submission_102/xor_net.ipynb": NB,
    })
    report = collect.collect(course, "ps2", source)
    assert sorted(report.imported) == ["a123/perceptrons", "bo/xor_net"]
    assert not report.rejected and report.ignored == ["submission_metadata.yml"]


def test_near_miss_names_and_ambiguous_ones(course, tmp_path):
    source = tmp_path / "folder"
    (source / "ray").mkdir(parents=True)
    files = {"kim_Perceptrons.ipynb": NB, "lee_perceptrons_final.ipynb": NB,
             "ray/perceptrons (1).ipynb": NB, "ray/perceptrons.ipynb": NB,
             "sam_notes.ipynb": NB, "zoe_net.ipynb": NB}
    for rel, data in files.items():
        (source / rel).write_bytes(data)
    old = time.time() - 100
    os.utime(source / "ray/perceptrons.ipynb", (old, old))
    report = collect.collect(course, "ps2", source)
    assert sorted(report.imported) == ["kim/perceptrons", "lee/perceptrons", "ray/perceptrons"]
    rejected = "\n".join(report.rejected)
    assert "sam_notes.ipynb" in rejected and "zoe_net.ipynb" in rejected
    assert any("ray/perceptrons (1).ipynb" in w and "kept the latest" in w
               for w in report.warnings)


def test_custom_pattern(course, tmp_path):
    source = _zip(tmp_path, {"hw2-perceptrons-s0042.ipynb": NB, "junk.ipynb": NB})
    report = collect.collect(course, "ps2", source,
                             pattern=r"hw2-(?P<notebook>[a-z_]+)-(?P<student>s\d+)\.ipynb$")
    assert report.imported == ["s0042/perceptrons"]
    assert any("junk.ipynb" in r and "pattern" in r for r in report.rejected)
    with pytest.raises(GradingError, match="groups"):
        collect.collect(course, "ps2", source, pattern=r"(?P<student>.+)")


def test_recollecting_says_it_replaced_a_submission(course, tmp_path):
    first = _zip(tmp_path, {"amy/perceptrons.ipynb": NB}, "one.zip")
    second = _zip(tmp_path, {"amy/perceptrons.ipynb": NB + b"\n"}, "two.zip")
    collect.collect(course, "ps2", first)
    report = collect.collect(course, "ps2", second)
    assert any("replaced the submission collected earlier" in w for w in report.warnings)


def test_plain_rosters(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("name,student_id\nAnn,a123\nBo,bo\n\n")
    assert [e.keys["student"] for e in lms.read_roster(roster).entries] == ["a123", "bo"]
    roster.write_text("x1\nx2\n")
    assert [e.keys["student"] for e in lms.read_roster(roster).entries] == ["x1", "x2"]
    with pytest.raises(GradingError, match="does not exist"):
        lms.read_roster(tmp_path / "nope.csv")
    roster.write_text("Full Name,E-mail\nAnn Lee,ann@uni.edu\n")
    with pytest.raises(GradingError, match="no column student_id"):
        lms.read_roster(roster)


def test_each_layout_keeps_the_lms_identifiers(course, tmp_path):
    meta = (b"submission_101:\n  :submitters:\n  - :name: Ann Lee\n    :sid: 'a123'\n"
            b"    :email: ann@uni.edu\n")
    source = _zip(tmp_path, {
        "smithjane_late_10001_20001_perceptrons.ipynb": NB,
        "Jane Doe_12345_assignsubmission_file_/perceptrons.ipynb": NB,
        "Week 2_jdoe_attempt_2026-09-10-12-30-45_perceptrons.ipynb": NB,
        "submission_metadata.yml": meta, "submission_101/perceptrons.ipynb": NB,
    })
    report = collect.collect(course, "ps2", source)
    assert not report.rejected, report.rejected
    ids = lms.identities(course, "ps2")
    assert ids["smithjane"]["user_id"] == "10001" and ids["smithjane"]["login"] == "smithjane"
    assert ids["smithjane"]["submission_ids"] == {"perceptrons": "20001"}
    assert ids["smithjane"]["late_notebooks"] == {"perceptrons": True}
    assert ids["12345"]["participant"] == "12345" and ids["12345"]["name"] == "Jane Doe"
    assert ids["jdoe"]["username"] == "jdoe" and ids["jdoe"]["lms"] == "blackboard"
    assert ids["a123"]["sid"] == "a123" and ids["a123"]["email"] == "ann@uni.edu"
    assert ids["a123"]["submission_ids"] == {"perceptrons": "101"}


def test_a_python_file_is_recorded_as_unreadable_not_missing(course, tmp_path):
    source = _zip(tmp_path, {"doejohn_10002_20002_perceptrons.py": b"print(1)",
                             "doejohn_10002_20003_xor_net.ipynb": NB,
                             "amy/notes.py": b"x"})
    report = collect.collect(course, "ps2", source)
    assert report.unreadable == ["doejohn/perceptrons"]
    assert report.imported == ["doejohn/xor_net"]
    assert any("doejohn_10002_20002_perceptrons.py" in r and "unreadable" in r
               for r in report.rejected)
    assert any(r.startswith("amy/notes.py: not a notebook") for r in report.rejected)
    why = lms.unreadable_reason(course, "ps2", "doejohn", "perceptrons")
    assert "doejohn_10002_20002_perceptrons.py" in why and "not a notebook" in why
    assert lms.unreadable_reason(course, "ps2", "doejohn", "xor_net") is None
    assert lms.identities(course, "ps2")["doejohn"]["user_id"] == "10002"


CANVAS_GRADEBOOK = (
    "Student,ID,SIS User ID,SIS Login ID,Section,Week 2: Perceptrons (4521),Current Score\n"
    "    Points Possible,,,,,10.00,(read only)\n"
    '"Smith, Jane",10001,S1,jsmith,DL 101,,\n'
    '"Doe, John",10002,S2,jdoe,DL 101,,\n'
    '"Student, Test",99,,,DL 101,,\n')


def test_rosters_are_told_by_their_header(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text(CANVAS_GRADEBOOK)
    roster = lms.read_roster(path)
    assert roster.lms == "canvas" and [e.keys for e in roster.entries] == [
        {"user_id": "10001"}, {"user_id": "10002"}]  # no Points Possible row, no test student
    assert roster.points["Week 2: Perceptrons (4521)"] == "10.00"
    path.write_text("Identifier,Full name,Email address,Status,Grade,Maximum Grade,"
                    "Grade can be changed,Last modified (submission),Last modified (grade),"
                    "Feedback comments\nParticipant 12345,Jane Doe,jd@uni.edu,Submitted,,10.00,"
                    "Yes,,-,\n")
    roster = lms.read_roster(path)
    assert roster.lms == "moodle" and roster.entries[0].keys == {"participant": "12345"}
    path.write_text('"Last Name","First Name","Username","Student ID","Last Access",'
                    '"Availability","Week 2 [Total Pts: 10 Score] |664617"\n'
                    '"Doe","John","jdoe","S2","","Available",""\n')
    roster = lms.read_roster(path)
    assert roster.lms == "blackboard" and roster.entries[0].keys == {"username": "jdoe"}
    path.write_text("First Name,Last Name,SID,Email,Role\nAnn,Lee,a123,Ann@Uni.edu,Student\n")
    roster = lms.read_roster(path)
    assert roster.lms == "gradescope"
    assert roster.entries[0].keys == {"sid": "a123", "email": "ann@uni.edu"}
    path.write_text("First name,Last name,ID number,Institution,Department,Email address,"
                    "Assignment: ps2 (Real)\nJane,Doe,,,,jd@uni.edu,\n")
    with pytest.raises(GradingError, match="grading worksheet"):
        lms.read_roster(path)


def test_a_roster_that_matches_nobody_is_refused_not_doubled(course, tmp_path):
    """Canvas's gradebook against a class collected from plain folders: its user IDs are
    not the submissions' ids; grading them as students who handed nothing in would double
    the class."""
    collect.collect(course, "ps2", _zip(tmp_path, {"smithjane/perceptrons.ipynb": NB,
                                                   "doejohn/perceptrons.ipynb": NB}))
    path = tmp_path / "gradebook.csv"
    path.write_text(CANVAS_GRADEBOOK)
    with pytest.raises(GradingError, match=r"matches none of the 2 students.*ID column"):
        lms.match_roster(course, lms.read_roster(path), "ps2")
    result = subprocess.run([sys.executable, "-m", "autograder", "--course", str(course.root),
                             "grade", "ps2", "--roster", str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 2 and "Nothing was graded" in result.stderr, result.stderr
    assert not (course.root / "autograded").exists()


def test_a_canvas_roster_matches_on_the_user_id(course, tmp_path):
    collect.collect(course, "ps2", _zip(tmp_path, {
        "smithjane_10001_20001_perceptrons.ipynb": NB}))
    path = tmp_path / "gradebook.csv"
    path.write_text(CANVAS_GRADEBOOK.replace('"Smith, Jane"', '"Smith-Jones, Jane"'))
    roster = lms.read_roster(path)
    missing, outside = lms.match_roster(course, roster, "ps2")
    assert roster.students() == ["smithjane", "doejohn"]  # by user ID, not by name
    assert missing == ["doejohn"] and outside == []


def test_collect_exits_0_with_warnings_unless_strict(course, tmp_path):
    source = _zip(tmp_path, {"amy/perceptrons.ipynb": NB, "notes.txt": b"hi"})
    command = [sys.executable, "-m", "autograder", "--course", str(course.root), "collect",
               "ps2", str(source)]
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "not imported: notes.txt" in result.stdout
    result = subprocess.run(command + ["--strict"], capture_output=True, text=True)
    assert result.returncode == 1 and "--strict" in result.stdout, result.stdout


def test_the_lms_column_that_holds_a_week(tmp_path):
    path = tmp_path / "gradebook.csv"
    path.write_text("Student,ID,SIS User ID,SIS Login ID,Section,Week 7: CNNs (4521),"
                    "Week 17: Review (4600),Week 7 labs Current Score,Current Score\n"
                    '"Doe, Jo",1,,,A,,,,\n')
    columns = lms_export._grade_columns(lms.read_roster(path))
    assert columns == ["Week 7: CNNs (4521)", "Week 17: Review (4600)"]  # no totals
    assert lms_export._week_column("week07", columns, "canvas") == "Week 7: CNNs (4521)"
    assert lms_export._week_column("week17", columns, "canvas") == "Week 17: Review (4600)"
    assert lms_export._week_column("week08", columns, "canvas") is None  # a new assignment
    with pytest.raises(GradingError, match="--column"):
        lms_export._week_column("week07", [*columns, "week07 redo (4700)"], "canvas")

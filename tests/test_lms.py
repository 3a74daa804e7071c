"""Grades back into each LMS: LMS roster + LMS submission download → collect → grade → export
→ the file that LMS's grade import reads (columns, ids it matches on, points, a row each).

One toy course holds four small classes, one per LMS, each as that LMS names its files: a
student who solved the week, one who handed in something unreadable (a ``.py``, broken JSON)
and one on the roster who handed in nothing. Three notebooks run a kernel, once, for all the
tests; rosters and exports cost no kernel.
"""

from __future__ import annotations

import csv
import io
import zipfile

import nbformat
import pytest

from autograder import cli, exports, release, sandbox
from autograder.class_report import build_report
from tests.toy import WEEK, make_toy_course

pytestmark = pytest.mark.xdist_group("lms")  # one graded course, shared by the tests below

TOP = 3  # the toy week's points

ROSTERS = {
    "canvas": (
        "Student,ID,SIS User ID,SIS Login ID,Section,Week 90: Toy (4521),Current Score\n"
        "    Points Possible,,,,,3.00,(read only)\n"
        '"Smith, Jane",10001,S1,jsmith,DL 101,,\n'
        '"Doe, John",10002,S2,jdoe,DL 101,,\n'
        '"Roe, Rita",10003,S3,rroe,DL 102,,\n'),
    "moodle": (
        "Identifier,Full name,Email address,Status,Grade,Maximum Grade,Grade can be changed,"
        "Last modified (submission),Last modified (grade),Feedback comments\n"
        "Participant 12345,Jane Moodle,jm@uni.edu,Submitted for grading,,10.00,Yes,"
        '"Monday, 7 December 2026, 9:00 AM",-,\n'
        "Participant 12346,Max Muster,mm@uni.edu,Submitted for grading,,10.00,Yes,"
        '"Monday, 7 December 2026, 9:05 AM",-,\n'
        "Participant 12347,Nia Nobody,nn@uni.edu,No submission,,10.00,Yes,-,-,\n"),
    "blackboard": (
        '"Last Name","First Name","Username","Student ID","Last Access","Availability",'
        '"Week 90 [Total Pts: 3 Score] |664617"\n'
        '"Board","Jane","bbjane","B1","","Available",""\n'
        '"Absent","Bo","bbbo","B2","","Available",""\n'),
    "gradescope": (
        "First Name,Last Name,SID,Email,Role,Sections\n"
        "Gina,Scope,g001,gina@uni.edu,Student,\n"
        "Gil,Gone,g002,gil@uni.edu,Student,\n"),
}
METADATA = (b"submission_501:\n  :submitters:\n  - :name: Gina Scope\n    :sid: 'g001'\n"
            b"    :email: gina@uni.edu\n")


def _solved(course) -> str:
    nb = nbformat.read(str(course.release_dir(WEEK) / "toy.ipynb"), as_version=4)
    bodies = {"double": "return 2 * np.asarray(x, dtype=float)",
              "count_positive": "return int(np.sum(np.asarray(x) > 0))"}
    for cell in nb.cells:
        body = bodies.get(cell.metadata.get("nbgrader", {}).get("grade_id"))
        if body:
            cell.source = cell.source.replace("# YOUR CODE HERE\n    raise NotImplementedError()",
                                              body)
    return nbformat.writes(nb)


def _exports(course, good: str) -> dict[str, dict[str, str | bytes]]:
    """Each LMS's submission download of the week, named as that LMS names its files."""
    return {
        "canvas": {"smithjane_late_10001_20001_toy.ipynb": good,
                   "doejohn_10002_20002_toy.py": "print('my answers')"},
        "moodle": {"Jane Moodle_12345_assignsubmission_file_/toy.ipynb": good,
                   "Max Muster_12346_assignsubmission_file_/toy.ipynb": "{ not json"},
        "blackboard": {"Week 90_bbjane_attempt_2026-12-07-09-00-00_toy.ipynb": good,
                       "Week 90_bbjane_attempt_2026-12-07-09-00-00.txt": "receipt"},
        "gradescope": {"submission_metadata.yml": METADATA, "submission_501/toy.ipynb": good},
    }


def _dlgrade(course, *args: str) -> int:
    return cli.main(["--course", str(course.root), *args])


@pytest.fixture(scope="module")
def lms_course(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("lms")
    course = make_toy_course(tmp)
    release.release_week(course, WEEK)
    rosters = {}
    for name, files in _exports(course, _solved(course)).items():
        archive = tmp / f"{name}.zip"
        with zipfile.ZipFile(archive, "w") as zf:
            for rel, data in files.items():
                zf.writestr(rel, data)
        assert _dlgrade(course, "collect", WEEK, str(archive)) == 0  # warnings, not errors
        rosters[name] = tmp / f"{name}_roster.csv"
        rosters[name].write_text(ROSTERS[name], encoding="utf-8")
    unsafe = ["--unsafe"] if sandbox.unavailable_reason() else []
    assert _dlgrade(course, "grade", WEEK, "--quiet", "--workers", "2", *unsafe) == 0
    return course, rosters, unsafe


def _round_trip(lms_course, lms: str, capsys) -> tuple[list[str], list[list[str]], str]:
    course, rosters, unsafe = lms_course
    capsys.readouterr()
    assert _dlgrade(course, "grade", WEEK, "--roster", str(rosters[lms]), "--quiet",
                    *unsafe) == 0
    graded = capsys.readouterr().out
    out = course.root / "exports" / f"{lms}.csv"
    assert _dlgrade(course, "export", WEEK, "--lms", lms, "-o", str(out)) == 0
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))
    return rows[0], rows[1:], graded


def _scores(course, *students):
    got = {(r["student_id"]): r["score"] for r in exports.score_rows(course, [WEEK])}
    return [got.get(s) for s in students]


def test_canvas(lms_course, capsys):
    course, _, _ = lms_course
    header, rows, graded = _round_trip(lms_course, "canvas", capsys)
    assert "1 student(s) submitted nothing (graded zero as missing): roerita" in graded
    # Canvas matches students on ID and the assignment on the "(4521)" of its column
    assert header == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section",
                      "Week 90: Toy (4521)"]
    assert rows[0] == ["Points Possible", "", "", "", "", "3"]
    assert rows[1:] == [["Smith, Jane", "10001", "S1", "jsmith", "DL 101", "3"],
                        ["Doe, John", "10002", "S2", "jdoe", "DL 101", "0"],
                        ["Roe, Rita", "10003", "S3", "rroe", "DL 102", "0"]]
    assert _scores(course, "smithjane", "doejohn", "roerita") == [TOP, 0, 0]
    capsys.readouterr()
    assert _dlgrade(course, "export", WEEK, "--lms", "canvas",
                    "--column", f"{WEEK}=Homework 9 (9999)") == 0
    assert capsys.readouterr().out.splitlines()[0].endswith(",Homework 9 (9999)")
    assert _dlgrade(course, "export", WEEK, "--lms", "canvas", "--column", "Homework 9") == 2
    with course.gradebook() as gb:  # formgrader shows names, not "None, None"
        jane = gb.find_student("smithjane")
        assert (jane.first_name, jane.last_name, jane.lms_user_id) == ("Jane", "Smith", "10001")


def test_moodle(lms_course, capsys):
    header, rows, graded = _round_trip(lms_course, "moodle", capsys)
    assert "1 student(s) submitted nothing (graded zero as missing): 12347" in graded
    # Moodle's worksheet comes back whole, the Grade filled in on its 10-point scale
    assert header == ROSTERS["moodle"].splitlines()[0].split(",")
    grade = header.index("Grade")
    assert [(r[0], r[grade]) for r in rows] == [
        ("Participant 12345", "10"), ("Participant 12346", "0"), ("Participant 12347", "0")]
    assert rows[0][header.index("Last modified (submission)")] == "Monday, 7 December 2026, 9:00 AM"


def test_blackboard(lms_course, capsys):
    header, rows, _ = _round_trip(lms_course, "blackboard", capsys)
    assert header == ["Last Name", "First Name", "Username",
                      "Week 90 [Total Pts: 3 Score] |664617"]
    assert rows == [["Board", "Jane", "bbjane", "3"], ["Absent", "Bo", "bbbo", "0"]]
    text = (lms_course[0].root / "exports" / "blackboard.csv").read_text()
    assert text.startswith('"Last Name","First Name","Username"')  # every field quoted


def test_gradescope(lms_course, capsys):
    header, rows, _ = _round_trip(lms_course, "gradescope", capsys)
    assert header == ["Name", "SID", "Email", "Total Score", "Max Points", "Status"]
    assert rows == [["Gina Scope", "g001", "gina@uni.edu", "3", "3", "Graded"],
                    ["Gil Gone", "g002", "gil@uni.edu", "0", "3", "Missing"]]


def test_missing_and_unreadable_are_told_apart(lms_course, capsys):
    course, rosters, unsafe = lms_course
    assert _dlgrade(course, "grade", WEEK, "--roster", str(rosters["canvas"]), "--quiet",
                    *unsafe) == 0
    assert _dlgrade(course, "feedback", WEEK, "--student", "doejohn", "--student",
                    "roerita") == 0
    page = (course.feedback_dir("doejohn", WEEK) / "toy.html").read_text()
    assert "Unreadable" in page and "doejohn_10002_20002_toy.py" in page
    assert "not a notebook" in page
    page = (course.feedback_dir("roerita", WEEK) / "toy.html").read_text()
    assert "Missing: nothing was handed in" in page
    report = build_report(course, [WEEK], course.root / "reports" / "r.html").read_text()
    missing = report[report.index("id='missing'"):]
    assert "roerita" in missing[:2000] and "doejohn" not in missing[:2000]
    # statistics over the six who handed the week in (two of them unreadable), whichever
    # rosters added students who handed nothing in: a cell failed by 2 of 6, not 2 of 7+
    exercises = report[report.index("class='exercises'"):report.index("Most often failed")]
    assert exercises.count("<td class='num'>2 / 6</td>") == 2, exercises
    assert "no notebook file was submitted" not in exercises and "no file named" not in exercises
    cards = report[report.index(f'<section id="{WEEK}">'):]
    assert "<b>6</b><span>handed in</span>" in cards[:1500]

"""The grading pipeline end to end on the two-exercise toy week (fast: one kernel per case)."""

from __future__ import annotations

import json
import zipfile

import nbformat
import pytest

from autograder import collect, exports, feedback, grade, release
from autograder.course import GradingError
from tests.toy import WEEK, make_toy_course


@pytest.fixture(scope="session")  # kept across modules: xdist interleaves them
def course(tmp_path_factory):
    course = make_toy_course(tmp_path_factory.mktemp("toy"))
    release.release_week(course, WEEK)
    return course


def _submit(course, student, nb_or_text):
    dest = course.submitted_dir(student, WEEK)
    dest.mkdir(parents=True, exist_ok=True)
    path = dest / "toy.ipynb"
    if isinstance(nb_or_text, str):
        path.write_text(nb_or_text)
    else:
        nbformat.write(nb_or_text, str(path))


def _release_nb(course):
    return nbformat.read(str(course.release_dir(WEEK) / "toy.ipynb"), as_version=4)


def _solved(course, double_body=None, count_body=None):
    """The release with the solution cells filled in (optionally with other bodies)."""
    nb = _release_nb(course)
    bodies = {"double": double_body or "return 2 * np.asarray(x, dtype=float)",
              "count_positive": count_body or "return int(np.sum(np.asarray(x) > 0))"}
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if gid in bodies:
            cell.source = cell.source.replace("# YOUR CODE HERE\n    raise NotImplementedError()",
                                              bodies[gid])
    return nb


def _grades(course, student):
    rows = exports.question_rows(course, [WEEK])
    return {r["grade_id"]: r["score"] for r in rows if r["student_id"] == student}


def _feedback_text(course, student):
    nb = nbformat.read(str(course.autograded_dir(student, WEEK) / "toy.ipynb"), as_version=4)
    return "\n".join(str(o.get("evalue", "")) + "".join(o.get("text", ""))
                     for c in nb.cells for o in c.get("outputs", []))


def test_release_has_no_solution_or_hidden_test(course):
    text = (course.release_dir(WEEK) / "toy.ipynb").read_text()
    assert "BEGIN SOLUTION" not in text and "HIDDEN" not in text and "probe" not in text
    assert "raise NotImplementedError()" in text


def test_leak_check_catches_a_solution_line(course):
    source = nbformat.read(str(course.source_dir(WEEK) / "toy.ipynb"), as_version=4)
    leaky = _release_nb(course)
    leaky.cells[2].source += "\n    return 2 * np.asarray(x, dtype=float)"
    leaks = release.find_leaks(source, leaky, "toy.ipynb")
    assert any("secret line" in leak for leak in leaks), leaks
    assert release.find_leaks(source, _release_nb(course), "toy.ipynb") == []


def test_many_kinds_of_submission_in_one_parallel_run(course):
    always_equal = ("class _Eq:\n        def __eq__(self, other): return True\n"
                    "        __array_priority__ = 1000\n    return _Eq()")
    deleted = _solved(course)
    deleted.cells = [c for c in deleted.cells
                     if c.metadata.get("nbgrader", {}).get("grade_id") != "test_double"]
    tampered = _solved(course)
    for cell in tampered.cells:  # a student edits the test cell to pass trivially
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "test_count_positive":
            cell.source = "print('all good')"
    dies = _solved(course, count_body="import os; os._exit(1)")
    cases = {
        "perfect": _solved(course),
        "untouched": _release_nb(course),
        "always_equal": _solved(course, double_body=always_equal),
        "nan": _solved(course, double_body="return np.full(np.shape(x), np.nan)"),
        "wrong_edge": _solved(course, count_body="return int(np.sum(np.asarray(x) >= 0))"),
        "deleted_test_cell": deleted,
        "tampered_test_cell": tampered,
        "kernel_dies": dies,
        "corrupted": '{"cells": [ nope',
    }
    for student, nb in cases.items():
        _submit(course, student, nb)
    outcomes = grade.grade_week(course, WEEK, students=list(cases), workers=2, progress=False)
    assert len(outcomes) == len(cases)
    expect = {
        "perfect": {"test_double": 2, "test_count_positive": 1},
        "untouched": {"test_double": 0, "test_count_positive": 0},
        "always_equal": {"test_double": 0, "test_count_positive": 1},
        "nan": {"test_double": 0, "test_count_positive": 1},
        "wrong_edge": {"test_double": 2, "test_count_positive": 0},
        "deleted_test_cell": {"test_double": 2, "test_count_positive": 1},
        "tampered_test_cell": {"test_double": 2, "test_count_positive": 1},
        "kernel_dies": {"test_double": 2, "test_count_positive": 0},
        "corrupted": {"test_double": 0, "test_count_positive": 0},
    }
    for student, scores in expect.items():
        assert _grades(course, student) == scores, student
    assert "not a readable notebook" in _feedback_text(course, "corrupted")
    assert "stopped before this cell ran" in _feedback_text(course, "kernel_dies")
    assert "not numeric" in _feedback_text(course, "always_equal")
    assert "count_positive with a zero" in _feedback_text(course, "wrong_edge")


def test_missing_notebook_is_graded_zero_with_a_reason(course):
    course.submitted_dir("nobody", WEEK).mkdir(parents=True)
    grade.grade_week(course, WEEK, students=["nobody"], progress=False)
    assert _grades(course, "nobody") == {"test_double": 0, "test_count_positive": 0}
    assert "no file named toy.ipynb" in _feedback_text(course, "nobody")


def test_feedback_shows_messages_not_hidden_tests(course):
    _submit(course, "fb", _solved(course, count_body="return 0"))
    grade.grade_week(course, WEEK, students=["fb"], progress=False)
    (html,) = feedback.feedback_week(course, WEEK, ["fb"])
    text = html.read_text()
    assert "count_positive with a zero" in text  # the failed case's message
    assert "BEGIN HIDDEN TESTS" not in text and "check.probe" not in text


def test_collect_from_zip_reports_bad_files(course, tmp_path):
    good = nbformat.writes(_solved(course))
    archive = tmp_path / "lms.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("alice_toy.ipynb", good)
        zf.writestr("bob/toy.ipynb", good)
        zf.writestr("../evil_toy.ipynb", good)
        zf.writestr("carol_notes.txt", "hello")
        zf.writestr("dave_other.ipynb", good)
        zf.writestr("erin_toy.ipynb", "{ not json")
        zf.writestr("frank_toy.ipynb", b"0" * (collect.MAX_FILE_BYTES + 1),
                    compress_type=zipfile.ZIP_DEFLATED)  # a bomb: tiny zipped, huge unzipped
    report = collect.collect(course, WEEK, archive)
    assert sorted(report.imported) == ["alice/toy", "bob/toy", "erin/toy"]
    rejected = "\n".join(report.rejected)
    assert "unsafe path" in rejected and "not a notebook" in rejected
    assert "dave_other.ipynb" in rejected
    assert "frank_toy.ipynb" in rejected and "limit" in rejected
    assert any("erin_toy.ipynb" in w for w in report.warnings)
    assert not (course.root / "evil_toy.ipynb").exists()
    assert (course.submitted_dir("alice", WEEK) / "timestamp.txt").exists()


def test_collect_rejects_a_missing_source(course, tmp_path):
    with pytest.raises(GradingError, match="does not exist"):
        collect.collect(course, WEEK, tmp_path / "nope.zip")


def test_exports_have_the_documented_columns(course, tmp_path):
    _submit(course, "exported", _solved(course))
    grade.grade_week(course, WEEK, students=["exported"], progress=False)
    out = tmp_path / "q.csv"
    exports.write_csv(exports.question_rows(course, [WEEK]), out,
                      ["student_id", "assignment", "notebook", "grade_id", "score", "max_score"])
    lines = out.read_text().splitlines()
    assert lines[0] == "student_id,assignment,notebook,grade_id,score,max_score"
    assert "exported,week90,toy,test_double,2.0,2.0" in lines
    wide, columns = exports.wide_rows(course, [WEEK])
    assert columns == ["student_id", WEEK, "total"]
    assert wide[0] == {"student_id": "(points possible)", WEEK: 3.0, "total": 3.0}
    assert {"student_id": "exported", WEEK: 3.0, "total": 3.0} in wide
    assert len({r["student_id"] for r in wide}) == len(wide)  # one row per student
    table = exports.gradebook_table(course, [WEEK])
    assert "exported" in table and "3/3" in table


def test_expected_records_are_cached(course):
    first = grade.expected_records(course, WEEK, "toy")
    assert list(first) == ["test_double", "test_count_positive"]
    assert json.dumps(first) == json.dumps(grade.expected_records(course, WEEK, "toy"))
    assert list((course.state_dir() / "expected").glob("week90-toy-*.json"))


def test_grade_command_counts_new_and_unreadable_and_finds_its_course(course, tmp_path):
    """`dlgrade grade` run inside a course folder grades that course (no --course needed),
    says how many notebooks were new and which files could not be graded."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    _submit(course, "cli_good", _solved(course))
    _submit(course, "cli_broken", "{ not a notebook")
    # the toy week's references are registered by open_toy_course, then the CLI runs
    script = ("import sys, pathlib; from tests.toy import open_toy_course; "
              f"open_toy_course(pathlib.Path({str(course.root.parent)!r})); "
              "from autograder.cli import main; sys.exit(main(sys.argv[1:]))")
    run = subprocess.run([sys.executable, "-c", script, "grade", WEEK, "--student", "cli_good",
                          "--student", "cli_broken", "--quiet"],
                         cwd=course.root / "submitted", capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)})
    assert run.returncode == 0, run.stdout + run.stderr
    assert "graded 2 new notebook(s)" in run.stdout, run.stdout
    assert "1 file(s) could not be graded" in run.stdout and "cli_broken/toy" in run.stdout

"""An instructor's own nbgrader assignment (``course/source/ps1``), graded like the weeks.

The assignment is written in the style of nbgrader's documentation example: ``assert`` test
cells (one with a hidden region of asserts), a manually graded answer and a task, and no
``check.probe`` records, so no references module. Honest and partial students must get the
same autograded scores as plain ``nbgrader autograde`` gives them; the IPython tricks that hide
a failing ``assert`` (a custom exception handler, a replaced ``showtraceback``, input and AST
transformers) earn nothing; nbgrader's own autograde refuses to run (no unsandboxed path).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from autograder import exports, feedback, grade, release
from autograder.cli import validate_week
from autograder.course import Course
from autograder.nbgrader_guard import PLAIN_AUTOGRADE_OPTION
from tests.toy import cell_meta

pytestmark = pytest.mark.xdist_group("nbgrader_assignment")

SQUARES = '''def squares(n):
    """The squares of 1..n, as a list."""
    ### BEGIN SOLUTION
    return [i * i for i in range(1, n + 1)]
    ### END SOLUTION'''
SQUARES_TEST = '''assert squares(1) == [1]
assert squares(3) == [1, 4, 9]'''
SUM = '''def sum_of_squares(n):
    """1^2 + ... + n^2."""
    ### BEGIN SOLUTION
    return sum(squares(n))
    ### END SOLUTION'''
SUM_TEST = '''assert sum_of_squares(1) == 1
### BEGIN HIDDEN TESTS
assert sum_of_squares(10) == 385
### END HIDDEN TESTS'''

GOOD = {"squares": "def squares(n):\n    return [i * i for i in range(1, n + 1)]\n",
        "sum_of_squares": "def sum_of_squares(n):\n    return sum(i * i for i in range(n + 1))\n"}
WRONG_SUM = "def sum_of_squares(n):\n    return n * n\n"
TRICKS = {
    "custom_exception_handler": "get_ipython().set_custom_exc((AssertionError,), "
                                "lambda *a, **k: [])\n",
    "replaced_showtraceback": "ip = get_ipython()\nip.showtraceback = lambda *a, **k: None\n"
                              "ip._showtraceback = lambda *a, **k: None\n",
    "input_transformer": "get_ipython().input_transformers_post.append(\n"
                         "    lambda lines: [l for l in lines if 'assert' not in l])\n",
    "ast_transformer": "import ast\nclass _NoAsserts(ast.NodeTransformer):\n"
                       "    def visit_Assert(self, node):\n        return ast.Pass()\n"
                       "get_ipython().ast_transformers.append(_NoAsserts())\n",
}
# student: (cells, expected autograded points of test_squares, test_sum_of_squares)
STUDENTS = {
    "honest": (GOOD, (1, 2)),
    "partial": ({**GOOD, "sum_of_squares": WRONG_SUM}, (1, 0)),
    "empty": ({}, (0, 0)),
    **{name: ({**GOOD, "sum_of_squares": trick + WRONG_SUM}, (1, 0))
       for name, trick in TRICKS.items()},
}



def ps1_notebook():
    nb = new_notebook(cells=[
        new_markdown_cell("# Problem set 1\nWrite the functions, then answer the question."),
        new_code_cell(SQUARES, metadata=cell_meta("squares", solution=True)),
        new_code_cell(SQUARES_TEST, metadata=cell_meta("test_squares", grade=True, locked=True,
                                                   points=1)),
        new_code_cell(SUM, metadata=cell_meta("sum_of_squares", solution=True)),
        new_code_cell(SUM_TEST, metadata=cell_meta("test_sum_of_squares", grade=True,
                                               locked=True, points=2)),
        new_markdown_cell("Why is the sum of the first n odd numbers a square?\n\n"
                          "### BEGIN SOLUTION\nBecause of the picture.\n### END SOLUTION",
                          metadata=cell_meta("why_squares", solution=True, grade=True, points=2)),
        new_markdown_cell("Plot the squares and comment on the plot.",
                          metadata=cell_meta("plot_task", task=True, locked=True, points=1)),
    ])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    return nb


@pytest.fixture(scope="session")  # kept across modules: xdist interleaves them
def ps1(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("ps1")
    course = Course.open(tmp / "course", create=True)
    (course.root / "source" / "ps1").mkdir(parents=True)
    nbformat.write(ps1_notebook(), str(course.source_dir("ps1") / "problem1.ipynb"))
    assert "ps1" in course.assignments()
    release.release_week(course, "ps1")
    blank = nbformat.read(str(course.release_dir("ps1") / "problem1.ipynb"), as_version=4)
    for student, (solutions, _) in STUDENTS.items():
        nb = nbformat.from_dict(json.loads(json.dumps(blank)))
        for cell in nb.cells:
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
            if grade_id in solutions:
                cell.source = solutions[grade_id]
        dest = course.submitted_dir(student, "ps1")
        dest.mkdir(parents=True)
        nbformat.write(nb, str(dest / "problem1.ipynb"))
    # plain nbgrader on a copy of the course, before dlgrade touches the gradebook
    plain = tmp / "plain"
    shutil.copytree(course.root, plain, symlinks=True)
    nbgrader = str(Path(sys.executable).parent / "nbgrader")
    for student in ("honest", "partial", "empty"):
        subprocess.run([nbgrader, "autograde", "ps1", "--student", student, "--force",
                        PLAIN_AUTOGRADE_OPTION,
                        f"--CourseDirectory.root={plain}",
                        f"--CourseDirectory.db_url=sqlite:///{plain / 'gradebook.db'}"],
                       cwd=plain, check=False, capture_output=True, timeout=300)
    outcomes = grade.grade_week(course, "ps1", workers=2, progress=False)
    return course, Course.open(plain), outcomes


def _points(course, student):
    rows = exports.question_rows(course, ["ps1"])
    return {r["grade_id"]: r["score"] for r in rows if r["student_id"] == student}


@pytest.mark.parametrize("student", list(STUDENTS))
def test_autograded_scores(ps1, student):
    course, _, _ = ps1
    got = _points(course, student)
    want = dict(zip(("test_squares", "test_sum_of_squares"), STUDENTS[student][1]))
    assert {k: got.get(k) for k in want} == want, got


@pytest.mark.parametrize("student", ["honest", "partial", "empty"])
def test_same_scores_as_plain_nbgrader(ps1, student):
    course, plain, _ = ps1
    ours, theirs = _points(course, student), _points(plain, student)
    for grade_id in ("test_squares", "test_sum_of_squares"):
        assert ours[grade_id] == theirs[grade_id], (grade_id, ours, theirs)


def test_validate_skips_manually_graded_cells(ps1):
    course, _, _ = ps1
    problems = validate_week("ps1", source=course.source_dir("ps1"))
    assert not problems, problems


def test_feedback_and_waiting_cells(ps1):
    course, _, _ = ps1
    (page,) = feedback.feedback_week(course, "ps1", ["honest"])
    text = page.read_text()
    assert "Tests: passed" in text and "Hidden tests" not in text
    assert "assert sum_of_squares(10)" not in text  # hidden region removed
    assert "3 points still to be graded by hand" in text  # the answer (2) and the task (1)
    assert text.count("waiting for a grade") == 2 and "Summary: 3 / 3 points" in text


def test_plain_nbgrader_autograde_is_refused(ps1):
    course, _, _ = ps1
    result = course.api().autograde("ps1", "honest", force=True)
    assert not result["success"]
    assert "dlgrade grade" in (result.get("error") or "") + (result.get("log") or "")

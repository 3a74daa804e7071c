"""A two-exercise toy week (`week90`) for testing the grading pipeline quickly.

`make_toy_course(tmp)` writes the week's instructor notebook into ``tmp/weeks/week90``,
registers its reference module as ``autograder.references.week90`` and returns a course.
"""

from __future__ import annotations

import sys
import types
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from autograder.course import Course

WEEK = "week90"

SETUP = "import numpy as np\nfrom dlcourse import check"
DOUBLE = '''def double(x):
    """Twice x. x: (N,) -> (N,)"""
    ### BEGIN SOLUTION
    return 2 * np.asarray(x, dtype=float)
    ### END SOLUTION'''
DOUBLE_TEST = '''check.close(double([1.0, 2.0]), [2.0, 4.0], "double", inputs="[1, 2]")
### BEGIN HIDDEN TESTS
_rng = np.random.default_rng(0)
for _k in range(3):
    check.probe(double, _rng.normal(size=4), case=f"double on random vector {_k}")
### END HIDDEN TESTS'''
COUNT = '''def count_positive(x):
    """How many entries of x are > 0. x: (N,) -> int"""
    ### BEGIN SOLUTION
    return int(np.sum(np.asarray(x) > 0))
    ### END SOLUTION'''
COUNT_TEST = '''check.equal(count_positive([1, -1, 2]), 2, "count_positive", inputs="[1, -1, 2]")
### BEGIN HIDDEN TESTS
check.probe(count_positive, np.array([0.0, 1.0, -1.0]), case="count_positive with a zero",
            exact=True)
### END HIDDEN TESTS'''
REFERENCE = SETUP + "\n\n" + DOUBLE.replace("    ### BEGIN SOLUTION\n", "").replace(
    "\n    ### END SOLUTION", "") + "\n\n" + COUNT.replace("    ### BEGIN SOLUTION\n", "").replace(
    "\n    ### END SOLUTION", "") + "\n"


def cell_meta(grade_id, *, solution=False, grade=False, locked=False, points=None,
                     task=False):
    """A cell's ``metadata`` with nbgrader's grading fields (schema 3)."""
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3,
            "solution": solution, "task": task}
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


def toy_notebook():
    cells = [
        new_markdown_cell("# Toy week", metadata=cell_meta("intro", locked=True)),
        new_code_cell(SETUP, metadata=cell_meta("setup", locked=True)),
        new_code_cell(DOUBLE, metadata=cell_meta("double", solution=True)),
        new_code_cell(DOUBLE_TEST, metadata=cell_meta("test_double", grade=True, locked=True,
                                                  points=2)),
        new_code_cell("print('a demo cell')"),
        new_code_cell(COUNT, metadata=cell_meta("count_positive", solution=True)),
        new_code_cell(COUNT_TEST, metadata=cell_meta("test_count_positive", grade=True, locked=True,
                                                 points=1)),
    ]
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    return nb


def make_toy_course(tmp: Path, db_url: str | None = None) -> Course:
    weeks = tmp / "weeks"
    (weeks / WEEK).mkdir(parents=True)
    nbformat.write(toy_notebook(), str(weeks / WEEK / "toy.ipynb"))
    (tmp / "week90_reference.py").write_text(REFERENCE)
    Course.open(tmp / "course", create=True)
    return open_toy_course(tmp, db_url)


def open_toy_course(tmp: Path, db_url: str | None = None) -> Course:
    """The toy course made earlier in ``tmp`` (from any process), its references loaded."""
    ref_file = tmp / "week90_reference.py"
    module = types.ModuleType(f"autograder.references.{WEEK}")
    module.__file__ = str(ref_file)
    exec(compile(ref_file.read_text(), str(ref_file), "exec"), module.__dict__)
    sys.modules[module.__name__] = module
    return Course(tmp / "course", weeks_root=tmp / "weeks", db_url=db_url)


if __name__ == "__main__":  # python -m tests.toy TMP: grade the toy course in TMP (resumable)
    from autograder.grade import grade_week

    course = open_toy_course(Path(sys.argv[1]))
    grade_week(course, WEEK, workers=1, progress=False)

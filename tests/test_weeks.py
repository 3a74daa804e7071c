"""Every week with notebooks: the instructor notebook runs top to bottom in full, and the
student release runs top to bottom unsolved (only the exercises' own cells and the demos
that name their missing exercise may stop). Whether the references earn full marks and the
release zero under the grader is checked from the demo's class run (``tests/test_demo.py``);
`dlgrade validate` itself is checked here on one week."""

from __future__ import annotations

import os
import re

import pytest

from autograder.cli import validate_week
from autograder.course import Course
from autograder.notebooks import week_dirs
from autograder.release import release_week, unsolved_run_problems

WEEKS = [w.name for w in week_dirs()]


def test_there_is_a_week():
    assert WEEKS, "no week has notebooks"


def test_validate_command():
    """`dlgrade validate` on one week: sandboxed grading of the references (full marks) and of
    the untouched release (zero), and the unsolved release run."""
    problems = validate_week(WEEKS[0], workers=2)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("week", WEEKS)
def test_release_runs_top_to_bottom_unsolved(week, tmp_path):
    course = Course.open(tmp_path / "course", create=True)
    problems = []
    for path in release_week(course, week):
        problems += unsolved_run_problems(path)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("week", WEEKS)
def test_instructor_notebook_runs_in_full(week):
    """As a student runs it: every cell, demos at full size, no error, nothing on stderr
    from a test cell (a warning there would cost points under nbgrader's rules)."""
    import nbformat
    from nbclient import NotebookClient

    from autograder.notebooks import is_test, week_notebooks

    env_before = os.environ.pop("NBGRADER_EXECUTION", None)
    try:
        for path in week_notebooks(week):
            nb = nbformat.read(str(path), as_version=4)
            NotebookClient(nb, timeout=300, kernel_name="python3",
                           resources={"metadata": {"path": str(path.parent)}}).execute()
            for index, cell in enumerate(nb.cells):
                for out in cell.get("outputs", []):
                    assert out.get("output_type") != "error", (path.name, index, out)
                    if is_test(cell):
                        assert out.get("name") != "stderr", (path.name, index, out)
    finally:
        if env_before is not None:
            os.environ["NBGRADER_EXECUTION"] = env_before


CITATION = re.compile(r"\bnotes? 0\d\d\b|\bthe (lecture )?notes\b|\bnotes? \d{3}_", re.I)


@pytest.mark.parametrize("week", WEEKS)
def test_notebooks_do_not_cite_lecture_notes_students_lack(week):
    """Students have no copy of the lecture notes the course follows: a notebook never points
    to them ("notes 002", "the notes say"); it says what the common form is instead."""
    import nbformat

    from autograder.notebooks import week_notebooks

    for path in week_notebooks(week):
        for index, cell in enumerate(nbformat.read(str(path), as_version=4).cells):
            found = CITATION.search(cell.source)
            assert not found, f"{path.name} cell {index} cites the notes: {found.group(0)!r}"


def _dlgrade(*args):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "autograder", *args], capture_output=True,
                          text=True, timeout=900)


def test_demo_tags_are_current():
    """Every cell the grader may skip is tagged `demo`, and no other (dlgrade tag-demos)."""
    result = _dlgrade("tag-demos", "--check", "all")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mistake_table_is_current():
    """dlcourse/mistakes.json is what `dlgrade hints` makes from the catalogue today."""
    result = _dlgrade("hints", "--check")
    assert result.returncode == 0, result.stdout + result.stderr

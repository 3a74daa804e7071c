"""Every week with notebooks: `dlgrade validate` (the instructor notebook runs top to bottom
under the grader and earns full marks; the untouched release earns zero, without crashing),
and the release carries no solution or hidden test."""

from __future__ import annotations

import pytest

from autograder.cli import validate_week
from autograder.notebooks import week_dirs

WEEKS = [w.name for w in week_dirs()]


@pytest.mark.parametrize("week", WEEKS)
def test_validate(week):
    problems = validate_week(week, workers=2)
    assert not problems, "\n".join(problems)


def test_there_is_a_week():
    assert WEEKS, "no week has notebooks"


@pytest.mark.parametrize("week", WEEKS)
def test_instructor_notebook_runs_in_full(week):
    """As a student runs it: every cell, demos at full size, no error, nothing on stderr
    from a test cell (a warning there would cost points under nbgrader's rules)."""
    import os

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

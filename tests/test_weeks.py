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

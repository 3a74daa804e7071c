"""`autograder.candidates`: a blind reviewer's candidate solutions judged as the grader would."""

from __future__ import annotations

import textwrap

import pytest

from autograder import candidates

RIGHT = '''
def heaviside(a):
    a = np.asarray(a, dtype=np.float64)
    return np.where(a >= 0, 1.0, 0.0)
'''


def _write(tmp_path, wrong, right):
    path = tmp_path / "week01.py"
    path.write_text(textwrap.dedent(f"""
        WRONG = {{"heaviside": {wrong!r}}}
        RIGHT = {{"heaviside": {right!r}}}
    """))
    return path


def test_a_wrong_candidate_loses_points_and_a_right_one_earns_them(tmp_path):
    strict = "def heaviside(a):\n    return (np.asarray(a) > 0).astype(np.float64)\n"
    path = _write(tmp_path, [("strict >", strict)], [("np.where", RIGHT)])
    wrong, right = candidates.judge_file(path, "week01")
    assert (wrong.kind, wrong.verdict, wrong.earned) == ("wrong", "ok", 0)
    assert "stopped: CheckError" in wrong.cells[0]  # its visible check caught it
    assert (right.kind, right.verdict, right.earned) == ("right", "ok", right.points)
    assert right.points > 0


def test_a_correct_candidate_as_wrong_is_a_hole_and_a_wrong_one_as_right_is_unfair(tmp_path):
    strict = "def heaviside(a):\n    return (np.asarray(a) > 0).astype(np.float64)\n"
    path = _write(tmp_path, [("not really wrong", RIGHT)], [("not really right", strict)])
    hole, unfair = candidates.judge_file(path, "week01")
    assert hole.verdict == "HOLE" and unfair.verdict == "UNFAIR"
    assert candidates.main([str(path), "week01"]) == 1


def test_a_candidate_that_loops_forever_is_stopped(tmp_path, monkeypatch):
    monkeypatch.setattr(candidates, "SECONDS_PER_CELL", 1)
    loop = "def heaviside(a):\n    while True:\n        pass\n"
    path = _write(tmp_path, [("loops", loop)], [])
    (result,) = candidates.judge_file(path, "week01")
    assert result.earned == 0 and "ran over 1 s" in result.cells[0]


def test_an_unknown_exercise_is_refused(tmp_path):
    path = tmp_path / "week01.py"
    path.write_text("WRONG = {'no_such_exercise': [('x', 'pass')]}\n")
    with pytest.raises(SystemExit, match="not an exercise"):
        candidates.judge_file(path, "week01")

"""Naming a mistake (`autograder/diagnose.py`) on hand-made records: a full match, a match on
some inputs only, no invented diagnosis, nothing for a passing cell; and the visible checks'
table of mistakes (`dlcourse.check.mistake_hint`)."""

from __future__ import annotations

import numpy as np
import pytest

from autograder import diagnose, notebooks, sample_class
from dlcourse import check


def _records(*values, case="c"):
    check.SINK.records = []
    try:
        for i, value in enumerate(values):
            check.record(value, f"{case}{i}")
        return list(check.SINK.records)
    finally:
        check.SINK.records = None


EXPECTED = _records(np.array([1.0, 2.0]), 3.0, np.array([0.0]))
SUM_NOT_MEAN = {"why": "sums instead of averaging", "hint": "divide by N",
                "records": _records(np.array([2.0, 4.0]), 3.0, np.array([0.0]))}
SIGN = {"why": "the sign is flipped", "hint": "",
        "records": _records(np.array([-1.0, -2.0]), -3.0, np.array([0.0]))}
MISTAKES = [SUM_NOT_MEAN, SIGN]


def test_a_full_match_names_the_mistake():
    found = diagnose.match(EXPECTED, SIGN["records"], MISTAKES)
    assert found == (SIGN, False)
    assert "common mistake: the sign is flipped" in diagnose.describe(*found)
    assert "Hint: divide by N" in diagnose.describe(SUM_NOT_MEAN, False)


def test_a_match_on_some_inputs_says_so():
    received = _records(np.array([-1.0, -2.0]), 99.0, np.array([0.0]))
    found = diagnose.match(EXPECTED, received, MISTAKES)
    assert found == (SIGN, True)
    assert "on some inputs" in diagnose.describe(*found)


@pytest.mark.parametrize("received", [
    _records(np.array([7.0, 7.0]), 7.0, np.array([7.0])),  # wrong, like no known mistake
    EXPECTED,  # right: never labelled
    [],  # nothing ran
])
def test_no_invented_diagnosis(received):
    assert diagnose.match(EXPECTED, received, MISTAKES) is None


def test_a_mistake_that_looks_right_on_these_inputs_tells_nothing():
    harmless = {"why": "right here", "hint": "", "records": EXPECTED}
    received = _records(np.array([9.0, 9.0]), 3.0, np.array([0.0]))
    assert diagnose.match(EXPECTED, received, [harmless]) is None


def test_visible_check_hints_come_from_the_table(monkeypatch):
    monkeypatch.setattr(check, "HINTS_ENABLED", False)
    with pytest.raises(check.CheckError) as plain:
        check.close([3.0, 6.0], [2.0, 4.0], "double", inputs="[1, 2]")
    message = str(plain.value)
    monkeypatch.setattr(check, "HINTS_ENABLED", True)
    monkeypatch.setattr(check, "_HINTS", {check.hint_key(message): [["multiplies by 3", ""]]})
    with pytest.raises(check.CheckError) as raised:
        check.close([3.0, 6.0], [2.0, 4.0], "double", inputs="[1, 2]")
    text = str(raised.value)
    assert text.startswith("double on input [1, 2]: expected")
    assert text.endswith(f"\n{check.HINT_PREFIX}multiplies by 3.")
    with pytest.raises(check.CheckError) as other:  # another message: no hint
        check.close([5.0, 6.0], [2.0, 4.0], "double", inputs="[1, 2]")
    assert check.HINT_PREFIX not in str(other.value)
    monkeypatch.setattr(check, "_HINTS", {check.hint_key(message): [
        ["multiplies by 3", "Try x = 1: what should come out?"], ["adds x twice and x", ""]]})
    with pytest.raises(check.CheckError) as hinted:  # with hints, and two mistakes alike
        check.close([3.0, 6.0], [2.0, 4.0], "double", inputs="[1, 2]")
    assert str(hinted.value).endswith(
        f"\n{check.HINT_PREFIX}multiplies by 3. Hint: Try x = 1: what should come out? "
        "Or: adds x twice and x.")


def test_a_tuple_of_arrays_is_compared_part_by_part():
    """(dx, dw) of different shapes: a correct answer as tensors or float32 passes, a wrong
    part fails and is named (it was compared as text before, so correct answers failed)."""
    import torch

    from autograder import judge

    dx, dw = np.arange(6.0).reshape(2, 3), np.ones(4)
    expected = _records((dx, dw))
    assert expected[0]["value"]["kind"] == "tuple"
    same = _records((torch.tensor(dx), dw.astype(np.float32)))
    assert judge.judge(expected, same).passed
    wrong = _records((dx, 2 * dw))
    verdict = judge.judge(expected, wrong)
    assert not verdict.passed and "part 1 of the result" in verdict.text()
    assert not judge.judge(expected, _records(dx)).passed


@pytest.mark.parametrize("path", [p for d in notebooks.week_dirs()
                                  for p in notebooks.week_notebooks(d.name)],
                         ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_the_sample_students_mistakes_define_their_exercises(path):
    """The sample class's `common_mistakes` student writes each exercise as a catalogued
    mistake: every solution cell must still define the exercise (a lambda's source is its
    catalogue line, which defines nothing: those are skipped)."""
    source = notebooks.read(path)
    nb = sample_class._mistaken(source, source, path.parent.name, path.stem)
    for cell, original in zip(nb.cells, source.cells, strict=True):
        if notebooks.is_solution(cell):
            wanted = (notebooks.cell_names(original.source) or (set(), set()))[0]
            defined = (notebooks.cell_names(cell.source) or (set(), set()))[0]
            assert wanted <= defined, f"{path.stem}: {wanted - defined} not defined by\n" + \
                cell.source


def test_no_catalogued_mistake_raises_not_implemented():
    """The grader skips naming a mistake in a cell that stopped with NotImplementedError (an
    exercise not written yet): that is certain only while no mistake raises it."""
    import importlib
    import pkgutil
    from pathlib import Path

    import autograder.mistakes as package

    names = [m.name for m in pkgutil.iter_modules(package.__path__)]
    assert names
    for name in names:
        module = importlib.import_module(f"autograder.mistakes.{name}")
        assert "NotImplementedError" not in Path(module.__file__).read_text(), name

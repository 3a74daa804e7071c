"""Naming a mistake (`autograder/diagnose.py`) on hand-made records: a full match is named, a
match on some inputs only is not, nor a visible check's crash, nor an error the test's own code
raised; no invented diagnosis, nothing for a passing cell; infinities and NaN compared as
themselves; and the visible checks' table of mistakes (`dlcourse.check.mistake_hint`)."""

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
    assert found == [SIGN]
    assert "common mistake: the sign is flipped." in diagnose.describe(found)
    assert "Hint: divide by N" in diagnose.describe([SUM_NOT_MEAN])


def test_two_mistakes_alike_on_these_inputs_are_named_together():
    twin = {**SIGN, "why": "subtracts instead of adding", "hint": "look at the sign"}
    found = diagnose.match(EXPECTED, SIGN["records"], [SIGN, twin])
    assert found == [SIGN, twin]
    assert "the sign is flipped or subtracts instead of adding." in diagnose.describe(found)


@pytest.mark.parametrize("received", [
    # equal to the mistake where it is wrong, but wrong elsewhere too: another mistake
    _records(np.array([-1.0, -2.0]), 99.0, np.array([0.0])),
    # equal to the mistake on one of the cases where it is wrong, right on the other
    _records(np.array([-1.0, -2.0]), 3.0, np.array([0.0])),
    # wrong where the mistake is right
    _records(np.array([-1.0, -2.0]), -3.0, np.array([5.0])),
    # the mistake's records, but the run stopped before the last case
    SIGN["records"][:2],
])
def test_a_partial_match_names_nothing(received):
    """A symmetric matrix was told "C is not symmetric" because it equalled the one-sided
    mistake on some inputs: agreeing on some cases is no evidence."""
    assert diagnose.match(EXPECTED, received, MISTAKES) == []


@pytest.mark.parametrize("received", [
    _records(np.array([7.0, 7.0]), 7.0, np.array([7.0])),  # wrong, like no known mistake
    EXPECTED,  # right: never labelled
    [],  # nothing ran
])
def test_no_invented_diagnosis(received):
    assert diagnose.match(EXPECTED, received, MISTAKES) == []


def test_a_mistake_that_looks_right_on_these_inputs_tells_nothing():
    harmless = {"why": "right here", "hint": "", "records": EXPECTED}
    received = _records(np.array([9.0, 9.0]), 3.0, np.array([0.0]))
    assert diagnose.match(EXPECTED, received, [harmless]) == []


CRASHES = {"why": "calls len on a number", "hint": "",
           "records": EXPECTED[:1], "stopped": "TypeError: object of type 'float' has no len()"}


def test_the_same_hidden_crash_in_the_same_case_names_the_mistake():
    stopped = "the cell stopped with TypeError: object of type 'float' has no len()"
    crash = "TypeError: object of type 'float' has no len()"
    assert diagnose.match(EXPECTED, EXPECTED[:1], [CRASHES], stopped, crash) == [CRASHES]
    # the same error in another case, or another error in the same case: nothing
    assert diagnose.match(EXPECTED, [], [CRASHES], stopped, crash) == []
    other = "TypeError: unsupported operand type(s) for +: 'int' and 'str'"
    assert diagnose.match(EXPECTED, EXPECTED[:1], [CRASHES], f"the cell stopped with {other}",
                          other) == []
    # a crash the test's own code raised (a refused signature, a helper's index): nothing
    by_test = {**CRASHES, "stopped_by_test": True}
    assert diagnose.match(EXPECTED, EXPECTED[:1], [by_test], stopped, crash) == []


def test_a_visible_check_crash_is_not_matched_against_hidden_crashes():
    """Code that counts ties as improvements crashed in a visible check and was told "waits
    one epoch too many", a mistake that crashes the hidden tests with the same kind of
    error: a crash outside the hidden region (no ``crash``) is never matched."""
    waits = {"why": "waits one epoch too many", "hint": "",
             "records": [], "stopped": "IndexError: list index out of range"}
    stopped = "the cell stopped with IndexError: list index out of range"
    assert diagnose.match(EXPECTED, [], [waits], stopped, None) == []
    assert diagnose.match(EXPECTED, [], [waits], stopped,
                          "IndexError: list index out of range") == [waits]


def _error_output(source_line: int, *inner: str) -> dict:
    """An error output as IPython 9 writes it (colours included): the test cell's frame at
    ``source_line``, then ``inner`` frames."""
    def cell(n, line, fn=""):
        return (f"\x1b[36mCell\x1b[39m\x1b[36m \x1b[39m\x1b[32mIn[{n}]\x1b[39m\x1b[32m, "
                f"line {line}\x1b[39m{fn}\n\x1b[32m----> \x1b[39m\x1b[32m{line}\x1b[39m x\n")
    frames = {"solution": cell(3, 2, ", in \x1b[36mf\x1b[39m"),
              "helper": cell(7, 9, ", in \x1b[36m_val\x1b[39m"),
              "numpy": "File \x1b[32m~/numpy/_core/fromnumeric.py:3\x1b[39m, in sum"}
    return {"output_type": "error", "ename": "TypeError", "evalue": "bad operand",
            "traceback": ["\x1b[31m-----\x1b[39m", "\x1b[31mTypeError\x1b[39m  Traceback",
                          cell(7, source_line), *(frames[f] for f in inner),
                          "\x1b[31mTypeError\x1b[39m: bad operand"]}


TEST_CELL = ("check.close(f(1), 2)\n### BEGIN HIDDEN TESTS\ncheck.probe(f, 1, case='a')\n"
             "check.record(f(2), case='b')\n### END HIDDEN TESTS\n")


@pytest.mark.parametrize("line, inner, crash", [
    (4, ["solution"], "TypeError: bad operand"),  # in the hidden region, inside f
    (4, ["solution", "numpy"], "TypeError: bad operand"),
    (1, ["solution"], None),  # a visible check crashed: the hidden tests never ran
    (4, [], None),  # the hidden test's own line raised (a call f's signature refuses)
    (4, ["helper"], None),  # a helper defined in the test cell raised
])
def test_where_a_test_cell_crashed(line, inner, crash):
    from autograder import judge

    assert judge.hidden_crash(TEST_CELL, [_error_output(line, *inner)]) == crash
    assert judge.hidden_crash(TEST_CELL, []) is None
    for odd in (5, None, "Cell In[7], line 4", {"a": 1}):  # outputs a hostile kernel wrote
        assert judge.hidden_crash(TEST_CELL, [{**_error_output(line), "traceback": odd}]) is None
    assert judge.hidden_crash(TEST_CELL, ["not an output", 3]) is None


@pytest.mark.parametrize("received, expected, agrees", [
    (1000.0, np.inf, False), (-np.inf, np.inf, False), (np.inf, -np.inf, False),
    (np.inf, 1e300, False), (1e300, np.inf, False), (np.nan, np.inf, False),
    (np.inf, np.inf, True), (-np.inf, -np.inf, True),
    (np.nan, np.nan, True), (0.0, np.nan, False), (np.nan, 0.0, False),
    ([1.0, np.inf], [1.0 + 1e-9, np.inf], True), ([1.0, 5.0], [1.0, np.inf], False),
])
def test_infinities_and_nan_agree_only_with_themselves(received, expected, agrees):
    """``inf <= atol + rtol * inf`` holds: a tolerance must not reach an infinity (a
    catalogued mistake that records inf "matched" a student's 1000)."""
    from autograder import judge

    for exact in (False, True):
        if exact and np.size(received) > 1 and agrees:
            continue  # 1 + 1e-9 is not exactly 1
        assert (check.compare(received, expected, exact=exact) is None) is agrees
    verdict = judge.judge(_records(np.asarray(expected, dtype=float)),
                          _records(np.asarray(received, dtype=float)))
    assert verdict.passed is agrees
    overflowing = {"why": "overflows to inf", "hint": "",
                   "records": _records(np.asarray(expected, dtype=float))}
    reference = _records(np.zeros(np.shape(expected)))
    named = diagnose.match(reference, _records(np.asarray(received, dtype=float)),
                           [overflowing])
    assert (named == [overflowing]) is (agrees and not np.all(np.asarray(received) == 0))


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

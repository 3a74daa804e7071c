"""How the course's checks and errors look in a real kernel (`dlcourse.check`'s display):
a failed visible check shows its message once, without a traceback; a cell whose checks
passed says so; an unsolved exercise (a class by its name) and a guarded demo stop in one
line naming it; torch's in-place error gets a hint; the error stays an error."""

from __future__ import annotations

import re

import nbformat
from nbclient import NotebookClient

CELLS = [
    "from dlcourse import check\nimport numpy as np\nimport torch",
    # 1-4: an unsolved function, a cell that uses it, a guard, a failed check
    "def taylor(x):\n    '''doc'''\n    # YOUR CODE HERE\n    raise NotImplementedError()",
    "check.close(taylor(1.0), 2.0, 'taylor at 1')",
    "check.needs('taylor', 'never_defined')\nprint('drawn')",
    "check.close(np.array([1.0, 2.0]), [1.0, 3.0], 'the second value', inputs='x=[1, 2]')",
    # 5: solved; its checks pass
    "def taylor(x):\n    return 2.0\ncheck.needs('taylor')\ncheck.close(taylor(1.0), 2.0, 'ok')\n"
    "check.true(taylor(0.0) == 2.0, 'constant')\nprint('passed')",
    # 6-7: an unsolved class
    "class ResidualBlock:\n    def __init__(self, n):\n        # YOUR CODE HERE\n"
    "        raise NotImplementedError()",
    "_block = ResidualBlock(3)",
    # 8: a small matrix, shown in its shape
    "check.equal(np.array([[0, 1], [1, 0]]), np.array([[0, 1], [1, 2]]), 'cooccurrence', "
    "inputs='ids=[0, 1]')",
    # 9: a check that fails inside a function: its line is shown
    "def _helper(v):\n    check.close(v, 1.0, 'v')\n_helper(2.0)",
    # 10: checks pass, then the cell fails for another reason: no "passed" line
    "check.close(0.0, 0.0, 'zero')\nraise ValueError('boom')",
    # 11: torch's in-place error (a GAN step that reuses a graph after an optimizer's step)
    "w = torch.ones(2, requires_grad=True)\nloss = (w * w).sum()\n"
    "opt = torch.optim.SGD([w], lr=0.1)\nloss.backward(retain_graph=True)\nopt.step()\n"
    "loss.backward()",
    # 12: a cell without checks prints nothing
    "x = 1",
    # 13-15: a kernel that had imported dlcourse.check before it started (the grader's warm
    # sandbox does): the display is installed by the first check
    "from IPython import get_ipython\n_sh = get_ipython()\n_sh.set_custom_exc((), None)\n"
    "for _e in ('pre_run_cell', 'post_run_cell'):\n"
    "    for _f in list(_sh.events.callbacks[_e]):\n"
    "        if getattr(_f, '__module__', '') == 'dlcourse.check':\n"
    "            _sh.events.unregister(_e, _f)\n"
    "check._SHELL[0] = None",
    "check.close(1.0, 1.0, 'one')",
    "check.close(1.0, 2.0, 'two')",
]
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _run():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in CELLS]
    NotebookClient(nb, kernel_name="python3", timeout=120, allow_errors=True).execute()
    return nb


def _text(cell, kind: str) -> list[str]:
    lines = []
    for out in cell.outputs:
        if out.output_type == "error" and kind == "error":
            lines += [ANSI.sub("", line) for line in out.traceback]
        elif out.output_type == "stream" and kind == "stream":
            lines += out.text.splitlines()
    return lines


def test_checks_and_errors_read_well_and_stay_errors():
    nb = _run()
    errors = {i: o for i, c in enumerate(nb.cells) for o in c.outputs
              if o.output_type == "error"}
    assert set(errors) == {2, 3, 4, 7, 8, 9, 10, 11, 15}

    assert errors[2].ename == "NotImplementedError"
    assert _text(nb.cells[2], "error") == [
        "NotImplementedError: `taylor` is not written yet: replace `raise NotImplementedError()` "
        "with your code, run that cell, then this one."]
    assert errors[7].ename == "NotImplementedError"
    unsolved_class = _text(nb.cells[7], "error")
    assert len(unsolved_class) == 1 and "`ResidualBlock` is not written yet" in unsolved_class[0]

    guard = _text(nb.cells[3], "error")
    assert errors[3].ename == "ExerciseNotDone" and len(guard) == 1
    assert guard[0].startswith("Exercise not done yet: this cell needs `taylor` first "
                               "(then `never_defined`)")
    assert "drawn" not in str(nb.cells[3].outputs)

    # A failed check: the message once, no traceback, no frame of dlcourse.
    failed = _text(nb.cells[4], "error")
    assert errors[4].ename == "CheckError"
    assert failed == ["Check failed: the second value on input x=[1, 2]: expected [1., 3.], "
                      "received [1., 2.]; 1 of 2 entries differ, first at index 1 (expected 3, "
                      "received 2); max abs error 1, max rel error 0.333 (tolerance "
                      "atol=1e-06, rtol=1e-05)"]
    matrix = "\n".join(_text(nb.cells[8], "error"))
    assert matrix.count("expected") == 3 and "Traceback" not in matrix
    assert "expected [[0, 1],\n          [1, 2]]\nreceived [[0, 1],\n          [1, 0]]" in matrix
    inside = _text(nb.cells[9], "error")
    assert inside[0].startswith("Check failed: v: expected 1, received 2; abs error 1")
    assert inside[1:] == ["in `_helper`, line 2: check.close(v, 1.0, 'v')"]

    # Passing checks say so; a cell that failed after its checks passed does not.
    assert _text(nb.cells[5], "stream") == ["passed", "✓ taylor: 2 checks passed"]
    assert _text(nb.cells[10], "stream") == [] and errors[10].ename == "ValueError"
    assert _text(nb.cells[12], "stream") == [] and _text(nb.cells[0], "stream") == []

    # Another RuntimeError keeps its traceback; torch's in-place error gets a hint.
    inplace = _text(nb.cells[11], "error")
    assert errors[11].ename == "RuntimeError"
    assert any("modified by an inplace operation" in line for line in inplace)
    assert inplace[-1].startswith("What this means: backward() needs the values")

    # Installed by the first check in a kernel that imported dlcourse before it started.
    assert _text(nb.cells[13], "stream") == []
    assert _text(nb.cells[14], "stream") == ["✓ 1 check passed"]
    assert _text(nb.cells[15], "error") == [
        "Check failed: two: expected 2, received 1; abs error 1, rel error 0.5 (tolerance "
        "atol=1e-06, rtol=1e-05)"]


def test_where_a_test_cell_crashed_in_a_real_kernel():
    """`judge.hidden_crash` reads IPython's own traceback: an error inside the solution while
    the hidden region ran is a hidden crash; a crash of a visible check, or an error raised by
    the test's own code (a call the solution's signature refuses), is not."""
    from autograder import judge

    hidden = "### BEGIN HIDDEN TESTS\n{}\n### END HIDDEN TESTS\n"
    cells = ["from dlcourse import check\ndef f(x):\n    return x + 'a'\n",
             "y = 1\n" + hidden.format("z = 2\nf(3)"),  # inside f, from the hidden region
             "f(3)\n" + hidden.format("f('b')"),  # a visible check crashes first
             "y = 1\n" + hidden.format("f(1, 2)")]  # f's signature refuses the call
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in cells]
    NotebookClient(nb, kernel_name="python3", timeout=120, allow_errors=True).execute()
    found = [judge.hidden_crash(c.source, c.outputs) for c in nb.cells]
    assert found == [None, "TypeError: unsupported operand type(s) for +: 'int' and 'str'",
                     None, None]

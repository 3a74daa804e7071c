"""How the course's errors look in a real kernel (`dlcourse.check.install_notebook_errors`):
a failed visible check shows its message first and none of dlcourse's frames; an unsolved
exercise and a guarded demo stop in one line naming the function; the error stays an error."""

from __future__ import annotations

import re

import nbformat
from nbclient import NotebookClient

CELLS = [
    "from dlcourse import check\nimport numpy as np",
    "def taylor(x):\n    '''doc'''\n    # YOUR CODE HERE\n    raise NotImplementedError()",
    "check.close(taylor(1.0), 2.0, 'taylor at 1')",
    "check.needs('taylor', 'never_defined')\nprint('drawn')",
    "check.close(np.array([1.0, 2.0]), [1.0, 3.0], 'the second value', inputs='x=[1, 2]')",
    "def taylor(x):\n    return 2.0\ncheck.needs('taylor')\ncheck.close(taylor(1.0), 2.0, 'ok')\n"
    "print('passed')",
]
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _run():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in CELLS]
    for cell in nb.cells[1:5]:
        cell.metadata["tags"] = ["raises-exception"]
    NotebookClient(nb, kernel_name="python3", timeout=120).execute()
    return nb


def test_errors_read_well_and_stay_errors():
    nb = _run()
    errors = {i: o for i, c in enumerate(nb.cells) for o in c.outputs
              if o.output_type == "error"}
    assert set(errors) == {2, 3, 4}
    unsolved = [ANSI.sub("", line) for line in errors[2].traceback]
    assert errors[2].ename == "NotImplementedError" and len(unsolved) == 1
    assert "`taylor` is not written yet" in unsolved[0]
    guard = [ANSI.sub("", line) for line in errors[3].traceback]
    assert errors[3].ename == "ExerciseNotDone" and len(guard) == 1
    assert "`taylor`, `never_defined`" in guard[0] and "drawn" not in str(nb.cells[3].outputs)
    failed = [ANSI.sub("", line) for line in errors[4].traceback]
    assert failed[0].startswith("Check failed: the second value on input x=[1, 2]")
    assert not any("dlcourse/check.py" in line for line in failed), failed
    assert "passed" in nb.cells[5].outputs[0]["text"]


def test_where_a_test_cell_crashed_in_a_real_kernel():
    """`judge.hidden_crash` reads IPython's own traceback: an error inside the solution while
    the hidden region ran is a hidden crash; a crash of a visible check, or an error raised by
    the test's own code (a call the solution's signature refuses), is not."""
    from autograder import judge

    hidden = "### BEGIN HIDDEN TESTS\n{}\n### END HIDDEN TESTS\n"
    cells = ["def f(x):\n    return x + 'a'\n",
             "y = 1\n" + hidden.format("z = 2\nf(3)"),  # inside f, from the hidden region
             "f(3)\n" + hidden.format("f('b')"),  # a visible check crashes first
             "y = 1\n" + hidden.format("f(1, 2)")]  # f's signature refuses the call
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in cells]
    NotebookClient(nb, kernel_name="python3", timeout=120, allow_errors=True).execute()
    found = [judge.hidden_crash(c.source, c.outputs) for c in nb.cells]
    assert found == [None, "TypeError: unsupported operand type(s) for +: 'int' and 'str'",
                     None, None]

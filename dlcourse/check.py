"""Checks for the notebooks' exercises.

Two kinds of helper live here:

* **Visible checks** (`close`, `equal`, `shape`, `true`) run in the student's notebook and raise
  `CheckError` with a message that names what was checked, the input, what was expected and
  what was received. They exist to help students; they grant no points.

* **Demo guards** (`needs`): a demo cell that uses exercises starts with
  ``check.needs("fn", ...)``; while one of them is still the unsolved stub, the cell stops with
  one line naming the exercise to finish first (`ExerciseNotDone`), instead of failing
  somewhere inside it or drawing empty axes.

* **The notebook display** (`install_notebook_errors`, installed on import): a failed check
  shows its message once, without a traceback; a cell whose checks all passed says so
  (``✓ cooccurrence: 4 checks passed``); an unsolved exercise and a guard stop in one line.

* **Hidden-test recorders** (`probe`, `record`) are what the grader's hidden tests call. In a
  notebook they only *record* what the student's code returned, as a display output of the
  test cell. The grader then computes the same records with the reference solutions, outside
  the student's kernel, and compares the two. The verdict is therefore never computed by code
  the student could have monkeypatched; see ``autograder/judge.py``.

Values are always converted to arrays of the expected dtype and shape before being compared, so
an object whose ``__eq__`` says True to everything earns nothing.

Introduced in week01.
"""

from __future__ import annotations

import base64
import copy
import math
from collections.abc import Callable
from typing import Any

import numpy as np

__all__ = [
    "CheckError",
    "ExerciseNotDone",
    "needs",
    "passed",
    "install_notebook_errors",
    "close",
    "equal",
    "shape",
    "true",
    "probe",
    "record",
    "to_array",
    "compare",
    "RECORD_MIME",
]

#: MIME type of the display outputs that carry a hidden test's records to the grader.
RECORD_MIME = "application/vnd.dlgrade.record+json"


class CheckError(AssertionError):
    """A check failed; the message says what, on which input, expected and received."""


class ExerciseNotDone(Exception):
    """A demo needs an exercise that is not done yet; the message names it."""


# --------------------------------------------------------------------------------------------
# Conversion and comparison (shared by the visible checks and the grader's judge)
# --------------------------------------------------------------------------------------------
def to_array(value: Any) -> np.ndarray:
    """Convert numbers, lists, numpy arrays and torch tensors to a numpy array.

    Anything that does not convert to a numeric or boolean array raises ``TypeError``: an
    object that pretends to be a number is not one.
    """
    if hasattr(value, "detach") and hasattr(value, "cpu"):  # a torch tensor
        value = value.detach().cpu().numpy()
    if hasattr(value, "evalf") and not isinstance(value, np.ndarray):  # a SymPy number
        try:
            value = complex(value.evalf()) if value.is_number else value
            value = value.real if isinstance(value, complex) and value.imag == 0 else value
        except (TypeError, AttributeError):
            pass
    try:
        arr = np.asarray(value)
    except Exception as exc:  # ragged lists, objects that raise in __array__
        raise TypeError(f"cannot be converted to an array ({type(exc).__name__}: {exc})") from None
    if arr.dtype.kind not in "biuf":
        raise TypeError(
            f"got a value of type {type(value).__name__} (array dtype {arr.dtype}); "
            "expected numbers"
        )
    return arr


#: Arrays of up to this many entries (and rows) are shown whole, in their shape; larger
#: ones by their shape and the first entry that differs.
SHOW_ENTRIES, SHOW_ROWS = 30, 8


def _show(arr: np.ndarray, prefix: str = "") -> str:
    """A value as a student reads it: a number as a number, a small array in its shape (a
    matrix over several lines, aligned after ``prefix``), a large one as its shape."""
    arr = np.asarray(arr)
    if arr.ndim == 0:
        return _number(arr[()])
    rows = int(np.prod(arr.shape[:-1])) if arr.ndim > 1 else 1
    if arr.size > SHOW_ENTRIES or rows > SHOW_ROWS:
        return f"an array of shape {arr.shape}"
    return np.array2string(arr, precision=6, separator=", ", prefix=prefix, max_line_width=100)


def _number(value, digits: int = 6) -> str:
    value = value.item() if hasattr(value, "item") else value
    return f"{value:.{digits}g}" if isinstance(value, float) else str(value)


def _pair(expected, received) -> tuple[str, str]:
    """Two numbers with just enough digits to tell them apart (at least 6)."""
    for digits in range(6, 18):
        e, r = _number(expected, digits), _number(received, digits)
        if e != r:
            break
    return e, r


def _index(idx: tuple[int, ...]) -> str:
    return str(idx[0]) if len(idx) == 1 else str(idx)


def _differ(exp: np.ndarray, got: np.ndarray, bad: np.ndarray, errors: str = "") -> str:
    """What differs, on one line: the two values when they are short (a number, a vector),
    else how many entries differ and the first one, with its index; ``errors`` follows. A
    small matrix follows on the next lines, expected above received, in its shape."""
    tail = f"; {errors}" if errors else ""
    if exp.ndim == 0:
        e, r = _pair(exp[()], got[()])
        return f"expected {e}, received {r}{tail}"
    e, r = _show(exp, "expected "), _show(got, "received ")
    idx = tuple(int(i) for i in np.argwhere(bad)[0])
    first_e, first_r = _pair(exp[idx], got[idx])
    where = (f"{int(bad.sum())} of {bad.size} entries differ, first at index {_index(idx)} "
             f"(expected {first_e}, received {first_r})")
    if bad.size == 1 or ("\n" not in e + r and not e.startswith("an array")):
        return f"expected {e}, received {r}" + (f"; {where}" if bad.size > 1 else "") + tail
    head = f"expected and received arrays of shape {exp.shape}: {where}{tail}"
    return head if e.startswith("an array") else f"{head}\nexpected {e}\nreceived {r}"


def compare(
    received: Any,
    expected: Any,
    *,
    atol: float = 1e-6,
    rtol: float = 1e-5,
    exact: bool = False,
) -> str | None:
    """Compare ``received`` with ``expected``; return ``None`` when they agree, else why not.

    ``expected`` fixes the dtype and the shape: ``received`` is converted to an array of the
    expected dtype and must have exactly the expected shape. An infinity agrees only with the
    same infinity (no tolerance reaches it: ``inf <= atol + rtol*inf`` would accept any finite
    value), and NaN only with NaN: the one rule for NaN, where the reference itself says NaN.
    """
    exp = to_array(expected)
    try:
        got = to_array(received)
    except TypeError as exc:
        return f"received a value that is not numeric: {exc}"
    if got.shape != exp.shape:
        return f"expected shape {exp.shape}, received shape {got.shape}"
    if exact and exp.dtype.kind == "f":
        atol = rtol = 0.0  # exact floats: the rule below with no tolerance
    elif exp.dtype.kind in "biu" or exact:
        if got.dtype.kind == "f" and not np.all(np.isfinite(got)):
            return f"expected {_show(exp)}, received non-finite values {_show(got)}"
        if got.dtype.kind == "f" and exp.dtype.kind in "biu" and np.any(got != np.round(got)):
            return f"expected whole numbers {_show(exp)}, received {_show(got)}"
        bad = np.asarray(got.astype(exp.dtype) != exp)
        if bad.any():
            return _differ(exp, got.astype(exp.dtype), bad)
        return None
    got = got.astype(np.float64)
    exp = exp.astype(np.float64)
    both_nan = np.isnan(got) & np.isnan(exp)
    infinite = np.isinf(exp) | np.isinf(got)
    with np.errstate(invalid="ignore"):
        err = np.abs(got - exp)
        ok = np.where(infinite, got == exp, err <= atol + rtol * np.abs(exp)) | both_nan
    if ok.all():
        return None
    if exact:
        return _differ(exp, got, ~ok)
    return _differ(exp, got, ~ok, f"{_errors(exp, err, ~ok)} (tolerance atol={atol:g}, "
                                  f"rtol={rtol:g})")


def _errors(exp: np.ndarray, err: np.ndarray, bad: np.ndarray) -> str:
    """The largest absolute error over the entries that differ, and the largest relative
    error over those whose expected value is not 0 (where it would be meaningless)."""
    finite = np.where(np.isfinite(err), err, np.inf)
    size = "" if exp.ndim == 0 else "max "
    text = f"{size}abs error {float(np.max(finite[bad])):.3g}"
    nonzero = bad & (exp != 0) & np.isfinite(exp)
    if nonzero.any():
        rel = float(np.max(finite[nonzero] / np.abs(exp[nonzero])))
        text += f", {size}rel error {rel:.3g}"
    return text


# --------------------------------------------------------------------------------------------
# Visible checks
# --------------------------------------------------------------------------------------------
#: Look failure messages up in the table of common mistakes (off while the grader builds it).
HINTS_ENABLED = True
HINT_PREFIX = "This looks like a common mistake: "
_HINTS: dict | None = None


def hint_key(message: str) -> str:
    """The key of a visible check's failure message in the table of common mistakes."""
    import hashlib

    return hashlib.sha256(message.strip().encode("utf-8")).hexdigest()[:20]


def mistake_hint(message: str) -> str | None:
    """What a failure message looks like, from ``mistakes.json`` (made by `dlgrade hints`
    from the course's catalogue of common mistakes: the messages those mistakes get from the
    visible checks, as keys; what each mistake is and a hint; no mistake's code and no hidden
    input): "what is wrong. Hint: ...", several joined by " Or: "."""
    found = mistake_entries(message)
    texts = [f"{why.rstrip('.')}." + (f" Hint: {hint}" if hint else "") for why, hint in found]
    return " Or: ".join(texts) if texts else None


def mistake_hints(message: str) -> list[str]:
    """What is wrong in each common mistake whose visible-check message is ``message``."""
    return [why for why, _ in mistake_entries(message)]


def mistake_entries(message: str) -> list[tuple[str, str]]:
    """``(what is wrong, hint)`` of each common mistake whose visible-check message is
    ``message`` (see `mistake_hint`)."""
    global _HINTS
    if not HINTS_ENABLED:
        return []
    if _HINTS is None:
        import json
        from pathlib import Path

        try:
            table = json.loads((Path(__file__).parent / "mistakes.json").read_text())
            _HINTS = table.get("hints", {})
        except (OSError, ValueError):
            _HINTS = {}
    return [(why, hint) for why, hint in _HINTS.get(hint_key(message), [])]


def _fail(what: str, inputs: str | None, why: str) -> None:
    __tracebackhide__ = True  # IPython hides this frame: the message is what matters
    where = f" on input {inputs}" if inputs else ""
    _raise(f"{what}{where}: {why}")


def _raise(message: str) -> None:
    """Raise CheckError(message), with the common mistake it looks like when there is one."""
    __tracebackhide__ = True
    _install_if_new_shell()  # so that this failure shows as `_notebook_error` says
    hint = mistake_hint(message)
    raise CheckError(message + (f"\n{HINT_PREFIX}{hint}" if hint else ""))


def close(
    received: Any,
    expected: Any,
    what: str = "value",
    *,
    inputs: str | None = None,
    atol: float = 1e-6,
    rtol: float = 1e-5,
) -> None:
    """Check that ``received`` equals ``expected`` (same shape, values within tolerance)."""
    __tracebackhide__ = True  # IPython hides this frame: the message is what matters
    why = compare(received, expected, atol=atol, rtol=rtol)
    if why:
        _fail(what, inputs, why)
    passed()


def equal(received: Any, expected: Any, what: str = "value", *, inputs: str | None = None) -> None:
    """Check exact equality of numbers/arrays (after conversion to the expected dtype)."""
    __tracebackhide__ = True  # IPython hides this frame: the message is what matters
    why = compare(received, expected, exact=True)
    if why:
        _fail(what, inputs, why)
    passed()


def shape(received: Any, expected: tuple[int, ...], what: str = "value", *,
          inputs: str | None = None) -> None:
    """Check the shape of an array-like result."""
    __tracebackhide__ = True  # IPython hides this frame: the message is what matters
    try:
        got = to_array(received).shape
    except TypeError as exc:
        _fail(what, inputs, str(exc))
        return
    if tuple(got) != tuple(expected):
        _fail(what, inputs, f"expected shape {tuple(expected)}, received shape {tuple(got)}")
    passed()


def true(condition: Any, message: str) -> None:
    """Check a condition; ``message`` says what was expected and what happened."""
    __tracebackhide__ = True  # IPython hides this frame: the message is what matters
    if condition is not True and not (isinstance(condition, np.bool_) and bool(condition)):
        _raise(message)
    passed()


# --------------------------------------------------------------------------------------------
# Demo guards
# --------------------------------------------------------------------------------------------
def _is_stub(obj: Any) -> bool:
    """True while a function (or any method of a class) still raises the release's stub."""
    if isinstance(obj, type):
        return any(_is_stub(v) for v in vars(obj).values() if callable(v))
    code = getattr(obj, "__code__", None)
    return code is not None and "NotImplementedError" in code.co_names


def needs(*names: str) -> None:
    """Stop the calling cell with one line if an exercise it uses is not done yet.

    A demo cell that uses exercises starts with ``check.needs("fn", ...)`` (the names as
    strings, so a cell that was never run is caught too), in the notebook's order: the line
    names the first exercise to finish. `dlgrade tag-demos` writes these lists, following the
    variables a cell reads back to the exercises that made them. When every named function
    is written, this does nothing.
    """
    __tracebackhide__ = True
    import sys

    caller = sys._getframe(1).f_globals
    missing = [n for n in names if n not in caller or _is_stub(caller[n])]
    if not missing:
        return
    _install_if_new_shell()
    if len(missing) == 1:
        raise ExerciseNotDone(f"this cell needs `{missing[0]}`: finish that exercise and run "
                              "its cell first, then run this cell again.")
    later = ", ".join(f"`{n}`" for n in missing[1:4]) + (
        f" and {len(missing) - 4} more" if len(missing) > 4 else "")
    raise ExerciseNotDone(f"this cell needs `{missing[0]}` first (then {later}): finish "
                          "those exercises and run their cells, then run this cell again.")


# --------------------------------------------------------------------------------------------
# How checks and errors look in a notebook
# --------------------------------------------------------------------------------------------
#: Visible checks passed since the current cell started (see `passed`).
_TALLY = {"checks": 0}

#: Errors of torch and numpy that students meet in the exercises, with what they mean here.
ERROR_HINTS = [
    ("modified by an inplace operation",
     "backward() needs the values its graph was built from, and something changed one of "
     "them in place after the forward pass: an optimizer's step() changes its network's "
     "weights in place, and so do `+=`, `x[i] = ...` and methods ending in `_`. Which tensor "
     "does your backward pass go through, and was it (or a network it came from) updated "
     "between that forward pass and this backward()?"),
]


def passed() -> None:
    """Count one passed visible check; at the end of a cell whose checks all passed, the
    notebook then says so (``✓ cooccurrence: 4 checks passed``), so that a cell that passed
    never looks like a cell that did not run."""
    _TALLY["checks"] += 1
    _install_if_new_shell()


def _tested_names(source: str, namespace: dict) -> list[str]:
    """The notebook's own functions and classes a cell uses (its exercise), in order."""
    import ast
    import inspect

    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    found: list[str] = []
    names = sorted((n for n in ast.walk(tree) if isinstance(n, ast.Name)),
                   key=lambda n: (n.lineno, n.col_offset))  # in the order they are written
    for node in names:
        if isinstance(node.ctx, ast.Load) and not node.id.startswith("_") \
                and node.id not in found:
            value = namespace.get(node.id)
            if (isinstance(value, type) or inspect.isfunction(value)) \
                    and getattr(value, "__module__", None) == "__main__":
                found.append(node.id)
    return found


def _before_cell(*_: Any) -> None:
    _TALLY["checks"] = 0


def _after_cell(result: Any) -> None:
    """Say how many visible checks the cell passed, if it ran some and none failed."""
    count, _TALLY["checks"] = _TALLY["checks"], 0
    if not count or not getattr(result, "success", False):
        return
    try:
        from IPython import get_ipython

        names = _tested_names(result.info.raw_cell, get_ipython().user_ns)
    except Exception:  # noqa: BLE001 - a name is a nicety; the count is what matters
        names = []
    what = ", ".join(names[:3]) + ": " if names else ""
    print(f"✓ {what}{count} check{'s' if count > 1 else ''} passed")


def _innermost_user_frame(tb):
    """The innermost traceback entry outside this package, or None."""
    here = __file__.rsplit("/", 1)[0]
    found = None
    while tb is not None:
        if not tb.tb_frame.f_code.co_filename.startswith(here):
            found = tb
        tb = tb.tb_next
    return found


def _unwritten(tb) -> str | None:
    """What the innermost frame is: ``taylor`` for a function, ``ResidualBlock`` for a
    class's ``__init__``, ``ResidualBlock.forward`` for another method."""
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    if tb is None:
        return None
    code = tb.tb_frame.f_code
    qualname = getattr(code, "co_qualname", code.co_name)
    if code.co_name.startswith("<"):
        return None
    parts = [p for p in qualname.split(".") if p != "<locals>"]
    if len(parts) >= 2 and parts[-1] == "__init__":
        return parts[-2]
    return ".".join(parts[-2:])


def _line_of(tb) -> str | None:
    """``line N: code`` of a traceback entry, when it is inside a function (at a cell's top
    level the message says all)."""
    import linecache

    if tb is None or tb.tb_frame.f_code.co_name.startswith("<"):
        return None
    code = tb.tb_frame.f_code
    text = linecache.getline(code.co_filename, tb.tb_lineno).strip()
    return f"in `{code.co_name}`, line {tb.tb_lineno}: {text}" if text else None


def _notebook_error(shell, etype, value, tb, tb_offset=None):
    """How the course's own errors look in a notebook: the message once, first.

    - `ExerciseNotDone` (a demo guard) and `NotImplementedError` (an unsolved exercise): one
      line that names the exercise (a class by its name, not its ``__init__``);
    - `CheckError` (a visible check failed): its message, then, when the check ran inside a
      function, the one line of it that called the check; no traceback;
    - another `RuntimeError`: IPython's usual traceback, then a hint when `ERROR_HINTS` knows
      the message.
    The error is still an error: the cell stops and its reply says so.
    """
    red, bold, dim, reset = "\x1b[31m", "\x1b[1m", "\x1b[2m", "\x1b[0m"
    if issubclass(etype, ExerciseNotDone):
        stb = [f"{red}{bold}Exercise not done yet{reset}: {value}"]
    elif issubclass(etype, NotImplementedError):
        fn = _unwritten(tb)
        what = f"`{fn}` is" if fn else "an exercise this cell uses is"
        stb = [f"{red}{bold}NotImplementedError{reset}: {what} not written yet: replace "
               "`raise NotImplementedError()` with your code, run that cell, then this one."]
    elif issubclass(etype, CheckError):
        stb = [f"{red}{bold}Check failed{reset}: {value}"]
        line = _line_of(_innermost_user_frame(tb))
        stb += [f"{dim}{line}{reset}"] if line else []
    else:
        stb = shell.InteractiveTB.structured_traceback(etype, value, tb, tb_offset=tb_offset)
        text = str(value)
        stb += [f"{bold}What this means{reset}: {hint}" for key, hint in ERROR_HINTS
                if key in text]
    shell._showtraceback(etype, value, stb)  # a custom handler must show the error itself
    return stb


_SHELL: list = [None]  # the IPython shell the display is installed in


def _install_if_new_shell() -> None:
    """Install the display in a kernel that imported this module before it started (the
    grader's warm sandbox imports it once for every notebook)."""
    import sys

    ipython = sys.modules.get("IPython")
    if ipython is not None and ipython.get_ipython() is not _SHELL[0]:
        install_notebook_errors()


def install_notebook_errors() -> bool:
    """Show the course's errors as `_notebook_error` does, and say when a cell's visible
    checks passed (`passed`), in the running IPython kernel.

    Called when this module is imported (every notebook's set-up cell imports it); does
    nothing outside IPython. Returns whether it was installed.
    """
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    if shell is None or not hasattr(shell, "set_custom_exc"):
        return False
    shell.set_custom_exc((CheckError, ExerciseNotDone, RuntimeError), _notebook_error)
    for event, hook in (("pre_run_cell", _before_cell), ("post_run_cell", _after_cell)):
        for old in list(shell.events.callbacks.get(event, [])):  # a reloaded module's too
            if getattr(old, "__module__", None) == __name__ and \
                    getattr(old, "__name__", None) == hook.__name__:
                shell.events.unregister(event, old)
        shell.events.register(event, hook)
    _SHELL[0] = shell
    return True


# --------------------------------------------------------------------------------------------
# Hidden-test recorders
# --------------------------------------------------------------------------------------------
class _Sink:
    """Where records go: the notebook's display (default) or a list (inside the grader)."""

    records: list[dict] | None = None

    def emit(self, rec: dict) -> None:
        if self.records is not None:
            self.records.append(rec)
            return
        from IPython.display import display  # only needed inside a kernel

        display({RECORD_MIME: rec, "text/plain": f"[recorded for the grader: {rec['case']}]"},
                raw=True)


SINK = _Sink()


def _encode(value: Any) -> dict:
    """Encode a result as JSON: numbers exactly (base64 of float64), anything else as text."""
    if isinstance(value, BaseException):
        return {"kind": "error", "text": f"{type(value).__name__}: {value}"[:500]}
    if isinstance(value, str):
        return {"kind": "text", "text": value[:2000]}
    try:
        arr = to_array(value)
    except TypeError as exc:
        if isinstance(value, tuple) and 0 < len(value) <= 16:
            # (dx, dw, db), (loss, grad)...: arrays of different shapes, compared part by part
            return {"kind": "tuple", "parts": [_encode(part) for part in value]}
        try:
            text = repr(value)[:200]
        except Exception:  # a hostile __repr__
            text = f"<{type(value).__name__}>"
        return {"kind": "other", "text": text, "why": str(exc)[:300]}
    data = np.ascontiguousarray(arr, dtype=np.float64)
    return {
        "kind": "array",
        "dtype": arr.dtype.kind,
        "dtype_name": str(arr.dtype),  # e.g. float32: graded only with record(dtype=True)
        "shape": list(arr.shape),
        "data": base64.b64encode(data.tobytes()).decode("ascii"),
    }


def decode(enc: dict) -> Any:
    """Inverse of the encoding used by `record`: an array, a string or an error text."""
    if enc.get("kind") == "array":
        raw = base64.b64decode(enc["data"])
        shape = tuple(int(s) for s in enc["shape"])
        arr = np.frombuffer(raw, dtype=np.float64)
        if arr.size != math.prod(shape):
            raise ValueError("record data does not match its shape")
        return arr.reshape(shape)
    return enc.get("text", "")


def record(
    value: Any,
    case: str,
    *,
    atol: float = 1e-6,
    rtol: float = 1e-5,
    exact: bool = False,
    at_least: float | None = None,
    at_most: float | None = None,
    dtype: bool = False,
) -> None:
    """Record one result of a hidden test for the grader.

    ``case`` says, in words a student understands, what was computed and on which input.
    The grader compares the student's value with the reference's value for the same case
    (within ``atol``/``rtol``, or exactly), or, when ``at_least``/``at_most`` are given, checks
    that the student's value lies within those bounds (for training results). The tolerance
    and bounds the grader uses are those of its own (trusted) run, never the student's.
    With ``dtype=True`` the value must also have exactly the reference's dtype (``float32``
    is not ``float64``; a torch tensor's dtype counts as its numpy twin's): for prompts that
    promise a dtype.
    """
    rule = {"atol": atol, "rtol": rtol, "exact": exact, "at_least": at_least, "at_most": at_most,
            "dtype": dtype}
    SINK.emit({"case": str(case)[:300], "value": _encode(value), "rule": rule})


def probe(fn: Callable, *args: Any, case: str, **rule: Any) -> None:
    """Call ``fn(*args)`` on copies of the arguments and `record` the result (or the error)."""
    args = copy.deepcopy(args)
    try:
        value = fn(*args)
    except Exception as exc:  # the student's function raised: record it, go on with others
        value = exc
    record(value, case, **rule)


install_notebook_errors()

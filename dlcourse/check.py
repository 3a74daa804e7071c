"""Checks for the notebooks' exercises.

Two kinds of helper live here:

* **Visible checks** (`close`, `equal`, `shape`, `true`) run in the student's notebook and raise
  `CheckError` with a message that names what was checked, the input, what was expected and
  what was received. They exist to help students; they grant no points.

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


def _fmt(arr: np.ndarray, limit: int = 8) -> str:
    flat = np.asarray(arr).ravel()
    text = np.array2string(flat[:limit], precision=6, separator=", ")
    return text[:-1] + ", ...]" if flat.size > limit else text


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
    expected dtype and must have exactly the expected shape. NaN agrees only with NaN, and
    infinities only with infinities of the same sign.
    """
    exp = to_array(expected)
    try:
        got = to_array(received)
    except TypeError as exc:
        return f"received a value that is not numeric: {exc}"
    if got.shape != exp.shape:
        return f"expected shape {exp.shape}, received shape {got.shape}"
    if exp.dtype.kind in "biu" or exact:
        if got.dtype.kind == "f" and not np.all(np.isfinite(got)):
            return f"expected {_fmt(exp)}, received non-finite values {_fmt(got)}"
        if got.dtype.kind == "f" and exp.dtype.kind in "biu" and np.any(got != np.round(got)):
            return f"expected whole numbers {_fmt(exp)}, received {_fmt(got)}"
        bad = np.asarray(got.astype(exp.dtype) != exp)
        if bad.any():
            idx = tuple(int(i) for i in np.argwhere(bad)[0]) if bad.ndim else ()
            return (
                f"expected {_fmt(exp)}, received {_fmt(got)} "
                f"({int(bad.sum())} of {bad.size} entries differ, first at index {idx})"
            )
        return None
    got = got.astype(np.float64)
    exp = exp.astype(np.float64)
    both_nan = np.isnan(got) & np.isnan(exp)
    same_inf = np.isinf(exp) & (got == exp)
    with np.errstate(invalid="ignore"):
        err = np.abs(got - exp)
        ok = (err <= atol + rtol * np.abs(exp)) | both_nan | same_inf
    if ok.all():
        return None
    idx = tuple(int(i) for i in np.argwhere(~ok)[0]) if ok.ndim else ()
    finite = np.where(np.isfinite(err), err, np.inf)
    worst = float(np.max(finite[~ok]))
    with np.errstate(divide="ignore", invalid="ignore"):
        rel = float(np.max(np.where(~ok, finite / np.maximum(np.abs(exp), 1e-300), 0.0)))
    return (
        f"expected {_fmt(exp)}, received {_fmt(got)}; {int((~ok).sum())} of {ok.size} entries "
        f"differ, first at index {idx} (expected {exp[idx]:.6g}, received {got[idx]:.6g}); "
        f"max abs error {worst:.3g}, max rel error {rel:.3g} (tolerance atol={atol:g}, "
        f"rtol={rtol:g})"
    )


# --------------------------------------------------------------------------------------------
# Visible checks
# --------------------------------------------------------------------------------------------
def _fail(what: str, inputs: str | None, why: str) -> None:
    where = f" on input {inputs}" if inputs else ""
    raise CheckError(f"{what}{where}: {why}")


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
    why = compare(received, expected, atol=atol, rtol=rtol)
    if why:
        _fail(what, inputs, why)


def equal(received: Any, expected: Any, what: str = "value", *, inputs: str | None = None) -> None:
    """Check exact equality of numbers/arrays (after conversion to the expected dtype)."""
    why = compare(received, expected, exact=True)
    if why:
        _fail(what, inputs, why)


def shape(received: Any, expected: tuple[int, ...], what: str = "value", *,
          inputs: str | None = None) -> None:
    """Check the shape of an array-like result."""
    try:
        got = to_array(received).shape
    except TypeError as exc:
        _fail(what, inputs, str(exc))
        return
    if tuple(got) != tuple(expected):
        _fail(what, inputs, f"expected shape {tuple(expected)}, received shape {tuple(got)}")


def true(condition: Any, message: str) -> None:
    """Check a condition; ``message`` says what was expected and what happened."""
    if condition is not True and not (isinstance(condition, np.bool_) and bool(condition)):
        raise CheckError(message)


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
        try:
            text = repr(value)[:200]
        except Exception:  # a hostile __repr__
            text = f"<{type(value).__name__}>"
        return {"kind": "other", "text": text, "why": str(exc)[:300]}
    data = np.ascontiguousarray(arr, dtype=np.float64)
    return {
        "kind": "array",
        "dtype": arr.dtype.kind,
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
) -> None:
    """Record one result of a hidden test for the grader.

    ``case`` says, in words a student understands, what was computed and on which input.
    The grader compares the student's value with the reference's value for the same case
    (within ``atol``/``rtol``, or exactly), or, when ``at_least``/``at_most`` are given, checks
    that the student's value lies within those bounds (for training results). The tolerance
    and bounds the grader uses are those of its own (trusted) run, never the student's.
    """
    rule = {"atol": atol, "rtol": rtol, "exact": exact, "at_least": at_least, "at_most": at_most}
    SINK.emit({"case": str(case)[:300], "value": _encode(value), "rule": rule})


def probe(fn: Callable, *args: Any, case: str, **rule: Any) -> None:
    """Call ``fn(*args)`` on copies of the arguments and `record` the result (or the error)."""
    args = copy.deepcopy(args)
    try:
        value = fn(*args)
    except Exception as exc:  # the student's function raised: record it, go on with others
        value = exc
    record(value, case, **rule)

"""The verdict on a test cell: the student's records against the reference's.

A hidden region of a test cell calls ``check.probe``/``check.record``. It runs in the student's
kernel, where each call becomes a display output of the cell (`received`), and here, in the
grader's own process against the reference solutions (`expected`). `judge` compares the two
record by record. Only the *values* come from the student's side: the rule of each comparison
(tolerance, exactness, bounds) and the case names are the reference run's, so nothing a student
changes in their kernel can make the grader more lenient.
"""

from __future__ import annotations

import contextlib
import importlib
import re
from dataclasses import dataclass, field

import numpy as np

from dlcourse import check

__all__ = ["Verdict", "judge", "run_hidden", "run_hidden_partial", "run_hidden_traced",
           "compare_record",
           "reference_module", "reference_namespace", "split_hidden", "hidden_source",
           "visible_source", "hidden_crash",
           "records_of_outputs"]

BEGIN_HIDDEN, END_HIDDEN = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"


@dataclass
class Verdict:
    """Outcome of one test cell: passed or not, and the messages a student reads."""

    passed: bool
    messages: list[str] = field(default_factory=list)

    def text(self) -> str:
        return "\n".join(self.messages)


def split_hidden(cell_source: str) -> tuple[list[str], list[str]]:
    """(lines outside, lines inside) the hidden-test region(s) of a cell; marker lines are in
    neither. Raises ``ValueError`` when a region is not closed."""
    outside, inside, hidden = [], [], False
    for line in cell_source.splitlines():
        if BEGIN_HIDDEN in line:
            hidden = True
        elif END_HIDDEN in line:
            hidden = False
        else:
            (inside if hidden else outside).append(line)
    if hidden:
        raise ValueError("a hidden test region is not closed by '### END HIDDEN TESTS'")
    return outside, inside


def hidden_source(cell_source: str) -> str:
    """The code between the hidden-test markers of a test cell ('' when it has none)."""
    return "\n".join(split_hidden(cell_source)[1])


def visible_source(cell_source: str) -> str:
    """A test cell's visible checks: its code outside the hidden region."""
    return "\n".join(split_hidden(cell_source)[0])


def whole_source(cell_source: str) -> str:
    """A test cell as it runs in a notebook: visible checks and hidden region together, in
    their order, the marker lines removed."""
    split_hidden(cell_source)  # refuses an unclosed region
    return "\n".join(line for line in cell_source.splitlines()
                     if BEGIN_HIDDEN not in line and END_HIDDEN not in line)


_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_CELL_FRAME = re.compile(r"Cell In\[\d+\], line (\d+)")


def hidden_crash(cell_source: str, outputs: list) -> str | None:
    """The error a test cell stopped with (``"TypeError: ..."``) when it was raised while the
    cell's hidden region ran, inside the code the region called, from its error output: the
    traceback's outermost frame, the cell's own, names the line. None when the cell did not
    stop with an error, stopped outside the hidden region (a visible check crashed before
    the hidden tests ran), stopped in the test's own code (its innermost frame is the cell,
    e.g. a call the solution's signature refuses), or when the traceback does not say."""
    hidden, inside = set(), False
    for number, line in enumerate(cell_source.splitlines(), start=1):
        if BEGIN_HIDDEN in line:
            inside = True
        elif END_HIDDEN in line:
            inside = False
        elif inside:
            hidden.add(number)
    for out in outputs:
        if not isinstance(out, dict) or out.get("output_type") != "error":
            continue
        traceback = out.get("traceback")
        if not isinstance(traceback, list):  # what a hostile kernel sent: says nothing
            return None
        frames = [_ANSI.sub("", str(entry)) for entry in traceback]
        frames = [f for f in frames if _CELL_FRAME.match(f) or f.startswith("File ")]
        outer = _CELL_FRAME.match(frames[0]) if frames else None
        if not outer or int(outer.group(1)) not in hidden:
            return None
        if frames[-1].startswith(outer.group(0).split(",")[0] + ","):
            return None  # raised by the test cell's own code: says nothing of the solution
        return f"{out.get('ename', 'Error')}: {out.get('evalue', '')}"
    return None


def reference_module(week: str, notebook: str | None = None):
    """The reference module of a week's notebook: ``references/<week>_<notebook>.py`` when a
    week has one module per notebook, else ``references/<week>.py``."""
    if notebook:
        name = f"autograder.references.{week}_{notebook}"
        try:
            return importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
    return importlib.import_module(f"autograder.references.{week}")


def reference_namespace(week: str, notebook: str | None = None) -> dict:
    """A fresh namespace of the reference solutions of ``week`` (e.g. ``"week01"``), or of
    one of its notebooks (see `reference_module`).

    The module's source is executed anew, so its functions look up each other's names in
    *this* namespace: replacing one exercise's name here (a known-wrong variant, in the test
    suite) reaches every reference that calls it, as in a student's kernel.
    """
    module = reference_module(week, notebook)
    path = module.__file__
    namespace = {"__name__": module.__name__, "__file__": path, "__builtins__": __builtins__}
    with open(path, encoding="utf-8") as handle:
        exec(compile(handle.read(), path, "exec"), namespace)  # noqa: S102 - our own module
    return namespace


@contextlib.contextmanager
def _collect_records():
    previous = check.SINK.records
    check.SINK.records = []
    try:
        yield check.SINK.records
    finally:
        check.SINK.records = previous


def run_hidden(source: str, namespace: dict, where: str = "hidden test") -> list[dict]:
    """Run trusted hidden-test code in ``namespace`` and return the records it made.

    Used with the reference namespace (the expected records) and, in the test suite, with a
    known-wrong variant put in place of one reference. Runs only instructor-written code.
    """
    code = compile(source, f"<{where}>", "exec")
    with _collect_records() as records:
        exec(code, namespace)  # noqa: S102 - trusted instructor code, never a student's
    return list(records)


def run_hidden_partial(source: str, namespace: dict) -> tuple[list[dict], str | None]:
    """`run_hidden`, but an error in the code ends the run instead of raising: returns the
    records made until then and the error (None when it ran to the end)."""
    records, error, _ = run_hidden_traced(source, namespace)
    return records, error


def run_hidden_traced(source: str, namespace: dict) -> tuple[list[dict], str | None, bool]:
    """`run_hidden_partial`, and whether the error was raised by the hidden test's own code
    (its innermost frame: a call the solution's signature refuses, an index a test helper
    runs past) rather than inside the code it called."""
    code = compile(source, "<hidden test>", "exec")
    with _collect_records() as records:
        try:
            exec(code, namespace)  # noqa: S102 - trusted instructor and catalogue code
            error, own = None, False
        except Exception as exc:
            error = f"{type(exc).__name__}: {exc}"
            tb = exc.__traceback__
            while tb.tb_next is not None:
                tb = tb.tb_next
            own = tb.tb_frame.f_code.co_filename == "<hidden test>"
    return list(records), error, own


def records_of_outputs(outputs: list) -> list[dict]:
    """The records a test cell emitted in the student's kernel, in order."""
    found = []
    for out in outputs:
        data = out.get("data") if isinstance(out, dict) else None
        if isinstance(data, dict) and check.RECORD_MIME in data:
            rec = data[check.RECORD_MIME]
            if isinstance(rec, dict):
                found.append(rec)
    return found


def _describe_received(enc: dict) -> str:
    kind = enc.get("kind")
    if kind == "error":
        text = str(enc.get("text", "an error"))
        hints = [hint for key, hint in check.ERROR_HINTS if key in text]
        return f"your code raised {text}" + "".join(f" (what this means: {h})" for h in hints)
    if kind == "other":
        return f"your code returned {enc.get('text', '?')}, which is not numeric"
    return f"your code returned the text {enc.get('text', '')!r}"


def compare_record(exp: dict, got: dict) -> str | None:
    """Why one received record does not match an expected one (None when it does), under the
    expected record's rule."""
    if exp.get("value", {}).get("kind") == "tuple":  # a tuple of results: part by part
        parts = exp["value"].get("parts", [])
        got_value = got.get("value") if isinstance(got.get("value"), dict) else {}
        got_parts = got_value.get("parts") if got_value.get("kind") == "tuple" else None
        if not isinstance(got_parts, list) or len(got_parts) != len(parts):
            return (f"expected a tuple of {len(parts)} results, received "
                    + (f"{len(got_parts)}" if isinstance(got_parts, list)
                       else _describe_received(got_value or {"kind": "other"})))
        for i, (e, g) in enumerate(zip(parts, got_parts)):
            why = compare_record({**exp, "value": e}, {**got, "value": g if isinstance(g, dict)
                                                      else {"kind": "other"}})
            if why:
                return f"part {i} of the result: {why}"
        return None
    rule = exp.get("rule", {})
    exp_value = check.decode(exp["value"])
    got_enc = got.get("value") if isinstance(got.get("value"), dict) else {"kind": "other"}
    if exp["value"].get("kind") != "array":  # expected text (rare): exact match
        if got_enc.get("kind") == exp["value"].get("kind") and got_enc.get("text") == exp_value:
            return None
        return f"expected {exp_value!r}, received {got_enc.get('text', '?')!r}"
    if got_enc.get("kind") != "array":
        return _describe_received(got_enc)
    try:
        got_value = check.decode(got_enc)
    except (ValueError, KeyError, TypeError):
        return "the result could not be read back"
    if rule.get("dtype") and got_enc.get("dtype_name") != exp["value"].get("dtype_name"):
        return (f"expected an array of dtype {exp['value'].get('dtype_name')}, received dtype "
                f"{str(got_enc.get('dtype_name'))[:40]}")
    # Restore the student's dtype kind (bool/int/float) so that exact rules apply to it.
    if got_enc.get("dtype") in ("b", "i", "u") and np.all(np.isfinite(got_value)):
        got_value = got_value.astype(np.int64)
    low, high = rule.get("at_least"), rule.get("at_most")
    if low is not None or high is not None:
        if got_value.size != 1 or not np.isfinite(got_value).all():
            return f"expected one finite number, received {got_value.ravel()[:5]}"
        val = float(got_value.ravel()[0])
        if low is not None and not val >= low:
            return f"expected at least {low:g}, received {val:.4g}"
        if high is not None and not val <= high:
            return f"expected at most {high:g}, received {val:.4g}"
        return None
    if exp["value"].get("dtype") in ("b", "i", "u"):
        exp_value = exp_value.astype(np.int64)
    return check.compare(got_value, exp_value, atol=float(rule.get("atol", 1e-6)),
                         rtol=float(rule.get("rtol", 1e-5)), exact=bool(rule.get("exact")))


def judge(expected: list[dict], received: list[dict], stopped: str | None = None) -> Verdict:
    """Compare the records of one test cell.

    ``stopped`` is the error the cell ended with in the student's kernel, if any (a visible
    check failed, a ``NotImplementedError``, a time-out, a dead kernel): it explains missing
    records.
    """
    messages: list[str] = []
    ok = True
    for i, exp in enumerate(expected):
        if i >= len(received):
            why = stopped or "the hidden tests did not run to the end"
            messages.append(f"✗ {exp['case']}: not checked, because {why}")
            ok = False
            break
        got = received[i] if isinstance(received[i], dict) else {}
        if got.get("case") != exp["case"]:
            messages.append(
                f"✗ {exp['case']}: the test ran differently in your notebook "
                f"(it reached {str(got.get('case'))[:80]!r} instead); did your code change "
                "the random generator or the test's variables?"
            )
            ok = False
            break
        why = compare_record(exp, got)
        if why:
            messages.append(f"✗ {exp['case']}: {why}")
            ok = False
        else:
            messages.append(f"✓ {exp['case']}")
    if ok and len(received) > len(expected):
        messages.append("✗ your code produced more test results than the test makes; "
                        "did it call the grader's recording functions itself?")
        ok = False
    if ok and not expected and stopped:
        messages.append(f"✗ {stopped}")
        ok = False
    return Verdict(ok, messages)


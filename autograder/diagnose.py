"""Name the mistake: a failed test cell's records against those of the common mistakes.

Every exercise has a catalogue of common mistakes (``autograder/mistakes/<week>.py``:
``WRONG = {exercise: [(what is wrong, implementation, hint), ...]}``; trusted code, never sent
to a student's kernel, never in a release or a bundle). The test suite proves the hidden tests
reject every one of them; the grader uses the same list to tell a student *which* mistake
their results look like.

For a test cell that failed with records, the grader runs the cell's hidden region, in its own
process, once with each catalogued mistake of the exercise in place of the reference (cached on
disk per test cell, so once per week, not once per student), and compares the student's
records with each mistake's under the rules it uses for the reference (`judge`):

* the student's records equal a mistake's wherever that mistake differs from the reference,
  and are right elsewhere: "your results match a common mistake: ...";
* or the student's hidden tests stopped in the same case as the mistake's, with the same
  error (type and message), raised inside the hidden region: a visible check that crashed
  before the hidden tests ran tells nothing about them;
* otherwise nothing is named: equal on some inputs only is no evidence (an uncatalogued
  mistake agrees with a catalogued one on some inputs: a symmetric matrix with a one-sided
  one where both are symmetric), and the verdict already says which case failed and how.
  A passing cell is never diagnosed.
"""

from __future__ import annotations

import hashlib
import importlib
import json
from collections.abc import Callable
from pathlib import Path

from autograder import judge as judging
from autograder.notebooks import exercises, is_test, nbgrader_meta, read, week_notebooks
from dlcourse import check

__all__ = ["catalogue", "namespace_with", "mistake_records", "records_with", "match",
           "describe", "visible_message", "build_hints", "diagnose_notebook"]


def catalogue(week: str, notebook: str | None = None):
    """The module of common mistakes of a week's notebook (None when there is none)."""
    names = ([f"autograder.mistakes.{week}_{notebook}"] if notebook else []) + \
        [f"autograder.mistakes.{week}"]
    for name in names:
        try:
            return importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
    return None


def _entries(module, exercise: str) -> list[tuple[str, object, str]]:
    """``(what is wrong, implementation, hint)`` of each mistake of ``exercise``."""
    found = []
    for entry in getattr(module, "WRONG", {}).get(exercise, []):
        why, impl = entry[0], entry[1]
        hint = entry[2] if len(entry) > 2 else ""
        found.append((why, impl, hint))
    return found


def namespace_with(week: str, notebook: str, exercise: str, impl) -> dict:
    """The reference namespace with ``impl`` in place of ``exercise`` (or, given as a dict,
    of the names it lists: a solution cell that defines several)."""
    namespace = judging.reference_namespace(week, notebook)
    namespace.update(impl if isinstance(impl, dict) else {exercise: impl})
    return namespace


def records_with(week: str, notebook: str, exercise: str, impl, source: str
                 ) -> tuple[list[dict], str | None]:
    """The records a mistake makes on a hidden region, and the error that stopped it (None
    when it ran to the end)."""
    namespace = namespace_with(week, notebook, exercise, impl)
    return judging.run_hidden_partial(source, namespace)  # a crash: what ran until then


def mistake_records(cache_dir: Path, week: str, notebook: str, exercise: str, grade_id: str,
                    cell_source: str) -> list[dict]:
    """``[{"why", "hint", "records"}]`` of the catalogued mistakes of ``exercise`` on the
    hidden region of one test cell, cached in ``cache_dir``."""
    module = catalogue(week, notebook)
    if module is None:
        return []
    entries = _entries(module, exercise)
    if not entries:
        return []
    ref = judging.reference_module(week, notebook)
    key = hashlib.sha256(cell_source.encode() + Path(module.__file__).read_bytes()
                         + Path(ref.__file__).read_bytes()).hexdigest()[:16]
    cache = cache_dir / f"{week}-{notebook}-{grade_id}-{key}.json"
    if cache.exists():
        return json.loads(cache.read_text())
    source = judging.hidden_source(cell_source)
    found = []
    for why, impl, hint in entries:
        namespace = namespace_with(week, notebook, exercise, impl)
        records, stopped, own = judging.run_hidden_traced(source, namespace)
        found.append({"why": why, "hint": hint, "records": records, "stopped": stopped,
                      "stopped_by_test": own})
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps(found))
    return found


def _agrees(exp: dict, got: dict) -> bool:
    return (isinstance(got, dict) and got.get("case") == exp.get("case")
            and judging.compare_record(exp, got) is None)


def _same_as_mistake(wrong: dict, got: dict) -> bool:
    """Whether a received record equals a mistake's: under its rule, except that a result
    graded by a bound (an accuracy at least 0.9) must equal the mistake's value itself."""
    rule = wrong.get("rule", {})
    if rule.get("at_least") is None and rule.get("at_most") is None:
        return _agrees(wrong, got)
    if not isinstance(got, dict) or got.get("case") != wrong.get("case"):
        return False
    plain = {**wrong, "rule": {**rule, "at_least": None, "at_most": None}}
    return judging.compare_record(plain, got) is None


def _is_mistake(mistake: dict, expected: list[dict], received: list[dict],
                crash: str | None) -> bool:
    """Whether the received records are this mistake's: the same value on every hidden case
    where the mistake differs from the reference, right on the others, and the run ended as
    the mistake's did (to the end, or with the same error in the same case)."""
    wrong, error = mistake["records"], mistake.get("stopped")
    if error:  # the mistake stops the hidden tests: the student's must stop alike
        if mistake.get("stopped_by_test"):  # the test's own code raised: not the mistake's
            return False
        if not crash or crash[:500] != error[:500] or len(received) != len(wrong):
            return False
        return all(_same_as_mistake(w, r) for w, r in zip(wrong, received))
    if crash or not len(wrong) == len(received) == len(expected):
        return False
    telling = False
    for exp, bad, got in zip(expected, wrong, received):
        if _agrees(exp, bad):  # the mistake is right here: so must the student be
            if not _agrees(exp, got):
                return False
        elif _same_as_mistake(bad, got):
            telling = True
        else:
            return False
    return telling


def match(expected: list[dict], received: list[dict], mistakes: list[dict],
          stopped: str | None = None, crash: str | None = None) -> list[dict]:
    """The catalogued mistakes whose records the received ones are (see `_is_mistake`); []
    when none is (or when the records pass). Matching some cases only is no evidence: an
    uncatalogued mistake can agree with a catalogued one on some inputs.

    ``stopped`` is why the student's hidden tests stopped, if they did; ``crash`` the error
    ("TypeError: ...") when it was raised inside the hidden region (`judge.hidden_crash`):
    a visible check that crashed before the hidden tests ran is no hidden-test crash."""
    if judging.judge(expected, received, stopped).passed:
        return []
    return [m for m in mistakes if _is_mistake(m, expected, received, crash)]


# ------------------------------------------------------------------------------ visible checks
def visible_message(week: str, notebook: str, exercise: str, impl, cell_source: str
                    ) -> str | None:
    """The message of the visible check that a mistake fails (None when it passes them, or
    stops with another error)."""
    namespace = namespace_with(week, notebook, exercise, impl)
    saved, check.HINTS_ENABLED = check.HINTS_ENABLED, False
    try:
        judging.run_hidden(judging.visible_source(cell_source), namespace)
    except check.CheckError as exc:
        return str(exc)
    except Exception:
        return None
    finally:
        check.HINTS_ENABLED = saved
    return None


def build_hints(weeks: list[str]) -> dict[str, list[list[str]]]:
    """``{key of a visible check's failure message: [[what is wrong, hint], ...]}`` for every
    catalogued mistake of ``weeks`` (see ``dlcourse.check.hint_key``)."""
    hints: dict[str, list[list[str]]] = {}
    for week in weeks:
        for path in week_notebooks(week):
            module = catalogue(week, path.stem)
            if module is None:
                continue
            nb = read(path)
            for ex in exercises(nb, week, path.stem):
                for why, impl, hint in _entries(module, ex.name):
                    for index in ex.test_cells:
                        message = visible_message(week, path.stem, ex.name, impl,
                                                  nb.cells[index].source)
                        if message:
                            known = hints.setdefault(check.hint_key(message), [])
                            if [why, hint] not in known:
                                known.append([why, hint])
                            break  # the first visible check it fails is what a student sees
    return dict(sorted(hints.items()))


def describe(found: list[dict]) -> str:
    """The line a student reads (several mistakes that give the same results: joined by
    "or")."""
    why = " or ".join(m["why"] for m in found)
    hints = " ".join(m["hint"] for m in found if m.get("hint"))
    return f"➜ your results match a common mistake: {why}." + (f" Hint: {hints}" if hints else "")


def diagnose_notebook(nb, source, week: str, notebook: str, cache_dir: Path,
                      expected_records: Callable[[], dict]) -> None:
    """Name the common mistake of each failed test cell of a judged notebook ``nb``, in its
    error output and in ``metadata.dlgrade.mistake`` (for the report); in place.

    ``source`` is the instructor's notebook; ``expected_records()`` gives the reference's
    records (called only when some cell needs them). The judge left, in a failed cell's
    ``metadata.dlgrade``, the records it received and why the cell stopped.
    """
    sources = {nbgrader_meta(c).get("grade_id"): c.source for c in source.cells if is_test(c)}
    exercise_of = {test_id: ex.name for ex in exercises(source, week, notebook)
                   for test_id in ex.test_ids}

    expected = None
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("dlgrade", {})
        received = meta.pop("received", None) if isinstance(meta, dict) else None
        stopped = meta.pop("stopped", None) if isinstance(meta, dict) else None
        crash = meta.pop("crash", None) if isinstance(meta, dict) else None
        grade_id = nbgrader_meta(cell).get("grade_id")
        if not is_test(cell) or grade_id not in sources or not isinstance(meta, dict):
            continue
        reply = meta.get("reply") or {}
        line = why = None
        visible_failed = reply.get("ename") == "CheckError"
        if (stopped or "").startswith("the cell stopped with NotImplementedError"):
            continue  # not written yet: no catalogued mistake raises it (tests/test_diagnose.py)
        if (received or crash) and not visible_failed:  # the hidden tests ran
            try:
                if expected is None:
                    expected = expected_records()
                mistakes = mistake_records(cache_dir, week, notebook,
                                           exercise_of.get(grade_id, ""), grade_id,
                                           sources[grade_id])
                found = match(expected.get(grade_id) or [], received or [], mistakes,
                              stopped or None, crash if isinstance(crash, str) else None)
            except Exception:  # a broken catalogue must never cost a grade or feedback
                found = []
            if found:
                line = describe(found)
                why = " or ".join(m["why"] for m in found)
        elif visible_failed:  # stopped in a visible check
            message = str(reply.get("evalue", "")).split("\n" + check.HINT_PREFIX)[0]
            found = check.mistake_entries(message)  # the grader's own copy of the table
            if found:
                why = " or ".join(w for w, _ in found)
                line = describe([{"why": w, "hint": h} for w, h in found])
        if not line:
            continue
        meta["mistake"] = why
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                out["evalue"] = f"{out.get('evalue', '').rstrip()}\n{line}\n"
                out["traceback"] = [*out.get("traceback", []), line]
                break


def visible_crash(week: str, notebook: str, exercise: str, impl, cell_source: str
                  ) -> str | None:
    """The error (not a failed check) that stops a test cell's visible checks with ``impl``
    in place of ``exercise``, if any: it stops the cell before its hidden tests run."""
    namespace = namespace_with(week, notebook, exercise, impl)
    saved, check.HINTS_ENABLED = check.HINTS_ENABLED, False
    try:
        judging.run_hidden(judging.visible_source(cell_source), namespace)
    except check.CheckError:
        return None
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"
    finally:
        check.HINTS_ENABLED = saved
    return None


def named_as_met(week: str, notebook: str, exercise: str, grade_id: str, cell_source: str,
                 why: str, impl, expected: list[dict], received: list[dict],
                 stopped: str | None, crash: str | None, cache_dir: Path) -> bool | str:
    """Whether the grader names the catalogued mistake ``why`` as a student's run of this
    test cell meets it: True, or what happens instead.

    A failed visible check names it through the table (`build_hints`); a visible check that
    stops with an error names nothing (the hidden tests did not run); failed hidden tests
    name it through their records (`match`; ``crash`` is the error raised inside the code
    the hidden test called, None when the test's own code raised it). A mistake whose
    results change from run to run (unseeded random draws) cannot be recognised by its
    results: that is allowed, and returned as True. The test suite and `dlgrade audit` both
    ask this question, through this one function."""
    message = visible_message(week, notebook, exercise, impl, cell_source)
    if message is not None:
        if why in check.mistake_hints(message):
            return True
        again = visible_message(week, notebook, exercise, impl, cell_source)
        return again != message or (f"the table has no entry for its visible-check message "
                                    f"(run `dlgrade hints`): {message[:200]}")
    crashed = visible_crash(week, notebook, exercise, impl, cell_source)
    if crashed:
        return f"its visible checks stop with {crashed[:200]} before the hidden tests run"
    mistakes = mistake_records(cache_dir, week, notebook, exercise, grade_id, cell_source)
    found = match(expected, received, mistakes,
                  f"the cell stopped with {stopped}" if stopped else None, crash)
    if why in [m["why"] for m in found]:
        return True
    again, _ = records_with(week, notebook, exercise, impl, judging.hidden_source(cell_source))
    return json.dumps(again) != json.dumps(received) or (
        f"named {[m['why'] for m in found]} from its hidden-test records")

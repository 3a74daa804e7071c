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

* the student's records equal a mistake's wherever that mistake differs from the reference
  (and are right elsewhere): "your results match a common mistake: ...";
* they equal it on some of those cases only: the same, "on some inputs";
* otherwise nothing is said: no diagnosis is invented. A passing cell is never diagnosed.
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
        records, stopped = records_with(week, notebook, exercise, impl, source)
        found.append({"why": why, "hint": hint, "records": records, "stopped": stopped})
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


def _crash_matches(mistake: dict, received: list[dict], stopped: str | None) -> bool:
    """A mistake that stops the hidden tests with an error matches a student whose tests
    stopped with the same kind of error after the same records."""
    error = mistake.get("stopped")
    if not error or not stopped or len(received) != len(mistake["records"]):
        return False
    kind = error.split(":", 1)[0]
    return (kind in stopped
            and all(_same_as_mistake(w, r) for w, r in zip(mistake["records"], received)))


def match(expected: list[dict], received: list[dict], mistakes: list[dict],
          stopped: str | None = None) -> tuple[dict, bool] | None:
    """The catalogued mistake the received records look like, and whether only on some
    inputs; None when none fits (or when the records pass). ``stopped`` is the error the
    student's hidden tests stopped with, if they did."""
    if judging.judge(expected, received, stopped).passed:
        return None
    for mistake in mistakes:
        if _crash_matches(mistake, received, stopped):
            return mistake, False
    if not received:
        return None
    best = None
    for mistake in mistakes:
        wrong = mistake["records"]
        telling = [i for i, rec in enumerate(wrong)
                   if i < len(expected) and not _agrees(expected[i], rec)]
        if not telling:
            continue  # this mistake looks right on these inputs: it tells nothing
        hits = [i for i in telling
                if i < len(received) and _same_as_mistake(wrong[i], received[i])]
        if not hits:
            continue
        others_ok = all(_agrees(expected[i], received[i]) or (i < len(wrong)
                        and _same_as_mistake(wrong[i], received[i]))
                        for i in range(min(len(expected), len(received))))
        full = len(hits) == len(telling) and others_ok and len(received) >= len(wrong)
        score = (full, len(hits))
        if best is None or score > best[0]:
            best = (score, mistake, not full)
    return (best[1], best[2]) if best else None


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


def describe(mistake: dict, partial: bool) -> str:
    """The line a student reads."""
    where = " on some inputs" if partial else ""
    hint = f" Hint: {mistake['hint']}" if mistake.get("hint") else ""
    return f"➜ your results match a common mistake{where}: {mistake['why']}.{hint}"


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
        grade_id = nbgrader_meta(cell).get("grade_id")
        if not is_test(cell) or grade_id not in sources or not isinstance(meta, dict):
            continue
        reply = meta.get("reply") or {}
        line = why = None
        visible_failed = reply.get("ename") == "CheckError"
        crashed = (stopped or "").startswith("the cell stopped with")
        if (stopped or "").startswith("the cell stopped with NotImplementedError"):
            continue  # not written yet: no catalogued mistake raises it (tests/test_diagnose.py)
        if (received or crashed) and not visible_failed:  # the hidden tests ran
            try:
                if expected is None:
                    expected = expected_records()
                mistakes = mistake_records(cache_dir, week, notebook,
                                           exercise_of.get(grade_id, ""), grade_id,
                                           sources[grade_id])
                found = match(expected.get(grade_id) or [], received or [], mistakes,
                              stopped or None)
            except Exception:  # a broken catalogue must never cost a grade or feedback
                found = None
            if found:
                line = describe(*found)
                why = found[0]["why"] + (" (on some inputs)" if found[1] else "")
        elif visible_failed:  # stopped in a visible check
            message = str(reply.get("evalue", "")).split("\n" + check.HINT_PREFIX)[0]
            found = check.mistake_entries(message)  # the grader's own copy of the table
            if found:
                why = " or ".join(w for w, _ in found)
                line = describe({"why": why, "hint": " ".join(h for _, h in found if h)}, False)
        if not line:
            continue
        meta["mistake"] = why
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                out["evalue"] = f"{out.get('evalue', '').rstrip()}\n{line}\n"
                out["traceback"] = [*out.get("traceback", []), line]
                break

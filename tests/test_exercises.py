"""Per-exercise checks that need no notebook run.

For every exercise of every week:
- the solution students see in the instructor notebook equals the reference the grader uses;
- the hidden tests run against the reference are deterministic and pass;
- every catalogued mistake (``autograder/mistakes/weekNN.py``) loses the exercise's points and
  is named by the grader as a student would meet it (a failed visible check through
  ``dlcourse/mistakes.json``, failed hidden tests through their records);
- every exercise has at least two catalogued mistakes and another correct solution, which
  earns full marks and is never labelled with a mistake.
"""

from __future__ import annotations

import functools
import json
import types

import numpy as np
import pytest

from autograder import diagnose, judge, notebooks
from dlcourse import check

CASES = []
for week_dir in notebooks.week_dirs():
    for path in notebooks.week_notebooks(week_dir.name):
        nb = notebooks.read(path)
        for ex in notebooks.exercises(nb, week_dir.name, path.stem):
            CASES.append((ex, nb))


def _id(case):
    ex, _ = case
    return f"{ex.week}/{ex.notebook}/{ex.name}"


def _hidden_sources(ex, nb):
    return [judge.hidden_source(nb.cells[i].source) for i in ex.test_cells]


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_solution_cell_equals_reference(case):
    ex, nb = case
    cell_defs = notebooks.top_level_definitions(
        notebooks.strip_solution_markers(nb.cells[ex.solution_cell].source))
    assert cell_defs, f"{_id(case)}: the solution cell defines nothing"
    module = judge.reference_module(ex.week, ex.notebook)
    ref_defs = notebooks.top_level_definitions(open(module.__file__, encoding="utf-8").read())
    for name, dump in cell_defs.items():
        assert name in ref_defs, (f"{_id(case)}: {name} is missing from {module.__name__}: "
                                  "run `dlgrade generate`")
        assert dump == ref_defs[name], (
            f"{_id(case)}: {name} differs between the notebook's solution cell and "
            f"{module.__name__}; run `dlgrade generate` (the notebook is its one home)")


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_reference_passes_hidden_tests(case):
    ex, nb = case
    assert ex.test_cells, f"{_id(case)}: no test cell follows the solution cell"
    assert ex.points > 0, f"{_id(case)}: its test cells carry no points"
    for src in _hidden_sources(ex, nb):
        assert src.strip(), f"{_id(case)}: a test cell has no hidden region"
        first = judge.run_hidden(src, judge.reference_namespace(ex.week, ex.notebook), _id(case))
        again = judge.run_hidden(src, judge.reference_namespace(ex.week, ex.notebook), _id(case))
        assert first, f"{_id(case)}: the hidden region records nothing"
        verdict = judge.judge(first, again)
        assert verdict.passed, f"{_id(case)}: hidden tests not deterministic:\n{verdict.text()}"


def _variant_module(ex):
    """The catalogue of common mistakes (``autograder/mistakes/<week>[_<notebook>].py``): its
    ``WRONG`` lists the mistakes the grader names, its ``RIGHT`` other correct solutions."""
    return diagnose.catalogue(ex.week, ex.notebook)


def _variants(ex):
    return getattr(_variant_module(ex), "WRONG", {})


VARIANTS = []
for ex, nb in CASES:
    for entry in _variants(ex).get(ex.name, []):
        VARIANTS.append((ex, nb, entry[0], entry[1]))


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_exercise_has_two_wrong_variants(case):
    ex, _ = case
    assert len(_variants(ex).get(ex.name, [])) >= 2, (
        f"{_id(case)}: add at least two common mistakes to autograder/mistakes/")


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_exercise_keeps_three_blind_review_mistakes(case):
    """At least three catalogued mistakes of every exercise were written by a blind reviewer
    (docs/AUTHORING.md, "Blind review"), listed by their `why` in the module's BLIND table."""
    ex, _ = case
    blind = getattr(_variant_module(ex), "BLIND", {}).get(ex.name, [])
    whys = [entry[0] for entry in _variants(ex).get(ex.name, [])]
    unknown = [why for why in blind if why not in whys]
    assert not unknown, f"{_id(case)}: BLIND names no catalogued mistake: {unknown}"
    assert len(set(blind)) >= 3, (
        f"{_id(case)}: {len(set(blind))} blind-review mistakes in the catalogue; at least 3")


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_every_mistake_has_a_hint_that_does_not_give_the_answer(case):
    """A hint is a sentence or two of its own (not the "what is wrong" again), and quotes no
    line of the reference solution."""
    ex, nb = case
    solution = nb.cells[ex.solution_cell].source
    lines = {ln.strip() for ln in solution.splitlines()
             if len(ln.strip()) >= 12 and not ln.strip().startswith(("#", "def ", "return"))}
    for entry in _variants(ex).get(ex.name, []):
        why = entry[0]
        hint = entry[2] if len(entry) > 2 else ""
        assert 20 <= len(hint) <= 240, f"{_id(case)}: {why!r} needs a hint of 20-240 characters"
        assert hint.strip().rstrip(".") != why.strip().rstrip("."), f"{_id(case)}: {why!r}"
        quoted = [ln for ln in lines if ln in hint]
        assert not quoted, f"{_id(case)}: the hint of {why!r} quotes the solution: {quoted}"


@pytest.fixture(scope="session")
def mistakes_cache(tmp_path_factory):
    return tmp_path_factory.mktemp("mistakes")


def _signature_checked(impl: dict, reference: dict, refused: list[str]) -> dict:
    """``impl`` (``{name: implementation}``), each function of it noting in ``refused`` every
    call its own signature rejects while the reference's accepts it (a lambda with other
    parameter names, called with keywords): such an entry fails for its signature, not for
    its bug."""
    import functools
    import inspect

    def checked(name, fn):
        ref = reference.get(name)
        if not (isinstance(fn, types.FunctionType) and isinstance(ref, types.FunctionType)):
            return fn
        mine, theirs = inspect.signature(fn), inspect.signature(ref)

        @functools.wraps(fn)
        def call(*args, **kwargs):
            try:
                mine.bind(*args, **kwargs)
            except TypeError as exc:
                try:
                    theirs.bind(*args, **kwargs)
                    refused.append(f"{name}{mine} refuses a call {name}{theirs} accepts: {exc}")
                except TypeError:
                    pass
            return fn(*args, **kwargs)

        return call

    return {name: checked(name, fn) for name, fn in impl.items()}


BY_ID = {_id(c): c for c in CASES}


def _expected(ex, nb, index: int) -> list[dict]:
    """The reference's records on one test cell's hidden region (once per session)."""
    return _expected_of(_id((ex, nb)), index)


@functools.cache
def _expected_of(key: str, index: int) -> list[dict]:
    ex, nb = BY_ID[key]
    return judge.run_hidden(judge.hidden_source(nb.cells[index].source),
                            judge.reference_namespace(ex.week, ex.notebook))


def _variant_run(ex, nb, why: str) -> tuple[dict, list[tuple], list[str]]:
    """A catalogued mistake on every test cell's hidden region: ``(implementation, [(index,
    records, stopped, raised by the test's own code)], calls its signature refused)``; once
    per session (two tests read it)."""
    return _variant_run_of(_id((ex, nb)), why)


@functools.cache
def _variant_run_of(key: str, why: str) -> tuple[dict, list[tuple], list[str]]:
    ex, nb = BY_ID[key]
    impl = next(entry[1] for entry in _variants(ex)[ex.name] if entry[0] == why)
    refused: list[str] = []
    impl = _signature_checked(impl if isinstance(impl, dict) else {ex.name: impl},
                              judge.reference_namespace(ex.week, ex.notebook), refused)
    runs = []
    for index, src in zip(ex.test_cells, _hidden_sources(ex, nb)):
        namespace = diagnose.namespace_with(ex.week, ex.notebook, ex.name, impl)
        runs.append((index, *judge.run_hidden_traced(src, namespace)))
    return impl, runs, refused


@pytest.mark.parametrize("variant", VARIANTS,
                         ids=[f"{_id((v[0], v[1]))}: {v[2]}" for v in VARIANTS])
def test_wrong_variant_loses_points_and_is_named(variant, mistakes_cache):
    """Each catalogued mistake fails its hidden tests for its own reason (its signature
    accepts every call the reference's accepts) and the grader names it as a student's run
    meets it."""
    ex, nb, why, _ = variant
    impl, runs, refused = _variant_run(ex, nb, why)
    failed, named = [], None
    for index, received, stopped, by_test in runs:
        expected = _expected(ex, nb, index)
        verdict = judge.judge(expected, received, stopped)
        if verdict.passed:
            continue
        failed.append(verdict.text())
        if named is None:  # the first cell it fails, as the student's run meets it
            named = _named(ex, nb, index, why, impl, expected, received, stopped,
                           None if by_test else stopped, mistakes_cache)
    assert not refused, (f"{_id((ex, nb))}: the mistake ({why}) fails for its signature, not "
                         f"its bug; give it the reference's parameters:\n" + "\n".join(refused[:3]))
    assert failed, f"{_id((ex, nb))}: the wrong variant ({why}) passes every test cell"
    if f"{_id((ex, nb))}: {why}" in UNNAMED:  # not named: it must stay so, for that reason
        assert named is not True and "visible checks stop with" in named, (
            f"{_id((ex, nb))}: ({why}) is named now: remove it from UNNAMED")
        return
    assert named is True, f"{_id((ex, nb))}: the mistake ({why}) is not named: {named}"


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_no_two_mistakes_are_alike(case):
    """Two catalogued mistakes of an exercise that fail every visible check alike and make
    the same hidden records everywhere are one mistake twice (the grader cannot tell them
    apart): merge them, or add the hidden case that tells them apart."""
    ex, nb = case
    seen: dict[str, str] = {}
    for why, *_ in _variants(ex).get(ex.name, []):
        impl, runs, _ = _variant_run(ex, nb, why)
        visible = [diagnose.visible_message(ex.week, ex.notebook, ex.name, impl,
                                            nb.cells[index].source) for index, *_ in runs]
        key = json.dumps([visible, [run[1:3] for run in runs]], sort_keys=True, default=str)
        assert key not in seen, (f"{_id(case)}: the mistakes {seen.get(key)!r} and {why!r} give "
                                 "the same results on every visible and hidden check")
        seen[key] = why


#: Catalogued mistakes the grader cannot name from a student's run, and why: the evidence a
#: student's notebook gives is not specific to them. Each of these stops a visible check
#: with an error, before the hidden tests run; any other bug can raise the same error, so
#: nothing is named, and the error's traceback points at the line instead.
_CRASH = "its visible checks stop with an error, which names no mistake"
UNNAMED: dict[str, str] = {
    "week01/perceptrons/sympy_derivative: returns the derivative expression instead of a "
    "function": _CRASH + " (TypeError: 'Add' object is not callable)",
    "week01/perceptrons/standardize_columns: calls mean on an integer tensor (RuntimeError)":
        _CRASH + " (RuntimeError: mean(): could not infer output dtype)",
    "week02/gradient_descent/interpolate_loss: does not convert lists: 0.5 * [1.0, 2.0] is a "
    "TypeError": _CRASH + " (TypeError: can't multiply sequence by non-int)",
    "week03/backprop/Value: sigmoid as 0.5 * (1 + tanh(x / 2)): exactly 0 below about -37, so "
    "log(sigmoid(-40)) = -inf": _CRASH + " (ZeroDivisionError)",
    "week07/convnets/avg_pool_backward: dx in np.zeros_like(x): fails for an integer x":
        _CRASH + " (UFuncTypeError: Cannot cast ufunc 'add' output to int64)",
    "week09/generative/reparameterize: detaches z: no gradient reaches the encoder":
        _CRASH + " (RuntimeError: element 0 of tensors does not require grad)",
    "week09/recurrent/rnn_forward: time-major indexing X[t] on batch-first data":
        _CRASH + " (ValueError: operands could not be broadcast together)",
}


def _named(ex, nb, index, why, impl, expected, received, stopped, crash, cache):
    return diagnose.named_as_met(ex.week, ex.notebook, ex.name, nbgrader_id(nb, index),
                                 nb.cells[index].source, why, impl, expected, received,
                                 stopped, crash, cache)


def nbgrader_id(nb, index):
    return nb.cells[index].metadata["nbgrader"]["grade_id"]


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_test_cells_are_self_contained(case):
    """A test cell (visible checks included) runs on the reference module alone: it reads
    only the set-up cell's imports, the exercise's names and names it defines itself."""
    ex, nb = case
    for i in ex.test_cells:
        try:
            judge.run_hidden(judge.whole_source(nb.cells[i].source),
                             judge.reference_namespace(ex.week, ex.notebook), _id(case))
        except Exception as exc:
            pytest.fail(f"{_id(case)}: test cell {i} does not run on the references alone "
                        f"({type(exc).__name__}: {exc}); define what it needs in the cell")


EARLIER = []
for index, (ex, nb) in enumerate(CASES):
    earlier = [(e, why, impl) for e, n in CASES[:index]
               if n is nb and e.name != ex.name
               for why, impl, *_ in _variants(e).get(e.name, [])]
    if earlier:
        EARLIER.append((ex, nb, earlier))


@pytest.mark.parametrize("case", EARLIER, ids=[_id((c[0], c[1])) for c in EARLIER])
def test_earlier_mistakes_cost_nothing_here(case):
    """A mistake costs its own exercise's points only: with any known-wrong variant of an
    earlier exercise in place, this exercise's test cells (visible checks and hidden tests)
    still pass on the reference solution of this exercise."""
    ex, nb, earlier = case
    sources = [judge.whole_source(nb.cells[i].source) for i in ex.test_cells]
    expected = [judge.run_hidden(judge.hidden_source(nb.cells[i].source),
                                 judge.reference_namespace(ex.week, ex.notebook))
                for i in ex.test_cells]
    costly = []
    for other, why, impl in earlier:
        namespace = diagnose.namespace_with(ex.week, ex.notebook, other.name, impl)
        if ex.name in (impl if isinstance(impl, dict) else {}):
            continue  # the variant replaces this exercise's own names too
        for src, exp in zip(sources, expected):
            try:
                received = judge.run_hidden(src, namespace)
            except Exception as exc:
                costly.append(f"{other.name} ({why}): the cell stops with "
                              f"{type(exc).__name__}: {str(exc)[:150]}")
                break
            verdict = judge.judge(exp, received)
            if not verdict.passed:
                costly.append(f"{other.name} ({why}): {verdict.text()[:200]}")
                break
    assert not costly, (f"{_id((ex, nb))} loses points for mistakes made in earlier exercises:\n"
                        + "\n".join(costly))


def _right(ex):
    return getattr(_variant_module(ex), "RIGHT", {})


RIGHT_VARIANTS = []
for ex, nb in CASES:
    for why, impl in _right(ex).get(ex.name, []):
        RIGHT_VARIANTS.append((ex, nb, why, impl))


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_exercise_has_another_correct_variant(case):
    ex, _ = case
    assert _right(ex).get(ex.name), (
        f"{_id(case)}: add at least one other correct implementation to RIGHT in "
        f"autograder/mistakes/")


@pytest.mark.parametrize("variant", RIGHT_VARIANTS,
                         ids=[f"{_id((v[0], v[1]))}: {v[2]}" for v in RIGHT_VARIANTS])
def test_other_correct_variant_earns_full_marks(variant):
    """A student who follows the prompt another way never loses points: each RIGHT variant
    passes every test cell of its exercise, visible checks included."""
    ex, nb, why, impl = variant
    for i in ex.test_cells:
        expected = judge.run_hidden(judge.hidden_source(nb.cells[i].source),
                                    judge.reference_namespace(ex.week, ex.notebook))
        namespace = diagnose.namespace_with(ex.week, ex.notebook, ex.name, impl)
        try:
            received = judge.run_hidden(judge.whole_source(nb.cells[i].source), namespace)
        except Exception as exc:
            pytest.fail(f"{_id((ex, nb))}: the correct variant ({why}) stops test cell {i} "
                        f"with {type(exc).__name__}: {exc}")
        verdict = judge.judge(expected, received)
        assert verdict.passed, f"{_id((ex, nb))}: the correct variant ({why}) fails:\n" \
                               f"{verdict.text()}"
        cell = nb.cells[i].source
        assert diagnose.visible_message(ex.week, ex.notebook, ex.name, impl, cell) is None
        assert not diagnose.match(expected, received, [])  # passing: never labelled


# ------------------------------------------------------------------ one call's input, not another's
#: Exercises whose prompt forbids changing the arguments: their hidden tests check that the
#: inputs stay unchanged, so a solution that changes them in place rightly loses points.
KEEPS_ITS_INPUTS = {
    f"week04/optimizers/{name}": "the prompt: return a new array for w, never change w in place"
    for name in ("sgd_momentum", "nesterov", "adagrad", "rmsprop", "adam")
} | {
    "week05/regularization/sgd_weight_decay_step": "the prompt: do not change W or b in place",
    "week05/regularization/batchnorm_forward": "the prompt: return new arrays without changing "
                                                "any argument",
    "week09/recurrent/clip_grad_norm": "the prompt: the arrays in grads must not change",
    "week09/recurrent/teacher_forcing_inputs": "the prompt: do not change Y",
}


def _copied(value):
    """A copy of a result's arrays and tensors (in tuples, lists and dicts), so that changing
    the arguments afterwards cannot reach a result that shares their memory."""
    import torch

    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, torch.Tensor):
        return value.clone()
    if isinstance(value, (tuple, list)):
        return type(value)(_copied(v) for v in value)
    if isinstance(value, dict):
        return {k: _copied(v) for k, v in value.items()}
    return value


def _scribble(arg) -> None:
    """Overwrite an argument's arrays and tensors in place (at top level, or in a list, a
    tuple or a dict)."""
    import torch

    if isinstance(arg, (list, tuple, dict)):
        for item in arg.values() if isinstance(arg, dict) else arg:
            _scribble(item)
    elif isinstance(arg, np.ndarray) and arg.flags.writeable and arg.size:
        if arg.dtype.kind == "f":
            arg[...] = -3.0 * arg + 1.5
        elif arg.dtype.kind in "iub":  # a permutation: labels stay valid labels
            arg[...] = np.roll(arg.ravel(), 1).reshape(arg.shape)
    elif isinstance(arg, torch.Tensor) and not arg.requires_grad and arg.numel():
        with torch.no_grad():
            if arg.is_floating_point():
                arg.mul_(-3.0).add_(1.5)
            else:
                arg.copy_(arg.flatten().roll(1).reshape(arg.shape))


def _changes_its_inputs(fn):
    """``fn``, but once it has computed its result it overwrites its array arguments, as a
    correct solution that works in place on them would. Only calls made by the test code
    itself are touched (not a reference that calls ``fn`` inside), and never while a result
    still needs its inputs for a backward pass."""
    import sys

    import torch

    def changing(*args, **kwargs):
        result = fn(*args, **kwargs)
        if sys._getframe(1).f_code.co_filename not in ("<hidden test>", check.__file__):
            return result
        result = _copied(result)
        parts = result if isinstance(result, (tuple, list)) else [result]
        if not any(isinstance(p, torch.Tensor) and p.requires_grad for p in parts):
            for arg in (*args, *kwargs.values()):
                _scribble(arg)
        return result

    return changing


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_hidden_tests_give_each_call_its_own_inputs(case):
    """A solution may change its array arguments in place unless the prompt forbids it: the
    hidden tests must then grade it as they grade the reference (each call gets its own
    copies, as `check.probe` makes; an array passed to several calls loses points that the
    prompt never asked for). Checked with the reference made to overwrite its arguments; where
    the prompt forbids that (`KEEPS_ITS_INPUTS`), the hidden tests must notice it instead."""
    import types

    ex, nb = case
    names = (notebooks.cell_names(nb.cells[ex.solution_cell].source) or (set(), set()))[0]
    caught = False
    for i, src in zip(ex.test_cells, _hidden_sources(ex, nb)):
        expected = judge.run_hidden(src, judge.reference_namespace(ex.week, ex.notebook))
        namespace = judge.reference_namespace(ex.week, ex.notebook)
        for name in names:
            if isinstance(namespace.get(name), types.FunctionType):
                namespace[name] = _changes_its_inputs(namespace[name])
        received, stopped = judge.run_hidden_partial(src, namespace)
        verdict = judge.judge(expected, received, stopped)
        if _id(case) in KEEPS_ITS_INPUTS:  # forbidden by the prompt: some cell must catch it
            caught = caught or not verdict.passed
            continue
        assert verdict.passed, (
            f"{_id(case)}: test cell {i} grades a solution that changes its arguments in place "
            f"differently: an input is shared between calls (give each call copies, e.g. "
            f"through check.probe's arguments):\n{verdict.text()[:1500]}")
    assert caught or _id(case) not in KEEPS_ITS_INPUTS, (
        f"{_id(case)}: {KEEPS_ITS_INPUTS.get(_id(case))}, yet no hidden test notices a solution "
        "that changes its arguments")

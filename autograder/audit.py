"""`dlgrade audit`: how strong an assignment's hidden tests are.

For every exercise of a week (or of an instructor's own nbgrader assignment whose references
are in ``autograder/references/``), four checks, each in the grader's own process, as
``tests/test_exercises.py`` runs the catalogue (no sandbox: only reference, catalogue and
hidden-test code runs here):

1. **mutants**: each one-line change of the exercise's reference functions
   (``autograder/mutants.py``) replaces its function in a fresh reference namespace and runs
   through the exercise's hidden tests. It is *killed* when a record differs from the
   reference's (under the reference record's rule, as `judge` grades a student), when the
   tests stop with an error, or when it runs past ``timeout`` seconds; else it *survives*.
   Mutants listed in ``autograder/mistakes/equivalent.toml`` with a reason are *equivalent*:
   they compute what the reference computes, and leave the score. The score is
   killed / (mutants − equivalent). Each mutant runs in a process forked for it: an endless
   loop is stopped, and whatever it changes (a cached data set, a seed) dies with it.
2. **mistakes**: every catalogued mistake loses points and is named by the grader;
3. **right**: every other correct solution earns full marks;
4. **promises**: each dtype the prompt promises ("a float64 array") is graded by a record
   with ``dtype=True``, and each shape it promises ("(N, D)") by a record compared value by
   value (shapes are part of every such comparison).

Exercises are shared out among ``workers`` processes; ``autograder/audit_report.py`` writes
the report.
"""

from __future__ import annotations

import ast
import contextlib
import io
import multiprocessing
import os
import pickle
import re
import resource
import select
import signal
import sys
import time
import tomllib
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from autograder import diagnose, judge
from autograder import mutants as mutating
from autograder.notebooks import (
    REPO,
    exercises,
    is_solution,
    nbgrader_meta,
    read,
    strip_solution_markers,
)
from dlcourse import check

__all__ = ["EQUIVALENT_FILE", "MutantResult", "ExerciseAudit", "AuditTask", "tasks_for",
           "audit", "audit_exercise", "run_mutant", "promises", "result_text", "prompt_text",
           "load_equivalents", "toml_line", "unchecked_promises"]

#: Mutants an author marked as equivalent: ``[week] "mutant id" = "why it is equivalent"``.
EQUIVALENT_FILE = REPO / "autograder" / "mistakes" / "equivalent.toml"
DEFAULT_TIMEOUT = 20.0  # seconds a mutant may run; one that runs longer counts as killed
MEMORY_MARGIN = 3 << 30  # bytes a mutant may allocate beyond what its worker holds


# ------------------------------------------------------------------------------ results
@dataclass
class MutantResult:
    """A mutant and its fate: killed (``why`` = the first failed case), survived,
    equivalent (``why`` = the author's reason) or timeout (counted as killed)."""

    mutant: mutating.Mutant
    status: str
    why: str = ""


@dataclass
class ExerciseAudit:
    """Everything the audit found about one exercise."""

    week: str
    notebook: str
    exercise: str
    reference: str  # the reference module's path, relative to the repository when inside it
    mutants: list[MutantResult] = field(default_factory=list)
    mistakes: list[str] = field(default_factory=list)  # problems, one line each
    right: list[str] = field(default_factory=list)
    promises: list[str] = field(default_factory=list)
    error: str | None = None  # why the exercise could not be audited
    seconds: float = 0.0

    def count(self, *statuses: str) -> int:
        return sum(r.status in statuses for r in self.mutants)


@dataclass
class AuditTask:
    """One exercise to audit, with what the worker needs to find its notebook and rules."""

    week: str
    notebook_path: Path
    exercise: str
    equivalents: dict[str, str]  # id → reason, of this week
    per_function: int | None = None
    timeout: float = DEFAULT_TIMEOUT
    catalogue: bool = True  # also check the catalogued mistakes and correct solutions


# ------------------------------------------------------------------------------ equivalents
def load_equivalents(path: Path = EQUIVALENT_FILE) -> dict[str, dict[str, str]]:
    """``{week: {mutant id: reason}}`` from the equivalence file (empty when there is none)."""
    if not path.exists():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise SystemExit(f"error: {path} is not valid TOML: {exc}") from None
    bad = [f"{week}: {key!r}" for week, table in data.items()
           for key, reason in (table.items() if isinstance(table, dict) else [(week, table)])
           if not isinstance(reason, str) or not reason.strip()]
    if bad:
        raise SystemExit(f"error: {path}: every equivalent mutant needs a one-line reason "
                         f"(a string) under its week's table: {'; '.join(bad[:3])}")
    return {week: dict(table) for week, table in data.items()}


def toml_line(mutant_id: str, reason: str = "REASON") -> str:
    """The line that marks a mutant as equivalent, to paste under its week's table."""
    def quote(text):
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"{quote(mutant_id)} = {quote(reason)}"


# ------------------------------------------------------------------------------ prompts
_DTYPE = re.compile(r"\b(?:np\.|numpy\.|torch\.)?(float16|float32|float64|int8|int16|int32|"
                    r"int64|uint8|torch\.long)\b")
# Sentences end at . ; ! ? before a capital, at a blank line, or where a docstring's
# "name: description" entry starts.
_SENTENCE = re.compile(r"(?<=[.;!?])\s+(?=[A-Z`$(])|\n\s*\n|\n(?=\s*[A-Za-z_][\w, ]*: )")
_RETURNS_SECTION = re.compile(r"^\s*Returns?:[ \t]*\n(.*?)(?=^\s*$|^\s*(?:Args|Arguments|Raises|"
                              r"Yields|Examples?|Notes?):|\Z)", re.MULTILINE | re.DOTALL)
_RETURN = re.compile(r"\breturn(?:s|ing|ed)?\b", re.IGNORECASE)
# An input named in a sentence about the result ("... from `Y: (N, T)` (int64)") is not a
# promise about the result.
_ARGUMENT = re.compile(r"`[A-Za-z_]\w*: [^`]*`(?:\s*\([^)]*\))?")
_SHAPE = re.compile(r"\(\s*[A-Z][A-Za-z0-9_]*\s*(?:,\s*[A-Z0-9][A-Za-z0-9_*+ -]*\s*)+,?\)")


def prompt_text(nb, solution_cell: int) -> str:
    """What a student reads of an exercise: the Markdown cells just before its solution cell
    and the solution cell outside its solution region (signature and docstring)."""
    parts = []
    index = solution_cell - 1
    while index >= 0 and nb.cells[index].cell_type == "markdown":
        parts.insert(0, nb.cells[index].source)
        index -= 1
    inside = False
    for line in nb.cells[solution_cell].source.splitlines():
        if "### BEGIN SOLUTION" in line:
            inside = True
        elif "### END SOLUTION" in line:
            inside = False
        elif not inside:
            parts.append(line)
    return "\n".join(parts)


def result_text(prompt: str) -> str:
    """What a prompt says of the *result*: a docstring's ``Returns:`` section, and in each
    other sentence that says "return", what follows that word. Inputs described elsewhere
    ("x: (N, D) float32 tensor") are not promises about the result."""
    found = [m.group(1) for m in _RETURNS_SECTION.finditer(prompt)]
    rest = _RETURNS_SECTION.sub("\n\n", prompt)
    for sentence in _SENTENCE.split(rest):
        match = _RETURN.search(sentence)
        if match:
            found.append(_ARGUMENT.sub("", sentence[match.end():]))
    return "\n".join(found)


def promises(text: str) -> dict[str, list[str]]:
    """The dtypes (``float64``, ``torch.long``) and shapes (``(N, D)``) a text names."""
    dtypes = sorted({m.group(1) for m in _DTYPE.finditer(text)})
    shapes = sorted({" ".join(m.group(0).split()) for m in _SHAPE.finditer(text)})
    return {"dtypes": dtypes, "shapes": shapes}


def _parts(record: dict) -> list[dict]:
    value = record.get("value", {})
    if value.get("kind") == "tuple":
        return [{**record, "value": part} for part in value.get("parts", [])]
    return [record]


def unchecked_promises(text: str, expected: list[list[dict] | None]) -> list[str]:
    """The promises about the result (`result_text`) of a prompt that no hidden record
    grades, one line each."""
    found = promises(result_text(text))
    records = [part for cell in expected if cell for rec in cell for part in _parts(rec)]
    problems = []
    if found["dtypes"] and not any(r.get("rule", {}).get("dtype") for r in records):
        problems.append(f"the prompt names the dtype {', '.join(found['dtypes'])}, and no "
                        "hidden record checks a dtype (check.probe/record(..., dtype=True))")
    by_value = [r for r in records if r.get("value", {}).get("kind") == "array"
                and r.get("rule", {}).get("at_least") is None
                and r.get("rule", {}).get("at_most") is None]
    if found["shapes"] and not any(r["value"].get("shape") for r in by_value):
        problems.append(f"the prompt names the shape {', '.join(found['shapes'])}, and no "
                        "hidden record compares an array value by value")
    return problems


# ------------------------------------------------------------------------------ running
class _Stop(BaseException):
    """Raised from inside the hidden tests at the first record that differs (a BaseException,
    so that no ``except Exception`` of a test catches it)."""


class _Watch(list):
    """The records of one test cell, each compared with the reference's as it is made."""

    def __init__(self, expected: list[dict]):
        super().__init__()
        self.expected = expected

    def append(self, rec: dict) -> None:
        index = len(self)
        super().append(rec)
        if index >= len(self.expected):
            raise _Stop("the hidden tests made more records than the reference's")
        verdict = judge.judge(self.expected[index:index + 1], [rec])
        if not verdict.passed:
            raise _Stop(verdict.text())


def _test_sources(nb, ex) -> list[tuple[str, bool]]:
    """``(code, graded by records)`` of each test cell of an exercise: its hidden region when
    it records results, else the whole cell (plain ``assert``s, as in any nbgrader
    assignment: it passes when it does not raise)."""
    found = []
    for index in ex.test_cells:
        source = nb.cells[index].source
        hidden = judge.hidden_source(source)
        by_records = "check.probe(" in hidden or "check.record(" in hidden
        found.append((hidden if by_records else judge.whole_source(source), by_records))
    return found


class _References:
    """Fresh namespaces of one reference module, compiled once (`judge.reference_namespace`
    without reading and compiling the file for every mutant)."""

    def __init__(self, week: str, notebook: str):
        module = judge.reference_module(week, notebook)
        self.path = module.__file__
        self.name = module.__name__
        self.source = Path(self.path).read_text(encoding="utf-8")
        self.code = compile(self.source, self.path, "exec")

    def namespace(self, mutant: mutating.Mutant | None = None) -> dict:
        namespace = {"__name__": self.name, "__file__": self.path,
                     "__builtins__": __builtins__}
        exec(self.code, namespace)  # noqa: S102 - our own reference module
        if mutant is not None:  # the mutated definition replaces the reference's
            exec(compile(mutant.source, f"<mutant of {mutant.name}>", "exec"),  # noqa: S102
                 namespace)
        return namespace


def run_mutant(make_namespace, tests: list[tuple[str, bool]],
               expected: list[list[dict] | None]) -> str | None:
    """Run one mutant's test cells (``make_namespace()`` gives a fresh namespace with the
    mutant in place, one per cell, as a student's run meets each cell) and return why it is
    killed: the first case that differs, or the error that stopped a cell; None when it
    passes every cell."""
    for (source, by_records), exp in zip(tests, expected):
        code = compile(source, "<hidden test>", "exec")
        namespace = make_namespace()
        watch = _Watch(exp or [])
        previous, check.SINK.records = check.SINK.records, watch
        try:
            exec(code, namespace)  # noqa: S102 - trusted test code around a mutant
        except _Stop as stop:
            return str(stop).removeprefix("✗ ")
        except Exception as exc:  # the mutant crashed the test cell
            return f"the test cell stops with {type(exc).__name__}: {str(exc)[:200]}"
        finally:
            check.SINK.records = previous
        if by_records and len(watch) < len(exp or []):
            return "the hidden tests made fewer records than the reference's"
    return None


def _in_child(fn, timeout: float):
    """``fn()`` run in a forked child process, stopped after ``timeout`` seconds: returns
    ``("ok", result)``, ``("timeout", None)`` or ``("died", signal or exit code)``."""
    sys.stdout.flush()
    sys.stderr.flush()
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: no output, bounded memory, then one pickled answer
        code = 0
        try:
            os.close(read_fd)
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 1)
            os.dup2(null, 2)
            with open("/proc/self/statm") as handle:
                held = int(handle.read().split()[0]) * resource.getpagesize()
            limit = held + MEMORY_MARGIN
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
            data = pickle.dumps(("ok", fn()))
            with os.fdopen(write_fd, "wb") as out:
                out.write(data)
        except BaseException:  # noqa: BLE001 - the parent reports a child without an answer
            code = 1
        os._exit(code)
    os.close(write_fd)
    chunks, deadline, answer = [], time.monotonic() + timeout, None
    with os.fdopen(read_fd, "rb") as pipe:
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([pipe], [], [], left)[0]:
                os.kill(pid, signal.SIGKILL)
                answer = ("timeout", None)
                break
            chunk = os.read(pipe.fileno(), 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
    _, status = os.waitpid(pid, 0)
    if answer is None:
        try:
            answer = pickle.loads(b"".join(chunks))
        except Exception:
            answer = ("died", os.waitstatus_to_exitcode(status))
    return answer


def _quiet():
    """Silence what reference and mutants print or warn about."""
    stack = contextlib.ExitStack()
    stack.enter_context(contextlib.redirect_stdout(io.StringIO()))
    stack.enter_context(warnings.catch_warnings())
    warnings.simplefilter("ignore")
    return stack


def _catalogue_problems(week: str, notebook: str, ex, nb, expected, cache: Path
                        ) -> tuple[list[str], list[str]]:
    """(problems of the catalogued mistakes, problems of the other correct solutions)."""
    module = diagnose.catalogue(week, notebook)
    wrong = getattr(module, "WRONG", {}).get(ex.name, []) if module else []
    right = getattr(module, "RIGHT", {}).get(ex.name, []) if module else []
    mistakes, rights = [], []
    for entry in wrong:
        why, impl = entry[0], entry[1]
        named = None
        failed = False
        for index, exp in zip(ex.test_cells, expected):
            source = judge.hidden_source(nb.cells[index].source)
            namespace = diagnose.namespace_with(week, notebook, ex.name, impl)
            received, stopped, by_test = judge.run_hidden_traced(source, namespace)
            if judge.judge(exp or [], received, stopped).passed:
                continue
            failed = True
            grade_id = nbgrader_meta(nb.cells[index]).get("grade_id", f"cell{index}")
            named = diagnose.named_as_met(week, notebook, ex.name, grade_id,
                                          nb.cells[index].source, why, impl, exp or [],
                                          received, stopped, None if by_test else stopped,
                                          cache)
            break
        if not failed:
            mistakes.append(f"the mistake {why!r} passes every hidden test")
        elif named is not True:
            mistakes.append(f"the mistake {why!r} loses points but is not named ({named})")
    for why, impl in right:
        for index, exp in zip(ex.test_cells, expected):
            namespace = diagnose.namespace_with(week, notebook, ex.name, impl)
            source = judge.whole_source(nb.cells[index].source)
            try:
                received = judge.run_hidden(source, namespace)
            except Exception as exc:
                rights.append(f"the correct solution {why!r} stops test cell {index} with "
                              f"{type(exc).__name__}: {str(exc)[:150]}")
                break
            verdict = judge.judge(exp or [], received)
            if not verdict.passed:
                rights.append(f"the correct solution {why!r} loses points: "
                              f"{verdict.text()[:200]}")
                break
    return mistakes, rights


def _expected(refs: _References, tests: list[tuple[str, bool]]) -> list[list[dict] | None] | str:
    """The reference's records of each test cell (None for a cell graded by whether it
    raises), or why they could not be made."""
    try:
        return [judge.run_hidden(src, refs.namespace()) if by_records else None
                for src, by_records in tests]
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"


def _blank(value) -> None:
    """Overwrite a result's arrays in place with NaN (-1 for integers), recursively."""
    if isinstance(value, np.ndarray) and value.flags.writeable and value.dtype.kind in "fiu":
        value.fill(np.nan if value.dtype.kind == "f" else -1)
    elif hasattr(value, "detach") and hasattr(value, "fill_"):  # a torch tensor
        with contextlib.suppress(Exception):
            value.detach().fill_(float("nan") if value.is_floating_point() else -1)
    elif isinstance(value, (list, tuple)):
        for part in value:
            _blank(part)
    elif isinstance(value, dict):
        for part in value.values():
            _blank(part)


def _poison(refs: _References, tests: list[tuple[str, bool]], names: list[str]) -> None:
    """Run the test cells once more, the exercise's functions blanking their results before
    returning them. The worker keeps its caches warm (imports, data sets) for the mutants it
    forks, but the memory it frees no longer holds the reference's results, which a mutant
    that reads a buffer it never wrote (``np.empty``) would otherwise find there."""
    def blanking(fn):
        def wrapper(*args, **kwargs):
            out = fn(*args, **kwargs)
            _blank(out)
            return out
        return wrapper

    for source, _ in tests:
        namespace = refs.namespace()
        for name in names:
            if callable(namespace.get(name)) and not isinstance(namespace[name], type):
                namespace[name] = blanking(namespace[name])
        previous, check.SINK.records = check.SINK.records, []
        try:
            exec(compile(source, "<hidden test>", "exec"), namespace)  # noqa: S102
        except Exception:  # noqa: S110 - NaN results may well stop a test: that is fine
            pass
        finally:
            check.SINK.records = previous


def audit_exercise(task: AuditTask, cache: Path) -> ExerciseAudit:
    """The four checks of one exercise (run in a worker process)."""
    start = time.perf_counter()
    nb = read(task.notebook_path)
    notebook = task.notebook_path.stem
    ex = next(e for e in exercises(nb, task.week, notebook) if e.name == task.exercise)
    try:
        refs = _References(task.week, notebook)
    except ModuleNotFoundError:
        return ExerciseAudit(task.week, notebook, ex.name, "", error=(
            f"no reference module autograder/references/{task.week}.py"))
    path = Path(refs.path)
    shown = str(path.relative_to(REPO)) if path.is_relative_to(REPO) else str(path)
    result = ExerciseAudit(task.week, notebook, ex.name, shown)
    tests = _test_sources(nb, ex)
    with _quiet():
        expected = _expected(refs, tests)
        if isinstance(expected, str):
            result.error = f"the reference fails its own tests: {expected}"
            return result
        cell = nb.cells[ex.solution_cell].source
        _poison(refs, tests, _definitions(cell))
        found = mutating.sample(mutating.mutants_of(
            refs.source, _definitions(cell), ex.name,
            mutating.solution_lines(cell, refs.source)), task.per_function)
        for mutant in found:
            outcome = _in_child(lambda m=mutant: run_mutant(lambda: refs.namespace(m), tests,
                                                            expected), task.timeout)
            if outcome[0] == "timeout":
                status, why = "timeout", f"ran past {task.timeout:g} s"
            elif outcome[0] == "died":
                status, why = "killed", f"the process died ({outcome[1]})"
            elif outcome[1] is None:
                status, why = "survived", ""
            else:
                status, why = "killed", outcome[1]
            reason = task.equivalents.get(mutant.id)
            if reason is not None and status == "survived":
                status, why = "equivalent", reason
            result.mutants.append(MutantResult(mutant, status, why))
        if task.catalogue:
            result.mistakes, result.right = _catalogue_problems(
                task.week, notebook, ex, nb, expected, cache)
    result.promises = unchecked_promises(prompt_text(nb, ex.solution_cell), expected)
    result.seconds = time.perf_counter() - start
    return result


def _definitions(cell_source: str) -> list[str]:
    """The functions and classes a solution cell defines at top level."""
    tree = ast.parse(strip_solution_markers(cell_source))
    return [n.name for n in tree.body
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]


# ------------------------------------------------------------------------------ pool
_CACHE: Path | None = None


def _init_worker(cache: Path) -> None:
    global _CACHE
    _CACHE = cache
    os.environ.setdefault("NBGRADER_EXECUTION", "autograde")  # demos shrink, as when grading
    with contextlib.suppress(Exception):
        import torch
        torch.set_num_threads(1)  # forking a process whose thread pool runs could hang it


def _work(task: AuditTask) -> ExerciseAudit:
    try:
        return audit_exercise(task, _CACHE or Path("."))
    except Exception as exc:  # one broken exercise must not end the audit of the others
        return ExerciseAudit(task.week, task.notebook_path.stem, task.exercise, "",
                             error=f"the audit failed: {type(exc).__name__}: {exc}")


def tasks_for(week: str, folder: Path, equivalents: dict[str, dict[str, str]],
              per_function: int | None = None, timeout: float = DEFAULT_TIMEOUT,
              catalogue: bool = True, skipped: list[str] | None = None) -> list[AuditTask]:
    """One task per exercise of the notebooks in ``folder`` (a week or an assignment) that
    have a reference module; the others are named in ``skipped``."""
    found = []
    for path in sorted(folder.glob("*.ipynb")):
        nb = read(path)
        if not any(is_solution(c) for c in nb.cells):
            continue
        try:
            judge.reference_module(week, path.stem)
        except ModuleNotFoundError:
            if skipped is not None:
                skipped.append(f"{week}/{path.name}")
            continue
        for ex in exercises(nb, week, path.stem):
            found.append(AuditTask(week, path, ex.name, equivalents.get(week, {}),
                                   per_function, timeout, catalogue))
    return found


def audit(tasks: list[AuditTask], workers: int, cache: Path,
          progress=None) -> list[ExerciseAudit]:
    """Audit ``tasks`` in ``workers`` processes; results in the order of ``tasks``.
    ``progress(done, total, result)`` is called as each exercise finishes."""
    results: dict[int, ExerciseAudit] = {}
    context = multiprocessing.get_context("fork")  # workers start with the imports done
    with context.Pool(max(1, workers), _init_worker, (cache,), maxtasksperchild=20) as pool:
        for i, res in pool.imap_unordered(_indexed, list(enumerate(tasks))):
            results[i] = res
            if progress:
                progress(len(results), len(tasks), res)
    return [results[i] for i in range(len(tasks))]


def _indexed(item):
    i, task = item
    return i, _work(task)

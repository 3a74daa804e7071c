"""Autograding: nbgrader's sanitizing and gradebook, our execution and verdicts.

The steps for one student's notebook, in order:

1. ``prepare``  (main thread)  nbgrader's sanitize preprocessors: clear outputs, de-duplicate
   cell ids, restore the kernelspec, overwrite locked and test cells (hidden tests included)
   from the source, add back deleted test cells.
2. ``execute``  (worker)       run the notebook in a separate process (``runner.py``), every
   cell, with time limits; a dead kernel keeps the outputs of the cells that ran.
3. ``judge``    (worker)       compare each test cell's records with the reference's, computed
   once per week in the grader's own process (``expected_records``); rewrite the test cell's
   outputs into the verdict, so nbgrader scores it (an error output means zero).
4. ``save``     (main thread)  write the autograded notebook and let nbgrader's
   ``SaveAutoGrades`` store the scores: all gradebook writes happen in one thread.

Steps 2–3 run in parallel (``workers``); 1 and 4 are quick and serial.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from autograder import diagnose, lms, sandbox, sanitize
from autograder import judge as judging
from autograder.course import Course, GradingError
from autograder.notebooks import is_demo, is_solution, is_test, nbgrader_meta
from autograder.sandbox import Limits
from autograder.warm import WarmPool, preload_modules

__all__ = ["grade_week", "expected_records", "execute", "Outcome", "Limits"]

MAX_OUTPUT_CHARS = 4000  # per stream output kept in the autograded notebook


@dataclass
class Outcome:
    """What grading one student's notebook gave."""

    student: str
    week: str
    notebook: str
    score: float = 0.0
    max_score: float = 0.0
    status: str = "ok"


# ------------------------------------------------------------------------------ expected
def records_cell(cell: NotebookNode) -> bool:
    """Whether a test cell is graded by records (its hidden region calls ``check.probe`` or
    ``check.record``); any other test cell (plain ``assert``s, as in any nbgrader assignment)
    is graded by whether it raised."""
    hidden = judging.hidden_source(cell.source)
    return "check.probe(" in hidden or "check.record(" in hidden


def expected_records(course: Course, week: str, notebook: str) -> dict[str, list[dict] | None]:
    """``{test cell grade_id: records}`` of the reference solutions, cached on disk; ``None``
    for a test cell graded by whether it raised (no references needed for those).

    The cache key is the source notebook and the reference module, so editing either
    recomputes it.
    """
    src_path = course.source_dir(week) / f"{notebook}.ipynb"
    nb = nbformat.read(str(src_path), as_version=4)
    tests = [c for c in nb.cells if is_test(c)]
    if not any(records_cell(c) for c in tests):
        return {nbgrader_meta(c)["grade_id"]: None for c in tests}
    try:
        ref_path = Path(judging.reference_module(week, notebook).__file__)
    except ModuleNotFoundError:
        raise GradingError(f"no reference solutions for {week}: its hidden tests record "
                           f"results, so autograder/references/{week}.py is needed") from None
    key = hashlib.sha256(src_path.read_bytes() + ref_path.read_bytes()).hexdigest()[:16]
    cache = course.state_dir() / "expected" / f"{week}-{notebook}-{key}.json"
    if cache.exists():
        return json.loads(cache.read_text())
    result: dict[str, list[dict] | None] = {}
    namespace = judging.reference_namespace(week, notebook)
    for cell in tests:
        grade_id = nbgrader_meta(cell)["grade_id"]
        result[grade_id] = (judging.run_hidden(judging.hidden_source(cell.source), namespace,
                                               f"{week}/{grade_id}")
                            if records_cell(cell) else None)
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps(result))
    return result


# ------------------------------------------------------------------------------ prepare
def _resources(course: Course, week: str, notebook: str, student: str) -> dict:
    return {"nbgrader": {"notebook": notebook, "assignment": week, "student": student,
                         "db_url": course.db_url},
            "metadata": {"path": ""}}


def prepare(course: Course, week: str, notebook: str, student: str, path: Path) -> NotebookNode:
    """Read a submitted notebook and sanitize it with nbgrader's preprocessors.

    Raises ``GradingError`` with a student-readable reason when the file cannot be graded.
    """
    from nbgrader.preprocessors import (
        CheckCellMetadata,
        ClearOutput,
        DeduplicateIds,
        OverwriteCells,
        OverwriteKernelspec,
    )

    try:
        nb = nbformat.read(str(path), as_version=4)
    except Exception as exc:
        raise GradingError(f"the file {path.name} is not a readable notebook "
                           f"({type(exc).__name__}: {str(exc)[:200]})") from None
    released = _read(course.release_dir(week) / f"{notebook}.ipynb")
    try:
        restore_metadata(nb, released)
    except Exception as exc:
        raise GradingError(f"the notebook's cells could not be read "
                           f"({type(exc).__name__}: {str(exc)[:200]})") from None
    resources = _resources(course, week, notebook, student)
    steps = [ClearOutput(), DeduplicateIds(), OverwriteKernelspec(),
             OverwriteCells(add_missing_cells=True), CheckCellMetadata()]
    try:
        for step in steps:
            nb, resources = step.preprocess(nb, resources)
    except Exception as exc:
        raise GradingError(f"the notebook's grading cells could not be restored "
                           f"({type(exc).__name__}: {str(exc)[:300]})") from None
    for cell in nb.cells:
        cell.setdefault("id", uuid.uuid4().hex[:8])  # cells nbgrader added back have none
        if is_demo(cell):  # only shows (plots, long training): not needed to grade
            cell.source = "# A demo cell: the grader does not run it.\n"
    sanitize.limits_from_source(nb, _read(course.source_dir(week) / f"{notebook}.ipynb"))
    return nb


def restore_metadata(nb: NotebookNode, released: NotebookNode) -> None:
    """Give every grading cell back the nbgrader metadata and type it was released with.

    A student may edit metadata (points, grade flags), retype, duplicate, rename or delete
    cells. Cells whose ``grade_id`` the release does not know, and every copy after the first
    of a known one, become ordinary cells; a released grading cell that is missing comes back
    as released (a solution cell as its unsolved stub) after the cell that preceded it.
    nbgrader's own steps then restore the test cells' source (hidden tests included).
    """
    reference = {nbgrader_meta(c).get("grade_id"): c for c in released.cells
                 if nbgrader_meta(c).get("grade_id")}
    seen: set[str] = set()
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader")
        if meta is None:
            continue
        grade_id = meta.get("grade_id") if isinstance(meta, dict) else None
        if grade_id not in reference or grade_id in seen:
            del cell.metadata["nbgrader"]
            continue
        seen.add(grade_id)
        original = reference[grade_id]
        cell.metadata["nbgrader"] = json.loads(json.dumps(original.metadata["nbgrader"]))
        if cell.cell_type != original.cell_type:
            cell.cell_type = original.cell_type
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
            else:
                cell.pop("outputs", None)
                cell.pop("execution_count", None)
    position = {gid: i for i, c in enumerate(nb.cells)
                if (gid := nbgrader_meta(c).get("grade_id")) in reference}
    after = -1
    for grade_id, original in reference.items():
        if grade_id in position:
            after = position[grade_id]
            continue
        after += 1
        nb.cells.insert(after, nbformat.from_dict(json.loads(json.dumps(original))))
        position = {gid: i for i, c in enumerate(nb.cells)
                    if (gid := nbgrader_meta(c).get("grade_id")) in reference}


# ------------------------------------------------------------------------------ execute
def execute(nb: NotebookNode, limits: Limits, slot: int = 0,
            sandboxed: bool = True) -> NotebookNode:
    """Run every cell of ``nb`` in a fresh kernel (in the sandbox); return the result.

    The result always comes back, with ``metadata.dlgrade.run`` saying how the run ended and
    the outputs of every cell that ran before a failure.
    """
    with tempfile.TemporaryDirectory(prefix="dlgrade-") as scratch:
        os.chmod(scratch, 0o755)  # the sandbox user reads the notebook from here
        in_path = Path(scratch) / "in.ipynb"
        nbformat.write(nb, str(in_path))
        os.chmod(in_path, 0o644)
        read_end, write_end = os.pipe()
        cgroup = sandbox.Cgroup(limits) if sandboxed else None
        timeout = str(limits.cell_timeout)
        if sandboxed:
            cmd = cgroup.prefix() + sandbox.command(in_path, limits, slot, write_end,
                                                    limits.cell_timeout)
            env, cwd = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}, scratch
        else:
            cmd = [sys.executable, str(sandbox.RUNNER), str(in_path), "--result-fd", str(write_end),
                   "--timeout", timeout, "--max-output", str(limits.output_mb * sandbox.MiB)]
            cmd += ["--figures"] if limits.figures else []
            env = dict(os.environ, NBGRADER_EXECUTION="autograde", MPLBACKEND="Agg",
                       OMP_NUM_THREADS="1", MKL_NUM_THREADS="1", PYTHONHASHSEED="0")
            cwd = scratch
        result: dict = {}
        try:
            proc = subprocess.Popen(cmd, cwd=cwd, env=env, pass_fds=(write_end,),
                                    stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.PIPE, start_new_session=True)
        finally:
            os.close(write_end)

        def read_results():
            with os.fdopen(read_end, "rb") as stream:
                result["data"], result["why"] = sandbox.read_frames(
                    stream, limits.notebook_mb * sandbox.MiB)
                if result["why"]:
                    _kill(proc)

        def read_stderr():  # keep only the tail: a student can write to it without end
            tail = b""
            for chunk in iter(lambda: proc.stderr.read(4096), b""):
                tail = (tail + chunk)[-4000:]
            result["stderr"] = tail.decode("utf-8", "replace")

        readers = [threading.Thread(target=f, daemon=True) for f in (read_results, read_stderr)]
        for thread in readers:
            thread.start()
        status, message = None, ""
        try:
            proc.wait(timeout=limits.wall_timeout)
        except subprocess.TimeoutExpired:
            status = "wall_timeout"
            message = f"the notebook ran longer than the {limits.wall_timeout} s allowed in total"
            _kill(proc)
        for thread in readers:
            thread.join(timeout=30)
        oom = cgroup.oom_killed() if cgroup else False
        if cgroup:
            cgroup.remove()
        return finish_run(nb, result.get("data"), status, message, result.get("why"), oom,
                          result.get("stderr", ""), limits)


def finish_run(nb: NotebookNode, data: bytes | None, status: str | None, message: str,
               why: str | None, oom: bool, stderr: str, limits: Limits) -> NotebookNode:
    """The executed notebook from the last frame a run sent (``nb`` itself when none came),
    with ``metadata.dlgrade.run`` saying how the run ended."""
    try:
        out = nbformat.reads(data.decode("utf-8"), as_version=4) if data else nb
    except Exception:
        out, status = nb, "failed"
        message = "the grader could not read the result of the run"
    run = out.metadata.setdefault("dlgrade", {}).setdefault("run", {
        "status": "failed", "last_cell": -1,
        "message": "the notebook did not run (" + stderr[-300:] + ")"})
    if why:
        status, message = "output_limit", why
    if oom:
        status = "memory"
        message = f"the notebook used more than the {limits.memory_mb} MiB of memory allowed"
    if status:
        run["status"], run["message"] = status, message
    elif run.get("status") == "running":  # the runner itself was killed mid-way
        run["status"] = "cut_short"
        run["message"] = ("the notebook stopped unexpectedly: the kernel or the grader's "
                          "runner was killed")
    return out


def _kill(proc: subprocess.Popen) -> None:
    """Kill the sandbox; bubblewrap's --die-with-parent takes everything inside with it."""
    try:
        os.killpg(proc.pid, 9)
    except (ProcessLookupError, PermissionError):
        pass


# ------------------------------------------------------------------------------ judge
def _stop_reason(cell: NotebookNode, index: int, run: dict) -> str | None:
    """Why a test cell produced no (or too few) records, in a student's words."""
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            ename, evalue = out.get("ename", "Error"), str(out.get("evalue", ""))[:600]
            if ename == "NotImplementedError":
                return "the function is not implemented yet (it raises NotImplementedError)"
            if ename == "KeyboardInterrupt":
                return ("the cell was interrupted (it ran past its time limit, or raised "
                        "KeyboardInterrupt)")
            return f"the cell stopped with {ename}: {evalue}"
    last = run.get("last_cell", -1)
    if run.get("status") != "ok" and index > last:
        return f"the notebook stopped before this cell ran: {run.get('message', '')}"
    return None


def _raised_verdict(cell: NotebookNode, run: dict, reason: str | None):
    """The verdict on a test cell of plain ``assert``s: it passes when it ran and did not
    raise. Decided here, from the kernel's reply and the cell's error output as nbgrader does,
    never from what the cell displayed (a custom exception handler can hide an error)."""
    reply = cell.get("metadata", {}).get("dlgrade", {}).get("reply")
    errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
    if not isinstance(reply, dict):
        why = reason or f"the notebook stopped before this cell ran: {run.get('message', '')}"
        return judging.Verdict(False, [f"✗ not checked, because {why}"])
    if reply.get("status") != "ok" or errors:
        ename = reply.get("ename") or (errors[0].get("ename") if errors else "an error")
        evalue = reply.get("evalue") or (errors[0].get("evalue", "") if errors else "")
        return judging.Verdict(False, [f"✗ the tests raised {ename}: {evalue}".rstrip(": ")])
    return judging.Verdict(True, ["✓ the tests ran without raising"])


def judge_notebook(nb: NotebookNode, expected: dict[str, list[dict] | None]) -> None:
    """Rewrite every test cell's outputs into its verdict (an error output when it fails)."""
    run = nb.metadata.get("dlgrade", {}).get("run", {})
    if run.get("status") not in (None, "ok") and "(in cell" not in run.get("message", ""):
        stopped_in = next((i for i in range(run.get("last_cell", -1) + 1, len(nb.cells))
                           if nb.cells[i].cell_type == "code"), None)
        if stopped_in is not None:  # name the cell the run died in, for the student
            first = (nb.cells[stopped_in].source.strip().splitlines() or [""])[0][:60]
            run["message"] = f"{run.get('message', '')} (in cell {stopped_in + 1}: {first!r})"
    solution_error = None  # the error of the latest solution cell, to explain its tests
    for index, cell in enumerate(nb.cells):
        if is_solution(cell):
            solution_error = _stop_reason(cell, index, run)
        if not is_test(cell):
            continue
        grade_id = nbgrader_meta(cell).get("grade_id")
        received = judging.records_of_outputs(cell.get("outputs", []))
        reason = _stop_reason(cell, index, run)
        if reason and solution_error and solution_error != reason:
            above = solution_error.replace("the cell", "it")
            reason = f"{reason} (your solution cell above: {above})"
        graded_by_records = expected.get(grade_id) is not None
        if grade_id not in expected:
            verdict = judging.Verdict(False, ["✗ this test cell is not part of the assignment"])
        elif graded_by_records:
            verdict = judging.judge(expected[grade_id], received, reason)
        else:
            verdict = _raised_verdict(cell, run, reason)
        # Only an assert cell can be fooled by rewriting its code (records are compared
        # outside the kernel with hidden inputs), so only there does tampering cost points.
        tampered = cell.get("metadata", {}).get("dlgrade", {}).get("tampered")
        if tampered and not graded_by_records:
            verdict = judging.Verdict(False, [
                f"✗ not graded: code in this notebook changed how IPython runs cells ({tampered})"])
        kept = [o for o in cell.get("outputs", [])
                if o.get("output_type") == "stream" and o.get("name") == "stdout"]
        for out in kept:
            text = "".join(out.get("text", ""))
            out["text"] = text if len(text) <= MAX_OUTPUT_CHARS else (
                text[:MAX_OUTPUT_CHARS] + "\n... (output cut by the grader)\n")
        if graded_by_records and not verdict.passed and (received or reason):
            # kept for `diagnose_notebook` (main thread), which names a common mistake
            crash = judging.hidden_crash(cell.source, cell.get("outputs", []))
            cell.metadata.setdefault("dlgrade", {}).update(received=received,
                                                           stopped=reason or "", crash=crash)
        kind = "Hidden tests" if graded_by_records else "Tests"
        header = f"{kind}: passed" if verdict.passed else f"{kind}: failed"
        report = f"{header}\n{verdict.text()}\n"
        if verdict.passed:
            kept.append(nbformat.v4.new_output("stream", name="stdout", text=report))
        else:
            kept.append(nbformat.v4.new_output("error", ename="TestFailed", evalue=report,
                                               traceback=[report]))
        cell.outputs = kept


# ------------------------------------------------------------------------------ save
def _zero_notebook(nb: NotebookNode, message: str, status: str = "unreadable"
                  ) -> NotebookNode:
    """Mark every test cell of ``nb`` failed with ``message``: for a file that could not be
    read (``status`` "unreadable") or that was never handed in ("missing")."""
    ename = "NotSubmitted" if status == "missing" else "NotGraded"
    for cell in nb.cells:
        if is_test(cell):
            cell.outputs = [nbformat.v4.new_output("error", ename=ename, evalue=message,
                                                   traceback=[message])]
    nb.metadata.setdefault("dlgrade", {})["run"] = {"status": status, "message": message,
                                                   "last_cell": -1}
    return nb


def save(course: Course, week: str, notebook: str, student: str, nb: NotebookNode,
         source: NotebookNode | None = None, mistakes: bool = True) -> Outcome:
    """Name the common mistakes in ``nb`` (`diagnose.diagnose_notebook`; not when
    ``mistakes`` is False), make it safe to show (`sanitize.scrub_outputs`), write it and store
    its scores in nbgrader's gradebook. ``source`` is the instructor's notebook (read when not
    given)."""
    from nbgrader.preprocessors import SaveAutoGrades

    source = source or _read(course.source_dir(week) / f"{notebook}.ipynb")
    if mistakes:
        diagnose.diagnose_notebook(nb, source, week, notebook, course.state_dir() / "mistakes",
                                   lambda: expected_records(course, week, notebook))
    prose = {c.source for c in source.cells if c.get("cell_type") == "markdown"}
    sanitize.scrub_outputs(nb, sanitize.hidden_lines(source), prose)

    dest = course.autograded_dir(student, week)
    dest.mkdir(parents=True, exist_ok=True)
    stamp = course.submitted_dir(student, week) / "timestamp.txt"
    if stamp.exists():
        shutil.copy(stamp, dest / "timestamp.txt")
    nbformat.write(nb, str(dest / f"{notebook}.ipynb"))
    SaveAutoGrades().preprocess(nb, _resources(course, week, notebook, student))
    status = nb.metadata.get("dlgrade", {}).get("run", {}).get("status", "ok")
    return _tally(Outcome(student, week, notebook, status=status), nb)


def _tally(outcome: Outcome, nb: NotebookNode) -> Outcome:
    """Add up a judged notebook's test cells: a cell without an error output earned its
    points (the same rule nbgrader's gradebook applies)."""
    for cell in nb.cells:
        if is_test(cell):
            points = float(nbgrader_meta(cell).get("points", 0))
            outcome.max_score += points
            if not any(o.get("output_type") == "error" for o in cell.outputs):
                outcome.score += points
    return outcome


# ------------------------------------------------------------------------------ the run
def _register(course: Course, week: str, student: str) -> None:
    from nbgrader.api import MissingEntry
    from nbgrader.utils import parse_utc

    stamp = course.submitted_dir(student, week) / "timestamp.txt"
    timestamp = None
    if stamp.exists():
        try:
            timestamp = parse_utc(stamp.read_text().strip())
        except (ValueError, TypeError):
            timestamp = None
    with course.gradebook() as gb:
        try:
            gb.find_student(student)
        except MissingEntry:  # name new students by their id, so formgrader lists them so
            gb.add_student(student, last_name=student, first_name="")
        if timestamp:
            gb.update_or_create_submission(week, student, timestamp=timestamp)
        else:
            gb.update_or_create_submission(week, student)


def grade_week(
    course: Course,
    week: str,
    students: list[str] | None = None,
    workers: int = 1,
    limits: Limits | None = None,
    progress: bool = True,
    unsafe: bool = False,
    force: bool = False,
    dask_address: str | None = None,
    warm: bool = True,
    mistakes: bool = True,
    warm_pool: WarmPool | None = None,
) -> list[Outcome]:
    """Autograde the collected submissions of ``week`` (all students, or those given).

    Student code runs in the sandbox (see ``sandbox.py``); where no sandbox can be made, this
    refuses to run, unless ``unsafe`` is given explicitly. A notebook already graded from the
    same submitted file and the same tests is skipped unless ``force``: a run that was killed
    can simply be started again. With ``dask_address``, the notebooks run on that Dask
    cluster's workers instead of ``workers`` local threads; the gradebook is still written
    here, by one thread. Locally, each worker's notebooks run one after the other in a warm
    sandbox (``warm.py``: the kernel's imports paid once per worker); ``warm=False`` starts a
    new sandbox for every notebook. ``mistakes=False`` leaves out naming the common mistakes
    in failed cells (for the benchmark's comparison). ``warm_pool``: warm sandboxes shared by
    several calls (the demo's weeks, each too small a class to pay for its own), used and
    left open.
    """
    if not unsafe:
        why = sandbox.unavailable_reason()
        if why:
            raise GradingError(f"cannot isolate student code: {why}. To grade without "
                               "isolation anyway (only for code you trust), pass --unsafe.")
    limits = limits or Limits()
    notebooks = course.notebook_names(week)
    if not notebooks:
        raise GradingError(f"{week} has no source notebooks in {course.source_dir(week)}")
    with course.gradebook() as gb:
        try:
            gb.find_assignment(week)
        except Exception:
            raise GradingError(f"{week} is not released yet: run `dlgrade release {week}` "
                               "first") from None
    students = students or course.students(week)
    expected = {name: expected_records(course, week, name) for name in notebooks}
    sources = {name: _read(course.source_dir(week) / f"{name}.ipynb") for name in notebooks}
    tests_key = hashlib.sha256(json.dumps(expected, sort_keys=True).encode()).hexdigest()

    # What needs grading (cheap: fingerprints), then prepare and submit one at a time, so
    # that the workers start at once and saving keeps up, however large the class.
    pending: list[tuple[str, str, Path, str]] = []
    outcomes: list[Outcome] = []
    for student in students:
        for name in notebooks:
            path = course.submitted_dir(student, week) / f"{name}.ipynb"
            key = _fingerprint(path, tests_key)
            if not force and _done(course, week, name, student) == key:
                outcomes.append(_outcome(course, week, name, student))
            else:
                pending.append((student, name, path, key))

    bar = _progress(len(pending), f"grading {week}", progress)
    # One warm sandbox more than workers: one is always starting its next kernel while the
    # workers run theirs, so a worker rarely waits for a kernel to start. Warm sandboxes pay
    # off only when each serves several notebooks: a small class runs cold.
    size = workers + 1
    shared = warm_pool is not None
    if not shared:
        warm_pool = (WarmPool(limits, preload_modules(list(sources.values())), size)
                     if warm and len(pending) > size and not unsafe and not dask_address
                     else None)
    with _Pool(workers, dask_address) as pool, contextlib.ExitStack() as stack:
        if warm_pool is not None and not shared:
            stack.callback(warm_pool.close)
        futures: dict = {}

        def save_result(future) -> None:
            student, name, key = futures.pop(future)
            result = future.result()
            nb = nbformat.reads(result, as_version=4) if isinstance(result, str) else result
            # the only gradebook writer
            outcomes.append(save(course, week, name, student, nb, sources[name], mistakes))
            _mark_done(course, week, name, student, key)
            bar.update(1)

        registered: set[str] = set()
        for student, name, path, key in pending:
            if student not in registered:
                _register(course, week, student)
                registered.add(student)
            # An ungradable file is graded as the untouched release, never the source: the
            # autograded notebook becomes the student's feedback.
            blank = course.release_dir(week) / f"{name}.ipynb"
            try:
                if path.exists():
                    nb = prepare(course, week, name, student, path)
                    future = pool.submit(run_and_judge, nbformat.writes(nb), expected[name],
                                         limits, unsafe, warm_pool)
                elif why := lms.unreadable_reason(course, week, student, name):
                    raise GradingError(why)  # they handed in a file, not a notebook (a .py)
                else:
                    future = pool.done(_zero_notebook(
                        _read(blank), f"no file named {name}.ipynb was submitted", "missing"))
            except GradingError as exc:
                future = pool.done(_zero_notebook(_read(blank), str(exc)))
            futures[future] = (student, name, key)
            for done in [f for f in futures if f.done()]:
                save_result(done)
        for future in pool.as_completed(list(futures)):
            save_result(future)
    bar.close()
    return sorted(outcomes, key=lambda o: (o.student, o.notebook))


def run_and_judge(nb_json: str, expected: dict[str, list[dict]], limits: Limits,
                  unsafe: bool, pool: WarmPool | None = None) -> str:
    """Execute one prepared notebook (in a warm sandbox of ``pool`` when it has one, else in a
    sandbox of its own) and judge its test cells (runs on a worker)."""
    nb = nbformat.reads(nb_json, as_version=4)
    warm = pool.run(nb) if pool is not None else None
    if warm is not None:
        result = finish_run(nb, limits=limits, **warm)
    else:
        with sandbox.slot() as slot:  # each concurrent run has a sandbox user of its own
            result = execute(nb, limits, slot, sandboxed=not unsafe)
    judge_notebook(result, expected)
    return nbformat.writes(result)


class _Pool:
    """Local threads, or a Dask cluster: ``submit`` and ``as_completed`` for both."""

    def __init__(self, workers: int, dask_address: str | None):
        self.client = None
        if dask_address:
            try:
                from distributed import Client
            except ImportError:
                raise GradingError("--dask needs the `distributed` package "
                                   "(pip install 'dlcourse[grader]')") from None
            try:
                self.client = Client(dask_address, timeout="20s")
            except OSError as exc:
                raise GradingError(f"cannot reach the Dask scheduler at {dask_address}: "
                                   f"{exc}") from None
        else:
            self.threads = ThreadPoolExecutor(max_workers=max(1, workers))

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.client is not None:
            self.client.close()
        else:
            self.threads.shutdown(wait=True, cancel_futures=True)

    def submit(self, fn, *args):
        if self.client is not None:
            return self.client.submit(fn, *args, pure=False)
        return self.threads.submit(fn, *args)

    def done(self, value):
        from concurrent.futures import Future

        future = Future()
        future.set_result(value)
        return future

    def as_completed(self, futures):
        local = [f for f in futures if not hasattr(f, "key")]
        remote = [f for f in futures if hasattr(f, "key")]
        yield from as_completed(local)
        if remote:
            from distributed import as_completed as dask_completed

            yield from dask_completed(remote)


# ------------------------------------------------------------------------------ resuming
def _fingerprint(path: Path, tests_key: str) -> str:
    """What a grade depends on: the submitted file (and its timestamp) and the tests."""
    digest = hashlib.sha256(tests_key.encode())
    for part in (path, path.parent / "timestamp.txt"):
        digest.update(part.read_bytes() if part.exists() else b"<missing>")
    return digest.hexdigest()


def _marker(course: Course, week: str, notebook: str, student: str) -> Path:
    return course.autograded_dir(student, week) / f".dlgrade-{notebook}.done"


def _done(course: Course, week: str, notebook: str, student: str) -> str | None:
    try:
        return _marker(course, week, notebook, student).read_text().strip()
    except OSError:
        return None


def _mark_done(course: Course, week: str, notebook: str, student: str, key: str) -> None:
    """Written after the gradebook commit, atomically: a run killed before it regrades."""
    marker = _marker(course, week, notebook, student)
    tmp = marker.with_suffix(".tmp")
    tmp.write_text(key)
    os.replace(tmp, marker)


def _outcome(course: Course, week: str, notebook: str, student: str) -> Outcome:
    """The stored outcome of a notebook graded in an earlier run."""
    nb = _read(course.autograded_dir(student, week) / f"{notebook}.ipynb")
    return _tally(Outcome(student, week, notebook, status="already graded"), nb)


def _read(path: Path) -> NotebookNode:
    return nbformat.read(str(path), as_version=4)


def _progress(total: int, desc: str, enabled: bool):
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=desc, unit="nb", disable=not enabled, file=sys.stderr)

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

import hashlib
import importlib
import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from autograder import judge as judging
from autograder import sandbox
from autograder.course import Course, GradingError
from autograder.notebooks import is_test, nbgrader_meta
from autograder.sandbox import Limits

__all__ = ["grade_week", "expected_records", "execute", "Outcome", "Limits"]

RUNNER = Path(__file__).with_name("runner.py")
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
    messages: list[str] = field(default_factory=list)


# ------------------------------------------------------------------------------ expected
def expected_records(course: Course, week: str, notebook: str) -> dict[str, list[dict]]:
    """``{test cell grade_id: records}`` of the reference solutions, cached on disk.

    The cache key is the source notebook and the reference module, so editing either
    recomputes it.
    """
    src_path = course.source_dir(week) / f"{notebook}.ipynb"
    try:
        ref_path = Path(importlib.import_module(f"autograder.references.{week}").__file__)
    except ModuleNotFoundError:
        raise GradingError(f"no reference solutions for {week}: "
                           f"autograder/references/{week}.py is missing") from None
    key = hashlib.sha256(src_path.read_bytes() + ref_path.read_bytes()).hexdigest()[:16]
    cache = course.state_dir() / "expected" / f"{week}-{notebook}-{key}.json"
    if cache.exists():
        return json.loads(cache.read_text())
    nb = nbformat.read(str(src_path), as_version=4)
    result: dict[str, list[dict]] = {}
    namespace = judging.reference_namespace(week)
    for cell in nb.cells:
        if is_test(cell):
            grade_id = nbgrader_meta(cell)["grade_id"]
            source = judging.hidden_source(cell.source)
            result[grade_id] = (judging.run_hidden(source, namespace, f"{week}/{grade_id}")
                                if source.strip() else [])
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
    resources = _resources(course, week, notebook, student)
    steps = [ClearOutput(), DeduplicateIds(), OverwriteKernelspec(),
             OverwriteCells(add_missing_cells=True), CheckCellMetadata()]
    try:
        for step in steps:
            nb, resources = step.preprocess(nb, resources)
    except Exception as exc:
        raise GradingError(f"the notebook's grading cells could not be restored "
                           f"({type(exc).__name__}: {str(exc)[:300]})") from None
    for cell in nb.cells:  # cells nbgrader added back have no id yet
        cell.setdefault("id", uuid.uuid4().hex[:8])
    return nb


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
            cmd = cgroup.prefix() + sandbox.command(in_path, RUNNER, limits, slot, write_end,
                                                    limits.cell_timeout)
            env, cwd = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}, scratch
        else:
            cmd = [sys.executable, str(RUNNER), str(in_path), "--result-fd", str(write_end),
                   "--timeout", timeout, "--max-output", str(limits.output_mb * sandbox.MiB)]
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
        data = result.get("data")
        try:
            out = nbformat.reads(data.decode("utf-8"), as_version=4) if data else nb
        except Exception:
            out, status = nb, "failed"
            message = "the grader could not read the result of the run"
        run = out.metadata.setdefault("dlgrade", {}).setdefault("run", {
            "status": "failed", "last_cell": -1,
            "message": "the notebook did not run (" + result.get("stderr", "")[-300:] + ")"})
        if result.get("why"):
            status, message = "output_limit", result["why"]
        if oom:
            status = "memory"
            message = f"the notebook used more than the {limits.memory_mb} MiB of memory allowed"
        if status:
            run["status"], run["message"] = status, message
        elif data and run.get("status") == "ok" and proc.returncode not in (0, None):
            run["status"], run["message"] = "failed", "the notebook's run was cut short"
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
                return "the cell ran past its time limit and was interrupted"
            return f"the cell stopped with {ename}: {evalue}"
    last = run.get("last_cell", -1)
    if run.get("status") != "ok" and index > last:
        return f"the notebook stopped before this cell ran: {run.get('message', '')}"
    return None


def judge_notebook(nb: NotebookNode, expected: dict[str, list[dict]]) -> list[str]:
    """Rewrite every test cell's outputs into its verdict; return the failed cells' ids."""
    run = nb.metadata.get("dlgrade", {}).get("run", {})
    failed = []
    for index, cell in enumerate(nb.cells):
        if not is_test(cell):
            continue
        grade_id = nbgrader_meta(cell).get("grade_id")
        received = judging.records_of_outputs(cell.get("outputs", []))
        verdict = judging.judge(expected.get(grade_id, []), received,
                                _stop_reason(cell, index, run))
        if grade_id not in expected:
            verdict = judging.Verdict(False, ["✗ this test cell is not part of the assignment"])
        kept = [o for o in cell.get("outputs", [])
                if o.get("output_type") == "stream" and o.get("name") == "stdout"]
        for out in kept:
            text = "".join(out.get("text", ""))
            out["text"] = text if len(text) <= MAX_OUTPUT_CHARS else (
                text[:MAX_OUTPUT_CHARS] + "\n... (output cut by the grader)\n")
        header = "Hidden tests: passed" if verdict.passed else "Hidden tests: failed"
        report = f"{header}\n{verdict.text()}\n"
        if verdict.passed:
            kept.append(nbformat.v4.new_output("stream", name="stdout", text=report))
        else:
            failed.append(grade_id)
            kept.append(nbformat.v4.new_output("error", ename="TestFailed", evalue=report,
                                               traceback=[report]))
        cell.outputs = kept
    return failed


# ------------------------------------------------------------------------------ save
def _zero_notebook(nb: NotebookNode, message: str) -> NotebookNode:
    """Mark every test cell of ``nb`` failed with ``message`` (for ungradable files)."""
    for cell in nb.cells:
        if is_test(cell):
            cell.outputs = [nbformat.v4.new_output("error", ename="NotGraded", evalue=message,
                                                   traceback=[message])]
    return nb


def save(course: Course, week: str, notebook: str, student: str, nb: NotebookNode) -> Outcome:
    """Write the autograded notebook and store its scores in nbgrader's gradebook."""
    from nbgrader.preprocessors import SaveAutoGrades

    dest = course.autograded_dir(student, week)
    dest.mkdir(parents=True, exist_ok=True)
    stamp = course.submitted_dir(student, week) / "timestamp.txt"
    if stamp.exists():
        shutil.copy(stamp, dest / "timestamp.txt")
    nbformat.write(nb, str(dest / f"{notebook}.ipynb"))
    SaveAutoGrades().preprocess(nb, _resources(course, week, notebook, student))
    outcome = Outcome(student, week, notebook,
                      status=nb.metadata.get("dlgrade", {}).get("run", {}).get("status", "ok"))
    for cell in nb.cells:
        if is_test(cell):
            points = float(nbgrader_meta(cell).get("points", 0))
            outcome.max_score += points
            if not any(o.get("output_type") == "error" for o in cell.outputs):
                outcome.score += points
    return outcome


# ------------------------------------------------------------------------------ the run
def _register(course: Course, week: str, student: str) -> None:
    from nbgrader.utils import parse_utc

    stamp = course.submitted_dir(student, week) / "timestamp.txt"
    timestamp = None
    if stamp.exists():
        try:
            timestamp = parse_utc(stamp.read_text().strip())
        except (ValueError, TypeError):
            timestamp = None
    with course.gradebook() as gb:
        gb.update_or_create_student(student)
        if timestamp:
            gb.update_or_create_submission(week, student, timestamp=timestamp)
        else:
            gb.update_or_create_submission(week, student)


def grade_week(
    course: Course,
    week: str,
    students: list[str] | None = None,
    workers: int = 1,
    limits: Limits = Limits(),
    progress: bool = True,
    unsafe: bool = False,
) -> list[Outcome]:
    """Autograde the collected submissions of ``week`` (all students, or those given).

    Student code runs in the sandbox (see ``sandbox.py``); where no sandbox can be made, this
    refuses to run, unless ``unsafe`` is given explicitly.
    """
    if not unsafe:
        why = sandbox.unavailable_reason()
        if why:
            raise GradingError(f"cannot isolate student code: {why}. To grade without "
                               "isolation anyway (only for code you trust), pass --unsafe.")
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

    jobs: list[tuple[str, str, NotebookNode | None, str]] = []  # student, notebook, nb, error
    for student in students:
        _register(course, week, student)
        for name in notebooks:
            path = course.submitted_dir(student, week) / f"{name}.ipynb"
            # An ungradable file is graded as the untouched release, never the source: the
            # autograded notebook becomes the student's feedback.
            blank = course.release_dir(week) / f"{name}.ipynb"
            if not path.exists():
                jobs.append((student, name, _read(blank),
                             f"no file named {name}.ipynb was submitted"))
                continue
            try:
                jobs.append((student, name, prepare(course, week, name, student, path), ""))
            except GradingError as exc:
                jobs.append((student, name, _read(blank), str(exc)))

    slots: queue.Queue[int] = queue.Queue()
    for slot in range(max(1, workers)):
        slots.put(slot)

    def work(job):
        student, name, nb, error = job
        if error:
            return student, name, _zero_notebook(nb, error)
        slot = slots.get()  # each concurrent run has a sandbox user of its own
        try:
            result = execute(nb, limits, slot, sandboxed=not unsafe)
        finally:
            slots.put(slot)
        judge_notebook(result, expected[name])
        return student, name, result

    outcomes: list[Outcome] = []
    lock = threading.Lock()
    bar = _progress(len(jobs), f"grading {week}", progress)
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        futures = [pool.submit(work, job) for job in jobs]
        for future in as_completed(futures):
            student, name, nb = future.result()
            with lock:  # one writer for the gradebook
                outcomes.append(save(course, week, name, student, nb))
            bar.update(1)
    bar.close()
    return sorted(outcomes, key=lambda o: (o.student, o.notebook))


def _read(path: Path) -> NotebookNode:
    return nbformat.read(str(path), as_version=4)


def _progress(total: int, desc: str, enabled: bool):
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=desc, unit="nb", disable=not enabled, file=sys.stderr)

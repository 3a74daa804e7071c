"""`dlcourse`: the student's command. ``dlcourse check NOTEBOOK.ipynb`` runs a notebook and
says, for each exercise, whether its visible checks pass.

    dlcourse check week01/perceptrons.ipynb [--full] [--timeout S]

The steps, in order: ``read`` the notebook → ``visible_only`` (drop hidden-test regions, which
only an instructor's copy has) → ``run`` every cell in a fresh kernel, in the notebook's folder,
going on after errors → ``results`` (one row per exercise) → the table. The notebook on disk
is not changed.

An *exercise* is a solution cell (nbgrader metadata ``solution: true``; its ``grade_id``
names the exercise) with the test cells that follow it. It passes when its solution cell and
all its test cells ran without error. Like nbgrader's "Validate" and the grader, the run sets
``NBGRADER_EXECUTION``, so long demos shrink (``dlcourse.train.quick_mode``); ``--full``
runs them at full size.

Exit status: 0 every exercise passed, 1 some did not, 2 the notebook could not be read or
run (the message says why).

Introduced in week01.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

__all__ = ["main", "check_notebook", "visible_only", "results", "Result"]

# The hidden-test markers, as patterns: the student bundle refuses files that spell them out.
HIDDEN_MARKER = re.compile(r"###\s*(BEGIN|END)\s+HIDDEN\s+TESTS")
MISSING_TOOLS = ("dlcourse check needs the packages nbclient and nbformat (JupyterLab brings "
                 "them). Install them with:\n    pip install nbclient nbformat")
MESSAGE_CHARS = 200  # of a failure message, in the table


class CheckUsageError(Exception):
    """The notebook cannot be checked (missing, unreadable, no kernel): exit status 2."""


@dataclass
class Result:
    """The outcome of one exercise."""

    exercise: str
    passed: bool | None  # None: the exercise has no check
    message: str = ""


# ------------------------------------------------------------------------------ notebook
def _nbformat():
    # jsonschema (under nbformat) imports this optional IRI checker, which builds a grammar for
    # 2.5 s at import time; nbformat never needs it.
    sys.modules.setdefault("rfc3987_syntax", None)
    try:
        import nbclient  # noqa: F401
        import nbformat
    except ImportError:
        raise CheckUsageError(MISSING_TOOLS) from None
    return nbformat


def _meta(cell) -> dict:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return meta if isinstance(meta, dict) else {}


def _is_solution(cell) -> bool:
    return bool(_meta(cell).get("solution")) and cell.get("cell_type") == "code"


def _is_test(cell) -> bool:
    meta = _meta(cell)
    return bool(meta.get("grade")) and not meta.get("solution") and cell.get("cell_type") == "code"


def read(path: Path):
    """The notebook at ``path``; ``CheckUsageError`` says why when it cannot be read."""
    path = Path(path)
    if not path.exists():
        raise CheckUsageError(f"{path}: no such file")
    if path.is_dir():
        raise CheckUsageError(f"{path} is a folder; give a notebook (.ipynb) file")
    if path.suffix != ".ipynb":
        raise CheckUsageError(f"{path} is not a notebook (.ipynb) file")
    nbformat = _nbformat()
    try:
        return nbformat.read(str(path), as_version=4)
    except Exception as exc:  # JSON errors, wrong schema, unreadable file
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        raise CheckUsageError(f"{path} is not a readable notebook "
                              f"({type(exc).__name__}: {first[:200]})") from None


def visible_only(nb) -> int:
    """Remove hidden-test regions from every code cell of ``nb``; return how many there were.

    A student's notebook has none (the release removed them); an instructor's has them, and
    this command runs only what a student would run."""
    found = 0
    for cell in nb.cells:
        if cell.get("cell_type") != "code" or not HIDDEN_MARKER.search(cell.source):
            continue
        kept, inside = [], False
        for line in cell.source.splitlines():
            marker = HIDDEN_MARKER.search(line)
            if marker and marker.group(1) == "BEGIN":
                inside, found = True, found + 1
            elif marker:
                inside = False
            elif not inside:
                kept.append(line)
        cell.source = "\n".join(kept)
    return found


# ------------------------------------------------------------------------------ run
def run(nb, folder: Path, timeout: int, quick: bool) -> str:
    """Execute every cell of ``nb`` in place (errors do not stop the run); return '' or why
    the run ended early."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    env = dict(os.environ)  # the kernel's; this process's own stays as it is
    if quick:
        env.setdefault("NBGRADER_EXECUTION", "validate")

    def timeout_of(cell) -> int:  # a cell may ask for more time, as under the grader
        meta = cell.get("metadata", {}).get("dlgrade", {})
        value = meta.get("timeout") if isinstance(meta, dict) else None
        return int(value) if isinstance(value, (int, float)) and value > 0 else timeout

    kernel = nb.metadata.get("kernelspec", {}).get("name") or "python3"
    client = NotebookClient(nb, timeout_func=timeout_of, allow_errors=True,
                            interrupt_on_timeout=True, kernel_name=kernel,
                            resources={"metadata": {"path": str(folder)}})
    try:  # the kernel's own log lines (stderr) would only clutter the table
        client.execute(env=env, stderr=subprocess.DEVNULL)
    except DeadKernelError:
        return "the kernel died (did the notebook use too much memory, or call exit()?)"
    except CellTimeoutError as exc:
        return f"a cell ran too long ({str(exc).splitlines()[0][:150]})"
    except Exception as exc:  # no such kernel, the kernel did not start...
        text = str(exc).strip().splitlines()
        raise CheckUsageError(f"the notebook could not be run: {type(exc).__name__}: "
                              f"{text[0][:300] if text else ''}") from None
    return ""


def _error(cell) -> str | None:
    """The first error a cell's outputs hold, as ``"ename: evalue"`` (first line)."""
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            ename = out.get("ename", "Error")
            if ename == "NotImplementedError":
                return "not implemented yet"
            if ename == "KeyboardInterrupt":
                return "the cell ran past its time limit and was interrupted"
            evalue = str(out.get("evalue", "")).strip().splitlines()
            text = f"{ename}: {evalue[0]}" if evalue else ename
            return text if len(text) <= MESSAGE_CHARS else text[: MESSAGE_CHARS - 1] + "…"
    return None


def _ran(cell) -> bool:
    return cell.get("execution_count") is not None or bool(cell.get("outputs"))


def results(nb, stopped: str = "") -> tuple[list[Result], int]:
    """One `Result` per exercise of an executed notebook, and how many other code cells
    (demos, set-up) ended with an error."""
    rows: list[Result] = []
    cells: list[list] = []  # each exercise's cells: its solution cell, then its test cells
    others = 0
    for cell in nb.cells:
        if _is_solution(cell):
            rows.append(Result(_meta(cell).get("grade_id") or f"exercise {len(rows) + 1}", None))
            cells.append([cell])
        elif _is_test(cell) and cells:
            cells[-1].append(cell)
        elif cell.get("cell_type") == "code" and _error(cell):
            others += 1
    for row, (solution, *tests) in zip(rows, cells):
        if not tests:
            row.message = "no visible check"
            continue
        for cell in (solution, *tests):
            why = _error(cell)
            if why is None and not _ran(cell) and cell.source.strip():
                why = f"did not run: {stopped}" if stopped else "did not run"
            if why:
                row.passed, row.message = False, why
                break
        else:
            row.passed = True
    return rows, others


def table(rows: list[Result]) -> str:
    """The results as a plain-text table."""
    width = max([len("exercise")] + [len(r.exercise) for r in rows])
    lines = [f"{'exercise':<{width}}  {'result':<7}  message", f"{'-' * width}  -------  -------"]
    for r in rows:
        result = {True: "passed", False: "FAILED", None: "-"}[r.passed]
        lines.append(f"{r.exercise:<{width}}  {result:<7}  {r.message}".rstrip())
    return "\n".join(lines)


def check_notebook(path: Path, timeout: int = 300, quick: bool = True, out=None) -> int:
    """Run the notebook at ``path``, print its exercises' results; return the exit status."""
    out = out or sys.stdout
    path = Path(path)
    nb = read(path)
    hidden = visible_only(nb)
    print(f"running {path.name} ({len(nb.cells)} cells"
          f"{', hidden tests skipped' if hidden else ''})...", file=out, flush=True)
    stopped = run(nb, path.resolve().parent, timeout, quick)
    rows, others = results(nb, stopped)
    if not rows:
        print(f"{path.name} has no exercise (no cell with nbgrader solution metadata).",
              file=out)
        return 1 if stopped else 0
    print(table(rows), file=out)
    passed = sum(r.passed is True for r in rows)
    failed = sum(r.passed is False for r in rows)
    print(f"\n{passed} of {passed + failed} exercises pass their visible checks.", file=out)
    if stopped:
        print(f"The run stopped early: {stopped}", file=out)
    if others:
        print(f"{others} other cell(s) ended with an error (demos that use an unfinished "
              "exercise stop this way).", file=out)
    if failed == 0 and not stopped:
        print("Hidden tests grade more cases once you hand the notebook in.", file=out)
    return 0 if failed == 0 and not stopped else 1


# ------------------------------------------------------------------------------ command
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dlcourse", description="The course's student tools.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    p = sub.add_parser(
        "check", help="run a notebook and list its exercises' visible checks",
        description="Run a notebook of the course (a copy: the file is not changed) and say, "
                    "for each exercise, whether its visible checks pass. Demos shrink as they "
                    "do under the grader unless --full is given. Exit status: 0 when every "
                    "exercise passes, 1 when some do not, 2 when the notebook could not be read "
                    "or run.")
    p.add_argument("notebook", type=Path, help="the notebook (.ipynb) to check")
    p.add_argument("--timeout", type=int, default=300,
                   help="time limit per cell in seconds (default: 300)")
    p.add_argument("--full", action="store_true",
                   help="run demos at full size (by default they shrink, as under the grader)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return check_notebook(args.notebook, timeout=args.timeout, quick=not args.full)
    except CheckUsageError as exc:
        print(f"dlcourse: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("dlcourse: interrupted", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

"""Student versions of a week (nbgrader's generate_assignment), checked for leaks.

nbgrader removes the solution and hidden-test regions; `find_leaks` then checks the result
independently: no region marker, no hidden-test recorder call, and no line of a solution or a
hidden test may remain in a released notebook (lines that also appear elsewhere in the source,
outside those regions, are allowed: they are not secrets).

The release must run top to bottom with every exercise unsolved ("Run All" in JupyterLab):
`tag_expected_errors` gives the cells that stop while an exercise is unsolved (solution and
test cells, demos guarded by ``check.needs``) the ``raises-exception`` tag, which JupyterLab
and nbclient honour by going on with the next cell.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from autograder.course import Course, GradingError

__all__ = ["release_week", "find_leaks", "secret_lines", "tag_expected_errors",
           "RAISES_TAG", "NEEDS_CALL"]

#: The cell tag with which Jupyter goes on running the next cells after an error.
RAISES_TAG = "raises-exception"
#: How a demo cell says which exercises it needs (``dlcourse.check.needs``).
NEEDS_CALL = "check.needs("

MARKERS = ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS",
           "check.probe(", "check.record(")
MIN_SECRET_LEN = 12  # shorter lines ("return x", "pass") say nothing about a solution


def _regions(source: str) -> tuple[list[str], list[str]]:
    """(lines inside solution or hidden regions, lines outside) of one cell."""
    inside, outside, depth = [], [], 0
    for line in source.splitlines():
        if "### BEGIN SOLUTION" in line or "### BEGIN HIDDEN TESTS" in line:
            depth += 1
        elif "### END SOLUTION" in line or "### END HIDDEN TESTS" in line:
            depth = max(0, depth - 1)
        else:
            (inside if depth else outside).append(line.strip())
    return inside, outside


def secret_lines(source_nb) -> set[str]:
    """Lines of a source notebook that only its solution and hidden regions contain."""
    inside, outside = set(), set()
    for cell in source_nb.cells:
        i, o = _regions(cell.source)
        inside.update(i)
        outside.update(o)
    return {line for line in inside - outside
            if len(line) >= MIN_SECRET_LEN and not line.startswith("#")}


def find_leaks(source_nb, released_nb, name: str) -> list[str]:
    """Everything secret that a released notebook still contains."""
    secrets = secret_lines(source_nb)
    leaks = []
    for index, cell in enumerate(released_nb.cells):
        for marker in MARKERS:
            if marker in cell.source:
                leaks.append(f"{name} cell {index}: contains {marker!r}")
        for line in cell.source.splitlines():
            if line.strip() in secrets:
                leaks.append(f"{name} cell {index}: contains the secret line {line.strip()!r}")
    return leaks


def tag_expected_errors(nb) -> int:
    """Tag the cells that raise while exercises are unsolved; return how many were tagged."""
    from autograder.notebooks import is_solution, is_test

    tagged = 0
    for cell in nb.cells:
        if cell.cell_type == "code" and (is_solution(cell) or is_test(cell)
                                         or NEEDS_CALL in cell.source):
            tags = cell.metadata.setdefault("tags", [])
            if RAISES_TAG not in tags:
                tags.append(RAISES_TAG)
                tagged += 1
    return tagged


def unsolved_run_problems(path: Path, timeout: int = 300) -> list[str]:
    """Run a released notebook top to bottom, unsolved, as "Run All" does (in quick mode);
    return every cell that failed for another reason than an unsolved exercise.

    Allowed: solution and test cells stopping with ``NotImplementedError`` (the exercise's own
    cells) and cells that call ``check.needs`` stopping with ``ExerciseNotDone`` (a demo that
    names the exercise to finish first). Anything else (a ``NameError`` far from its cause, a
    demo that dies inside an unsolved exercise) is a problem for the week's author.
    """
    import os

    from nbclient import NotebookClient

    from autograder.notebooks import is_solution, is_test

    nb = nbformat.read(str(path), as_version=4)
    before = os.environ.get("NBGRADER_EXECUTION")
    os.environ["NBGRADER_EXECUTION"] = "validate"  # demos shrink (dlcourse.train.quick_mode)
    try:
        NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=True,
                       resources={"metadata": {"path": str(path.parent)}}).execute()
    finally:
        if before is None:
            os.environ.pop("NBGRADER_EXECUTION", None)
        else:
            os.environ["NBGRADER_EXECUTION"] = before
    problems = []
    for index, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") != "error":
                continue
            ename = out.get("ename", "")
            own = (is_solution(cell) or is_test(cell)) and ename == "NotImplementedError"
            guarded = NEEDS_CALL in cell.source and ename == "ExerciseNotDone"
            if not (own or guarded):
                first = cell.source.strip().splitlines()[0][:70] if cell.source.strip() else ""
                problems.append(
                    f"{path.name} cell {index} ({first!r}) stops with {ename}: "
                    f"{str(out.get('evalue', ''))[:200]} when every exercise is unsolved; a "
                    f"demo that uses an exercise starts with check.needs(\"name\", ...)")
    return problems


def release_week(course: Course, week: str) -> list[Path]:
    """Generate the student version of ``week``; raise ``GradingError`` on failure or leak."""
    result = course.api().generate_assignment(week, force=True, create=True)
    if not result.get("success"):
        raise GradingError(f"nbgrader could not release {week}:\n{result.get('log', '')}\n"
                           f"{result.get('error') or result.get('log', '')}")
    released = sorted(course.release_dir(week).glob("*.ipynb"))
    leaks = []
    for path in released:
        source = nbformat.read(str(course.source_dir(week) / path.name), as_version=4)
        nb = nbformat.read(str(path), as_version=4)
        if tag_expected_errors(nb):
            nbformat.write(nb, str(path))
        leaks += find_leaks(source, nb, path.name)
    if leaks:
        for path in released:
            path.unlink()  # never leave a leaking release where it could be handed out
        raise GradingError(f"the release of {week} leaks solutions or hidden tests; it was "
                           "deleted:\n  " + "\n  ".join(leaks[:20]))
    return released

"""Student versions of a week (nbgrader's generate_assignment), checked for leaks.

nbgrader removes the solution and hidden-test regions; `find_leaks` then checks the result
independently: no region marker, no hidden-test recorder call, and no line of a solution or a
hidden test may remain in a released notebook (lines that also appear elsewhere in the source,
outside those regions, are allowed: they are not secrets).
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from autograder.course import Course, GradingError

__all__ = ["release_week", "find_leaks", "secret_lines"]

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
        leaks += find_leaks(source, nbformat.read(str(path), as_version=4), path.name)
    if leaks:
        for path in released:
            path.unlink()  # never leave a leaking release where it could be handed out
        raise GradingError(f"the release of {week} leaks solutions or hidden tests; it was "
                           "deleted:\n  " + "\n  ".join(leaks[:20]))
    return released

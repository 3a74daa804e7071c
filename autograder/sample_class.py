"""The demo's sample class, generated from the reference solutions (never written by hand).

For each week, one submission per kind of student, made from the week's release (what the
student got) and source (the solutions) notebooks:

=================  ==========================================================================
``perfect``        every solution filled in
``empty``          the release, untouched
``first_half``     the first half of the exercises solved
``every_other``    every other exercise solved
``syntax_error``   all solved, but one solution cell does not parse
``wrong_shapes``   all solved, but every function returns its array with an extra axis
``kernel_dies``    all solved, but the kernel exits in the middle of the notebook
``common_mistakes`` each exercise written as one of its catalogued mistakes
``corrupted``      a file that is not valid notebook JSON
=================  ==========================================================================

Eight of the nine need a kernel, a few seconds of CPU each. For nine weeks that would take the
demo past its five minutes on two cores, so `dlgrade demo` gives every week ``perfect``,
``empty`` and ``corrupted`` (with the first two, the demo's class run also validates the week:
full marks for the references, zero for the release) and one of the other kinds in turn
(`kinds_for_week`): over six weeks or more every kind is graded. The benchmark and the tests
may ask for the whole class of a week. The files are written as a learning platform exports
them, ``STUDENT_NOTEBOOK.ipynb``, so the demo imports them with ``dlgrade collect``.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from pathlib import Path

import nbformat

from autograder.course import Course
from autograder.notebooks import cell_names, is_solution, nbgrader_meta, strip_solution_markers

__all__ = ["KINDS", "EVERY_WEEK", "ROTATING", "kinds_for_week", "write_sample_class"]

WRAP = '''

def _sample_wrap(fn):
    def wrapped(*args, **kwargs):
        out = fn(*args, **kwargs)
        {body}
    return wrapped
'''
SHAPE_BODY = ("return np.asarray(out)[None] if hasattr(out, 'shape') and "
              "not hasattr(out, 'detach') else out")


def _functions(source: str) -> list[str]:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    return [n.name for n in tree.body if isinstance(n, ast.FunctionDef)]


def _wrapped(source: str, body: str) -> str:
    names = _functions(source)
    if not names:
        return source
    return source + WRAP.format(body=body) + "".join(f"{n} = _sample_wrap({n})\n" for n in names)


def _fill(release, source, choose: Callable[[int, int, str], str | None]):
    """The release with its solution cells replaced by ``choose(k, n, solution)`` when that
    is not None (k: the exercise's position, n: the number of exercises)."""
    solutions = {nbgrader_meta(c)["grade_id"]: strip_solution_markers(c.source)
                 for c in source.cells if is_solution(c)}
    nb = nbformat.from_dict(release)
    cells = [c for c in nb.cells if is_solution(c)]
    for k, cell in enumerate(cells):
        text = choose(k, len(cells), solutions.get(nbgrader_meta(cell)["grade_id"], ""))
        if text is not None:
            cell.source = text
    return nb


def mistake_source(exercise: str, impl, known: set[str]) -> str | None:
    """A catalogued mistake as a student would have written it: the variant's own source,
    renamed to the exercise; None when it is not a plain function that reads only ``known``
    names (the set-up cell's imports and builtins)."""
    import builtins
    import inspect
    import textwrap

    if not inspect.isfunction(impl) or impl.__name__ == "<lambda>":
        return None  # a lambda's source is the catalogue's line around it
    try:
        text = textwrap.dedent(inspect.getsource(impl))
    except (OSError, TypeError):
        return None
    names = cell_names(text)
    if names is None or names[1] - known - set(dir(builtins)):
        return None
    return re.sub(rf"^def {re.escape(impl.__name__)}\(", f"def {exercise}(", text, count=1,
                  flags=re.MULTILINE)


def _mistaken(release, source, week: str, notebook: str):
    """Every exercise written as its first catalogued mistake that a student could have
    written (the reference where there is none): the demo's feedback then names mistakes."""
    from autograder.diagnose import catalogue

    module = catalogue(week, notebook)
    setup = next((c.source for c in source.cells if c.cell_type == "code"), "")
    known = (cell_names(setup) or (set(), set()))[0]  # the set-up cell's imports
    wrong = getattr(module, "WRONG", {}) if module else {}

    solutions = {nbgrader_meta(c)["grade_id"]: strip_solution_markers(c.source)
                 for c in source.cells if is_solution(c)}
    nb = nbformat.from_dict(release)
    for cell in nb.cells:
        if is_solution(cell):
            name = nbgrader_meta(cell)["grade_id"]
            texts = (mistake_source(name, entry[1], known) for entry in wrong.get(name, []))
            cell.source = next((t for t in texts if t), solutions.get(name, ""))
    return nb


KINDS: dict[str, Callable[[int, int, str], str | None] | None] = {
    "perfect": lambda k, n, s: s,
    "empty": lambda k, n, s: None,
    "first_half": lambda k, n, s: s if k < n // 2 else None,
    "every_other": lambda k, n, s: s if k % 2 == 0 else None,
    "syntax_error": lambda k, n, s: s + "\n\ndef oops(:\n    pass\n" if k == 1 else s,
    "wrong_shapes": lambda k, n, s: _wrapped(s, SHAPE_BODY),
    "kernel_dies": lambda k, n, s: s + "\n\nimport os\nos._exit(1)\n" if k == n // 2 else s,
    "common_mistakes": None,  # each exercise as a catalogued mistake (`_mistaken`)
}


#: Kinds in the demo's class of every week (``corrupted`` is always written too).
EVERY_WEEK = ("perfect", "empty")
#: The other kinds, one per week in turn.
ROTATING = tuple(k for k in KINDS if k not in EVERY_WEEK)


def kinds_for_week(position: int) -> list[str]:
    """The kinds of the demo's class for the week at ``position`` (0, 1, ...) of the course."""
    return [*EVERY_WEEK, ROTATING[position % len(ROTATING)]]


def write_sample_class(course: Course, week: str, out_dir: Path,
                       kinds: list[str] | None = None) -> list[Path]:
    """Write the sample class of ``week`` into ``out_dir`` (every kind, or only ``kinds``;
    ``corrupted`` always); return the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for release_path in sorted(course.release_dir(week).glob("*.ipynb")):
        release = nbformat.read(str(release_path), as_version=4)
        source = nbformat.read(str(course.source_dir(week) / release_path.name), as_version=4)
        for student, choose in KINDS.items():
            if kinds is not None and student not in kinds:
                continue
            nb = (_mistaken(release, source, week, release_path.stem) if choose is None
                  else _fill(release, source, choose))
            path = out_dir / f"{student}_{release_path.name}"
            nbformat.write(nb, str(path))
            written.append(path)
        broken = out_dir / f"corrupted_{release_path.name}"
        broken.write_text('{"cells": [ this is not json', encoding="utf-8")
        written.append(broken)
    return written

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
``own_way``        each exercise written as another correct solution of the catalogue
``copycat``        ``own_way``'s cells copied and disguised (`disguise`): local variables
                   renamed, comments changed, functions reordered, one line added
=================  ==========================================================================

``own_way`` and ``copycat`` are the copying pair of the similarity report
(`autograder.similarity`); the demo grades them in its first week only (`COPYING`).

All but ``corrupted`` need a kernel, a few seconds of CPU each. For nine weeks that would take
the demo past its five minutes on two cores, so `dlgrade demo` gives every week ``perfect``,
``empty`` and ``corrupted`` (with the first two, the demo's class run also validates the week:
full marks for the references, zero for the release) and one of the other kinds in turn
(`kinds_for_week`), plus the copying pair in the first week: over six weeks or more every kind
is graded. The benchmark and the tests
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

__all__ = ["KINDS", "EVERY_WEEK", "ROTATING", "COPYING", "kinds_for_week", "write_sample_class",
           "disguise", "right_sources"]

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


def right_sources(week: str, notebook: str, source, which: int = 0) -> dict[str, str]:
    """``{grade_id: code}``: each exercise written as its ``which``-th other correct solution
    of the catalogue (``RIGHT``), as a student would write it; exercises without one that a
    student could have written are left out."""
    from autograder.diagnose import catalogue

    module = catalogue(week, notebook)
    right = getattr(module, "RIGHT", {}) if module else {}
    setup = next((c.source for c in source.cells if c.cell_type == "code"), "")
    known = (cell_names(setup) or (set(), set()))[0]
    known |= {nbgrader_meta(c)["grade_id"] for c in source.cells if is_solution(c)}
    known |= {n for c in source.cells if is_solution(c)
              for n in (cell_names(strip_solution_markers(c.source)) or (set(), set()))[0]}
    out = {}
    for name, entries in right.items():
        if len(entries) > which:
            text = mistake_source(name, entries[which][1], known)
            if text:
                out[name] = text
    return out


def disguise(code: str, seed: int = 0, rename_parameters: bool = False) -> str:
    """What a student does to a classmate's cell to hide a copy: local variables renamed (and,
    with ``rename_parameters``, parameters), comments reworded, top-level functions in the
    reverse order, one line added to the first function. The code still runs alike."""
    import io
    import tokenize

    try:
        tree = ast.parse(code)
    except SyntaxError:
        return code
    lines = code.splitlines()
    # 1. rename: local variables (and parameters), at the positions ast gives
    renames, spots = {}, []
    for fn in (n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.Lambda))):
        params = {a.arg for a in ast.walk(fn.args) if isinstance(a, ast.arg)}
        local = {n.id for n in ast.walk(fn) if isinstance(n, ast.Name)
                 and isinstance(n.ctx, ast.Store)} - params
        chosen = local | (params if rename_parameters else set())
        renames.update({name: f"{name}_{seed}x" for name in chosen})
        spots += [(n.lineno, n.col_offset, n.id) for n in ast.walk(fn)
                  if isinstance(n, ast.Name) and n.id in chosen]
        spots += [(a.lineno, a.col_offset, a.arg) for a in ast.walk(fn.args)
                  if isinstance(a, ast.arg) and a.arg in chosen]
    # 2. comments reworded (tokenize finds them; a "#" in a string is no comment)
    for tok in tokenize.generate_tokens(io.StringIO(code).readline):
        if tok.type == tokenize.COMMENT:
            spots.append((tok.start[0], tok.start[1], tok.string))
    for row, col, old in sorted(set(spots), reverse=True):
        new = renames.get(old, "# my own note" if old.startswith("#") else old)
        line = lines[row - 1]
        lines[row - 1] = line[:col] + new + line[col + len(old):]
    # 3. one line added at the top of the first function's body (after its docstring)
    first = next((n for n in tree.body if isinstance(n, ast.FunctionDef)), None)
    if first is not None:
        body = first.body
        doc = isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None),
                                                           ast.Constant)
        at = body[0].end_lineno if doc and len(body) > 1 else body[0].lineno - 1
        lines.insert(at, " " * body[-1].col_offset + f"n_steps_{seed} = 0")
        tree = ast.parse("\n".join(lines))  # positions after the insertion
    # 4. top-level statements: functions in the reverse order, the rest where it was
    chunks, starts = [], [min([n.lineno, *(d.lineno for d in getattr(n, "decorator_list", []))])
                          for n in tree.body]
    for i, start in enumerate(starts):
        end = starts[i + 1] - 1 if i + 1 < len(starts) else len(lines)
        chunks.append((isinstance(tree.body[i], ast.FunctionDef),
                       lines[(start - 1 if i else 0):end]))
    functions = [c for is_fn, c in chunks if is_fn][::-1]
    ordered = [functions.pop(0) if is_fn else c for is_fn, c in chunks]
    return "\n".join(line for chunk in ordered for line in chunk)


def _copying(release, source, week: str, notebook: str, copy: bool):
    """``own_way``: every exercise as another correct solution of the catalogue (the
    reference where there is none); ``copycat``: the same cells, disguised."""
    solutions = {nbgrader_meta(c)["grade_id"]: strip_solution_markers(c.source)
                 for c in source.cells if is_solution(c)}
    solutions.update(right_sources(week, notebook, source))
    nb = nbformat.from_dict(release)
    for k, cell in enumerate(c for c in nb.cells if is_solution(c)):
        text = solutions.get(nbgrader_meta(cell)["grade_id"], "")
        cell.source = disguise(text, seed=k) if copy else text
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
    "own_way": None,  # each exercise as another correct solution (`_copying`)
    "copycat": None,  # own_way's cells, disguised (`_copying`)
}


#: Kinds in the demo's class of every week (``corrupted`` is always written too).
EVERY_WEEK = ("perfect", "empty")
#: The copying pair of the similarity report: in the demo's first week only.
COPYING = ("own_way", "copycat")
#: The other kinds, one per week in turn.
ROTATING = tuple(k for k in KINDS if k not in EVERY_WEEK + COPYING)


def kinds_for_week(position: int) -> list[str]:
    """The kinds of the demo's class for the week at ``position`` (0, 1, ...) of the course."""
    return [*EVERY_WEEK, ROTATING[position % len(ROTATING)], *(COPYING if position == 0 else ())]


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
            if student in COPYING:
                nb = _copying(release, source, week, release_path.stem, student == "copycat")
            else:
                nb = (_mistaken(release, source, week, release_path.stem) if choose is None
                      else _fill(release, source, choose))
            path = out_dir / f"{student}_{release_path.name}"
            nbformat.write(nb, str(path))
            written.append(path)
        broken = out_dir / f"corrupted_{release_path.name}"
        broken.write_text('{"cells": [ this is not json', encoding="utf-8")
        written.append(broken)
    return written

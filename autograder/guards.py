"""Demo guards: which exercises each demo cell of a notebook needs, computed from its code.

A code cell that is not an exercise's and uses an exercise, directly or through a variable
that a cell using it made, starts with ``check.needs("fn", ...)`` (``dlcourse.check.needs``):
while one of them is unsolved, the cell stops with one line naming the exercise to finish
first, instead of a ``NameError`` or a crash far from its cause (docs/AUTHORING.md, rule 4).

`needed_exercises` follows names through the notebook, top to bottom:

* an exercise's solution cell makes its names (the functions and classes the release replaces
  with a stub) depend on that exercise, and on whatever the cell reads;
* any other code cell depends on what the names it reads depend on; the names it binds then
  depend on the same. A name bound for certain (at the top level of the cell, or in a ``with``
  block there) takes the new cell's dependencies; a name perhaps bound or changed (in an
  ``if``, a loop, ``x += ...``, ``x[i] = ...``) adds them to what it had;
* test cells bind only ``_`` names of their own and are left out.

`dlgrade tag-demos` writes the guards (`set_guard`), `--check` and the test suite fail when one
is stale, and `dlgrade release` tags the guarded cells ``raises-exception`` so that "Run All"
goes on past them.
"""

from __future__ import annotations

import ast

from autograder.notebooks import cell_names, is_solution, is_test, nbgrader_meta

__all__ = ["GUARD", "stub_names", "needed_exercises", "guard_of", "set_guard",
           "guard_problems"]

#: How a guard starts (``dlcourse.check.needs``).
GUARD = "check.needs("
SOLUTION_MARK = "### BEGIN SOLUTION"
LINE = 99  # a guard longer than this is wrapped


def _parse(source: str) -> ast.Module | None:
    code = "\n".join("" if line.lstrip().startswith(("%", "!")) else line
                     for line in source.splitlines())
    try:
        return ast.parse(code)
    except SyntaxError:
        return None


def stub_names(source: str) -> list[str]:
    """The functions and classes of a solution cell whose body holds a solution region (the
    release makes them raise ``NotImplementedError``), in order; when the region is at the
    top level, every name the cell defines (the released cell raises before defining them)."""
    tree = _parse(source)
    if tree is None:
        return []
    lines = source.splitlines()
    found = [node.name for node in tree.body
             if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
             and any(SOLUTION_MARK in line for line in lines[node.lineno - 1:node.end_lineno])]
    if found:
        return found
    names = cell_names(source)
    return sorted(names[0]) if names else []


def _bindings(tree: ast.Module) -> tuple[set[str], set[str]]:
    """(names the cell binds for certain, names it may bind or change)."""
    certain: set[str] = set()
    maybe: set[str] = set()

    def targets(node) -> set[str]:
        return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}

    def top(statements) -> None:
        for stmt in statements:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                certain.add(stmt.name)
            elif isinstance(stmt, ast.Assign):
                for target in stmt.targets:
                    (certain if isinstance(target, (ast.Name, ast.Tuple, ast.List))
                     else maybe).update(targets(target))
            elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
                certain.update(targets(stmt.target))
            elif isinstance(stmt, (ast.Import, ast.ImportFrom)):
                certain.update((a.asname or a.name).split(".")[0] for a in stmt.names)
            elif isinstance(stmt, (ast.With, ast.AsyncWith)):
                for item in stmt.items:
                    if item.optional_vars is not None:
                        certain.update(targets(item.optional_vars))
                top(stmt.body)
            else:  # if, for, while, try, x += ...: anything bound there only perhaps
                for node in ast.walk(stmt):
                    if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
                        maybe.add(node.id)
                    elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef,
                                           ast.ClassDef)):
                        maybe.add(node.name)
        # x[i] = ..., x.a = ... change x without binding it (a function's body runs later)
        todo = list(statements)
        while todo:
            node = todo.pop()
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef,
                                 ast.Lambda)):
                continue
            if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
                for target in (node.targets if isinstance(node, ast.Assign)
                               else [node.target]):
                    while isinstance(target, (ast.Subscript, ast.Attribute)):
                        target = target.value
                    if isinstance(target, ast.Name) and target is not getattr(node, "target",
                                                                              None):
                        maybe.add(target.id)
            todo.extend(ast.iter_child_nodes(node))

    top(tree.body)
    return certain, maybe - certain


def _is_guard(stmt: ast.stmt) -> bool:
    call = stmt.value if isinstance(stmt, ast.Expr) else None
    return isinstance(call, ast.Call) and ast.unparse(call.func) == "check.needs"


def guard_of(source: str) -> tuple[list[str], int, int] | None:
    """``(names, first line, last line)`` (1-based) of the cell's guard (its first top-level
    ``check.needs`` call), or None."""
    tree = _parse(source)
    for stmt in tree.body if tree else []:
        if _is_guard(stmt):
            names = [a.value for a in stmt.value.args if isinstance(a, ast.Constant)]
            return names, stmt.lineno, stmt.end_lineno
    return None


def _parts(source: str) -> list[str]:
    """The cell as it runs: the lines before its guard (they run even when the guard stops
    the cell: set-up that later cells read and that needs no exercise), then the rest."""
    found = guard_of(source)
    if not found or found[1] == 1:
        return [source]
    lines = source.splitlines()
    return ["\n".join(lines[:found[1] - 1]), "\n".join(lines[found[1] - 1:])]


def _needs_by_part(nb) -> list[tuple[int, int, list[str]]]:
    """``(cell index, part, stub names it needs)`` for each part (see `_parts`) of each code
    cell that is neither a solution nor a test cell; the names in notebook order."""
    depends: dict[str, set[str]] = {}  # name -> stub names it depends on
    order: dict[str, int] = {}  # stub name -> position in the notebook
    found = []
    for index, cell in enumerate(nb.cells):
        if cell.get("cell_type") != "code" or is_test(cell):
            continue
        parts = [cell.source] if is_solution(cell) else _parts(cell.source)
        for number, part in enumerate(parts):
            tree = _parse(part)
            names = cell_names(part)
            if tree is None or names is None:
                continue
            defined, used = names
            deps = set().union(*(depends.get(name, set()) for name in used))
            if is_solution(cell):
                stubs = stub_names(part) or [nbgrader_meta(cell).get("grade_id", "?")]
                for stub in stubs:
                    order.setdefault(stub, len(order))
                deps |= {stubs[0]}
            else:
                found.append((index, number, sorted(deps, key=order.__getitem__)))
            certain, maybe = _bindings(tree)
            for name in certain | (defined - maybe):
                depends[name] = set(deps)
            for name in maybe:
                depends[name] = depends.get(name, set()) | deps
    return found


def needed_exercises(nb) -> dict[int, list[str]]:
    """``{cell index: the exercises' names its guard must list}`` for every code cell that is
    neither a solution nor a test cell and needs one, directly or through the names it reads;
    the names are those ``check.needs`` takes (an exercise's stub functions and classes), in
    notebook order, the earliest exercise first. A cell that does not parse needs nothing
    known. Lines before a cell's guard must need nothing (`guard_problems`)."""
    needed: dict[int, list[str]] = {}
    for index, _, names in _needs_by_part(nb):
        if names:
            needed[index] = names  # the last part: the guard and what follows it
    return needed


def _guard_lines(names: list[str]) -> list[str]:
    """``check.needs("a", "b", ...)``, wrapped past `LINE` characters."""
    quoted = [f'"{n}"' for n in names]
    lines, line = [], GUARD
    for i, item in enumerate(quoted):
        piece = item + (", " if i < len(quoted) - 1 else ")")
        if len(line) + len(piece.rstrip()) > LINE and line != GUARD:
            lines.append(line.rstrip())
            line = " " * len(GUARD)
        line += piece
    return lines + [line]


def set_guard(source: str, names: list[str]) -> str:
    """The cell's source with its guard naming ``names``: replaced where it is, added as the
    first line, or removed when ``names`` is empty."""
    lines = source.splitlines()
    found = guard_of(source)
    if found:
        _, start, end = found
        del lines[start - 1:end]
    else:
        start = 1
    if names:
        lines[start - 1:start - 1] = _guard_lines(names)
    return "\n".join(lines)


def guard_problems(nb, name: str = "notebook") -> list[str]:
    """Each code cell whose guard is not what `needed_exercises` computes (missing, a name
    missing or extra), or whose lines before the guard need an exercise."""
    needed = needed_exercises(nb)
    problems = []
    for index, part, names in _needs_by_part(nb):
        if part == 0 and names and len(_parts(nb.cells[index].source)) > 1:
            problems.append(f"{name} cell {index}: the lines before its check.needs(...) use "
                            f"{', '.join(names)}: move them after it")
    for index, cell in enumerate(nb.cells):
        if cell.get("cell_type") != "code" or is_solution(cell) or is_test(cell):
            continue
        want = needed.get(index, [])
        found = guard_of(cell.source)
        have = found[0] if found else []
        if have != want:
            problems.append(
                f"{name} cell {index}: the guard should be "
                + (f"check.needs({', '.join(repr(n) for n in want)})" if want
                   else "absent (the cell uses no exercise)")
                + (f", not check.needs({', '.join(repr(n) for n in have)})" if found else "")
                + " (dlgrade tag-demos writes it)")
    return problems

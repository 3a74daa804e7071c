"""Reading the course's notebooks: weeks, exercises, solution and hidden-test regions.

An *exercise* is a solution cell (nbgrader ``solution: true``) together with the test cells
(nbgrader ``grade: true``, not solution) that follow it up to the next solution cell. See
``docs/AUTHORING.md``.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

__all__ = ["REPO", "Exercise", "week_dirs", "week_notebooks", "exercises",
           "strip_solution_markers", "is_solution", "is_test", "is_demo", "nbgrader_meta",
           "top_level_definitions", "resolve_weeks", "demo_cells", "cell_names", "DEMO_TAG"]

#: Tag of the code cells that only show (plots, long training): the grader does not run them.
DEMO_TAG = "demo"

#: The repository root (the parent of the ``autograder`` package).
REPO = Path(__file__).resolve().parent.parent
WEEK_RE = re.compile(r"^week\d{2}$")


@dataclass
class Exercise:
    """One graded exercise of a notebook."""

    week: str
    notebook: str  # notebook name without .ipynb
    name: str  # the solution cell's grade_id
    solution_cell: int  # index in the notebook
    test_cells: list[int] = field(default_factory=list)
    test_ids: list[str] = field(default_factory=list)
    points: float = 0.0


def nbgrader_meta(cell) -> dict:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return meta if isinstance(meta, dict) else {}


def is_solution(cell) -> bool:
    return bool(nbgrader_meta(cell).get("solution"))


def is_test(cell) -> bool:
    meta = nbgrader_meta(cell)
    return bool(meta.get("grade")) and not meta.get("solution") and cell.get("cell_type") == "code"


def week_dirs(root: Path = REPO) -> list[Path]:
    """Week folders that hold at least one notebook, in order."""
    return sorted(p for p in root.iterdir()
                  if p.is_dir() and WEEK_RE.match(p.name) and any(p.glob("*.ipynb")))


def resolve_weeks(names: list[str], root: Path = REPO, extra: list[str] = ()) -> list[str]:
    """Expand ``all`` and ``1``/``week1`` spellings into week folder names; reject unknown ones.

    ``extra`` names the other assignments a course holds (an instructor's own nbgrader
    assignments in its ``source/``), which are accepted by name too.
    """
    present = [p.name for p in week_dirs(root)]
    present += [name for name in extra if name not in present]
    out: list[str] = []
    for name in names:
        if name == "all":
            out.extend(w for w in present if w not in out)
            continue
        digits = re.sub(r"^week", "", name)
        week = f"week{int(digits):02d}" if digits.isdigit() and name not in present else name
        if week not in present:
            raise SystemExit(f"error: no week or assignment called {name!r}; those with "
                             f"notebooks: {', '.join(present) or 'none'}")
        if week not in out:
            out.append(week)
    return out


def week_notebooks(week: str, root: Path = REPO) -> list[Path]:
    return sorted((root / week).glob("*.ipynb"))


def exercises(nb, week: str, notebook: str) -> list[Exercise]:
    """The exercises of a notebook, in order."""
    found: list[Exercise] = []
    for i, cell in enumerate(nb.cells):
        meta = nbgrader_meta(cell)
        if is_solution(cell):
            found.append(Exercise(week, notebook, meta.get("grade_id", f"cell{i}"), i))
        elif is_test(cell) and found:
            found[-1].test_cells.append(i)
            found[-1].test_ids.append(meta.get("grade_id", f"cell{i}"))
            found[-1].points += float(meta.get("points", 0))
    return found


def read(path: Path):
    return nbformat.read(str(path), as_version=4)


def strip_solution_markers(source: str) -> str:
    """A solution cell's code as it runs: the marker lines removed."""
    return "\n".join(line for line in source.splitlines()
                     if "### BEGIN SOLUTION" not in line and "### END SOLUTION" not in line)


def top_level_definitions(source: str) -> dict[str, str]:
    """``{name: ast dump}`` of the functions, classes and assignments defined at top level."""
    tree = ast.parse(source)
    defs: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)):
            defs[node.name] = ast.dump(node)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    defs[target.id] = ast.dump(node)
    return defs


def is_demo(cell) -> bool:
    """A code cell tagged ``demo`` and without nbgrader metadata: the grader skips it."""
    tags = cell.get("metadata", {}).get("tags", [])
    return (cell.get("cell_type") == "code" and DEMO_TAG in tags
            and "nbgrader" not in cell.get("metadata", {}))


_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ListComp, ast.SetComp,
           ast.GeneratorExp, ast.DictComp)


def _local_names(node) -> set[str]:
    """Names a function, lambda or comprehension binds in its own scope."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
        args = node.args
        found = {a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs,
                                 *([args.vararg] if args.vararg else []),
                                 *([args.kwarg] if args.kwarg else [])]}
        body = node.body if isinstance(node.body, list) else [node.body]
    else:  # a comprehension: its loop targets
        found, body = set(), [g.target for g in node.generators]
    todo = list(body)
    while todo:
        sub = todo.pop()
        if isinstance(sub, ast.Name) and isinstance(sub.ctx, (ast.Store, ast.Del)):
            found.add(sub.id)
        elif isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            found.add(sub.name)
            continue  # its body is a scope of its own
        elif isinstance(sub, (ast.Import, ast.ImportFrom)):
            found.update((a.asname or a.name).split(".")[0] for a in sub.names)
        if not isinstance(sub, _SCOPES) or sub in body:
            todo.extend(ast.iter_child_nodes(sub))
    return found


def cell_names(source: str) -> tuple[set[str], set[str]] | None:
    """(names a cell defines at top level, names it reads from outside), or None if it does
    not parse. A function's parameters and locals, and a comprehension's loop variables, are
    neither: ``def f(w): return w`` reads no ``w`` from the notebook."""
    code = "\n".join(line for line in source.splitlines()
                     if not line.lstrip().startswith(("%", "!")))
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return None
    defined: set[str] = set()
    used: set[str] = set()

    def visit(node, scopes: list[set[str]]) -> None:
        if isinstance(node, _SCOPES):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if not scopes:
                    defined.add(node.name)
                for deco in node.decorator_list:
                    visit(deco, scopes)
            inner = scopes + [_local_names(node)]
            for child in ast.iter_child_nodes(node):
                if not isinstance(child, ast.expr) or child not in getattr(
                        node, "decorator_list", []):
                    visit(child, inner)
            return
        if isinstance(node, ast.ClassDef) and not scopes:
            defined.add(node.name)
        elif isinstance(node, ast.Name):
            if isinstance(node.ctx, (ast.Store, ast.Del)):
                if not scopes:
                    defined.add(node.id)
            elif not any(node.id in scope for scope in scopes):
                used.add(node.id)
        elif isinstance(node, (ast.Import, ast.ImportFrom)) and not scopes:
            defined.update((a.asname or a.name).split(".")[0] for a in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child, scopes)

    for stmt in tree.body:
        visit(stmt, [])
    # Names read and not set by the cell itself (reading before setting is rare in a cell).
    return defined, used - defined


def demo_cells(nb) -> list[int]:
    """Indices of the plain code cells the graded cells do not depend on.

    Walks the notebook backwards from what the grading cells (solution, test and locked
    cells) read: a plain code cell is needed when it defines a name that a needed cell after
    it reads. The rest only show, and can be tagged ``demo``. A conservative estimate (a
    cell that does not parse is needed); `dlgrade validate` confirms the references still
    earn full marks without them.
    """
    needed: set[str] = set()
    demos = []
    for index in range(len(nb.cells) - 1, -1, -1):
        cell = nb.cells[index]
        if cell.get("cell_type") != "code":
            continue
        names = cell_names(cell.source)
        if "nbgrader" in cell.get("metadata", {}) or names is None:
            needed |= names[1] if names else set()
            continue
        defined, used = names
        if defined & needed:
            needed |= used
        else:
            demos.append(index)
    return sorted(demos)

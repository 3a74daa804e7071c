"""Mutants of a reference solution: one-line changes made with `ast`, one change per mutant.

`dlgrade audit` (``autograder/audit.py``) runs each mutant through its exercise's hidden
tests: a mutant the tests do not reject is a bug a student could make and still earn full
marks, unless it is *equivalent* (computes the same thing), which an author marks with a
reason in ``autograder/mistakes/equivalent.toml``.

The changes, each at one place of a function or method:

* an arithmetic operator swapped (``+ ↔ -``, ``* ↔ /``, ``// → /``, ``** → *``), also in
  ``x += ...``;
* a comparison loosened or tightened (``< ↔ <=``, ``> ↔ >=``, ``== ↔ !=``, ``is ↔ is not``,
  ``in ↔ not in``);
* ``and ↔ or``; a unary ``-`` or ``not`` dropped;
* a number ``c`` changed to ``c + 1``, ``0`` and ``-c``; ``True ↔ False``;
* ``min ↔ max`` (and ``argmin``, ``minimum``, ``amin``);
* two neighbouring positional arguments of a call swapped (not of ``max``, ``np.minimum``
  and other calls whose arguments commute);
* a simple statement (assignment, call, ``raise``) dropped.

Docstrings, annotations and f-strings are left alone. A mutant's `Mutant.id` names it by
exercise, the text of its line and the change (never by line number), so it survives edits
elsewhere in the file.
"""

from __future__ import annotations

import ast
import copy
import hashlib
import io
import pickle
import tokenize
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["Mutant", "mutants_of", "solution_lines", "sample"]

_BINOP_SWAPS = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult,
                ast.FloorDiv: ast.Div, ast.Pow: ast.Mult}
_CMP_SWAPS = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt,
              ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.Is: ast.IsNot, ast.IsNot: ast.Is,
              ast.In: ast.NotIn, ast.NotIn: ast.In}
_NAME_SWAPS = {"min": "max", "max": "min", "argmin": "argmax", "argmax": "argmin",
               "minimum": "maximum", "maximum": "minimum", "amin": "amax", "amax": "amin"}
# Calls whose two arguments commute: swapping them is never a bug, so no mutant is made.
_SYMMETRIC = {"max", "min", "maximum", "minimum", "fmax", "fmin", "add", "multiply", "hypot",
              "logical_and", "logical_or", "result_type", "promote_types", "array_equal"}
_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
_DROPPABLE = (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Expr, ast.Raise)
_SHOWN = 70  # characters of a snippet kept in an id


@dataclass(frozen=True)
class Mutant:
    """One mutant of one top-level definition of an exercise's solution."""

    exercise: str
    name: str  # the top-level function or class it replaces
    where: str  # the function or method changed ("Model.forward")
    lineno: int  # line of the change in the reference module
    line: str  # that line's text, stripped
    before: str  # the code changed ...
    after: str  # ... and what it became
    occurrence: int  # 1, or n for the n-th identical change of the same line
    source: str  # the whole mutated definition, to exec in place of the reference's

    @property
    def id(self) -> str:
        """Stable name: exercise, line text and change (plus ``#n`` for repeats)."""
        repeat = f" #{self.occurrence}" if self.occurrence > 1 else ""
        return f"{self.exercise}: {self.line} :: {self.before} → {self.after}{repeat}"


def _copy(node: ast.AST) -> ast.AST:
    """A deep copy of a tree (a pickle round trip: ten times faster than copy.deepcopy)."""
    return pickle.loads(pickle.dumps(node))


def _short(code: str) -> str:
    code = " ".join(code.split())
    return code if len(code) <= _SHOWN else code[:_SHOWN - 1] + "…"


def _code_of(line: str) -> str:
    """A source line without its comment, stripped (comments do not change a mutant's id)."""
    cut = len(line)
    try:
        for tok in tokenize.generate_tokens(io.StringIO(line).readline):
            if tok.type == tokenize.COMMENT:
                cut = tok.start[1]
                break
    except (tokenize.TokenError, SyntaxError):  # a line of a longer statement
        pass
    return line[:cut].strip()


def _mark_skipped(tree: ast.AST) -> None:
    """Flag what no mutant changes: docstrings, annotations, f-strings."""
    def skip(node):
        if node is not None:
            node._audit_skip = True
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Module)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(
                    body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
                skip(body[0])
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            skip(node.returns)
            args = node.args
            for arg in [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg,
                        args.kwarg]:
                if arg is not None:
                    skip(arg.annotation)
        elif isinstance(node, ast.AnnAssign):
            skip(node.annotation)
        elif isinstance(node, ast.JoinedStr):
            skip(node)


def _number_changes(value) -> list[ast.expr]:
    """``c + 1``, ``0`` and ``-c`` of a number (``-c`` as a unary minus, so that ``ast.unparse``
    puts the brackets ``(-c) ** 2`` needs); ``not c`` of a bool."""
    if isinstance(value, bool):
        return [ast.Constant(not value)]
    if isinstance(value, (int, float)) and value == value:
        zero = 0 if isinstance(value, int) else 0.0
        found = [ast.Constant(value + 1)]
        if value:
            found += [ast.Constant(zero), ast.UnaryOp(ast.USub(), ast.Constant(value))]
        return found
    return []


def _options(node: ast.AST) -> list[ast.AST]:
    """The nodes that may replace ``node``, one change each."""
    new: list[ast.AST] = []
    if isinstance(node, (ast.BinOp, ast.AugAssign)) and type(node.op) in _BINOP_SWAPS:
        changed = copy.copy(node)
        changed.op = _BINOP_SWAPS[type(node.op)]()
        new.append(changed)
    elif isinstance(node, ast.Compare):
        for i, op in enumerate(node.ops):
            if type(op) in _CMP_SWAPS:
                changed = copy.copy(node)
                changed.ops = [*node.ops[:i], _CMP_SWAPS[type(op)](), *node.ops[i + 1:]]
                new.append(changed)
    elif isinstance(node, ast.BoolOp):
        changed = copy.copy(node)
        changed.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        new.append(changed)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.Not)):
        new.append(node.operand)
    elif isinstance(node, ast.Constant):
        new.extend(_number_changes(node.value))
    elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and \
            node.id in ("min", "max"):
        new.append(ast.Name(_NAME_SWAPS[node.id], ast.Load()))
    elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load) and \
            node.attr in _NAME_SWAPS:
        changed = copy.copy(node)
        changed.attr = _NAME_SWAPS[node.attr]
        new.append(changed)
    elif isinstance(node, ast.Call) and _callee(node) not in _SYMMETRIC:
        args = node.args
        for i in range(len(args) - 1):
            if not isinstance(args[i], ast.Starred) and not isinstance(args[i + 1], ast.Starred) \
                    and ast.unparse(args[i]) != ast.unparse(args[i + 1]):
                changed = copy.copy(node)
                changed.args = [*args[:i], args[i + 1], args[i], *args[i + 2:]]
                new.append(changed)
    if isinstance(node, _DROPPABLE):
        new.append(ast.Pass())
    return [ast.copy_location(n, node) for n in new]


def _callee(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


class _Mutator(ast.NodeTransformer):
    """Numbers the nodes of a definition in a fixed (pre-)order; with ``target`` =
    ``(number, k)`` it puts the k-th option of node ``number`` in its place, and nothing else.
    Without a target it lists every ``(number, k, node, option)``."""

    def __init__(self, target: tuple[int, int] | None = None):
        self.target = target
        self.count = -1
        self.sites: list[tuple[int, int, ast.AST, ast.AST, str]] = []
        self.scope: list[str] = []

    def visit(self, node):
        if getattr(node, "_audit_skip", False):
            return node
        self.count += 1
        number = self.count
        scoped = isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
        if scoped:
            self.scope.append(node.name)
        node = super().visit(node)
        if scoped:
            self.scope.pop()
        if self.target is None:
            for k, option in enumerate(_options(node)):
                self.sites.append((number, k, node, option, ".".join(self.scope)))
        elif self.target[0] == number:
            return _options(node)[self.target[1]]
        return node


def mutants_of(module_source: str, names: Iterable[str], exercise: str,
               lines_allowed: set[int] | None = None) -> list[Mutant]:
    """Every mutant of the top-level functions and classes ``names`` of a module's source
    (the last definition of each name), in source order; with ``lines_allowed``, only the
    changes that lie on those lines (what a student writes, not the given signature)."""
    tree = ast.parse(module_source)
    lines = module_source.splitlines()
    wanted = set(names)
    defs = {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and \
                node.name in wanted:
            defs[node.name] = node
    found: list[Mutant] = []
    seen: dict[tuple[str, str, str], int] = {}
    for name, node in defs.items():
        _mark_skipped(node)
        original = ast.unparse(node)
        lister = _Mutator()
        lister.visit(_copy(node))
        sources = set()
        for number, k, site, option, where in lister.sites:
            if lines_allowed is not None and not all(
                    n in lines_allowed for n in range(site.lineno, site.end_lineno + 1)):
                continue
            mutated = _Mutator((number, k)).visit(_copy(node))
            source = ast.unparse(mutated)
            if source == original or source in sources:
                continue  # no change, or the same mutant reached another way
            sources.add(source)
            before = _short(ast.unparse(site))
            after = "pass" if isinstance(option, ast.Pass) else _short(ast.unparse(option))
            line = _code_of(lines[site.lineno - 1])
            key = (line, before, after)
            seen[key] = seen.get(key, 0) + 1
            found.append(Mutant(exercise, name, where or name, site.lineno, line, before,
                                after, seen[key], source))
    return sorted(found, key=lambda m: (m.lineno, m.id))


def solution_lines(cell_source: str, module_source: str) -> set[int]:
    """The lines of ``module_source`` that copy the solution regions of a solution cell
    (``### BEGIN SOLUTION`` ... ``### END SOLUTION``), matched definition by definition; all
    the lines of the cell's definitions when it has no region (nbgrader then replaces the
    whole cell)."""
    cell, inside, marked = [], False, False
    for text in cell_source.splitlines():
        if "### BEGIN SOLUTION" in text:
            inside = marked = True
        elif "### END SOLUTION" in text:
            inside = False
        else:
            cell.append((text, inside))
    cell_tree = ast.parse("\n".join(text for text, _ in cell))
    module_tree = ast.parse(module_source)
    module_lines = module_source.splitlines()
    last = {node.name: node for node in module_tree.body if isinstance(node, _DEFS)}
    allowed = set()
    for node in cell_tree.body:
        twin = last.get(getattr(node, "name", None))
        if not isinstance(node, _DEFS) or twin is None:
            continue
        offset = twin.lineno - node.lineno
        for n in range(node.lineno, node.end_lineno + 1):
            text, solution = cell[n - 1]
            m = n + offset
            if (solution or not marked) and 0 < m <= len(module_lines) and \
                    module_lines[m - 1] == text:
                allowed.add(m)
    return allowed


def sample(mutants: list[Mutant], per_function: int | None) -> list[Mutant]:
    """At most ``per_function`` mutants of each function or method, chosen by a hash of their
    ids (the same every run); all of them when ``per_function`` is None."""
    if per_function is None:
        return mutants
    groups: dict[tuple[str, str], list[Mutant]] = {}
    for m in mutants:
        groups.setdefault((m.exercise, m.where), []).append(m)
    kept = set()
    for group in groups.values():
        ranked = sorted(group, key=lambda m: hashlib.sha256(m.id.encode()).hexdigest())
        kept.update(m.id for m in ranked[:per_function])
    return [m for m in mutants if m.id in kept]

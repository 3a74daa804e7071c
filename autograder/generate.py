"""Everything derived from the notebooks and the catalogues, made by one command.

A solution lives in one place, its notebook's solution cell; a common mistake in one place, its
catalogue (``autograder/mistakes/``). ``dlgrade generate`` remakes, in this order, every file
made from them:

1. the reference modules ``autograder/references/<week>[_<notebook>].py``: the set-up cell's
   imports, then every solution cell without its ``### BEGIN/END SOLUTION`` lines;
2. ``dlcourse/mistakes.json``, the visible checks' table of common mistakes (``dlgrade hints``);
3. the ``demo`` tags and ``check.needs`` guards of the notebooks (``dlgrade tag-demos all``);
4. the syllabus's table of hours (``python -m autograder.book --syllabus``).

``dlgrade generate --check`` writes nothing and lists each stale file with the command that
refreshes it (``tests/test_generated.py`` runs it).
"""

from __future__ import annotations

import ast
import importlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import nbformat

from autograder.notebooks import (
    DEMO_TAG,
    REPO,
    demo_cells,
    is_solution,
    is_test,
    nbgrader_meta,
    read,
    resolve_weeks,
    strip_solution_markers,
    week_notebooks,
)

__all__ = ["COMMAND", "Stale", "reference_path", "reference_source", "reference_files",
           "references", "hints_text", "hints", "demo_tag_changes", "run", "HINTS_FILE", "SETUP_ID"]

#: The command that remakes every derived file.
COMMAND = "dlgrade generate"
#: The nbgrader ``grade_id`` of a notebook's set-up cell, whose imports the references repeat.
SETUP_ID = "setup"
HINTS_FILE = REPO / "dlcourse" / "mistakes.json"
REFERENCES = Path("autograder") / "references"

# The set-up imports are the hidden tests' namespace, used or not by the references; a name a
# solution cell defines twice (a helper, then its improved version) is the notebook's order.
# (pyproject.toml lets the references' lines be as long as the notebook's.)
_NOQA = "F401, F811"


@dataclass
class Stale:
    """A derived file that is not what its sources make today."""

    path: str  # relative to the repository
    step: str  # the command of its own step
    detail: str = ""  # what is wrong, where the step says more than "differs"

    def line(self) -> str:
        step = f" (or its step, `{self.step}`)" if self.step != COMMAND else ""
        extra = f": {self.detail}" if self.detail else ""
        return f"{self.path} is stale: run `{COMMAND}`{step}{extra}"


# ---------------------------------------------------------------- 1. references
def reference_path(week: str, notebook: Path, root: Path = REPO) -> Path:
    """``references/<week>.py`` for a week of one notebook, else ``<week>_<notebook>.py``
    (the names `autograder.judge.reference_module` looks up)."""
    several = len(week_notebooks(week, root)) > 1
    name = f"{week}_{notebook.stem}" if several else week
    return root / REFERENCES / f"{name}.py"


def _setup_imports(nb, where: str) -> str:
    """The import statements of the notebook's set-up cell, as written there."""
    cells = [c for c in nb.cells if nbgrader_meta(c).get("grade_id") == SETUP_ID]
    if not cells:
        raise ValueError(f"{where}: no set-up cell (nbgrader grade_id {SETUP_ID!r}), whose "
                         "imports the reference module repeats")
    # IPython's magics (%matplotlib) are not Python: blank them, keeping line numbers
    source = "\n".join("" if line.lstrip().startswith(("%", "!")) else line
                       for line in cells[0].source.splitlines())
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise ValueError(f"{where}: the set-up cell does not parse: {exc}") from None
    lines = source.splitlines()
    kept: list[str] = []
    last = None  # the line the previous import ended on
    for node in tree.body:
        if not isinstance(node, (ast.Import, ast.ImportFrom)):
            continue
        gap = lines[last:node.lineno - 1] if last is not None else []
        if gap and not any(line.strip() for line in gap):
            kept.append("")  # a blank line that groups the imports, as in the cell
        kept.extend(lines[node.lineno - 1:node.end_lineno])
        last = node.end_lineno
    return "\n".join(kept)


def reference_source(week: str, notebook: Path, root: Path = REPO) -> str:
    """The text of the reference module of one notebook: a header that says it is generated,
    the set-up cell's imports, then every solution cell's code in notebook order."""
    rel = notebook.relative_to(root).as_posix()
    nb = read(notebook)
    solutions = [strip_solution_markers(c.source).strip("\n") for c in nb.cells
                 if c.get("cell_type") == "code" and is_solution(c)]
    if not solutions:
        raise ValueError(f"{rel}: no solution cell to make a reference module of")
    header = (f'"""Reference solutions of {rel}: generated, never edit by hand.\n\n'
              f"Made by `{COMMAND}` from the notebook's set-up cell (its imports) and its "
              "solution\ncells (without the ``### BEGIN/END SOLUTION`` lines), in notebook "
              "order: edit the notebook,\nthen run the command. The grader runs the hidden "
              "tests against this module. Never\nshipped to students.\n\"\"\"\n\n"
              "# The set-up imports are the namespace the hidden tests run in, used or not "
              f"here.\n# ruff: noqa: {_NOQA}\n\n")
    return "\n\n\n".join([header + _setup_imports(nb, rel), *solutions]) + "\n"


def reference_files(root: Path = REPO) -> dict[Path, str]:
    """``{reference module: the text its notebook makes}`` for every notebook with solutions."""
    out: dict[Path, str] = {}
    for week in resolve_weeks(["all"], root):
        for path in week_notebooks(week, root):
            if any(is_solution(c) for c in read(path).cells):
                out[reference_path(week, path, root)] = reference_source(week, path, root)
    return out


def references(write: bool, root: Path = REPO) -> list[Stale]:
    """Write every reference module its notebook makes; without ``write``, return the stale
    ones."""
    stale, files = [], reference_files(root)
    for path, text in files.items():
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        if write:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(root)}")
        else:
            stale.append(Stale(path.relative_to(root).as_posix(), COMMAND))
    if write:
        importlib.invalidate_caches()  # a module written just now is found by the next steps
    if not stale:
        print(f"{REFERENCES.as_posix()}/: {len(files)} reference module(s) made from the "
              "notebooks")
    return stale


# ---------------------------------------------------------------- 2. hints
def hints_text() -> str:
    """The text of ``dlcourse/mistakes.json`` made from the catalogues today."""
    from autograder import diagnose

    table = {"about": "Made by `dlgrade hints` from autograder/mistakes/: the keys of the "
                      "messages that common mistakes get from the visible checks, and what "
                      "each mistake is. Do not edit by hand.",
             "hints": diagnose.build_hints(resolve_weeks(["all"]))}
    return json.dumps(table, indent=1, ensure_ascii=False) + "\n"


def hints(write: bool) -> list[Stale]:
    """Write ``dlcourse/mistakes.json`` (``dlgrade hints``); without ``write``, return it if
    it is stale."""
    text = hints_text()
    count = len(json.loads(text)["hints"])
    rel = HINTS_FILE.relative_to(REPO).as_posix()
    if HINTS_FILE.exists() and HINTS_FILE.read_text(encoding="utf-8") == text:
        print(f"{rel}: up to date ({count} messages)")
        return []
    if write:
        HINTS_FILE.write_text(text, encoding="utf-8")
        print(f"wrote {rel}: {count} messages of common mistakes")
        return []
    print(f"{rel}: STALE ({count} messages)")
    return [Stale(rel, "dlgrade hints")]


# ---------------------------------------------------------------- 3. demo tags and guards
def demo_tag_changes(weeks: list[str], write: bool,
                     say: Callable[[str], None] = print) -> list[Stale]:
    """Tag the cells the grader may skip ``demo`` and write each cell's ``check.needs`` guard
    (`autograder.guards`); without ``write``, only report. Returns the notebooks that are
    stale, or that hold what writing cannot fix (code before a guard)."""
    from autograder import guards

    stale = []
    for week in weeks:
        for path in week_notebooks(week):
            nb = read(path)
            demos = set(demo_cells(nb))
            needed = guards.needed_exercises(nb)
            name = str(path.relative_to(REPO))
            before = guards.guard_problems(nb, name)
            changed = rewritten = 0
            for index, cell in enumerate(nb.cells):
                if cell.cell_type != "code" or is_solution(cell) or is_test(cell):
                    continue
                want = needed.get(index, [])
                found = guards.guard_of(cell.source)
                if (found[0] if found else []) != want:
                    cell.source = guards.set_guard(cell.source, want)
                    rewritten += 1
                if "nbgrader" in cell.metadata:
                    continue
                tags = list(cell.metadata.get("tags", []))
                wanted = index in demos
                if wanted != (DEMO_TAG in tags):
                    tags = tags + [DEMO_TAG] if wanted else [t for t in tags if t != DEMO_TAG]
                    cell.metadata["tags"] = tags
                    changed += 1
            if (changed or rewritten) and write:
                nbformat.write(nb, str(path))
            # without write: every stale guard; else what writing cannot fix
            problems = guards.guard_problems(nb, name) if write else before
            verb = "changed" if write else "to change"
            say(f"{name}: {len(demos)} demo cell(s), {len(needed)} guarded; "
                f"{changed} tag(s) and {rewritten} guard(s) {verb}")
            for problem in problems:
                say(f"  {problem}")
            if problems or ((changed or rewritten) and not write):
                detail = (f"{changed} tag(s), {rewritten} guard(s) to change"
                          if changed or rewritten else "")
                detail = "; ".join(filter(None, [detail, *problems]))
                stale.append(Stale(name, f"dlgrade tag-demos {week}", detail))
    return stale


# ---------------------------------------------------------------- 4. syllabus
def _syllabus(write: bool) -> list[Stale]:
    from autograder import book

    path = REPO / "course" / "syllabus.md"
    if write:
        changed = book.update_syllabus(path)
        print("course/syllabus.md: " + ("hours updated" if changed else "hours were current"))
        return []
    current = book.syllabus_hours_block() in path.read_text(encoding="utf-8")
    print("course/syllabus.md: " + ("hours are current" if current else "hours are STALE"))
    if current:
        return []
    return [Stale("course/syllabus.md", "python -m autograder.book --syllabus")]


def run(check: bool = False) -> list[Stale]:
    """Remake every derived file in order (references, hints, demo tags, syllabus hours); with
    ``check``, write nothing and return the stale ones. Writing also returns what writing
    cannot fix (a demo cell's code before its guard)."""
    stale = references(not check)
    stale += hints(not check)
    stale += demo_tag_changes(resolve_weeks(["all"]), not check)
    stale += _syllabus(not check)
    return stale

"""What a student's notebook may carry into the grader's run and out to people's browsers.

Everything in a submitted notebook is untrusted: its cells' metadata, and everything its run
printed or displayed. Two steps, one on each side of the run:

* before the run (`limits_from_source`): every cell's ``dlgrade`` metadata (the time limit a
  cell may ask for) is thrown away and taken again from the instructor's notebook, for the
  grading cells only; the locked set-up cell(s) before any cell a student can edit (and
  locked cells that only import) get a long limit of their own, so a busy machine never fails
  a student on ``import torch``;
* after the verdicts (`scrub_outputs`): outputs become inert (only plain text and raster
  images are kept: no HTML, JavaScript, SVG, Markdown or LaTeX from student code reaches the
  feedback page or formgrader), every line that repeats a line of the hidden tests is
  removed (a solution can print the running cell's source, or hook every cell), raw HTML in
  Markdown a student wrote is escaped (Markdown the instructor's notebook holds word for word
  is kept as written: escaping it would show ``&lt;`` in its formulas), and the hidden-test
  markers are defused in cells a student wrote and in every output (a traceback quotes the line
  that failed), so nbgrader's feedback step never stops on them. An error output stays an
  error output: scrubbing never changes a score.
"""

from __future__ import annotations

import ast

from nbformat import NotebookNode

from autograder.judge import split_hidden
from autograder.notebooks import is_test, nbgrader_meta

__all__ = ["limits_from_source", "scrub_outputs", "hidden_lines", "SETUP_TIMEOUT",
           "SAFE_MIME"]

#: Time limit (s) of a locked cell that only imports (the set-up cell): bounded by the
#: notebook's wall limit, not by the per-cell one, which a loaded machine could exceed.
SETUP_TIMEOUT = 600
#: Output types a browser shows without running anything; the grader's record type stays
#: (nbconvert does not render it) so the autograded notebook keeps what was judged.
SAFE_MIME = ("text/plain", "image/png", "image/jpeg", "application/vnd.dlgrade.record+json")
MIN_SECRET = 10  # shorter lines ("_x = 1") say nothing about a hidden test
REMOVED = "[the grader removed this line: it repeats the hidden tests]"
# nbgrader's ClearHiddenTests (run when feedback is made) stops on these words anywhere in a
# line of a cell that is not a test cell, with or without the "### " in front.
MARKER_SWAP = {"BEGIN HIDDEN TESTS": "BEGIN HIDDEN-TESTS (defused by the grader)",
               "END HIDDEN TESTS": "END HIDDEN-TESTS (defused by the grader)"}


# ------------------------------------------------------------------------------ before the run
def _imports_only(source: str) -> bool:
    code = "\n".join(line for line in source.splitlines()
                     if not line.lstrip().startswith(("%", "!")))
    try:
        body = ast.parse(code).body
    except SyntaxError:
        return False
    return bool(body) and all(isinstance(n, (ast.Import, ast.ImportFrom)) for n in body)


def limits_from_source(nb: NotebookNode, source: NotebookNode) -> None:
    """Reset every cell's time limit to what the instructor's notebook says (in place)."""
    wanted = {}
    for cell in source.cells:
        grade_id = nbgrader_meta(cell).get("grade_id")
        meta = cell.get("metadata", {}).get("dlgrade")
        if grade_id and isinstance(meta, dict) and "timeout" in meta:
            wanted[grade_id] = meta["timeout"]
    student_code_before = False  # has a cell a student could edit come before this one?
    for cell in nb.cells:
        cell.get("metadata", {}).pop("dlgrade", None)
        meta = nbgrader_meta(cell)
        grade_id = meta.get("grade_id")
        is_code = cell.get("cell_type") == "code"
        if grade_id in wanted:
            cell.metadata["dlgrade"] = {"timeout": wanted[grade_id]}
        elif meta.get("locked") and is_code and (not student_code_before
                                                 or _imports_only(cell.source)):
            # The set-up cell: the instructor's code, before any student code has run (or
            # only imports), so nothing a student wrote can make it loop.
            cell.metadata["dlgrade"] = {"timeout": SETUP_TIMEOUT}
        if is_code and not meta.get("locked"):
            student_code_before = True


# ------------------------------------------------------------------------------ after the run
def hidden_lines(source: NotebookNode) -> set[str]:
    """The lines of the instructor notebook's hidden regions that appear nowhere else in it."""
    inside, outside = set(), set()
    for cell in source.cells:
        out, hidden = split_hidden(cell.get("source", ""))
        outside.update(line.strip() for line in out)
        inside.update(line.strip() for line in hidden)
    return {line for line in inside - outside if len(line) >= MIN_SECRET}


def _defuse(text: str) -> str:
    for marker, swap in MARKER_SWAP.items():
        text = text.replace(marker, swap)
    return text


def _clean_text(text, secrets: set[str]):
    joined = "".join(text) if isinstance(text, list) else str(text)
    if not any(s in joined for s in secrets) and not any(m in joined for m in MARKER_SWAP):
        return text
    lines = joined.split("\n")
    return "\n".join(REMOVED if any(s in line for s in secrets) else _defuse(line)
                     for line in lines)


def _clean_output(out: dict, secrets: set[str]) -> None:
    kind = out.get("output_type")
    if kind == "stream":
        out["text"] = _clean_text(out.get("text", ""), secrets)
    elif kind == "error":
        out["evalue"] = _clean_text(out.get("evalue", ""), secrets)
        out["traceback"] = [_clean_text(line, secrets) for line in out.get("traceback", [])]
    elif kind in ("display_data", "execute_result"):
        data = out.get("data", {})
        dropped = [m for m in data if m not in SAFE_MIME]
        for mime in dropped:
            del data[mime]
        if "text/plain" in data:
            data["text/plain"] = _clean_text(data["text/plain"], secrets)
        elif dropped:
            data["text/plain"] = (f"[the grader does not show {', '.join(sorted(dropped))} "
                                  "output from student code]")
        out["metadata"] = {}


def scrub_outputs(nb: NotebookNode, secrets: set[str],
                  trusted_markdown: set[str] | frozenset[str] = frozenset()) -> None:
    """Make the judged notebook safe to show (in place); see the module's docstring.

    ``trusted_markdown``: the sources of the instructor notebook's Markdown cells; a cell
    whose source is one of them is the course's own text and is not escaped."""
    for cell in nb.cells:
        if not is_test(cell) and "source" in cell:
            cell.source = _defuse(cell.source)
        if (cell.get("cell_type") == "markdown" and not nbgrader_meta(cell).get("locked")
                and cell.get("source", "") not in trusted_markdown):
            # Markdown a student wrote is shown as text: raw HTML in it (a <script>, an
            # onerror attribute) must not become live in the feedback page or formgrader.
            cell.source = cell.source.replace("&", "&amp;").replace("<", "&lt;")
            cell.pop("attachments", None)  # student-supplied files (SVG can carry script)
        for out in cell.get("outputs", []):
            _clean_output(out, secrets)
    nb.metadata.pop("widgets", None)  # widget state is student-controlled HTML/JS

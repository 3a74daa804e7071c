"""Every formula of every week reaches the feedback page as MathML, and no prose is lost.

A feedback page is nbgrader's HTML of the student's notebook, whose Markdown is the instructor
notebook's; `feedback_page.render_math` then turns its TeX into MathML. Rendering each week's
Markdown cells the way nbgrader's feedback step does (its ``feedback`` template, HTML sanitized
as the course's configuration asks) and then through `render_math` checks every week in a few
seconds, without grading a class:

- no TeX is left as text (a ``$``, a ``\\command``, ``_{``/``^{``), and none fell back to code
  because the converter could not read it;
- no formula swallowed prose: every word of the Markdown outside its math and code is still
  on the page as text (a formula wrapped over two lines used to leave its ``$`` unpaired, and
  the text up to the next formula was drawn as math, its spaces lost).
"""

from __future__ import annotations

import html
import re
from collections import Counter
from pathlib import Path

import nbformat
import pytest

from autograder.feedback_page import render_math
from autograder.notebooks import week_dirs

NOTEBOOKS = sorted(p for d in week_dirs() for p in Path(d).glob("*.ipynb"))
# Text between tags, outside code, preformatted text, scripts, styles and drawn math.
_OUTSIDE = re.compile(r"(<(pre|code|script|style|math)\b.*?</\2\s*>|<[^>]*>)",
                      re.DOTALL | re.IGNORECASE)
_TEX = re.compile(r"\$|\\[A-Za-z]+|\\[{}|,;!]|[_^]\{")
_SOURCE_MATH = re.compile(r"\$\$.+?\$\$|\$(?:[^$\n]|\n(?![ \t]*\n))+?\$", re.DOTALL)
_WORD = re.compile(r"[A-Za-z]{4,}")


def _exporter():
    """nbgrader's feedback exporter, configured as `nbgrader generate_feedback` does."""
    import nbgrader
    from nbconvert.exporters import HTMLExporter

    formgrader = Path(nbgrader.__file__).parent / "server_extensions" / "formgrader"
    css = formgrader / "static" / "node_modules" / "bootstrap" / "dist" / "css"
    return HTMLExporter(template_name="feedback",
                        extra_template_basedirs=[str(formgrader / "templates")],
                        extra_template_paths=[str(css)], sanitize_html=True)


@pytest.fixture(scope="module")
def exporter():
    return _exporter()


def _page(exporter, path: Path) -> tuple[str, list[str]]:
    """The math-rendered HTML of the notebook's Markdown cells, and those cells' sources."""
    nb = nbformat.read(str(path), as_version=4)
    nb.cells = [c for c in nb.cells if c.cell_type == "markdown"]
    for cell in nb.cells:  # the template would look for grades in nbgrader's metadata
        cell.metadata.pop("nbgrader", None)
    grades = {"notebook": path.stem, "score": 0, "max_score": 0, "late_penalty": 0}
    body, _ = exporter.from_notebook_node(nb, resources={"nbgrader": grades})
    return render_math(body), [c.source for c in nb.cells]


def raw_tex(page: str) -> list[str]:
    """The pieces of text of a feedback page that still hold TeX (also used on the demo's
    pages, tests/test_demo.py), and the formulas the converter could not read."""
    # the summary table quotes check messages and hints, plain text that may hold "h_{t-1}"
    page = re.sub(r'<table class="dl-summary">.*?</table>', "", page, flags=re.DOTALL)
    raw = []
    for i, part in enumerate(_OUTSIDE.split(page)):
        text = html.unescape(part) if i % 3 == 0 else ""
        if _TEX.search(text):
            raw.append(" ".join(text.split())[:160])
    raw += re.findall(r'<code class="dl-tex">(.*?)</code>', page, re.DOTALL)
    # a bare "&" inside MathML: an alignment or an escaped "<" the converter drew as letters
    for formula in re.findall(r"<math\b.*?</math>", page, re.DOTALL):
        if re.search(r"&(?!#x?[0-9A-Fa-f]+;|[A-Za-z]+;)|&(amp|lt|gt);", formula):
            raw.append(formula[:160])
    return raw


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_feedback_page_has_no_raw_tex_and_loses_no_prose(exporter, path):
    page, sources = _page(exporter, path)
    assert page.count("<math") > 20, "the Markdown's formulas were not converted"
    raw = raw_tex(page)
    assert not raw, f"{len(raw)} fragments of TeX left as text, e.g. {raw[:3]}"

    shown = re.sub(r"<math\b.*?</math>", " ", page, flags=re.DOTALL)
    shown_words = Counter(_WORD.findall(html.unescape(re.sub(r"<[^>]+>", " ", shown))))
    written = Counter()
    for source in sources:
        prose = re.sub(r"```.*?```", " ", source, flags=re.DOTALL)
        prose = _SOURCE_MATH.sub(" ", prose)
        prose = re.sub(r"`[^`]*`|\]\([^)]*\)|<[^>]+>", " ", prose)  # code, link targets, tags
        written.update(_WORD.findall(prose))
    lost = {w: n - shown_words[w] for w, n in written.items() if shown_words[w] < n}
    assert not lost, f"words of the prose missing from the page (drawn as math?): {lost}"


def test_inline_math_over_two_lines_is_drawn_and_keeps_the_text_after_it():
    page = render_math("<p>with $\\mathbf A = \\sum_i \\lambda_i\n\\mathbf q_i$ and "
                       "eigenvalues $0 &lt; \\lambda$.</p><p>a lone $ here</p>\n<p>and $ there</p>")
    assert page.count("<math") == 2 and " and eigenvalues " in page
    assert "a lone $ here" in page and "and $ there" in page  # no pairing across paragraphs

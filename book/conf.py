"""Sphinx configuration of the course's book (`make book`; see autograder/book.py).

`autograder.book` copies this file into each edition's staged source folder, beside
``edition.json`` (the edition's name and title) and ``alt.json`` (the alt text of every figure,
keyed by the SHA-256 of its PNG: MyST-NB names each image file by that hash). The notebooks
arrive executed: MyST-NB only renders them.

Nothing is fetched when the book is built or read: math becomes MathML at build time (the
browser draws it; no MathJax, no CDN), the Furo theme ships its fonts, scripts and styles
in ``_static/``, and widgets' JavaScript (which MyST-NB would load from a CDN) is switched off.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from docutils import nodes

HERE = Path(__file__).resolve().parent
EDITION = json.loads((HERE / "edition.json").read_text(encoding="utf-8"))
ALT = json.loads((HERE / "alt.json").read_text(encoding="utf-8"))

project = "dlcourse"
author = "the dlcourse authors"
html_title = f"Deep learning in nine weeks ({EDITION['title']})"
extensions = ["myst_nb"]
templates_path = ["_templates"]
exclude_patterns = ["release/**", "_templates/**", "edition.json", "alt.json"]
root_doc = "index"

# MyST: $…$ and $$…$$ math (also a $$…$$ line inside a paragraph), tables, HTML <details>.
myst_enable_extensions = ["dollarmath", "amsmath"]
myst_dmath_double_inline = True
myst_heading_anchors = 3
suppress_warnings = ["myst.header"]  # notebooks may skip a heading level (## then ####)

nb_execution_mode = "off"  # autograder.book executed them, cached by content
nb_ipywidgets_js = {}  # MyST-NB would load widget scripts from a CDN
nb_merge_streams = True
nb_code_prompt_show = "Show code"
nb_code_prompt_hide = "Hide code"

html_theme = "furo"
html_static_path = ["_static"]
html_css_files = ["book.css"]
html_copy_source = False  # _sources/ would hold the staged notebooks
html_show_sourcelink = False
html_show_sphinx = False
html_last_updated_fmt = None
html_theme_options = {
    "announcement": EDITION["announcement"],
    "navigation_with_keys": True,
}
html_math_renderer = "mathml"


# ---------------------------------------------------------------- math as MathML
# Browsers draw MathML Core, which ignores mathvariant="bold" (and double-struck, script…):
# \mathbf x would come out as a plain italic x. Such letters become the Unicode characters
# made for them (𝐱, ℝ, ℒ), which every browser draws as meant.
_VARIANTS = {"bold": "BOLD", "italic": "ITALIC", "bold-italic": "BOLD ITALIC",
             "double-struck": "DOUBLE-STRUCK", "script": "SCRIPT", "fraktur": "FRAKTUR",
             "sans-serif": "SANS-SERIF", "bold-sans-serif": "SANS-SERIF BOLD",
             "monospace": "MONOSPACE", "bold-script": "BOLD SCRIPT",
             "bold-fraktur": "BOLD FRAKTUR"}
_VARIANT_TOKEN = re.compile(r'<(mi|mn|mo|mtext) mathvariant="([a-z-]+)"([^>]*)>(.*?)</\1>',
                            re.S)


def _styled(char: str, variant: str) -> str:
    import unicodedata

    try:
        name = unicodedata.name(char)
    except ValueError:
        return char
    rest = re.sub(r"^(?:LATIN|GREEK) (SMALL|CAPITAL) LETTER ", r"\1 ", name)
    for candidate in (f"MATHEMATICAL {variant} {rest}", f"{variant} {rest}"):
        try:
            return unicodedata.lookup(candidate)
        except KeyError:
            continue
    return char


def _unicode_variants(mathml: str) -> str:
    from html import escape, unescape

    def swap(match: re.Match) -> str:
        tag, variant, attrs, text = match.groups()
        if variant not in _VARIANTS:
            return match.group(0)
        styled = "".join(_styled(c, _VARIANTS[variant]) for c in unescape(text))
        return f"<{tag}{attrs}>{escape(styled, quote=False)}</{tag}>"

    return _VARIANT_TOKEN.sub(swap, mathml)


# latex2mathml drops \mathrm{d} (one letter in braces) to a plain <mi>d</mi>, drawn italic;
# \mathrm d, without the braces, keeps it upright.
_ONE_LETTER_UPRIGHT = re.compile(r"\\(mathrm|operatorname)\{\s*([A-Za-z])\s*\}")


def _mathml(tex: str, block: bool) -> str:
    from latex2mathml.converter import convert

    tex = _ONE_LETTER_UPRIGHT.sub(r"\\mathrm \2", tex)
    try:
        return _unicode_variants(convert(tex, display="block" if block else "inline"))
    except Exception:  # noqa: BLE001 - TeX it cannot read is shown as written, never lost
        from html import escape

        return f'<code class="tex">{escape(tex)}</code>'


def _visit_math(self, node) -> None:
    self.body.append(_mathml(node.astext(), block=False))
    raise nodes.SkipNode


def _visit_displaymath(self, node) -> None:
    # amsmath environments (align, …) arrive whole, with nowrap set
    tex = node.astext()
    if not node.get("nowrap") and re.search(r"\\\\", tex) and r"\begin" not in tex:
        tex = r"\begin{aligned}" + tex + r"\end{aligned}"  # several lines, as MathJax shows
    self.body.append(f'<div class="math-block">{_mathml(tex, block=True)}</div>')
    raise nodes.SkipNode


# ---------------------------------------------------------------- alt text of figures
def _add_alt_text(app, doctree, docname) -> None:
    """Give each notebook figure the description written when it was executed."""
    for image in doctree.findall(nodes.image):
        if image.get("alt"):
            continue
        stem = Path(image["uri"]).stem
        if stem in ALT:
            image["alt"] = ALT[stem]


def setup(app):
    app.add_html_math_renderer("mathml", (_visit_math, None), (_visit_displaymath, None))
    app.connect("doctree-resolved", _add_alt_text)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

"""Step 5 of `make book` (autograder/book.py): what a built edition must never hold.

Every file of the site is read: a page as its reader sees its text (a code block keeps its
lines), a downloaded notebook cell by cell. Three kinds of problem:

* a leak, by the release's own rule (`autograder.release`): a marker or recorder call in a
  week page or a download, or a line that only a hidden test holds, or (in the student
  edition, and in every download) only a solution. A week page is held to its own notebook's
  secrets, a download to its release's, any other file to those of every notebook;
* a URL in ``src``/``href`` (or a stylesheet's ``url()``) that leaves the site; what scripts
  request is recorded in a browser (tests/test_browser.py);
* an image without alt text (or with its file name as alt text).
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

import nbformat

from autograder.notebooks import strip_solution_markers

if TYPE_CHECKING:
    from autograder.book import Page

__all__ = ["check_site", "page_text"]


class _Page(HTMLParser):
    """Text (code lines kept), every URL in src/href, and images without alt text of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.urls: list[str] = []
        self.no_alt: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("src", "href", "action", "data", "poster"):
            if attrs.get(name):
                self.urls.append(attrs[name])
        if tag == "img":
            alt = (attrs.get("alt") or "").strip()
            if not alt or alt == attrs.get("src") or alt.endswith((".png", ".svg", ".jpg")):
                self.no_alt.append(attrs.get("src", "?"))

    def handle_data(self, data):
        self.text.append(data)


EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//|^(?:https?|ftp|ws|wss):", re.I)
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)|@import\s+['\"]([^'\"]+)")


def page_text(page: str) -> str:
    """The text of an HTML page as a reader sees it (a code block keeps its lines)."""
    parser = _Page()
    parser.feed(page)
    return "".join(parser.text)


def _secrets(pages: list[Page], solutions_shown: bool) -> set[str]:
    """Lines that only the hidden tests (and, unless solutions are shown, the solutions) of
    these pages' notebooks hold: the release's own rule (`release.secret_lines`), over the
    notebooks read as one (a line one of them shows is no secret of another's)."""
    from autograder.release import secret_lines

    merged = nbformat.v4.new_notebook()
    for page in pages:
        for cell in nbformat.read(str(page.source), as_version=4).cells:
            if solutions_shown:  # only the hidden tests are secret
                cell.source = strip_solution_markers(cell.source)
            merged.cells.append(cell)
            if cell.cell_type == "markdown":  # a prompt's words as the page shows them
                merged.cells.append(nbformat.v4.new_markdown_cell(_plain(cell.source)))
    return secret_lines(merged)


def _plain(markdown: str) -> str:
    """Markdown without list markers, code ticks and emphasis, line by line."""
    lines = (re.sub(r"^\s*(?:\d+[.)]|[-*+>])\s+", "", line) for line in markdown.splitlines())
    return "\n".join(re.sub(r"`|\*\*", "", line) for line in lines)


def check_site(site: Path, pages: list[Page], edition: str) -> list[str]:
    """Everything wrong with the built ``edition`` in ``site``: leaks, URLs leaving the site,
    images without alt text.

    A week page is held to its own notebook's secrets, a downloaded notebook to its own
    release's (solutions are secret there in every edition), any other file to all of them.
    """
    from autograder.release import MARKERS

    shown = edition == "self-study"
    everything = _secrets(pages, shown)
    by_page = {f"{p.doc}.html": _secrets([p], shown) for p in pages}
    by_download = {p.name: _secrets([q for q in pages if q.name == p.name], False)
                   for p in pages}
    week_dirs = {page.week for page in pages}
    problems = []
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.suffix in (".png", ".jpg", ".svg", ".woff", ".woff2",
                                                 ".ico", ".gif"):
            continue
        rel = path.relative_to(site).as_posix()
        raw = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".ipynb":  # a download: its cells, as the release checks them
            lines = [line for cell in nbformat.reads(raw, as_version=4).cells
                     for line in cell.source.splitlines()]
            text = "\n".join(lines)
        elif path.suffix == ".html":
            parser = _Page()
            parser.feed(raw)
            text = "".join(parser.text)
            for url in parser.urls:
                if EXTERNAL.match(url.strip()):
                    problems.append(f"{rel}: a link or resource outside the site: {url}")
            problems += [f"{rel}: an image without alt text: {src}" for src in parser.no_alt]
        else:  # scripts' requests are recorded in a browser (tests/test_browser.py)
            text = html.unescape(raw)
            if path.suffix == ".css":
                problems += [f"{rel}: a URL outside the site: {u}" for pair in
                             CSS_URL.findall(raw) for u in pair if EXTERNAL.match(u)]
        # Markers are the release's; the authoring guide names them to teach them.
        if rel.split("/")[0] in week_dirs or "_downloads" in rel or rel == "searchindex.js":
            problems += [f"{rel}: contains {m!r}" for m in MARKERS if m in text]
        secrets = (by_download.get(path.name, everything) if path.suffix == ".ipynb"
                   else by_page.get(rel, everything))
        for line in text.splitlines():
            if line.strip() in secrets:
                problems.append(f"{rel}: contains the secret line {line.strip()!r}")
    return problems

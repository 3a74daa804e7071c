"""The course as a book (`make book`, autograder/book.py): week 1 built in both editions.

The build runs once for the module (week 1 executed in full mode, from the shared cache when a
`make book` already ran it). Checked on the built HTML: the pages and their navigation, the
download of the student notebook, solutions folded (self-study) or absent (student), no hidden
test anywhere, no URL leaving the site, math as MathML, alt text on every figure; and that the
site check itself catches each kind of problem when one is planted. The browser's view of the
same book is in tests/test_browser.py.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from autograder import book
from autograder.notebooks import REPO, is_solution, is_test, nbgrader_meta
from autograder.release import secret_lines

WEEK = "week01"
NOTEBOOK = "perceptrons"
SHARED_CACHE = REPO / "_build" / "book-work" / "cache"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("book") / "book"
    book.build([WEEK], out, cache=SHARED_CACHE, log=lambda *_: None)
    return out


def _page(site: Path, edition: str, rel: str = f"{WEEK}/{NOTEBOOK}.html") -> str:
    return (site / edition / rel).read_text(encoding="utf-8")


def _source():
    return nbformat.read(str(REPO / WEEK / f"{NOTEBOOK}.ipynb"), as_version=4)


# The syllabus's hours are current: tests/test_generated.py (`dlgrade generate --check`).


def test_week_hours_add_up_the_section_estimates():
    """Independently of the book's regular expression: every '(≈ N min)' in a heading."""
    for week in ("week01", "week09"):
        minutes = 0
        for path in sorted((REPO / week).glob("*.ipynb")):
            for cell in nbformat.read(str(path), as_version=4).cells:
                if cell.cell_type == "markdown":
                    for line in cell.source.splitlines():
                        if line.lstrip().startswith("#") and "(≈" in line:
                            minutes += int(line.split("(≈")[1].split("min")[0])
        assert book.week_hours(week)[0] == minutes > 0
    assert "≈ " in book.hours_table(["week01"]) and "h" in book.hours_table(["week01"])


def test_both_editions_have_every_page_and_navigation(site):
    assert (site / "index.html").is_file()  # the front door: the two editions
    for edition in book.EDITIONS:
        for rel in ("index.html", "search.html", "searchindex.js", "course/syllabus.html",
                    "course/NOTATION.html", "course/INSTRUCTORS.html", "docs/AUTHORING.html",
                    f"{WEEK}/{NOTEBOOK}.html"):
            assert (site / edition / rel).is_file(), f"{edition}/{rel} missing"
        page = _page(site, edition)
        assert 'class="prev-page"' in page and 'class="next-page"' in page
        assert 'role="search"' in page or 'class="sidebar-search"' in page
        landing = _page(site, edition, "index.html")
        assert f'href="{WEEK}/{NOTEBOOK}.html"' in landing  # the weeks' table and sidebar
        minutes, _ = book.week_hours(WEEK)
        assert f"{minutes // 60} h {minutes % 60:02d} min" in landing
        assert "Prerequisites" in _page(site, edition, "course/syllabus.html")
        assert "Calculus" in landing  # the syllabus's prerequisites, included


def test_week_page_offers_the_released_notebook(site):
    for edition in book.EDITIONS:
        page = _page(site, edition)
        links = re.findall(r'href="(\.\./_downloads/[^"]+\.ipynb)"', page)
        assert links, f"{edition}: no download link"
        nb = nbformat.read(str((site / edition / WEEK / links[0]).resolve()), as_version=4)
        released = nbformat.read(str(site.parent / "book-work" / "course" / "release" / WEEK
                                     / f"{NOTEBOOK}.ipynb"), as_version=4)
        assert [c.source for c in nb.cells] == [c.source for c in released.cells]
        assert "make lab" in book.page_text(page) and "dlgrade bundle" in book.page_text(page)


def test_self_study_folds_every_solution_and_student_has_none(site):
    source = _source()
    solutions = [c for c in source.cells if is_solution(c)]
    self_study, student = _page(site, "self-study"), _page(site, "student")
    toggle = re.compile(r"<details[^>]*>\s*<summary[^>]*>\s*<p[^>]*>Show solution</p>")
    assert len(toggle.findall(self_study)) == len(solutions) > 0
    assert "Hide solution" not in student and not toggle.findall(student)
    assert student.count("NotImplementedError") >= len(solutions)
    # a line of each solution is in the self-study edition, none in the student one
    secrets = secret_lines(source)
    for cell in solutions:
        body = [ln.strip() for ln in cell.source.splitlines() if ln.strip() in secrets]
        assert body, nbgrader_meta(cell)["grade_id"]
        text = book.page_text(self_study)
        assert body[0] in text, (nbgrader_meta(cell)["grade_id"], body[0])
        assert body[0] not in book.page_text(student)


def test_no_edition_holds_a_hidden_test(site):
    hidden = []  # the hidden regions' lines, read here without the release's code
    for cell in _source().cells:
        if is_test(cell):
            for region in cell.source.split("### BEGIN HIDDEN TESTS")[1:]:
                body = region.split("### END HIDDEN TESTS")[0]
                hidden += [ln.strip() for ln in body.splitlines() if len(ln.strip()) >= 12]
    assert hidden, "week 1 has hidden tests to look for"
    for edition in book.EDITIONS:
        for path in (site / edition).rglob("*"):
            if path.suffix in (".html", ".js", ".ipynb", ".txt"):
                text = path.read_text(encoding="utf-8", errors="replace")
                assert "HIDDEN TESTS" not in text or path.name == "AUTHORING.html", path
                assert "check.probe(" not in text and "check.record(" not in text or \
                    path.name == "AUTHORING.html", path
        lines = {ln.strip() for ln in book.page_text(_page(site, edition)).splitlines()}
        visible = {ln.strip() for c in _source().cells for ln in re.sub(
            r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS", "", c.source,
            flags=re.S).splitlines()}
        leaked = [ln for ln in hidden if ln in lines and ln not in visible]
        assert not leaked, (edition, leaked[:3])


def test_site_check_passes_and_finds_no_external_url(site):
    pages = book.release([WEEK], site.parent / "book-work")
    for edition in book.EDITIONS:
        assert book.check_site(site / edition, pages, edition) == []
        for path in (site / edition).rglob("*.html"):
            urls = re.findall(r'(?:src|href)="([^"]+)"', path.read_text(encoding="utf-8"))
            assert not [u for u in urls if re.match(r"(https?:)?//", u)], path


@pytest.mark.parametrize("plant, expect", [
    ("<pre>    check.probe(heaviside, a=_a)</pre>", "check.probe("),
    ('<script src="https://cdn.example.org/mathjax.js"></script>', "outside the site"),
    ('<img src="../_images/x.png" alt="../_images/x.png">', "without alt text"),
    ('<link rel="stylesheet" href="//fonts.example.org/css">', "outside the site"),
])
def test_site_check_catches_planted_problems(site, tmp_path, plant, expect):
    pages = book.release([WEEK], site.parent / "book-work")
    copy = tmp_path / "student"
    shutil.copytree(site / "student", copy)
    page = copy / WEEK / f"{NOTEBOOK}.html"
    page.write_text(_page(site, "student").replace("</body>", plant + "</body>"),
                    encoding="utf-8")
    problems = book.check_site(copy, pages, "student")
    assert any(expect in p for p in problems), problems


def test_site_check_catches_a_solution_in_the_student_edition(site, tmp_path):
    pages = book.release([WEEK], site.parent / "book-work")
    copy = tmp_path / "student"
    shutil.copytree(site / "student", copy)
    solution = _page(site, "self-study")  # holds every solution: not allowed as the student's
    (copy / WEEK / f"{NOTEBOOK}.html").write_text(solution, encoding="utf-8")
    problems = book.check_site(copy, pages, "student")
    assert any("secret line" in p for p in problems), problems
    # the same page is fine as the self-study edition: solutions there are not secret
    assert not [p for p in book.check_site(site / "self-study", pages, "self-study")]


def test_math_is_mathml_and_figures_have_alt_text(site):
    for edition in book.EDITIONS:
        page = _page(site, edition)
        assert page.count("<math") > 50
        assert 'class="tex"' not in page  # no formula latex2mathml could not read
        # browsers ignore mathvariant: bold letters are Unicode's bold characters instead
        assert 'mathvariant="bold"' not in page and "𝐱" in page
        assert not re.search(r"<script[^>]*mathjax", page, re.I)  # no MathJax to fetch
        images = re.findall(r"<img [^>]*>", page)
        assert len(images) >= 5
        for img in images:
            alt = re.search(r'alt="([^"]*)"', img)
            assert alt and alt.group(1).startswith("Figure in “"), img
            assert "panel" in alt.group(1), img


def test_site_check_catches_a_hidden_test_line_in_either_edition(site, tmp_path):
    """A line only a hidden region holds, without any marker around it, is found."""
    pages = book.release([WEEK], site.parent / "book-work")
    source = _source()
    secrets = secret_lines(source)
    hidden = next(ln.strip() for c in source.cells if is_test(c)
                  for ln in c.source.split("### BEGIN HIDDEN TESTS", 1)[-1].splitlines()
                  if "### BEGIN HIDDEN TESTS" in c.source and ln.strip() in secrets
                  and "check." not in ln)
    for edition in book.EDITIONS:
        copy = tmp_path / edition
        shutil.copytree(site / edition, copy)
        page = copy / WEEK / f"{NOTEBOOK}.html"
        page.write_text(_page(site, edition).replace(
            "</body>", f"<pre>    {html.escape(hidden)}</pre></body>"), encoding="utf-8")
        problems = book.check_site(copy, pages, edition)
        assert any("secret line" in p and hidden in p for p in problems), (edition, problems)


def test_upright_letters_stay_upright(tmp_path):
    """\\mathrm{d} (one letter in braces) is drawn upright, as \\mathrm{KL} is: latex2mathml
    alone would give it a plain <mi>, which browsers draw italic."""
    import importlib.util

    shutil.copy(REPO / "book" / "conf.py", tmp_path / "conf.py")
    (tmp_path / "edition.json").write_text('{"title": "t", "announcement": ""}')
    (tmp_path / "alt.json").write_text("{}")
    spec = importlib.util.spec_from_file_location("book_conf_under_test", tmp_path / "conf.py")
    conf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conf)
    for tex in (r"\frac{\mathrm{d}f}{\mathrm{d}x}", r"x^{\mathrm{T}}", r"\operatorname{d}x"):
        mathml = conf._mathml(tex, block=False)
        upright = re.findall(r'<mi mathvariant="normal">([dT])</mi>', mathml)
        assert upright and len(upright) == tex.count("{d}") + tex.count("{T}"), mathml
    assert '<mi>x</mi>' in conf._mathml(r"\mathrm{d}x", block=False)  # x stays italic

"""The course as people use it, in a real browser: Debian's Chromium, driven by Playwright.

One temporary course serves every test: week01 released, a class of two (the reference
solutions and the untouched release) collected and graded in the background, and one
JupyterLab server on the course folder (formgrader needs the course under its root):

* a student opens the release in JupyterLab, runs it from the menu, sees the demos' plots and
  the visible checks saying ``NotImplementedError``, and presses nbgrader's "Validate";
* an instructor opens the class report (``file://``) and nbgrader's formgrader;
* a reader opens the course's book (week 1 of `make book`, served over HTTP on 127.0.0.1):
  the landing page, figures and math, the solution toggle, the student edition, search, the
  download of the student notebook, a phone-sized window; every request is recorded, and one
  that leaves the site fails the test.

Each test leaves screenshots in ``$DLCOURSE_SCREENSHOTS`` (default: a ``dlcourse-browser``
folder in the temporary directory) for a person to look at.

Set-up: ``apt-get install chromium`` and the ``playwright`` package (its driver comes with the
wheel; never ``playwright install``: the browser is Debian's; ``DLCOURSE_CHROMIUM`` names
another Chromium binary). Without them these tests skip, saying why, except where the
environment variable ``CI`` is set: there they fail. Under pytest-xdist, run with
``--dist loadfile`` (see the Makefile) so that one worker runs them all on one server.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest

from autograder import collect, release, sample_class, sandbox
from autograder.class_report import build_report
from autograder.course import Course
from autograder.exports import manifest
from autograder.notebooks import REPO

pytestmark = pytest.mark.xdist_group("browser")  # one course, one server: one worker

WEEK = "week01"
STUDENTS = ("perfect", "empty", "scripted", "common_mistakes")
# What the "scripted" student adds: live HTML and script must never run in a grader's page.
SCRIPT_MARKDOWN = ("<script>window.PWNED = 'markdown'</script>"
                   "<img src=x onerror=\"window.PWNED = 'img'\">")
SCRIPT_OUTPUT = ("\nfrom IPython.display import HTML, Javascript, display\n"
                 "display(HTML(\"<script>window.PWNED = 'html'</script>\"))\n"
                 "display(Javascript(\"window.PWNED = 'js'\"))\n")
CHROMIUM = (os.environ.get("DLCOURSE_CHROMIUM") or shutil.which("chromium")
            or "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
SHOTS = Path(os.environ.get("DLCOURSE_SCREENSHOTS",
                            Path(tempfile.gettempdir()) / "dlcourse-browser"))
VIEWPORT = {"width": 1400, "height": 900}
RUN_TIMEOUT_MS = 300_000  # a whole notebook run, or nbgrader's validation of it

# JavaScript run in the page. JupyterLab exposes its application object as window.jupyterapp
# (--LabApp.expose_app_in_browser): the tests read the notebook's model from it, because the
# DOM holds only the cells in view (JupyterLab virtualizes long notebooks).
PANEL = "window.jupyterapp.shell.currentWidget"
# The notebook at `path` is the current widget and its kernel is idle. The path is checked
# because JupyterLab may restore a notebook an earlier test opened and show it first.
KERNEL_READY = f"""path => {{
  const p = window.jupyterapp && {PANEL};
  if (!p || !p.context || p.context.path !== path) return false;
  const k = p.sessionContext && p.sessionContext.session && p.sessionContext.session.kernel;
  return !!(k && k.status === 'idle' && p.content && p.content.model);
}}"""
RUN_FINISHED = f"""() => {{
  const p = {PANEL}, cells = p.content.model.cells, s = p.sessionContext.session;
  if (!s || !s.kernel || s.kernel.status !== 'idle') return false;  // null while it restarts
  let started = false;
  for (let i = 0; i < cells.length; i++) {{
    const c = cells.get(i);
    if (c.type !== 'code') continue;
    if (c.executionState === 'running') return false;
    if (c.executionCount !== null) started = true;
  }}
  return started;
}}"""
CELLS = f"""() => {{
  const cells = {PANEL}.content.model.cells, out = [];
  for (let i = 0; i < cells.length; i++) {{
    const c = cells.get(i);
    if (c.type !== 'code') continue;
    out.push({{index: i, grade_id: (c.getMetadata('nbgrader') || {{}}).grade_id || null,
              count: c.executionCount, empty: !c.sharedModel.source.trim(),
              outputs: c.outputs.toJSON().map(o => ({{type: o.output_type, ename: o.ename || null,
                                                      mimes: Object.keys(o.data || {{}})}}))}});
  }}
  return out;
}}"""
# Every code cell with source has run (after "Run All Cells" went through to the end).
ALL_RAN = f"""() => {{
  const cells = {PANEL}.content.model.cells;
  for (let i = 0; i < cells.length; i++) {{
    const c = cells.get(i);
    if (c.type === 'code' && c.sharedModel.source.trim() &&
        (c.executionCount === null || c.executionState === 'running')) return false;
  }}
  return true;
}}"""


# ------------------------------------------------------------------------------ fixtures
def _missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install playwright)"
    if not os.access(CHROMIUM, os.X_OK):
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    return None


@pytest.fixture(scope="session")  # kept across modules: xdist interleaves them
def browser():
    why = _missing()
    if why:
        if os.environ.get("CI"):
            pytest.fail(f"the browser tests must run in CI, but {why}")
        print(f"\nbrowser tests skipped: {why}", file=sys.stderr)
        pytest.skip(why)
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")  # kept across modules: xdist interleaves them
def course(browser, tmp_path_factory):
    """week01 released and copied to ``student/week01`` (what a student gets), and a class
    of two collected; their grading runs in the background (see ``graded``)."""
    root = tmp_path_factory.mktemp("browser") / "course"
    course = Course.open(root, create=True)
    release.release_week(course, WEEK)
    shutil.copytree(course.release_dir(WEEK), root / "student" / WEEK)
    lms = root.parent / "lms"
    sample_class.write_sample_class(course, WEEK, lms)
    for path in lms.iterdir():
        if not path.name.startswith(tuple(f"{s}_" for s in STUDENTS)):
            path.unlink()
    # "scripted": every exercise right, plus HTML and script in its Markdown and outputs
    perfect = next(lms.glob("perfect_*.ipynb"))
    nb = nbformat.read(str(perfect), as_version=4)
    nb.cells.insert(1, nbformat.v4.new_markdown_cell(SCRIPT_MARKDOWN))
    first = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution"))
    first.source += SCRIPT_OUTPUT
    nbformat.write(nb, str(lms / perfect.name.replace("perfect_", "scripted_")))
    report = collect.collect(course, WEEK, lms)
    assert len(report.imported) == len(STUDENTS), report
    unsafe = ["--unsafe"] if sandbox.unavailable_reason() else []
    log = (root.parent / "grade.log").open("w")
    grading = subprocess.Popen(
        [sys.executable, "-m", "autograder", "--course", str(root), "grade", WEEK,
         "--workers", "2", "--quiet", *unsafe], stdout=log, stderr=subprocess.STDOUT,
        cwd=REPO)
    yield SimpleNamespace(course=course, root=root, grading=grading, log=root.parent / "grade.log")
    if grading.poll() is None:
        grading.kill()
        grading.wait()
    log.close()


@pytest.fixture(scope="session")  # kept across modules: xdist interleaves them
def graded(course):
    """The course once the background grading has finished."""
    rc = course.grading.wait(timeout=600)
    assert rc == 0, course.log.read_text()
    return course


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")  # kept across modules: xdist interleaves them
def lab(course, tmp_path_factory):
    """JupyterLab on the course folder, with nbgrader's extensions (as `make lab` has them)."""
    home = tmp_path_factory.mktemp("lab")
    # No "fetch Jupyter news?" notification over the page.
    settings = home / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    token, port = secrets.token_hex(16), _free_port()
    cmd = [str(Path(sys.executable).with_name("jupyter")), "lab", "--no-browser",
           f"--port={port}", f"--ServerApp.token={token}", "--ServerApp.ip=127.0.0.1",
           f"--ServerApp.root_dir={course.root}", "--LabApp.expose_app_in_browser=True",
           f"--LabApp.user_settings_dir={home / 'settings'}",
           f"--LabApp.workspaces_dir={home / 'workspaces'}"]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(home / "config"),
               JUPYTER_RUNTIME_DIR=str(home / "runtime"), IPYTHONDIR=str(home / "ipython"))
    log = (home / "lab.log").open("w")
    # The course folder as working folder: nbgrader's extensions read nbgrader_config.py there.
    server = subprocess.Popen(cmd, cwd=course.root, env=env, stdout=log,
                              stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=5):
                break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail("JupyterLab did not start:\n" + (home / "lab.log").read_text())
            time.sleep(0.5)
    yield SimpleNamespace(url=url, token=token, log=home / "lab.log")
    server.terminate()  # the server shuts its kernels down on SIGTERM
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
    log.close()


@pytest.fixture
def page(browser):
    page = browser.new_page(viewport=VIEWPORT)
    yield page
    page.close()


def _shot(page, name: str, full_page: bool = False) -> Path:
    path = SHOTS / name
    page.screenshot(path=str(path), full_page=full_page)
    return path


def _cell(page, index: int):
    """Cell ``index`` of the notebook, scrolled into view (so into the DOM), as a locator."""
    page.evaluate(f"""async () => {{
      const p = {PANEL};
      p.content.activeCellIndex = {index};
      await p.content.scrollToItem({index}, 'start');
      p.content.widgets[{index}].node.setAttribute('data-test-cell', '{index}');
    }}""")
    cell = page.locator(f"[data-test-cell='{index}']")
    cell.wait_for(state="visible")
    return cell


def _open_notebook(page, lab, path: str) -> None:
    """Open the notebook at ``path`` (relative to the course folder) alone, in a workspace of
    its own (the default one would bring back notebooks earlier tests opened), and wait until
    it is the current widget with an idle kernel."""
    page.goto(f"{lab.url}/lab/workspaces/{secrets.token_hex(4)}/tree/{path}?token={lab.token}")
    page.wait_for_function(KERNEL_READY, arg=path, timeout=120_000, polling=250)


# ------------------------------------------------------------------------------ students
def test_student_runs_the_release_sees_plots_checks_and_validates(page, lab, course):
    notebook = next((course.root / "student" / WEEK).glob("*.ipynb")).name
    _open_notebook(page, lab, f"student/{WEEK}/{notebook}")
    _shot(page, "1-notebook-opened.png")

    # "Run All Cells" runs to the end with every exercise unsolved: the release tags the cells
    # that stop (an exercise's own cells, demos guarded by check.needs) raises-exception.
    page.click(".lm-MenuBar-itemLabel:text-is('Run')")
    page.click(".lm-Menu-itemLabel:text-is('Run All Cells')")
    page.wait_for_function(RUN_FINISHED, timeout=RUN_TIMEOUT_MS, polling=250)
    page.wait_for_function(ALL_RAN, timeout=RUN_TIMEOUT_MS, polling=250)
    cells = page.evaluate(CELLS)
    assert all(c["count"] is not None for c in cells if not c["empty"]), \
        [c["index"] for c in cells if c["count"] is None and not c["empty"]]
    tests = [c for c in cells if (c["grade_id"] or "").startswith("test_")]
    assert tests, "the release has no visible-check cells"
    for cell in tests:
        errors = [o["ename"] for o in cell["outputs"] if o["type"] == "error"]
        assert errors == ["NotImplementedError"], (cell["grade_id"], cell["outputs"])
    others = {o["ename"] for c in cells if c not in tests for o in c["outputs"]
              if o["type"] == "error"}
    assert others <= {"NotImplementedError", "ExerciseNotDone"}, others
    guarded = [c for c in cells if any(o["ename"] == "ExerciseNotDone" for o in c["outputs"])]
    assert guarded, "no demo said which exercise to finish first"
    plots = [c for c in cells if any("image/png" in o["mimes"] for o in c["outputs"])]
    assert len(plots) >= 2, "the demos that need no exercise drew fewer than two plots"
    image = _cell(page, plots[0]["index"]).locator(".jp-OutputArea-output img").first
    image.wait_for(state="visible")
    assert image.evaluate("img => img.complete && img.naturalWidth") > 100
    _shot(page, "2-first-plot.png")
    failed = _cell(page, tests[0]["index"]).locator(".jp-OutputArea-output").last
    failed.wait_for(state="visible")
    text = failed.inner_text().strip()
    assert text.startswith("NotImplementedError: `") and "not written yet" in text, text
    assert len(text.splitlines()) <= 2, text  # one line, not a traceback
    _shot(page, "3-first-check-not-implemented.png")
    demo = _cell(page, guarded[0]["index"]).locator(".jp-OutputArea-output").last
    demo.wait_for(state="visible")
    assert demo.inner_text().strip().startswith("Exercise not done yet: this cell needs `")
    _shot(page, "4-demo-names-its-exercise.png")

    # nbgrader's Validate button (nbgrader's lab extension; no configuration needed).
    button = page.locator(".jp-NotebookPanel-toolbar .validate-button")
    assert button.is_visible() and button.inner_text().strip() == "Validate"
    button.click()
    dialog = page.locator(".jp-Dialog")
    dialog.wait_for(state="visible", timeout=RUN_TIMEOUT_MS)
    assert dialog.locator(".jp-Dialog-header").inner_text().strip() == "Validation Results"
    body = dialog.locator(".jp-Dialog-body").inner_text()
    assert "The following cell failed" in body and "NotImplementedError" in body
    _shot(page, "5-validate-results.png")
    dialog.locator("button.jp-mod-accept").click()


def _half_done_notebook(course) -> str:
    """week01 as a student has it halfway: `heaviside` and `xor_network` right,
    `perceptron_predict` wrong at a = 0 (a common mistake), `perceptron_train` not written.
    Returns its path under the course folder."""
    from autograder.notebooks import is_solution, nbgrader_meta, strip_solution_markers

    name = next((course.root / "student" / WEEK).glob("*.ipynb")).name
    source = nbformat.read(str(REPO / WEEK / name), as_version=4)
    nb = nbformat.read(str(course.root / "student" / WEEK / name), as_version=4)
    for mine, reference in zip(nb.cells, source.cells):
        grade_id = nbgrader_meta(mine).get("grade_id")
        if not is_solution(mine) or grade_id not in ("heaviside", "xor_network",
                                                      "perceptron_predict"):
            continue
        mine.source = strip_solution_markers(reference.source)
        if grade_id == "perceptron_predict":
            assert "(a >= 0)" in mine.source
            mine.source = mine.source.replace("(a >= 0)", "(a > 0)")
    folder = course.root / "halfway" / WEEK
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(folder / name))
    return f"halfway/{WEEK}/{name}"


def test_student_sees_a_check_pass_one_fail_and_a_demo_name_its_exercise(page, lab, course):
    """A passing check says so; a failing one shows its message once, without a traceback;
    a demo that uses an unwritten exercise only through a variable (the noisy XOR data made
    by the cell that trains the perceptron) names that exercise."""
    _open_notebook(page, lab, _half_done_notebook(course))
    page.click(".lm-MenuBar-itemLabel:text-is('Run')")
    page.click(".lm-Menu-itemLabel:text-is('Run All Cells')")
    page.wait_for_function(RUN_FINISHED, timeout=RUN_TIMEOUT_MS, polling=250)
    page.wait_for_function(ALL_RAN, timeout=RUN_TIMEOUT_MS, polling=250)
    cells = page.evaluate(CELLS)
    by_id = {c["grade_id"]: c for c in cells if c["grade_id"]}

    passed = _cell(page, by_id["test_heaviside"]["index"]).locator(".jp-OutputArea-output")
    passed.last.wait_for(state="visible")
    assert passed.last.inner_text().strip() == "✓ heaviside: 2 checks passed"
    _shot(page, "5a-check-passed.png")

    failed = _cell(page, by_id["test_perceptron_predict"]["index"]).locator(
        ".jp-OutputArea-output").last
    failed.wait_for(state="visible")
    text = failed.inner_text().strip()
    assert text.startswith("Check failed: predictions of w = [1, 1], b = -1 "), text
    assert "expected [0, 1, 1, 1], received [0, 0, 0, 1]" in text, text
    assert "Traceback" not in text and "CheckError" not in text, text
    assert text.count("expected [0, 1, 1, 1]") == 1, text  # the message once
    _shot(page, "5b-check-failed.png")

    # The guarded demo after the XOR exercise reads Xn, yn: made by a cell that trains the
    # perceptron. It must name perceptron_train, although it never calls it.
    after = by_id["test_xor_network"]["index"]
    demo = next(c for c in cells if c["index"] > after
                and any(o["ename"] == "ExerciseNotDone" for o in c["outputs"]))
    shown = _cell(page, demo["index"]).locator(".jp-OutputArea-output").last
    shown.wait_for(state="visible")
    assert shown.inner_text().strip() == (
        "Exercise not done yet: this cell needs `perceptron_train`: finish that exercise and "
        "run its cell first, then run this cell again.")
    _shot(page, "5c-demo-names-the-exercise-behind-its-data.png")


# ------------------------------------------------------------------------------ instructors
def test_report_opens_with_its_plots_and_table(page, graded, tmp_path):
    out = build_report(graded.course, [WEEK], tmp_path / "report.html")
    page.goto(out.as_uri())
    _shot(page, "6-report-top.png")
    assert page.title().startswith("Class report")
    assert page.locator("h1").inner_text().startswith("Class report")
    images = page.locator("figure img")
    assert images.count() >= 3
    for i in range(images.count()):
        images.nth(i).scroll_into_view_if_needed()
        assert images.nth(i).is_visible()
        assert images.nth(i).evaluate("img => img.complete && img.naturalWidth") > 200
    table = page.locator("table.exercises")
    table.scroll_into_view_if_needed()
    assert table.is_visible()
    cells = sum(len(r["test_cells"]) for r in manifest(REPO, [WEEK]))
    assert table.locator("tbody tr").count() == cells
    # every cell is failed by the empty student and passed by the perfect one
    failed = table.locator("tbody tr td:nth-child(6)").all_inner_texts()
    assert len(failed) == cells
    assert all(re.fullmatch(rf"[1-{len(STUDENTS) - 1}] / {len(STUDENTS)}", f.strip())
               for f in failed), failed
    page.locator("h3", has_text="Per exercise").evaluate("h => h.scrollIntoView()")
    _shot(page, "7-report-table.png")
    help_table = page.locator("table.help")
    assert help_table.is_visible()
    rows = help_table.locator("tbody tr").all_inner_texts()  # lowest score first
    assert rows[0].split("\t")[1] == "0%", rows
    assert any(r.startswith("empty\t0%") for r in rows), rows
    mistakes = page.locator("#mistakes")
    mistakes.scroll_into_view_if_needed()
    assert mistakes.is_visible()


def test_feedback_page_opens_with_its_summary(page, graded):
    from autograder.feedback import feedback_week

    pages = {p.parent.parent.name: p for p in feedback_week(graded.course, WEEK)}
    page.goto(pages["empty"].as_uri())
    summary = page.locator("table.dl-summary")
    summary.wait_for(state="visible")
    rows = summary.locator("tr")
    assert rows.count() == 1 + len(manifest(REPO, [WEEK]))  # a row per exercise
    assert "not implemented yet" in rows.nth(1).inner_text()
    body = page.locator("body").inner_text()
    assert "No response." not in body and "Not answered:" in body  # not a grader's remark
    box = summary.bounding_box()
    assert box and box["width"] <= VIEWPORT["width"]  # long messages wrap
    _shot(page, "10-feedback-summary.png")
    page.goto(pages["scripted"].as_uri())
    page.wait_for_load_state("load")
    assert page.evaluate("() => window.PWNED === undefined"), page.evaluate("window.PWNED")


def test_feedback_names_the_common_mistake_with_a_hint(page, graded):
    from autograder.feedback import feedback_week

    pages = {p.parent.parent.name: p for p in feedback_week(graded.course, WEEK)}
    page.goto(pages["common_mistakes"].as_uri())
    summary = page.locator("table.dl-summary")
    summary.wait_for(state="visible")
    fixes = summary.locator("td.fix").all_inner_texts()
    named = [f for f in fixes if f.startswith("your results match a common mistake")]
    assert len(named) >= len(fixes) // 2, fixes  # most exercises are diagnosed...
    assert all("Hint: " in f for f in named), named  # ...each with a hint
    _shot(page, "13-feedback-diagnosed.png")


def test_feedback_math_is_drawn_without_the_network(page, graded):
    from autograder.feedback import feedback_week

    pages = {p.parent.parent.name: p for p in feedback_week(graded.course, WEEK)}
    requests: list[str] = []
    page.route("**/*", lambda route: (requests.append(route.request.url), route.abort())
               if not route.request.url.startswith("file:") else route.continue_())
    try:
        page.goto(pages["empty"].as_uri())
        page.wait_for_load_state("load")
        formulas = page.locator("math")
        assert formulas.count() > 20
        first = formulas.first
        first.scroll_into_view_if_needed()
        box = first.bounding_box()
        assert box and box["height"] > 5  # drawn by the browser, not left as text
        raw = page.evaluate("() => document.querySelector('.jp-Notebook, body').innerText")
        assert "$\\mathbf" not in raw and "\\frac" not in raw
        assert not [u for u in requests if "mathjax" in u.lower()], requests
        _shot(page, "12-feedback-math-offline.png")
    finally:
        page.unroute("**/*")


def test_formgrader_lists_the_week_and_its_submissions(page, lab, graded):
    page.goto(f"{lab.url}/formgrader?token={lab.token}")
    row = page.locator("tr", has=page.locator("td.name a", has_text=WEEK))
    row.wait_for(state="visible", timeout=60_000)
    assert row.locator("td.num-submissions").inner_text().strip() == str(len(STUDENTS))
    _shot(page, "8-formgrader-assignments.png")
    row.locator("td.num-submissions a").click()
    page.wait_for_url(f"**/formgrader/manage_submissions/{WEEK}")
    for student in STUDENTS:
        page.locator("td", has_text=student).first.wait_for(state="visible", timeout=30_000)
    text = page.locator("table").inner_text()
    points = sum(r["points"] for r in manifest(REPO, [WEEK]))
    assert f"{points:g} / {points:g}" in text and f"0 / {points:g}" in text
    _shot(page, "9-formgrader-submissions.png")
    # formgrader's view of the scripted student's notebook runs none of its HTML or script
    with graded.course.gradebook() as gb:
        notebook = next(graded.course.source_dir(WEEK).glob("*.ipynb")).stem
        sub_id = gb.find_submission_notebook(notebook, WEEK, "scripted").id
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{lab.url}/formgrader/submissions/{sub_id}/?index=0&token={lab.token}")
    page.locator("body").wait_for(state="visible")
    page.wait_for_timeout(1500)
    assert page.evaluate("() => window.PWNED === undefined"), page.evaluate("window.PWNED")
    assert not dialogs
    _shot(page, "11-formgrader-scripted-student.png")


def test_similarity_report_ranks_the_copying_pair_and_marks_their_code(page, tmp_path):
    """The demo's class of the first week (its copying pair included): the similarity page
    lists the pair first, shows their cells side by side with the shared lines marked, and
    filters by student."""
    from autograder.similarity import similarity_week

    course = Course.open(tmp_path / "course", create=True)
    release.release_week(course, WEEK)
    lms = tmp_path / "lms"
    sample_class.write_sample_class(course, WEEK, lms, sample_class.kinds_for_week(0))
    collect.collect(course, WEEK, lms)
    out, _, _ = similarity_week(course, WEEK)
    page.goto(out.as_uri())
    assert page.title() == f"Similarity: {WEEK}"
    assert "evidence to look at, not proof" in page.locator(".note").inner_text()
    first = page.locator("#pairs .pair").first
    assert first.is_visible()
    assert "copycat" in first.inner_text() and "own_way" in first.inner_text()
    assert page.locator("#pager").inner_text().startswith("1 pair(s) · page 1 of 1")
    first.locator("summary").click()
    marked = first.locator("pre.code span.copy")
    assert marked.count() > 10 and marked.first.is_visible()
    marked.first.scroll_into_view_if_needed()
    _shot(page, "12-similarity-pair.png")
    page.fill("#filter", "nobody")
    assert page.locator("#pairs .pair:visible").count() == 0
    assert page.locator("#pager").inner_text().startswith("0 pair(s)")
    page.fill("#filter", "copy")
    assert page.locator("#pairs .pair:visible").count() == 1
    page.locator("#reference").scroll_into_view_if_needed()
    _shot(page, "13-similarity-reference.png")


# ------------------------------------------------------------------------------ the book
def _first_solution_line() -> str:
    """A line that only the first exercise's reference solution in week 1 holds."""
    from autograder.notebooks import is_solution

    nb = nbformat.read(str(REPO / WEEK / "perceptrons.ipynb"), as_version=4)
    secrets = release.secret_lines(nb)
    cell = next(c for c in nb.cells if is_solution(c))
    return next(ln.strip() for ln in cell.source.splitlines() if ln.strip() in secrets)


SOLUTION_LINE = _first_solution_line()


@pytest.fixture(scope="session")
def book_site(browser, tmp_path_factory):
    """Week 1's book, both editions (`make book --weeks week01`), served over HTTP on
    127.0.0.1 as any static host would serve it."""
    import functools
    import http.server
    import threading

    from autograder import book

    out = tmp_path_factory.mktemp("book") / "book"
    book.build([WEEK], out, cache=REPO / "_build" / "book-work" / "cache", log=lambda *_: None)

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(out)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield SimpleNamespace(root=out, url=f"http://127.0.0.1:{server.server_address[1]}")
    server.shutdown()
    server.server_close()


@pytest.fixture
def book_page(browser, book_site):
    """A page that records every request and lets through only those to the book's host
    (what leaves the site is recorded, then refused)."""
    page = browser.new_page(viewport=VIEWPORT)
    page.requests = []
    page.route("**/*", lambda route: (
        page.requests.append(route.request.url),
        route.continue_() if route.request.url.startswith(book_site.url + "/")
        else route.abort()))
    yield page
    outside = [u for u in page.requests if not u.startswith(book_site.url + "/")]
    page.close()
    assert not outside, f"requests that left the site: {outside}"


def _drawn(locator) -> bool:
    box = locator.bounding_box()
    return bool(box and box["width"] > 3 and box["height"] > 3)


def test_book_landing_page_lists_the_weeks(book_page, book_site):
    page = book_page
    page.goto(f"{book_site.url}/index.html")
    page.get_by_role("link", name="Self-study edition").click()
    page.wait_for_load_state("load")
    assert page.locator("h1").first.inner_text().startswith("Deep learning in nine weeks")
    table = page.locator("table", has_text="exercises (points)")
    assert "Perceptrons and the math toolkit" in table.inner_text()
    for heading in ("Who it is for", "The nine weeks", "Working through it alone",
                    "Teaching it"):
        assert page.get_by_role("heading", name=heading).count() == 1, heading
    assert page.locator(".sidebar-tree").get_by_text("Week 1").count() >= 1
    _shot(page, "20-book-landing.png")


def test_book_week_page_draws_figures_and_math_and_folds_solutions(book_page, book_site):
    page = book_page
    page.goto(f"{book_site.url}/self-study/{WEEK}/perceptrons.html")
    page.wait_for_load_state("load")
    images = page.locator("article img")
    assert images.count() >= 5
    first = images.first
    first.scroll_into_view_if_needed()
    assert page.evaluate("(img) => img.complete && img.naturalWidth > 100",
                         first.element_handle())
    assert first.get_attribute("alt").startswith("Figure in")
    formulas = page.locator("article math")
    assert formulas.count() > 50 and _drawn(formulas.first)
    prose = "\n".join(page.locator("article p").all_inner_texts())
    assert "$\\mathbf" not in prose and "\\frac" not in prose  # no TeX left as text
    # the solution toggle: folded, opens on a click, shows the reference
    toggle = page.locator("details.hide", has_text="Show solution").first
    toggle.scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, -200)")
    code = toggle.locator("pre").first
    assert not code.is_visible()
    _shot(page, "21-book-solution-folded.png")
    toggle.locator("summary").click()
    assert code.is_visible() and SOLUTION_LINE in code.inner_text()
    assert "Hide solution" in toggle.locator("summary").inner_text()
    page.wait_for_timeout(600)  # the theme fades the code in
    _shot(page, "22-book-solution-shown.png")
    # previous and next pages
    assert page.locator("a.prev-page").count() == 1 and page.locator("a.next-page").count() == 1


def test_book_student_edition_has_no_solution(book_page, book_site):
    page = book_page
    page.goto(f"{book_site.url}/student/{WEEK}/perceptrons.html")
    page.wait_for_load_state("load")
    assert page.locator("text=Show solution").count() == 0
    assert SOLUTION_LINE not in page.locator("article").inner_text()
    stub = page.locator("article pre", has_text="def heaviside").first
    stub.scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, -200)")
    assert "NotImplementedError" in stub.inner_text()
    assert page.locator("article img").count() >= 5  # the figures are there all the same
    _shot(page, "23-book-student-exercise.png")


def test_book_search_finds_an_exercise_by_name(book_page, book_site):
    page = book_page
    page.goto(f"{book_site.url}/self-study/index.html")
    box = page.locator("input[name='q']").first
    box.fill("perceptron_train")
    box.press("Enter")
    page.wait_for_url("**/search.html?q=perceptron_train*")
    hit = page.locator("#search-results a", has_text="Week 1")
    hit.first.wait_for(state="visible", timeout=30_000)
    _shot(page, "24-book-search.png")
    hit.first.click()
    page.wait_for_load_state("load")
    assert page.url.split("?")[0].endswith(f"{WEEK}/perceptrons.html")


def test_book_download_gives_the_student_notebook(book_page, book_site, tmp_path):
    page = book_page
    page.goto(f"{book_site.url}/student/{WEEK}/perceptrons.html")
    link = page.get_by_role("link", name="Download the student notebook")
    assert "make lab" in page.locator(".admonition", has=link).inner_text()
    with page.expect_download() as info:
        link.click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    assert saved.name == "perceptrons.ipynb"
    nb = nbformat.read(str(saved), as_version=4)
    sources = "\n".join(c.source for c in nb.cells)
    assert "raise NotImplementedError()" in sources
    assert "BEGIN SOLUTION" not in sources and "HIDDEN TESTS" not in sources


def test_book_on_a_phone(browser, book_site):
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True,
                            has_touch=True, device_scale_factor=2)
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    try:
        page.goto(f"{book_site.url}/self-study/{WEEK}/perceptrons.html")
        page.wait_for_load_state("load")
        # nothing wider than the screen: wide code, tables and formulas scroll by themselves
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 390 + 1, width
        image = page.locator("article img").first
        image.scroll_into_view_if_needed()
        assert image.bounding_box()["width"] <= 390
        _shot(page, "25-book-phone-figure.png")
        page.locator("label.nav-overlay-icon").click()  # the menu: the weeks
        page.get_by_role("link", name="Notation used in every week").first.wait_for(
            state="visible")
        _shot(page, "26-book-phone-menu.png")
        assert all(u.startswith(book_site.url + "/") for u in requests), requests
    finally:
        page.close()

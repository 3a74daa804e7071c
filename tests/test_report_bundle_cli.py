"""The class report, the student bundle and `dlcourse check`, on the toy week (fast)."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import nbformat
import pytest

from autograder import grade, release, sandbox
from autograder.bundle import find_secrets, make_bundle
from autograder.class_report import build_report, failure_kind, failure_reason, normalize_message
from autograder.course import GradingError
from tests.toy import WEEK, make_toy_course

pytestmark = pytest.mark.xdist_group("report_bundle_cli")  # one graded toy course

NOT_IMPLEMENTED = "the function is not implemented yet (it raises NotImplementedError)"


def solved(course, double_body=None, count_body=None):
    """The toy release with its solution cells filled in (optionally with other bodies)."""
    nb = nbformat.read(str(course.release_dir(WEEK) / "toy.ipynb"), as_version=4)
    bodies = {"double": double_body or "return 2 * np.asarray(x, dtype=float)",
              "count_positive": count_body or "return int(np.sum(np.asarray(x) > 0))"}
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if gid in bodies and bodies[gid] != "unsolved":
            cell.source = cell.source.replace("# YOUR CODE HERE\n    raise NotImplementedError()",
                                              bodies[gid])
    return nb


def graded_toy_course(tmp: Path):
    """A toy course with five graded students whose commonest failure is 'not implemented'."""
    course = make_toy_course(tmp)
    release.release_week(course, WEEK)
    students = {
        "perfect": solved(course),
        "empty": solved(course, "unsolved", "unsolved"),
        "half": solved(course, count_body="unsolved"),
        "lazy": solved(course, count_body="unsolved"),
        "tripled": solved(course, double_body="return 3 * np.asarray(x, dtype=float)"),
        "wrong_shape": solved(course, double_body="return 2 * np.asarray(x, dtype=float)[None]"),
    }
    for student, nb in students.items():
        dest = course.submitted_dir(student, WEEK)
        dest.mkdir(parents=True)
        nbformat.write(nb, str(dest / "toy.ipynb"))
    grade.grade_week(course, WEEK, workers=2, progress=False,
                     unsafe=sandbox.unavailable_reason() is not None)
    return course


@pytest.fixture(scope="session")  # kept across modules: xdist interleaves them
def course(tmp_path_factory):
    return graded_toy_course(tmp_path_factory.mktemp("report"))


# ------------------------------------------------------------------------------ report
def test_messages_normalize_and_reduce_to_their_reason():
    a = "double on input [1, 2]: expected [2., 4.], received [3., 6.]; 2 of 2 entries differ"
    b = "double on input [5, 7]: expected [10., 14.], received [15., 21.]; 1 of 2 entries differ"
    assert normalize_message(a) == normalize_message(b)
    assert normalize_message("expected shape (4,), received shape (1, 4)") == \
        normalize_message("expected shape (3,), received shape (1, 1, 3)")
    msg = ("sigmoid at z = [-1, 0]: not checked, because the cell stopped with CheckError: "
           "sigmoid on input z = [0]: expected shape (1,), received shape (1, 1)")
    assert failure_reason(msg) == ("a visible check failed: expected shape (1,), "
                                   "received shape (1, 1)")
    assert failure_kind(msg) == "wrong shape"
    assert failure_kind(f"case x: not checked, because {NOT_IMPLEMENTED}") == "not implemented"
    assert failure_kind("double on random vector 0: expected [1.], received [2.]") == \
        "wrong values"
    # The same reason is one row: where two runs died does not make two reasons.
    died = ("double at x = 1: not checked, because the notebook stopped before this cell ran: "
            "the kernel died (Kernel died while waiting for execute reply.) (in cell {}: {!r})")
    a, b = died.format(7, "import os"), died.format(12, "os._exit(1)  # (sic)")
    assert failure_reason(a) == failure_reason(b) == (
        "the notebook stopped before this cell ran: the kernel died (Kernel died while waiting "
        "for execute reply.)")
    # nor which notebook of a corrupted submission could not be read
    unreadable = ("NotGraded: the file {}.ipynb is not a readable notebook (NotJSONError: "
                  "Notebook does not appear to be JSON: '{{\"cells\": [ this is not json')")
    assert failure_reason(unreadable.format("perceptrons")) == \
        failure_reason(unreadable.format("backprop")) == unreadable.format("x").replace(
            "the file x.ipynb is", "the file is")
    assert failure_reason("NotGraded: no file named backprop.ipynb was submitted") == \
        "NotGraded: no notebook file was submitted"


def test_report_has_tables_plots_and_the_commonest_failure(course, tmp_path):
    out = build_report(course, None, tmp_path / "reports" / "report.html")
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "<title>Class report" in text
    assert len(re.findall(r"<img [^>]*src='data:image/png;base64,[A-Za-z0-9+/=]{100,}'", text)) >= 3
    # nothing is fetched from elsewhere: the file stands alone
    assert not re.search(r"(src|href)=['\"](https?:|//)", text)
    rows = re.findall(r"<tr><td><code>(\w+)</code>", text)
    assert rows[:2] == ["double", "count_positive"], rows
    assert "6 students" in text
    # count_positive: failed by empty, half and lazy, all because it is not implemented
    row = text[text.index("<code>test_count_positive</code>"):]
    row = row[: row.index("</tr>")]
    assert "3 / 6" in row and html.escape(NOT_IMPLEMENTED) in row and "(3 students)" in row
    reasons = text[text.index("Most common reasons for failing"):]
    first = re.search(r"<td class='msg'>(.*?)</td>", reasons).group(1)
    assert first == html.escape(NOT_IMPLEMENTED)


def test_report_says_who_needs_help_first(course, tmp_path):
    text = build_report(course, None, tmp_path / "help.html", threshold=0.5).read_text()
    section = text.split("<h2 id='help'>")[1].split("</table>")[0]
    order = re.findall(r"<tr(?: class='low')?><td class='who'><code>(\w+)</code>", section)
    assert order[0] == "empty" and order[-1] == "perfect", order
    # below 50 %: empty (0/3), tripled and wrong_shape (1/3); half and lazy have 2/3
    assert section.count("class='low'") == 3 and set(order[:3]) == {"empty", "tripled",
                                                                       "wrong_shape"}
    assert "toy/double" not in section.split("<code>perfect</code>")[1]
    assert "week90/count_positive" in section.split("<code>lazy</code>")[1].split("</tr>")[0]
    assert text.index("Who needs help") < text.index("Most common reasons")


def test_report_of_an_ungraded_week_is_refused(course, tmp_path):
    with pytest.raises(GradingError, match="no graded submission"):
        build_report(course, ["week77"], tmp_path / "r.html")


# ------------------------------------------------------------------------------ bundle
@pytest.fixture(scope="session")  # kept across modules: xdist interleaves them
def bundle(course, tmp_path_factory):
    shutil.rmtree(course.release_dir(WEEK))  # make_bundle releases a week not released yet
    return make_bundle(course, [WEEK], tmp_path_factory.mktemp("bundle") / "toy-bundle.zip")


def _members(zip_path: Path) -> dict[str, bytes]:
    """Every file of the zip, the wheels' files included (as ``wheel!/path``)."""
    out = {}
    with zipfile.ZipFile(zip_path) as zf:
        for name in zf.namelist():
            out[name] = zf.read(name)
            if name.endswith(".whl"):
                with zf.open(name) as fh, zipfile.ZipFile(fh) as wheel:
                    out.update({f"{name}!/{n}": wheel.read(n) for n in wheel.namelist()})
    return out


def test_bundle_holds_the_release_wheel_and_setup_files(bundle):
    names = set(_members(bundle))
    assert {"toy-bundle/course/NOTATION.md", "toy-bundle/course/syllabus.md"} <= names
    assert {"toy-bundle/README.md", "toy-bundle/requirements.txt", "toy-bundle/environment.yml",
            f"toy-bundle/{WEEK}/toy.ipynb"} <= names
    (wheel,) = [n for n in names if n.endswith(".whl")]
    assert wheel.startswith("toy-bundle/wheels/dlcourse_student-")
    requirements = zipfile.ZipFile(bundle).read("toy-bundle/requirements.txt").decode()
    for pin in ("numpy", "torch==2.13.0", "sympy", "matplotlib", "scikit-learn", "tqdm",
                "ipywidgets", "jupyterlab>=4", f"./wheels/{Path(wheel).name}"):
        assert pin in requirements, pin
    env = zipfile.ZipFile(bundle).read("toy-bundle/environment.yml").decode()
    assert "python=3.11" in env and "torch==2.13.0" in env and Path(wheel).name in env
    readme = zipfile.ZipFile(bundle).read("toy-bundle/README.md").decode()
    assert "pip install -r requirements.txt" in readme and "jupyter lab" in readme
    assert f"dlcourse check {WEEK}/toy.ipynb" in readme


def test_bundle_installs_the_cpu_build_of_torch_on_linux(bundle):
    """What pip resolves the torch line to, per platform, without downloading anything: on
    Linux the +cpu build from PyTorch's CPU index (PyPI's Linux torch is the 2.7 GB CUDA
    build), elsewhere PyPI's own build."""
    from packaging.requirements import Requirement

    text = zipfile.ZipFile(bundle).read("toy-bundle/requirements.txt").decode()
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    assert "--extra-index-url https://download.pytorch.org/whl/cpu" in lines
    torch_lines = [Requirement(ln) for ln in lines if ln.startswith("torch")]
    for platform, version in (("linux", "2.13.0+cpu"), ("darwin", "2.13.0"),
                              ("win32", "2.13.0")):
        env = {"sys_platform": platform}
        chosen = [str(r.specifier) for r in torch_lines if r.marker.evaluate(env)]
        assert chosen == [f"=={version}"], (platform, chosen)
    assert "2.7 GB" in text and "CPU" in text
    env_yml = zipfile.ZipFile(bundle).read("toy-bundle/environment.yml").decode()
    assert "torch==2.13.0+cpu ; sys_platform == 'linux'" in env_yml


def test_bundle_contains_no_solution_hidden_test_or_grader_code(course, bundle):
    members = _members(bundle)
    source = nbformat.read(str(course.source_dir(WEEK) / "toy.ipynb"), as_version=4)
    secrets = release.secret_lines(source)
    assert secrets  # the toy's solution lines, e.g. "return 2 * np.asarray(x, dtype=float)"
    for name, data in members.items():
        assert "/autograder/" not in f"/{name}" and "references" not in name, name
        assert not name.endswith("week90_reference.py"), name
        text = data.decode("utf-8", "replace")
        for marker in ("BEGIN SOLUTION", "END SOLUTION", "HIDDEN TESTS", "check.probe("):
            assert marker not in text, (name, marker)
        for line in secrets:
            assert line not in text, (name, line)
    assert any(n.endswith("!/dlcourse/check.py") for n in members)
    assert "raise NotImplementedError()" in members[f"toy-bundle/{WEEK}/toy.ipynb"].decode()


def test_bundle_refuses_grader_material():
    assert find_secrets({"x/autograder/references/week01.py": b"def f(): pass"})
    assert find_secrets({"w/nb.ipynb": b'{"source": "### BEGIN SOLUTION"}'})
    assert find_secrets({"w/README.md": b"nothing secret"}) == []


def test_wheel_installs_into_a_bare_venv(bundle, tmp_path):
    """The wheel alone (no grader, no repository on the path) gives `dlcourse`."""
    with zipfile.ZipFile(bundle) as zf:
        zf.extractall(tmp_path)
    (wheel,) = (tmp_path / "toy-bundle" / "wheels").glob("*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    result = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install",
                             "--no-deps", "--no-index", "--quiet", str(wheel)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    clean_env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    # Without nbclient, `dlcourse check` says how to get it.
    notebook = tmp_path / "toy-bundle" / WEEK / "toy.ipynb"
    result = subprocess.run([str(venv / "bin" / "dlcourse"), "check", str(notebook)],
                            capture_output=True, text=True, cwd=tmp_path, env=clean_env)
    assert result.returncode == 2 and "pip install nbclient nbformat" in result.stderr
    # numpy comes from the course environment through a .pth file (the venv has no pip to
    # get it); dlcourse must come from the wheel, and the grader must be absent.
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path("
                           "'purelib'))"], capture_output=True, text=True).stdout.strip()
    numpy_dir = Path(__import__("numpy").__file__).parent.parent
    Path(site, "course_numpy.pth").write_text(str(numpy_dir) + "\n")
    assert numpy_dir == Path(sysconfig.get_path("purelib"))
    code = ("import dlcourse.check, importlib.util; print(dlcourse.check.__file__); "
            "print(importlib.util.find_spec('autograder'))")
    result = subprocess.run([str(python), "-c", code], capture_output=True, text=True,
                            cwd=tmp_path, env=clean_env)
    assert result.returncode == 0, result.stderr
    where, grader = result.stdout.split()
    assert where.startswith(site) and grader == "None"


# ------------------------------------------------------------------------------ dlcourse check
def _dlcourse(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "dlcourse.cli", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=300)


def _rows(stdout: str) -> dict[str, tuple[str, str]]:
    rows = {}
    for line in stdout.splitlines():
        parts = line.split(None, 2)
        if len(parts) >= 2 and parts[1] in ("passed", "FAILED"):
            rows[parts[0]] = (parts[1], parts[2] if len(parts) > 2 else "")
    return rows


def test_check_passes_a_solved_instructor_notebook(course, tmp_path):
    notebook = tmp_path / "toy.ipynb"
    shutil.copy(course.source_dir(WEEK) / "toy.ipynb", notebook)
    assert "BEGIN HIDDEN TESTS" in notebook.read_text()
    before = notebook.read_bytes()
    result = _dlcourse("check", str(notebook))
    assert result.returncode == 0, result.stdout + result.stderr
    assert _rows(result.stdout) == {"double": ("passed", ""), "count_positive": ("passed", "")}
    assert "hidden tests skipped" in result.stdout
    assert notebook.read_bytes() == before  # the file on disk is not changed


def test_check_reports_unsolved_and_wrong_exercises(course, tmp_path):
    notebook = tmp_path / "mine.ipynb"
    nbformat.write(solved(course, double_body="return 3 * np.asarray(x, dtype=float)",
                          count_body="unsolved"), str(notebook))
    result = _dlcourse("check", notebook.name, cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    rows = _rows(result.stdout)
    assert rows["count_positive"] == ("FAILED", "not implemented yet")
    assert rows["double"][0] == "FAILED" and rows["double"][1].startswith("CheckError: double")
    assert "0 of 2 exercises pass" in result.stdout


def test_check_of_a_release_fails_with_not_implemented(course):
    result = _dlcourse("check", str(course.release_dir(WEEK) / "toy.ipynb"))
    assert result.returncode == 1
    assert _rows(result.stdout) == {"double": ("FAILED", "not implemented yet"),
                                    "count_positive": ("FAILED", "not implemented yet")}


@pytest.mark.parametrize("name, content, says", [
    ("missing.ipynb", None, "no such file"),
    ("broken.ipynb", "{ not json", "not a readable notebook"),
    ("notes.txt", "hello", "not a notebook"),
])
def test_check_refuses_what_is_not_a_notebook(tmp_path, name, content, says):
    if content is not None:
        (tmp_path / name).write_text(content)
    result = _dlcourse("check", str(tmp_path / name))
    assert result.returncode == 2 and says in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_check_help_reads_as_plain_text(tmp_path):
    result = _dlcourse("check", "--help", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "``" not in result.stdout and "Exit status: 0 when every exercise passes" in \
        " ".join(result.stdout.split())

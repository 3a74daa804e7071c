"""The hostile corpus: broken and malicious submissions, graded in one parallel run.

Every kind says what its two exercises of the toy week must earn (``test_double``: 2 points,
``test_count_positive``: 1 point). The run then checks, for all of them together: no
unearned point, every submission graded with feedback, and no byte of anyone else's data
changed (another student's submission and grades, the reference solutions, the instructor
notebook, the configuration, files outside the sandbox).

Many attacks are written so that they would *earn* points if they succeeded (the function is
correct only when the attack worked): a sandbox failure then shows as an unearned point.
"""

from __future__ import annotations

import hashlib
import json
import re
import socket
import threading

import nbformat
import pytest

from autograder import exports, feedback, grade, release
from autograder.sandbox import Limits
from tests.toy import WEEK, make_toy_course

GOOD_DOUBLE = "def double(x):\n    return 2 * np.asarray(x, dtype=float)\n"
BAD_DOUBLE = "def double(x):\n    return 3 * np.asarray(x, dtype=float)\n"
GOOD_COUNT = "def count_positive(x):\n    return int(np.sum(np.asarray(x) > 0))\n"


def _when(condition: str) -> str:
    """A `double` that is right only when ``condition`` holds (the attack worked)."""
    return (f"def double(x):\n    k = 2 if ({condition}) else 3\n"
            "    return k * np.asarray(x, dtype=float)\n")


# name: (double cell, count cell, expected {test_double, test_count_positive}, feedback words)
KINDS: dict[str, tuple[str, str, tuple[int, int], str]] = {
    "perfect": (GOOD_DOUBLE, GOOD_COUNT, (2, 1), "passed"),
    "wrong_answer": (BAD_DOUBLE, GOOD_COUNT, (0, 1), "expected"),
    "always_equal_object": (
        "class Sly:\n    def __eq__(self, o): return True\n    def __ne__(self, o): return False\n"
        "    def __array__(self, *a, **k): raise TypeError('no')\n"
        "def double(x):\n    return Sly()\n", GOOD_COUNT, (0, 1), "not numeric"),
    "always_equal_ndarray_subclass": (
        "class Sly(np.ndarray):\n    def __eq__(self, o): return np.ones(np.shape(o), bool)\n"
        "def double(x):\n    return np.zeros(np.shape(x)).view(Sly)\n", GOOD_COUNT, (0, 1),
        "expected"),
    "nan_result": ("def double(x):\n    return np.full(np.shape(x), np.nan)\n", GOOD_COUNT,
                   (0, 1), "expected"),
    "inf_result": ("def double(x):\n    return np.full(np.shape(x), np.inf)\n", GOOD_COUNT,
                   (0, 1), "expected"),
    "wrong_shape": ("def double(x):\n    return 2 * np.asarray(x, dtype=float)[None]\n",
                    GOOD_COUNT, (0, 1), "shape"),
    "string_result": ("def double(x):\n    return 'twice'\n", GOOD_COUNT, (0, 1),
                      "not numeric"),
    "os_exit": (GOOD_DOUBLE, "import os\nos._exit(0)\n" + GOOD_COUNT, (2, 0), "stopped before"),
    "segfault": (GOOD_DOUBLE, "import ctypes\nctypes.string_at(0)\n" + GOOD_COUNT, (2, 0),
                 "stopped before"),
    "kill_runner": (GOOD_DOUBLE, "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)\n"
                    "import time\ntime.sleep(5)\n" + GOOD_COUNT, (2, 0), "stopped"),
    "sys_exit_after_def": (GOOD_DOUBLE + "import sys\nsys.exit(3)\n", GOOD_COUNT, (2, 1),
                           "passed"),
    "keyboard_interrupt": (GOOD_DOUBLE, "raise KeyboardInterrupt\n" + GOOD_COUNT, (2, 0),
                           "count_positive"),
    "infinite_loop": (GOOD_DOUBLE, "while True:\n    pass\n" + GOOD_COUNT, (2, 0),
                      "time limit"),
    "loop_ignoring_interrupts": (  # stopped at its limit + grace, not at the wall limit
        GOOD_DOUBLE, "import time\nwhile True:\n    try:\n        time.sleep(0.1)\n"
        "    except KeyboardInterrupt:\n        pass\n" + GOOD_COUNT, (2, 0),
        "did not stop when interrupted"),
    "fork_bomb": (GOOD_DOUBLE, "import os\nfor _ in range(100000):\n    try:\n"
                  "        if os.fork() == 0:\n            import time; time.sleep(60)\n"
                  "    except OSError:\n        break\n" + GOOD_COUNT, (2, -1), ""),
    # A daemon that outlives its notebook and kills every process started after it: in a warm
    # sandbox the next notebooks' kernels would die, unless the clean-up between notebooks
    # killed it first (every other student's expected score checks that).
    "daemon_kills_newcomers": (
        GOOD_DOUBLE, "import os, signal, time\nif os.fork() == 0:\n    os.setsid()\n"
        "    if os.fork() == 0:\n        old = set(os.listdir('/proc'))\n"
        "        while True:\n            for p in set(os.listdir('/proc')) - old:\n"
        "                if p.isdigit():\n                    try:\n"
        "                        os.kill(int(p), signal.SIGKILL)\n"
        "                    except OSError:\n                        pass\n"
        "            time.sleep(0.005)\n    os._exit(0)\n" + GOOD_COUNT, (2, 1), "passed"),
    "thread_bomb": ("import threading, time\ntry:\n    for _ in range(100000):\n"
                    "        threading.Thread(target=time.sleep, args=(1,), daemon=True).start()\n"
                    "except RuntimeError:\n    pass\ntime.sleep(3)\n" + GOOD_DOUBLE,
                    GOOD_COUNT, (2, 1), "passed"),
    "memory_bomb_at_once": (GOOD_DOUBLE, "big = np.ones((40_000, 100_000))\n" + GOOD_COUNT,
                            (2, 0), "count_positive"),
    "memory_bomb_gradual": (GOOD_DOUBLE, "hoard = []\nwhile True:\n"
                            "    hoard.append(bytearray(50_000_000))\n" + GOOD_COUNT, (2, 0),
                            "count_positive"),
    "disk_bomb": ("try:\n    with open('fill.bin', 'wb') as fh:\n        for _ in range(100_000):"
                  "\n            fh.write(b'x' * 1_000_000)\nexcept OSError:\n    pass\n"
                  + GOOD_DOUBLE, GOOD_COUNT, (2, 1), "passed"),
    "output_bomb": ("for i in range(5_000):\n    print('spam' * 2_000)\n" + GOOD_DOUBLE,
                    GOOD_COUNT, (2, 1), "passed"),
    "read_gradebook": ("import os\n" + _when("os.path.exists(GRADEBOOK)"), GOOD_COUNT, (0, 1),
                       ""),
    "read_reference": ("import os\n" + _when("os.path.exists(REFERENCE)"), GOOD_COUNT, (0, 1),
                       ""),
    "import_autograder": ("try:\n    import autograder.grade\n    OK = True\nexcept Exception:"
                          "\n    OK = False\n" + _when("OK"), GOOD_COUNT, (0, 1), ""),
    "read_instructor_notebook": ("import os\n" + _when("os.path.exists(SOURCE)"), GOOD_COUNT,
                                 (0, 1), ""),
    "list_other_submissions": ("import os\n" + _when("os.path.exists(VICTIM)"), GOOD_COUNT,
                               (0, 1), ""),
    "delete_other_submission": (
        "import os, shutil\nfor p in (VICTIM, VICTIM_GRADED):\n    try:\n        os.remove(p)\n"
        "    except OSError:\n        pass\nshutil.rmtree(COURSE, ignore_errors=True)\n"
        + GOOD_DOUBLE, GOOD_COUNT, (2, 1), "passed"),
    "write_outside": ("for p in ('/tmp/dlgrade-pwned', HOST_CANARY):\n    try:\n"
                      "        open(p, 'w').write('pwned')\n    except OSError:\n        pass\n"
                      + GOOD_DOUBLE, GOOD_COUNT, (2, 1), "passed"),
    "network": ("import socket\ntry:\n    socket.create_connection(('127.0.0.1', PORT), "
                "timeout=2)\n    NET = True\nexcept OSError:\n    NET = False\n" + _when("NET"),
                GOOD_COUNT, (0, 1), ""),
    "open_runner_pipe": ("import os\nPIPE = False\ntry:\n"
                         "    for f in os.listdir(f'/proc/{os.getppid()}/fd'):\n        try:\n"
                         "            os.open(f'/proc/{os.getppid()}/fd/{f}', os.O_WRONLY)\n"
                         "            PIPE = True\n        except OSError:\n            pass\n"
                         "except OSError:\n    pass\n" + _when("PIPE"), GOOD_COUNT, (0, 1), ""),
    "patch_numpy": ("np.allclose = lambda *a, **k: True\nnp.array_equal = lambda *a, **k: True\n"
                    "np.testing.assert_allclose = lambda *a, **k: None\n" + BAD_DOUBLE,
                    GOOD_COUNT, (0, 1), ""),
    "patch_check_helpers": (
        "from dlcourse import check as _c\n_c.close = _c.equal = lambda *a, **k: None\n"
        "_c.compare = lambda *a, **k: None\n_real = _c.record\n"
        "_c.probe = lambda fn, *a, case, **k: _real(np.zeros(4), case)\n" + BAD_DOUBLE,
        GOOD_COUNT, (0, 0), ""),
    "patch_builtins": ("import builtins\nbuiltins.abs = lambda x: 0\n"
                       "builtins.all = lambda *a: True\n" + BAD_DOUBLE, GOOD_COUNT, (0, 1), ""),
    "patch_torch": ("import torch\ntorch.allclose = lambda *a, **k: True\n"
                    "torch.equal = lambda *a, **k: True\n" + BAD_DOUBLE, GOOD_COUNT, (0, 1), ""),
    "patch_random_generator": (
        "_orig = np.random.default_rng\nnp.random.default_rng = lambda *a, **k: _orig(999)\n"
        "def double(x):\n    return np.zeros(np.shape(x))\n", GOOD_COUNT, (0, 1), ""),
    "fake_records_hook": (
        "from IPython.display import display\nfrom dlcourse.check import RECORD_MIME\n"
        "get_ipython().events.register('post_run_cell', lambda r: display({RECORD_MIME: "
        "{'case': 'x', 'value': {'kind': 'array', 'dtype': 'f', 'shape': [], 'data': ''}, "
        "'rule': {}}}, raw=True))\n" + GOOD_DOUBLE, GOOD_COUNT, (0, 0), "more test results"),
    "recursion_bomb": ("def f(n):\n    return f(n + 1)\ntry:\n    f(0)\nexcept RecursionError:"
                       "\n    pass\n" + GOOD_DOUBLE, GOOD_COUNT, (2, 1), "passed"),
    "syntax_error": ("def double(x:\n    return 2 * x\n", GOOD_COUNT, (0, 1), ""),
    # Round two: feedback must be written and show nothing it should not.
    "hidden_marker_in_comment": (GOOD_DOUBLE + "# my note: ### BEGIN HIDDEN TESTS\n",
                                 GOOD_COUNT, (2, 1), "passed"),
    # nbgrader's feedback step stops on the words alone, without "### " (it did, exit 2)
    "hidden_marker_without_hashes": (GOOD_DOUBLE + "NOTE = 'BEGIN HIDDEN TESTS'\n", GOOD_COUNT,
                                     (2, 1), "passed"),
    # ...and the failing line is quoted again in the traceback of the test cell's output
    "hidden_marker_in_traceback": (
        "def double(x):\n    raise ValueError('BEGIN HIDDEN TESTS, END HIDDEN TESTS')\n",
        GOOD_COUNT, (0, 1), "HIDDEN-TESTS (defused by the grader)"),
    "print_running_cell": (
        "def double(x):\n    print(get_ipython().user_ns['In'][-1])\n"
        "    return 2 * np.asarray(x, dtype=float)\n", GOOD_COUNT, (2, 1), "passed"),
    "hook_prints_every_cell": (
        "get_ipython().events.register('pre_run_cell', lambda info: print(info.raw_cell))\n"
        + GOOD_DOUBLE, GOOD_COUNT, (2, 1), "passed"),
    "html_script_output": (
        "from IPython.display import HTML, Javascript, SVG, display\n"
        "display(HTML('<script>window.PWNED = 1</script><b>bold</b>'))\n"
        "display(Javascript('window.PWNED = 2'))\n"
        "def double(x):\n    display(HTML('<img src=x onerror=\"window.PWNED=3\">'))\n"
        "    return 2 * np.asarray(x, dtype=float)\n", GOOD_COUNT, (2, 1), "passed"),
}
LEAKY = ("print_running_cell", "hook_prints_every_cell")  # their outputs held hidden tests
SCRIPTED = ("html_script_output", "markdown_script")  # their pages carried script

# Notebook-level damage: name -> (transform of the solved notebook, expected, feedback words)
DAMAGE = {
    "deleted_test_cell": ("delete test_double", (2, 1), "passed"),
    "duplicated_cells": ("duplicate", (2, 1), "passed"),
    "retyped_test_cell": ("retype test_count_positive", (2, 1), "passed"),
    "retyped_solution_cell": ("retype double", (2, 1), "passed"),
    "reordered_cells": ("move test_double first", (0, 1), ""),
    "changed_kernelspec": ("kernelspec", (2, 1), "passed"),
    "changed_grade_metadata": ("metadata", (2, 1), "passed"),
    "edited_test_cell": ("edit test_count_positive", (2, 1), "passed"),
    "markdown_script": ("markdown", (2, 1), "passed"),
    "own_time_limit": ("timeout", (2, 0), "time limit"),
}
RAW = {
    "corrupted_json": ('{"cells": [ oops', "not a readable notebook"),
    "empty_file": ("", "not a readable notebook"),
    "json_but_not_notebook": ("[1, 2, 3]", "not a readable notebook"),
    "notebook_of_another_week": (None, "not implemented"),
}


def _sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


def _cell(nb, grade_id):
    for i, cell in enumerate(nb.cells):
        if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id:
            return i, cell
    raise KeyError(grade_id)


@pytest.fixture(scope="session")  # kept across modules: xdist interleaves them
def graded(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    course = make_toy_course(tmp)
    release.release_week(course, WEEK)
    blank = nbformat.read(str(course.release_dir(WEEK) / "toy.ipynb"), as_version=4)
    server = socket.socket()  # a host service the sandbox must not reach
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    threading.Thread(target=lambda: [server.accept() for _ in range(5)], daemon=True).start()
    host_canary = tmp / "host_canary.txt"
    host_canary.write_text("untouched")

    def solved(double=GOOD_DOUBLE, count=GOOD_COUNT):
        nb = nbformat.from_dict(json.loads(json.dumps(blank)))
        _cell(nb, "double")[1].source = double
        _cell(nb, "count_positive")[1].source = count
        return nb

    def submit(student, nb_or_text):
        dest = course.submitted_dir(student, WEEK)
        dest.mkdir(parents=True, exist_ok=True)
        if isinstance(nb_or_text, str):
            (dest / "toy.ipynb").write_text(nb_or_text)
        else:
            nbformat.write(nb_or_text, str(dest / "toy.ipynb"))

    # The victim is graded first; nothing of theirs may change afterwards.
    submit("victim", solved())
    grade.grade_week(course, WEEK, students=["victim"], progress=False)
    victim = course.submitted_dir("victim", WEEK) / "toy.ipynb"
    victim_graded = course.autograded_dir("victim", WEEK) / "toy.ipynb"
    paths = {
        "GRADEBOOK": course.root / "gradebook.db", "REFERENCE": tmp / "week90_reference.py",
        "SOURCE": course.source_dir(WEEK) / "toy.ipynb", "VICTIM": victim,
        "VICTIM_GRADED": victim_graded, "COURSE": course.root, "HOST_CANARY": host_canary,
    }
    prelude = "".join(f"{k} = {str(v)!r}\n" for k, v in paths.items())
    prelude += f"PORT = {server.getsockname()[1]}\n"
    protected = [victim, victim_graded, paths["REFERENCE"], paths["SOURCE"], host_canary,
                 course.root / "nbgrader_config.py", course.release_dir(WEEK) / "toy.ipynb"]
    before = {p: _sha(p) for p in protected}

    for name, (double, count, _, _) in KINDS.items():
        submit(name, solved(prelude + double, count))
    for name, (how, _, _) in DAMAGE.items():
        nb = solved()
        if how.startswith("delete"):
            nb.cells.pop(_cell(nb, how.split()[1])[0])
        elif how == "duplicate":
            nb.cells.insert(3, nbformat.from_dict(json.loads(json.dumps(nb.cells[2]))))
            nb.cells.append(nbformat.from_dict(json.loads(json.dumps(_cell(nb, "test_double")[1]))))
        elif how.startswith("retype"):
            i, cell = _cell(nb, how.split()[1])
            nb.cells[i] = nbformat.v4.new_markdown_cell(cell.source, metadata=cell.metadata)
        elif how.startswith("move"):
            i, cell = _cell(nb, "test_double")
            nb.cells.insert(0, nb.cells.pop(i))
        elif how == "kernelspec":
            nb.metadata["kernelspec"] = {"name": "evil", "display_name": "x", "language": "sh"}
        elif how == "metadata":
            meta = _cell(nb, "test_count_positive")[1].metadata["nbgrader"]
            meta.update(points=100, grade=False, solution=True)
        elif how.startswith("edit"):
            _cell(nb, "test_count_positive")[1].source = "print('trust me, all good')"
        elif how == "markdown":
            nb.cells.append(nbformat.v4.new_markdown_cell(
                "<script>window.PWNED = 4</script><img src=x onerror='window.PWNED=5'>"))
        elif how == "timeout":  # asks for 100 s and sleeps 20: must be cut at 8
            _, cell = _cell(nb, "count_positive")
            cell.source = "import time\ntime.sleep(20)\n" + GOOD_COUNT
            cell.metadata["dlgrade"] = {"timeout": 100}
            _cell(nb, "test_count_positive")[1].metadata["dlgrade"] = {"timeout": 100}
        submit(name, nb)
    other_week = nbformat.from_dict(json.loads(json.dumps(blank)))
    _cell(other_week, "double")[1].source = "def halve(x):\n    return x / 2\n"
    _cell(other_week, "count_positive")[1].source = "def count_negative(x):\n    return 0\n"
    for cell in other_week.cells:
        meta = cell.metadata.get("nbgrader")
        if meta:
            meta["grade_id"] = "week05_" + meta["grade_id"]
    for name, (text, _) in RAW.items():
        submit(name, text if text is not None else other_week)

    students = list(KINDS) + list(DAMAGE) + list(RAW)
    limits = Limits(cell_timeout=8, wall_timeout=45, memory_mb=1024, disk_mb=64, output_mb=1)
    outcomes = grade.grade_week(course, WEEK, students=students, workers=2, limits=limits,
                                progress=False)
    server.close()
    return course, outcomes, before, protected


def _scores(course, student):
    rows = exports.question_rows(course, [WEEK])
    got = {r["grade_id"]: r["score"] for r in rows if r["student_id"] == student}
    return got.get("test_double"), got.get("test_count_positive")


def _feedback(course, student):
    nb = nbformat.read(str(course.autograded_dir(student, WEEK) / "toy.ipynb"), as_version=4)
    return "\n".join(str(o.get("evalue", "")) + "".join(o.get("text", ""))
                     for c in nb.cells for o in c.get("outputs", []))


def test_corpus_is_large_enough():
    assert len(KINDS) + len(DAMAGE) + len(RAW) >= 30


@pytest.mark.parametrize("name", list(KINDS))
def test_code_attack(graded, name):
    course, _, _, _ = graded
    _, _, (want_double, want_count), words = KINDS[name]
    got = _scores(course, name)
    assert got[0] == want_double, (name, got, _feedback(course, name)[-800:])
    if want_count >= 0:
        assert got[1] == want_count, (name, got, _feedback(course, name)[-800:])
    else:  # chaotic kinds: the count exercise must simply not earn anything unearned
        assert got[1] in (0, 1)
    if words:
        assert words in _feedback(course, name), _feedback(course, name)[-800:]


@pytest.mark.parametrize("name", list(DAMAGE))
def test_damaged_notebook(graded, name):
    course, _, _, _ = graded
    _, want, words = DAMAGE[name]
    assert _scores(course, name) == want, _feedback(course, name)[-800:]
    if words:
        assert words in _feedback(course, name)
    max_points = sum(r["max_score"] for r in exports.question_rows(course, [WEEK])
                     if r["student_id"] == name)
    assert max_points == 3, "a submission changed the points its cells are worth"


@pytest.mark.parametrize("name", list(RAW))
def test_unreadable_file(graded, name):
    course, _, _, _ = graded
    assert _scores(course, name) == (0, 0)
    assert RAW[name][1] in _feedback(course, name)


def test_nobody_else_was_touched(graded, tmp_path):
    course, outcomes, before, protected = graded
    after = {p: _sha(p) for p in protected}
    changed = [str(p) for p in protected if before[p] != after[p]]
    assert not changed, f"changed by a submission: {changed}"
    assert not (tmp_path.parent / "dlgrade-pwned").exists()
    import os

    assert not os.path.exists("/tmp/dlgrade-pwned")
    assert _scores(course, "victim") == (2, 1)


def test_every_submission_graded_with_feedback(graded):
    course, outcomes, _, _ = graded
    students = set(KINDS) | set(DAMAGE) | set(RAW)
    assert {o.student for o in outcomes} == students
    for student in students:
        text = _feedback(course, student)
        assert "Hidden tests:" in text or "not a readable notebook" in text or text, student
    (html,) = feedback.feedback_week(course, WEEK, ["fork_bomb"])
    assert "Score" in html.read_text()


def test_resume_skips_graded_and_regrades_changed(graded):
    course, _, _, _ = graded
    again = grade.grade_week(course, WEEK, students=["perfect", "wrong_answer"], progress=False)
    assert {o.status for o in again} == {"already graded"}
    path = course.submitted_dir("wrong_answer", WEEK) / "toy.ipynb"
    nb = nbformat.read(str(path), as_version=4)
    _cell(nb, "double")[1].source = GOOD_DOUBLE
    nbformat.write(nb, str(path))
    (redone,) = grade.grade_week(course, WEEK, students=["wrong_answer"], progress=False)
    assert redone.status == "ok" and redone.score == 3


def _feedback_html(course, student):
    (page,) = feedback.feedback_week(course, WEEK, [student])
    return page.read_text()


def test_feedback_never_shows_hidden_tests(graded):
    """Every line of the hidden tests is kept out of the autograded notebook's outputs and
    the feedback page, however a solution printed it."""
    course, _, _, _ = graded
    from autograder.sanitize import hidden_lines

    secrets = hidden_lines(nbformat.read(str(course.source_dir(WEEK) / "toy.ipynb"),
                                         as_version=4))
    assert secrets
    for student in LEAKY + ("perfect",):
        shown = _feedback(course, student) + _feedback_html(course, student)
        leaked = [line for line in secrets if line in shown]
        assert not leaked, (student, leaked)
    assert "removed this line" in _feedback(course, "print_running_cell")


def test_a_hidden_marker_in_a_students_cell_does_not_stop_feedback(graded):
    course, _, _, _ = graded
    for student in ("hidden_marker_in_comment", "hidden_marker_without_hashes",
                    "hidden_marker_in_traceback"):
        assert "Score" in _feedback_html(course, student), student
        nb = nbformat.read(str(course.autograded_dir(student, WEEK) / "toy.ipynb"),
                           as_version=4)
        outputs = json.dumps([c.get("outputs", []) for c in nb.cells])
        assert "HIDDEN TESTS" not in outputs, student


def test_scrub_defuses_hidden_markers_in_sources_and_outputs():
    """Without the grader's network of students: the markers nbgrader's ClearHiddenTests
    stops on (the words alone) leave every cell a student wrote and every output; test cells
    keep theirs (nbgrader removes their hidden region), and no output changes its type."""
    from autograder.sanitize import scrub_outputs

    student = nbformat.v4.new_code_cell("x = 'BEGIN HIDDEN TESTS'  # ### END HIDDEN TESTS")
    student.outputs = [
        nbformat.v4.new_output("stream", text="BEGIN HIDDEN TESTS\n"),
        nbformat.v4.new_output("error", ename="ValueError", evalue="END HIDDEN TESTS",
                               traceback=["\x1b[0;32m----> 1\x1b[0m raise ValueError("
                                          "'BEGIN HIDDEN TESTS')"]),
        nbformat.v4.new_output("execute_result", data={"text/plain": "'END HIDDEN TESTS'"}),
    ]
    test = nbformat.v4.new_code_cell("check(1)\n### BEGIN HIDDEN TESTS\nx\n### END HIDDEN TESTS")
    test.metadata["nbgrader"] = {"grade": True, "solution": False, "locked": True,
                                 "grade_id": "t", "points": 1, "schema_version": 3}
    test.outputs = [nbformat.v4.new_output("error", ename="E", evalue="BEGIN HIDDEN TESTS",
                                           traceback=[])]
    nb = nbformat.v4.new_notebook(cells=[student, test])
    scrub_outputs(nb, set())
    assert "HIDDEN TESTS" not in student.source and "defused" in student.source
    assert "HIDDEN TESTS" not in json.dumps([student.outputs, test.outputs])
    assert [o.output_type for o in student.outputs] == ["stream", "error", "execute_result"]
    assert test.source.count("### BEGIN HIDDEN TESTS") == 1


def test_scrub_keeps_the_courses_own_markdown_and_escapes_a_students():
    """Markdown the instructor's notebook holds is the course's text: escaping it turned
    "$0 < a$" into "&lt;" drawn inside the formula. A student's Markdown is still escaped."""
    from autograder.sanitize import scrub_outputs

    prose = "With $0 < \\lambda$ and <b>bold</b>."
    ours, theirs = nbformat.v4.new_markdown_cell(prose), nbformat.v4.new_markdown_cell(prose)
    theirs.source += " <script>x</script>"
    nb = nbformat.v4.new_notebook(cells=[ours, theirs])
    scrub_outputs(nb, set(), {prose})
    assert ours.source == prose
    assert "<" not in theirs.source and "&lt;script" in theirs.source


def test_student_html_and_script_are_inert(graded):
    """No script from a student's outputs or Markdown reaches the feedback page (nor the
    autograded notebook formgrader shows)."""
    course, _, _, _ = graded
    for student in SCRIPTED:
        page = _feedback_html(course, student)  # the code itself is shown, escaped
        for active in (r"<script[^>]*>[^<]*PWNED", r"<img[^>]*onerror"):
            assert not re.search(active, page), (student, re.search(active, page))
        nb = nbformat.read(str(course.autograded_dir(student, WEEK) / "toy.ipynb"),
                           as_version=4)
        mimes = {m for c in nb.cells for o in c.get("outputs", [])
                 for m in o.get("data", {})}
        assert not mimes & {"text/html", "application/javascript", "image/svg+xml"}, mimes


def test_set_up_imports_are_not_cut_by_the_cell_limit(tmp_path):
    """A machine so busy that the set-up cell's imports outlast the per-cell limit (here: 1 s
    against ``import torch``) must not cost a correct student anything."""
    course = make_toy_course(tmp_path)
    source = course.source_dir(WEEK) / "toy.ipynb"
    nb = nbformat.read(str(source), as_version=4)
    nb.cells[1].source += "\nimport torch\nimport sympy"
    nbformat.write(nb, str(source))
    release.release_week(course, WEEK)
    solved = nbformat.read(str(course.release_dir(WEEK) / "toy.ipynb"), as_version=4)
    _cell(solved, "double")[1].source = GOOD_DOUBLE
    _cell(solved, "count_positive")[1].source = GOOD_COUNT
    dest = course.submitted_dir("loaded", WEEK)
    dest.mkdir(parents=True)
    nbformat.write(solved, str(dest / "toy.ipynb"))
    limits = Limits(cell_timeout=1, wall_timeout=120, memory_mb=2048, disk_mb=64, output_mb=1)
    (outcome,) = grade.grade_week(course, WEEK, students=["loaded"], limits=limits,
                                  progress=False)
    assert outcome.score == 3, _feedback(course, "loaded")[-600:]


def test_feedback_opens_with_a_summary_and_a_banner_when_needed(graded):
    """The page a student reads first: exercise, points and what to fix; one banner when the
    whole file could not be graded or the run stopped (naming the cell)."""
    course, _, _, _ = graded
    page = _feedback_html(course, "perfect")
    assert "Summary: 3 / 3 points" in page and "dl-banner\" role" not in page
    assert page.index("dl-summary") < page.index("Toy week")  # the summary comes first
    page = _feedback_html(course, "os_exit")
    assert "stopped before the end" in page and "(in cell" in page
    assert "count_positive" in page.split("Toy week")[0]
    page = _feedback_html(course, "corrupted_json")
    assert "could not be graded" in page and page.count("dl-banner\" role") == 1
    assert "white-space: pre-wrap" in page

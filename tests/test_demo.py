"""`dlgrade demo` end to end, run once: its graded sample class also validates every week.

The sample class's ``perfect`` student is the release with every reference solution filled
in, and ``empty`` is the untouched release, so one graded class per week gives, for every grade
cell of every week, what `dlgrade validate` checks (full marks for the references, zero for the
release) as well as the demo's own checks. `validate` itself is tested on one week in
``tests/test_weeks.py``.
"""

from __future__ import annotations

import csv
import subprocess
import sys

import pytest

from autograder.notebooks import week_dirs
from autograder.sample_class import KINDS, ROTATING, kinds_for_week

WEEKS = [w.name for w in week_dirs()]
pytestmark = pytest.mark.xdist_group("demo")  # one class run, shared by the tests below


def _dlgrade(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "autograder", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=2400)


@pytest.fixture(scope="session")  # kept across modules: xdist interleaves them
def demo(tmp_path_factory):
    course = tmp_path_factory.mktemp("demo") / "course"
    result = _dlgrade("--course", str(course), "demo", "--quiet")
    assert result.returncode == 0, result.stdout + result.stderr
    scores = {(r["student_id"], r["assignment"]): (float(r["score"]), float(r["max_score"]))
              for r in csv.DictReader((course / "exports" / "grades.csv").open())}
    questions = list(csv.DictReader((course / "exports" / "grades_per_question.csv").open()))
    return course, result.stdout, scores, questions


@pytest.mark.parametrize("week", WEEKS)
def test_references_earn_every_point_and_the_release_none(demo, week):
    """What `dlgrade validate` checks, per grade cell, from the demo's class run."""
    _, _, _, questions = demo
    rows = [r for r in questions if r["assignment"] == week]
    assert rows, f"{week}: no grade cell was graded"
    for row in rows:
        where = f"{week}/{row['notebook']}/{row['grade_id']}"
        score, top = float(row["score"]), float(row["max_score"])
        if row["student_id"] == "perfect":
            assert score == top > 0, f"{where}: the references earn {score:g}/{top:g}"
        if row["student_id"] == "empty":
            assert score == 0, f"{where}: the untouched release earns {score:g}/{top:g}"


@pytest.mark.parametrize("week", WEEKS)
def test_sample_class_is_graded(demo, week):
    course, stdout, scores, _ = demo
    top = scores[("perfect", week)][1]
    kinds = kinds_for_week(WEEKS.index(week))
    for student in [*kinds, "corrupted"]:
        assert (student, week) in scores, f"{student} has no grade for {week}"
        assert (course / "feedback" / student / week).is_dir(), f"no feedback {student}"
    assert scores[("corrupted", week)][0] == 0
    for partial in {"first_half", "every_other", "kernel_dies", "syntax_error"} & set(kinds):
        assert 0 < scores[(partial, week)][0] < top, (partial, week, scores)
    if "wrong_shapes" in kinds:
        assert scores[("wrong_shapes", week)][0] < top, week
    assert week in stdout


def test_feedback_pages_draw_every_formula(demo):
    """Every feedback page of the sample class (every week, every kind of student) has its
    TeX drawn as MathML: no fragment left as text (tests/test_feedback_math.py renders each
    week's Markdown alone, in seconds; this is the same check on the real pages)."""
    from tests.test_feedback_math import raw_tex

    course, _, _, _ = demo
    pages = sorted((course / "feedback").glob("*/*/*.html"))
    assert {p.parent.name for p in pages} == set(WEEKS)
    raw = {str(p.relative_to(course)): found for p in pages if (found := raw_tex(p.read_text()))}
    assert not raw, f"{len(raw)} pages with TeX left as text, e.g. {next(iter(raw.items()))}"


def test_every_kind_of_student_is_graded_somewhere(demo):
    _, _, scores, _ = demo
    graded = {student for student, _ in scores}
    want = set(KINDS) if len(WEEKS) >= len(ROTATING) else {
        k for i in range(len(WEEKS)) for k in kinds_for_week(i)}
    assert want | {"corrupted"} <= graded, sorted(want - graded)


def test_demo_prints_the_gradebook_and_exports(demo):
    course, stdout, _, questions = demo
    assert "Gradebook" in stdout
    assert list(questions[0]) == ["student_id", "assignment", "notebook", "grade_id", "score",
                                  "max_score"]
    lms = list(csv.DictReader((course / "exports" / "grades_for_lms.csv").open()))
    assert list(lms[0]) == ["student_id", *WEEKS, "total"]
    assert len({r["student_id"] for r in lms}) == len(lms)


def test_the_guides_weekly_script_runs_on_the_demo_class(demo, tmp_path):
    """The instructor guide's `set -e` script, on the demo's week 1 class as Canvas exports
    it (the corrupted file, a warning, does not stop it): the graded notebooks are not graded
    again, the roster's absent student gets a zero and a feedback page, and Canvas's import
    file has a row per roster student, matched on Canvas's IDs."""
    from tests.test_guide import canvas_rows, run_weekly_script

    course, _, scores, _ = demo
    run, canvas = run_weekly_script(course, tmp_path, WEEKS[0])
    assert run.returncode == 0, run.stdout + run.stderr
    assert "graded 1 new notebook(s)" in run.stdout, run.stdout  # only the absent student's
    rows = canvas_rows(canvas)
    assert rows[0][:5] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
    assert rows[1][0] == "Points Possible" and float(rows[1][5]) == scores[("perfect",
                                                                            WEEKS[0])][1]
    by_id = {r[1]: float(r[5]) for r in rows[2:]}
    assert by_id == {"1001": scores[("perfect", WEEKS[0])][0], "1002": 0.0, "1003": 0.0,
                     "1009": 0.0}
    assert list((course / "feedback" / "absentann" / WEEKS[0]).glob("*.html"))
    assert (course / "reports" / "report.html").exists()


def test_demo_refuses_a_course_with_a_real_class(demo):
    course, _, _, _ = demo
    from autograder.course import Course

    with Course.open(course).gradebook() as gb:
        gb.add_student("real_student_1", last_name="Real", first_name="")
    result = _dlgrade("--course", str(course), "demo", "--quiet")
    assert result.returncode == 2 and "holds a real class" in result.stderr, result.stderr


def test_cli_reports_errors_clearly(tmp_path):
    result = _dlgrade("--course", str(tmp_path / "nowhere"), "grade", "week01")
    assert result.returncode == 2 and "not a course folder" in result.stderr
    result = _dlgrade("manifest", "week77")
    assert result.returncode != 0 and "no week or assignment called" in result.stderr


def test_manifest_lists_every_exercise():
    result = _dlgrade("manifest", "--json")
    assert result.returncode == 0, result.stderr
    import json

    rows = json.loads(result.stdout)
    assert {r["week"] for r in rows} == set(WEEKS)
    for row in rows:
        assert row["points"] > 0 and row["test_cells"] and row["notebook"].endswith(".ipynb")


def test_demo_reports_its_copying_pair(demo):
    """The demo's first week has a pair of copying students: both earn full marks (the copy
    still runs), and the similarity report flags them, and only them, as a pair."""
    course, stdout, scores, _ = demo
    week = WEEKS[0]
    assert scores[("own_way", week)] == scores[("copycat", week)] == scores[("perfect", week)]
    rows = list(csv.DictReader((course / "reports" / f"similarity-{week}.csv").open()))
    flagged = {(r["student_a"], r["student_b"]) for r in rows
               if r["kind"] == "pair" and r["flagged"] == "1"}
    assert flagged == {("copycat", "own_way")}, rows
    assert (course / "reports" / f"similarity-{week}.html").exists()
    assert f"{week}: similarity report" in stdout and "copycat and own_way" in stdout

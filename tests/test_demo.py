"""`dlgrade demo` end to end on a temporary course folder, and the CLI's error handling."""

from __future__ import annotations

import csv
import subprocess
import sys

from autograder.notebooks import week_dirs
from autograder.sample_class import KINDS


def _dlgrade(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "autograder", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=1200)


def test_demo_grades_the_sample_class(tmp_path):
    course = tmp_path / "course"
    result = _dlgrade("--course", str(course), "demo", "--quiet")
    assert result.returncode == 0, result.stdout + result.stderr
    weeks = [w.name for w in week_dirs()]
    assert "Gradebook" in result.stdout
    rows = list(csv.DictReader((course / "exports" / "grades.csv").open()))
    scores = {(r["student_id"], r["assignment"]): (float(r["score"]), float(r["max_score"]))
              for r in rows}
    students = set(KINDS) | {"corrupted"}
    for week in weeks:
        for student in students:
            assert (student, week) in scores, f"{student} has no grade for {week}"
            assert (course / "feedback" / student / week).is_dir(), f"no feedback {student}"
        top = scores[("perfect", week)][1]
        assert top > 0 and scores[("perfect", week)][0] == top, week
        assert scores[("empty", week)][0] == 0
        assert scores[("corrupted", week)][0] == 0
        for partial in ("first_half", "every_other", "kernel_dies", "syntax_error"):
            assert 0 < scores[(partial, week)][0] < top, (partial, week, scores)
        assert scores[("wrong_shapes", week)][0] < top, week
        assert f"{week}" in result.stdout
    per_q = (course / "exports" / "grades_per_question.csv").read_text().splitlines()
    assert per_q[0] == "student_id,assignment,notebook,grade_id,score,max_score"


def test_cli_reports_errors_clearly(tmp_path):
    result = _dlgrade("--course", str(tmp_path / "nowhere"), "grade", "week01")
    assert result.returncode == 2 and "not a course folder" in result.stderr
    result = _dlgrade("manifest", "week77")
    assert result.returncode != 0 and "no week called" in result.stderr


def test_manifest_lists_every_exercise():
    result = _dlgrade("manifest", "--json")
    assert result.returncode == 0, result.stderr
    import json

    rows = json.loads(result.stdout)
    assert {r["week"] for r in rows} == {w.name for w in week_dirs()}
    for row in rows:
        assert row["points"] > 0 and row["test_cells"] and row["notebook"].endswith(".ipynb")

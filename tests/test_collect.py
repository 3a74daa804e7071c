"""`dlgrade collect` on the exports of learning platforms: one fixture per layout.

Uses a course with two notebooks (``perceptrons`` and ``xor_net``), so that a near-miss
name is mapped only when it fits exactly one of them. No kernel runs here.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import zipfile

import pytest

from autograder import collect
from autograder.course import Course, GradingError

NB = b'{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}'


@pytest.fixture
def course(tmp_path):
    course = Course.open(tmp_path / "course", create=True)
    week = course.root / "source" / "ps2"
    week.mkdir(parents=True)
    for name in ("perceptrons", "xor_net"):
        (week / f"{name}.ipynb").write_bytes(NB)
    return course


def _zip(tmp_path, files: dict[str, bytes], name="export.zip"):
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as zf:
        for rel, data in files.items():
            zf.writestr(rel, data)
    return path


def _got(course, report):
    return sorted(report.imported), report


def test_canvas_takes_the_login_and_the_latest_resubmission(course, tmp_path):
    source = _zip(tmp_path, {
        "doejohn_12345_67890_perceptrons.ipynb": NB,
        "doejohn_12345_67891_perceptrons-1.ipynb": NB + b" ",  # the resubmission
        "smithann_late_222_333_perceptrons.ipynb": NB,
        "smithann_late_222_334_xor_net.ipynb": NB,
    })
    report = collect.collect(course, "ps2", source)
    assert sorted(report.imported) == ["doejohn/perceptrons", "smithann/perceptrons",
                                       "smithann/xor_net"]
    assert not report.rejected
    assert (course.submitted_dir("doejohn", "ps2") / "perceptrons.ipynb").read_bytes() \
        == NB + b" "
    assert any("2 attempts" in w and "perceptrons-1" in w for w in report.warnings)


def test_moodle_folders_give_the_participant_id(course, tmp_path):
    source = _zip(tmp_path, {
        "Jane Doe_12345_assignsubmission_file_/perceptrons.ipynb": NB,
        "Jane Doe_12345_assignsubmission_file_/xor_net (1).ipynb": NB,
        "Max Mustermann_777_assignsubmission_file_/Perceptrons.ipynb": NB,
    })
    report = collect.collect(course, "ps2", source)
    assert sorted(report.imported) == ["12345/perceptrons", "12345/xor_net", "777/perceptrons"]
    assert not report.rejected
    assert any("taken as notebook 'perceptrons'" in w for w in report.warnings)


def test_blackboard_attempts_and_receipts(course, tmp_path):
    source = _zip(tmp_path, {
        "Week 2_jdoe_attempt_2026-09-10-12-30-45_perceptrons.ipynb": NB,
        "Week 2_jdoe_attempt_2026-09-10-12-30-45.txt": b"receipt",
        "Week 2_jdoe_attempt_2026-09-11-08-00-00_perceptrons.ipynb": NB + b"  ",
        "Week 2_jdoe_attempt_2026-09-11-08-00-00.txt": b"receipt",
    })
    report = collect.collect(course, "ps2", source)
    assert report.imported == ["jdoe/perceptrons"] and not report.rejected
    assert len(report.ignored) == 2
    stamp = (course.submitted_dir("jdoe", "ps2") / "timestamp.txt").read_text()
    assert stamp.startswith("2026-09-11 08:00:00")
    assert (course.submitted_dir("jdoe", "ps2") / "perceptrons.ipynb").read_bytes() \
        == NB + b"  "


def test_gradescope_folders_use_the_metadata(course, tmp_path):
    meta = (b"submission_101:\n  :submitters:\n  - :name: Ann Lee\n    :sid: 'a123'\n"
            b"    :email: ann@uni.edu\nsubmission_102:\n  :submitters:\n  - :name: Bo\n"
            b"    :email: bo@uni.edu\n")
    source = _zip(tmp_path, {
        "submission_metadata.yml": meta,
        "submission_101/perceptrons.ipynb": NB,
        "submission_102/xor_net.ipynb": NB,
    })
    report = collect.collect(course, "ps2", source)
    assert sorted(report.imported) == ["a123/perceptrons", "bo/xor_net"]
    assert not report.rejected and report.ignored == ["submission_metadata.yml"]


def test_near_miss_names_and_ambiguous_ones(course, tmp_path):
    source = tmp_path / "folder"
    (source / "ray").mkdir(parents=True)
    files = {"kim_Perceptrons.ipynb": NB, "lee_perceptrons_final.ipynb": NB,
             "ray/perceptrons (1).ipynb": NB, "ray/perceptrons.ipynb": NB,
             "sam_notes.ipynb": NB, "zoe_net.ipynb": NB}
    for rel, data in files.items():
        (source / rel).write_bytes(data)
    old = time.time() - 100
    os.utime(source / "ray/perceptrons.ipynb", (old, old))
    report = collect.collect(course, "ps2", source)
    assert sorted(report.imported) == ["kim/perceptrons", "lee/perceptrons", "ray/perceptrons"]
    rejected = "\n".join(report.rejected)
    assert "sam_notes.ipynb" in rejected and "zoe_net.ipynb" in rejected
    assert any("ray/perceptrons (1).ipynb" in w and "kept the latest" in w
               for w in report.warnings)


def test_custom_pattern(course, tmp_path):
    source = _zip(tmp_path, {"hw2-perceptrons-s0042.ipynb": NB, "junk.ipynb": NB})
    report = collect.collect(course, "ps2", source,
                             pattern=r"hw2-(?P<notebook>[a-z_]+)-(?P<student>s\d+)\.ipynb$")
    assert report.imported == ["s0042/perceptrons"]
    assert any("junk.ipynb" in r and "pattern" in r for r in report.rejected)
    with pytest.raises(GradingError, match="groups"):
        collect.collect(course, "ps2", source, pattern=r"(?P<student>.+)")


def test_recollecting_says_it_replaced_a_submission(course, tmp_path):
    first = _zip(tmp_path, {"amy/perceptrons.ipynb": NB}, "one.zip")
    second = _zip(tmp_path, {"amy/perceptrons.ipynb": NB + b"\n"}, "two.zip")
    collect.collect(course, "ps2", first)
    report = collect.collect(course, "ps2", second)
    assert any("replaced the submission collected earlier" in w for w in report.warnings)


def test_roster(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("name,student_id\nAnn,a123\nBo,bo\n\n")
    assert collect.read_roster(roster) == ["a123", "bo"]
    roster.write_text("x1\nx2\n")
    assert collect.read_roster(roster) == ["x1", "x2"]
    with pytest.raises(GradingError, match="does not exist"):
        collect.read_roster(tmp_path / "nope.csv")


def test_collect_command_exits_1_when_a_file_was_rejected(course, tmp_path):
    source = _zip(tmp_path, {"amy/perceptrons.ipynb": NB, "notes.txt": b"hi"})
    result = subprocess.run([sys.executable, "-m", "autograder", "--course", str(course.root),
                             "collect", "ps2", str(source)], capture_output=True, text=True)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "not imported: notes.txt" in result.stdout

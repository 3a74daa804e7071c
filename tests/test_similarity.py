"""`dlgrade similarity`: normalization, fingerprints, template exclusion, planted copies, the
page and the CSV, and its errors (no grading: only collected files are read)."""

from __future__ import annotations

import csv
import importlib.util
import random
import re

import pytest

from autograder import cli, collect, release, sample_class
from autograder.course import Course, GradingError
from autograder.notebooks import REPO, is_solution, is_test, nbgrader_meta, read
from autograder.similarity import (
    DEFAULT_THRESHOLD,
    Cell,
    K,
    W,
    compare,
    kgram_hashes,
    normalize,
    similarity_week,
    week_cells,
    winnow,
)

pytestmark = pytest.mark.xdist_group("similarity")

WEEK = "week02"


def _bench():
    """benchmarks/similarity.py, whose generated classes the tests reuse."""
    spec = importlib.util.spec_from_file_location("bench_similarity",
                                                  REPO / "benchmarks" / "similarity.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ORIGINAL = '''
import math


def norm(values, power=2):
    """The p-norm of ``values``."""
    total = 0.0  # running sum
    for v in values:
        total += abs(v) ** power
    return total ** (1 / power)


def unit(values):
    """``values`` scaled to norm 1."""
    length = norm(values)
    return [v / length for v in values]
'''

DISGUISED = '''
import math
def unit(xs):
    # divide by the length
    n = norm(xs)

    return [x / n for x in xs]
def norm(xs, p=2):
    acc = 0.0
    for x in xs:
        acc += abs(x) ** p   # "accumulate"
    return acc ** (1 / p)
'''


# ------------------------------------------------------------------------------ normalizing
def test_renaming_comments_docstrings_blank_lines_and_order_do_not_change_fingerprints():
    a, b = Cell.of(ORIGINAL), Cell.of(DISGUISED)
    assert a.tokens == b.tokens
    assert a.fingerprints() == b.fingerprints() and a.fingerprints()
    # names the code only reads stay: they say what it does
    assert "abs" in a.tokens and "math" not in a.tokens[:1]
    assert "values" not in a.tokens and "norm" not in a.tokens


def test_string_literals_are_one_token_and_real_changes_change_the_tokens():
    assert normalize("x = 'a'\n")[0] == normalize('y = "something else"\n')[0]
    same = normalize("def f(x):\n    return np.sum(x)\n")[0]
    assert normalize("def f(x):\n    return np.mean(x)\n")[0] != same
    assert normalize("def f(x):\n    return np.sum(x) + 1\n")[0] != same


def test_tokens_remember_their_lines_and_cells_that_do_not_parse_keep_the_rest():
    tokens, lines = normalize("a = 1\n\n# note\nb = a + 2\n")
    assert tokens == ["V", "=", "1", ";", "V", "=", "V", "+", "2", ";"]
    assert lines == [1, 1, 1, 1, 4, 4, 4, 4, 4, 4]
    broken, _ = normalize("%matplotlib inline\ndef oops(:\n    pass\nx = len([1])\n")
    assert broken == ["V", "=", "len", "(", "[", "1", "]", ")", ";"]
    assert normalize("def (((\n")[0] == []


def test_self_attributes_are_renamed_library_attributes_are_not():
    tokens, _ = normalize("class A:\n    def f(self):\n        self.hidden = np.zeros(3)\n")
    assert tokens.count("V") >= 5 and "zeros" in tokens and "hidden" not in tokens


def test_winnowing_keeps_a_fingerprint_of_every_long_enough_shared_run():
    rng = random.Random(0)
    alphabet = [str(i) for i in range(12)]
    for _ in range(200):
        shared = [rng.choice(alphabet) for _ in range(W + K - 1)]
        a = [rng.choice(alphabet) for _ in range(rng.randint(0, 30))]
        b = [rng.choice(alphabet) for _ in range(rng.randint(0, 30))]
        fa = {h for h, _ in winnow(kgram_hashes(a + shared + b))}
        fb = {h for h, _ in winnow(kgram_hashes(b[::-1] + shared))}
        assert fa & fb, (a, shared, b)
    hashes = kgram_hashes([str(i) for i in range(40)])
    kept = winnow(hashes)
    positions = [p for _, p in kept]
    assert positions == sorted(set(positions))
    assert all(hashes[p] == h for h, p in kept)
    assert all(any(s <= p < s + W for p in positions) for s in range(len(hashes) - W + 1))
    assert winnow(kgram_hashes(["x"])) and winnow([]) == []


# ------------------------------------------------------------------------------ a class
@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """week02 released; the demo's students of the week, the benchmark's independent and
    planted ones, and two who left the starter code, collected."""
    root = tmp_path_factory.mktemp("similarity")
    course = Course.open(root / "course", create=True)
    bench = _bench()
    pairs, ref_copies = bench.precision_class(course, WEEK)  # releases the week too
    lms = root / "lms"
    sample_class.write_sample_class(course, WEEK, lms, ["empty", "own_way", "copycat"])
    report = collect.collect(course, WEEK, lms)
    assert len(report.imported) == 4 and report.rejected == []  # and the corrupted file
    release_nb = read(course.release_dir(WEEK) / "gradient_descent.ipynb")
    starter = {nbgrader_meta(c)["grade_id"]: c.source + "\n# TODO: later\n"
               for c in release_nb.cells if is_solution(c)}
    bench._write(course, WEEK, "lazy", {"gradient_descent": starter})
    # own_way writes the catalogue's first other correct solutions, as right_0 does: the four
    # students right_0, copy_0, own_way and copycat all hold the same code
    # the catalogue's other correct solutions: one planted copy of each student who writes them
    assert ("copy_0", "right_0") in pairs
    assert all(a.startswith("copy_") and b.startswith("right_") for a, b in pairs)
    group = ["copy_0", "copycat", "own_way", "right_0"]
    return course, {(a, b) for a in group for b in group if a < b} | pairs, ref_copies


@pytest.fixture(scope="module")
def result(course):
    return compare(week_cells(course[0], WEEK))


def test_planted_copies_are_flagged_and_independent_solutions_are_not(course, result):
    _, planted, ref_copies = course
    flagged = {tuple(sorted((p.a, p.b))) for p in result.flagged}
    assert flagged == planted, [(p.a, p.b, round(p.score, 2)) for p in result.pairs]
    assert result.clusters == [["copy_0", "copycat", "own_way", "right_0"]]
    assert {p.cluster for p in result.flagged if p.a in result.clusters[0]} == {1}
    near = {s for s, _, _ in result.reference}
    assert ref_copies <= near
    # the independent solutions: the other correct ones of the catalogue
    independent = {s for pair in planted for s in pair} | {"empty", "lazy"}
    assert not near & independent
    copy = next(p for p in result.pairs if {p.a, p.b} == {"copycat", "own_way"})
    assert copy.score >= 0.8 and len(copy.exercises) == 12
    assert all(s > 0.5 for s, _ in copy.exercises.values())


def test_the_starter_code_is_never_evidence(course, result):
    cells = result.cells
    for ex in cells.exercises:  # the starter code leaves no fingerprint of its own
        for who in ("empty", "lazy"):
            assert cells.students[who][ex].fingerprints() <= set(cells.templates[ex].grams) | \
                {h for h, _ in winnow(kgram_hashes(normalize("# TODO: later\n")[0]))}
    assert not [p for p in result.pairs if {"empty", "lazy"} & {p.a, p.b}]
    assert "empty" not in {s for s, _, _ in result.reference}


def test_a_copy_of_the_reference_is_not_a_pair_of_students(course, result):
    # ref_renamed and reference are both the reference: each is reported near it, not as a pair
    assert not [p for p in result.pairs if {p.a, p.b} == {"reference", "ref_renamed"}]
    share = dict((s, v) for s, v, _ in result.reference)
    assert share["reference"] == 1.0 and share["ref_renamed"] >= 0.8


def test_page_and_csv_rank_the_pairs_mark_the_copy_and_leak_nothing(course, tmp_path):
    course, _, _ = course
    page, table, result = similarity_week(course, WEEK, out_dir=tmp_path)
    assert (page.name, table.name) == (f"similarity-{WEEK}.html", f"similarity-{WEEK}.csv")
    rows = list(csv.DictReader(table.open(encoding="utf-8")))
    pairs = [r for r in rows if r["kind"] == "pair"]
    assert [float(r["score"]) for r in pairs] == sorted((float(r["score"]) for r in pairs),
                                                         reverse=True)
    flagged = {tuple(sorted((r["student_a"], r["student_b"]))) for r in pairs
               if r["flagged"] == "1"}
    assert ("copycat", "own_way") in flagged
    assert {r["student_a"] for r in rows if r["kind"] == "reference"} >= {"ref_renamed"}
    assert "gradient_descent/minibatch_gd" in next(
        r for r in pairs if {r["student_a"], r["student_b"]} == {"copycat", "own_way"}
    )["exercises"]

    text = page.read_text(encoding="utf-8")
    assert "evidence to look at, not proof" in text
    assert "<script src" not in text and "http" not in text.replace(
        'xmlns="http', "")  # offline: nothing to fetch
    first = re.search(r"<article class='pair flagged'[^>]*>(.*?)</article>", text, re.S)
    assert first and "#1" in first.group(1)
    assert "<span class='copy'>" in text and "<span class='ref'>" in text
    # the copycat's disguised line is in the page, marked as shared
    assert re.search(r"<span class='copy'>[^<]*_\dx", text)
    # nothing of the tests: no line of a test cell (hidden tests included) is in the page
    source = read(course.source_dir(WEEK) / "gradient_descent.ipynb")
    secrets = [line.strip() for c in source.cells if is_test(c)
               for line in c.source.splitlines() if len(line.strip()) >= 25]
    assert secrets and not [s for s in secrets if s in text or html_escaped(s) in text]
    # nothing of another week
    for other in ("week01", "week03"):
        for path in (REPO / other).glob("*.ipynb"):
            for c in read(path).cells:
                if is_solution(c):
                    assert f"{path.stem}/{nbgrader_meta(c)['grade_id']}" not in text


def html_escaped(text: str) -> str:
    import html

    return html.escape(text)


def test_command_line_writes_the_report_and_refuses_bad_weeks(course, tmp_path, capsys):
    course, _, _ = course
    assert cli.main(["--course", str(course.root), "similarity", WEEK, "-o",
                     str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "pair(s) at or above 50%" in out and (tmp_path / f"similarity-{WEEK}.html").exists()
    assert cli.main(["--course", str(course.root), "similarity", "week03"]) == 2
    assert "nothing collected for week03" in capsys.readouterr().err
    with pytest.raises(SystemExit, match="no week or assignment called 'week42'"):
        cli.main(["--course", str(course.root), "similarity", "week42"])
    assert cli.main(["--course", str(course.root), "similarity", "all", "-o",
                     str(tmp_path)]) == 0  # only the weeks with a class
    assert "week02:" in capsys.readouterr().out
    assert DEFAULT_THRESHOLD == 0.5


def test_an_unreadable_submission_is_reported_not_fatal(result):
    assert "corrupted" not in result.cells.students
    assert [line.split(":")[0] for line in result.cells.unreadable] == [
        "corrupted/gradient_descent.ipynb"]


def test_a_course_with_nothing_collected_is_refused(tmp_path):
    course = Course.open(tmp_path / "course", create=True)
    release.release_week(course, "week01")
    with pytest.raises(GradingError, match="nothing collected for week01"):
        week_cells(course, "week01")


def test_the_sample_copycat_still_runs_like_its_original():
    """`disguise` keeps the code's behaviour: the demo's copycat earns the same marks."""
    ns_a, ns_b = {}, {}
    code = sample_class.disguise(ORIGINAL, seed=3)
    exec(compile(ORIGINAL, "a", "exec"), ns_a)  # noqa: S102 - our own test code
    exec(compile(code, "b", "exec"), ns_b)  # noqa: S102
    assert ns_a["unit"]([3.0, 4.0]) == ns_b["unit"]([3.0, 4.0]) == [0.6, 0.8]
    assert code != ORIGINAL and "n_steps_3 = 0" in code
    assert code.index("def unit") < code.index("def norm")  # reordered

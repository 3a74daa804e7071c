"""`dlgrade audit`: the mutants it makes, how it judges them, what it reports.

A toy assignment (`relu`, an instructor's own nbgrader assignment with its reference module)
shows the whole path: a weak hidden test lets a mutant survive, a strong one kills it, an
equivalent mutant marked in the equivalence file leaves the score, and a promised dtype with
no dtype record is reported. The CLI runs once on a sample of one small week.
"""

from __future__ import annotations

import ast
import difflib
import sys
import types
from pathlib import Path

import nbformat
import numpy as np
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from autograder import audit, audit_report, judge, mutants
from autograder.cli import main
from autograder.course import Course
from dlcourse import check
from tests.toy import cell_meta

SOURCE = '''import numpy as np


def f(a, b, xs, flag=True):
    """Docstring: 1 + 2 < 3 is never mutated."""
    total = a + b
    scale = a * b
    if a < b and b > 0:
        total -= 2
    elif a == b or not flag:
        total = -total
    top = max(a, b)
    np.clip(xs, a, b)
    return np.where(xs > total, scale, top)
'''


def _changes(found):
    return {(m.before, m.after) for m in found}


def test_each_operator_makes_its_mutant():
    found = mutants.mutants_of(SOURCE, ["f"], "f")
    changes = _changes(found)
    expected = [("a + b", "a - b"), ("a * b", "a / b"), ("a < b", "a <= b"), ("b > 0", "b >= 0"),
                ("a == b", "a != b"), ("a < b and b > 0", "a < b or b > 0"),
                ("a == b or not flag", "a == b and (not flag)"), ("not flag", "flag"),
                ("-total", "total"), ("2", "3"), ("2", "0"), ("2", "-2"),
                ("total -= 2", "total += 2"), ("max", "min"), ("scale = a * b", "pass"),
                ("np.clip(xs, a, b)", "np.clip(a, xs, b)"),
                ("np.clip(xs, a, b)", "np.clip(xs, b, a)"), ("np.clip(xs, a, b)", "pass"),
                ("xs > total", "xs >= total"), ("True", "False")]
    missing = [c for c in expected if c not in changes]
    assert not missing, f"no mutant for {missing}; made {sorted(changes)}"
    # Docstrings, and the return statement itself, are never changed.
    assert not [m for m in found if "Docstring" in m.before or m.before.startswith("return")]


def test_each_mutant_changes_one_thing_and_ids_are_stable():
    found = mutants.mutants_of(SOURCE, ["f"], "f")
    original = ast.unparse(ast.parse(SOURCE).body[1]).splitlines()
    for m in found:
        mutated = m.source.splitlines()
        changed = [d for d in difflib.ndiff(original, mutated) if d[:2] in ("- ", "+ ")]
        assert len(changed) == 2, f"{m.id}: {changed}"  # one line out, one line in
        assert m.lineno and m.line in SOURCE.splitlines()[m.lineno - 1]
    ids = [m.id for m in found]
    assert len(set(ids)) == len(ids)
    # Lines added above, and comments, change line numbers, never ids.
    moved = "# a comment\n\n\n" + SOURCE.replace("scale = a * b", "scale = a * b  # why")
    again = mutants.mutants_of(moved, ["f"], "f")
    assert [m.id for m in again] == ids
    assert [m.lineno for m in again] == [m.lineno + 3 for m in found]


def test_only_the_solution_region_is_mutated():
    cell = ('def g(x, lr=0.5):\n    """Doc."""\n    ### BEGIN SOLUTION\n    return x * lr\n'
            '    ### END SOLUTION')
    module = "import numpy as np\n\n\n" + cell.replace("    ### BEGIN SOLUTION\n", "").replace(
        "\n    ### END SOLUTION", "") + "\n"
    lines = mutants.solution_lines(cell, module)
    assert lines == {6}
    found = mutants.mutants_of(module, ["g"], "g", lines)
    assert _changes(found) == {("x * lr", "x / lr")}  # the given default 0.5 is not a bug


def test_sampling_is_deterministic_and_bounded():
    found = mutants.mutants_of(SOURCE, ["f"], "f")
    first = mutants.sample(found, 3)
    assert len(first) == 3 and [m.id for m in first] == [m.id for m in mutants.sample(found, 3)]
    assert mutants.sample(found, None) == found


def test_dtype_and_shape_promises_are_found():
    text = ("Return a `float64` array P of shape `(V, V)`; x: (N, D) inputs, labels a "
            "torch.long tensor. As long as it runs, int is fine.")
    found = audit.promises(text)
    assert found == {"dtypes": ["float64", "torch.long"], "shapes": ["(N, D)", "(V, V)"]}
    assert audit.promises("a boolean mask, long enough") == {"dtypes": [], "shapes": []}
    # Only what is said of the result is a promise about it.
    doc = ("Args:\n    x: (N, D) float32 tensor.\n    k: an int.\n\nReturns:\n    y: (N, K) "
           "int64 array.\n")
    assert audit.promises(audit.result_text(doc)) == {"dtypes": ["int64"], "shapes": ["(N, K)"]}
    prose = "It takes a float32 tensor x of shape (N, D) and returns a float64 array."
    assert audit.promises(audit.result_text(prose)) == {"dtypes": ["float64"], "shapes": []}
    # Inputs named inside a sentence about the result are not promises about it.
    inputs = "Return the mean as a 0-dim tensor, from `logits: (N, T, V)` and `Y: (N, T)` (int64)."
    assert audit.promises(audit.result_text(inputs)) == {"dtypes": [], "shapes": []}
    array = {"case": "c", "value": check._encode(np.zeros((2, 2))),
             "rule": {"dtype": False, "at_least": None, "at_most": None}}
    problems = audit.unchecked_promises(text, [[array]])
    assert len(problems) == 1 and "float64" in problems[0]
    with_dtype = {**array, "rule": {**array["rule"], "dtype": True}}
    assert audit.unchecked_promises(text, [[with_dtype]]) == []
    bound = {**array, "value": check._encode(0.9), "rule": {"at_least": 0.5, "at_most": None,
                                                           "dtype": True}}
    assert any("shape" in p for p in audit.unchecked_promises(text, [[bound]]))


# ------------------------------------------------------------------------------ a toy assignment
RELU = '''def relu(x):
    """Elementwise max(x, 0) of a float array x: (N,); returns a float64 array (N,)."""
    ### BEGIN SOLUTION
    x = np.asarray(x, dtype=np.float64)
    return np.maximum(x, 0.0)
    ### END SOLUTION'''
WEAK = ('check.probe(relu, np.array([1.0, 2.0]), case="relu of positives")')
STRONG = (WEAK + '\ncheck.probe(relu, np.array([-1.0, 0.5]), case="relu of -1 and 0.5", '
          'dtype=True)')
SETUP = "import numpy as np\nfrom dlcourse import check"


def toy_assignment(tmp: Path, hidden: str, name: str) -> Path:
    """An nbgrader assignment ``name`` in a course's source/, its reference module loaded as
    ``autograder.references.<name>`` (the worker processes are forked: they see it)."""
    folder = tmp / "course" / "source" / name
    folder.mkdir(parents=True)
    cells = [new_code_cell(SETUP, metadata=cell_meta("setup", locked=True)),
             new_markdown_cell("Write `relu(x)`; return a `float64` array."),
             new_code_cell(RELU, metadata=cell_meta("relu", solution=True)),
             new_code_cell(f"### BEGIN HIDDEN TESTS\n{hidden}\n### END HIDDEN TESTS",
                           metadata=cell_meta("test_relu", grade=True, locked=True, points=1))]
    nbformat.write(new_notebook(cells=cells), str(folder / "toy.ipynb"))
    ref = tmp / f"{name}_reference.py"
    ref.write_text(SETUP + "\n\n\n" + RELU.replace("    ### BEGIN SOLUTION\n", "").replace(
        "\n    ### END SOLUTION", "") + "\n")
    module = types.ModuleType(f"autograder.references.{name}")
    module.__file__ = str(ref)
    exec(compile(ref.read_text(), str(ref), "exec"), module.__dict__)
    sys.modules[module.__name__] = module
    return folder


def _run(tmp_path, hidden, name, equivalents=None):
    folder = toy_assignment(tmp_path, hidden, name)
    tasks = audit.tasks_for(name, folder, {name: equivalents or {}})
    (result,) = audit.audit(tasks, 1, tmp_path)
    assert result.error is None, result.error
    return result, {r.mutant.before + " → " + r.mutant.after: r for r in result.mutants}


def test_a_weak_test_lets_a_mutant_survive_and_a_strong_one_kills_it(tmp_path):
    weak, by_change = _run(tmp_path, WEAK, "toyweak")
    assert by_change["0.0 → 1.0"].status == "survived"  # max(x, 1) on [1, 2]: the same
    assert by_change["np.maximum → np.minimum"].status == "killed"
    assert any("float64" in p for p in weak.promises)  # promised, and no dtype record
    strong, by_change = _run(tmp_path, STRONG, "toystrong")
    assert by_change["0.0 → 1.0"].status == "killed"
    assert "relu of -1 and 0.5" in by_change["0.0 → 1.0"].why
    assert strong.promises == []
    # Without the conversion, float64 inputs give the same: the one survivor, until it is
    # marked equivalent.
    survivors = [c for c, r in by_change.items() if r.status == "survived"]
    assert survivors == ["x = np.asarray(x, dtype=np.float64) → pass"]
    assert audit_report.summary([strong])[0]["score"] < 1


def test_the_equivalence_file_is_honoured(tmp_path):
    _, by_change = _run(tmp_path, STRONG, "toyeq1")
    (survivor,) = [r for r in by_change.values() if r.status == "survived"]
    toml = tmp_path / "equivalent.toml"
    toml.write_text(f"[toyeq2]\n{audit.toml_line(survivor.mutant.id, 'x is float64 already')}\n"
                    f'"relu: gone :: a → b" = "a line that changed"\n')
    marks = audit.load_equivalents(toml)
    result, by_change = _run(tmp_path, STRONG, "toyeq2", marks["toyeq2"])
    marked = [r for r in result.mutants if r.status == "equivalent"]
    assert [r.why for r in marked] == ["x is float64 already"]
    row = audit_report.summary([result])[0]
    assert row["equivalent"] == 1 and row["survived"] == 0 and row["score"] == 1.0
    stale = audit_report.stale_equivalents([result], marks)
    assert len(stale) == 1 and "gone" in stale[0]
    toml.write_text('[toyeq2]\n"relu: x :: a → b" = ""\n')
    with pytest.raises(SystemExit, match="reason"):
        audit.load_equivalents(toml)


def test_an_endless_mutant_is_stopped_and_counts_as_killed():
    def endless():
        while True:
            pass
    assert audit._in_child(endless, 0.5) == ("timeout", None)
    assert audit._in_child(lambda: "done", 5) == ("ok", "done")


def test_the_equivalence_file_names_mutants_that_exist():
    """Every entry of autograder/mistakes/equivalent.toml names a mutant of its week, with a
    reason (an entry whose line changed must go)."""
    from autograder import notebooks

    marks = audit.load_equivalents()
    for week, table in marks.items():
        ids = set()
        for path in notebooks.week_notebooks(week):
            nb = notebooks.read(path)
            source = Path(judge.reference_module(week, path.stem).__file__).read_text()
            for ex in notebooks.exercises(nb, week, path.stem):
                cell = nb.cells[ex.solution_cell].source
                ids |= {m.id for m in mutants.mutants_of(
                    source, audit._definitions(cell), ex.name,
                    mutants.solution_lines(cell, source))}
        unknown = [key for key in table if key not in ids]
        assert not unknown, f"[{week}] entries that name no mutant: {unknown[:3]}"


def test_cli_audits_one_small_week(tmp_path, capsys):
    course = Course.open(tmp_path / "course", create=True)
    out = tmp_path / "audit.html"
    status = main(["--course", str(course.root), "audit", "week08", "--workers", "1",
                   "--max-mutants-per-function", "1", "--mutants-only", "--quiet",
                   "-o", str(out)])
    text = capsys.readouterr().out
    assert status == 0, text
    assert "week08" in text and "mutants" in text and "at most 1 mutants per function" in text
    page = out.read_text()
    assert "<table>" in page and "week08" in page and "Surviving mutants" in page


def test_cli_skips_an_assignment_without_references(tmp_path, capsys):
    course = Course.open(tmp_path / "course", create=True)
    folder = course.root / "source" / "hw1"
    folder.mkdir()
    nbformat.write(new_notebook(cells=[new_code_cell(RELU, metadata=cell_meta(
        "relu", solution=True))]), str(folder / "hw.ipynb"))
    status = main(["--course", str(course.root), "audit", "hw1", "--quiet"])
    captured = capsys.readouterr()
    assert status == 2
    assert "hw1/hw.ipynb: skipped, no reference module" in captured.out
    assert "no exercise to audit" in captured.err


def test_every_week_keeps_its_mutation_score(tmp_path, capsys):
    """The whole course's hidden tests kill at least 98 % of the mutants not marked
    equivalent, and no entry of equivalent.toml is stale (a mutant the tests now kill must
    not stay excused). About a minute on two cores."""
    course = Course.open(tmp_path / "course", create=True)
    status = main(["--course", str(course.root), "audit", "all", "--workers", "2",
                   "--mutants-only", "--quiet", "--fail-under", "98",
                   "-o", str(tmp_path / "audit.html")])
    text = capsys.readouterr().out
    assert status == 0, text
    assert "Stale entries" not in text, text[text.index("Stale entries"):][:2000]

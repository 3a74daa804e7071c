"""Which exercises each demo cell needs (`autograder.guards`), on small hand-made notebooks:
directly, through the variables it reads, not through a variable rebound since, and the
guard that `dlgrade tag-demos` writes."""

from __future__ import annotations

import nbformat

from autograder.guards import guard_of, guard_problems, needed_exercises, set_guard, stub_names


def _solution(name: str, body: str = "return x") -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(
        f"def {name}(x):\n    '''doc'''\n    ### BEGIN SOLUTION\n    {body}\n    ### END SOLUTION")
    cell.metadata["nbgrader"] = {"solution": True, "grade": False, "locked": False,
                                 "grade_id": name, "schema_version": 3}
    return cell


def _test(name: str) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(f"_r = {name}(1)\ncheck.close(_r, 1, '{name}')")
    cell.metadata["nbgrader"] = {"solution": False, "grade": True, "locked": True,
                                 "grade_id": f"test_{name}", "points": 1, "schema_version": 3}
    return cell


def _notebook(*cells) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [c if isinstance(c, nbformat.NotebookNode) else nbformat.v4.new_code_cell(c)
                for c in cells]
    return nb


def test_a_demo_needs_what_it_calls_and_what_made_its_variables():
    nb = _notebook("import numpy as np", _solution("tokenize"), _test("tokenize"),
                   _solution("build_vocab"),
                   "ids = tokenize('a b')",              # 4: calls tokenize
                   "vocab = build_vocab(ids)",           # 5: reads ids too
                   "print(len(vocab))",                  # 6: through vocab only
                   "n = 3\nprint(n)",                    # 7: nothing
                   "def show():\n    return ids\n",      # 8: a function reading ids
                   "show()")                             # 9: through show
    assert needed_exercises(nb) == {4: ["tokenize"], 5: ["tokenize", "build_vocab"],
                                    6: ["tokenize", "build_vocab"], 8: ["tokenize"],
                                    9: ["tokenize"]}


def test_a_variable_rebound_for_certain_no_longer_depends():
    nb = _notebook(_solution("f"),
                   "device = f(1)",                      # 1
                   "device = 'cpu'",                     # 2: rebinds it for certain
                   "print(device)",                      # 3: needs nothing
                   "if True:\n    device = f(2)",        # 4: perhaps rebinds it
                   "print(device)",                      # 5: needs f again
                   "table = {}",                         # 6
                   "table['k'] = f(3)",                  # 7: changes table
                   "print(table)")                       # 8
    needed = needed_exercises(nb)
    assert 3 not in needed and 6 not in needed
    assert needed[5] == ["f"] and needed[8] == ["f"]


def test_set_up_before_the_guard_runs_without_the_exercise():
    nb = _notebook(_solution("train"),
                   "data = [1, 2]\ncheck.needs('train')\nmodel = train(data)",
                   "print(data)",        # data was made before the guard: needs nothing
                   "print(model)")
    assert needed_exercises(nb) == {1: ["train"], 3: ["train"]}
    assert guard_problems(nb)[0].startswith("notebook cell 3: the guard should be "
                                            "check.needs('train')")
    bad = _notebook(_solution("train"), "data = train(1)\ncheck.needs('train')")
    assert any("the lines before its check.needs(...) use train" in p
               for p in guard_problems(bad))


def test_a_class_is_named_by_its_class_and_the_order_is_the_notebooks():
    block = nbformat.v4.new_code_cell(
        "class ResidualBlock:\n    def __init__(self):\n        ### BEGIN SOLUTION\n"
        "        self.n = 1\n        ### END SOLUTION\n")
    block.metadata["nbgrader"] = {"solution": True, "grade": False, "grade_id": "residual_block"}
    assert stub_names(block.source) == ["ResidualBlock"]
    nb = _notebook(_solution("b_first"), block, "net = ResidualBlock()\nb_first(net)")
    assert needed_exercises(nb) == {2: ["b_first", "ResidualBlock"]}


def test_the_guard_is_written_replaced_and_removed():
    source = "x = f(1)\nprint(x)"
    guarded = set_guard(source, ["f"])
    assert guarded == 'check.needs("f")\nx = f(1)\nprint(x)'
    assert guard_of(guarded) == (["f"], 1, 1)
    longer = set_guard(guarded, [f"exercise_number_{i}" for i in range(6)])
    assert all(len(line) <= 99 for line in longer.splitlines())
    assert guard_of(longer)[0] == [f"exercise_number_{i}" for i in range(6)]
    assert longer.endswith("\nx = f(1)\nprint(x)")
    assert set_guard(longer, []) == source
    kept_before = set_guard("data = 1\ncheck.needs('a')\ny = a(data)", ["a", "b"])
    assert kept_before == 'data = 1\ncheck.needs("a", "b")\ny = a(data)'

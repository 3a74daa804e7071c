"""Every file made from the notebooks and the catalogues is what `dlgrade generate` makes today:
the reference modules, dlcourse/mistakes.json, the demo tags and guards, the syllabus's hours
(autograder/generate.py). An author edits a notebook or a catalogue, then runs the command."""

from __future__ import annotations

import subprocess
import sys

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from autograder import generate
from autograder.notebooks import REPO, top_level_definitions


def test_every_generated_file_is_current():
    """`dlgrade generate --check`: each stale file named with the command that refreshes it."""
    result = subprocess.run([sys.executable, "-m", "autograder", "generate", "--check"],
                            capture_output=True, text=True, timeout=900, cwd=REPO)
    stale = [line for line in result.stdout.splitlines() if " is stale: run " in line]
    assert result.returncode == 0 and not stale, (
        "\n".join(stale) or result.stdout[-3000:] + result.stderr[-3000:])
    # the check covered every step: references, hints, demo tags, syllabus
    assert "dlcourse/mistakes.json: up to date" in result.stdout, result.stdout[-2000:]
    assert "week01/perceptrons.ipynb: " in result.stdout, result.stdout[-2000:]
    assert "course/syllabus.md: hours are current" in result.stdout, result.stdout[-2000:]
    assert "every generated file is up to date" in result.stdout


def _meta(grade_id: str, solution: bool = False, grade: bool = False, points: int = 0) -> dict:
    return {"nbgrader": {"grade_id": grade_id, "solution": solution, "grade": grade,
                         "locked": not solution, "points": points, "schema_version": 3,
                         "task": False}}


def _toy_course(root):
    """A course of one week whose notebook has a set-up cell and two solution cells."""
    (root / "week01").mkdir()
    (root / "autograder" / "references").mkdir(parents=True)
    nb = new_notebook(cells=[
        new_markdown_cell("# Toy"),
        new_code_cell("import numpy as np\n\nfrom math import pi  # a comment\n%matplotlib inline\n"
                      "np.random.seed(0)", metadata=_meta("setup")),
        new_code_cell("def double(x):\n    ### BEGIN SOLUTION\n    return 2 * x\n"
                      "    ### END SOLUTION", metadata=_meta("double", solution=True)),
        new_code_cell("assert double(1) == 2", metadata=_meta("t1", grade=True, points=1)),
        new_code_cell("### BEGIN SOLUTION\nTAU = 2 * pi\n### END SOLUTION",
                      metadata=_meta("tau", solution=True)),
    ])
    nbformat.write(nb, str(root / "week01" / "toy.ipynb"))


def test_reference_module_is_made_from_the_notebook(tmp_path):
    _toy_course(tmp_path)
    files = generate.reference_files(tmp_path)
    path = tmp_path / "autograder" / "references" / "week01.py"
    assert list(files) == [path]
    text = files[path]
    assert "generated, never edit by hand" in text and "dlgrade generate" in text
    assert not [line for line in text.splitlines() if line.strip().startswith("###")]
    assert "import numpy as np\n\nfrom math import pi  # a comment\n" in text  # as in the cell
    assert "%matplotlib" not in text and "np.random.seed" not in text  # imports only
    assert text.index("def double") < text.index("TAU = 2 * pi")  # notebook order
    assert set(top_level_definitions(text)) == {"double", "TAU"}
    namespace: dict = {}
    exec(compile(text, str(path), "exec"), namespace)  # noqa: S102 - made above
    assert namespace["double"](3) == 6 and abs(namespace["TAU"] - 6.283185307) < 1e-9


def test_a_hand_edited_reference_is_stale(tmp_path):
    _toy_course(tmp_path)
    assert not generate.references(write=True, root=tmp_path)
    assert not generate.references(write=False, root=tmp_path)
    path = tmp_path / "autograder" / "references" / "week01.py"
    path.write_text(path.read_text().replace("2 * x", "x + x"))
    stale = generate.references(write=False, root=tmp_path)
    assert [s.line() for s in stale] == [
        "autograder/references/week01.py is stale: run `dlgrade generate`"]
    assert "x + x" in path.read_text()  # the check wrote nothing
    path.unlink()
    assert [s.path for s in generate.references(write=False, root=tmp_path)] == [
        "autograder/references/week01.py"]


def test_a_notebook_without_set_up_cell_is_a_clear_error(tmp_path):
    _toy_course(tmp_path)
    path = tmp_path / "week01" / "toy.ipynb"
    nb = nbformat.read(str(path), as_version=4)
    del nb.cells[1]
    nbformat.write(nb, str(path))
    with pytest.raises(ValueError, match="week01/toy.ipynb: no set-up cell"):
        generate.reference_files(tmp_path)

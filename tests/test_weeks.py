"""Every week with notebooks: the instructor notebook runs top to bottom in full, and the
student release runs top to bottom unsolved (only the exercises' own cells and the demos
that name their missing exercise may stop). Whether the references earn full marks and the
release zero under the grader is checked from the demo's class run (``tests/test_demo.py``);
`dlgrade validate` itself is checked here on one week."""

from __future__ import annotations

import os
import re

import pytest

from autograder.cli import validate_week
from autograder.course import Course
from autograder.notebooks import week_dirs
from autograder.release import release_week, unsolved_run_problems

WEEKS = [w.name for w in week_dirs()]


def test_there_is_a_week():
    assert WEEKS, "no week has notebooks"


def test_validate_command():
    """`dlgrade validate` on one week: sandboxed grading of the references (full marks) and of
    the untouched release (zero), and the unsolved release run."""
    problems = validate_week(WEEKS[0], workers=2)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("week", WEEKS)
def test_release_runs_top_to_bottom_unsolved(week, tmp_path):
    course = Course.open(tmp_path / "course", create=True)
    problems = []
    for path in release_week(course, week):
        problems += unsolved_run_problems(path)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("week", WEEKS)
def test_instructor_notebook_runs_in_full(week):
    """As a student runs it: every cell, demos at full size, no error, nothing on stderr
    from a test cell (a warning there would cost points under nbgrader's rules)."""
    import nbformat
    from nbclient import NotebookClient

    from autograder.notebooks import is_test, week_notebooks

    env_before = os.environ.pop("NBGRADER_EXECUTION", None)
    try:
        for path in week_notebooks(week):
            nb = nbformat.read(str(path), as_version=4)
            NotebookClient(nb, timeout=300, kernel_name="python3",
                           resources={"metadata": {"path": str(path.parent)}}).execute()
            printed = []
            for index, cell in enumerate(nb.cells):
                for out in cell.get("outputs", []):
                    assert out.get("output_type") != "error", (path.name, index, out)
                    if is_test(cell):
                        assert out.get("name") != "stderr", (path.name, index, out)
                    printed += "".join(out.get("text", "")).splitlines()
                if is_test(cell):  # its visible checks passed, and it says so
                    text = "".join(o.get("text", "") for o in cell.get("outputs", []))
                    assert re.search(r"^✓ .*\d+ checks? passed$", text, re.M), (path.name, index)
            # A "✓ ... passed" line quoted in the notebook's text is one the notebook prints.
            for cell in nb.cells:
                if cell.cell_type == "markdown":
                    for quoted in re.findall(r"`(✓ [^`]+ passed)`", cell.source):
                        assert quoted in printed, (path.name, quoted)
    finally:
        if env_before is not None:
            os.environ["NBGRADER_EXECUTION"] = env_before


CITATION = re.compile(r"\bnotes? 0\d\d\b|\bthe (lecture )?notes\b|\bnotes? \d{3}_", re.I)


@pytest.mark.parametrize("week", WEEKS)
def test_notebooks_do_not_cite_lecture_notes_students_lack(week):
    """Students have no copy of the lecture notes the course follows: a notebook never points
    to them ("notes 002", "the notes say"); it says what the common form is instead."""
    import nbformat

    from autograder.notebooks import week_notebooks

    for path in week_notebooks(week):
        for index, cell in enumerate(nbformat.read(str(path), as_version=4).cells):
            found = CITATION.search(cell.source)
            assert not found, f"{path.name} cell {index} cites the notes: {found.group(0)!r}"


# The demo tags and guards are current (`dlgrade tag-demos --check all`): tests/test_generated.py,
# with every other generated file.


@pytest.mark.parametrize("week", WEEKS)
def test_guards_name_every_exercise_a_demo_depends_on(week):
    """Each demo's check.needs(...) lists the exercises it uses, directly or through the
    variables it reads (autograder/guards.py), in notebook order; so a release with only one
    exercise unsolved stops exactly the cells that depend on it, each naming it."""
    from autograder.guards import guard_problems
    from autograder.notebooks import week_notebooks

    problems = []
    for path in week_notebooks(week):
        problems += guard_problems(read_nb(path), f"{week}/{path.name}")
    assert not problems, "\n".join(problems)


def read_nb(path):
    import nbformat

    return nbformat.read(str(path), as_version=4)


def _only_unsolved(nb, exercise: str):
    """The notebook as a student has it who solved every exercise but ``exercise`` (its
    solution regions replaced by the release's stub; hidden tests removed)."""
    from autograder.judge import visible_source
    from autograder.notebooks import is_solution, is_test, nbgrader_meta

    for cell in nb.cells:
        if is_test(cell):
            cell.source = visible_source(cell.source)
        elif is_solution(cell):
            lines, inside = [], False
            for line in cell.source.splitlines():
                if "### BEGIN SOLUTION" in line:
                    inside = nbgrader_meta(cell).get("grade_id") == exercise
                    if inside:
                        indent = line[:len(line) - len(line.lstrip())]
                        lines.append(f"{indent}raise NotImplementedError()")
                elif "### END SOLUTION" in line:
                    inside = False
                elif not inside:
                    lines.append(line)
            cell.source = "\n".join(lines)
    return nb


# One exercise unsolved, the rest solved: executed for the cases where a demo once depended
# on an exercise through a variable only (the other cases are covered statically above).
ONE_UNSOLVED = [("week08", "embeddings", "tokenize"), ("week02", "gradient_descent",
                                                       "taylor_polynomial"),
                ("week09", "generative", "train_autoencoder")]


@pytest.mark.parametrize("week,notebook,exercise", ONE_UNSOLVED)
def test_one_unsolved_exercise_stops_only_the_cells_that_name_it(week, notebook, exercise):
    from nbclient import NotebookClient

    from autograder.guards import needed_exercises, stub_names
    from autograder.notebooks import REPO, is_solution, is_test, nbgrader_meta

    path = REPO / week / f"{notebook}.ipynb"
    nb = _only_unsolved(read_nb(path), exercise)
    stub = next(stub_names(c.source) for c in nb.cells
                if is_solution(c) and nbgrader_meta(c).get("grade_id") == exercise)[0]
    before = os.environ.get("NBGRADER_EXECUTION")
    os.environ["NBGRADER_EXECUTION"] = "validate"  # demos shrink
    try:
        NotebookClient(nb, timeout=300, kernel_name="python3", allow_errors=True,
                       resources={"metadata": {"path": str(path.parent)}}).execute()
    finally:
        if before is None:
            os.environ.pop("NBGRADER_EXECUTION", None)
        else:
            os.environ["NBGRADER_EXECUTION"] = before
    stopped, own = [], False
    for index, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") != "error":
                continue
            if is_test(cell) and out["ename"] == "NotImplementedError":
                own = True
                continue
            assert out["ename"] == "ExerciseNotDone" and f"needs `{stub}`" in out["evalue"], \
                f"{path.name} cell {index}: {out['ename']}: {out['evalue'][:300]}"
            stopped.append(index)
    assert own, f"no test cell of {exercise} said it is not written yet"
    # Exactly the cells the analysis says depend on it stopped (none ran into a NameError).
    assert set(stopped) == {i for i, names in needed_exercises(read_nb(path)).items()
                            if stub in names}


RUN_ALL = ("*Run ▸ Run All Cells* goes to the end while exercises are unsolved: a cell that needs "
           "an exercise you have not written yet stops with one line naming it, a check that "
           "fails says why, and the cells below still run")


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("week", WEEKS)
def test_every_notebook_says_run_all_goes_to_the_end(week):
    """One behaviour, said the same way everywhere: the release tags the cells that stop while
    exercises are unsolved `raises-exception`, so Run All goes on past them."""
    from autograder.notebooks import week_notebooks

    for path in week_notebooks(week):
        text = _flat(" ".join(c.source for c in read_nb(path).cells
                              if c.cell_type == "markdown"))
        assert RUN_ALL in text, f"{path.name} does not say how Run All behaves"
        assert not re.search(r"Run All[^.]*stops at", text), path.name


def test_the_guides_say_run_all_goes_to_the_end():
    from autograder.bundle import README
    from autograder.notebooks import REPO

    for where, text in (("README.md", (REPO / "README.md").read_text(encoding="utf-8")),
                        ("course/INSTRUCTORS.md",
                         (REPO / "course" / "INSTRUCTORS.md").read_text(encoding="utf-8")),
                        ("the bundle's README", README)):
        assert RUN_ALL in _flat(text), where

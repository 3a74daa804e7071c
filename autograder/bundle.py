"""The student bundle: one zip an instructor hands out for a set of weeks.

Inside ``<name>/`` (the zip's file name without ``.zip``):

* ``weekNN/``: the week's release (the student notebooks nbgrader generated, and any other
  file of the release folder); a week not released yet is released first;
* ``wheels/dlcourse_student-VERSION-py3-none-any.whl``: the helper package ``dlcourse`` as a
  wheel of its own (the distribution ``dlcourse-student``), built from a temporary copy that
  holds ``dlcourse/`` and nothing else, so no grader code or reference solution can ride along;
* ``requirements.txt`` and ``environment.yml``: what a student installs (pip or conda);
* ``README.md``: how to install, open the notebooks and check one's work;
* ``course/NOTATION.md`` and ``course/syllabus.md``: the course's notation page (every
  notebook links to it as ``../course/NOTATION.md``, as in the repository) and the syllabus.

The steps, in order: ``_releases`` → ``build_student_wheel`` → the set-up files →
``find_secrets`` over everything that goes in (the bundle is not written when it finds one) →
the zip.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from pathlib import Path, PurePosixPath

from autograder.course import Course, GradingError
from autograder.notebooks import REPO, read
from autograder.release import MARKERS, find_leaks, release_week

__all__ = ["make_bundle", "build_student_wheel", "find_secrets", "STUDENT_PACKAGES"]

#: What students install beside the wheel (the course's pins; see pyproject.toml).
STUDENT_PACKAGES = ["numpy>=1.26", "torch==2.13.0", "sympy>=1.12", "matplotlib>=3.8",
                    "scikit-learn>=1.4", "tqdm>=4.66", "ipywidgets>=8", "jupyterlab>=4,<5"]
DIST_NAME = "dlcourse-student"
# Paths a bundle may never contain: the grader's package and its reference solutions.
FORBIDDEN_PARTS = ("autograder", "references")

STUDENT_PYPROJECT = """\
[build-system]
requires = ["setuptools>=68"]
build-backend = "setuptools.build_meta"

[project]
name = "{name}"
version = "{version}"
description = "The helper package of the dlcourse notebooks (data, plots, checks, training)"
requires-python = ">=3.11"
dependencies = {dependencies}

[project.scripts]
dlcourse = "dlcourse.cli:main"

[tool.setuptools.packages.find]
include = ["dlcourse", "dlcourse.*"]

[tool.setuptools.package-data]
dlcourse = ["mistakes.json"]
"""

README = """\
# {title}

The notebooks of {weeks_text} of the deep-learning course, and the helper package they import.

## Install (once)

You need Python 3.11. In a terminal, inside this folder:

```sh
python3.11 -m venv .venv
source .venv/bin/activate          # Windows: .venv\\Scripts\\activate
pip install -r requirements.txt    # PyTorch (CPU build), JupyterLab, numpy... and dlcourse
```

On Linux this installs PyTorch's CPU-only build (about 200 MB to download; everything in the
course runs on a CPU). To use an NVIDIA GPU instead, edit `requirements.txt` as its comment
says (about 2.7 GB). On macOS and Windows the usual PyTorch build is installed.

With conda instead: `conda env create -f environment.yml`, then `conda activate dlcourse`.

## Work on a week

```sh
jupyter lab
```

Open `weekNN/<notebook>.ipynb`, run the cells from the top and implement each exercise where
the cell says `raise NotImplementedError()`. Under each exercise, a cell of checks tells you
what it expected, what it received and on which input, or that they all passed.
*Run ▸ Run All Cells* goes to the end while exercises are unsolved: a cell that needs an
exercise you have not written yet stops with one line naming it, a check that fails says
why, and the cells below still run.
Your instructor grades more cases after you hand the notebook in, so a passing visible check
is a good sign, not a guarantee.

Check a whole notebook from the terminal (it runs every cell, then lists each exercise):

```sh
dlcourse check {example}
```

Keep the file name of each notebook when you hand it in.

## Contents

| path | what it is |
| --- | --- |
{contents}| `wheels/{wheel}` | the helper package `dlcourse` (`requirements.txt` installs it) |
| `requirements.txt`, `environment.yml` | what to install, for pip or conda |
"""


# ------------------------------------------------------------------------------ the wheel
def _project_meta() -> tuple[str, list[str]]:
    """The course's version and the student-facing dependencies of its pyproject.toml."""
    meta = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return meta["version"], list(meta.get("dependencies", []))


def build_student_wheel(dest: Path) -> Path:
    """Build the ``dlcourse-student`` wheel into ``dest`` from a copy holding only
    ``dlcourse/``; return its path. Works offline (no build isolation: the running
    environment's setuptools builds it)."""
    version, dependencies = _project_meta()
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="dlcourse-student-") as tmp:
        src = Path(tmp) / "src"
        shutil.copytree(REPO / "dlcourse", src / "dlcourse",
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".*"))
        deps = "[" + ", ".join(f'"{d}"' for d in dependencies) + "]"
        (src / "pyproject.toml").write_text(STUDENT_PYPROJECT.format(
            name=DIST_NAME, version=version, dependencies=deps), encoding="utf-8")
        result = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
             "--no-index", "--quiet", "--wheel-dir", str(Path(tmp) / "out"), str(src)],
            capture_output=True, text=True, cwd=tmp)
        wheels = sorted((Path(tmp) / "out").glob("*.whl"))
        if result.returncode != 0 or len(wheels) != 1:
            raise GradingError("building the dlcourse-student wheel failed:\n"
                               f"{result.stdout[-2000:]}{result.stderr[-2000:]}")
        target = dest / wheels[0].name
        shutil.copy(wheels[0], target)
    return target


# ------------------------------------------------------------------------------ checks
def find_secrets(files: dict[str, bytes]) -> list[str]:
    """Everything in ``{archive path: content}`` (wheels opened) a student must not get:
    solution or hidden-test markers, hidden-test recorder calls, the grader's package or
    the reference solutions."""
    found = []
    for name, data in files.items():
        parts = PurePosixPath(name).parts
        if any(part in FORBIDDEN_PARTS for part in parts):
            found.append(f"{name}: part of the grader, not of the student package")
        if name.endswith(".whl"):
            with zipfile.ZipFile(io.BytesIO(data)) as wheel:
                found += find_secrets({f"{name}!/{n}": wheel.read(n) for n in wheel.namelist()})
            continue
        text = data.decode("utf-8", "replace")
        found += [f"{name}: contains {m!r}" for m in MARKERS if m in text]
    return found


# ------------------------------------------------------------------------------ bundle
def _releases(course: Course, weeks: list[str]) -> dict[str, list[Path]]:
    """The files of each week's release, releasing the weeks that are not released yet."""
    out = {}
    for week in weeks:
        folder = course.release_dir(week)
        if not any(folder.glob("*.ipynb")):
            release_week(course, week)
        out[week] = sorted(p for p in folder.rglob("*") if p.is_file()
                           and not any(part.startswith(".") or part == "__pycache__"
                                       for part in p.relative_to(folder).parts))
        if not any(p.suffix == ".ipynb" for p in out[week]):
            raise GradingError(f"the release of {week} holds no notebook")
        leaks = []  # the release may have been edited since `dlgrade release` checked it
        for path in (p for p in out[week] if p.suffix == ".ipynb"):
            source = course.source_dir(week) / path.name
            if source.exists():
                leaks += find_leaks(read(source), read(path), f"{week}/{path.name}")
        if leaks:
            raise GradingError(f"the release of {week} leaks solutions or hidden tests "
                               "(run `dlgrade release` again):\n  " + "\n  ".join(leaks[:20]))
    return out


#: PyTorch's own index of CPU-only builds. On Linux, PyPI's torch is the CUDA build (about
#: 2.7 GB with its 18 CUDA packages); the CPU build from this index is about 200 MB. PyPI's
#: builds for macOS and Windows are CPU builds already.
TORCH_CPU_INDEX = "https://download.pytorch.org/whl/cpu"
TORCH_PIN = next(p for p in STUDENT_PACKAGES if p.startswith("torch=="))


def _requirements(wheel: str) -> str:
    """pip's requirements: the CPU build of torch on Linux unless the student asks for CUDA."""
    version = TORCH_PIN.split("==")[1]
    others = [p for p in STUDENT_PACKAGES if p != TORCH_PIN]
    lines = ["# The course's packages; install with: pip install -r requirements.txt",
             "# (run it inside this folder: the last line is the course's helper package)",
             "#",
             "# PyTorch: on Linux this installs the CPU-only build (about 200 MB download) from",
             "# PyTorch's CPU index; everything in the course runs on a CPU. For an NVIDIA GPU",
             f"# instead (about 2.7 GB), replace the two torch lines by: {TORCH_PIN}",
             f"--extra-index-url {TORCH_CPU_INDEX}",
             f"torch=={version}+cpu ; sys_platform == 'linux'",
             f"{TORCH_PIN} ; sys_platform != 'linux'",
             *others, f"./wheels/{wheel}"]
    return "\n".join(lines) + "\n"


def _environment(wheel: str) -> str:
    """conda's environment: torch from pip, the CPU build on Linux (as in requirements)."""
    pip_only = [p for p in STUDENT_PACKAGES if p.startswith(("torch", "jupyterlab"))]
    conda = [p.replace("==", "=") for p in STUDENT_PACKAGES if p not in pip_only]
    version = TORCH_PIN.split("==")[1]
    pip_lines = [f"--extra-index-url {TORCH_CPU_INDEX}",
                 f"torch=={version}+cpu ; sys_platform == 'linux'",
                 f"{TORCH_PIN} ; sys_platform != 'linux'",
                 *[p for p in pip_only if p != TORCH_PIN]]
    lines = ["# conda env create -f environment.yml (inside this folder)",
             "# torch: the CPU build on Linux (~200 MB); for CUDA use the plain "
             f"{TORCH_PIN} line", "name: dlcourse",
             "channels:", "  - conda-forge", "dependencies:", "  - python=3.11", "  - pip",
             *[f"  - {p}" for p in conda], "  - pip:", *[f"      - {p}" for p in pip_lines],
             f"      - ./wheels/{wheel}"]
    return "\n".join(lines) + "\n"


def make_bundle(course: Course, weeks: list[str], out: Path) -> Path:
    """Write the student bundle of ``weeks`` to the zip ``out``; return its path.

    Raises ``GradingError`` (and writes nothing) when anything secret would go in.
    """
    if not weeks:
        raise GradingError("a bundle needs at least one week")
    out = Path(out)
    top = out.stem if out.suffix == ".zip" else out.name
    releases = _releases(course, weeks)
    files: dict[str, bytes] = {}
    for week, paths in releases.items():
        for path in paths:
            rel = path.relative_to(course.release_dir(week)).as_posix()
            files[f"{week}/{rel}"] = path.read_bytes()
    with tempfile.TemporaryDirectory(prefix="dlgrade-bundle-") as tmp:
        wheel = build_student_wheel(Path(tmp))
        files[f"wheels/{wheel.name}"] = wheel.read_bytes()
    for page in ("NOTATION.md", "syllabus.md"):
        files[f"course/{page}"] = (REPO / "course" / page).read_bytes()
    files["requirements.txt"] = _requirements(wheel.name).encode()
    files["environment.yml"] = _environment(wheel.name).encode()
    contents = "".join(
        f"| `{week}/` | {', '.join(f'`{p.name}`' for p in paths if p.suffix == '.ipynb')} |\n"
        for week, paths in releases.items())
    weeks_text = (f"week {weeks[0][4:].lstrip('0')}" if len(weeks) == 1
                  else "weeks " + ", ".join(w[4:].lstrip("0") for w in weeks))
    example = next(f"{week}/{p.name}" for week, paths in releases.items()
                   for p in paths if p.suffix == ".ipynb")
    files["README.md"] = README.format(title=top, weeks_text=weeks_text, contents=contents,
                                       wheel=wheel.name, example=example).encode()
    secrets = find_secrets(files)
    if secrets:
        raise GradingError("the bundle would hand out grader material; nothing was written:\n  "
                           + "\n  ".join(secrets[:20]))
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp_out = out.with_name(out.name + ".part")
    with zipfile.ZipFile(tmp_out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(files):
            zf.writestr(f"{top}/{name}", files[name])
    tmp_out.replace(out)
    return out

"""The nbgrader course folder `dlgrade` works on, and nbgrader's API over it.

A course folder holds ``nbgrader_config.py`` and nbgrader's generated folders. Its ``source/``
holds links to the repository's ``weekNN/`` folders, so the instructor notebooks have one home.
Any folder can be a course: `Course.open` writes the default configuration into an empty one.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import warnings
from pathlib import Path

from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

from autograder.notebooks import REPO, week_dirs

__all__ = ["Course", "DEFAULT_COURSE", "DEMO_COURSE", "GradingError"]

DEFAULT_COURSE = REPO / "course"
#: Where `dlgrade demo` grades its sample class: never a real class's course folder.
DEMO_COURSE = REPO / "demo-course"

# nbgrader runs the `alembic` command of its own environment: make sure it is found even when
# dlgrade is started as `.venv/bin/dlgrade` without activating the environment.
_BIN = str(Path(sys.executable).parent)
if _BIN not in os.environ.get("PATH", "").split(os.pathsep):
    os.environ["PATH"] = _BIN + os.pathsep + os.environ.get("PATH", "")
# nbgrader's gradebook triggers this SQLAlchemy warning on every new submission; it is harmless.
warnings.filterwarnings("ignore", message=r".*not in session, add operation along.*")


class GradingError(RuntimeError):
    """Something `dlgrade` cannot do, with a message that says what to fix."""


class Course:
    """Paths and nbgrader objects of one course folder."""

    def __init__(self, root: Path, weeks_root: Path = REPO, db_url: str | None = None):
        self.root = Path(root).resolve()
        self.weeks_root = Path(weeks_root).resolve()
        config_file = self.root / "nbgrader_config.py"
        if not config_file.exists():
            raise GradingError(f"{self.root} is not a course folder: no nbgrader_config.py "
                               "(create one with `dlgrade --course DIR init`)")
        loader = PyFileConfigLoader(config_file.name, path=str(self.root))
        self.config: Config = loader.load_config()
        # A copied configuration must describe the folder it is in, wherever it came from.
        self.config.CourseDirectory.root = str(self.root)
        # Feedback pages show student-written Markdown: never let it run script.
        self.config.HTMLExporter.sanitize_html = True
        if db_url:  # e.g. postgresql://user@host/db, shared by several graders
            self.config.CourseDirectory.db_url = db_url
        elif "db_url" not in self.config.CourseDirectory:
            self.config.CourseDirectory.db_url = f"sqlite:///{self.root / 'gradebook.db'}"
        self.db_url: str = self.config.CourseDirectory.db_url
        self.link_sources()

    @classmethod
    def open(cls, root: Path | None = None, create: bool = False,
             db_url: str | None = None) -> Course:
        """Open a course folder; with ``create``, write the default configuration first."""
        root = Path(root or DEFAULT_COURSE).resolve()
        if create and not (root / "nbgrader_config.py").exists():
            root.mkdir(parents=True, exist_ok=True)
            shutil.copy(DEFAULT_COURSE / "nbgrader_config.py", root / "nbgrader_config.py")
        return cls(root, db_url=db_url)

    # ---------------------------------------------------------------- folders
    def link_sources(self) -> None:
        """Make ``source/weekNN`` point at the repository's ``weekNN/`` (idempotent)."""
        source = self.root / "source"
        source.mkdir(exist_ok=True)
        for week in week_dirs(self.weeks_root):
            link = source / week.name
            if link.is_symlink() and Path(os.readlink(link)) == week:
                continue
            if link.is_symlink() or link.is_file():
                link.unlink()
            elif link.is_dir():
                continue  # an instructor's own copy: leave it alone
            link.symlink_to(week, target_is_directory=True)

    def source_dir(self, week: str) -> Path:
        return self.root / "source" / week

    def release_dir(self, week: str) -> Path:
        return self.root / "release" / week

    def submitted_dir(self, student: str, week: str) -> Path:
        return self.root / "submitted" / student / week

    def autograded_dir(self, student: str, week: str) -> Path:
        return self.root / "autograded" / student / week

    def feedback_dir(self, student: str, week: str) -> Path:
        return self.root / "feedback" / student / week

    def state_dir(self) -> Path:
        """dlgrade's own working files (caches, run logs)."""
        path = self.root / ".dlgrade"
        path.mkdir(exist_ok=True)
        return path

    def assignments(self) -> list[str]:
        """Every assignment of the course: the repository's weeks (linked into ``source/``)
        and an instructor's own nbgrader assignments in ``source/``."""
        source = self.root / "source"
        if not source.is_dir():
            return []
        return sorted(p.name for p in source.iterdir()
                      if p.is_dir() and any(p.glob("*.ipynb")))

    def notebook_names(self, week: str) -> list[str]:
        return sorted(p.stem for p in self.source_dir(week).glob("*.ipynb"))

    def students(self, week: str) -> list[str]:
        """Students with a submission folder for ``week``."""
        base = self.root / "submitted"
        if not base.exists():
            return []
        return sorted(p.name for p in base.iterdir() if (p / week).is_dir())

    # ---------------------------------------------------------------- nbgrader
    def api(self):
        from nbgrader.apps import NbGraderAPI
        from nbgrader.coursedir import CourseDirectory

        coursedir = CourseDirectory(config=self.config)
        api = NbGraderAPI(coursedir=coursedir, config=self.config)
        api.log.setLevel(logging.WARNING)
        return api

    def gradebook(self):
        from nbgrader.api import Gradebook

        return Gradebook(self.db_url, course_id=self.config.CourseDirectory.get("course_id",
                                                                                 "default_course"))

"""Keep nbgrader's own autograder from running student code outside the sandbox.

formgrader's "autograde" buttons and ``nbgrader autograde`` run student notebooks in a plain
kernel on the instructor's account: no sandbox, no verdict outside the kernel. The course's
``nbgrader_config.py`` puts `RefusePlainAutograde` in place of nbgrader's autograde steps, so
every such path stops at once with a message that says what to run instead, before any
student code executes. (To compare with plain nbgrader on purpose, as ``benchmarks/`` and the
tests do, pass `PLAIN_AUTOGRADE_OPTION` on nbgrader's command line.)
"""

from __future__ import annotations

from nbconvert.preprocessors import Preprocessor
from traitlets import Bool

__all__ = ["RefusePlainAutograde", "MESSAGE", "PLAIN_AUTOGRADE_OPTION"]

#: nbgrader's own autograde steps (nbgrader 0.9's defaults), as a command-line option.
PLAIN_AUTOGRADE_OPTION = (
    "--Autograde.autograde_preprocessors=['nbgrader.preprocessors.Execute', "
    "'nbgrader.preprocessors.IgnorePattern', "
    "'nbconvert.preprocessors.ClearMetadataPreprocessor', "
    "'nbgrader.preprocessors.LimitOutput', 'nbgrader.preprocessors.SaveAutoGrades', "
    "'nbgrader.preprocessors.AssignLatePenalties', 'nbgrader.preprocessors.CheckCellMetadata']")

MESSAGE = ("this course grades student code only in dlgrade's sandbox: run "
           "`dlgrade grade ASSIGNMENT` (or `dlgrade grade ASSIGNMENT --student ID`) instead of "
           "nbgrader's autograde; formgrader then shows the grades")


class RefusePlainAutograde(Preprocessor):
    """An autograde step that refuses: nbgrader reports the error and runs nothing."""

    enabled = Bool(True)  # nbgrader registers its steps without enabling them

    def preprocess(self, nb, resources):
        raise RuntimeError(MESSAGE)

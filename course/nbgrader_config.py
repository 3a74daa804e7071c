"""nbgrader's configuration for this course (read by `dlgrade` and by nbgrader's own tools).

`dlgrade` links each `weekNN/` folder of the repository into `source/` on first use, so
nbgrader sees the instructor notebooks where it expects them. Everything else here
(release/, submitted/, autograded/, feedback/, gradebook.db, exports/) is generated.
"""

import os

c = get_config()  # noqa: F821 - provided by traitlets when nbgrader loads this file

HERE = os.path.dirname(os.path.abspath(__file__))
c.CourseDirectory.course_id = "dlcourse"
c.CourseDirectory.root = HERE
c.CourseDirectory.db_url = "sqlite:///" + os.path.join(HERE, "gradebook.db")
c.ClearSolutions.code_stub = {
    "python": "# YOUR CODE HERE\nraise NotImplementedError()",
}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"
# nbgrader's own autograde (formgrader's buttons, `nbgrader autograde`) would run student code
# without the sandbox: it refuses and says to run `dlgrade grade` (autograder/nbgrader_guard.py).
c.Autograde.autograde_preprocessors = ["autograder.nbgrader_guard.RefusePlainAutograde"]
# Pages rendered from student notebooks (feedback, formgrader) never run their HTML/script.
c.HTMLExporter.sanitize_html = True
# Feedback shows each check's message, never the hidden tests' source.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "nbgrader.preprocessors.ClearHiddenTests",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]

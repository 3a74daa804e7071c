"""The class report: one self-contained HTML file an instructor can open, mail or archive.

What it shows, per week: the distribution of the students' scores (histogram); per exercise
(grade cell) the mean score and the share of students with full marks (bar charts and a
table); the exercises most often failed, each with its most common failure messages; and,
for the whole course, the most common reasons for failing.

Scores come from nbgrader's gradebook (`exports.question_rows`). Failure messages come from
the autograded notebooks (``autograded/STUDENT/WEEK/*.ipynb``): a failed test cell carries an
error output whose ``evalue`` holds the grader's check messages, one per line, those that
failed starting with ``"✗ "``. Numbers in messages are normalized (``#``) so that the same
mistake on different inputs counts as one.

The plots are PNGs drawn with Matplotlib's Agg canvas (no display, no pyplot state) and
embedded as base64 ``data:`` URLs: the file needs nothing beside itself.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
import json
import re
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from autograder.course import Course, GradingError
from autograder.exports import question_rows, score_rows
from autograder.feedback import missing_students
from autograder.notebooks import exercises, is_test, nbgrader_meta, read

__all__ = ["build_report", "failure_messages", "normalize_message", "failure_reason",
           "failure_kind"]

TOP_FAILED = 5  # exercises listed under "most often failed", per week
TOP_MESSAGES = 3  # messages shown per failed exercise
TOP_REASONS = 10  # rows of the course-wide table of failure reasons

_NUMBER = re.compile(r"(?<![A-Za-z_#])[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_NUMBER_LIST = re.compile(r"\[[\s#,.…]*\]")  # "[#, #, ...]" → "[…]"
_NUMBER_TUPLE = re.compile(r"\((?:\s*#\s*,?)+\s*\)")  # shapes "(#, #)" → "(…)"
# Where the reason starts in a "✗ CASE: REASON" line (the case text may itself hold ": ").
_REASON_START = re.compile(r": (?=not checked, because |expected |received |your code |"
                           r"the test ran differently|the result could not)")
UNGRADABLE = "file not gradable"
MISSING = "nothing handed in"
_CHECK_STOP = "the cell stopped with CheckError: "
_STOPPED_IN = re.compile(r"\s*\(in cell \d+: .*\)\s*$", re.DOTALL)
# Kinds of failure, the first match wins (the patterns follow autograder/judge.py's wording).
_KINDS = [(kind, re.compile(pattern)) for kind, pattern in (
    (MISSING, r"^NotSubmitted"),
    ("not implemented", r"not implemented yet|NotImplementedError"),
    (UNGRADABLE, r"^NotGraded|not a readable notebook|no file named|could not be "
                          r"restored"),
    ("notebook stopped", r"notebook stopped before|kernel died|ran longer than|memory"),
    ("time limit", r"time limit|interrupted"),
    ("wrong shape", r"expected shape"),
    ("not a number", r"not numeric"),
    ("wrong values", r"expected |entries differ|received "),
    ("error raised", r"stopped with \w+|your code raised"),
)]


# ------------------------------------------------------------------------------ messages
def normalize_message(message: str) -> str:
    """The message with every number replaced by ``#`` and number lists collapsed."""
    text = _NUMBER.sub("#", message.strip())
    text = _NUMBER_LIST.sub("[…]", text)
    text = _NUMBER_TUPLE.sub("(…)", text)
    return re.sub(r"\s+", " ", text)


def _split_case(message: str) -> tuple[str, str]:
    """``(case part, reason)`` of a ``"CASE: REASON"`` check message (``("", message)`` when
    it has no case)."""
    head, sep, reason = message.partition("not checked, because ")
    if sep:
        return head + sep, reason
    match = _REASON_START.search(message)
    return (message[:match.end()], message[match.end():]) if match else ("", message)


def failure_reason(message: str) -> str:
    """The reason part of a ``"CASE: REASON"`` check message (the whole message otherwise).

    When the reason is a failed visible check (``the cell stopped with CheckError: WHAT on
    input X: WHY``), only its ``WHY`` is kept, so that the same mistake in different
    exercises (a wrong shape, say) reads alike.
    """
    _, reason = _split_case(message)
    if reason.startswith(_CHECK_STOP):
        inner = reason[len(_CHECK_STOP):]
        match = _REASON_START.search(inner)
        reason = "a visible check failed: " + (inner[match.end():] if match else inner)
    # Where a stopped run stopped ("(in cell 7: 'import os')") and which notebook could not
    # be read differ from cell to cell: the reason is that it stopped, or could not be read.
    reason = _STOPPED_IN.sub("", reason).strip()
    reason = re.sub(r"the file [^\s()]+\.ipynb is ", "the file is ", reason)
    return re.sub(r"no file named [^\s()]+\.ipynb was", "no notebook file was", reason)


def failure_kind(message: str) -> str:
    """A short name for the kind of a failure message (for the chart of failures by kind)."""
    reason = failure_reason(message)
    for kind, pattern in _KINDS:
        if pattern.search(reason):
            return kind
    return "other"


def _cell_messages(cell: dict) -> list[str]:
    """The failure messages of one test cell of an autograded notebook."""
    found = []
    for out in cell.get("outputs", []):
        if out.get("output_type") != "error":
            continue
        evalue = str(out.get("evalue", ""))
        lines = [ln[2:].strip() for ln in evalue.splitlines() if ln.startswith("✗ ")]
        if not lines:  # an error without check lines (an ungradable file): its first line
            first = evalue.strip().splitlines()[0] if evalue.strip() else ""
            lines = [f"{out.get('ename', 'Error')}: {first}".strip(": ")]
        found += lines
    return found


def _test_cells(course: Course, week: str):
    """``(student, notebook, test cell)`` of every readable autograded notebook of ``week``."""
    for path in sorted((course.root / "autograded").glob(f"*/{week}/*.ipynb")):
        try:
            nb = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        for cell in nb.get("cells", []):
            if is_test(cell):
                yield path.parent.parent.name, path.stem, cell


def failure_messages(course: Course, week: str) -> dict[tuple[str, str], dict[str, list[str]]]:
    """``{(notebook, grade cell): {student: [failure messages]}}`` from the autograded
    notebooks of ``week`` (cells that passed are absent)."""
    found: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(dict)
    for student, notebook, cell in _test_cells(course, week):
        messages = _cell_messages(cell)
        if messages:
            found[(notebook, nbgrader_meta(cell).get("grade_id", "?"))][student] = messages
    return found


@dataclass
class _Group:
    """Messages that normalize alike: how often, and the commonest spelling of them."""

    count: int = 0
    spellings: Counter = field(default_factory=Counter)
    students: set = field(default_factory=set)
    cells: set = field(default_factory=set)

    @property
    def example(self) -> str:
        return self.spellings.most_common(1)[0][0]


def _group(items: list[tuple[str, str, str]]) -> list[_Group]:
    """Group ``(message, student, cell)`` by normalized message, commonest first."""
    groups: dict[str, _Group] = defaultdict(_Group)
    for message, student, cell in items:
        g = groups[normalize_message(message)]
        g.count += 1
        g.spellings[message] += 1
        g.students.add(student)
        g.cells.add(cell)
    # Ties: a message about the exercise before one about an ungradable file.
    return sorted(groups.values(), key=lambda g: (-len(g.students), -g.count,
                                                  failure_kind(g.example) == UNGRADABLE,
                                                  g.example))


# ------------------------------------------------------------------------------ numbers
@dataclass
class _Cell:
    """One grade cell of a week, with the scores of every student graded."""

    notebook: str
    grade_id: str
    exercise: str
    max_score: float
    scores: list[float] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.exercise if self.grade_id == f"test_{self.exercise}" else self.grade_id

    @property
    def mean(self) -> float:
        return statistics.fmean(self.scores) if self.scores else 0.0

    @property
    def full(self) -> float:  # share of students with full marks
        return (sum(s >= self.max_score for s in self.scores) / len(self.scores)
                if self.scores else 0.0)

    @property
    def failed(self) -> int:
        return sum(s < self.max_score for s in self.scores)


def _exercise_of(course: Course, week: str) -> tuple[dict, dict]:
    """``{(notebook, test cell): exercise}`` and ``{(notebook, test cell): order}``."""
    names, order = {}, {}
    for path in sorted(course.source_dir(week).glob("*.ipynb")):
        try:
            exs = exercises(read(path), week, path.stem)
        except Exception:  # an unreadable source: fall back to grade cell ids
            continue
        for ex in exs:
            for test_id in ex.test_ids:
                names[(path.stem, test_id)] = ex.name
                order[(path.stem, test_id)] = len(order)
    return names, order


def _cells(course: Course, week: str, rows: list[dict]) -> list[_Cell]:
    names, order = _exercise_of(course, week)
    cells: dict[tuple[str, str], _Cell] = {}
    for r in rows:
        key = (r["notebook"], r["grade_id"])
        if key not in cells:
            cells[key] = _Cell(r["notebook"], r["grade_id"],
                               names.get(key, r["grade_id"]), float(r["max_score"] or 0))
        cells[key].scores.append(float(r["score"] or 0))
    return sorted(cells.values(), key=lambda c: (order.get((c.notebook, c.grade_id), 1e9),
                                                 c.notebook, c.grade_id))


# ------------------------------------------------------------------------------ plots
def _png(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100, bbox_inches="tight")
    return base64.b64encode(buf.getvalue()).decode("ascii")


def _figure(height: float, width: float = 5.2):
    """A figure on Matplotlib's Agg canvas: no display and no pyplot state needed."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height))
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.spines[["top", "right"]].set_visible(False)
    return fig, ax


def _histogram(week: str, scores: list[float], top: float) -> str:
    import numpy as np

    fig, ax = _figure(3.4)
    bins = np.linspace(0, top, 11) if top > 0 else 10
    ax.hist(scores, bins=bins, color=BLUE, edgecolor="white")
    ax.set(title=f"{week}: score distribution ({len(scores)} students)",
           xlabel=f"score (points out of {top:g})", ylabel="students")
    ax.yaxis.get_major_locator().set_params(integer=True)
    return _png(fig)


def _bars(title: str, labels: list[str], values: list[int], xlabel: str, color: str) -> str:
    fig, ax = _figure(3.4)
    y = list(range(len(labels)))
    ax.barh(y, values, color=color, height=0.7)
    ax.set_yticks(y, labels)
    ax.set_ylim(max(len(labels), 6) - 0.5, -0.5)  # the largest on top; thin bars when few
    top = max(values + [1]) * 1.15
    ax.set(title=title, xlabel=xlabel, xlim=(0, top))
    for yi, v in zip(y, values):
        ax.text(v + top / 100, yi, f"{v:g}", va="center", fontsize=8)
    ax.xaxis.get_major_locator().set_params(integer=True)
    return _png(fig)


# ------------------------------------------------------------------------------ HTML
BLUE, GREEN, RED = "#3b6ea8", "#4a9a5b", "#b5523b"
CSS = """
table.help tr.low td { background: #fff1f0; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d232b;
       background: #f5f6f8; margin: 0; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 60px; }
h1 { font-size: 1.8em; margin: 0.2em 0 0.1em; }
h2 { margin-top: 2em; border-bottom: 2px solid #3b6ea8; padding-bottom: 4px; }
h3 { margin-top: 1.6em; }
.meta { color: #5b6573; font-size: 0.9em; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0; }
.card { background: white; border-radius: 8px; padding: 10px 16px; min-width: 130px;
        box-shadow: 0 1px 3px rgba(0,0,0,.12); }
.card b { display: block; font-size: 1.5em; } .card span { color: #5b6573; font-size: 0.85em; }
.plots { display: grid; grid-template-columns: repeat(auto-fill, minmax(520px, 1fr));
         gap: 16px; align-items: start; }
figure { background: white; margin: 0; padding: 8px; border-radius: 8px;
         box-shadow: 0 1px 3px rgba(0,0,0,.12); }
figure.wide { grid-column: 1 / -1; }
figure img { max-width: 100%; height: auto; display: block; margin: 0 auto; }
table { border-collapse: collapse; width: 100%; background: white; margin: 10px 0;
        box-shadow: 0 1px 3px rgba(0,0,0,.12); font-size: 0.92em; }
th, td { padding: 6px 10px; border-bottom: 1px solid #e3e6ea; text-align: left;
         vertical-align: top; }
th { background: #e9eef5; white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr:hover td { background: #f8fafc; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, monospace; font-size: 0.9em; }
.msg { font-size: 0.92em; word-break: break-word; }
.case { color: #6b7584; } .count { color: #5b6573; white-space: nowrap; font-size: 0.85em; }
.good { color: #2c7a3f; }
ol.failed > li { margin-bottom: 12px; } ol.failed ul { margin: 4px 0; }
"""


def _e(text) -> str:
    return html.escape(str(text))


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def _students(n: int) -> str:
    return f"<span class='count'>({n} student{'s' if n != 1 else ''})</span>"


def _message_html(message: str) -> str:
    """A check message with its case (what was tested) muted and its reason plain."""
    case, reason = _split_case(message)
    return f"<span class='msg'><span class='case'>{_e(case)}</span>{_e(reason)}</span>"


def _exercise_chart(week: str, cells: list[_Cell]) -> str:
    """Mean score (bars) and share of full marks (diamonds) of every grade cell."""
    fig, ax = _figure(max(2.4, 1.1 + 0.3 * len(cells)), width=10.4)
    y = list(range(len(cells)))
    mean = [100 * c.mean / c.max_score if c.max_score else 0 for c in cells]
    full = [100 * c.full for c in cells]
    ax.barh(y, mean, color=BLUE, label="mean score (% of the cell's points)")
    ax.scatter(full, y, marker="D", color=GREEN, edgecolor="white", zorder=3, s=40,
               label="students with full marks (%)")
    for yi, m, f in zip(y, mean, full):
        ax.text(max(m, f) + 1.5, yi, f"mean {m:.0f}% · full marks {f:.0f}%", va="center",
                fontsize=8)
    ax.set_yticks(y, [c.label for c in cells])
    ax.invert_yaxis()  # notebook order, top to bottom
    ax.set(title=f"{week}: score per exercise", xlim=(0, 130), xlabel="% of students / points")
    ax.set_xticks(range(0, 101, 20))
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    return _png(fig)


def _figures(week: str, cells: list[_Cell], scores: list[float], top: float,
             kinds: Counter) -> str:
    kind_rows = kinds.most_common() or [("(no failure)", 0)]
    plots = [
        (_histogram(week, scores, top), "score distribution", ""),
        (_bars(f"{week}: failed grade cells by kind of failure", [k for k, _ in kind_rows],
               [n for _, n in kind_rows], "failed grade cells (student × cell)", RED),
         "failures by kind", ""),
        (_exercise_chart(week, cells), "mean score and full marks per exercise", " wide"),
    ]
    return "<div class='plots'>" + "".join(
        f"<figure class='plot{wide}'><img alt='{_e(week)}: {alt}' "
        f"src='data:image/png;base64,{png}'></figure>" for png, alt, wide in plots) + "</div>"


def _week_html(course: Course, week: str, week_rows: list[dict], q_rows: list[dict],
               missing: list[str]) -> tuple[str, list[tuple[str, str, str]]]:
    """The section of one week, and its failure messages for the course-wide table.

    Its numbers (scores, per-exercise means, commonest failures) are over the students who
    handed the week in; those who handed nothing in (``missing``) are only counted."""
    absent = set(missing)
    week_rows = [r for r in week_rows if r["student_id"] not in absent]
    q_rows = [r for r in q_rows if r["student_id"] not in absent]
    top = max(float(r["max_score"] or 0) for r in week_rows) if week_rows else 0.0
    scores = [float(r["score"]) for r in week_rows] or [0.0]
    cells = _cells(course, week, q_rows)
    failures = {key: {s: m for s, m in found.items() if s not in absent}
                for key, found in failure_messages(course, week).items()}
    items: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for c in cells:
        items[(c.notebook, c.grade_id)] = [
            (m, student, c.grade_id)
            for student, msgs in failures.get((c.notebook, c.grade_id), {}).items()
            for m in dict.fromkeys(msgs)]
    everything = [item for found in items.values() for item in found]
    kinds = Counter()
    for c in cells:  # one kind per failed (student, cell): that of its first message
        for msgs in failures.get((c.notebook, c.grade_id), {}).values():
            kinds[failure_kind(msgs[0])] += 1

    out = [f'<section id="{_e(week)}"><h2>{_e(week)}</h2><div class="cards">']
    for value, what in ((len(week_rows), "handed in"),
                        (len(missing), "handed nothing in"),
                        (f"{statistics.fmean(scores):.1f} / {top:g}", "mean score"),
                        (f"{statistics.median(scores):g}", "median score"),
                        (f"{sum(s >= top for s in scores)}", "with full marks"),
                        (f"{len(cells)}", "grade cells")):
        out.append(f"<div class='card'><b>{_e(value)}</b><span>{_e(what)}</span></div>")
    out.append("</div>")
    out.append(_figures(week, cells, scores, top, kinds))
    out.append("<h3>Per exercise</h3><table class='exercises'><thead><tr>"
               "<th>exercise</th><th>grade cell</th><th>points</th><th>mean score</th>"
               "<th>full marks</th><th>failed</th><th>most common failure</th></tr></thead>"
               "<tbody>")
    groups = {key: _group(found) for key, found in items.items()}
    for c in cells:
        found = groups[(c.notebook, c.grade_id)]
        common = (f"{_message_html(found[0].example)} "
                  f"{_students(len(found[0].students))}" if found else "")
        out.append(f"<tr><td><code>{_e(c.exercise)}</code><br><span class='meta'>"
                   f"{_e(c.notebook)}</span></td><td><code>{_e(c.grade_id)}</code></td>"
                   f"<td class='num'>{c.max_score:g}</td><td class='num'>{c.mean:.2f}</td>"
                   f"<td class='num'>{_pct(c.full)}</td>"
                   f"<td class='num'>{c.failed} / {len(c.scores)}</td><td>{common}</td></tr>")
    out.append("</tbody></table><h3>Most often failed</h3>")
    worst = [c for c in sorted(cells, key=lambda c: (-c.failed, c.mean)) if c.failed]
    if not worst:
        out.append("<p class='good'>Every student earned full marks on every exercise.</p>")
    else:
        out.append("<ol class='failed'>")
        for c in worst[:TOP_FAILED]:
            out.append(f"<li><code>{_e(c.label)}</code>: failed by {c.failed} of "
                       f"{len(c.scores)} students (mean {c.mean:.2f} / {c.max_score:g})<ul>")
            found = groups[(c.notebook, c.grade_id)]
            for g in found[:TOP_MESSAGES]:
                out.append(f"<li>{_message_html(g.example)} {_students(len(g.students))}</li>")
            if not found:
                out.append("<li class='meta'>no failure message recorded</li>")
            out.append("</ul></li>")
        out.append("</ol>")
    out.append("</section>")
    return "\n".join(out), [(m, s, f"{week}/{cell}") for m, s, cell in everything]


def _reasons_html(items: list[tuple[str, str, str]]) -> str:
    groups = _group([(failure_reason(m), s, cell) for m, s, cell in items])
    if not groups:
        return ""
    out = ["<h2>Most common reasons for failing</h2>",
           "<p class='meta'>The check messages of failed test cells, with the tested case "
           "removed and numbers normalized, so that the same mistake on different inputs "
           "counts once per student and cell; each row shows its commonest wording.</p>",
           "<table class='reasons'><thead><tr><th>reason</th><th>kind</th><th>failures</th>"
           "<th>students</th><th>grade cells</th></tr></thead><tbody>"]
    for g in groups[:TOP_REASONS]:
        cells = ", ".join(sorted(g.cells)[:5]) + (f" and {len(g.cells) - 5} more"
                                                  if len(g.cells) > 5 else "")
        out.append(f"<tr><td class='msg'>{_e(g.example)}</td>"
                   f"<td>{_e(failure_kind(g.example))}</td><td class='num'>{g.count}</td>"
                   f"<td class='num'>{len(g.students)}</td><td><code>{_e(cells)}</code>"
                   "</td></tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def mistake_counts(course: Course, week: str) -> dict[tuple[str, str], set[str]]:
    """``{(grade cell, mistake): students}``: the common mistakes the grader recognised in
    the autograded notebooks of ``week`` (``metadata.dlgrade.mistake``)."""
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    for student, notebook, cell in _test_cells(course, week):
        mistake = cell.get("metadata", {}).get("dlgrade", {}).get("mistake")
        if mistake:
            grade_id = nbgrader_meta(cell).get("grade_id", "?")
            found[(f"{notebook}/{grade_id}", str(mistake))].add(student)
    return found


def _missing_html(missing: dict[str, list[str]]) -> str:
    """Who handed nothing in, once each, with the weeks: apart from the statistics."""
    weeks_of: dict[str, list[str]] = defaultdict(list)
    for week, students in missing.items():
        for student in students:
            weeks_of[student].append(week)
    out = ["<h2 id='missing'>Handed nothing in</h2>"]
    if not weeks_of:
        out.append("<p class='meta'>Every student graded handed every week in.</p>")
        return "\n".join(out)
    out += ["<p class='meta'>Students of the roster with no file for a week: graded zero, "
            "and left out of that week's statistics below. (A file that could not be read "
            "counts as handed in, and shows under <em>unreadable</em> above.)</p>",
            "<table class='missing'><thead><tr><th>student</th><th>weeks</th></tr></thead>"
            "<tbody>"]
    for student in sorted(weeks_of):
        out.append(f"<tr><td><code>{_e(student)}</code></td>"
                   f"<td>{_e(', '.join(weeks_of[student]))}</td></tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def _mistakes_html(course: Course, graded: list[str], rows: list[dict],
                   missing: dict[str, list[str]] | None = None) -> str:
    """Per exercise, the share of students whose submission matched each common mistake
    (over those who handed the week in)."""
    lines = []
    for week in graded:
        students = {r["student_id"] for r in rows if r["assignment"] == week} - \
            set((missing or {}).get(week, []))
        for (cell, mistake), who in mistake_counts(course, week).items():
            lines.append((len(who), week, cell, mistake, len(students)))
    out = ["<h2 id='mistakes'>Common mistakes: what to re-teach</h2>"]
    if not lines:
        out.append("<p class='meta'>No failed exercise matched a catalogued mistake.</p>")
        return "\n".join(out)
    out += ["<p class='meta'>Failed test cells whose results equal those of a known mistake "
            "(the same catalogue the hidden tests are checked against), most common first.</p>",
            "<table class='mistakes'><thead><tr><th>week</th><th>test cell</th><th>mistake</th>"
            "<th>students</th><th>share</th></tr></thead><tbody>"]
    for count, week, cell, mistake, total in sorted(lines, key=lambda x: (-x[0], x[1:])):
        out.append(f"<tr><td>{_e(week)}</td><td><code>{_e(cell)}</code></td>"
                   f"<td class='msg'>{_e(mistake)}</td><td class='num'>{count}</td>"
                   f"<td class='num'>{_pct(count / total if total else 0)}</td></tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def _help_html(course: Course, graded: list[str], rows: list[dict], q_rows: list[dict],
               threshold: float, missing: dict[str, list[str]] | None = None) -> str:
    """"Who needs help": a row per student, those below ``threshold`` of the points first
    (a week a student handed nothing in for says so, not every exercise of it)."""
    score = {(r["student_id"], r["assignment"]): r for r in rows}
    students = sorted({r["student_id"] for r in rows})
    failed: dict[str, list[str]] = defaultdict(list)
    for week in graded:
        names, _ = _exercise_of(course, week)
        absent = set((missing or {}).get(week, []))
        for r in q_rows:
            if r["student_id"] in absent:
                continue
            if r["assignment"] == week and float(r["score"] or 0) < float(r["max_score"] or 0):
                name = f"{week}/{names.get((r['notebook'], r['grade_id']), r['grade_id'])}"
                if name not in failed[r["student_id"]]:
                    failed[r["student_id"]].append(name)
    problems: dict[str, list[str]] = defaultdict(list)
    for week in graded:
        for cell_students in failure_messages(course, week).values():
            for student, messages in cell_students.items():
                for message in messages:
                    if failure_kind(message) == MISSING:
                        note = f"{week}: missing (nothing handed in)"
                    elif failure_kind(message) == UNGRADABLE:
                        why = failure_reason(message).removeprefix("NotGraded: ")
                        note = f"{week}: unreadable: {why[:120]}"
                    else:
                        continue
                    if note not in problems[student]:
                        problems[student].append(note)

    def share(student: str) -> float:
        got = [score[(student, w)] for w in graded if (student, w) in score]
        top = sum(float(r["max_score"] or 0) for r in got)
        return sum(float(r["score"] or 0) for r in got) / top if top else 0.0

    ordered = sorted(students, key=lambda s: (share(s) >= threshold, share(s), s))
    low = sum(share(s) < threshold for s in students)
    out = ["<h2 id='help'>Who needs help</h2>",
           f"<p class='meta'>{low} of {len(students)} students scored below "
           f"{threshold:.0%} of the points graded so far; they come first.</p>",
           "<table class='help'><thead><tr><th>student</th><th>total</th>"
           + "".join(f"<th>{_e(w)}</th>" for w in graded)
           + "<th>exercises failed</th><th>unreadable or missing files</th></tr></thead><tbody>"]
    for s in ordered:
        cells = "".join(
            f"<td class='num'>{score[(s, w)]['score']:g}/{score[(s, w)]['max_score']:g}</td>"
            if (s, w) in score else "<td class='num'>-</td>" for w in graded)
        flag = " class='low'" if share(s) < threshold else ""
        out.append(f"<tr{flag}><td class='who'><code>{_e(s)}</code></td>"
                   f"<td class='num'>{_pct(share(s))}"
                   f"</td>{cells}<td>{_e(', '.join(failed[s][:12]))}"
                   f"{' …' if len(failed[s]) > 12 else ''}</td>"
                   f"<td>{_e('; '.join(problems[s]))}</td></tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def build_report(course: Course, weeks: list[str] | None, out: Path,
                 threshold: float = 0.5) -> Path:
    """Write the class report of ``weeks`` (all graded weeks when None) to ``out``; students
    below ``threshold`` of their points are listed first under "Who needs help"."""
    rows = score_rows(course, weeks)
    if not rows:
        which = ", ".join(weeks) if weeks else "any week"
        raise GradingError(f"the gradebook has no graded submission for {which}: "
                           "run `dlgrade grade` first")
    q_rows = question_rows(course, weeks)
    graded = sorted({r["assignment"] for r in rows})
    course_id = course.config.CourseDirectory.get("course_id", "course")
    sections, messages = [], []
    missing = {week: missing_students(course, week) for week in graded}
    for week in graded:
        section, found = _week_html(course, week, [r for r in rows if r["assignment"] == week],
                                    [r for r in q_rows if r["assignment"] == week],
                                    missing[week])
        sections.append(section)
        messages += found
    when = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    students = len({r["student_id"] for r in rows})
    nav = " · ".join(f"<a href='#{_e(w)}'>{_e(w)}</a>" for w in graded)
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Class report: {_e(course_id)}</title><style>{CSS}</style></head>
<body><main>
<h1>Class report: {_e(course_id)}</h1>
<p class="meta">{students} students · weeks {nav} · generated {when} from
<code>{_e(course.root)}</code></p>
{_help_html(course, graded, rows, q_rows, threshold, missing)}
{_missing_html(missing)}
{_mistakes_html(course, graded, rows, missing)}
{''.join(sections)}
{_reasons_html(messages)}
</main></body></html>
"""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return out

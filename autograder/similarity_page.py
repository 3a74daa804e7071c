"""The similarity report of one week as a self-contained HTML page and a CSV file.

The page (`write_html`) opens with a note that similarity is evidence to look at, not proof,
then lists, best first: the clusters (three or more students linked by flagged pairs), the
pairs (each with its score over the week, its score per exercise and, folded, the two cells
side by side with the shared lines marked), and the students whose code is mostly the
course's reference solution. A filter box and pages of ``PAGE`` pairs keep a class of 600
readable; the script and style are inline (no network). Only solution cells of the week are
shown: no test cell, no hidden test, nothing of another week. Everything quoted is escaped.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
from pathlib import Path

from autograder.class_report import CSS as REPORT_CSS
from autograder.similarity import Cell, Pair, Result, matching_lines, reference_lines

__all__ = ["write_html", "write_csv", "PAGE", "MAX_DETAILED"]

PAGE = 25  # pairs per page
MAX_DETAILED = 300  # pairs shown with their cells; every listed pair is in the CSV

CSS = REPORT_CSS + """
.note { background: #fff8e1; border-left: 4px solid #d9a400; padding: 8px 14px; }
.pair { background: white; border-radius: 8px; margin: 10px 0; padding: 8px 14px;
        box-shadow: 0 1px 3px rgba(0,0,0,.12); }
.pair.flagged { border-left: 4px solid #b5523b; }
.score { font-weight: 600; font-variant-numeric: tabular-nums; }
.chip { display: inline-block; background: #e9eef5; border-radius: 10px; padding: 0 8px;
        margin: 2px 4px 2px 0; font-size: 0.85em; }
.chip.hot { background: #f6d5cd; }
.side { display: grid; grid-template-columns: 1fr 1fr; gap: 10px; margin: 6px 0 14px; }
.side h4 { margin: 4px 0; font-size: 0.9em; }
pre.code { background: #fbfbfc; border: 1px solid #e3e6ea; margin: 0; padding: 6px 0;
           font-size: 12px; line-height: 1.45; overflow-x: auto; }
pre.code span { display: block; padding: 0 8px; white-space: pre; }
pre.code span.copy { background: #f8c9bd; }
pre.code span.ref { background: #d7e6f7; }
.legend span { padding: 0 6px; margin-right: 8px; }
.legend .copy { background: #f8c9bd; } .legend .ref { background: #d7e6f7; }
#pager { margin-left: 16px; } #pager button { margin: 0 2px; }
"""

SCRIPT = """
(() => {
  const items = Array.from(document.querySelectorAll('#pairs .pair'));
  const box = document.getElementById('filter'), pager = document.getElementById('pager');
  const only = document.getElementById('flagged-only');
  let page = 0;
  function shown() {
    const q = box.value.trim().toLowerCase();
    return items.filter(el => (!q || el.dataset.students.includes(q))
                              && (!only.checked || el.classList.contains('flagged')));
  }
  function draw() {
    const list = shown(), pages = Math.max(1, Math.ceil(list.length / PAGE));
    page = Math.min(page, pages - 1);
    items.forEach(el => { el.hidden = true; });
    list.slice(page * PAGE, (page + 1) * PAGE).forEach(el => { el.hidden = false; });
    pager.innerHTML = '';
    const info = document.createElement('span');
    info.textContent = `${list.length} pair(s) · page ${page + 1} of ${pages} `;
    pager.appendChild(info);
    for (const [label, to] of [['« first', 0], ['‹ previous', page - 1],
                               ['next ›', page + 1], ['last »', pages - 1]]) {
      const b = document.createElement('button');
      b.textContent = label;
      b.disabled = to < 0 || to >= pages || to === page;
      b.onclick = () => { page = to; draw(); };
      pager.appendChild(b);
    }
  }
  box.addEventListener('input', () => { page = 0; draw(); });
  only.addEventListener('change', () => { page = 0; draw(); });
  draw();
})();
"""


def _e(text) -> str:
    return html.escape(str(text))


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def _code(cell: Cell | None, marks: dict[int, str]) -> str:
    if cell is None or not cell.source.strip():
        return "<pre class='code'><span class='meta'>(no code)</span></pre>"
    rows = []
    for number, line in enumerate(cell.source.splitlines(), start=1):
        kind = marks.get(number)
        rows.append(f"<span class='{kind}'>{_e(line) or ' '}</span>" if kind
                    else f"<span>{_e(line) or ' '}</span>")
    return "<pre class='code'>" + "".join(rows) + "</pre>"


def _chips(scores: dict[str, float], threshold: float) -> str:
    return "".join(f"<span class='chip{' hot' if s >= threshold else ''}'>"
                   f"{_e(ex.split('/')[-1])} {_pct(s)}</span>"
                   for ex, s in sorted(scores.items(), key=lambda kv: -kv[1]))


def _pair_html(result: Result, rank: int, pair: Pair, detailed: bool) -> str:
    cells = result.cells
    chips = _chips({ex: s for ex, (s, _) in pair.exercises.items()}, result.threshold)
    cluster = f" · cluster {pair.cluster}" if pair.cluster else ""
    flag = " flagged" if pair.flagged else ""
    head = (f"<b>#{rank}</b> <code>{_e(pair.a)}</code> ↔ <code>{_e(pair.b)}</code> · "
            f"<span class='score'>{_pct(pair.score)}</span> over the week "
            f"({pair.shared} shared fingerprints){cluster}"
            f"{'' if pair.flagged else ' · <span class=meta>below the threshold</span>'}"
            f"<br>{chips}")
    body = ""
    if detailed:
        parts = []
        for ex, (score, count) in sorted(pair.exercises.items(), key=lambda kv: -kv[1][0]):
            a, b = cells.students[pair.a].get(ex), cells.students[pair.b].get(ex)
            marks_a, marks_b = (matching_lines(a, b, cells.templates[ex], cells.references[ex])
                                if a and b else ({}, {}))
            parts.append(f"<h4>{_e(ex)}: {_pct(score)} ({count} shared)</h4>"
                         f"<div class='side'><div><h4>{_e(pair.a)}</h4>{_code(a, marks_a)}"
                         f"</div><div><h4>{_e(pair.b)}</h4>{_code(b, marks_b)}</div></div>")
        body = ("<details><summary>the cells side by side</summary>" + "".join(parts)
                + "</details>")
    else:
        body = "<p class='meta'>(cells not shown past the first pairs: see the CSV)</p>"
    students = f"{pair.a} {pair.b}".lower()
    return (f"<article class='pair{flag}' data-students='{_e(students)}'>{head}{body}"
            "</article>")


def _reference_html(result: Result) -> str:
    cells = result.cells
    if not result.reference:
        return ("<p class='meta'>No student's code is mostly the reference solution "
                f"(threshold {_pct(result.reference_threshold)}).</p>")
    out = [f"<p class='meta'>{len(result.reference)} student(s) whose own code (starter code "
           f"left out) is at least {_pct(result.reference_threshold)} the reference solution "
           "(the course's solutions are public in its repository).</p>"]
    for student, share, by_ex in result.reference:
        parts = []
        for ex, s in sorted(by_ex.items(), key=lambda kv: -kv[1]):
            cell = cells.students[student].get(ex)
            marks = (reference_lines(cell, cells.templates[ex], cells.references[ex])
                     if cell else {})
            parts.append(f"<h4>{_e(ex)}: {_pct(s)}</h4>{_code(cell, marks)}")
        out.append(f"<article class='pair ref'><code>{_e(student)}</code> · "
                   f"<span class='score'>{_pct(share)}</span> of the code is the reference"
                   f"<br>{_chips(by_ex, result.reference_threshold)}"
                   "<details><summary>the cells, lines found in the reference marked</summary>"
                   + "".join(parts) + "</details></article>")
    return "\n".join(out)


def write_html(result: Result, out: Path, course_id: str = "") -> Path:
    """Write the week's similarity page to ``out``."""
    cells = result.cells
    week = cells.week
    flagged = result.flagged
    clusters = "".join(
        f"<li>cluster {n}: {', '.join(f'<code>{_e(s)}</code>' for s in members)}</li>"
        for n, members in enumerate(result.clusters, start=1)) or "<li class='meta'>none</li>"
    pairs = "\n".join(_pair_html(result, rank, p, rank <= MAX_DETAILED)
                      for rank, p in enumerate(result.pairs, start=1))
    unreadable = (f"<p class='meta'>Not read: {_e('; '.join(cells.unreadable))}</p>"
                  if cells.unreadable else "")
    when = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Similarity: {_e(week)}</title><style>{CSS}</style></head>
<body><main>
<h1>Similarity: {_e(week)}</h1>
<p class="meta">{len(cells.students)} students · {len(cells.exercises)} exercises (solution
cells only) · generated {when} in {result.seconds:.1f} s</p>
<p class="note"><b>Similarity is evidence to look at, not proof.</b> Short exercises leave
little room to write them differently, students may have worked together as allowed, and
two students who both used the course's public solution look alike. Read the cells before you
talk to a student. Starter code from the release is never counted; names, comments,
docstrings, strings and the order of definitions are ignored.</p>
<div class="cards">
<div class="card"><b>{len(flagged)}</b><span>pairs at or above {_pct(result.threshold)}</span></div>
<div class="card"><b>{len(result.clusters)}</b><span>clusters of 3 or more</span></div>
<div class="card"><b>{len(result.reference)}</b><span>close to the reference</span></div>
</div>
{unreadable}
<h2 id="clusters">Clusters</h2>
<ul>{clusters}</ul>
<h2 id="pairs-title">Pairs, most similar first</h2>
<p class="meta">Score: the share of the two students' own code (starter code and the
reference's code left out, and code that more than 10 students and a tenth of the class
wrote alike) that they
share, over the week; per exercise in the chips. Pairs from half the threshold up are listed;
those at or above it ({_pct(result.threshold)}) are flagged.
<span class="legend">Marked lines: <span class="copy">shared by the two</span>
<span class="ref">shared, and also in the reference</span></span></p>
<p><input id="filter" type="search" placeholder="filter by student id" size="30">
<label><input id="flagged-only" type="checkbox"> flagged only</label>
<span id="pager"></span></p>
<div id="pairs">
{pairs or "<p class='meta'>No pair of students shares enough of their own code.</p>"}
</div>
<h2 id="reference">Close to the course's reference solutions</h2>
{_reference_html(result)}
</main>
<script>const PAGE = {PAGE};{SCRIPT}</script>
</body></html>
"""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return out


CSV_COLUMNS = ["week", "kind", "student_a", "student_b", "score", "shared_fingerprints",
               "flagged", "cluster", "exercises"]


def write_csv(result: Result, out: Path) -> Path:
    """Write the pairs and the reference matches, one row each, best first."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    week = result.cells.week
    with out.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(CSV_COLUMNS)
        for p in result.pairs:
            writer.writerow([week, "pair", p.a, p.b, f"{p.score:.3f}", p.shared,
                             int(p.flagged), p.cluster or "",
                             "; ".join(f"{ex} {s:.2f}" for ex, (s, _) in p.exercises.items())])
        for student, share, by_ex in result.reference:
            writer.writerow([week, "reference", student, "reference", f"{share:.3f}", "",
                             1, "", "; ".join(f"{ex} {s:.2f}" for ex, s in by_ex.items())])
    return out

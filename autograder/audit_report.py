"""The report of `dlgrade audit` (``autograder/audit.py``): a table per week in the terminal,
then every surviving mutant with the line that marks it equivalent, and the problems of the
other checks; the same as one self-contained HTML page (``COURSE/reports/audit.html``).
"""

from __future__ import annotations

import html
import math

from autograder.audit import EQUIVALENT_FILE, ExerciseAudit, toml_line
from autograder.notebooks import REPO

__all__ = ["summary", "stale_equivalents", "render_text", "render_html"]


def summary(results: list[ExerciseAudit]) -> list[dict]:
    """One row per week: mutants, killed (timeouts included), equivalent, survivors, score
    (killed / non-equivalent, None when there is none) and the other checks' problems."""
    rows: dict[str, dict] = {}
    for r in results:
        row = rows.setdefault(r.week, {"week": r.week, "exercises": 0, "mutants": 0,
                                       "killed": 0, "equivalent": 0, "survived": 0,
                                       "mistakes": 0, "right": 0, "promises": 0, "errors": 0})
        row["exercises"] += 1
        row["mutants"] += len(r.mutants)
        row["killed"] += r.count("killed", "timeout")
        row["equivalent"] += r.count("equivalent")
        row["survived"] += r.count("survived")
        row["mistakes"] += len(r.mistakes)
        row["right"] += len(r.right)
        row["promises"] += len(r.promises)
        row["errors"] += r.error is not None
    out = list(rows.values())
    if len(out) > 1:
        total = {"week": "all", **{k: sum(r[k] for r in out) for k in out[0] if k != "week"}}
        out.append(total)
    for row in out:
        live = row["mutants"] - row["equivalent"]
        row["score"] = row["killed"] / live if live else None
    return out


def _pct(score) -> str:
    """A score in percent, rounded down (99.96 % is not 100 %)."""
    return "—" if score is None else f"{math.floor(1000 * score) / 10:.1f} %"


def stale_equivalents(results: list[ExerciseAudit],
                      equivalents: dict[str, dict[str, str]]) -> list[str]:
    """Entries of the equivalence file that name a mutant the tests now kill, or none at
    all (its line changed), for the weeks audited in full."""
    audited = {r.week for r in results}
    made = {(r.week, m.mutant.id): m.status for r in results for m in r.mutants}
    stale = []
    for week, table in equivalents.items():
        if week not in audited:
            continue
        for key in table:
            status = made.get((week, key))
            if status in ("killed", "timeout"):
                stale.append(f"[{week}] {key}: the tests kill it now; remove the entry")
            elif status is None:
                stale.append(f"[{week}] {key}: no such mutant (its line changed, or it was "
                             f"not sampled)")
    return stale


def render_text(results: list[ExerciseAudit], stale: list[str] = (),
                sampled: int | None = None) -> str:
    """The terminal report: a table per week, then every survivor and every problem."""
    lines = [f"{'week':<20} {'exercises':>9} {'mutants':>8} {'killed':>7} {'equiv':>6} "
             f"{'survived':>9} {'score':>8}  mistakes  right  promises"]
    for row in summary(results):
        lines.append(f"{row['week']:<20} {row['exercises']:>9} {row['mutants']:>8} "
                     f"{row['killed']:>7} {row['equivalent']:>6} {row['survived']:>9} "
                     f"{_pct(row['score']):>8}  {row['mistakes']:>8}  {row['right']:>5}  "
                     f"{row['promises']:>8}")
    if sampled:
        lines.append(f"(at most {sampled} mutants per function, chosen by a hash of their ids)")
    survivors = [(r, m) for r in results for m in r.mutants if m.status == "survived"]
    if survivors:
        lines.append(f"\nSurviving mutants ({len(survivors)}): a change the hidden tests do not "
                     "catch. Add a hidden case that fails it, or, if it computes the same thing, "
                     f"mark it equivalent under its week's table in "
                     f"{EQUIVALENT_FILE.relative_to(REPO)}:")
        for r, m in survivors:
            mu = m.mutant
            lines.append(f"  {r.reference}:{mu.lineno} ({r.week}/{r.exercise}, in {mu.where})")
            lines.append(f"      {mu.line}")
            lines.append(f"      {mu.before}  →  {mu.after}")
            lines.append(f"      [{r.week}] {toml_line(mu.id)}")
    for title, attr in (("Catalogued mistakes", "mistakes"), ("Other correct solutions", "right"),
                        ("Prompt promises no record grades", "promises")):
        items = [(r, p) for r in results for p in getattr(r, attr)]
        if items:
            lines.append(f"\n{title} ({len(items)}):")
            lines.extend(f"  {r.week}/{r.exercise}: {p}" for r, p in items)
    errors = [r for r in results if r.error]
    if errors:
        lines.append(f"\nNot audited ({len(errors)}):")
        lines.extend(f"  {r.week}/{r.exercise}: {r.error}" for r in errors)
    if stale:
        lines.append(f"\nStale entries of {EQUIVALENT_FILE.name} ({len(stale)}):")
        lines.extend(f"  {s}" for s in stale)
    return "\n".join(lines)


def _e(text) -> str:
    return html.escape(str(text))


def render_html(results: list[ExerciseAudit], stale: list[str] = (),
                sampled: int | None = None, note: str = "") -> str:
    """The same report as one self-contained HTML page."""
    head = ["week", "exercises", "mutants", "killed", "equivalent", "survived", "score",
            "mistakes", "right", "promises"]
    rows = "".join("<tr>" + "".join(f"<td>{_e(_pct(row[k]) if k == 'score' else row[k])}</td>"
                                    for k in head) + "</tr>" for row in summary(results))
    parts = [f"<h1>Audit of the hidden tests</h1><p>{_e(note)}</p>",
             "<p>A <b>mutant</b> is a one-line change of a reference solution; the hidden tests "
             "<b>kill</b> it when it loses points. A surviving mutant is a bug a student could "
             "make and still earn full marks, unless it computes the same thing (mark it "
             f"equivalent, with a reason, in <code>{_e(EQUIVALENT_FILE.relative_to(REPO))}"
             "</code>). Score = killed / (mutants − equivalent).</p>",
             "<table><tr>" + "".join(f"<th>{h}</th>" for h in head) + f"</tr>{rows}</table>"]
    if sampled:
        parts.append(f"<p>At most {sampled} mutants per function, chosen by a hash of their "
                     "ids.</p>")
    survivors = [(r, m) for r in results for m in r.mutants if m.status == "survived"]
    parts.append(f"<h2>Surviving mutants ({len(survivors)})</h2>")
    if survivors:
        parts.append("<table><tr><th>where</th><th>exercise</th><th>line</th><th>change</th>"
                     "<th>to mark it equivalent</th></tr>" + "".join(
                         f"<tr><td>{_e(r.reference)}:{m.mutant.lineno}</td>"
                         f"<td>{_e(r.week)}/{_e(r.exercise)}</td><td><code>{_e(m.mutant.line)}"
                         f"</code></td><td><code>{_e(m.mutant.before)}</code> → <code>"
                         f"{_e(m.mutant.after)}</code></td><td><code>[{_e(r.week)}] "
                         f"{_e(toml_line(m.mutant.id))}</code></td></tr>"
                         for r, m in survivors) + "</table>")
    equivalent = [(r, m) for r in results for m in r.mutants if m.status == "equivalent"]
    if equivalent:
        parts.append(f"<h2>Marked equivalent ({len(equivalent)})</h2><table>" + "".join(
            f"<tr><td>{_e(r.reference)}:{m.mutant.lineno}</td><td><code>{_e(m.mutant.before)}"
            f"</code> → <code>{_e(m.mutant.after)}</code></td><td>{_e(m.why)}</td></tr>"
            for r, m in equivalent) + "</table>")
    for title, attr in (("Catalogued mistakes", "mistakes"), ("Other correct solutions", "right"),
                        ("Prompt promises no record grades", "promises")):
        items = [(r, p) for r in results for p in getattr(r, attr)]
        parts.append(f"<h2>{title} ({len(items) or 'all fine'})</h2>")
        if items:
            parts.append("<ul>" + "".join(f"<li>{_e(r.week)}/{_e(r.exercise)}: {_e(p)}</li>"
                                          for r, p in items) + "</ul>")
    errors = [r for r in results if r.error]
    if errors:
        parts.append("<h2>Not audited</h2><ul>" + "".join(
            f"<li>{_e(r.week)}/{_e(r.exercise)}: {_e(r.error)}</li>" for r in errors) + "</ul>")
    if stale:
        parts.append("<h2>Stale equivalence entries</h2><ul>"
                     + "".join(f"<li>{_e(s)}</li>" for s in stale) + "</ul>")
    style = ("body{font-family:sans-serif;max-width:70em;margin:2em auto}table{border-collapse:"
             "collapse}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left}"
             "code{font-size:90%}")
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>dlgrade audit</title>"
            f"<style>{style}</style></head><body>{''.join(parts)}</body></html>\n")

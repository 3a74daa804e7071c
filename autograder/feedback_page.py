"""Make nbgrader's feedback page readable: a summary first, then the notebook.

nbgrader's page opens with one "Test cell (Score: 0.0 / 2.0)" line per grade cell and no
exercise names, and long messages run off the edge. `improve` rewrites a page written by
``generate_feedback``, from the autograded notebook it was made from:

* a banner when the notebook is missing (nothing handed in) or unreadable (a file that is
  not a notebook, broken JSON), or when the run stopped early (the
  kernel died, a time or memory limit), with the reason and the cell;
* a summary table: exercise, points, and the first thing to fix, each row linking to its
  test cell further down;
* messages that wrap instead of running off the page;
* "Not answered" where nbgrader wrote "Comments: No response." under an untouched answer;
* math as MathML, which browsers draw themselves: the page needs no network (nbconvert's
  pages load MathJax from a CDN, so offline or in an LMS preview ``$…$`` stays raw).

Everything inserted is escaped: it quotes student-influenced text (error messages).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import nbformat

from autograder.notebooks import is_solution, is_test, nbgrader_meta

__all__ = ["improve", "summary_rows", "render_math"]

STYLE = """<style>
pre, .output_text pre { white-space: pre-wrap; word-break: break-word; }
.dl-summary { margin: 1em 0; border-collapse: collapse; width: 100%; }
.dl-summary th, .dl-summary td { border: 1px solid #ccc; padding: 4px 8px; text-align: left;
  vertical-align: top; }
.dl-summary td.fix { white-space: pre-wrap; word-break: break-word; max-width: 60em; }
.dl-ok { color: #1a7f37; } .dl-bad { color: #b42318; }
.dl-banner { border: 2px solid #b42318; background: #fff1f0; padding: 0.8em 1em;
  margin: 1em 0; font-size: 110%; }
</style>
"""
NOT_ANSWERED = ("<b>Not answered:</b> <p>this cell is still as it was handed out "
                "(no answer was written), so it earned nothing.</p>")
STOPPED = {"kernel_died", "timeout", "wall_timeout", "memory", "output_limit", "cut_short",
           "failed"}


def _verdict(cell) -> tuple[bool, str]:
    """(passed, the first line to fix) of a judged test cell."""
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            text = str(out.get("evalue", ""))
            named = [ln.strip() for ln in text.splitlines() if ln.strip().startswith("➜")]
            if named:  # the grader recognised a common mistake: that is what to fix
                return False, named[0][1:].strip()
            lines = [ln.strip() for ln in text.splitlines() if ln.strip().startswith("✗")]
            if lines:
                return False, lines[0][1:].strip()
            tail = text.strip().splitlines()
            return False, tail[-1] if tail else "this test failed"
    return True, ""


def summary_rows(nb) -> list[dict]:
    """One row per test cell: exercise, test cell id, points earned and possible, fix."""
    rows, exercise = [], None
    for cell in nb.cells:
        meta = nbgrader_meta(cell)
        if meta.get("task") or (meta.get("grade") and meta.get("solution")):
            # graded by hand in formgrader: not a failure, a grade still to come
            rows.append({"exercise": meta.get("grade_id"), "test": meta.get("grade_id"),
                         "earned": None, "points": float(meta.get("points", 0)),
                         "fix": "waiting for a grade: your instructor grades this by hand"})
        if is_solution(cell):
            exercise = meta.get("grade_id")
        elif is_test(cell):
            points = float(meta.get("points", 0))
            passed, fix = _verdict(cell)
            rows.append({"exercise": exercise or meta.get("grade_id"),
                         "test": meta.get("grade_id"), "earned": points if passed else 0.0,
                         "points": points, "fix": fix})
    return rows


def _banner(nb) -> str:
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("ename") == "NotSubmitted":
                return ("Missing: nothing was handed in for this notebook, so every exercise "
                        f"scores 0 ({out.get('evalue', '')}).")
            if out.get("ename") == "NotGraded":
                return ("Unreadable: the file handed in could not be graded, so every exercise "
                        f"scores 0: {out.get('evalue', '')}")
    run = nb.metadata.get("dlgrade", {}).get("run", {})
    if run.get("status") in STOPPED:
        return (f"Your notebook stopped before the end, so the cells after that point earned "
                f"nothing: {run.get('message', '')}")
    return ""


# Text between tags, outside code, preformatted outputs, scripts and styles; math in it.
_RAW = re.compile(r"(<(pre|code|script|style)\b.*?</\2\s*>|<[^>]*>)", re.DOTALL | re.IGNORECASE)
# Inline math may run over several lines of its paragraph (markdown wraps long formulas), but
# never over a blank line: a lone "$" must not pair with one in the next paragraph.
_MATH = re.compile(r"\$\$(.+?)\$\$|\\\[(.+?)\\\]|\$((?:[^$\n]|\n(?![ \t]*\n))+?)\$|\\\((.+?)\\\)",
                   re.DOTALL)
_MATHJAX = re.compile(r"<!-- (Load mathjax|MathJax configuration|End of mathjax configuration) -->"
                      r"|<script[^>]*mathjax[^>]*>.*?</script>", re.DOTALL | re.IGNORECASE)


def _mathml(match: re.Match) -> str:
    block, inline = match.group(1) or match.group(2), match.group(3) or match.group(4)
    tex = html.unescape(block or inline)
    # latex2mathml reads "aligned" as plain text (its & become letters); "align*" is the
    # same alignment, drawn as a table
    tex = re.sub(r"\\(begin|end)\{aligned\}", r"\\\1{align*}", tex)
    try:
        from latex2mathml.converter import convert

        mathml = convert(tex, display="block" if block else "inline")
    except Exception:  # noqa: BLE001 - TeX it cannot read: shown as it was written
        return f'<code class="dl-tex">{html.escape(tex)}</code>'
    # \href{javascript:...}{x} in a student's Markdown would become a link: drop links
    return re.sub(r'\shref="[^"]*"', "", mathml)


def render_math(page: str) -> str:
    """``page`` with its TeX (``$…$``, ``$$…$$``, ``\\(…\\)``, ``\\[…\\]`` in text, not
    in code or outputs) turned into MathML, and without the MathJax scripts."""
    parts = _RAW.split(page)
    out = []
    for i, part in enumerate(parts):
        kind = i % 3  # split gives text, the whole raw match, its tag name group
        if kind == 0:
            out.append(_MATH.sub(_mathml, part))
        elif kind == 1:
            out.append(part)
    return _MATHJAX.sub("", "".join(out))


def improve(page: Path, autograded: Path) -> None:
    """Rewrite the feedback ``page`` (HTML) made from the ``autograded`` notebook."""
    text = page.read_text(encoding="utf-8")
    if "dl-summary" in text:
        return  # already done
    text = render_math(text)
    # nbgrader's automatic comment on an untouched answer reads like a grader's remark
    text = re.sub(r"<b>Comments:</b>\s*<p>No response\.</p>", NOT_ANSWERED, text)
    nb = nbformat.read(str(autograded), as_version=4)
    rows = summary_rows(nb)
    auto = [r for r in rows if r["earned"] is not None]
    earned = sum(r["earned"] for r in auto)
    total = sum(r["points"] for r in auto)
    waiting = sum(r["points"] for r in rows if r["earned"] is None)
    more = f" (and {waiting:g} points still to be graded by hand)" if waiting else ""
    body = [f"<h4>Summary: {earned:g} / {total:g} points{more}</h4>"]
    banner = _banner(nb)
    if banner:
        body.append(f'<div class="dl-banner" role="alert">{html.escape(banner)}</div>')
    body.append('<table class="dl-summary"><tr><th>exercise</th><th>points</th>'
                "<th>what to fix</th></tr>")
    for r in rows:
        if r["earned"] is None:
            body.append(f'<tr><td>… <a href="#{html.escape(r["test"] or "")}">'
                        f'{html.escape(str(r["exercise"]))}</a></td>'
                        f'<td>– / {r["points"]:g}</td><td class="fix">{html.escape(r["fix"])}'
                        "</td></tr>")
            continue
        mark = ('<span class="dl-ok">✓</span>' if r["earned"] == r["points"]
                else '<span class="dl-bad">✗</span>')
        body.append(
            f'<tr><td>{mark} <a href="#{html.escape(r["test"] or "")}">'
            f'{html.escape(str(r["exercise"]))}</a></td>'
            f'<td>{r["earned"]:g} / {r["points"]:g}</td>'
            f'<td class="fix">{html.escape(r["fix"][:400]) or "nothing: well done"}</td></tr>')
    body.append("</table>")
    summary = "\n".join(body)
    new, count = re.subn(r'<div id="toc">.*?</div>', lambda _: summary, text, count=1,
                         flags=re.DOTALL)
    if not count:  # another template: put it at the top of the body
        new = text.replace("<body>", "<body>\n" + summary, 1)
    new = new.replace("</head>", STYLE + "</head>", 1)
    page.write_text(new, encoding="utf-8")

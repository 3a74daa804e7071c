"""The instructor's guide and the README say what `dlgrade` does: every command and option
they show exists in `autograder/cli.py`'s parser, and the guide's weekly script runs (on the
demo's class: `tests/test_demo.py::test_the_guides_weekly_script_runs_on_the_demo_class`,
with `run_weekly_script` below)."""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from autograder.cli import build_parser
from autograder.notebooks import REPO

GUIDE = REPO / "course" / "INSTRUCTORS.md"
README = REPO / "README.md"
OPTION = re.compile(r"(?<![\w-])(--?[a-zA-Z][\w-]*)")


def _code(text: str) -> list[str]:
    """The code in a Markdown text: fenced blocks line by line, and inline code spans."""
    blocks = re.findall(r"^```[^\n]*\n(.*?)^```", text, re.DOTALL | re.MULTILINE)
    lines = [line for block in blocks for line in block.splitlines()]
    rest = re.sub(r"^```[^\n]*\n.*?^```", "", text, flags=re.DOTALL | re.MULTILINE)
    return lines + re.findall(r"`([^`\n]+)`", rest)


def dlgrade_commands(text: str) -> list[str]:
    """Each ``dlgrade …`` command shown in a Markdown text (up to a comment or a pipe)."""
    found = []
    for code in _code(text):
        for match in re.finditer(r"(?<![\w/.-])dlgrade(\s[^#`]*)?", code):
            found.append(match.group(0).replace("\\|", "|").strip())
    return found


def _subcommands(parser):
    return next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction").choices


def check_command(command: str) -> list[str]:
    """What in ``command`` (a line of the guide) the parser does not know, else []."""
    parser = build_parser()
    subs = _subcommands(parser)
    words = command.split()[1:]
    problems, sub = [], None
    global_options = set(parser._option_string_actions)
    i = 0
    while i < len(words):  # global options first, then the subcommand
        if words[i] in ("--course", "--db"):
            i += 2
            continue
        sub = words[i]
        break
    if sub is None or sub in ("COMMAND", "..."):  # `dlgrade COMMAND --help`, `dlgrade --db URL ...`
        known = global_options | {"-h", "--help"}
    elif sub not in subs:
        return [f"{command!r}: no subcommand {sub!r}"]
    else:
        known = global_options | set(subs[sub]._option_string_actions)
    for option in OPTION.findall(" ".join(words)):
        if option not in known:
            problems.append(f"{command!r}: {sub or 'dlgrade'} has no option {option}")
    return problems


def test_every_command_and_option_the_guide_and_readme_show_exists():
    commands = {path.name: dlgrade_commands(path.read_text(encoding="utf-8"))
                for path in (GUIDE, README)}
    assert len(commands[GUIDE.name]) > 20 and len(commands[README.name]) > 10, commands
    shown = {c.split()[1] for found in commands.values() for c in found if len(c.split()) > 1}
    assert {"collect", "grade", "feedback", "export", "report"} <= shown
    problems = [p for found in commands.values() for c in found for p in check_command(c)]
    assert not problems, "\n".join(problems)


def test_every_option_the_guide_names_alone_exists():
    """Options the guide names on their own (`--cold`, `--memory-mb`) exist in some command,
    and the LMSs it names for `--lms` are the parser's choices."""
    parser = build_parser()
    every = set(parser._option_string_actions)
    for sub in _subcommands(parser).values():
        every |= set(sub._option_string_actions)
    text = GUIDE.read_text(encoding="utf-8") + README.read_text(encoding="utf-8")
    alone = [c for c in _code(text) if c.startswith("-")]
    assert len(alone) > 5, alone
    unknown = [o for c in alone for o in OPTION.findall(c) if o not in every]
    assert not unknown, unknown
    lms = _subcommands(parser)["export"]._option_string_actions["--lms"].choices
    for shown in re.findall(r"--lms ((?:[a-z]+\\?\|)+[a-z]+)", text):
        assert shown.replace("\\", "").split("|") == list(lms), shown
    assert re.findall(r"--lms (?:[a-z]+\\?\|)+[a-z]+", text), "the guide lists no LMS"


def test_the_checker_catches_what_does_not_exist():
    assert check_command("dlgrade export week03 --lms canvas -o x.csv") == []
    assert check_command("dlgrade grade week03 --roster r.csv --workers 4") == []
    assert check_command("dlgrade --course DIR init") == []
    assert check_command("dlgrade collect week03 x.zip --nosuch")
    assert check_command("dlgrade publish week03")
    assert "dlgrade export --wide -o wide.csv" in dlgrade_commands(
        "x `dlgrade export --wide -o wide.csv`: y\n```sh\ndlgrade report w  # the report\n```")


def weekly_script() -> str:
    """The guide's weekly script (the ``sh`` block under "The weekly script")."""
    text = GUIDE.read_text(encoding="utf-8")
    section = text[text.index("### The weekly script"):]
    return re.search(r"```sh\n(.*?)```", section, re.DOTALL).group(1)


def run_weekly_script(course_root: Path, tmp: Path, week: str = "week01"
                      ) -> tuple[subprocess.CompletedProcess, Path]:
    """Run the guide's weekly script on the demo's class of ``week`` (in ``course_root``'s
    ``sample_class/``), as Canvas would have exported it: its files renamed as Canvas names
    them (their times kept, so nothing is graded twice) and Canvas's gradebook, with one more
    student who handed nothing in, as the roster. Returns the run and the Canvas file."""
    source = course_root / "sample_class" / week
    submissions = tmp / "canvas_submissions"
    submissions.mkdir(parents=True)
    lines = ["Student,ID,SIS User ID,SIS Login ID,Section,"
             f"Week {int(week[-2:])}: the week's notebooks (7001)",
             "    Points Possible,,,,,"]
    for number, kind in enumerate(("perfect", "empty", "corrupted"), start=1001):
        for path in sorted(source.glob(f"{kind}_*.ipynb")):
            notebook = path.name[len(kind) + 1:]
            shutil.copy2(path, submissions / f"{kind}_{number}_{number + 1000}_{notebook}")
        lines.append(f'"{kind.title()}, Sample",{number},S{number},{kind},DL 101,')
    lines.append('"Absent, Ann",1009,S1009,aabsent,DL 101,')
    roster = tmp / "gradebook.csv"
    roster.write_text("\n".join(lines) + "\n", encoding="utf-8")
    settings = {"WEEK": week, "SUBMISSIONS": str(submissions), "ROSTER": str(roster),
                "LMS": "canvas"}
    script = weekly_script()
    for name, value in settings.items():
        script, count = re.subn(rf"^{name}=\S+", f"{name}='{value}'", script, flags=re.MULTILINE)
        assert count == 1, f"the weekly script sets no {name}"
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    run = subprocess.run(["sh", "-c", script], cwd=course_root, env=env, capture_output=True,
                         text=True, timeout=900)
    return run, course_root / "exports" / f"{week}-canvas.csv"


def canvas_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(path.open(encoding="utf-8")))

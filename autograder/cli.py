"""`dlgrade`: the instructor's command, thin entry points over the steps in this package.

The usual order of a week: release (bundle) → collect → grade → feedback → export / report.
`validate` checks a week before release; `demo` runs the whole chain on the sample class.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from autograder import bundle as bundling
from autograder import class_report, exports, feedback, lms, lms_export, sample_class
from autograder import collect as collecting
from autograder import grade as grading
from autograder import release as releasing
from autograder.course import DEFAULT_COURSE, DEMO_COURSE, Course, GradingError
from autograder.notebooks import REPO, read, resolve_weeks, week_notebooks

__all__ = ["main", "validate_week"]


# ------------------------------------------------------------------------------ commands
def cmd_init(args) -> int:
    course = Course.open(args.course or here_or_default(), create=True, db_url=args.db)
    print(f"course folder ready: {course.root}")
    return 0


def cmd_release(args) -> int:
    course = Course.open(args.course or here_or_default(), db_url=args.db)
    for week in resolve_weeks(args.weeks, extra=course.assignments()):
        paths = releasing.release_week(course, week)
        print(f"{week}: released {len(paths)} notebook(s) to {course.release_dir(week)} "
              "(no solution or hidden test leaked)")
    return 0


def cmd_collect(args) -> int:
    course = Course.open(args.course or here_or_default(), db_url=args.db)
    (week,) = resolve_weeks([args.week], extra=course.assignments())
    report = collecting.collect(course, week, Path(args.source), args.pattern)
    print(f"{week}: imported {len(report.imported)} notebook(s) into "
          f"{course.root / 'submitted'}"
          + (f"; ignored {len(report.ignored)} LMS receipt(s)" if report.ignored else ""))
    for line in report.warnings:
        print(f"  warning: {line}")
    for line in report.rejected:
        print(f"  not imported: {line}")
    if report.rejected:
        # A skipped file is a warning (a weekly `set -e` script goes on); --strict stops.
        print(f"{len(report.rejected)} file(s) not imported: see above"
              + (" (--strict: exit status 1)" if args.strict else ""))
    return 1 if report.rejected and args.strict else 0


def cmd_grade(args) -> int:
    course = Course.open(args.course or here_or_default(), db_url=args.db)
    roster = lms.read_roster(Path(args.roster)) if args.roster else None
    for week in resolve_weeks(args.weeks, extra=course.assignments()):
        start = time.perf_counter()
        students = args.student or None
        if roster and not students:  # the roster's missing submissions get a zero and a reason
            missing, outside = lms.match_roster(course, roster, week)
            lms.save_roster(course, roster)
            lms.name_students(course, roster)
            students = sorted(set(roster.students()) | set(course.students(week)))
            print(f"{week}: roster {roster.source} ({roster.lms}): {len(roster.entries)} "
                  f"student(s), {len(roster.entries) - len(missing)} handed in")
            for what, who in (("submitted nothing (graded zero as missing)", missing),
                              ("handed in but are not on the roster", outside)):
                if who:
                    print(f"  {len(who)} student(s) {what}: {', '.join(who[:10])}"
                          f"{' ...' if len(who) > 10 else ''}")
        limits = grading.Limits(cell_timeout=args.timeout, wall_timeout=args.wall_timeout,
                                memory_mb=args.memory_mb, figures=args.figures)
        outcomes = grading.grade_week(course, week, students=students,
                                      workers=args.workers, limits=limits,
                                      progress=not args.quiet, unsafe=args.unsafe,
                                      force=args.force or bool(args.student),
                                      dask_address=args.dask, warm=not args.cold)
        took = time.perf_counter() - start
        new = [o for o in outcomes if o.status != "already graded"]
        print(f"{week}: graded {len(new)} new notebook(s) in {took:.1f} s; "
              f"{len(outcomes) - len(new)} already graded (unchanged, skipped)")
        unreadable = [o for o in outcomes if o.status == "unreadable"]
        if unreadable:
            print(f"  {len(unreadable)} file(s) could not be graded (zero, reason in the "
                  f"feedback): {', '.join(f'{o.student}/{o.notebook}' for o in unreadable)}")
        missing = [o for o in outcomes if o.status == "missing"]
        if missing:
            print(f"  {len(missing)} notebook(s) missing (nothing handed in; zero, said in the "
                  f"feedback): {', '.join(f'{o.student}/{o.notebook}' for o in missing)}")
        for o in outcomes:
            note = "" if o.status == "ok" else f"  ({o.status.replace('_', ' ')})"
            print(f"  {o.student:<20} {o.notebook:<24} {o.score:g}/{o.max_score:g}{note}")
    return 0


def cmd_feedback(args) -> int:
    course = Course.open(args.course or here_or_default(), db_url=args.db)
    for week in resolve_weeks(args.weeks, extra=course.assignments()):
        paths = feedback.feedback_week(course, week, args.student or None)
        print(f"{week}: {len(paths)} feedback file(s) in {course.root / 'feedback'}")
    return 0


def cmd_export(args) -> int:
    course = Course.open(args.course or here_or_default(), db_url=args.db)
    weeks = resolve_weeks(args.weeks, extra=course.assignments()) if args.weeks else None
    if args.lms:
        roster = lms.read_roster(Path(args.roster)) if args.roster else lms.load_roster(course)
        if args.roster:  # match it now, as `grade --roster` would have
            for week in weeks or course.assignments():
                if course.students(week):
                    lms.match_roster(course, roster, week)
        bad = [c for c in args.column or [] if "=" not in c]
        if bad:
            raise GradingError(f"--column wants WEEK=COLUMN, e.g. week03='Homework 3 (4522)'; "
                               f"got {bad[0]!r}")
        columns = dict(c.split("=", 1) for c in args.column or [])
        rows, cols, notes = lms_export.export_rows(course, weeks, args.lms, roster, columns)
        out = Path(args.output) if args.output else None
        text = lms_export.write_lms_csv(rows, cols, out, args.lms)
        for note in notes:
            print(f"note: {note}", file=sys.stderr)
        if args.output:
            print(f"wrote {args.lms}'s import file, {len(rows)} row(s): {args.output}")
        else:
            sys.stdout.write(text)
        return 0
    if args.per_question:
        rows = exports.question_rows(course, weeks)
        cols = ["student_id", "assignment", "notebook", "grade_id", "score", "max_score"]
    elif args.wide:
        rows, cols = exports.wide_rows(course, weeks)
    else:
        rows = exports.score_rows(course, weeks)
        cols = ["student_id", "assignment", "score", "max_score"]
    text = exports.write_csv(rows, Path(args.output) if args.output else None, cols)
    if args.output:
        print(f"wrote {len(rows)} row(s) to {args.output}")
    else:
        sys.stdout.write(text)
    return 0


def cmd_report(args) -> int:
    course = Course.open(args.course or here_or_default(), db_url=args.db)
    weeks = None if "all" in args.weeks else resolve_weeks(args.weeks,
                                                           extra=course.assignments())
    out = Path(args.output) if args.output else course.root / "reports" / "report.html"
    print(f"report written: {class_report.build_report(course, weeks, out, args.threshold)}")
    return 0


def cmd_similarity(args) -> int:
    from autograder import similarity

    course = Course.open(args.course or here_or_default(), db_url=args.db)
    weeks = resolve_weeks(args.weeks, extra=course.assignments())
    every = "all" in args.weeks
    for week in weeks:
        if every and not course.students(week):
            continue  # `all`: the weeks with a class collected
        page, table, result = similarity.similarity_week(
            course, week, args.threshold, Path(args.output) if args.output else None)
        print(f"{week}: {len(result.cells.students)} students, {len(result.flagged)} pair(s) "
              f"at or above {args.threshold:.0%}, {len(result.clusters)} cluster(s), "
              f"{len(result.reference)} close to the reference ({result.seconds:.1f} s)\n"
              f"  {page}\n  {table}")
    if every and not any(course.students(w) for w in weeks):
        raise GradingError(f"nothing collected in {course.root / 'submitted'}: run "
                           "`dlgrade collect WEEK SOURCE` first")
    return 0


def cmd_bundle(args) -> int:
    course = Course.open(args.course or here_or_default(), db_url=args.db)
    weeks = resolve_weeks(args.weeks, extra=course.assignments())
    name = f"dlcourse-{weeks[0]}" + (f"-{weeks[-1]}" if len(weeks) > 1 else "")
    out = Path(args.output) if args.output else course.root / "bundles" / f"{name}.zip"
    print(f"student bundle written: {bundling.make_bundle(course, weeks, out)}")
    return 0


def cmd_tag_demos(args) -> int:
    """Tag the cells the grader may skip ``demo`` and write each cell's ``check.needs``
    guard (`autograder.guards`); with --check, only report and fail if any is stale."""
    from autograder import generate

    stale = generate.demo_tag_changes(resolve_weeks(args.weeks), write=not args.check)
    return 1 if stale and args.check else 0


def cmd_generate(args) -> int:
    """Remake every file derived from the notebooks and the catalogues (`autograder.generate`);
    with --check, write nothing and exit 1 listing each stale file."""
    from autograder import generate

    stale = generate.run(check=args.check)
    if stale and args.check:
        print("\n" + "\n".join(s.line() for s in stale))
    elif stale:  # what writing cannot fix (a demo's code before its guard): an edit by hand
        print("\nto fix by hand, then run `dlgrade generate` again:\n"
              + "\n".join(f"{s.path}: {s.detail}" for s in stale))
    elif args.check:
        print("\nevery generated file is up to date")
    return 1 if stale else 0


def cmd_audit(args) -> int:
    """Mutation score of the hidden tests, the catalogue's mistakes and correct solutions,
    the prompts' promises: terminal report and COURSE/reports/audit.html."""
    import os
    import tempfile

    from autograder import audit as auditing
    from autograder import audit_report

    course = Course.open(args.course or here_or_default(), db_url=args.db)
    equivalents = auditing.load_equivalents(args.equivalent or auditing.EQUIVALENT_FILE)
    tasks, skipped = [], []
    for week in resolve_weeks(args.weeks, extra=course.assignments()):
        folder = course.source_dir(week) if course.source_dir(week).is_dir() else REPO / week
        tasks += auditing.tasks_for(week, folder, equivalents, args.max_mutants_per_function,
                                    args.timeout, not args.mutants_only, skipped)
    for name in skipped:
        print(f"{name}: skipped, no reference module in autograder/references/ "
              "(the audit runs mutants of the references)")
    if not tasks:
        raise GradingError("no exercise to audit (no solution cell with references in those "
                           "notebooks)")
    workers = args.workers or os.cpu_count() or 1

    def progress(done, total, res):
        if not args.quiet:
            print(f"[{done}/{total}] {res.week}/{res.exercise}: {len(res.mutants)} mutants, "
                  f"{res.count('survived')} survived ({res.seconds:.1f} s)", file=sys.stderr)

    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="dlgrade-audit-") as tmp:
        results = auditing.audit(tasks, workers, Path(tmp), progress)
    took = time.perf_counter() - start
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    note = (f"{len(tasks)} exercises audited in {took:.0f} s with {workers} worker(s) "
            f"(load average {load})")
    stale = ([] if args.max_mutants_per_function
             else audit_report.stale_equivalents(results, equivalents))
    print(audit_report.render_text(results, stale, args.max_mutants_per_function))
    out = Path(args.output) if args.output else course.root / "reports" / "audit.html"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(audit_report.render_html(results, stale, args.max_mutants_per_function, note),
                   encoding="utf-8")
    print(f"\n{note}\nreport written: {out}")
    total = audit_report.summary(results)[-1]
    failed = total["mistakes"] or total["right"] or total["errors"]
    if args.fail_under is not None and (total["score"] or 0) * 100 < args.fail_under:
        print(f"mutation score {100 * (total['score'] or 0):.1f} % is under "
              f"{args.fail_under:g} %")
        failed = True
    return 1 if failed else 0


def cmd_hints(args) -> int:
    """Write (or, with --check, compare) the visible checks' table of common mistakes."""
    from autograder import generate

    return 1 if generate.hints(write=not args.check) else 0


def cmd_manifest(args) -> int:
    weeks = resolve_weeks(args.weeks) if args.weeks else None
    rows = exports.manifest(REPO, weeks)
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    print(f"{'week':<7} {'exercise':<28} {'points':>6}  test cells  (notebook)")
    for r in rows:
        print(f"{r['week']:<7} {r['exercise']:<28} {r['points']:>6g}  "
              f"{', '.join(r['test_cells'])}  ({r['notebook']})")
    print(f"{len(rows)} exercises, {sum(r['points'] for r in rows):g} points")
    return 0


def _manual_cells(folder: Path) -> set[str]:
    """grade_ids of the cells formgrader grades by hand (answers and tasks)."""
    manual = set()
    for path in folder.glob("*.ipynb"):
        for cell in read(path).cells:
            meta = cell.get("metadata", {}).get("nbgrader", {})
            if meta.get("task") or (meta.get("grade") and meta.get("solution")):
                manual.add(meta.get("grade_id"))
    return manual


def validate_week(week: str, workers: int = 2, unsafe: bool = False,
                  source: Path | None = None) -> list[str]:
    """Grade the instructor notebook and the untouched release of ``week`` in a scratch
    course; return the problems (none: references earn full marks, the release zero, the
    demos' guards name what they use, and the release runs top to bottom unsolved with only
    the exercises' own cells failing).

    ``source`` is the folder of an instructor's own assignment (default: the repository's
    week). Manually graded answers and tasks are left out: formgrader grades them.
    """
    problems = []
    with tempfile.TemporaryDirectory(prefix="dlgrade-validate-") as tmp:
        course = Course.open(Path(tmp) / "course", create=True)
        if source is not None and not course.source_dir(week).exists():
            shutil.copytree(source, course.source_dir(week))
        manual = _manual_cells(course.source_dir(week))
        for path in releasing.release_week(course, week):
            if source is None:  # the course's rule for its own weeks, not for any assignment
                from autograder.guards import guard_problems

                problems += guard_problems(read(REPO / week / path.name), f"{week}/{path.name}")
                problems += releasing.unsolved_run_problems(path)
        for student, folder in (("reference", course.source_dir(week)),
                                ("untouched", course.release_dir(week))):
            dest = course.submitted_dir(student, week)
            dest.mkdir(parents=True)
            for path in folder.glob("*.ipynb"):
                shutil.copy(path, dest / path.name)
        grading.grade_week(course, week, workers=workers, progress=False, unsafe=unsafe)
        for row in exports.question_rows(course, [week]):
            if row["grade_id"] in manual:
                continue
            score, top = row["score"], row["max_score"]
            where = f"{week}/{row['notebook']}/{row['grade_id']}"
            if row["student_id"] == "reference" and score != top:
                problems.append(f"{where}: the reference earns {score:g}/{top:g}")
            if row["student_id"] == "untouched" and score != 0:
                problems.append(f"{where}: the untouched release earns {score:g}/{top:g}")
        if not problems:
            rows = exports.question_rows(course, [week])
            if not rows:
                problems.append(f"{week}: no grade cells were graded")
    return problems


def cmd_validate(args) -> int:
    failed = False
    root = args.course or here_or_default()
    course = Course.open(root, db_url=args.db) if (Path(root) / "nbgrader_config.py").exists() \
        else None
    own = [a for a in course.assignments() if not (REPO / a).is_dir()] if course else []
    for week in resolve_weeks(args.weeks, extra=own):
        source = course.source_dir(week) if week in own else None
        problems = validate_week(week, args.workers, args.unsafe, source)
        if problems:
            failed = True
            print(f"{week}: INVALID")
            for p in problems:
                print(f"  {p}")
        else:
            print(f"{week}: valid (reference: full marks on every test cell; "
                  "untouched release: zero and runs top to bottom)")
    return 1 if failed else 0


def here_or_default() -> Path:
    """The course folder the current folder is in (it or a parent holds nbgrader_config.py),
    else the repository's ``course/``."""
    folder = Path.cwd().resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / "nbgrader_config.py").is_file():
            return candidate
    return DEFAULT_COURSE


def _real_students(course: Course) -> list[str]:
    """Students in the gradebook who are not the demo's sample students."""
    sample = set(sample_class.KINDS) | {"corrupted"}
    with course.gradebook() as gb:
        return sorted(s.id for s in gb.students if s.id not in sample)


def cmd_demo(args) -> int:
    start = time.perf_counter()
    # The sample class lives in a course folder of its own (demo-course/ unless --course is
    # given), and never in one that holds a real class.
    course = Course.open(args.course or DEMO_COURSE, create=True, db_url=args.db)
    real = _real_students(course)
    if real:
        raise GradingError(f"{course.root} holds a real class ({len(real)} students, e.g. "
                           f"{real[0]}); the demo grades its sample class in a course folder "
                           f"of its own: run it without --course (it uses {DEMO_COURSE})")
    weeks = resolve_weeks(["all"])
    if not weeks:
        raise GradingError("there is no week with notebooks to demonstrate")
    downloads = course.root / "sample_class"  # the class as an LMS hands it out
    for position, week in enumerate(weeks):
        releasing.release_week(course, week)
        kinds = None if args.whole_class else sample_class.kinds_for_week(position)
        sample_class.write_sample_class(course, week, downloads / week, kinds)
        report = collecting.collect(course, week, downloads / week)
        print(f"{week}: released; sample class of {len(report.imported)} notebook(s) "
              f"collected ({len(report.warnings)} warning(s), e.g. the corrupted file)")
    # One set of warm sandboxes for every week: each week's class is too small to pay for
    # its own, and without them every notebook would start a kernel and import torch.
    from autograder import sandbox, similarity
    from autograder.warm import WarmPool, preload_modules

    shared = None
    if not args.unsafe and not sandbox.unavailable_reason():
        sources = [read(path) for week in weeks for path in week_notebooks(week)]
        shared = WarmPool(grading.Limits(), preload_modules(sources), args.workers + 1)
    try:
        for week in weeks:
            outcomes = grading.grade_week(course, week, workers=args.workers,
                                          progress=not args.quiet, unsafe=args.unsafe,
                                          warm_pool=shared)
            print(f"{week}: graded {len(outcomes)} notebook(s)")
    finally:
        if shared is not None:
            shared.close()
    pages = feedback.feedback_weeks(course, weeks, workers=args.workers)  # one pool for all
    print(f"feedback written: {len(pages)} page(s)")
    for week in weeks:
        page, _, result = similarity.similarity_week(course, week)
        if result.flagged:
            print(f"{week}: similarity report {page}: {len(result.flagged)} pair(s) flagged "
                  f"({', '.join(f'{p.a} and {p.b}' for p in result.flagged[:3])})")
    exported = course.root / "exports"
    exports.write_csv(exports.score_rows(course), exported / "grades.csv",
                      ["student_id", "assignment", "score", "max_score"])
    exports.write_csv(exports.question_rows(course), exported / "grades_per_question.csv",
                      ["student_id", "assignment", "notebook", "grade_id", "score", "max_score"])
    wide, columns = exports.wide_rows(course)
    exports.write_csv(wide, exported / "grades_for_lms.csv", columns)
    print("\nGradebook\n")
    print(exports.gradebook_table(course))
    print(f"\nfeedback: {course.root / 'feedback'}/STUDENT/WEEK/*.html")
    print(f"similarity: {course.root / 'reports'}/similarity-WEEK.html (and .csv)")
    print(f"exports:  {exported / 'grades.csv'}, {exported / 'grades_per_question.csv'}, "
          f"{exported / 'grades_for_lms.csv'}")
    print(f"gradebook: {course.db_url} (open it with nbgrader's formgrader: make lab)")
    print(f"demo finished in {time.perf_counter() - start:.0f} s")
    return 0


# ------------------------------------------------------------------------------ parser
UNSAFE_HELP = ("run student code without isolation when no sandbox can be made "
               "(only for code you trust)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dlgrade", description="The instructor's command: release, collect, grade, "
        "feedback, export, report a week of the course (an nbgrader course folder).")
    parser.add_argument("--course", type=Path, default=None,
                        help=f"the nbgrader course folder (default: the course folder you are "
                             f"in, else {DEFAULT_COURSE}; for `demo`: {DEMO_COURSE})")
    parser.add_argument("--db", metavar="URL",
                        help="gradebook database URL, e.g. postgresql://user:pw@host/db "
                             "(default: the course's SQLite file gradebook.db)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name, func, help_text):
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(func=func)
        return p

    add("init", cmd_init, "create a course folder (nbgrader_config.py) at --course")
    p = add("release", cmd_release, "generate the student versions of weeks; fails on a leak")
    p.add_argument("weeks", nargs="+", help="weeks (week01, 1, ...) or 'all'")
    p = add("validate", cmd_validate,
            "check that references earn full marks and untouched releases zero")
    p.add_argument("weeks", nargs="+", help="weeks or 'all'")
    p.add_argument("--workers", type=int, default=2, help="notebooks graded at once")
    p.add_argument("--unsafe", action="store_true", help=UNSAFE_HELP)
    p = add("collect", cmd_collect, "import submissions from a folder or an LMS zip")
    p.add_argument("week", help="the week the submissions belong to")
    p.add_argument("source", help="folder or .zip: STUDENT/NB.ipynb, STUDENT_NB.ipynb, or a "
                                  "Canvas, Moodle, Blackboard or Gradescope export")
    p.add_argument("--pattern", metavar="REGEX",
                   help="file-name pattern for other layouts, with the groups "
                        "(?P<student>...) and (?P<notebook>...), searched in each path")
    p.add_argument("--strict", action="store_true",
                   help="exit status 1 when a file was not imported (default: 0, the files "
                        "not imported listed as warnings)")
    p = add("grade", cmd_grade, "autograde the collected submissions of weeks")
    p.add_argument("weeks", nargs="+", help="weeks or 'all'")
    p.add_argument("--student", action="append",
                   help="(re)grade only this student, even if graded before (repeatable)")
    p.add_argument("--force", action="store_true",
                   help="regrade notebooks already graded from the same file and tests")
    p.add_argument("--roster", metavar="CSV",
                   help="the class list: the LMS's own export (Canvas gradebook, Moodle "
                        "grading worksheet, Blackboard Grade Center, Gradescope roster), or a "
                        "column student_id (else the first column); students who submitted "
                        "nothing are graded zero as missing, so exports and the report list "
                        "them; kept for `export --lms`")
    p.add_argument("--workers", type=int, default=2, help="notebooks graded at once")
    p.add_argument("--dask", metavar="ADDRESS",
                   help="run the notebooks on this Dask scheduler (e.g. tcp://host:8786)")
    defaults = grading.Limits()
    p.add_argument("--timeout", type=int, default=defaults.cell_timeout,
                   help="default time limit per cell in seconds (a cell may ask for more "
                        "with metadata dlgrade.timeout)")
    p.add_argument("--wall-timeout", type=int, default=defaults.wall_timeout,
                   help="time limit for a whole notebook in seconds")
    p.add_argument("--memory-mb", type=int, default=defaults.memory_mb,
                   help="memory limit of one submission in MiB")
    p.add_argument("--figures", action="store_true",
                   help="draw the notebooks' figures, so feedback shows them (slower)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--cold", action="store_true",
                   help="start a new sandbox and kernel for every notebook (slower) instead of "
                        "one warm sandbox per worker whose kernels are forked already imported")
    p.add_argument("--unsafe", action="store_true", help=UNSAFE_HELP)
    p = add("feedback", cmd_feedback, "write HTML feedback for graded submissions")
    p.add_argument("weeks", nargs="+", help="weeks or 'all'")
    p.add_argument("--student", action="append", help="only this student (repeatable)")
    p = add("export", cmd_export, "export grades as CSV")
    p.add_argument("weeks", nargs="*", help="weeks (default: all)")
    p.add_argument("-o", "--output", help="CSV file to write (default: standard output)")
    p.add_argument("--per-question", action="store_true",
                   help="one row per grade cell instead of per assignment")
    p.add_argument("--wide", action="store_true",
                   help="one row per student, a column per assignment and a total, after a "
                        "'points possible' row (keyed on dlgrade's student ids)")
    p.add_argument("--lms", choices=lms.LMS_NAMES,
                   help="the file that LMS's grade import reads, one row per roster student, "
                        "matched on that LMS's ids (needs its roster: given to `grade --roster` "
                        "or here)")
    p.add_argument("--roster", metavar="CSV",
                   help="with --lms: the LMS's roster (default: the one `grade --roster` kept)")
    p.add_argument("--column", action="append", metavar="WEEK=COLUMN",
                   help="with --lms: the LMS's column that holds WEEK (default: the roster's "
                        "column that names the week, else a new one; repeatable)")
    p = add("report", cmd_report, "write the class report: one HTML file with plots and tables")
    p.add_argument("weeks", nargs="+", help="weeks or 'all'")
    p.add_argument("-o", "--output",
                   help="HTML file to write (default: COURSE/reports/report.html)")
    p.add_argument("--threshold", type=float, default=0.5,
                   help="share of the points below which a student is listed first under "
                        "'Who needs help' (default 0.5)")
    p = add("similarity", cmd_similarity,
            "which submissions look copied: solution cells compared with the class's and "
            "the reference's (starter code left out); writes an HTML page and a CSV per week")
    p.add_argument("weeks", nargs="+", help="weeks or 'all' (every week with a class)")
    p.add_argument("--threshold", type=float, default=0.5,
                   help="pair score (share of their own code two students share over the "
                        "week) at or above which a pair is flagged (default 0.5)")
    p.add_argument("-o", "--output",
                   help="folder to write to (default: COURSE/reports; files "
                        "similarity-WEEK.html and .csv)")
    p = add("bundle", cmd_bundle,
            "write the zip students get: release notebooks, dlcourse wheel, set-up files")
    p.add_argument("weeks", nargs="+", help="weeks or 'all'")
    p.add_argument("-o", "--output",
                   help="zip to write (default: COURSE/bundles/dlcourse-WEEKS.zip)")
    p = add("tag-demos", cmd_tag_demos,
            "tag the code cells the graded cells do not depend on as 'demo' (the grader "
            "skips them) and write each demo's check.needs(...) guard: the exercises it "
            "uses, directly or through the variables it reads; run `dlgrade validate` after")
    p.add_argument("weeks", nargs="+", help="weeks or 'all'")
    p.add_argument("--check", action="store_true",
                   help="change nothing; exit 1 if a tag or a guard is missing or stale")
    p = add("generate", cmd_generate,
            "remake every file made from the notebooks and the catalogues, in order: the "
            "reference modules (autograder/references/), dlcourse/mistakes.json (hints), the "
            "demo tags and guards (tag-demos all), the syllabus's hours")
    p.add_argument("--check", action="store_true",
                   help="write nothing; exit 1 listing each stale file and the command that "
                        "refreshes it")
    p = add("hints", cmd_hints,
            "write dlcourse/mistakes.json: the visible checks' messages of every catalogued "
            "mistake, so a failed visible check says which common mistake it looks like")
    p.add_argument("--check", action="store_true",
                   help="change nothing; exit 1 if the file is not up to date")
    p = add("audit", cmd_audit,
            "how strong the hidden tests are: mutants of the references they miss, catalogued "
            "mistakes they do not reject or name, correct solutions they reject, dtypes the "
            "prompts promise and no record checks (report: COURSE/reports/audit.html)")
    p.add_argument("weeks", nargs="+", help="weeks, assignments of the course's source/, or 'all'")
    p.add_argument("--workers", type=int, default=0,
                   help="exercises audited at once (default: one per CPU core)")
    p.add_argument("--max-mutants-per-function", type=int, default=None, metavar="N",
                   help="run at most N mutants of each function, chosen by a hash of their ids "
                        "(the same every run; default: all)")
    p.add_argument("--timeout", type=float, default=20.0,
                   help="seconds a mutant may run; one that runs longer counts as killed")
    p.add_argument("--mutants-only", action="store_true",
                   help="skip the checks of the catalogued mistakes and correct solutions")
    p.add_argument("--equivalent", type=Path, metavar="TOML",
                   help="the file of equivalent mutants (default: "
                        "autograder/mistakes/equivalent.toml)")
    p.add_argument("--fail-under", type=float, metavar="PCT",
                   help="exit 1 when the mutation score is under PCT percent")
    p.add_argument("-o", "--output", help="HTML file to write (default: "
                                          "COURSE/reports/audit.html)")
    p.add_argument("--quiet", action="store_true", help="no line per exercise")
    p = add("manifest", cmd_manifest, "list every graded exercise")
    p.add_argument("weeks", nargs="*", help="weeks (default: all)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p = add("demo", cmd_demo,
            "release every week, grade the generated sample class, print the gradebook")
    p.add_argument("--workers", type=int, default=2, help="notebooks graded at once")
    p.add_argument("--whole-class", action="store_true",
                   help="every kind of sample student in every week (default: perfect, "
                        "empty, corrupted and one other kind per week, in turn)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--unsafe", action="store_true", help=UNSAFE_HELP)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except GradingError as exc:
        print(f"dlgrade: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

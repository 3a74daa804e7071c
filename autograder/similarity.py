"""Which submissions look copied: a local similarity report over the students' solution cells.

Where the verdict comes from, in order:

1. **Cells.** Only solution cells are read (nbgrader ``solution: true``), matched by their
   ``grade_id`` across the class: never test cells, never outputs, nothing of another week.
   The *template* of an exercise is its cell in the release (what every student was given:
   signature, docstring, ``raise NotImplementedError()``); the *reference* is the instructor
   notebook's solution (``autograder/references/`` holds the same code).
2. **Normalization** (`normalize`), with the standard library only: ``ast`` finds the names
   the cell binds (variables, parameters, functions, ``self.x`` attributes), its docstrings and
   its top-level statements; ``tokenize`` turns the code into tokens, and each bound name
   becomes ``V``, each string literal ``S``; comments, docstrings and blank lines vanish, and
   the top-level statements are put in a canonical order. Names the cell only reads
   (``np.mean``, ``torch``, a builtin) stay: they carry what the code does.
3. **Fingerprints** (`winnow`): hashes of every run of ``K`` tokens, of which the smallest in
   each window of ``W`` consecutive ones is kept (winnowing, Schleimer, Wilkerson and Aiken
   2003): any shared run of ``W + K - 1`` tokens or more leaves a shared fingerprint.
   Fingerprints that occur in the template are dropped (two students who wrote little are not
   similar); for *pairs*, so are those that occur in the reference (two students who both
   copied the reference are each reported as close to it, not as a pair) and those shared by
   more than ``common_share`` of the class (what everybody writes is no evidence).
4. **Index.** Fingerprints go into an inverted index per exercise (fingerprint → students);
   only students who share one are ever compared, so a class of 600 takes seconds, not the
   180 000 comparisons of every pair.
5. **Scores.** A pair's score is the Dice coefficient of its fingerprints over the whole week,
   ``2 |A ∩ B| / (|A| + |B|)``, summed over exercises (per exercise too, in the report); a
   student's closeness to the reference is the share of their fingerprints that occur in it.
   Pairs at or above the threshold, with at least ``MIN_SHARED`` shared fingerprints, are
   flagged; flagged pairs that chain into groups of three or more are clusters.

Why not a library: ``copydetect`` 0.5 (winnowing with boilerplate removal; it installs from
PyPI with Jinja2, Pygments, Matplotlib and tqdm) tokenizes with Pygments,
renaming every name, library calls included, so ``np.sum`` and ``np.mean`` read alike; it
compares every pair of files (quadratic in the class) and knows nothing of notebook cells, of
an exercise's template or of reordered definitions. ``pycode_similar`` compares function
ASTs pair by pair, also quadratically, with no template. Winnowing itself is twenty lines
(`winnow`); what matters here (cells, template, reference, index) is ours either way.

Similarity is evidence to look at, not proof: short exercises leave little room to differ, and
students may have worked together as allowed. The report (`autograder.similarity_page`) says so.
"""

from __future__ import annotations

import ast
import builtins
import io
import json
import keyword
import os
import time
import tokenize
import zlib
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from autograder.course import Course, GradingError
from autograder.notebooks import is_solution, nbgrader_meta, strip_solution_markers

__all__ = ["K", "W", "DEFAULT_THRESHOLD", "Cell", "Pair", "Result", "normalize", "winnow",
           "kgram_hashes", "compare", "week_cells", "similarity_week"]

K = 7  # tokens per k-gram: a short line of normalized code
W = 4  # window: a shared run of W + K - 1 = 10 tokens always leaves a shared fingerprint
DEFAULT_THRESHOLD = 0.5  # pair score (Dice over the week) at or above which a pair is flagged
REFERENCE_THRESHOLD = 0.8  # share of a student's fingerprints found in the reference
MIN_SHARED = 6  # fewer shared fingerprints are too little code to call anything similar
COMMON_SHARE = 0.1  # a fingerprint in more than this share of the class is common code...
COMMON_MIN = 10  # ...and in more than this many students (small classes: never common)
PROCESSES = min(4, os.cpu_count() or 1)  # submissions are read and normalized in parallel...
PARALLEL_FROM = 50  # ...from this many students per process
_BUILTINS = frozenset(dir(builtins))
_TEMPLATE = "\n# YOUR CODE HERE\nraise NotImplementedError()"  # nbgrader's default stub


# ------------------------------------------------------------------------------ normalizing
def _parseable(source: str) -> tuple[str, ast.Module]:
    """``source`` with IPython magics and the lines that stop it parsing blanked (line numbers
    kept), and its syntax tree. A cell that never parses gives an empty module."""
    lines = ["" if ln.lstrip().startswith(("%", "!")) else ln for ln in source.splitlines()]
    for _ in range(len(lines) + 1):
        text = "\n".join(lines) + "\n"
        try:
            return text, ast.parse(text)
        except SyntaxError as exc:
            bad = (exc.lineno or len(lines)) - 1
            if not 0 <= bad < len(lines) or not lines[bad]:
                break
            lines[bad] = ""
    return "", ast.Module(body=[], type_ignores=[])


def _names_and_docstrings(tree: ast.AST) -> tuple[set[str], set[str], set[tuple[int, int]]]:
    """(names the code binds anywhere, attribute names it assigns as in ``self.w = ...``,
    start positions of its string statements: docstrings and strings used as comments)."""
    names, attrs, docs = set(), set(), set()
    for node in ast.walk(tree):
        kind = type(node)
        if kind is ast.Name:
            if type(node.ctx) is not ast.Load:
                names.add(node.id)
        elif kind is ast.arg:
            names.add(node.arg)
        elif kind in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef):
            names.add(node.name)
        elif kind in (ast.Import, ast.ImportFrom):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif kind in (ast.Global, ast.Nonlocal):
            names.update(node.names)
        elif kind is ast.ExceptHandler and node.name:
            names.add(node.name)
        elif kind is ast.Attribute and type(node.ctx) is ast.Store:
            attrs.add(node.attr)
        elif (kind is ast.Expr and type(node.value) is ast.Constant
              and isinstance(node.value.value, str)):
            docs.add((node.lineno, node.col_offset))
    return names - _BUILTINS, attrs, docs


def normalize(source: str) -> tuple[list[str], list[int]]:
    """The normalized tokens of a cell and, for each, the line (1-based) it comes from.

    Renaming, comments, docstrings, blank lines, string literals and the order of top-level
    statements do not change the tokens; lines that do not parse are left out.
    """
    text, tree = _parseable(source)
    names, attrs, docs = _names_and_docstrings(tree)
    extra: list[tuple[str, int]] = []  # tokens outside every statement (none in practice)
    groups: list[list[tuple[str, int]]] = []
    group_of: dict[int, list[tuple[str, int]]] = {}  # line -> its top-level statement's group
    for n in tree.body:
        groups.append([])
        first = min([n.lineno, *(d.lineno for d in getattr(n, "decorator_list", []))])
        for line in range(first, (n.end_lineno or n.lineno) + 1):
            group_of[line] = groups[-1]
    current: list[tuple[str, int]] = extra
    skip_newline, previous, last_line = False, "", 0
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            kind, string, (line, col) = tok.type, tok.string, tok.start
            if kind in (tokenize.COMMENT, tokenize.NL, tokenize.ENCODING, tokenize.ENDMARKER):
                continue
            if kind != tokenize.DEDENT:  # a dedent closes the statement before it
                current = group_of.get(line, extra)
            if kind == tokenize.STRING and (line, col) in docs:
                skip_newline = True
                continue
            if kind == tokenize.NEWLINE:
                if skip_newline:
                    skip_newline = False
                    continue
                norm = ";"
            elif kind == tokenize.INDENT:
                norm = "{"
            elif kind == tokenize.DEDENT:  # it stands where the next statement starts
                norm, line = "}", last_line
            elif kind == tokenize.STRING:
                norm = "S"
            elif kind == tokenize.NAME and not keyword.iskeyword(string):
                bound = attrs if previous == "." else names
                norm = "V" if string in bound else string
            else:
                norm = string
            skip_newline = False
            previous, last_line = string, line
            current.append((norm, line))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        pass  # cannot happen on text that parsed; kept for safety on odd input
    ordered = sorted((g for g in groups if g), key=lambda g: [t for t, _ in g]) + [extra]
    tokens = [t for g in ordered for t, _ in g]
    lines = [ln for g in ordered for _, ln in g]
    return tokens, lines


# ------------------------------------------------------------------------------ fingerprints
_TOKEN_IDS: dict[str, int] = {}


def _ids(tokens: list[str]) -> list[int]:
    """A stable number per token (CRC-32): Python's hash of a string changes from run to run,
    and so would the fingerprints winnowing keeps; its hash of a tuple of ints does not."""
    out = []
    for t in tokens:
        n = _TOKEN_IDS.get(t)
        if n is None:
            n = _TOKEN_IDS[t] = zlib.crc32(t.encode())
        out.append(n)
    return out


def kgram_hashes(tokens: list[str], k: int = K) -> list[int]:
    """The hash of every run of ``k`` tokens (one, of all of them, when there are fewer)."""
    if not tokens:
        return []
    ids = _ids(tokens)
    if len(ids) < k:
        return [hash(tuple(ids))]
    return [hash(tuple(ids[i:i + k])) for i in range(len(ids) - k + 1)]


def winnow(hashes: list[int], w: int = W) -> list[tuple[int, int]]:
    """``(hash, position)`` of the fingerprints winnowing keeps: the minimum of each window of
    ``w`` consecutive hashes (the rightmost on a tie), each once."""
    if len(hashes) <= w:  # one window
        return [(min(hashes), len(hashes) - 1 - hashes[::-1].index(min(hashes)))] if hashes \
            else []
    kept: list[tuple[int, int]] = []
    for start in range(len(hashes) - w + 1):
        window = hashes[start:start + w]
        low = min(window)
        pos = start + w - 1 - window[::-1].index(low)
        if not kept or kept[-1][1] != pos:
            kept.append((low, pos))
    return [(h, p) for p, h in sorted({p: h for h, p in kept}.items())]


# ------------------------------------------------------------------------------ cells
@dataclass
class Cell:
    """A student's (or the template's, or the reference's) code for one exercise."""

    source: str
    tokens: list[str] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    grams: list[int] = field(default_factory=list)  # every k-gram's hash, in token order

    @classmethod
    def of(cls, source: str) -> Cell:
        tokens, lines = normalize(source)
        return cls(source, tokens, lines, kgram_hashes(tokens))

    def fingerprints(self) -> set[int]:
        return {h for h, _ in winnow(self.grams)}


def _read(path: Path):
    """A notebook as a dict, without nbformat's schema validation (a second per hundred
    notebooks): only the solution cells' sources are read. Older formats are converted."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        nb = nbformat.read(str(path), as_version=4)  # nbformat 3, or a clear error
    for cell in nb["cells"]:
        if isinstance(cell.get("source"), list):
            cell["source"] = "".join(cell["source"])
    return nb


def _solution_cells(nb) -> dict[str, str]:
    """``{grade_id: source}`` of a notebook's solution cells (code cells only)."""
    return {nbgrader_meta(c)["grade_id"]: c.get("source", "") for c in nb["cells"]
            if is_solution(c) and c.get("cell_type") == "code"
            and nbgrader_meta(c).get("grade_id")}


def _template(source_cell: str) -> str:
    """What the release gives for a solution cell: the solution region replaced by a stub."""
    out, inside = [], False
    for line in source_cell.splitlines():
        if "### BEGIN SOLUTION" in line:
            inside = True
            indent = line[:len(line) - len(line.lstrip())]
            out += [indent + stub for stub in _TEMPLATE.strip().splitlines()]
        elif "### END SOLUTION" in line:
            inside = False
        elif not inside:
            out.append(line)
    return "\n".join(out)


@dataclass
class WeekCells:
    """Every cell the comparison reads for one week, keyed by exercise ``notebook/grade_id``."""

    week: str
    exercises: list[str]
    templates: dict[str, Cell]
    references: dict[str, Cell]
    students: dict[str, dict[str, Cell]]  # student -> exercise -> cell
    unreadable: list[str] = field(default_factory=list)  # "student/notebook.ipynb: why"


def _student_cells(folders: list[tuple[str, Path]], exercises: set[str]
                   ) -> tuple[dict[str, dict[str, Cell]], list[str]]:
    """The cells of these students' submissions (``[(student, folder)]``), and the files
    that could not be read."""
    students: dict[str, dict[str, Cell]] = {}
    unreadable = []
    for student, folder in folders:
        cells: dict[str, Cell] = {}
        for path in sorted(folder.glob("*.ipynb")):
            try:
                found = _solution_cells(_read(path))
            except Exception as exc:  # noqa: BLE001 - any unreadable file is reported, not fatal
                unreadable.append(f"{student}/{path.name}: {type(exc).__name__}: {exc}"[:200])
                continue
            for grade_id, text in found.items():
                key = f"{path.stem}/{grade_id}"
                if key in exercises:
                    cells[key] = Cell.of(text)
        if cells:
            students[student] = cells
    return students, unreadable


def week_cells(course: Course, week: str) -> WeekCells:
    """Read the solution cells of every submission of ``week`` (``submitted/*/WEEK``), with
    the templates (the release, else the source with its solutions cut) and references."""
    sources = sorted(course.source_dir(week).glob("*.ipynb"))
    if not sources:
        raise GradingError(f"{week} has no instructor notebook in {course.source_dir(week)}")
    exercises, templates, references = [], {}, {}
    for path in sources:
        solutions = _solution_cells(nbformat.read(str(path), as_version=4))
        release = course.release_dir(week) / path.name
        given = (_solution_cells(nbformat.read(str(release), as_version=4))
                 if release.exists() else {})
        for grade_id, text in solutions.items():
            key = f"{path.stem}/{grade_id}"
            exercises.append(key)
            references[key] = Cell.of(strip_solution_markers(text))
            templates[key] = Cell.of(given.get(grade_id, _template(text)))
    folders = [(s, course.submitted_dir(s, week)) for s in course.students(week)]
    jobs = [(folders[i::PROCESSES], set(templates)) for i in range(PROCESSES)]
    if len(folders) < PROCESSES * PARALLEL_FROM:  # a pool would cost more than it saves
        read = [_student_cells(*job) for job in jobs]
    else:
        with ProcessPoolExecutor(PROCESSES) as pool:
            read = list(pool.map(_student_cells, *zip(*jobs)))
    students = {s: cells for found, _ in read for s, cells in found.items()}
    students = dict(sorted(students.items()))
    unreadable = sorted(line for _, bad in read for line in bad)
    if not students:
        raise GradingError(f"nothing collected for {week} in {course.root / 'submitted'} "
                           f"(no readable submission): run `dlgrade collect {week} SOURCE` "
                           "first")
    return WeekCells(week, exercises, templates, references, students, unreadable)


# ------------------------------------------------------------------------------ comparing
@dataclass
class Pair:
    """Two students and how much of their own code (template and reference left out) they
    share, over the week and per exercise (``{exercise: (score, shared fingerprints)}``)."""

    a: str
    b: str
    score: float
    shared: int
    exercises: dict[str, tuple[float, int]]
    flagged: bool = False
    cluster: int | None = None


@dataclass
class Result:
    """The comparison of one week's class."""

    cells: WeekCells
    threshold: float
    pairs: list[Pair]  # best first; those at or above half the threshold
    clusters: list[list[str]]  # groups of 3+ linked by flagged pairs, biggest first
    reference: list[tuple[str, float, dict[str, float]]]  # (student, share, per exercise)
    reference_threshold: float = REFERENCE_THRESHOLD
    seconds: float = 0.0

    @property
    def flagged(self) -> list[Pair]:
        return [p for p in self.pairs if p.flagged]


def compare(cells: WeekCells, threshold: float = DEFAULT_THRESHOLD,
            reference_threshold: float = REFERENCE_THRESHOLD,
            common_share: float = COMMON_SHARE) -> Result:
    """Compare every student's cells with the class's, through an inverted index of
    fingerprints per exercise; return the pairs (best first), clusters and reference matches."""
    students = sorted(cells.students)
    n = len(students)
    common_limit = max(COMMON_MIN, common_share * n)
    own: dict[str, list[set[int]]] = {}  # exercise -> per student: fingerprints for pairs
    ref_share: dict[str, dict[str, tuple[int, int]]] = defaultdict(dict)
    shared: Counter = Counter()  # (i, j, exercise position) -> shared fingerprints
    for e, ex in enumerate(cells.exercises):
        template = set(cells.templates[ex].grams)
        reference = set(cells.references[ex].grams)
        sets = []
        for s in students:
            cell = cells.students[s].get(ex)
            prints = cell.fingerprints() - template if cell else set()
            if prints:
                ref_share[s][ex] = (len(prints & reference), len(prints))
            sets.append(prints - reference)
        index: dict[int, list[int]] = defaultdict(list)
        for i, prints in enumerate(sets):
            for h in prints:
                index[h].append(i)
        for h, who in index.items():
            if len(who) > common_limit:  # common code: everybody's, so nobody's evidence
                for i in who:
                    sets[i].discard(h)
                continue
            for x in range(len(who)):  # only students who share a fingerprint meet here
                for y in range(x + 1, len(who)):
                    shared[(who[x], who[y], e)] += 1
        own[ex] = sets
    per_pair: dict[tuple[int, int], dict[int, int]] = defaultdict(dict)
    for (i, j, e), count in shared.items():
        per_pair[(i, j)][e] = count
    sizes = [[len(own[ex][i]) for ex in cells.exercises] for i in range(n)]
    totals = [sum(row) for row in sizes]
    pairs = []
    for (i, j), by_ex in per_pair.items():
        common = sum(by_ex.values())
        score = 2 * common / (totals[i] + totals[j])
        if score < threshold / 2:
            continue
        detail = {cells.exercises[e]: (2 * c / (sizes[i][e] + sizes[j][e]), c)
                  for e, c in sorted(by_ex.items())}
        pairs.append(Pair(students[i], students[j], score, common, detail,
                          flagged=score >= threshold and common >= MIN_SHARED))
    pairs.sort(key=lambda p: (-p.score, -p.shared, p.a, p.b))
    clusters = _clusters([p for p in pairs if p.flagged])
    for number, members in enumerate(clusters, start=1):
        for p in pairs:
            if p.flagged and p.a in members:
                p.cluster = number
    reference = []
    for s, by_ex in ref_share.items():
        found, total = sum(f for f, _ in by_ex.values()), sum(t for _, t in by_ex.values())
        if total >= MIN_SHARED and found / total >= reference_threshold:
            reference.append((s, found / total, {ex: f / t for ex, (f, t) in by_ex.items()}))
    reference.sort(key=lambda r: (-r[1], r[0]))
    return Result(cells, threshold, pairs, clusters, reference, reference_threshold)


def _clusters(pairs: list[Pair]) -> list[list[str]]:
    """Groups of three or more students linked by the given pairs (connected components)."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for p in pairs:
        parent[root(p.a)] = root(p.b)
    groups: dict[str, list[str]] = defaultdict(list)
    for x in list(parent):
        groups[root(x)].append(x)
    return sorted((sorted(g) for g in groups.values() if len(g) >= 3),
                  key=lambda g: (-len(g), g))


def matching_lines(a: Cell, b: Cell, template: Cell, reference: Cell
                   ) -> tuple[dict[int, str], dict[int, str]]:
    """Lines of ``a`` and ``b`` to mark: ``{line: "copy"}`` where they share a k-gram that is
    neither the template's nor the reference's, ``"ref"`` where the shared k-gram is also the
    reference's. Every k-gram counts here (not only the fingerprints): it marks more exactly."""
    both = set(a.grams) & set(b.grams) - set(template.grams)
    ref = set(reference.grams)

    def marks(cell: Cell) -> dict[int, str]:
        out: dict[int, str] = {}
        for pos, h in enumerate(cell.grams):
            if h not in both:
                continue
            kind = "ref" if h in ref else "copy"
            for line in cell.lines[pos:pos + K]:
                if out.get(line) != "copy":
                    out[line] = kind
        return out

    return marks(a), marks(b)


def reference_lines(a: Cell, template: Cell, reference: Cell) -> dict[int, str]:
    """Lines of ``a`` that share a k-gram with the reference (not with the template)."""
    both = set(a.grams) & set(reference.grams) - set(template.grams)
    return {line: "ref" for pos, h in enumerate(a.grams) if h in both
            for line in a.lines[pos:pos + K]}


def similarity_week(course: Course, week: str, threshold: float = DEFAULT_THRESHOLD,
                    out_dir: Path | None = None) -> tuple[Path, Path, Result]:
    """Compare the class of ``week`` and write ``similarity-WEEK.html`` and ``.csv`` to
    ``out_dir`` (default ``COURSE/reports``); return both paths and the result."""
    from autograder import similarity_page  # it imports this module

    start = time.perf_counter()
    result = compare(week_cells(course, week), threshold)
    result.seconds = time.perf_counter() - start
    out_dir = Path(out_dir) if out_dir else course.root / "reports"
    out_dir.mkdir(parents=True, exist_ok=True)
    csv_path = similarity_page.write_csv(result, out_dir / f"similarity-{week}.csv")
    html_path = similarity_page.write_html(result, out_dir / f"similarity-{week}.html")
    return html_path, csv_path, result

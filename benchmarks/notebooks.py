"""How long each week's instructor notebook takes, as students run it and under the grader.

    python benchmarks/notebooks.py [week01 week02 ...] [--out benchmarks/results]

For every week (default: all with notebooks), executes each instructor notebook top to bottom
with nbclient twice: in full mode (what a student sees) and in grader mode
(``NBGRADER_EXECUTION`` set, and, as the grader does, the cells tagged ``demo`` left out).
Prints the wall time of each run, kernel start included, and the grader-mode time spent in
cells after the set-up cell, and writes them as JSON. The course's targets: full mode ≤ 60 s per
week on a 2-core machine; grader mode ≤ 2 s of cell time beyond the set-up imports.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.modules.setdefault("rfc3987_syntax", None)  # see autograder/runner.py
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import nbformat  # noqa: E402
from nbclient import NotebookClient  # noqa: E402

from autograder.notebooks import REPO, is_demo, resolve_weeks, week_notebooks  # noqa: E402


def run(path: Path, grader_mode: bool) -> tuple[float, float]:
    """(wall time of the whole run, time spent in the cells after the first code cell)."""
    nb = nbformat.read(str(path), as_version=4)
    saved = os.environ.pop("NBGRADER_EXECUTION", None)
    if grader_mode:
        os.environ["NBGRADER_EXECUTION"] = "autograde"
        nb.cells = [c for c in nb.cells if not is_demo(c)]  # the grader skips them too
    stamps: dict[int, float] = {}
    code = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    try:
        start = time.perf_counter()
        NotebookClient(nb, timeout=600, kernel_name="python3",
                       on_cell_executed=lambda cell_index, **_: stamps.__setitem__(
                           cell_index, time.perf_counter()),
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        end = time.perf_counter()
        after_setup = end - stamps.get(code[0], end) if code else 0.0
        return end - start, after_setup
    finally:
        os.environ.pop("NBGRADER_EXECUTION", None)
        if saved is not None:
            os.environ["NBGRADER_EXECUTION"] = saved


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("weeks", nargs="*", default=["all"], help="weeks (default: all)")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results",
                        help="folder for the JSON results")
    args = parser.parse_args()
    results = []
    for week in resolve_weeks(args.weeks):
        for path in week_notebooks(week):
            full, _ = run(path, False)
            grader, cells = run(path, True)
            row = {"week": week, "notebook": str(path.relative_to(REPO)),
                   "full_s": round(full, 1), "grader_s": round(grader, 1),
                   "grader_cells_after_setup_s": round(cells, 2)}
            results.append(row)
            print(f"{row['notebook']:<40} full {full:6.1f} s   grader {grader:6.1f} s "
                  f"(cells after the set-up cell: {cells:5.2f} s)", flush=True)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "notebooks.json").write_text(json.dumps(
        {"runs": results, "cpus": os.cpu_count(), "load_average": os.getloadavg()}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

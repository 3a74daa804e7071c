"""How long each week's instructor notebook takes, as students run it and under the grader.

    python benchmarks/notebooks.py [week01 week02 ...] [--out benchmarks/results]

For every week (default: all with notebooks), executes each instructor notebook top to bottom
with nbclient twice: in full mode (what a student sees) and in grader mode
(``NBGRADER_EXECUTION`` set, demos shrunk). Prints the wall time of each run, kernel start
included, and writes them as JSON. The course's target: full mode ≤ 60 s per week on a 2-core
machine, grader mode a few seconds of cell time.
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

from autograder.notebooks import REPO, resolve_weeks, week_notebooks  # noqa: E402


def run(path: Path, grader_mode: bool) -> float:
    nb = nbformat.read(str(path), as_version=4)
    saved = os.environ.pop("NBGRADER_EXECUTION", None)
    if grader_mode:
        os.environ["NBGRADER_EXECUTION"] = "autograde"
    try:
        start = time.perf_counter()
        NotebookClient(nb, timeout=600, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        return time.perf_counter() - start
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
            row = {"week": week, "notebook": str(path.relative_to(REPO)),
                   "full_s": round(run(path, False), 1), "grader_s": round(run(path, True), 1)}
            results.append(row)
            print(f"{row['notebook']:<40} full {row['full_s']:6.1f} s   "
                  f"grader {row['grader_s']:6.1f} s", flush=True)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "notebooks.json").write_text(json.dumps(
        {"runs": results, "cpus": os.cpu_count(), "load_average": os.getloadavg()}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

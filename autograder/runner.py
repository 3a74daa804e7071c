"""Execute one notebook with nbclient and write the result; run as a separate process.

    python runner.py IN.ipynb OUT.ipynb [--timeout SECONDS] [--startup-timeout SECONDS]

This file imports nothing from the autograder on purpose: it is the only grader code that runs
beside the student's kernel, so it must not carry references or hidden tests with it.

Every cell runs (errors do not stop the run). After each cell the notebook is written to OUT,
so whatever happens later (a dead kernel, a kill for exceeding the wall time) the grader still
has the outputs of the cells that ran. ``metadata.dlgrade.run`` in OUT says how the run ended:
``{"status": "ok" | "kernel_died" | "failed", "message": str, "last_cell": int}``.

A cell's time limit is ``metadata.dlgrade.timeout`` when set, else ``--timeout``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys


def _write(nb, path: str) -> None:
    import nbformat

    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        nbformat.write(nb, fh)
    os.replace(tmp, path)


def run(in_path: str, out_path: str, timeout: int, startup_timeout: int) -> int:
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    nb = nbformat.read(in_path, as_version=4)
    state = {"last_cell": -1}

    def timeout_of(cell) -> int:
        meta = cell.get("metadata", {}).get("dlgrade", {})
        value = meta.get("timeout") if isinstance(meta, dict) else None
        return int(value) if isinstance(value, (int, float)) and value > 0 else timeout

    def after_cell(cell, cell_index, execute_reply=None, **_):
        state["last_cell"] = cell_index
        _write(nb, out_path)

    client = NotebookClient(
        nb,
        timeout_func=timeout_of,
        startup_timeout=startup_timeout,
        allow_errors=True,
        interrupt_on_timeout=True,
        kernel_name="python3",
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(in_path))}},
        on_cell_executed=after_cell,
    )
    status, message = "ok", ""
    try:
        client.execute()
    except DeadKernelError as exc:
        status, message = "kernel_died", f"the kernel died ({exc})"
    except CellTimeoutError as exc:
        status, message = "timeout", str(exc)[:500]
    except Exception as exc:  # nbclient's own failures: keep what ran
        status, message = "failed", f"{type(exc).__name__}: {exc}"[:500]
    nb.metadata.setdefault("dlgrade", {})["run"] = {
        "status": status, "message": message, "last_cell": state["last_cell"]}
    _write(nb, out_path)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", help="notebook to execute")
    parser.add_argument("output", help="where to write the executed notebook")
    parser.add_argument("--timeout", type=int, default=60, help="default per-cell time limit (s)")
    parser.add_argument("--startup-timeout", type=int, default=60,
                        help="time the kernel may take to start (s)")
    args = parser.parse_args(argv)
    try:
        return run(args.input, args.output, args.timeout, args.startup_timeout)
    except Exception as exc:  # unreadable notebook, kernel that never started...
        json.dump({"error": f"{type(exc).__name__}: {exc}"[:1000]}, sys.stdout)
        return 2


if __name__ == "__main__":
    sys.exit(main())

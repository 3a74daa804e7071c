"""Execute one notebook with nbclient and send back the result; run as a separate process.

    python runner.py IN.ipynb (--out OUT.ipynb | --result-fd FD) [--timeout S] [--max-output N]

This file imports nothing from the autograder on purpose: it is the only grader code that runs
beside the student's kernel (inside the sandbox), so it must not carry references or hidden
tests with it.

Every cell runs (errors do not stop the run). After each cell the notebook is sent back: written
to OUT, or, from inside the sandbox, written as a frame ``<length>\n<json>`` to the inherited
pipe FD, which the student's kernel cannot reach (the runner makes itself non-dumpable, so
other processes of the same user cannot open its file descriptors or trace it). So whatever
happens later (a dead kernel, a kill for exceeding the wall time) the grader still has the
outputs of the cells that ran. ``metadata.dlgrade.run`` says how the run ended:
``{"status": "ok" | "kernel_died" | "timeout" | "failed", "message": str, "last_cell": int}``.

For every grade cell the runner also writes, outside the kernel's reach, what the kernel's
reply said (``metadata.dlgrade.reply``: ``ok`` or ``error``, whatever the cell displayed:
a custom exception handler or a replaced ``showtraceback`` can hide an error's output, not its
reply) and whether, just before the cell ran, IPython's input or AST transformers differed
from when the kernel started (``metadata.dlgrade.tampered``: code of the submission rewrote
how later cells run, e.g. to drop a test's ``assert``s).

A cell's time limit is ``metadata.dlgrade.timeout`` when set (the grader sets it from the
instructor's notebook only), else ``--timeout``. At the limit the kernel is interrupted; a
kernel that is still busy ``--grace`` seconds later (it ignores interrupts) is stopped and the
run ends there, judged on what ran. A cell's outputs beyond ``--max-output`` bytes are dropped,
with a note saying so.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

# jsonschema (under nbformat) imports this optional IRI checker, which builds a grammar for
# 2.5 s at import time; nbformat never needs it. Blocking it saves that on every notebook.
sys.modules.setdefault("rfc3987_syntax", None)


def _non_dumpable() -> None:
    """Forbid other processes of this user to trace us or open our file descriptors."""
    try:
        import ctypes

        ctypes.CDLL(None).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE = 4
    except (OSError, AttributeError):
        pass


class _Sender:
    """Sends the notebook back after each cell: to a file, or as a frame on a pipe."""

    def __init__(self, out_path: str | None, fd: int | None):
        self.out_path = out_path
        self.pipe = os.fdopen(fd, "wb") if fd is not None else None

    def send(self, nb) -> None:
        # Plain JSON, not nbformat.writes: that validates the whole notebook against its
        # schema, after every cell (seconds per notebook). The grader validates on reading.
        text = json.dumps(nb, ensure_ascii=False)
        if self.pipe is not None:
            data = text.encode("utf-8")
            self.pipe.write(b"%d\n" % len(data) + data)
            self.pipe.flush()
            return
        tmp = self.out_path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, self.out_path)


def _client_class(max_output: int, grace: float):
    """NotebookClient that keeps at most ``max_output`` bytes of outputs per cell, and stops
    a kernel that ignores the interrupt at a cell's time limit for ``grace`` seconds."""
    import asyncio

    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError

    class LimitedClient(NotebookClient):
        _budget: dict = {}
        _interrupted: dict = {}

        async def _async_handle_timeout(self, timeout, cell=None):
            # nbclient alone would interrupt again and again, for ever, in a tight loop.
            now = time.monotonic()
            key = id(cell)
            first, last = self._interrupted.get(key, (now, 0.0))
            if now - first > grace:
                raise CellTimeoutError(
                    f"the cell ran past its {timeout} s time limit and did not stop when "
                    f"interrupted ({grace:g} s later it was still running): the kernel was "
                    "stopped, and the cells after it did not run")
            if now - last >= 1.0:
                await super()._async_handle_timeout(timeout, cell)  # interrupts the kernel
                last = now
            self._interrupted[key] = (first, last)
            await asyncio.sleep(0.1)
            return None

        def output(self, outs, msg, display_id, cell_index):
            used = self._budget.get(cell_index, 0)
            size = len(json.dumps(msg.get("content", {}), default=str))
            self._budget[cell_index] = used + size
            if used + size <= max_output:
                return super().output(outs, msg, display_id, cell_index)
            if used <= max_output:  # the first output over the limit: say so, once
                from nbformat.v4 import new_output

                outs.append(new_output("stream", name="stdout", text=(
                    f"\n[the grader dropped this cell's output beyond {max_output} bytes]\n")))
            return None

    return LimitedClient


#: Evaluated by the kernel without passing through its transformers (a user expression).
TRANSFORMERS = ("(lambda s: (len(s.input_transformers_cleanup), len(s.input_transformers_post),"
                " len(s.ast_transformers)))(__import__('IPython').core.interactiveshell"
                ".InteractiveShell.instance())")


async def _transformers(client) -> str:
    """The kernel's transformer counts (or why they could not be read), asked silently."""
    kc = client.kc
    msg_id = kc.execute("", silent=True, store_history=False,
                        user_expressions={"t": TRANSFORMERS})
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            reply = await kc.shell_channel.get_msg(timeout=max(0.1, deadline - time.monotonic()))
        except Exception:  # queue.Empty: no reply in time
            break
        if reply.get("parent_header", {}).get("msg_id") == msg_id:
            found = reply.get("content", {}).get("user_expressions", {}).get("t", {})
            if found.get("status") == "ok":
                return str(found.get("data", {}).get("text/plain", ""))
            return "unreadable"
    return "no answer"


def run(in_path: str, sender: _Sender, timeout: int, startup_timeout: int,
        max_output: int, figures: bool, grace: float = 5.0) -> int:
    import nbformat
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    nb = nbformat.read(in_path, as_version=4)
    state = {"last_cell": -1}

    def timeout_of(cell) -> int:
        meta = cell.get("metadata", {}).get("dlgrade", {})
        value = meta.get("timeout") if isinstance(meta, dict) else None
        return int(value) if isinstance(value, (int, float)) and value > 0 else timeout

    def is_graded(cell) -> bool:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        return isinstance(meta, dict) and bool(meta.get("grade"))

    async def before_cell(cell, cell_index, **_):
        if "baseline" not in state:  # before any code of the submission has run
            state["baseline"] = await _transformers(client)
        if is_graded(cell):
            now = await _transformers(client)
            if now != state["baseline"]:
                meta = cell.metadata.setdefault("dlgrade", {})
                meta["tampered"] = (f"IPython's input/AST transformers were {now} before this "
                                    f"cell instead of {state['baseline']}")

    def after_cell(cell, cell_index, execute_reply=None, **_):
        state["last_cell"] = cell_index
        if is_graded(cell) and isinstance(execute_reply, dict):
            content = execute_reply.get("content", {})
            cell.metadata.setdefault("dlgrade", {})["reply"] = {
                "status": str(content.get("status", "")),
                "ename": str(content.get("ename", ""))[:200],
                "evalue": str(content.get("evalue", ""))[:4000]}
        # Send after every graded cell (their outputs are the credit a later crash must not
        # take away) and otherwise at most every 2 s: serializing the notebook costs time.
        graded = "nbgrader" in cell.get("metadata", {})
        if not graded and time.monotonic() - state.get("sent", 0.0) < 2.0:
            return
        state["sent"] = time.monotonic()
        # Every frame says how far the run got, in case it is the last one to arrive.
        nb.metadata.setdefault("dlgrade", {})["run"] = {
            "status": "running", "message": "", "last_cell": cell_index}
        sender.send(nb)

    client = _client_class(max_output, grace)(
        nb,
        shutdown_kernel="immediate",
        timeout_func=timeout_of,
        startup_timeout=startup_timeout,
        allow_errors=True,
        interrupt_on_timeout=True,
        kernel_name="python3",
        resources={"metadata": {"path": os.getcwd()}},
        on_cell_execute=before_cell,
        on_cell_executed=after_cell,
        # Figures are for people, not for grading: unless asked, matplotlib's inline backend
        # shows them as text, which skips drawing them (seconds per notebook).
        extra_arguments=[] if figures else ["--InlineBackend.figure_formats=set()"],
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
    sender.send(nb)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", help="notebook to execute")
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", help="write the executed notebook to this file")
    where.add_argument("--result-fd", type=int, help="send it as frames on this inherited pipe")
    parser.add_argument("--timeout", type=int, default=60, help="default per-cell time limit (s)")
    parser.add_argument("--startup-timeout", type=int, default=60,
                        help="time the kernel may take to start (s)")
    parser.add_argument("--max-output", type=int, default=1_000_000,
                        help="bytes of output kept per cell")
    parser.add_argument("--grace", type=float, default=5.0,
                        help="seconds a kernel may take to stop after an interrupt (s)")
    parser.add_argument("--figures", action="store_true",
                        help="draw matplotlib figures (off: they are shown as text)")
    args = parser.parse_args(argv)
    _non_dumpable()
    try:
        sender = _Sender(args.out, args.result_fd)
        return run(args.input, sender, args.timeout, args.startup_timeout, args.max_output,
                   args.figures, args.grace)
    except Exception as exc:  # unreadable notebook, kernel that never started...
        json.dump({"error": f"{type(exc).__name__}: {exc}"[:1000]}, sys.stdout)
        return 2


if __name__ == "__main__":
    sys.exit(main())

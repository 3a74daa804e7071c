"""Sandboxes started before their notebooks: a kernel's start-up paid once per worker.

Most of a submission's run used to be the same for every student: starting a kernel and
importing torch, pyplot and SymPy. A *warm sandbox* is the ordinary sandbox (``sandbox.py``)
whose runner serves notebooks one after the other (``runner.py --serve``): it imports those
modules once, then runs each notebook in a kernel forked from that pre-imported process, a
process no earlier notebook touched. Between two notebooks the runner kills every process the
last one left, empties ``/scratch``, ``/tmp`` and ``/dev/shm`` and removes System V IPC objects
(POSIX message queues are forbidden by an rlimit), so the next notebook meets a sandbox as
fresh as a new one (``tests/test_warm.py`` checks it).

The grader gives a warm sandbox one notebook at a time and throws it away, starting a new one
in its place, whenever anything went wrong: the wall-time limit, the memory limit, an output
over the limit, a runner that died or did not say it was clean again. Where a warm sandbox
cannot work (the sandboxed runner refuses), grading falls back to a new sandbox per notebook.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import re
import subprocess
import sys
import threading
import time

from nbformat import NotebookNode

from autograder import sandbox
from autograder.sandbox import Limits

__all__ = ["WarmPool", "WarmSandbox", "preload_modules"]

READY_TIMEOUT = 180  # s for a new sandbox to import its modules
IDLE_TIMEOUT = 20  # s for the runner to clean up after a notebook
# Imported by every kernel or by a first torch.optim step, whatever the notebook says.
ALWAYS = ["IPython", "ipykernel.ipkernel", "matplotlib_inline.backend_inline"]
IMPORT = re.compile(r"^\s*(?:from\s+([\w.]+)\s+import\s+\(?([\w\s,]+)|import\s+([\w.,\s]+))")


def preload_modules(notebooks: list[NotebookNode]) -> list[str]:
    """The modules the code cells of the (instructor's) ``notebooks`` import, in order: a warm
    sandbox imports them once. Names that are not modules are tried and ignored."""
    found: list[str] = []
    for nb in notebooks:
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            for line in cell.source.splitlines():
                match = IMPORT.match(line)
                if not match:
                    continue
                if match.group(1):
                    base = match.group(1)
                    names = [base] + [f"{base}.{n.split()[0]}"
                                      for n in match.group(2).split(",") if n.strip()]
                else:
                    names = [n.split()[0] for n in match.group(3).split(",") if n.strip()]
                found += [n for n in names if not n.startswith(".")]
    if any(n == "torch" or n.startswith("torch.") for n in found):
        found.append("torch._dynamo")  # a first optimizer step imports it (about 1 s)
    return list(dict.fromkeys(found + ALWAYS))


class WarmSandbox:
    """One sandbox serving notebooks, started at once; ``run`` waits until it is ready."""

    def __init__(self, limits: Limits, preload: list[str]):
        self.limits = limits
        self._stack = contextlib.ExitStack()
        self.slot = self._stack.enter_context(sandbox.slot())
        self.cgroup = sandbox.Cgroup(limits)
        self._stack.callback(self.cgroup.remove)
        read_end, write_end = os.pipe()
        cmd = self.cgroup.prefix() + sandbox.command(None, limits, self.slot, write_end,
                                                     limits.cell_timeout, preload)
        try:
            self.proc = subprocess.Popen(
                cmd, cwd="/", env={"PATH": os.environ.get("PATH", "/usr/bin:/bin")},
                pass_fds=(write_end,), stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE, start_new_session=True)
        except OSError:
            os.close(read_end)
            self._stack.close()
            raise
        finally:
            os.close(write_end)
        self.frames: queue.Queue = queue.Queue()
        self.stderr = ""
        self.state = "starting"  # then "idle" (ready for a notebook), "busy" or "dead"
        self.why = ""
        self.refused = False  # the runner said warm sandboxes cannot work here
        for target, arg in ((self._read_frames, read_end), (self._read_stderr, None)):
            threading.Thread(target=target, args=(arg,) if arg is not None else (),
                             daemon=True).start()

    # -- the pipes --------------------------------------------------------------------------
    def _read_frames(self, fd: int) -> None:
        with os.fdopen(fd, "rb") as stream:
            for frame in sandbox.frames(stream, self.limits.notebook_mb * sandbox.MiB):
                self.frames.put(frame)

    def _read_stderr(self) -> None:  # keep the tail only: a kernel may write without end
        for chunk in iter(lambda: self.proc.stderr.read(4096), b""):
            self.stderr = (self.stderr + chunk.decode("utf-8", "replace"))[-4000:]

    # -- use ---------------------------------------------------------------------------------
    def wait_ready(self, timeout: float = READY_TIMEOUT) -> bool:
        """True once the runner has imported its modules and is waiting for a notebook."""
        if self.state == "idle":
            return True
        if self.state != "starting":
            return False
        try:
            kind, value = self.frames.get(timeout=timeout)
        except queue.Empty:
            kind, value = "end", f"not ready after {timeout} s"
        if kind == "control" and value.get("state") == "ready":
            self.state = "idle"
            return True
        if kind == "control":
            self.refused = value.get("state") == "refused"
            self.why = str(value.get("why", ""))
        self.why = (self.why or (value if isinstance(value, str) else "")
                    or f"the runner stopped ({self.stderr[-300:]})")
        self.close()
        return False

    def run(self, nb: NotebookNode) -> dict | None:
        """Run ``nb``; return what ``grade.finish_run`` needs (the last notebook frame, how
        the run ended), or None when the notebook never reached the sandbox. Afterwards
        ``state`` says whether this sandbox can take another notebook ("idle")."""
        limits = self.limits
        self.state = "busy"
        request = json.dumps({"notebook": nb, "timeout": limits.cell_timeout,
                              "max_output": limits.output_mb * sandbox.MiB,
                              "grace": 5.0}).encode("utf-8")
        oom_before = self.cgroup.oom_kills()
        deadline = time.monotonic() + limits.wall_timeout
        result = {"data": None, "status": None, "message": "", "why": None, "oom": False,
                  "stderr": ""}
        try:
            self.proc.stdin.write(b"%d\n" % len(request) + request)
            self.proc.stdin.flush()
        except OSError:
            self.close()
            return None
        clean = False
        while True:
            try:
                kind, value = self.frames.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                if result["status"] != "finished":
                    result["status"] = "wall_timeout"
                    result["message"] = (f"the notebook ran longer than the "
                                         f"{limits.wall_timeout} s allowed in total")
                break
            if kind == "notebook":
                result["data"] = value
            elif kind == "control" and value.get("state") == "finished":
                result["status"] = "finished"  # the idle report follows soon
                deadline = min(deadline, time.monotonic() + IDLE_TIMEOUT)
            elif kind == "control" and value.get("state") == "idle":
                clean = bool(value.get("clean"))
                break
            else:  # the runner is gone, or sent too much
                result["why"] = value
                break
        if result["status"] == "finished":
            result["status"] = None
        result["oom"] = self.cgroup.oom_kills() > oom_before
        result["stderr"] = self.stderr
        if clean and not result["oom"] and not result["why"] and self.proc.poll() is None:
            self.state = "idle"
        else:
            self.close()
        return result

    def close(self) -> None:
        """Kill the sandbox (bubblewrap takes everything inside with it) and free its slot."""
        if self.state == "dead":
            return
        self.state = "dead"
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, 9)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=30)
        with contextlib.suppress(OSError):
            self.proc.stdin.close()
        self._stack.close()


class WarmPool:
    """At most ``size`` warm sandboxes, used in turn (the one idle longest first, so that its
    next kernel has had the most time to start); ``run`` returns None when the notebook must
    be run the ordinary way (a new sandbox for it alone) because warm ones cannot work here."""

    def __init__(self, limits: Limits, preload: list[str], size: int):
        self.limits, self.preload, self.size = limits, preload, max(1, size)
        self.changed = threading.Condition()
        self.idle: list[WarmSandbox] = []
        self.alive = 0  # sandboxes started and not closed: idle, busy or starting
        self.refused = ""  # why warm sandboxes cannot work here, once one said so
        for _ in range(self.size):
            self._start()

    def _start(self) -> WarmSandbox | None:
        """A new sandbox, counted and put among the idle ones (it warms up there)."""
        with self.changed:
            if self.alive >= self.size:
                return None
            self.alive += 1
        try:
            box = WarmSandbox(self.limits, self.preload)
        except (OSError, RuntimeError) as exc:
            with self.changed:
                self.alive -= 1
            self._refuse(f"{type(exc).__name__}: {exc}")
            return None
        with self.changed:
            self.idle.append(box)
            self.changed.notify_all()
        return box

    def _gone(self, box: WarmSandbox) -> None:
        box.close()
        with self.changed:
            self.alive -= 1
            self.changed.notify_all()

    def _take(self) -> WarmSandbox | None:
        failures = 0
        while failures < 3:
            with self.changed:
                while not self.refused and not self.idle and self.alive >= self.size:
                    self.changed.wait()
                if self.refused:
                    return None
                box = self.idle.pop(0) if self.idle else None
            if box is None:
                self._start()
                continue
            if box.wait_ready():
                return box
            failures += 1
            if box.refused:
                self._refuse(box.why)
            self._gone(box)
        return None

    def _refuse(self, why: str) -> None:
        """Warm sandboxes cannot work here: say so once; notebooks then run cold."""
        with self.changed:
            first, self.refused = not self.refused, why or "no reason given"
            self.changed.notify_all()
        if first:
            print(f"dlgrade: warm sandboxes cannot be used here ({self.refused}); every "
                  "notebook gets a sandbox of its own", file=sys.stderr)

    def run(self, nb: NotebookNode) -> dict | None:
        box = self._take()
        if box is None:
            return None
        result = box.run(nb)
        if box.state == "idle":
            with self.changed:
                self.idle.append(box)
                self.changed.notify_all()
        else:
            self._gone(box)
            self._start()  # a replacement warms up while the other workers run
        return result

    def close(self) -> None:
        with self.changed:
            boxes, self.idle = self.idle, []
        for box in boxes:
            self._gone(box)

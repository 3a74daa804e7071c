"""Execute one notebook with nbclient and send back the result; run as a separate process.

    python runner.py IN.ipynb (--out OUT.ipynb | --result-fd FD) [--timeout S] [--max-output N]
    python runner.py --serve --result-fd FD [--preload MODULES]   (inside the sandbox only)

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


def _client_class(settings: dict):
    """NotebookClient that keeps at most ``settings["max_output"]`` bytes of outputs per cell,
    and stops a kernel that ignores the interrupt at a cell's time limit for
    ``settings["grace"]`` seconds (read when needed: they may be set after the kernel started)."""
    import asyncio

    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError

    class LimitedClient(NotebookClient):
        _budget: dict = {}
        _interrupted: dict = {}

        async def _async_handle_timeout(self, timeout, cell=None):
            # nbclient alone would interrupt again and again, for ever, in a tight loop.
            now, grace = time.monotonic(), settings["grace"]
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
            used, max_output = self._budget.get(cell_index, 0), settings["max_output"]
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


def run(nb, sender: _Sender, timeout: int, startup_timeout: int,
        max_output: int, figures: bool, grace: float = 5.0) -> int:
    """Execute every cell of the notebook ``nb`` (a NotebookNode), sending it back."""
    settings = {"timeout": timeout, "max_output": max_output, "grace": grace}
    client, state = make_client(nb, sender, settings, startup_timeout, figures)
    return execute(client, state, sender)


def make_client(nb, sender: _Sender, settings: dict, startup_timeout: int, figures: bool,
                kernel_manager_class=None):
    """The NotebookClient that runs ``nb`` (``client.nb``, which may be replaced until
    `execute`) under ``settings`` (``timeout``, ``max_output``, ``grace``: read when needed),
    and the state its hooks keep."""
    state = {"last_cell": -1}

    def timeout_of(cell) -> int:
        meta = cell.get("metadata", {}).get("dlgrade", {})
        value = meta.get("timeout") if isinstance(meta, dict) else None
        return int(value) if isinstance(value, (int, float)) and value > 0 else \
            settings["timeout"]

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
        client.nb.metadata.setdefault("dlgrade", {})["run"] = {
            "status": "running", "message": "", "last_cell": cell_index}
        sender.send(client.nb)

    client = _client_class(settings)(
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
        **({"kernel_manager_class": kernel_manager_class} if kernel_manager_class else {}),
    )
    return client, state


def execute(client, state: dict, sender: _Sender) -> int:
    """Run every cell of ``client.nb`` (starting the kernel unless it runs already); send the
    notebook back with ``metadata.dlgrade.run`` saying how the run ended."""
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    status, message = "ok", ""
    try:
        client.execute()
    except DeadKernelError as exc:
        status, message = "kernel_died", f"the kernel died ({exc})"
    except CellTimeoutError as exc:
        status, message = "timeout", str(exc)[:500]
    except Exception as exc:  # nbclient's own failures: keep what ran
        status, message = "failed", f"{type(exc).__name__}: {exc}"[:500]
    client.nb.metadata.setdefault("dlgrade", {})["run"] = {
        "status": status, "message": message, "last_cell": state["last_cell"]}
    sender.send(client.nb)
    return 0


# ------------------------------------------------------------------------------ serve mode
# ``--serve``: the start-up cost (a kernel's imports: torch, pyplot, SymPy...) paid once per
# sandbox, not once per notebook. Three kinds of process, all inside one sandbox:
#
# * the *server* imports the modules, then waits; it never reads a submission and never starts
#   a thread, so every process it forks starts from the same clean, pre-imported state;
# * for each notebook it forks a *run* process, which forks the *kernel* process and starts it
#   (before the notebook is there), then reads the notebook from stdin and drives the kernel
#   with nbclient, sending frames as ``run`` does;
# * when the run process has ended, the server kills every other process of the sandbox
#   (``kill(-1)``), puts /scratch, /tmp and /dev/shm back as the sandbox made them (removes
#   what the notebook wrote, gives back modes), removes System V IPC objects and says
#   ``idle`` (a control frame): the next notebook meets nothing the last one left.
#
# Frames: a notebook is ``<length>\n<json>`` as in ``run``; a control frame is
# ``!<length>\n<json>`` (``ready``, ``finished``, ``idle``). A request on stdin is
# ``<length>\n<json>`` with ``{"notebook", "timeout", "max_output", "grace"}``.

def _send_control(pipe, **fields) -> None:
    data = json.dumps({"runner": fields}).encode("utf-8")
    pipe.write(b"!%d\n" % len(data) + data)
    pipe.flush()


def _read_exactly(fd: int, size: int) -> bytes:
    chunks, left = [], size
    while left:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            raise EOFError("the request was cut short")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _read_request(fd: int) -> dict | None:
    """The next request on ``fd`` (byte by byte up to the newline: nothing of a later request
    is read), or None at the end of the input."""
    header = b""
    while not header.endswith(b"\n"):
        byte = os.read(fd, 1)
        if not byte:
            return None
        header += byte
        if len(header) > 32:
            raise ValueError("a request must start with its length")
    return json.loads(_read_exactly(fd, int(header)).decode("utf-8"))


class _Child:
    """The forked kernel, as much of a ``subprocess.Popen`` as jupyter_client uses."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int):
        self.pid, self.returncode = pid, None

    def poll(self):
        if self.returncode is None:
            try:
                done, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:
                done, status = self.pid, 0
            if done:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout=None):
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                import subprocess

                raise subprocess.TimeoutExpired("kernel", timeout)
            time.sleep(0.02)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            try:
                os.kill(self.pid, signum)
            except ProcessLookupError:
                pass

    def kill(self) -> None:
        import signal

        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        import signal

        self.send_signal(signal.SIGTERM)


def _become_kernel(launch_fd: int) -> None:
    """In the forked kernel process: wait for jupyter_client's launch command, then run the
    kernel it asks for in this process (its modules are already imported). Never returns."""
    code = 1
    try:
        try:
            os.setpgid(0, 0)  # interrupts and kills go to the kernel's own process group
        except OSError:
            pass
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):  # the kernel gets none of the run process's pipes
            os.dup2(devnull, fd)
        os.closerange(3, launch_fd)
        os.closerange(launch_fd + 1, 65536)
        data = b""
        while chunk := os.read(launch_fd, 1 << 16):
            data += chunk
        os.close(launch_fd)
        if not data:
            return  # the run ended before a kernel was asked for
        spec = json.loads(data.decode("utf-8"))
        argv = spec["argv"]
        os.environ.clear()
        os.environ.update(spec["env"])
        os.chdir(spec["cwd"])
        try:
            import ctypes

            ctypes.CDLL(None).prctl(4, 1, 0, 0, 0)  # dumpable again, as an exec'd kernel is
        except (OSError, AttributeError):
            pass
        import random

        random.seed()  # a fresh process would draw its own seeds
        if "numpy" in sys.modules:
            sys.modules["numpy"].random.seed()
        if argv[1:3] != ["-m", "ipykernel_launcher"]:
            os.execv(argv[0], argv)  # some other kernel: start it the ordinary way
        sys.argv = [argv[0], *argv[3:]]
        from ipykernel import kernelapp

        kernelapp.IPKernelApp.launch_instance(argv=argv[3:])
        code = 0
    except BaseException:  # noqa: BLE001 - shown where the kernel's stderr goes
        import traceback

        traceback.print_exc()
    finally:
        os._exit(code)


def _fork_kernel_manager(launcher: dict):
    """An AsyncKernelManager whose kernel is the process already forked in ``launcher``
    (``{"pid", "fd"}``): launching it sends the command and environment down ``fd``."""
    from jupyter_client import AsyncKernelManager
    from jupyter_client.provisioning import LocalProvisioner

    class ForkProvisioner(LocalProvisioner):
        async def launch_kernel(self, cmd, **kwargs):
            spec = {"argv": list(cmd), "env": dict(kwargs.get("env") or os.environ),
                    "cwd": str(kwargs.get("cwd") or os.getcwd())}
            data = json.dumps(spec).encode("utf-8")
            while data:
                data = data[os.write(launcher["fd"], data):]
            os.close(launcher["fd"])
            self.process = _Child(launcher["pid"])
            self.pid = self.pgid = launcher["pid"]
            self.cwd = spec["cwd"]
            return self.connection_info

    class ForkKernelManager(AsyncKernelManager):
        async def _async_pre_start_kernel(self, **kw):
            cmd, kw = await super()._async_pre_start_kernel(**kw)
            self.provisioner.__class__ = ForkProvisioner  # same state, forked launch
            return cmd, kw

    return ForkKernelManager


def _serve_one(result_fd: int, figures: bool) -> int:
    """The run process: start a kernel, then read one request from stdin and run it, sending
    frames on ``result_fd``. The kernel starts before the notebook is there (while the grader
    judges the last one); it is still a fresh process that no notebook touched. Exit code 3
    means the input has ended."""
    import nbformat
    from jupyter_core.utils import run_sync

    launch_r, launch_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(launch_w)
        _become_kernel(launch_r)
    os.close(launch_r)
    try:
        os.setpgid(pid, pid)
    except OSError:
        pass
    sender = _Sender(None, result_fd)
    settings = {"timeout": 60, "max_output": 1_000_000, "grace": 5.0}
    client, state = make_client(nbformat.v4.new_notebook(), sender, settings, 60, figures,
                                _fork_kernel_manager({"pid": pid, "fd": launch_w}))
    try:
        client.km = client.create_kernel_manager()
        run_sync(client.async_start_new_kernel)()
        run_sync(client.async_start_new_kernel_client)()
    except Exception:  # noqa: BLE001 - the run below reports the kernel that did not start
        pass
    request = _read_request(0)
    if request is None:
        return 3
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)  # nobody after this reads the requests
    settings.update(timeout=int(request.get("timeout", 60)),
                    max_output=int(request.get("max_output", 1_000_000)),
                    grace=float(request.get("grace", 5.0)))
    client.nb = nbformat.from_dict(request["notebook"])
    try:
        execute(client, state, sender)
    finally:
        _send_control(sender.pipe, state="finished")
    return 0


def _in_own_sandbox() -> bool:
    """True inside bubblewrap's PID namespace, where ``kill(-1)`` reaches only the sandbox."""
    try:
        with open("/proc/1/comm") as fh:
            return fh.read().strip() == "bwrap"
    except OSError:
        return False


def _others() -> list[int]:
    """The other live processes of this user in the sandbox (pid 1 is bubblewrap's)."""
    me, uid, found = os.getpid(), os.getuid(), []
    for name in os.listdir("/proc"):
        if name.isdigit() and int(name) not in (1, me):
            try:
                if os.stat(f"/proc/{name}").st_uid == uid:
                    found.append(int(name))
            except OSError:
                pass
    return found


#: The folders a notebook can write to; between two notebooks they go back to what the
#: sandbox itself put there (the folders leading to bind mounts, e.g. a virtual environment
#: under /tmp), with the same modes.
WRITABLE = ("/scratch", "/tmp", "/dev/shm")


def _layout() -> dict[str, int]:
    """Path → mode of everything in the writable folders (the folders themselves included),
    without entering mount points."""
    found: dict[str, int] = {}
    for top in WRITABLE:
        if not os.path.isdir(top):
            continue
        found[top] = os.lstat(top).st_mode
        pending = [top]
        while pending:
            with os.scandir(pending.pop()) as entries:
                for entry in entries:
                    found[entry.path] = entry.stat(follow_symlinks=False).st_mode
                    if entry.is_dir(follow_symlinks=False) and not os.path.ismount(entry.path):
                        pending.append(entry.path)
    return found


def _remove_tree(path: str) -> None:
    """Remove ``path`` and all in it, whatever modes the notebook gave (they are this user's
    files: modes can be changed back). No recursion: any depth is fine."""
    if not (os.path.isdir(path) and not os.path.islink(path)):
        os.unlink(path)
        return
    pending, found = [path], [path]
    while pending:
        current = pending.pop()
        os.chmod(current, 0o700)
        with os.scandir(current) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
                    found.append(entry.path)
                else:
                    os.unlink(entry.path)
    for folder in reversed(found):
        os.rmdir(folder)


def _restore(layout: dict[str, int]) -> str:
    """Put the writable folders back as ``layout`` (see `_layout`) says: remove what is not
    in it, give back changed modes. Returns "" when done, else what could not be done."""
    import stat

    for path, mode in layout.items():
        if os.path.isdir(path) and not os.path.islink(path) and not os.path.ismount(path) \
                and os.lstat(path).st_mode != mode:
            os.chmod(path, stat.S_IMODE(mode))
    for top in WRITABLE:
        if top not in layout:
            continue
        pending = [top]
        while pending:
            with os.scandir(pending.pop()) as entries:
                for entry in list(entries):
                    if entry.path not in layout:
                        _remove_tree(entry.path)
                    elif entry.is_dir(follow_symlinks=False) and not os.path.ismount(entry.path):
                        pending.append(entry.path)
    now = _layout()
    if now != layout:
        changed = sorted(set(now.items()) ^ set(layout.items()))[:3]
        return f"the writable folders could not be put back: {changed}"
    return ""


def _remove_ipc() -> None:
    """Remove the System V shared memory, semaphores and message queues left behind."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for kind, remove in (("shm", lambda i: libc.shmctl(i, 0, None)),
                         ("sem", lambda i: libc.semctl(i, 0, 0)),
                         ("msg", lambda i: libc.msgctl(i, 0, None))):
        try:
            with open(f"/proc/sysvipc/{kind}") as fh:
                rows = fh.read().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            remove(int(row.split()[1]))  # IPC_RMID = 0


def _clean_up(layout: dict[str, int], timeout: float = 10.0) -> str:
    """Leave the sandbox as a fresh one: no other process, the writable folders as in
    ``layout``, no IPC objects. Returns "" when clean, else what could not be cleaned."""
    import signal

    deadline = time.monotonic() + timeout
    while True:
        try:
            os.kill(-1, signal.SIGKILL)  # every process of this user but this one and pid 1
        except ProcessLookupError:
            pass
        while True:
            try:
                if os.waitpid(-1, os.WNOHANG)[0] == 0:
                    break
            except ChildProcessError:
                break
        if not _others():
            break
        if time.monotonic() > deadline:
            return "processes of the last notebook survived"
        time.sleep(0.005)
    try:
        why = _restore(layout)
        if why:
            return why
        _remove_ipc()
    except Exception as exc:  # noqa: BLE001 - unclean: the grader replaces this sandbox
        return f"{type(exc).__name__}: {exc}"[:300]
    return ""


def serve(result_fd: int, preload: list[str], figures: bool = False) -> int:
    """The server: import ``preload``, then fork a run process per request (see above)."""
    import importlib

    pipe = os.fdopen(result_fd, "wb")
    if not _in_own_sandbox():
        _send_control(pipe, state="refused", why="--serve runs only inside the sandbox")
        return 2
    layout = _layout()  # what the sandbox itself made, before anything ran
    for name in [*preload, "nbformat", "nbclient", "jupyter_client", "ipykernel.kernelapp"]:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - a module the notebook itself may fail to import
            pass
    threads = len(os.listdir("/proc/self/task"))
    if threads != 1:  # forking a process with threads could copy a held lock
        _send_control(pipe, state="refused", why=f"{threads} threads after the imports")
        return 2
    why = _clean_up(layout)  # the imports may have written caches (matplotlib's fonts)
    _send_control(pipe, state="ready" if not why else "refused", why=why)
    while not why:
        pid = os.fork()  # the run process starts its kernel, then waits for a request
        if pid == 0:
            code = 1
            try:
                code = _serve_one(result_fd, figures)
            finally:
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) == 3:
            return 0
        why = _clean_up(layout)
        _send_control(pipe, state="idle", clean=not why, why=why)
    return 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", nargs="?", help="notebook to execute")
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
    parser.add_argument("--serve", action="store_true",
                        help="run notebooks sent on stdin, one after the other, each in a kernel "
                             "forked from this pre-imported process (inside the sandbox only)")
    parser.add_argument("--preload", default="", help="modules to import first (with --serve)")
    args = parser.parse_args(argv)
    if not args.serve and not args.input:
        parser.error("a notebook to execute is needed (or --serve)")
    _non_dumpable()
    try:
        if args.serve:
            return serve(args.result_fd, [m for m in args.preload.split(",") if m], args.figures)
        import nbformat

        sender = _Sender(args.out, args.result_fd)
        return run(nbformat.read(args.input, as_version=4), sender, args.timeout,
                   args.startup_timeout, args.max_output, args.figures, args.grace)
    except Exception as exc:  # unreadable notebook, kernel that never started...
        json.dump({"error": f"{type(exc).__name__}: {exc}"[:1000]}, sys.stdout)
        return 2


if __name__ == "__main__":
    sys.exit(main())

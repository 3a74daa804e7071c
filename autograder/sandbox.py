"""Running a student's notebook where it can harm nothing: bubblewrap, rlimits, cgroups.

The sandbox of one submission (built by `command`):

* **file system** (bubblewrap): read-only ``/usr`` (and the ``/lib*``, ``/bin`` links), the
  Python installation, the virtual environment, the ``dlcourse`` package and the runner
  script; the notebook to run, read-only; a size-limited tmpfs as ``/scratch`` (the working
  folder and ``$HOME``) and ``/tmp``. Nothing else: no course folder, no gradebook, no other
  submission, no instructor notebook, no reference solution, no hidden test (those reach the
  kernel only as the test cells it executes);
* **namespaces**: no network (only a private loopback, which the kernel protocol uses), own
  PID, IPC and UTS namespaces, a new session (no terminal), killed with the grader;
* **user**: when the grader runs as root, a user id of its own per worker slot
  (``setpriv``), with every capability dropped, so the process limit counts only that
  submission's processes; otherwise the grader's own user inside a user namespace;
* **limits** (``prlimit``): CPU seconds, data memory per process, processes, file size, open
  files; and, where the cgroup file system is writable, the memory and process count of the
  whole submission (cgroup v1 or v2).

The wall time and the per-cell time are enforced by the grader and the runner; the size of the
outputs by the runner and by `read_frames`.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Limits", "unavailable_reason", "command", "Cgroup", "frames", "read_frames", "slot",
           "FIRST_UID"]

FIRST_UID = 61000  # worker slot k runs as uid FIRST_UID + k when the grader is root
RUNNER = Path(__file__).with_name("runner.py")  # what runs inside the sandbox
MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Resource bounds for one submission."""

    cell_timeout: int = 60  # s per cell, unless the cell's metadata asks for more
    wall_timeout: int = 900  # s for the whole notebook
    cpu_seconds: int = 900  # CPU time per process
    memory_mb: int = 3072  # data memory per process, and the whole submission's (cgroup)
    processes: int = 256  # processes and threads of the submission
    disk_mb: int = 256  # size of /scratch and of /tmp
    output_mb: int = 2  # outputs kept per cell
    notebook_mb: int = 64  # the executed notebook sent back
    figures: bool = False  # draw matplotlib figures (slow; not needed to grade)


def _bwrap() -> str | None:
    return shutil.which("bwrap")


def unavailable_reason() -> str | None:
    """None when sandboxing works here, else why not and how to fix it."""
    missing = [tool for tool in ("bwrap", "prlimit") if not shutil.which(tool)]
    if os.geteuid() == 0 and not shutil.which("setpriv"):
        missing.append("setpriv")
    if missing:
        return (f"{', '.join(missing)} not found: install bubblewrap and util-linux "
                "(Debian/Ubuntu: `apt-get install bubblewrap util-linux`; `make setup` does it "
                "when run as root)")
    probe = [_bwrap(), "--ro-bind", "/", "/", "--unshare-net", "--unshare-pid", "--proc",
             "/proc", "--dev", "/dev"]
    if os.geteuid() != 0:
        probe.append("--unshare-user")
    try:
        result = subprocess.run(probe + ["true"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"bubblewrap cannot start here ({exc})"
    if result.returncode != 0:
        return (f"bubblewrap cannot create namespaces here ({result.stderr.strip()[:200]}); "
                "allow unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1) "
                "or run the grader as root")
    return None


@contextlib.contextmanager
def slot(max_slots: int = 512):
    """A worker slot number no other run on this machine holds right now.

    Slots are lock files in the temporary folder, so threads, processes and Dask workers on
    one machine share them; the slot picks the sandbox user id, and a process-count limit per
    user id then bounds one submission only.
    """
    folder = Path(tempfile.gettempdir()) / "dlgrade-slots"
    folder.mkdir(exist_ok=True)
    for number in range(max_slots):
        handle = open(folder / f"{number}.lock", "w")  # noqa: SIM115 - held while in use
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            continue
        try:
            yield number
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
            handle.close()
        return
    raise RuntimeError(f"all {max_slots} grading slots of this machine are busy")


def _ancestors(path: Path) -> list[Path]:
    """``/a``, ``/a/b`` for ``/a/b/c``: the folders bubblewrap must create first."""
    return [Path(*path.parts[:i]) for i in range(2, len(path.parts))]


def command(notebook: Path | None, limits: Limits, slot: int, result_fd: int,
            cell_timeout: int, preload: list[str] | None = None) -> list[str]:
    """The command line that runs ``RUNNER`` on ``notebook`` inside the sandbox; with
    ``notebook`` None, the runner serves the notebooks sent on its stdin one after the other
    (``runner.py --serve``), with ``preload`` imported once."""
    python_home = Path(sys.base_prefix).resolve()
    venv = Path(sys.prefix).resolve()
    import dlcourse

    package = Path(dlcourse.__file__).resolve().parent
    ro = [python_home, venv, package]
    args = [_bwrap(), "--die-with-parent", "--new-session", "--unshare-net", "--unshare-pid",
            "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
            "--ro-bind", "/usr", "/usr"]
    for name in ("bin", "lib", "lib32", "lib64", "sbin"):
        link = Path("/") / name
        if link.is_symlink():
            args += ["--symlink", os.readlink(link), str(link)]
        elif link.is_dir():
            args += ["--ro-bind", str(link), str(link)]
    args += ["--proc", "/proc", "--dev", "/dev",
             "--perms", "01777", "--size", str(limits.disk_mb * MiB), "--tmpfs", "/scratch",
             "--perms", "01777", "--size", str(limits.disk_mb * MiB), "--tmpfs", "/tmp"]
    made: set[Path] = {Path("/usr"), Path("/scratch"), Path("/tmp")}
    for path in ro + [Path("/opt/dlgrade/x")]:
        for folder in _ancestors(path):
            if folder not in made:
                args += ["--perms", "0755", "--dir", str(folder)]
                made.add(folder)
    for path in ro:
        args += ["--ro-bind", str(path), str(path)]
    args += ["--ro-bind", str(RUNNER), "/opt/dlgrade/runner.py"]
    if notebook is not None:
        args += ["--ro-bind", str(notebook), "/opt/dlgrade/in.ipynb"]
    args += ["--chdir", "/scratch", "--clearenv"]
    env = {"PATH": f"{venv}/bin:/usr/bin:/bin", "HOME": "/scratch", "LANG": "C.UTF-8",
           "MPLBACKEND": "Agg", "MPLCONFIGDIR": "/scratch/.matplotlib",
           "NBGRADER_EXECUTION": "autograde", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
           "PYTHONHASHSEED": "0", "PYTHONDONTWRITEBYTECODE": "1", "TMPDIR": "/tmp"}
    for key, value in env.items():
        args += ["--setenv", key, value]
    if os.geteuid() == 0:
        uid = str(FIRST_UID + slot)
        args += ["--", "setpriv", "--reuid", uid, "--regid", uid, "--clear-groups",
                 "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs"]
        nproc = limits.processes
    else:
        args[1:1] = ["--unshare-user"]
        args += ["--"]
        # Without root the process limit counts all of this user's processes: leave room.
        nproc = limits.processes + _count_own_processes()
    args += ["prlimit", f"--cpu={limits.cpu_seconds}", f"--data={limits.memory_mb * MiB}",
             f"--nproc={nproc}", f"--fsize={limits.disk_mb * MiB}", "--nofile=1024",
             "--core=0", "--msgqueue=0", "--",
             str(venv / "bin" / "python"), "-I", "/opt/dlgrade/runner.py"]
    if notebook is None:
        args += ["--serve", "--result-fd", str(result_fd), "--preload", ",".join(preload or [])]
    else:
        args += ["/opt/dlgrade/in.ipynb", "--result-fd", str(result_fd),
                 "--timeout", str(cell_timeout), "--max-output", str(limits.output_mb * MiB)]
    return args + (["--figures"] if limits.figures else [])


def _count_own_processes() -> int:
    uid = os.getuid()
    count = 0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                count += entry.stat().st_uid == uid
            except OSError:
                pass
    return count


class Cgroup:
    """A memory + pids cgroup for one submission, where the cgroup file system is writable.

    Use ``prefix()`` in front of the sandbox command: the shell joins the cgroup before it
    executes bubblewrap, so every process of the submission starts inside it.
    """

    def __init__(self, limits: Limits):
        self.dirs: list[Path] = []
        name = f"dlgrade-{uuid.uuid4().hex[:12]}"
        v2 = Path("/sys/fs/cgroup")
        settings: list[tuple[Path, dict[str, str]]] = []
        if (v2 / "cgroup.controllers").exists():
            controllers = (v2 / "cgroup.controllers").read_text().split()
            if "memory" in controllers and "pids" in controllers:
                settings.append((v2 / name, {"memory.max": str(limits.memory_mb * MiB),
                                             "memory.swap.max": "0",
                                             "pids.max": str(limits.processes)}))
        else:
            settings.append((v2 / "memory" / name,
                             {"memory.limit_in_bytes": str(limits.memory_mb * MiB)}))
            settings.append((v2 / "pids" / name, {"pids.max": str(limits.processes)}))
        for folder, values in settings:
            try:
                folder.mkdir()
                self.dirs.append(folder)
                for key, value in values.items():
                    (folder / key).write_text(value)
            except OSError:
                continue  # not writable here: rlimits still bound each process

    def prefix(self) -> list[str]:
        if not self.dirs:
            return []
        joins = " && ".join(f"echo $$ > {d}/cgroup.procs" for d in self.dirs)
        return ["sh", "-c", f'{joins} 2>/dev/null; exec "$@"', "sh"]

    def oom_kills(self) -> int:
        """How many times the kernel's out-of-memory killer struck in this cgroup so far."""
        count = 0
        for folder in self.dirs:
            for name in ("memory.events", "memory.oom_control"):
                try:
                    text = (folder / name).read_text()
                except OSError:
                    continue
                for line in text.splitlines():
                    key, _, value = line.partition(" ")
                    if key in ("oom_kill", "oom") and value.strip().isdigit():
                        count = max(count, int(value.strip()))
        return count

    def oom_killed(self) -> bool:
        return self.oom_kills() > 0

    def remove(self) -> None:
        for folder in self.dirs:
            procs = folder / "cgroup.procs"
            try:
                for pid in procs.read_text().split():
                    os.kill(int(pid), 9)
            except (OSError, ValueError):
                pass
            try:
                folder.rmdir()
            except OSError:
                pass


def frames(stream, limit: int):
    """The frames the runner sends: ``("notebook", bytes)`` for ``<length>\\n<json>`` and
    ``("control", dict)`` for ``!<length>\\n<json>`` (``{"runner": {...}}``, serve mode), then
    one ``("end", why)``: why the reading stopped early (a frame over ``limit`` bytes, or
    garbage), None at the end of the stream or a frame cut short by a kill."""
    while True:
        header = stream.readline(32)
        if not header:
            yield "end", None
            return
        control = header.startswith(b"!")
        try:
            size = int(header.strip().lstrip(b"!"))
        except ValueError:
            yield "end", "the runner sent something that is not a result"
            return
        if size > limit:
            yield "end", f"the notebook's outputs grew beyond {limit // MiB} MiB"
            return
        data = stream.read(size)
        if len(data) < size:
            yield "end", None
            return
        if not control:
            yield "notebook", data
            continue
        try:
            yield "control", dict(json.loads(data)["runner"])
        except (ValueError, KeyError, TypeError):
            yield "end", "the runner sent a broken control frame"
            return


def read_frames(stream, limit: int) -> tuple[bytes | None, str | None]:
    """Read frames until EOF; return the last complete notebook, and why the reading stopped
    early, if it did (see `frames`)."""
    last = None
    for kind, value in frames(stream, limit):
        if kind == "notebook":
            last = value
        elif kind == "end":
            return last, value
    return last, None

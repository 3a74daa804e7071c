"""Warm sandboxes (``autograder/warm.py``): one sandbox serves notebook after notebook, each
in a kernel forked from a pre-imported process. Nothing one notebook does may reach the next:
its files, its processes, its IPC objects, its changes to modules, its random state; and a
notebook that attacks the serving process only gets its sandbox replaced."""

from __future__ import annotations

import dataclasses
import json

import nbformat
import pytest

from autograder import grade, warm
from autograder.sandbox import Limits

LIMITS = Limits(cell_timeout=20, wall_timeout=60, memory_mb=2048, disk_mb=64, output_mb=1)

LEAVE_TRACES = r"""
import os, subprocess, sys, time, ctypes, random
import numpy as np
open('/scratch/left.txt', 'w').write('x')
open('/tmp/left.txt', 'w').write('x')
try:
    open('/dev/shm/left', 'w').write('x')
except OSError:
    pass
os.makedirs('/scratch/locked/deeper', exist_ok=True)
open('/scratch/locked/deeper/f', 'w').write('x')
os.chmod('/scratch/locked/deeper', 0o500)
os.chmod('/scratch/locked', 0o000)
libc = ctypes.CDLL(None)
SHM = libc.shmget(4242, 4096, 0o1666)  # IPC_CREAT | 0666
# a daemon: double fork, new session, ignores SIGTERM/SIGINT, keeps writing
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        import signal
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        while True:
            try:
                open('/tmp/daemon.txt', 'a').write('.')
            except OSError:
                pass
            time.sleep(0.05)
    os._exit(0)
# the folders the sandbox made (on the way to a bind mount, e.g. a virtual environment
# under /tmp): something planted inside, and locked
for top in ('/tmp', '/scratch'):
    for name in os.listdir(top):
        try:
            open(os.path.join(top, name, 'planted'), 'w').write('x')
        except OSError:
            pass
        try:
            os.chmod(os.path.join(top, name), 0)
        except OSError:
            pass
np.pi = 3.0
os.environ['LEFT_BEHIND'] = '1'
sys.modules['left_behind'] = object()
print(json.dumps({"pid": os.getpid(), "shm": SHM, "draw": random.random(),
                  "np_draw": float(np.random.rand())}))
"""

LOOK_AROUND = r"""
import os, sys, time, random, json
import numpy as np
time.sleep(0.5)  # a surviving daemon would have written by now
me, parents = os.getpid(), set()
pid = me
while pid > 1:  # this kernel and the processes that run it
    parents.add(pid)
    with open(f'/proc/{pid}/stat') as fh:
        pid = int(fh.read().rsplit(')', 1)[1].split()[1])
others = []
for p in os.listdir('/proc'):
    if p.isdigit() and int(p) not in parents | {1}:
        try:
            others.append(open(f'/proc/{p}/cmdline').read().replace('\0', ' ')[:80])
        except OSError:
            pass
def listing(folder):
    # every path under folder and its mode, without entering mount points (the kernel's
    # own connection file and IPython folder left out)
    found, pending = [], [folder]
    while pending:
        current = pending.pop()
        try:
            entries = list(os.scandir(current))
        except OSError as exc:
            found.append(f"{current}: {exc}")
            continue
        for e in entries:
            if e.name.endswith('.json') or e.name == '.ipython':
                continue
            found.append(f"{e.path} {oct(e.stat(follow_symlinks=False).st_mode)}")
            if e.is_dir(follow_symlinks=False) and not os.path.ismount(e.path):
                pending.append(e.path)
    return sorted(found)
with open('/proc/sysvipc/shm') as fh:
    shm = fh.read().splitlines()[1:]
print(json.dumps({"pid": me, "scratch": listing('/scratch'), "tmp": listing('/tmp'),
                  "shm_files": listing('/dev/shm'), "sysv_shm": shm, "others": others,
                  "np_pi": np.pi, "env": os.environ.get('LEFT_BEHIND'),
                  "module": 'left_behind' in sys.modules, "draw": random.random(),
                  "np_draw": float(np.random.rand())}))
"""


def _notebook(*sources: str):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import json\n" + s) for s in sources]
    return nb


def _run(box: warm.WarmSandbox, nb) -> tuple[dict, list[dict]]:
    result = box.run(nb)
    assert result is not None, "the notebook never reached the warm sandbox"
    out = grade.finish_run(nb, limits=LIMITS, **result)
    printed = [json.loads(line) for cell in out.cells for o in cell.outputs
               if o.get("output_type") == "stream"
               for line in o.get("text", "").splitlines() if line.startswith("{")]
    return out.metadata["dlgrade"]["run"], printed


@pytest.fixture()
def box():
    sandbox = warm.WarmSandbox(LIMITS, ["numpy", "IPython", "ipykernel.ipkernel"])
    assert sandbox.wait_ready(), sandbox.why
    yield sandbox
    sandbox.close()


def test_nothing_of_one_notebook_reaches_the_next(box):
    run, (fresh,) = _run(box, _notebook(LOOK_AROUND))  # what a fresh sandbox looks like
    assert run["status"] == "ok", run
    run, (first,) = _run(box, _notebook(LEAVE_TRACES))
    assert run["status"] == "ok", run
    assert box.state == "idle"  # the same sandbox serves the next notebook
    run, (seen,) = _run(box, _notebook(LOOK_AROUND))
    assert run["status"] == "ok", run
    assert seen["pid"] != first["pid"]  # a process of its own
    for folder in ("scratch", "tmp", "shm_files"):
        assert seen[folder] == fresh[folder], (folder, seen[folder], fresh[folder])
    assert seen["sysv_shm"] == [] and seen["others"] == [], seen
    assert seen["np_pi"] != 3.0 and seen["env"] is None and not seen["module"], seen
    assert seen["draw"] != first["draw"] and seen["np_draw"] != first["np_draw"]


@pytest.mark.parametrize("attack", [
    "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)\n",  # the run process
    "import os, signal\nos.kill(-1, signal.SIGKILL)\n",  # everything it can reach
    # the serving process: stopped, so it can never clean up or say it is idle
    "import os, signal\nrun = int(open(f'/proc/{os.getppid()}/stat').read().rsplit(')', 1)[1]"
    ".split()[1])\nos.kill(run, signal.SIGSTOP)\nos.kill(os.getppid(), signal.SIGKILL)\n",
])
def test_an_attack_on_the_server_only_costs_its_own_run(attack):
    # A stopped server never says it is idle: the run ends at the wall limit (as a notebook of
    # slow cells would), and the next notebook gets a new sandbox.
    pool = warm.WarmPool(dataclasses.replace(LIMITS, wall_timeout=12), ["numpy"], 1)

    def look() -> dict:
        nb = _notebook(LOOK_AROUND)
        result = pool.run(nb)
        assert result is not None
        out = grade.finish_run(nb, limits=LIMITS, **result)
        assert out.metadata["dlgrade"]["run"]["status"] == "ok"
        return json.loads(out.cells[0].outputs[0]["text"])

    try:
        fresh = look()
        pool.run(_notebook(attack + "open('/tmp/left.txt', 'w')\nimport time\ntime.sleep(2)\n"))
        seen = look()
        assert seen["others"] == [] and seen["tmp"] == fresh["tmp"], seen
    finally:
        pool.close()


def test_preload_lists_the_notebooks_imports():
    nb = _notebook("import numpy as np\nimport torch.nn.functional as F\n"
                   "from dlcourse import check, plot\n%matplotlib inline\n")
    names = warm.preload_modules([nb])
    assert names[:5] == ["json", "numpy", "torch.nn.functional", "dlcourse", "dlcourse.check"]
    assert "torch._dynamo" in names and "ipykernel.ipkernel" in names


def test_a_class_is_graded_in_warm_sandboxes(tmp_path, monkeypatch, capsys):
    """More notebooks than workers + 1: grade_week uses warm sandboxes, and none refuses
    (a refusal would silently fall back to a sandbox per notebook)."""
    from autograder import release
    from tests.toy import WEEK, make_toy_course, toy_notebook

    course = make_toy_course(tmp_path)
    release.release_week(course, WEEK)
    blank = toy_notebook()  # the instructor's notebook: both exercises solved
    for k in range(4):
        folder = course.submitted_dir(f"s{k}", WEEK)
        folder.mkdir(parents=True)
        nbformat.write(blank, str(folder / "toy.ipynb"))
    served = []
    real = warm.WarmSandbox.run
    monkeypatch.setattr(warm.WarmSandbox, "run",
                        lambda self, nb: served.append(self) or real(self, nb))
    outcomes = grade.grade_week(course, WEEK, workers=1, progress=False)
    assert [o.score for o in outcomes] == [3.0] * 4, outcomes
    assert len(served) == 4 and len(set(map(id, served))) <= 2  # each sandbox served again
    assert "warm sandboxes cannot be used" not in capsys.readouterr().err

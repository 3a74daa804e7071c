"""Grading at scale: a run killed with SIGKILL and started again, a Dask cluster, and a
PostgreSQL gradebook on a real server (started here on loopback)."""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import pytest

from autograder import exports, grade, release
from autograder.notebooks import REPO
from tests.toy import WEEK, make_toy_course

GOOD = {"double": "def double(x):\n    return 2 * np.asarray(x, dtype=float)\n",
        "count_positive": "def count_positive(x):\n    return int(np.sum(np.asarray(x) > 0))\n"}


def _class(course, n: int) -> dict[str, int]:
    """Submit ``n`` students (even: perfect, odd: only `double`); return expected scores."""
    blank = nbformat.read(str(course.release_dir(WEEK) / "toy.ipynb"), as_version=4)
    expected = {}
    for k in range(n):
        nb = nbformat.from_dict(blank)
        for cell in nb.cells:
            gid = cell.metadata.get("nbgrader", {}).get("grade_id")
            if gid in GOOD and (k % 2 == 0 or gid == "double"):
                cell.source = GOOD[gid]
        dest = course.submitted_dir(f"s{k:02d}", WEEK)
        dest.mkdir(parents=True)
        nbformat.write(nb, str(dest / "toy.ipynb"))
        expected[f"s{k:02d}"] = 3 if k % 2 == 0 else 2
    return expected


def _totals(course) -> dict[str, float]:
    return {r["student_id"]: r["score"] for r in exports.score_rows(course, [WEEK])}


def test_killed_run_resumes_without_loss_or_regrading(tmp_path):
    course = make_toy_course(tmp_path)
    release.release_week(course, WEEK)
    expected = _class(course, 6)
    cmd = [sys.executable, "-m", "tests.toy", str(tmp_path)]
    proc = subprocess.Popen(cmd, cwd=REPO, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    markers = lambda: sorted(course.root.glob("autograded/*/week90/.dlgrade-toy.done"))  # noqa: E731
    deadline = time.time() + 300
    while len(markers()) < 2 and time.time() < deadline and proc.poll() is None:
        time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGKILL)  # kill -9 in the middle of the class
    proc.wait()
    done_before = {p: p.stat().st_mtime_ns for p in markers()}
    assert 2 <= len(done_before) < 6, "the run was not interrupted mid-way"

    subprocess.run(cmd, cwd=REPO, check=True, timeout=600, capture_output=True)
    assert _totals(course) == expected  # nothing lost
    for marker, mtime in done_before.items():  # nothing graded twice
        assert marker.stat().st_mtime_ns == mtime, f"{marker.parent.parent.name} was regraded"
    with course.gradebook() as gb:
        assert len(gb.find_assignment(WEEK).submissions) == 6


def test_dask_cluster_grades_the_class(tmp_path):
    distributed = pytest.importorskip("distributed")
    course = make_toy_course(tmp_path)
    release.release_week(course, WEEK)
    expected = _class(course, 4)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        outcomes = grade.grade_week(course, WEEK, dask_address=cluster.scheduler_address,
                                    progress=False)
    assert {o.student: o.score for o in outcomes} == expected
    assert _totals(course) == expected


# ------------------------------------------------------------------------------ PostgreSQL
def _initdb() -> str | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return str(found[-1]) if found else shutil.which("initdb")


@pytest.fixture(scope="session")  # kept across modules: xdist interleaves them
def postgres_url():
    initdb = _initdb()
    if not initdb:
        reason = ("no PostgreSQL server binaries (initdb) on this machine: install Debian's "
                  "`postgresql` package (make test does it as root)")
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    bindir = Path(initdb).parent
    # Not under pytest's tmp folder: that is private to root, and the server runs as postgres.
    data = Path(tempfile.mkdtemp(prefix="dlgrade-pg-"))
    runas: list[str] = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root: use its own account
        try:
            user = pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and there is no `postgres` account to run the server")
        shutil.chown(data, user.pw_uid, user.pw_gid)
        runas = ["setpriv", f"--reuid={user.pw_uid}", f"--regid={user.pw_gid}",
                 "--clear-groups"]
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    pgdata = data / "data"

    def run(*args):
        return subprocess.run(runas + list(args), capture_output=True, text=True, timeout=120,
                              cwd=data)

    steps = [
        [str(bindir / "initdb"), "-D", str(pgdata), "-A", "trust", "-U", "dlgrade"],
        [str(bindir / "pg_ctl"), "-D", str(pgdata), "-w", "-l", str(data / "log"), "-o",
         f"-p {port} -k {data} -c listen_addresses=127.0.0.1", "start"],
        [str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "dlgrade",
         "gradebook"],
    ]
    for step in steps:
        result = run(*step)
        if result.returncode != 0:
            pytest.fail(f"PostgreSQL set-up failed at {step[0]}: {result.stderr[-500:]}")
    yield f"postgresql://dlgrade@127.0.0.1:{port}/gradebook"
    run(str(bindir / "pg_ctl"), "-D", str(pgdata), "-m", "immediate", "stop")
    shutil.rmtree(data, ignore_errors=True)


def test_postgresql_gradebook_with_parallel_workers(tmp_path, postgres_url):
    course = make_toy_course(tmp_path, db_url=postgres_url)
    assert course.db_url.startswith("postgresql://")
    release.release_week(course, WEEK)
    expected = _class(course, 4)
    grade.grade_week(course, WEEK, workers=2, progress=False)
    assert _totals(course) == expected
    assert not (course.root / "gradebook.db").exists(), "grades went to SQLite, not PostgreSQL"
    # A second grader process sees the same gradebook (the point of a shared server).
    script = ("from nbgrader.api import Gradebook; import sys\n"
              "with Gradebook(sys.argv[1]) as gb:\n"
              "    print(len(gb.find_assignment('week90').submissions))")
    out = subprocess.run([sys.executable, "-c", script, postgres_url], capture_output=True,
                         text=True, check=True)
    assert out.stdout.strip() == "4"

"""Server processes an operator can trust (``coalesce serve``).

A real ``coalesce serve`` (gunicorn and its background task worker; settings
``tests.support.server_settings``) on a temporary data folder, on SQLite or — when DATABASE_URL
names PostgreSQL — on a fresh database there:

* killing the server with SIGKILL (no chance to clean up) still ends its task worker;
* a second ``coalesce serve`` on the same data folder does not start a second worker;
* gunicorn's control socket is in the data folder, not in the home folder.

Deadlines are generous and nothing asserts how long anything took.
"""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.support.real_server import (
    PostgresDatabase,
    is_postgres,
    server_env,
    start_server,
    stop_server,
    wait_until_up,
)

WORKER_MODULE = "coalesce.core.worker"


def children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has exited; only its parent has not read its status


def workers_on(data_dir) -> list[int]:
    """Every running task worker whose environment names ``data_dir``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or WORKER_MODULE not in command_line(int(entry.name)):
            continue
        try:
            environ = (entry / "environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if f"COALESCE_DATA_DIR={data_dir}".encode() in environ and alive(int(entry.name)):
            found.append(int(entry.name))
    return found


def wait_for(condition, what: str, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() >= deadline:
            pytest.fail(f"gave up waiting ({timeout:.0f} s) for {what}")
        time.sleep(0.2)


@pytest.fixture
def data_folder():
    data_dir = Path(tempfile.mkdtemp(prefix="coalesce-serve-"))
    database = None
    if is_postgres(os.environ.get("DATABASE_URL")):
        database = PostgresDatabase(os.environ["DATABASE_URL"])
    env = server_env(data_dir, database.url if database else None)
    # A home folder of its own: a control socket put there would be seen.
    home = data_dir / "home"
    home.mkdir()
    env["HOME"] = str(home)
    env.pop("XDG_RUNTIME_DIR", None)
    started = []
    try:
        yield data_dir, env, started
    finally:
        for process in started:
            stop_server(process)
        for pid in workers_on(data_dir):  # never leave one behind, even if a test failed
            os.kill(pid, signal.SIGKILL)
        if database is not None:
            database.drop()
        shutil.rmtree(data_dir, ignore_errors=True)


def serve(data_dir, env, started, name):
    log = Path(data_dir) / f"{name}.log"
    process, base = start_server(env, log, workers=1, threads=2)
    started.append(process)
    wait_until_up(base, process, log, path="/healthz")
    return process, base, log


def test_the_task_worker_ends_when_the_server_is_killed(data_folder):
    data_dir, env, started = data_folder
    server, _, log = serve(data_dir, env, started, "server")
    wait_for(lambda: workers_on(data_dir), "the task worker to start")
    [worker] = workers_on(data_dir)
    assert worker in children(server.pid), (worker, children(server.pid))
    server.kill()  # SIGKILL: no atexit, no signal handler
    server.wait(timeout=60)
    wait_for(lambda: not alive(worker), "the task worker to exit after its server was killed")
    assert not workers_on(data_dir), log.read_text()[-3000:]


def test_a_second_server_on_the_same_data_folder_starts_no_second_worker(data_folder):
    data_dir, env, started = data_folder
    serve(data_dir, env, started, "first")
    wait_for(lambda: workers_on(data_dir), "the first server's task worker")
    [worker] = workers_on(data_dir)
    second, _, log = serve(data_dir, env, started, "second")
    wait_for(lambda: "already running" in log.read_text(), "the second server to say it has none")
    assert workers_on(data_dir) == [worker]
    assert not [p for p in children(second.pid) if WORKER_MODULE in command_line(p)]
    # When the first server stops, its worker goes with it, and the lock is free again.
    stop_server(started[0])
    wait_for(lambda: not alive(worker), "the first worker to exit with its server")
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(data_dir)], capture_output=True, text=True, timeout=60
    )
    assert done.stdout.strip() == "free", done.stdout + done.stderr


PROBE = """
import sys
from coalesce.core import worker
fd = worker.try_lock(sys.argv[1])
print("held" if fd is None else "free")
"""


def test_the_control_socket_is_in_the_data_folder_not_the_home_folder(data_folder):
    data_dir, env, started = data_folder
    serve(data_dir, env, started, "server")
    home = Path(env["HOME"])
    assert not (home / ".gunicorn").exists()
    assert not list(home.rglob("*.ctl"))
    from gunicorn.config import KNOWN_SETTINGS

    if "control_socket" in {s.name for s in KNOWN_SETTINGS}:  # gunicorn 25.1+
        wait_for(lambda: (data_dir / "gunicorn.ctl").exists(), "the control socket")

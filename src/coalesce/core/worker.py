"""The background task worker that ``coalesce serve`` runs beside the web server.

``python -m coalesce.core.worker [--lock-fd N] [--parent PID]`` runs django-tasks-db's
``db_worker`` in this process, and makes sure it never outlives the server:

* ``coalesce serve`` starts it with ``PR_SET_PDEATHSIG`` (Linux): the kernel sends it
  SIGTERM when the server dies, even by SIGKILL;
* as a fallback (another system, or the server died before the child was set up), a
  thread here watches the parent: when ``os.getppid()`` is no longer the server, it
  asks ``db_worker`` to stop (SIGTERM: it finishes the task it is running) and, if it
  has not stopped after a grace period, ends the process.

Work on a schedule (``core.schedule``) is queued when the worker starts.

One worker per data folder: it holds an exclusive ``flock`` on ``task-worker.lock`` in
the data folder for as long as it runs. ``coalesce serve`` takes the lock itself and
hands the open file to the worker (``--lock-fd``), so two servers started at the same
moment cannot both start one; run by hand, the worker takes the lock itself.
"""

import argparse
import fcntl
import os
import signal
import sys
import threading
import time
from pathlib import Path

from coalesce.core import schedule

LOCK_NAME = "task-worker.lock"
GRACE_SECONDS = 30.0
PR_SET_PDEATHSIG = 1


def lock_path(data_dir) -> Path:
    return Path(data_dir) / LOCK_NAME


def try_lock(data_dir) -> int | None:
    """Open and lock the data folder's worker lock without waiting; the descriptor, or
    None when another process holds it. The pid of the holder is written into it."""
    fd = os.open(lock_path(data_dir), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    return fd


def write_holder(fd: int, pid: int) -> None:
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{pid}\n".encode(), 0)


def holder(data_dir) -> str:
    """The pid written in the lock file (for messages), or "?"."""
    try:
        return lock_path(data_dir).read_text().strip() or "?"
    except OSError:
        return "?"


def die_with_parent():
    """A ``preexec_fn``: ask the kernel to send SIGTERM to this child when its parent
    dies (Linux only; elsewhere the parent watch below does it)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)


def watch_parent(parent: int, interval: float = 1.0, grace: float = GRACE_SECONDS):
    """Stop this process when its parent is no longer ``parent``."""

    def watch():
        while os.getppid() == parent:
            time.sleep(interval)
        print("coalesce worker: the server has gone; stopping.", file=sys.stderr, flush=True)
        os.kill(os.getpid(), signal.SIGTERM)  # db_worker stops after its current task
        time.sleep(grace)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m coalesce.core.worker")
    parser.add_argument("--lock-fd", type=int, help="an open, locked lock file (from serve)")
    parser.add_argument("--parent", type=int, help="stop when this process is gone")
    options = parser.parse_args(argv)
    parent = options.parent if options.parent is not None else os.getppid()
    if os.getppid() != parent:  # the server died before we got here
        return 1
    watch_parent(parent)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coalesce.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    fd = options.lock_fd
    if fd is None:
        fd = try_lock(settings.DATA_DIR)
        if fd is None:
            print(
                f"A task worker is already running for {settings.DATA_DIR} "
                f"(pid {holder(settings.DATA_DIR)}); not starting another.",
                file=sys.stderr,
                flush=True,
            )
            return 0
    write_holder(fd, os.getpid())
    try:
        schedule.start_all()  # e.g. closing the decisions whose window has ended
        call_command("db_worker")
    finally:
        os.close(fd)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""What the benchmarks share: a throw-away database, the production server, the HTTP
ballot driver, and memory per server process.

* ``database(name)``: a temporary data folder and SQLite (the settings' WAL,
  synchronous=FULL, IMMEDIATE transactions) or a throw-away PostgreSQL server started
  like ``./dev`` does; Django set up and migrated. A context manager.
* ``Server``: ``coalesce serve`` (gunicorn, all middleware, the task worker) on a free
  port, as production runs it. A context manager.
* ``drive_ballots``: voters with API tokens send open ballots as fast as they can over
  keep-alive connections (threads in this process, the server in another).
"""

import contextlib
import http.client
import json
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


# --- databases ----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pg_bin() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    if not found:
        sys.exit("PostgreSQL binaries not found under /usr/lib/postgresql")
    return found[-1]


class ThrowAwayPostgres:
    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="coalesce-bench-pg-"))
        self.run = []
        if os.getuid() == 0:
            shutil.chown(self.dir, "postgres")
            self.run = ["runuser", "-u", "postgres", "--"]
        self.port = free_port()
        bin_dir = pg_bin()
        subprocess.run(
            [
                *self.run,
                bin_dir / "initdb",
                "-D",
                self.dir / "data",
                "-A",
                "trust",
                "-U",
                "postgres",
            ],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [
                *self.run,
                bin_dir / "pg_ctl",
                "-D",
                self.dir / "data",
                "-l",
                self.dir / "log",
                "-w",
                "-o",
                f"-k {self.dir} -p {self.port} -c listen_addresses='' -c max_connections=200",
                "start",
            ],
            check=True,
            capture_output=True,
        )
        self.version = subprocess.run(
            [bin_dir / "postgres", "--version"], capture_output=True, text=True, check=True
        ).stdout.strip()
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as connection:
            connection.execute("CREATE DATABASE bench")

    def url(self, name="bench") -> str:
        return f"postgres://postgres@/{name}?host={self.dir}&port={self.port}"

    def stop(self):
        subprocess.run(
            [*self.run, pg_bin() / "pg_ctl", "-D", self.dir / "data", "-m", "fast", "stop"],
            capture_output=True,
            check=False,
        )
        shutil.rmtree(self.dir, ignore_errors=True)


@contextlib.contextmanager
def database(name: str):
    """A temporary data folder and database ("sqlite" or "postgres"), Django set up and
    migrated; yields the database's version string. Everything is removed afterwards."""
    data_dir = tempfile.mkdtemp(prefix="coalesce-bench-")
    os.environ["COALESCE_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coalesce.settings")
    for variable in ("TASKS_BACKEND", "EMAIL_BACKEND", "COALESCE_ENCRYPTION_KEYS"):
        os.environ.pop(variable, None)
    postgres = None
    try:
        if name == "postgres":
            postgres = ThrowAwayPostgres()
            os.environ["DATABASE_URL"] = postgres.url()
        else:
            os.environ.pop("DATABASE_URL", None)
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        call_command("migrate", interactive=False, verbosity=0)
        if postgres:
            version = postgres.version
        else:
            import sqlite3

            version = f"SQLite {sqlite3.sqlite_version}"
        yield version
        connection.close()
    finally:
        if postgres:
            postgres.stop()
        shutil.rmtree(data_dir, ignore_errors=True)


def machine() -> str:
    return (
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"load average at start {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )


# --- the server ---------------------------------------------------------------------


def wait_until_up(port, process, log, timeout=90.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"the server stopped:\n{log.read_text()[-3000:]}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    sys.exit(f"the server did not start:\n{log.read_text()[-3000:]}")


class Server:
    """``coalesce serve`` in a child process with this process's environment."""

    def __init__(self, workers=2, threads=4, extra=()):
        self.workers, self.threads = workers, threads
        self.port = free_port()
        self.log = Path(os.environ["COALESCE_DATA_DIR"]) / f"server-{self.port}.log"
        self.command = [
            sys.executable,
            "-m",
            "coalesce",
            "serve",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            *extra,
        ]

    def __enter__(self):
        from django.db import connections

        connections.close_all()
        with self.log.open("w") as out:
            self.process = subprocess.Popen(
                self.command, cwd=ROOT, env=dict(os.environ), stdout=out, stderr=subprocess.STDOUT
            )
        wait_until_up(self.port, self.process, self.log)
        return self

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def log_text(self) -> str:
        return self.log.read_text()

    def memory(self) -> dict:
        """Resident memory (MB) of the gunicorn workers, the master and the task worker."""
        found = {"workers_mb": [], "master_mb": rss_mb(self.process.pid), "task_worker_mb": None}
        for child in children(self.process.pid):
            command = Path(f"/proc/{child}/cmdline").read_bytes().replace(b"\0", b" ")
            if b"db_worker" in command:
                found["task_worker_mb"] = rss_mb(child)
            else:
                found["workers_mb"].append(rss_mb(child))
        return found

    def worker_cpu_seconds(self) -> float:
        """CPU time (user + system) the gunicorn workers have used so far: divided by
        the requests served, the cost of a request, whatever else the machine runs."""
        total = 0.0
        for child in children(self.process.pid):
            command = Path(f"/proc/{child}/cmdline").read_bytes()
            if b"db_worker" not in command:
                total += cpu_seconds(child)
        return total


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError):
            found += [int(c) for c in (task / "children").read_text().split()]
    return found


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


# --- ballots over HTTP --------------------------------------------------------------


def percentile(sorted_values, p) -> float:
    if not sorted_values:
        return 0.0
    return round(1000 * sorted_values[min(len(sorted_values) - 1, int(p * len(sorted_values)))], 1)


def drive_ballots(port: int, path: str, tokens: list[str], seconds: float) -> dict:
    """One thread per token sends open ballots (alternating yes/no, each replacing the
    voter's previous one) to ``path`` for ``seconds``; counts, latencies and failures."""
    latencies, statuses, locked, failures = [], {}, [0], []
    lock = threading.Lock()
    start = threading.Barrier(len(tokens) + 1)
    stop_at = [0.0]

    def voter(token):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        mine, n = [], 0
        start.wait()
        while time.perf_counter() < stop_at[0]:
            body = json.dumps({"position": ("yes", "no")[n % 2], "reason": ""})
            n += 1
            t0 = time.perf_counter()
            try:
                connection.request("POST", path, body=body, headers=headers)
                answer = connection.getresponse()
                text = answer.read().decode(errors="replace")
                status = answer.status
            except (OSError, http.client.HTTPException) as error:
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                status, text = 0, repr(error)
            elapsed = time.perf_counter() - t0
            mine.append((status, elapsed, "database is locked" in text.lower()))
            if status != 200 and len(failures) < 20:
                with lock:
                    failures.append(f"{status}: {text[:300]}")
        connection.close()
        with lock:
            for status, elapsed, is_locked in mine:
                statuses[status] = statuses.get(status, 0) + 1
                locked[0] += is_locked
                if status == 200:
                    latencies.append(elapsed)

    pool = [threading.Thread(target=voter, args=(t,)) for t in tokens]
    for thread in pool:
        thread.start()
    began = time.perf_counter()
    stop_at[0] = began + seconds
    start.wait()
    for thread in pool:
        thread.join()
    elapsed = time.perf_counter() - began
    latencies.sort()
    ok = statuses.get(200, 0)
    return {
        "voters": len(tokens),
        "seconds": round(elapsed, 2),
        "requests": sum(statuses.values()),
        "ballots_accepted": ok,
        "ballots_per_second": round(ok / elapsed, 1),
        "latency_ms": {
            "p50": percentile(latencies, 0.50),
            "p95": percentile(latencies, 0.95),
            "p99": percentile(latencies, 0.99),
        }
        if latencies
        else {},
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "errors": sum(v for k, v in statuses.items() if k != 200),
        "database_is_locked_answers": locked[0],
        "first_failures": failures[:5],
    }

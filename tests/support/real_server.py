"""A real Coalesce server for tests that need real concurrent HTTP requests.

``coalesce serve`` (gunicorn, two workers of eight threads, all middleware; settings
``tests.support.server_settings``: production's, static files left uncompressed) runs in a
subprocess on its own database: SQLite in a temporary data folder, or — when
DATABASE_URL names a PostgreSQL server, as in ``./dev test``'s second pass — a fresh
database on that server, dropped afterwards.
"""

import atexit
import json
import os
import secrets
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SQLITE_FILE = "coalesce.sqlite3"  # in the data folder (settings.DATABASES)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresDatabase:
    """A database of its own on the PostgreSQL server of DATABASE_URL (empty, or a copy
    of the database named ``template``)."""

    def __init__(self, url: str, template: str | None = None):
        import psycopg

        self.psycopg = psycopg
        parts = urllib.parse.urlsplit(url)
        self.name = f"coalesce_test_{secrets.token_hex(4)}"
        self.url = urllib.parse.urlunsplit(parts._replace(path="/" + self.name))
        self.admin_url = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
        copying = f' TEMPLATE "{template}"' if template else ""
        with psycopg.connect(self.admin_url, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{self.name}"{copying}')

    def drop(self):
        with self.psycopg.connect(self.admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def is_postgres(url: str | None) -> bool:
    return bool(url) and url.split(":", 1)[0] in {"postgres", "postgresql", "pgsql"}


_migrated: dict = {}  # the installation migrated once per test run, that others copy


def migrated_template() -> tuple[Path, "PostgresDatabase | None"]:
    """A data folder (and on PostgreSQL a database) migrated once per test run: migrating
    a fresh database took 10 to 20 s for each server started, and its schema is the same
    every time. Servers whose tests are not about migrating start from a copy of it (their
    seed's ``migrate`` then finds nothing to do); what migrating from nothing does is
    tested where that is the point (tests/project/test_first_run.py, test_from_nothing)."""
    if "place" not in _migrated:
        data_dir = Path(tempfile.mkdtemp(prefix="coalesce-migrated-"))
        database = None
        if is_postgres(os.environ.get("DATABASE_URL")):
            database = PostgresDatabase(os.environ["DATABASE_URL"])
        _migrated["place"] = (data_dir, database)
        atexit.register(_remove_template, data_dir, database)
        env = server_env(data_dir, database.url if database else None)
        done = subprocess.run(
            [sys.executable, "-m", "coalesce", "migrate", "--no-input", "-v0"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=startup_timeout(),
            check=False,
        )
        assert done.returncode == 0, done.stderr[-3000:]
    return _migrated["place"]


def _remove_template(data_dir, database):
    if database is not None:
        database.drop()
    shutil.rmtree(data_dir, ignore_errors=True)


def migrated_database(data_dir) -> "PostgresDatabase | None":
    """A migrated database for a new installation in ``data_dir``: on PostgreSQL a new
    database copied from the template (returned; drop it afterwards), on SQLite the
    template's file copied into the data folder (None)."""
    template_dir, template = migrated_template()
    if template is not None:
        return PostgresDatabase(os.environ["DATABASE_URL"], template=template.name)
    source = sqlite3.connect(template_dir / SQLITE_FILE)
    target = sqlite3.connect(Path(data_dir) / SQLITE_FILE)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()
    return None


def python(args, env, **kwargs):
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        **kwargs,
    )


def run_json(args, env):
    done = python(args, env)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def startup_timeout() -> float:
    """How long a server may take to answer: generous, since a fresh clone on a loaded
    two-core machine took more than 30 s (COALESCE_TEST_STARTUP_TIMEOUT overrides it)."""
    return float(os.environ.get("COALESCE_TEST_STARTUP_TIMEOUT", 600))


def wait_until_up(base, process, log, timeout=None, path="/api/openapi.json"):
    """Wait for ``base + path`` to answer 200; fail at once, with the log, if the server
    process has exited, and after ``timeout`` (``startup_timeout()``) otherwise."""
    timeout = startup_timeout() if timeout is None else timeout
    deadline = time.monotonic() + timeout
    while True:
        code = process.poll()
        if code is not None:
            pytest.fail(f"the server exited (code {code}) before answering: {tail(log)}")
        try:
            with urllib.request.urlopen(base + path, timeout=5) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        if time.monotonic() >= deadline:
            pytest.fail(f"the server did not answer within {timeout:.0f} s: {tail(log)}")
        time.sleep(0.2)


def tail(log: Path, size: int = 3000) -> str:
    try:
        return log.read_text()[-size:]
    except OSError:
        return "(no log)"


@dataclass
class Running:
    base: str  # http://127.0.0.1:PORT
    seeded: dict  # what the seed command printed (JSON, its last line)
    env: dict  # the server's environment, for more commands on its database
    log: Path


@contextmanager
def coalesce_server(prefix: str, seed_args: list[str], *, workers=2, threads=8):
    """Serve Coalesce on a database of its own (a copy of ``migrated_template()``), filled
    first by ``python *seed_args``."""
    data_dir = tempfile.mkdtemp(prefix=f"coalesce-{prefix}-")
    database = migrated_database(data_dir)
    env = server_env(data_dir, database.url if database else None)
    process = None
    log = Path(data_dir) / "server.log"
    try:
        seeded = run_json(seed_args, env)
        process, base = start_server(env, log, workers=workers, threads=threads)
        wait_until_up(base, process, log)
        yield Running(base, seeded, env, log)
    finally:
        stop_server(process)
        if database is not None:
            database.drop()
        shutil.rmtree(data_dir, ignore_errors=True)


def server_env(data_dir, database_url: str | None = None) -> dict:
    """The environment of a test server on ``data_dir`` (and ``database_url``, or SQLite
    in the data folder): production settings, tasks queued in the database."""
    env = {
        **os.environ,
        "COALESCE_DATA_DIR": str(data_dir),
        "DJANGO_SETTINGS_MODULE": "tests.support.server_settings",
    }
    for name in ("TASKS_BACKEND", "EMAIL_BACKEND", "DATABASE_URL"):
        env.pop(name, None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def start_server(env, log: Path, *, workers=2, threads=8, extra=()):
    """Start ``coalesce serve`` on a free port; (the process, its base URL)."""
    port = free_port()
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "coalesce", "serve", f"127.0.0.1:{port}"]
            + ["--workers", str(workers), "--threads", str(threads), *extra],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    return process, f"http://127.0.0.1:{port}"


def stop_server(process):
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()

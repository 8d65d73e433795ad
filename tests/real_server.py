"""A real Coalesce server for tests that need real concurrent HTTP requests.

``coalesce serve`` (gunicorn, two workers of eight threads, all middleware; settings
``tests.server_settings``: production's, static files left uncompressed) runs in a
subprocess on its own database: SQLite in a temporary data folder, or — when
DATABASE_URL names a PostgreSQL server, as in ``./dev test``'s second pass — a fresh
database on that server, dropped afterwards.
"""

import json
import os
import secrets
import shutil
import socket
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

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresDatabase:
    """A database of its own on the PostgreSQL server of DATABASE_URL."""

    def __init__(self, url: str):
        import psycopg

        self.psycopg = psycopg
        parts = urllib.parse.urlsplit(url)
        self.name = f"coalesce_test_{secrets.token_hex(4)}"
        self.url = urllib.parse.urlunsplit(parts._replace(path="/" + self.name))
        self.admin_url = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
        with psycopg.connect(self.admin_url, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{self.name}"')

    def drop(self):
        with self.psycopg.connect(self.admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def is_postgres(url: str | None) -> bool:
    return bool(url) and url.split(":", 1)[0] in {"postgres", "postgresql", "pgsql"}


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


def wait_until_up(base, process, log, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server stopped: {log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(base + "/api/openapi.json", timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    pytest.fail(f"the server did not start: {log.read_text()[-3000:]}")


@dataclass
class Running:
    base: str  # http://127.0.0.1:PORT
    seeded: dict  # what the seed command printed (JSON, its last line)
    env: dict  # the server's environment, for more commands on its database
    log: Path


@contextmanager
def coalesce_server(prefix: str, seed_args: list[str], *, workers=2, threads=8):
    """Serve Coalesce on a database of its own, filled first by ``python *seed_args``."""
    data_dir = tempfile.mkdtemp(prefix=f"coalesce-{prefix}-")
    env = {
        **os.environ,
        "COALESCE_DATA_DIR": data_dir,
        "DJANGO_SETTINGS_MODULE": "tests.server_settings",
    }
    # The production defaults: tasks queued in the database, no test-only backends.
    env.pop("TASKS_BACKEND", None)
    env.pop("EMAIL_BACKEND", None)
    database = None
    if is_postgres(os.environ.get("DATABASE_URL")):
        database = PostgresDatabase(os.environ["DATABASE_URL"])
        env["DATABASE_URL"] = database.url
    else:
        env.pop("DATABASE_URL", None)
    process = None
    log = Path(data_dir) / "server.log"
    try:
        seeded = run_json(seed_args, env)
        port = free_port()
        with log.open("w") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "coalesce", "serve", f"127.0.0.1:{port}"]
                + ["--workers", str(workers), "--threads", str(threads)],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base, process, log)
        yield Running(base, seeded, env, log)
    finally:
        if process is not None:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if database is not None:
            database.drop()
        shutil.rmtree(data_dir, ignore_errors=True)

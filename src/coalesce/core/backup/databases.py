"""Snapshots of the database and putting one back: PostgreSQL with pg_dump/pg_restore,
SQLite with its online backup."""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import psycopg
from django.conf import settings
from django.db import connection
from psycopg.conninfo import make_conninfo

from coalesce.core.backup.common import BackupError, database_state

# --- PostgreSQL ----------------------------------------------------------------------

LIBPQ_OPTIONS = {
    "host",
    "port",
    "sslmode",
    "sslrootcert",
    "sslcert",
    "sslkey",
    "connect_timeout",
    "options",
    "application_name",
    "target_session_attrs",
    "service",
    "passfile",
    "gssencmode",
}


def postgres_params() -> tuple[str, dict]:
    """(a libpq connection string without the password, environment with PGPASSWORD)."""

    db = settings.DATABASES["default"]
    params = {"dbname": db.get("NAME") or ""}
    if db.get("USER"):
        params["user"] = db["USER"]
    if db.get("HOST"):
        params["host"] = db["HOST"]
    if db.get("PORT"):
        params["port"] = str(db["PORT"])
    for key, value in (db.get("OPTIONS") or {}).items():
        if key in LIBPQ_OPTIONS and value not in (None, ""):
            params[key] = str(value)
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return make_conninfo(**params), env


def pg_tool(name: str) -> str:
    """A PostgreSQL client program: the newest in /usr/lib/postgresql/*/bin, else PATH
    (the newest can dump every older server)."""
    found = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
        key=lambda p: [int(x) if x.isdigit() else 0 for x in p.parent.parent.name.split(".")],
    )
    if found:
        return str(found[-1])
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} was not found (install the postgresql-client package).")
    return path


def postgres_tables(cursor) -> list[str]:
    cursor.execute("SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = current_schema()")
    return [row[0] for row in cursor.fetchall()]


def snapshot_postgres(target: Path) -> dict:
    conninfo, env = postgres_params()
    with psycopg.connect(conninfo, password=env.get("PGPASSWORD")) as db:
        db.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        with db.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot_id = cursor.fetchone()[0]
            state = database_state(cursor, postgres_tables(cursor))
            done = subprocess.run(  # noqa: S603
                [
                    pg_tool("pg_dump"),
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot_id}",
                    f"--file={target}",
                    f"--dbname={conninfo}",
                ],
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
        db.rollback()
    if done.returncode != 0:
        raise BackupError(f"pg_dump failed: {done.stderr.strip()[-2000:]}")
    return state


def restore_postgres(snapshot: Path) -> None:
    conninfo, env = postgres_params()
    done = subprocess.run(  # noqa: S603
        [
            pg_tool("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={conninfo}",
            str(snapshot),
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise BackupError(
            f"pg_restore failed (nothing was restored): {done.stderr.strip()[-2000:]}"
        )


# --- SQLite --------------------------------------------------------------------------


def sqlite_path() -> Path:
    return Path(settings.DATABASES["default"]["NAME"])


def sqlite_tables(cursor) -> list[str]:
    cursor.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    return [row[0] for row in cursor.fetchall()]


def sqlite_copy(source: Path, target: Path, *, timeout: float = 60.0) -> None:
    """Copy a database with SQLite's online backup API, in one step (one read
    transaction: a consistent copy while writers carry on), leaving ``target`` as one
    self-contained file (no log beside it; the journal in DELETE mode). The source is
    only read, but opened read-write: a read-only connection to a database in WAL mode
    cannot always set up the shared memory the log needs."""
    src = sqlite3.connect(source, timeout=timeout)
    try:
        dst = sqlite3.connect(target, timeout=timeout)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def snapshot_sqlite(target: Path) -> dict:
    source = sqlite_path()
    if not source.exists():
        raise BackupError(f"There is no database at {source}.")
    sqlite_copy(source, target)
    copy = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
    try:
        check = copy.execute("PRAGMA integrity_check").fetchone()[0]
        if check != "ok":
            raise BackupError(f"The snapshot failed SQLite's integrity check: {check}")
        return database_state(copy.cursor(), sqlite_tables(copy.cursor()))
    finally:
        copy.close()


def restore_sqlite(snapshot: Path) -> None:
    """Write the snapshot to the configured database file: copied with the backup API
    beside it, then renamed over it, with no stale -wal/-shm left to be replayed."""
    target = sqlite_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    connection.close()
    partial = target.with_name(target.name + ".restoring")
    for leftover in (partial, Path(f"{partial}-journal")):
        leftover.unlink(missing_ok=True)
    check = sqlite3.connect(f"file:{snapshot}?mode=ro", uri=True)
    try:
        result = check.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        check.close()
    if result != "ok":
        raise BackupError(f"The snapshot failed SQLite's integrity check: {result}")
    sqlite_copy(snapshot, partial)
    with open(partial, "rb") as handle:
        os.fsync(handle.fileno())
    for stale in (Path(f"{target}-wal"), Path(f"{target}-shm"), Path(f"{target}-journal")):
        stale.unlink(missing_ok=True)
    os.replace(partial, target)

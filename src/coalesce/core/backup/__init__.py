"""Backups of the whole database, taken while the server runs, and their restore.

A backup is one file: a tar archive holding

* the snapshot — ``database.sqlite3`` (SQLite: Python's online backup API, one step
  under one read transaction, so writers carry on and the copy is consistent) or
  ``database.pgdump`` (PostgreSQL: ``pg_dump --format=custom`` on a snapshot exported by
  a REPEATABLE READ transaction, in which the row counts are taken too);
* ``manifest.json`` — the Coalesce version, the database vendor, the applied migrations
  per app, the row count of every table, the audit chain head, when it was made, and the
  SHA-256 of the snapshot (and of the keys file, if any);
* ``manifest.sha256`` — the SHA-256 of ``manifest.json``, so an altered manifest is
  refused too;
* ``encryption_keys`` — only with ``--include-keys``, and only in an encrypted backup.

With a passphrase the whole archive is encrypted: the key is derived with scrypt
(n=2**15, r=8, p=1, 16-byte random salt) and the archive is sealed with AES-256-GCM in
chunks of 1 MiB, each authenticated with its number and whether it is the last, so a
truncated, reordered or altered file, or a wrong passphrase, is refused before
anything is written.

``core`` does not import the domain apps: tables come from the database itself and the
audit chain head is read by the table name of ``apps.get_model("audit", "AuditHead")``.
"""

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

from coalesce import __version__
from coalesce.core import crypto
from coalesce.core.backup.archive import open_archive, write_archive
from coalesce.core.backup.common import (
    FORMAT,
    KEYS,
    PASSPHRASE_ENV,
    SNAPSHOTS,
    BackupError,
    configured_keys_text,
    database_state,
    read_passphrase,
    sha256_file,
    vendor,
)
from coalesce.core.backup.databases import (
    restore_postgres,
    restore_sqlite,
    snapshot_postgres,
    snapshot_sqlite,
    sqlite_path,
)

# What the commands and tests use from here.
__all__ = [
    "PASSPHRASE_ENV",
    "BackupError",
    "BackupResult",
    "RestoreResult",
    "backup",
    "database_state",
    "open_archive",
    "read_passphrase",
    "restore",
    "write_archive",
]


# --- what the commands do -------------------------------------------------------------


@dataclass
class BackupResult:
    path: Path
    manifest: dict
    encrypted: bool


def backup(destination, *, passphrase: str | None, include_keys: bool) -> BackupResult:
    destination = Path(destination).resolve()
    if include_keys and not passphrase:
        raise BackupError(
            "--include-keys needs a passphrase (--passphrase-file FILE or "
            f"{PASSPHRASE_ENV}): the keys are never written to an unencrypted backup."
        )
    if destination.exists():
        raise BackupError(f"{destination} exists; give a new file name.")
    if not destination.parent.is_dir():
        raise BackupError(f"There is no folder {destination.parent}.")
    kind = vendor()
    if kind not in SNAPSHOTS:
        raise BackupError(f"Backups of a {kind} database are not supported.")
    with tempfile.TemporaryDirectory(dir=destination.parent, prefix=".coalesce-snap-") as work:
        snapshot = Path(work) / SNAPSHOTS[kind]
        created = timezone.now()
        state = snapshot_sqlite(snapshot) if kind == "sqlite" else snapshot_postgres(snapshot)
        files = {SNAPSHOTS[kind]: snapshot}
        manifest = {
            "format": FORMAT,
            "coalesce_version": __version__,
            "database_vendor": kind,
            "created_at": created.isoformat(),
            **state,
            "snapshot": {
                "file": SNAPSHOTS[kind],
                "sha256": sha256_file(snapshot),
                "bytes": snapshot.stat().st_size,
            },
            "encrypted": bool(passphrase),
            "keys": None,
        }
        if include_keys:
            text = configured_keys_text()
            if not text:
                raise BackupError(f"There are no encryption keys at {crypto.keys_location()}.")
            keys_path = Path(work) / KEYS
            keys_path.write_text(text)
            keys_path.chmod(0o600)
            files[KEYS] = keys_path
            manifest["keys"] = {"sha256": sha256_file(keys_path)}
        write_archive(destination, manifest, files, passphrase)
    return BackupResult(destination, manifest, bool(passphrase))


def target_state() -> tuple[int, dict]:
    """(applied migrations, {table: rows} for tables with rows) of the configured database."""
    tables = connection.introspection.table_names()
    with connection.cursor() as cursor:
        state = database_state(cursor, tables)
    applied = sum(len(names) for names in state["migrations"].values())
    return applied, {t: n for t, n in state["row_counts"].items() if n}


def refuse_non_empty_target() -> None:
    if vendor() == "sqlite" and not sqlite_path().exists():
        return
    applied, filled = target_state()
    if applied or filled:
        shown = ", ".join(f"{t} ({n})" for t, n in sorted(filled.items())[:5])
        raise BackupError(
            "The target database is not empty "
            f"({applied} applied migrations; tables with rows: {shown or 'none'}). "
            "Restore into a new data folder or an empty database; nothing was changed."
        )
    if vendor() == "postgresql" and connection.introspection.table_names():
        raise BackupError(
            "The target database has tables (though no rows): restore into an empty "
            "database (createdb); nothing was changed."
        )


@dataclass
class RestoreResult:
    manifest: dict
    counts_match: bool
    mismatches: dict
    keys_written: Path | None
    audit_ok: bool
    audit_message: str


def restore(source, *, passphrase: str | None, verify_audit) -> RestoreResult:
    """Check the backup, refuse a non-empty target, restore, then compare the row counts
    with the manifest and run ``verify_audit()`` (returns (ok, message))."""
    kind = vendor()
    work_dir = sqlite_path().parent if kind == "sqlite" else None
    if work_dir is not None:
        work_dir.mkdir(parents=True, exist_ok=True)
    with open_archive(Path(source), passphrase, work_dir=work_dir) as opened:
        manifest = opened.manifest
        if manifest.get("database_vendor") != kind:
            raise BackupError(
                f"This backup is of a {manifest.get('database_vendor')} database; the "
                f"configured database is {kind}. Nothing was restored."
            )
        refuse_non_empty_target()
        snapshot = opened.files[manifest["snapshot"]["file"]]
        if kind == "sqlite":
            restore_sqlite(snapshot)
        else:
            restore_postgres(snapshot)
        keys_written = None
        if KEYS in opened.files:
            keys_written = install_keys(opened.files[KEYS].read_text())
    connection.close()
    tables = connection.introspection.table_names()
    with connection.cursor() as cursor:
        state = database_state(cursor, tables)
    expected = manifest["row_counts"]
    found = state["row_counts"]
    mismatches = {
        table: {"manifest": expected.get(table), "restored": found.get(table)}
        for table in sorted(set(expected) | set(found))
        if expected.get(table) != found.get(table)
    }
    audit_ok, audit_message = verify_audit()
    if state["audit_chain"] != manifest["audit_chain"]:
        audit_ok = False
        audit_message += " The audit chain head differs from the manifest's."
    return RestoreResult(
        manifest, not mismatches, mismatches, keys_written, audit_ok, audit_message
    )


def install_keys(text: str) -> Path:
    """Put the backup's keys where this installation reads them: the data folder's key
    file (kept first if it already has keys of its own), or — when the keys come from
    COALESCE_ENCRYPTION_KEYS — a file beside it for the operator to use."""
    keys = [line.strip() for line in text.splitlines() if line.strip()]
    path = Path(settings.COALESCE_KEY_FILE)
    if settings.COALESCE_ENCRYPTION_KEYS:
        path = path.with_name(path.name + ".restored")
        existing = []
    else:
        try:
            existing = [line.strip() for line in path.read_text().splitlines() if line.strip()]
        except FileNotFoundError:
            existing = []
    merged = existing + [key for key in keys if key not in existing]
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write("\n".join(merged) + "\n")
    return path

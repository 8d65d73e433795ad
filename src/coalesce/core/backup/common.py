"""What every part of a backup shares: the archive's names, the error, small helpers."""

import hashlib
import os
from pathlib import Path

from django.apps import apps
from django.db import connection

from coalesce.core import crypto

FORMAT = 1
MANIFEST = "manifest.json"
MANIFEST_SUM = "manifest.sha256"
KEYS = "encryption_keys"
SNAPSHOTS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
PASSPHRASE_ENV = "COALESCE_BACKUP_PASSPHRASE"

MAGIC = b"COALESCE-BACKUP-AESGCM-1\n"
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
CHUNK = 1 << 20
SALT_BYTES, NONCE_PREFIX_BYTES = 16, 8


class BackupError(Exception):
    """Something an operator must be told; nothing was written to the target."""


# --- small helpers ---------------------------------------------------------------------


def sha256_file(path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def vendor() -> str:
    return connection.vendor  # "sqlite" or "postgresql"


def read_passphrase(passphrase_file=None) -> str | None:
    if passphrase_file:
        try:
            text = Path(passphrase_file).read_text().rstrip("\r\n")
        except OSError as error:
            raise BackupError(f"Cannot read the passphrase file: {error}") from error
        if not text:
            raise BackupError("The passphrase file is empty.")
        return text
    return os.environ.get(PASSPHRASE_ENV) or None


def configured_keys_text() -> str | None:
    """The encryption keys this installation uses, one a line, without creating any."""
    keys = crypto.existing_keys()
    return "\n".join(keys) + "\n" if keys else None


def audit_tables() -> tuple[str | None, str | None]:
    """(chain head table, event table) of the audit app, if it is installed."""
    try:
        head = apps.get_model("audit", "AuditHead")._meta.db_table
        events = apps.get_model("audit", "AuditEvent")._meta.db_table
    except LookupError:
        return None, None
    return head, events


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def database_state(cursor, tables: list[str]) -> dict:
    """Row counts, migrations and the audit chain head, read through a DB-API cursor
    (SQLite or psycopg) that sees one snapshot."""
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608
        counts[table] = cursor.fetchone()[0]
    migrations: dict[str, list[str]] = {}
    if "django_migrations" in counts:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        for app, name in cursor.fetchall():
            migrations.setdefault(app, []).append(name)
    head_table, event_table = audit_tables()
    audit = {"head": None, "last_event_hash": None, "events": None}
    if head_table in counts:
        cursor.execute(f"SELECT last_hash FROM {quote(head_table)} ORDER BY id LIMIT 1")  # noqa: S608
        row = cursor.fetchone()
        audit["head"] = row[0] if row else None
    if event_table in counts:
        audit["events"] = counts[event_table]
        cursor.execute(f"SELECT hash FROM {quote(event_table)} ORDER BY id DESC LIMIT 1")  # noqa: S608
        row = cursor.fetchone()
        audit["last_event_hash"] = row[0] if row else None
    return {"row_counts": counts, "migrations": migrations, "audit_chain": audit}

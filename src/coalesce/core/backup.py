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

import hashlib
import io
import json
import os
import shutil
import sqlite3
import struct
import subprocess
import tarfile
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from django.apps import apps
from django.conf import settings
from django.db import connection
from django.utils import timezone
from psycopg.conninfo import make_conninfo

from coalesce import __version__
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


# --- encryption --------------------------------------------------------------------------


def derive_key(passphrase: str, salt: bytes) -> bytes:

    kdf = Scrypt(salt=salt, length=32, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P)
    return kdf.derive(passphrase.encode())


def _nonce(prefix: bytes, number: int) -> bytes:
    return prefix + struct.pack(">I", number)


def _aad(header: bytes, number: int, last: bool) -> bytes:
    return header + struct.pack(">IB", number, 1 if last else 0)


def encrypt_file(source: Path, target: Path, passphrase: str) -> None:

    salt, prefix = os.urandom(SALT_BYTES), os.urandom(NONCE_PREFIX_BYTES)
    header = MAGIC + struct.pack(">III", SCRYPT_N, SCRYPT_R, SCRYPT_P) + salt + prefix
    cipher = AESGCM(derive_key(passphrase, salt))
    size = source.stat().st_size
    with source.open("rb") as plain, target.open("wb") as sealed:
        sealed.write(header)
        number, done = 0, 0
        while True:
            block = plain.read(CHUNK)
            done += len(block)
            last = done >= size
            box = cipher.encrypt(_nonce(prefix, number), block, _aad(header, number, last))
            sealed.write(struct.pack(">I", len(box)) + box)
            number += 1
            if last:
                break


def is_encrypted(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(MAGIC)) == MAGIC


def decrypt_file(source: Path, target: Path, passphrase: str) -> None:

    refused = BackupError(
        "The backup cannot be decrypted: the passphrase is wrong, or the file was "
        "altered or truncated. Nothing was restored."
    )
    with source.open("rb") as sealed, target.open("wb") as plain:
        head = sealed.read(len(MAGIC) + 12 + SALT_BYTES + NONCE_PREFIX_BYTES)
        if len(head) < len(MAGIC) + 12 + SALT_BYTES + NONCE_PREFIX_BYTES:
            raise BackupError("The backup is truncated: its header is incomplete.")
        n, r, p = struct.unpack(">III", head[len(MAGIC) : len(MAGIC) + 12])
        if (n, r, p) != (SCRYPT_N, SCRYPT_R, SCRYPT_P):
            raise BackupError("The backup's key derivation parameters are not ours; refused.")
        salt = head[len(MAGIC) + 12 : len(MAGIC) + 12 + SALT_BYTES]
        prefix = head[-NONCE_PREFIX_BYTES:]
        cipher = AESGCM(derive_key(passphrase, salt))
        number = 0
        while True:
            length_bytes = sealed.read(4)
            if len(length_bytes) < 4:
                raise BackupError("The backup is truncated: it ends before its last part.")
            (length,) = struct.unpack(">I", length_bytes)
            box = sealed.read(length)
            if len(box) < length or length > CHUNK + 16:
                raise BackupError("The backup is truncated or altered: a part is incomplete.")
            nonce = _nonce(prefix, number)
            try:
                block = cipher.decrypt(nonce, box, _aad(head, number, False))
                last = False
            except InvalidTag:
                try:
                    block = cipher.decrypt(nonce, box, _aad(head, number, True))
                    last = True
                except InvalidTag:
                    raise refused from None
            plain.write(block)
            number += 1
            if last:
                if sealed.read(1):
                    raise BackupError("The backup was altered: there is data after its end.")
                return


# --- the archive ---------------------------------------------------------------------


def write_archive(target: Path, manifest: dict, files: dict, passphrase: str | None) -> None:
    """Write ``files`` ({name in the archive: path}) and the manifest to ``target``,
    atomically (a partial file is never left under the target's name)."""
    target = Path(target)
    body = json.dumps(manifest, indent=2, sort_keys=True).encode()
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".coalesce-backup-") as work:
        tar_path = Path(work) / "backup.tar"
        with tarfile.open(tar_path, "w") as archive:
            for name, data in (
                (MANIFEST, body),
                (MANIFEST_SUM, (hashlib.sha256(body).hexdigest() + "\n").encode()),
            ):
                info = tarfile.TarInfo(name)
                info.size, info.mode, info.mtime = len(data), 0o600, int(timezone.now().timestamp())
                archive.addfile(info, io.BytesIO(data))
            for name, path in files.items():
                archive.add(path, arcname=name, recursive=False)
        final = tar_path
        if passphrase:
            final = Path(work) / "backup.sealed"
            encrypt_file(tar_path, final, passphrase)
        os.chmod(final, 0o600)
        with open(final, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(final, target)


@dataclass
class Opened:
    manifest: dict
    folder: Path  # where the archive's files were extracted
    encrypted: bool
    files: dict = field(default_factory=dict)  # name -> path


@contextmanager
def open_archive(source: Path, passphrase: str | None, work_dir=None):
    """Check and unpack a backup into a temporary folder; refuse anything not intact."""
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"No backup at {source}.")
    with tempfile.TemporaryDirectory(dir=work_dir, prefix=".coalesce-restore-") as work:
        work = Path(work)
        tar_path = source
        encrypted = is_encrypted(source)
        if encrypted:
            if not passphrase:
                raise BackupError(
                    "This backup is encrypted: give its passphrase with --passphrase-file "
                    f"FILE or {PASSPHRASE_ENV}."
                )
            tar_path = work / "backup.tar"
            decrypt_file(source, tar_path, passphrase)
        folder = work / "files"
        folder.mkdir()
        files = extract(tar_path, folder)
        if encrypted:
            tar_path.unlink()
        manifest = check_manifest(files)
        yield Opened(manifest, folder, encrypted, files)


def extract(tar_path: Path, folder: Path) -> dict:
    allowed = {MANIFEST, MANIFEST_SUM, KEYS, *SNAPSHOTS.values()}
    files = {}
    # tarfile writes whole records: a shorter file lost at least its end-of-archive blocks.
    if tar_path.stat().st_size % tarfile.RECORDSIZE:
        raise BackupError("The backup is truncated: it does not end where an archive ends.")
    try:
        with tarfile.open(tar_path, "r:") as archive:
            for member in archive:
                if member.name not in allowed or not member.isfile():
                    raise BackupError(f"The backup holds an unexpected entry: {member.name!r}.")
                handle = archive.extractfile(member)
                path = folder / member.name
                with path.open("wb") as out:
                    shutil.copyfileobj(handle, out, CHUNK)
                if path.stat().st_size != member.size:
                    raise BackupError(f"The backup is truncated: {member.name} is incomplete.")
                files[member.name] = path
    except (tarfile.TarError, EOFError, OSError) as error:
        raise BackupError(f"The backup is damaged or truncated ({error}).") from error
    for name in (MANIFEST, MANIFEST_SUM):
        if name not in files:
            raise BackupError(f"The backup is incomplete: it has no {name}.")
    return files


def check_manifest(files: dict) -> dict:
    body = files[MANIFEST].read_bytes()
    expected = files[MANIFEST_SUM].read_text().strip()
    if hashlib.sha256(body).hexdigest() != expected:
        raise BackupError("The backup's manifest was altered (its SHA-256 does not match).")
    try:
        manifest = json.loads(body)
    except ValueError as error:
        raise BackupError("The backup's manifest is not valid JSON.") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    if manifest.get("coalesce_version") != __version__:
        raise BackupError(
            f"This backup was made by Coalesce {manifest.get('coalesce_version')}; this is "
            f"Coalesce {__version__}. Restore it with version "
            f"{manifest.get('coalesce_version')}, then upgrade."
        )
    snapshot = manifest.get("snapshot", {})
    name = snapshot.get("file")
    if name not in files:
        raise BackupError("The backup is incomplete: it has no database snapshot.")
    if sha256_file(files[name]) != snapshot.get("sha256"):
        raise BackupError(
            "The database snapshot was altered or damaged: its SHA-256 does not match the manifest."
        )
    keys = manifest.get("keys")
    if keys:
        if KEYS not in files or sha256_file(files[KEYS]) != keys.get("sha256"):
            raise BackupError("The backup's encryption keys are missing or were altered.")
    elif KEYS in files:
        raise BackupError("The backup holds keys its manifest does not declare; refused.")
    return manifest


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

"""The backup archive: a tar of the snapshot, the keys and a checked manifest, optionally
sealed with a passphrase (AES-GCM in chunks, the key derived with scrypt)."""

import hashlib
import io
import json
import os
import shutil
import struct
import tarfile
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from django.utils import timezone

from coalesce import __version__
from coalesce.core.backup.common import (
    CHUNK,
    FORMAT,
    KEYS,
    MAGIC,
    MANIFEST,
    MANIFEST_SUM,
    NONCE_PREFIX_BYTES,
    PASSPHRASE_ENV,
    SALT_BYTES,
    SCRYPT_N,
    SCRYPT_P,
    SCRYPT_R,
    SNAPSHOTS,
    BackupError,
    sha256_file,
)

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

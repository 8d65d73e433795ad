"""Encryption at rest for sensitive fields, with keys kept outside the database.

Keys come from COALESCE_ENCRYPTION_KEYS (comma-separated, newest first) or from the
key file in the data folder. Values are encrypted with the newest key and decrypted
with any, so keys can be rotated: add a key, re-encrypt (``coalesce rotate-keys``),
then retire the old one.

Encrypted values are random, so SQL cannot compare them: exact lookups go through a
*blind index* instead (``BlindIndexField``), an HMAC of the normalised value and its scope
(the coalition) under a key derived from each Fernet key. Rotating keys recomputes it.
"""

import base64
import hashlib
import hmac
import unicodedata
from functools import lru_cache
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import FieldError
from django.db import models
from django.db.models.lookups import Exact

from coalesce.core.bootstrap import read_or_create_secret


def key_file_keys() -> list[str]:
    text = read_or_create_secret(
        settings.COALESCE_KEY_FILE, factory=lambda: Fernet.generate_key().decode()
    )
    return [line.strip() for line in text.splitlines() if line.strip()]


def configured_keys() -> list[str]:
    return list(settings.COALESCE_ENCRYPTION_KEYS) or key_file_keys()


def existing_keys() -> list[str]:
    """The keys this installation uses, without creating a key file when there is none
    (a restored installation without its keys must be told so, not given new ones)."""
    if settings.COALESCE_ENCRYPTION_KEYS:
        return list(settings.COALESCE_ENCRYPTION_KEYS)
    try:
        text = Path(settings.COALESCE_KEY_FILE).read_text()
    except FileNotFoundError:
        return []
    return [line.strip() for line in text.splitlines() if line.strip()]


def keys_location() -> str:
    if settings.COALESCE_ENCRYPTION_KEYS:
        return "the COALESCE_ENCRYPTION_KEYS environment variable"
    return str(settings.COALESCE_KEY_FILE)


@lru_cache(maxsize=1)
def keyring() -> MultiFernet:
    return MultiFernet([Fernet(key.encode()) for key in configured_keys()])


def reset_keyring() -> None:
    keyring.cache_clear()
    index_keys.cache_clear()
    _decrypt_short.cache_clear()


def encrypt(plaintext: str) -> str:
    return keyring().encrypt(plaintext.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return keyring().decrypt(token.encode()).decode()
    except InvalidToken as error:
        raise ValueError(
            "A protected value cannot be decrypted with the configured keys."
        ) from error


# Searching a directory decrypts every name of the coalition (about 20 µs each): short
# values (names, contacts) are remembered, so a second search costs little. The process
# holds the keys anyway; a key change clears this (reset_keyring).
SHORT_TOKEN = 400


@lru_cache(maxsize=8192)
def _decrypt_short(token: str) -> str:
    return decrypt(token)


def decrypt_stored(token: str) -> str:
    return _decrypt_short(token) if len(token) <= SHORT_TOKEN else decrypt(token)


def rotate(token: str) -> str:
    return keyring().rotate(token.encode()).decode()


# --- blind index ------------------------------------------------------------------------


def normalise(value: str) -> str:
    """What counts as the same name: Unicode-normalised, case-folded, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", value or "").casefold().split())


def derive_key(fernet_key: str, label: bytes) -> bytes:
    """A 32-byte key for one purpose (``label``), derived from a Fernet key with HKDF, so
    that it never uses, or reveals anything about, the key that encrypts."""
    raw = base64.urlsafe_b64decode(fernet_key.encode())
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=label).derive(raw)


@lru_cache(maxsize=1)
def index_keys() -> tuple[bytes, ...]:
    """One HMAC key per Fernet key, newest first."""
    return tuple(derive_key(key, b"coalesce blind index v1") for key in configured_keys())


def _index(key: bytes, value: str, scope) -> str:
    message = f"{scope}\x1f{normalise(value)}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def blind_index(value: str, scope="") -> str:
    """The index of ``value`` within ``scope`` (a coalition's id: the same name in two
    coalitions gets two unrelated indexes, so rows cannot be linked across coalitions)
    under the newest key; "" for an empty value."""
    if not normalise(value):
        return ""
    return _index(index_keys()[0], value, scope)


def blind_indexes(value: str, scope="") -> list[str]:
    """The index of ``value`` under every configured key: what a lookup matches, so that
    rows not yet re-indexed after a new key was added are still found."""
    if not normalise(value):
        return [""]
    return [_index(key, value, scope) for key in index_keys()]


def add_key_to_file() -> str:
    """Put a new key first in the key file; older keys stay so old values still decrypt."""
    new_key = Fernet.generate_key().decode()
    path = settings.COALESCE_KEY_FILE
    keys = [new_key, *key_file_keys()]
    path.write_text("\n".join(keys) + "\n")
    reset_keyring()
    return new_key


def retire_old_keys() -> None:
    path = settings.COALESCE_KEY_FILE
    path.write_text(key_file_keys()[0] + "\n")
    reset_keyring()


class EncryptedTextField(models.TextField):
    """A text field stored encrypted; the empty string is stored as empty.

    SQL can only tell whether it is empty: comparing, searching or ordering by it would
    silently give wrong answers (every value is encrypted differently), so lookups other
    than ``=""`` and ``isnull`` raise FieldError. Use a ``BlindIndexField`` for exact
    matches; search and sort in Python after reading."""

    def get_lookup(self, lookup_name):
        if lookup_name not in ("exact", "isnull"):
            raise FieldError(_encrypted_lookup_error(self, lookup_name))
        return super().get_lookup(lookup_name)

    def get_transform(self, lookup_name):
        raise FieldError(_encrypted_lookup_error(self, lookup_name))

    def from_db_value(self, value, expression, connection):
        if not value:
            return value
        return decrypt_stored(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if not value:
            return value
        return encrypt(value)


def _encrypted_lookup_error(field, lookup_name) -> str:
    return (
        f"{field.model.__name__}.{field.name} is encrypted: SQL cannot compare it "
        f"({lookup_name!r}). Match its blind index, or filter in Python after reading."
    )


@EncryptedTextField.register_lookup
class EncryptedExact(Exact):
    """``field=""`` (is it empty?) is the one comparison an encrypted field allows."""

    def get_prep_lookup(self):
        if self.rhs != "":
            raise FieldError(_encrypted_lookup_error(self.lhs.output_field, "exact"))
        return super().get_prep_lookup()


class BlindIndexField(models.CharField):
    """The blind index of another field of the model (``source``) within the value of
    its ``scope`` field (a foreign key), set on every save and bulk create. Match it with
    ``field__in=blind_indexes(value, scope_id)``."""

    def __init__(self, *args, source: str, scope: str, **kwargs):
        self.source = source
        self.scope = scope
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        kwargs["scope"] = self.scope
        for key, value in (("max_length", 64), ("editable", False), ("blank", True)):
            if kwargs.get(key) == value:
                del kwargs[key]
        if kwargs.get("default") == "":
            del kwargs["default"]
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        value = self.index_of(model_instance)
        setattr(model_instance, self.attname, value)
        return value

    @property
    def scope_attname(self) -> str:
        return self.model._meta.get_field(self.scope).attname

    def index_of(self, instance) -> str:
        return blind_index(getattr(instance, self.source), getattr(instance, self.scope_attname))


def blind_index_fields(model) -> list[BlindIndexField]:
    return [f for f in model._meta.fields if isinstance(f, BlindIndexField)]


# --- migrations: encrypting columns that held plain text --------------------------------


def _plain(value: str) -> str:
    """``value`` as plain text, whether it is stored encrypted already or not."""
    try:
        return decrypt(value)
    except ValueError:
        return value


def encrypt_rows(connection, table, columns, indexes=None, scope=None, unique=False) -> None:
    """Encrypt the plain-text ``columns`` of every row of ``table`` (values encrypted
    already are kept) and fill the blind-index columns ``indexes`` ({index: source})
    within the ``scope`` column. With ``unique``, a name that becomes a duplicate in its
    scope only once names are normalised gets its row id appended, so the unique
    constraint can follow."""
    indexes = indexes or {}
    q = connection.ops.quote_name
    group = [scope] if scope else []
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, {', '.join(map(q, [*group, *columns]))} FROM {q(table)}")
        rows = cursor.fetchall()
        seen, updates = set(), []
        for pk, *values in sorted(rows):
            scope = values[: len(group)]
            plain = dict(
                zip(columns, (_plain(v) if v else v for v in values[len(group) :]), strict=True)
            )
            for index, source in indexes.items():
                key = (*scope, index, normalise(plain[source] or ""))
                if unique and key in seen:
                    plain[source] = f"{plain[source]} ({pk})"
                seen.add((*scope, index, normalise(plain[source] or "")))
            encrypted = [encrypt(plain[c]) if plain[c] else plain[c] for c in columns]
            index_values = [
                blind_index(plain[source] or "", scope[0] if scope else "")
                for source in indexes.values()
            ]
            updates.append([*encrypted, *index_values, pk])
        sets = ", ".join(f"{q(c)} = %s" for c in [*columns, *indexes])
        cursor.executemany(f"UPDATE {q(table)} SET {sets} WHERE id = %s", updates)


def decrypt_rows(connection, table, columns) -> None:
    """Undo ``encrypt_rows``: plain text again (blind indexes are left to be dropped)."""
    q = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, {', '.join(map(q, columns))} FROM {q(table)}")
        updates = [
            [*(_plain(v) if v else v for v in values), pk] for pk, *values in cursor.fetchall()
        ]
        sets = ", ".join(f"{q(c)} = %s" for c in columns)
        cursor.executemany(f"UPDATE {q(table)} SET {sets} WHERE id = %s", updates)

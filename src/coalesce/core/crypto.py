"""Encryption at rest for sensitive fields, with keys kept outside the database.

Keys come from COALESCE_ENCRYPTION_KEYS (comma-separated, newest first) or from the
key file in the data folder. Values are encrypted with the newest key and decrypted
with any, so keys can be rotated: add a key, re-encrypt (``coalesce rotate-keys``),
then retire the old one.
"""

from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models

from coalesce.core.bootstrap import read_or_create_secret


def key_file_keys() -> list[str]:
    text = read_or_create_secret(
        settings.COALESCE_KEY_FILE, factory=lambda: Fernet.generate_key().decode()
    )
    return [line.strip() for line in text.splitlines() if line.strip()]


def configured_keys() -> list[str]:
    return list(settings.COALESCE_ENCRYPTION_KEYS) or key_file_keys()


@lru_cache(maxsize=1)
def keyring() -> MultiFernet:
    return MultiFernet([Fernet(key.encode()) for key in configured_keys()])


def reset_keyring() -> None:
    keyring.cache_clear()


def encrypt(plaintext: str) -> str:
    return keyring().encrypt(plaintext.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return keyring().decrypt(token.encode()).decode()
    except InvalidToken as error:
        raise ValueError(
            "A protected value cannot be decrypted with the configured keys."
        ) from error


def rotate(token: str) -> str:
    return keyring().rotate(token.encode()).decode()


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
    """A text field stored encrypted; the empty string is stored as empty."""

    def from_db_value(self, value, expression, connection):
        if not value:
            return value
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if not value:
            return value
        return encrypt(value)

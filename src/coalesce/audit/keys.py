"""The audit chain's keys, derived from the encryption keyring so they live outside the
database and are rotated with it.

Each Fernet key gives one chain key: HKDF-SHA256 of the key's bytes with the label
``coalesce audit chain``. An event stores the id of the key it was hashed with (the first
16 hex digits of the SHA-256 of the derived key), so verification finds the right key
among the configured ones.
"""

import hashlib
from functools import lru_cache

from coalesce.core import crypto

LABEL = b"coalesce audit chain"


@lru_cache(maxsize=32)
def derive(fernet_key: str) -> tuple[str, bytes]:
    """(key id, chain key) of one Fernet key."""
    key = crypto.derive_key(fernet_key, LABEL)
    return hashlib.sha256(key).hexdigest()[:16], key


_last_read: list[str] = []


def signing_key() -> tuple[str, bytes]:
    """The newest key, for new events. The keys are read on each append (not cached with
    the encryption keyring), so a running server appends with the newest key as soon as
    ``rotate_keys`` has added it, and never with one it has retired."""
    configured = crypto.configured_keys()
    if configured:
        _last_read[:] = configured[:1]
    else:  # read while ``rotate_keys`` rewrote the key file
        configured = _last_read
    return derive(configured[0])


def verifying_keys() -> dict[str, bytes]:
    """{key id: chain key} for every configured key, newest first. Unlike the encryption
    keyring it never creates a key file (``crypto.existing_keys``)."""
    ring = {}
    for key in crypto.existing_keys():
        try:
            key_id, derived = derive(key)
        except ValueError:  # not base64: the encryption keyring refuses it too
            continue
        ring.setdefault(key_id, derived)
    return ring

"""Encryption at rest for sensitive personal data (PIPL: ID numbers are sensitive).

Values are encrypted with Fernet (AES-128-CBC + HMAC-SHA256). FIELD_ENCRYPTION_KEYS
is a comma-separated list; the first key encrypts, all keys decrypt, which allows
rotation. Lookups use a keyed HMAC "blind index" so that the plain value is never
stored or compared in SQL.

Without configured keys (the embedded demo), a key is derived from SECRET_KEY so the
demo works out of the box; production settings refuse to start without real keys.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings


def _derive(material: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(material)


@functools.cache
def _fernet() -> MultiFernet:
    keys = list(settings.FIELD_ENCRYPTION_KEYS)
    if not keys:
        derived = _derive(settings.SECRET_KEY.encode(), b"ywtb-field-encryption")
        keys = [base64.urlsafe_b64encode(derived).decode()]
    return MultiFernet([Fernet(key) for key in keys])


@functools.cache
def _index_key() -> bytes:
    keys = list(settings.FIELD_ENCRYPTION_KEYS)
    material = keys[0].encode() if keys else settings.SECRET_KEY.encode()
    return _derive(material, b"ywtb-blind-index")


def encrypt(value: str) -> str:
    return _fernet().encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise ValueError("encrypted value cannot be decrypted with the configured keys") from exc


def blind_index(value: str) -> str:
    """Deterministic keyed digest used for equality lookups and uniqueness."""
    return hmac.new(_index_key(), value.encode(), hashlib.sha256).hexdigest()


def reset_key_cache() -> None:
    _fernet.cache_clear()
    _index_key.cache_clear()

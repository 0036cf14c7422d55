"""Encryption of personal data at rest, and keyed hashes to find it again.

Values are encrypted with Fernet (AES-128-CBC + HMAC-SHA256, from `cryptography`) under
settings.FIELD_ENCRYPTION_KEYS: the first key encrypts, any key decrypts, so keys rotate
without downtime. A ciphertext is random each time, so equality lookups use a blind
index instead: HMAC-SHA256 of the normalized value under settings.BLIND_INDEX_KEY.
"""

import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS is empty.")
    return MultiFernet([Fernet(key.encode()) for key in keys])


def encrypt(plaintext: str) -> str:
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS)).encrypt(plaintext.encode()).decode()


def decrypt(token: str) -> str:
    """Raises InvalidToken when no configured key opens it (wrong key or tampered data)."""
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS)).decrypt(token.encode()).decode()


def blind_index(plaintext: str) -> str:
    key = settings.BLIND_INDEX_KEY.encode()
    return hmac.new(key, plaintext.encode(), hashlib.sha256).hexdigest()


__all__ = ["InvalidToken", "blind_index", "decrypt", "encrypt"]

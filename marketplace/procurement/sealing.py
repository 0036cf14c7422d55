"""Sealed bids: what a bid says cannot be read by anyone until the opening time.

When a project is published for tender it gets its own RSA-3072 key pair. A bid is
encrypted on submission with a fresh AES-256-GCM key, and that key is wrapped with the
project's public key (RSA-OAEP, SHA-256). The project's private key is kept only
encrypted under the platform's field keys, bound to the project, and `private_key_for`
is the one function that decrypts it: it refuses before the opening time. So until
opening, the database, exports, the search index and every admin screen hold nothing
but ciphertext — for every role, platform admins included.
"""

import base64
import json
import os
from datetime import datetime

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.utils import timezone

from marketplace.core.crypto import decrypt, encrypt

OAEP = padding.OAEP(
    mgf=padding.MGF1(algorithm=hashes.SHA256()), algorithm=hashes.SHA256(), label=None
)


class StillSealed(Exception):
    """Raised when anything tries to open a bid before the opening time."""


def new_key_pair(project_id: int) -> tuple[str, str]:
    """(public key PEM, the private key PEM encrypted and bound to this project)."""
    private = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    public_pem = (
        private.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    private_pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    return public_pem, encrypt(json.dumps({"project": project_id, "key": private_pem}))


def private_key_for(
    *, project_id: int, sealed_private_key: str, opening_at: datetime, now: datetime | None = None
):
    """The project's private key — only at or after the opening time."""
    if (now or timezone.now()) < opening_at:
        raise StillSealed(project_id)
    stored = json.loads(decrypt(sealed_private_key))
    if stored["project"] != project_id:
        raise StillSealed(project_id)  # a key copied from another project
    return serialization.load_pem_private_key(stored["key"].encode(), password=None)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def seal(public_pem: str, payload: dict, files: list[bytes]) -> tuple[str, str, list[str]]:
    """Encrypt a bid: (wrapped data key, sealed payload, sealed files), all base64."""
    data_key = AESGCM.generate_key(bit_length=256)
    aes = AESGCM(data_key)

    def box(plain: bytes) -> str:
        nonce = os.urandom(12)
        return _b64(nonce + aes.encrypt(nonce, plain, None))

    public = serialization.load_pem_public_key(public_pem.encode())
    wrapped = _b64(public.encrypt(data_key, OAEP))
    payload_box = box(json.dumps(payload, ensure_ascii=False).encode())
    return wrapped, payload_box, [box(content) for content in files]


def unseal(private_key, wrapped_key: str, sealed: str) -> bytes:
    data_key = private_key.decrypt(base64.b64decode(wrapped_key), OAEP)
    raw = base64.b64decode(sealed)
    return AESGCM(data_key).decrypt(raw[:12], raw[12:], None)


def unseal_payload(private_key, wrapped_key: str, sealed: str) -> dict:
    return json.loads(unseal(private_key, wrapped_key, sealed))

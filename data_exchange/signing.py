"""Signing schemes for department responses, and the canonical JSON form they sign.

Pure Python + `cryptography` (no Django), so the department simulator and the portal share
exactly one definition. Schemes are a registry keyed by algorithm name: SM2/SM3 (商用密码)
can be added with another `@register_scheme("SM2-SM3")` class without touching callers.
"""

from __future__ import annotations

import base64
import hashlib
from abc import ABC, abstractmethod
from typing import Any

import rfc8785
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat


def canonical_json(value: Any) -> bytes:
    """The JSON Canonicalization Scheme (RFC 8785) of ``value``: the bytes that are signed.

    Keys sorted by UTF-16 code units, no insignificant whitespace, strings escaped as
    ECMAScript's JSON.stringify does, numbers in ECMAScript's shortest form, UTF-8.
    docs/verification.md tells an outside party how to check a signature with these rules.
    """
    return rfc8785.dumps(value)


def request_hash(request: dict) -> str:
    return hashlib.sha256(canonical_json(request)).hexdigest()


class SigningScheme(ABC):
    """One signature algorithm. Subclasses register with @register_scheme(name)."""

    name: str = ""

    @abstractmethod
    def private_key_from_seed(self, seed: bytes): ...

    @abstractmethod
    def public_key_b64(self, private_key) -> str: ...

    @abstractmethod
    def sign(self, private_key, data: bytes) -> str: ...

    @abstractmethod
    def verify(self, public_key_b64: str, data: bytes, signature_b64: str) -> bool: ...


SCHEMES: dict[str, SigningScheme] = {}


def register_scheme(name: str):
    def decorator(cls):
        instance = cls()
        instance.name = name
        SCHEMES[name] = instance
        return cls

    return decorator


def get_scheme(name: str) -> SigningScheme | None:
    return SCHEMES.get(name)


@register_scheme("Ed25519")
class Ed25519Scheme(SigningScheme):
    def private_key_from_seed(self, seed: bytes) -> Ed25519PrivateKey:
        return Ed25519PrivateKey.from_private_bytes(hashlib.sha256(seed).digest())

    def public_key_b64(self, private_key: Ed25519PrivateKey) -> str:
        raw = private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        return base64.b64encode(raw).decode()

    def sign(self, private_key: Ed25519PrivateKey, data: bytes) -> str:
        return base64.b64encode(private_key.sign(data)).decode()

    def verify(self, public_key_b64: str, data: bytes, signature_b64: str) -> bool:
        try:
            key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key_b64))
            key.verify(base64.b64decode(signature_b64), data)
        except (InvalidSignature, ValueError):
            return False
        return True


def sign_envelope(*, payload: dict, scheme: str, private_key, key_id: str) -> dict:
    impl = SCHEMES[scheme]
    return {
        "payload": payload,
        "signature": {
            "alg": scheme,
            "key_id": key_id,
            "value": impl.sign(private_key, canonical_json(payload)),
        },
    }


# Demo department keys are derived from a seed so that the simulator and the portal's key
# registry agree without sharing files. Production keys are registered by operators instead.
DEMO_KEY_GENERATIONS = {
    # suffix: (valid_from, valid_until) — "current" is the live key, "2023" expired.
    "2026": ("2026-01-01T00:00:00+08:00", "2027-12-31T23:59:59+08:00"),
    "2023": ("2023-01-01T00:00:00+08:00", "2024-12-31T23:59:59+08:00"),
}


def demo_key_id(department: str, generation: str) -> str:
    return f"{department}-{generation}"


def demo_private_key(*, seed: str, department: str, generation: str, scheme: str = "Ed25519"):
    material = f"{seed}|{department}|{generation}".encode()
    return SCHEMES[scheme].private_key_from_seed(material)


def demo_public_key_b64(*, seed: str, department: str, generation: str) -> str:
    scheme = SCHEMES["Ed25519"]
    return scheme.public_key_b64(
        demo_private_key(seed=seed, department=department, generation=generation)
    )

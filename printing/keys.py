"""A small demo CA and one signing certificate per department, kept in private storage.

``printing_setup`` (run by ``make demo``) makes them; :func:`department_signer` also makes the
missing ones on first use, so a fresh test database signs too. Keys never leave
``PRINTING_SIGNING_DIR`` (default ``PRIVATE_MEDIA_ROOT/signing``, never committed).
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.conf import settings

CA_NAME = "一网通办演示电子印章根证书"
_SAFE = re.compile(r"[^A-Za-z0-9_-]")


def signing_dir() -> Path:
    configured = getattr(settings, "PRINTING_SIGNING_DIR", "")
    return Path(configured) if configured else Path(settings.PRIVATE_MEDIA_ROOT) / "signing"


@dataclass(frozen=True)
class KeyPair:
    key_pem: bytes
    cert_pem: bytes


def _write_private(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(tmp, path)


def _pem_key(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _name(common: str, organisation: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.COMMON_NAME, common),
        ]
    )


def _load(stem: str) -> KeyPair | None:
    key, cert = signing_dir() / f"{stem}.key.pem", signing_dir() / f"{stem}.cert.pem"
    if key.is_file() and cert.is_file():
        return KeyPair(key_pem=key.read_bytes(), cert_pem=cert.read_bytes())
    return None


@contextmanager
def _creating():
    """One creator at a time across processes (web, worker, demo loader): without it two
    processes starting on an empty directory each made a CA, and a department certificate could
    end up issued by a CA that the stored ca.cert.pem no longer is."""
    directory = signing_dir()
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / ".create.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _store(stem: str, key: ec.EllipticCurvePrivateKey, cert: x509.Certificate) -> KeyPair:
    pair = KeyPair(key_pem=_pem_key(key), cert_pem=cert.public_bytes(serialization.Encoding.PEM))
    _write_private(signing_dir() / f"{stem}.key.pem", pair.key_pem)
    _write_private(signing_dir() / f"{stem}.cert.pem", pair.cert_pem)
    return pair


def ca_ensure() -> KeyPair:
    existing = _load("ca")
    if existing is not None:
        return existing
    with _creating():
        return _load("ca") or _ca_create()


def _ca_create() -> KeyPair:
    key = ec.generate_private_key(ec.SECP256R1())
    name = _name(CA_NAME, settings.PORTAL_NAME)
    now = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return _store("ca", key, cert)


def department_ensure(*, code: str, name: str, uscc: str = "") -> KeyPair:
    """The department's signing key and certificate (CN = its name), issued by the demo CA."""
    stem = "dept-" + _SAFE.sub("_", code)
    existing = _load(stem)
    if existing is not None:
        return existing
    ca = ca_ensure()
    with _creating():
        return _load(stem) or _department_create(stem=stem, name=name, uscc=uscc, ca=ca)


def _department_create(*, stem: str, name: str, uscc: str, ca: KeyPair) -> KeyPair:
    ca_key = serialization.load_pem_private_key(ca.key_pem, password=None)
    ca_cert = x509.load_pem_x509_certificate(ca.cert_pem)
    key = ec.generate_private_key(ec.SECP256R1())
    attributes = list(_name(name, name))
    if uscc:
        attributes.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, uscc))
    now = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name(attributes))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=1825))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False),
            critical=True,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_cert.public_key()),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    return _store(stem, key, cert)

"""PDF digital signatures (PAdES, pyHanko) with the department's certificate from the demo CA.

:func:`pdf_sign` signs a rendered PDF as the department; :func:`pdf_signature_report` is what
any standard validator would say: intact or not, trusted by the demo CA or not, and who signed.
"""

from __future__ import annotations

import asyncio
import io
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache

from asn1crypto import keys as asn1_keys
from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

from printing.keys import KeyPair, ca_ensure, department_ensure


def _der(data: bytes) -> bytes:
    return pem.unarmor(data)[2] if pem.detect(data) else data


def _certificate(pair: KeyPair) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(_der(pair.cert_pem))


@lru_cache(maxsize=64)
def _signer(code: str, name: str, uscc: str) -> signers.SimpleSigner:
    pair = department_ensure(code=code, name=name, uscc=uscc)
    ca = ca_ensure()
    return signers.SimpleSigner(
        signing_cert=_certificate(pair),
        signing_key=asn1_keys.PrivateKeyInfo.load(_der(pair.key_pem)),
        cert_registry=SimpleCertificateStore.from_certs([_certificate(ca)]),
    )


def pdf_sign(*, pdf: bytes, code: str, name: str, uscc: str = "", reason: str = "") -> bytes:
    """``pdf`` signed by the department ``code`` (its certificate's CN is ``name``)."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    meta = signers.PdfSignatureMetadata(
        field_name="DepartmentSignature", reason=reason or "电子文书签发", name=name
    )
    out = signers.sign_pdf(writer, meta, signer=_signer(code, name, uscc))
    return out.getvalue()


@dataclass(frozen=True)
class SignatureReport:
    signed: bool
    intact: bool
    trusted: bool
    signer: str

    @property
    def ok(self) -> bool:
        return self.signed and self.intact and self.trusted


def pdf_signature_report(pdf: bytes, *, trust_root_pem: bytes = b"") -> SignatureReport:
    """Validate the PDF's last signature against the demo CA (or ``trust_root_pem``); a broken
    file reports not intact.

    pyHanko validates through ``asyncio.run``, which cannot start inside a running event loop
    (an async view, a Playwright-driven test): there it runs in a thread of its own, instead of
    failing and reporting a sound file as broken."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return _report(pdf, trust_root_pem)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_report, pdf, trust_root_pem).result()


def _report(pdf: bytes, trust_root_pem: bytes) -> SignatureReport:
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        embedded = reader.embedded_signatures
    except Exception:
        return SignatureReport(signed=False, intact=False, trusted=False, signer="")
    if not embedded:
        return SignatureReport(signed=False, intact=False, trusted=False, signer="")
    root = asn1_x509.Certificate.load(_der(trust_root_pem)) if trust_root_pem else None
    context = ValidationContext(trust_roots=[root or _certificate(ca_ensure())])
    try:
        status = validate_pdf_signature(embedded[-1], context)
    except Exception:
        return SignatureReport(signed=True, intact=False, trusted=False, signer="")
    signer = status.signing_cert.subject.native.get("common_name", "")
    return SignatureReport(
        signed=True,
        intact=bool(status.intact and status.valid),
        trusted=bool(status.trusted),
        signer=str(signer),
    )

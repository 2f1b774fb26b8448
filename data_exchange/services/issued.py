"""Certificates the portal itself issues enter the holder's 我的电子证照 (GB/T 36903 metadata).

The stored "signed document" of such a licence is a reference to the signed PDF (its
verification code, SHA-256 and public verification URL); re-checking it asks the issuer's own
document register, where a revoked certificate reads as revoked.

data_exchange sits below the app that issues (applications) and knows none of its models: the
issuer hands over plain values (`IssuedCertificate`, `licence_from_certificate`) and registers,
from its AppConfig.ready(), the look-up of its register (`data_exchange.hooks.issued_register_set`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import crypto
from accounts.models import Department, Organisation, User
from data_exchange import hooks
from data_exchange.models import Licence

ISSUED_PREFIX = "issued."
HOLDER_PERSON, HOLDER_ORGANISATION = "111", "001"


@dataclass(frozen=True)
class IssuedCertificate:
    """What the issuing app says about one certificate it printed and signed."""

    department: Department
    service_code: str
    number: str  # 办件编号
    name: str  # the result's name, e.g. 《营业执照》
    issued_at: dt.datetime
    owner: User | None  # the citizen holder, or None for an organisation's
    organisation: Organisation | None
    holder_name: str
    holder_code: str  # 身份证号 or 统一社会信用代码
    fallback_key: str  # when the holder has no code: the case's uuid
    verification_code: str
    sha256: str
    verify_url: str


def type_code(*, issuer_uscc: str, service_code: str) -> str:
    """Issuer's 统一社会信用代码 + a 3-digit sequence fixed per service."""
    sequence = int(hashlib.sha256(service_code.encode()).hexdigest(), 16) % 999 + 1
    return f"{issuer_uscc}{sequence:03d}"


def licence_from_certificate(*, certificate: IssuedCertificate) -> Licence:
    """Put an issued certificate into the holder's wallet; running it twice changes nothing."""
    c = certificate
    code = type_code(issuer_uscc=c.department.uscc, service_code=c.service_code)
    issued = timezone.localtime(c.issued_at).date()
    signed = {
        "verification_code": c.verification_code,
        "sha256": c.sha256,
        "verify_url": c.verify_url,
    }
    licence, _created = Licence.objects.update_or_create(
        holder_digest=crypto.blind_index(c.holder_code or c.fallback_key),
        identifier=f"{code}.{c.number}",
        defaults={
            "owner": c.owner,
            "organisation": c.organisation,
            "evidence_type": f"{ISSUED_PREFIX}{c.service_code}"[:60],
            "name": c.name[:100],
            "type_code": code,
            "number": c.number,
            "issuer_name": c.department.name,
            "issuer_code": c.department.uscc,
            "issue_date": issued,
            "valid_from": issued,
            "valid_until": None,
            "holder_name": c.holder_name,
            "holder_code": c.holder_code,
            "holder_code_type": HOLDER_ORGANISATION if c.organisation else HOLDER_PERSON,
            "key_id": f"printing:{c.department.code}",
            "signed_document": json.dumps(signed, ensure_ascii=False),
            "fetched_at": timezone.now(),
        },
    )
    return licence


def issued_licence_check(licence: Licence) -> tuple[bool, str]:
    """The PDF behind the licence is still registered, unchanged and not revoked."""
    try:
        signed = json.loads(licence.signed_document)
        code, digest = signed["verification_code"], signed["sha256"]
    except (ValueError, KeyError, TypeError):
        return False, _("证照签名数据缺失")
    entry = hooks.issued_register_entry(code)
    if entry is None:
        return False, _("发证机关未登记该证照")
    current, revoked = entry
    if revoked:
        return False, _("发证机关已注销该证照")
    if current != digest:
        # Re-rendered with other fonts: same code, the register holds the current digest.
        signed["sha256"] = current
        licence.signed_document = json.dumps(signed, ensure_ascii=False)
        licence.save(update_fields=["signed_document"])
    return True, _("电子签名有效，发证机关确认证照有效")

"""Certificates the portal itself issues enter the holder's 我的电子证照 (GB/T 36903 metadata).

The stored "signed document" of such a licence is a reference to the signed PDF (its
verification code, SHA-256 and public verification URL); re-checking it asks the portal's own
document register, where a revoked certificate reads as revoked.
"""

from __future__ import annotations

import hashlib
import json

from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import crypto
from data_exchange.models import Licence

ISSUED_PREFIX = "issued."
HOLDER_PERSON, HOLDER_ORGANISATION = "111", "001"


def type_code(*, issuer_uscc: str, service_code: str) -> str:
    """Issuer's 统一社会信用代码 + a 3-digit sequence fixed per service."""
    sequence = int(hashlib.sha256(service_code.encode()).hexdigest(), 16) % 999 + 1
    return f"{issuer_uscc}{sequence:03d}"


def licence_from_document(*, document_id: int) -> Licence | None:
    """Put an issued certificate into the holder's wallet; running it twice changes nothing."""
    from applications.documents import result_name, verify_url
    from applications.models import Document

    document = (
        Document.objects.select_related(
            "application__department", "application__organisation", "application__service"
        )
        .filter(pk=document_id, doc_type="certificate")
        .first()
    )
    if document is None or document.application.applicant_id is None:
        return None
    app = document.application
    department = app.department
    if app.organisation_id:
        holder_name, holder_code = app.organisation.name, app.organisation.uscc
        code_type = HOLDER_ORGANISATION
    else:
        holder_name, holder_code = app.applicant_name, app.applicant_id_number
        code_type = HOLDER_PERSON
    code = type_code(issuer_uscc=department.uscc, service_code=app.service_code)
    issued = timezone.localtime(document.created_at).date()
    signed = {
        "verification_code": document.verification_code,
        "sha256": document.sha256,
        "verify_url": verify_url(document.verification_code),
    }
    licence, _created = Licence.objects.update_or_create(
        holder_digest=crypto.blind_index(holder_code or str(app.uuid)),
        identifier=f"{code}.{app.number}",
        defaults={
            "owner": None if app.organisation_id else app.applicant,
            "organisation": app.organisation if app.organisation_id else None,
            "evidence_type": f"{ISSUED_PREFIX}{app.service_code}"[:60],
            "name": result_name(app)[:100],
            "type_code": code,
            "number": app.number,
            "issuer_name": department.name,
            "issuer_code": department.uscc,
            "issue_date": issued,
            "valid_from": issued,
            "valid_until": None,
            "holder_name": holder_name,
            "holder_code": holder_code,
            "holder_code_type": code_type,
            "key_id": f"printing:{department.code}",
            "signed_document": json.dumps(signed, ensure_ascii=False),
            "fetched_at": timezone.now(),
        },
    )
    return licence


def issued_licence_check(licence: Licence) -> tuple[bool, str]:
    """The PDF behind the licence is still registered, unchanged and not revoked."""
    from applications.models import Document

    try:
        signed = json.loads(licence.signed_document)
        code, digest = signed["verification_code"], signed["sha256"]
    except (ValueError, KeyError, TypeError):
        return False, _("证照签名数据缺失")
    document = Document.objects.filter(verification_code=code).first()
    if document is None:
        return False, _("发证机关未登记该证照")
    if document.revoked:
        return False, _("发证机关已注销该证照")
    if document.sha256 != digest:
        # Re-rendered with other fonts: same code, the register holds the current digest.
        signed["sha256"] = document.sha256
        licence.signed_document = json.dumps(signed, ensure_ascii=False)
        licence.save(update_fields=["signed_document"])
    return True, _("电子签名有效，发证机关确认证照有效")

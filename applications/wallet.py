"""The certificates this app issues, as the wallet (data_exchange) needs them.

data_exchange sits on a lower floor and knows no Document: this module hands it the plain
values of an issued certificate, and answers its look-ups of the document register (registered
in ApplicationsConfig.ready()).
"""

from __future__ import annotations

from applications.documents import result_name, verify_url
from applications.models import Document
from data_exchange.models import Licence
from data_exchange.services.issued import IssuedCertificate, licence_from_certificate


def certificate_to_wallet(*, document_id: int) -> Licence | None:
    """The issued certificate enters the holder's 我的电子证照 (idempotent: update_or_create)."""
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
    if app.organisation_id:
        holder_name, holder_code = app.organisation.name, app.organisation.uscc
    else:
        holder_name, holder_code = app.applicant_name, app.applicant_id_number
    return licence_from_certificate(
        certificate=IssuedCertificate(
            department=app.department,
            service_code=app.service_code,
            number=app.number,
            name=result_name(app),
            issued_at=document.created_at,
            owner=None if app.organisation_id else app.applicant,
            organisation=app.organisation if app.organisation_id else None,
            holder_name=holder_name,
            holder_code=holder_code,
            fallback_key=str(app.uuid),
            verification_code=document.verification_code,
            sha256=document.sha256,
            verify_url=verify_url(document.verification_code),
        )
    )


def document_register_entry(verification_code: str) -> tuple[str, bool] | None:
    """(current SHA-256, revoked) of the document with this code, or None if unknown."""
    document = Document.objects.filter(verification_code=verification_code).first()
    if document is None:
        return None
    return document.sha256, bool(document.revoked)

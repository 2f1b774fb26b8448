"""PDF documents of an application, rendered by WeasyPrint (only ever inside Celery tasks).

Each (application, document type) is produced exactly once: the verification code is derived
from the pair (so a re-run renders an identical file), the file is written atomically and the
Document row is protected by a unique constraint.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import io

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from applications import storage
from applications.constants import DocumentType, MaterialMode, Status
from applications.models import Application, Document

_CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def verification_code(*, application: Application, doc_type: str) -> str:
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"{application.uuid}:{doc_type}".encode(), hashlib.sha256
    ).digest()
    return "".join(_CODE_ALPHABET[b % len(_CODE_ALPHABET)] for b in digest[:12])


def qr_svg_data_uri(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=1)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def render_pdf(*, application: Application, doc_type: str, code: str) -> bytes:
    # Imported here, not at the top: WeasyPrint loads native libraries (Pango, cairo) that only
    # the worker rendering documents needs; every web process would pay for them at start.
    from weasyprint import HTML

    verify_url = f"{settings.APPLICATIONS_PUBLIC_BASE_URL.rstrip('/')}/verify/{code}/"
    context = {
        "app": application,
        "doc_type": doc_type,
        "title": DocumentType(doc_type).label,
        "code": code,
        "verify_url": verify_url,
        "qr": qr_svg_data_uri(verify_url) if doc_type == DocumentType.CERTIFICATE else "",
        "materials": list(application.materials.all()),
        "supplement": application.supplements.first(),
        "issued_at": timezone.localtime(),
        "portal_name": settings.PORTAL_NAME,
        "MaterialMode": MaterialMode,
    }
    html = render_to_string(f"applications/pdf/{doc_type}.html", context)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def document_produce(*, application_id: int, doc_type: str) -> Document:
    """Render and store the document unless it exists; safe to run twice or after a crash."""
    existing = Document.objects.filter(application_id=application_id, doc_type=doc_type).first()
    if existing is not None:
        return existing
    application = Application.objects.select_related("service", "department", "organisation").get(
        pk=application_id
    )
    code = verification_code(application=application, doc_type=doc_type)
    data = render_pdf(application=application, doc_type=doc_type, code=code)
    relative = f"documents/{application.uuid}/{doc_type}.pdf"
    storage.write_atomic(relative, data)
    try:
        with transaction.atomic():
            document = Document.objects.create(
                application=application,
                doc_type=doc_type,
                file_path=relative,
                size=len(data),
                sha256=storage.sha256(data),
                verification_code=code,
            )
    except IntegrityError:
        return Document.objects.get(application_id=application_id, doc_type=doc_type)
    return document


# Which document each state owes the applicant (for the reconciliation sweep).
DOCUMENTS_OWED: dict[str, list[str]] = {
    Status.SUBMITTED: [DocumentType.RECEIPT],
    Status.SUPPLEMENT: [DocumentType.RECEIPT, DocumentType.SUPPLEMENT],
    Status.ACCEPTED: [DocumentType.RECEIPT, DocumentType.ACCEPTANCE],
    Status.NOT_ACCEPTED: [DocumentType.NON_ACCEPTANCE],
    Status.APPROVED: [DocumentType.ACCEPTANCE, DocumentType.APPROVAL, DocumentType.CERTIFICATE],
    Status.REFUSED: [DocumentType.ACCEPTANCE, DocumentType.REFUSAL],
}

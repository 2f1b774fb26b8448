"""PDF documents of an application, printed by printing.services.pdf_render (in Celery tasks).

Each (application, document type) is produced exactly once: the verification code is derived
from the pair (so a re-run renders an identical text), the file is written atomically and the
Document row is protected by a unique constraint. Every document carries a QR code and its
verification code pointing at ``PORTAL_BASE_URL/verify/<code>/``, the department's seal and the
department's PDF signature. A render refused for missing CJK fonts raises CJKFontMissing and
stores nothing; ``render_fingerprint`` records the font set, so a later sweep re-renders
documents printed with another one.
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
from django.utils import timezone, translation

from applications import storage
from applications.constants import DocumentType, MaterialMode, Status
from applications.models import Application, Document
from printing.fonts import render_fingerprint
from printing.seal import seal_data_uri
from printing.services import pdf_render
from printing.signing import pdf_sign
from services_catalog.constants import ItemType

_CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def verification_code(*, application: Application, doc_type: str) -> str:
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"{application.uuid}:{doc_type}".encode(), hashlib.sha256
    ).digest()
    return "".join(_CODE_ALPHABET[b % len(_CODE_ALPHABET)] for b in digest[:12])


def verify_url(code: str) -> str:
    return f"{settings.PORTAL_BASE_URL.rstrip('/')}/verify/{code}/"


def qr_svg_data_uri(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=1)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def is_licensing(application: Application) -> bool:
    """准予/不予许可 wording belongs to 行政许可 items (item type 01) only."""
    service = application.service
    return service is not None and service.item_type == ItemType.LICENSING


def result_name(application: Application) -> str:
    service = application.service
    name = (service.result_name if service is not None else "") or ""
    return name.strip() or f"{application.service_name}办理结果"


def document_title(*, application: Application, doc_type: str) -> str:
    """The title printed on the document, from the service rather than a generic label."""
    if doc_type == DocumentType.CERTIFICATE:
        return result_name(application)
    if doc_type == DocumentType.APPROVAL:
        return "准予许可决定书" if is_licensing(application) else "准予办理决定书"
    if doc_type == DocumentType.REFUSAL:
        return "不予许可决定书" if is_licensing(application) else "不予办理决定书"
    return str(DocumentType(doc_type).label)


def _context(*, application: Application, doc_type: str, code: str) -> dict:
    url = verify_url(code)
    department = application.department
    return {
        "app": application,
        "doc_type": doc_type,
        "title": document_title(application=application, doc_type=doc_type),
        "result_name": result_name(application),
        "licensing": is_licensing(application),
        "code": code,
        "verify_url": url,
        "qr": qr_svg_data_uri(url),
        "seal": seal_data_uri(code=department.code, name=department.name),
        "materials": list(application.materials.all()),
        "supplement": application.supplements.first(),
        "issued_at": timezone.localtime(),
        "portal_name": settings.PORTAL_NAME,
        "MaterialMode": MaterialMode,
    }


def render_pdf(*, application: Application, doc_type: str, code: str) -> bytes:
    """The signed PDF; raises printing.errors.CJKFontMissing rather than print boxes.

    文书 are Chinese documents whatever language the request that produced them was in:
    rendered in the portal's default language, so dates (DATE_FORMAT) and labels stay Chinese.
    """
    with translation.override(settings.LANGUAGE_CODE):
        context = _context(application=application, doc_type=doc_type, code=code)
        html = render_to_string(f"applications/pdf/{doc_type}.html", context)
    pdf = pdf_render(html=html, base_url=str(settings.BASE_DIR), expect=context["title"])
    department = application.department
    return pdf_sign(
        pdf=pdf,
        code=department.code,
        name=department.name,
        uscc=department.uscc,
        reason=context["title"],
    )


def _load(application_id: int) -> Application:
    return Application.objects.select_related("service", "department", "organisation").get(
        pk=application_id
    )


def document_produce(*, application_id: int, doc_type: str) -> Document:
    """Render and store the document unless it exists; safe to run twice or after a crash."""
    existing = Document.objects.filter(application_id=application_id, doc_type=doc_type).first()
    if existing is not None:
        return existing
    application = _load(application_id)
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
                render_fingerprint=render_fingerprint(),
            )
    except IntegrityError:
        return Document.objects.get(application_id=application_id, doc_type=doc_type)
    return document


def document_rerender(*, document_id: int) -> Document | None:
    """Print a stored document again with today's fonts (same code, same place); idempotent."""
    document = Document.objects.filter(pk=document_id).first()
    if document is None or document.render_fingerprint == render_fingerprint():
        return document
    application = _load(document.application_id)
    data = render_pdf(
        application=application, doc_type=document.doc_type, code=document.verification_code
    )
    storage.write_atomic(document.file_path, data)
    document.size = len(data)
    document.sha256 = storage.sha256(data)
    document.render_fingerprint = render_fingerprint()
    document.save(update_fields=["size", "sha256", "render_fingerprint"])
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

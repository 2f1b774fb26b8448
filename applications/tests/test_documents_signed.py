"""Documents that are real: signed by the department, sealed, QR to PORTAL_BASE_URL/verify/…,
titles from the service, never stored without Chinese fonts, certificates in 我的电子证照."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from applications import sms
from applications.documents import document_produce
from applications.models import Document
from applications.storage import private_path
from applications.tasks import documents_reconcile, notification_send
from applications.tests.factories import ServiceFactory, submitted_application
from data_exchange.models import Licence
from printing.errors import CJKFontMissing
from printing.signing import pdf_signature_report
from tests.pdf_qr import qr_payloads

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _signing_dir(settings, tmp_path):
    settings.PRINTING_SIGNING_DIR = str(tmp_path / "signing")
    settings.PORTAL_BASE_URL = "https://zwfw.example.gov.cn"


def _text(data: bytes) -> str:
    text = "".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
    return "".join(text.split())  # the titles are letter-spaced


def test_certificate_is_signed_by_its_department_and_a_flipped_byte_breaks_it(tmp_path):
    app = submitted_application()
    doc = document_produce(application_id=app.pk, doc_type="certificate")
    data = private_path(doc.file_path).read_bytes()
    report = pdf_signature_report(data)
    assert report.ok and report.signer == app.department.name
    broken = bytearray(data)
    broken[len(data) // 3] ^= 0xFF
    assert not pdf_signature_report(bytes(broken)).intact
    if shutil.which("pdfsig"):
        out = subprocess.run(
            ["pdfsig", "-nocert", str(private_path(doc.file_path))], capture_output=True, text=True
        ).stdout
        assert "Signature is Valid" in out and app.department.name in out


@pytest.mark.parametrize(
    "doc_type", ["receipt", "supplement", "non_acceptance", "approval", "certificate"]
)
def test_every_document_carries_a_qr_to_the_portal_base_url(doc_type, tmp_path):
    app = submitted_application()
    doc = document_produce(application_id=app.pk, doc_type=doc_type)
    data = private_path(doc.file_path).read_bytes()
    url = f"https://zwfw.example.gov.cn/verify/{doc.verification_code}/"
    assert qr_payloads(data, tmp_path) == [url]
    text = "".join(_text(data).split())
    assert doc.verification_code in text and "127.0.0.1" not in text


def test_titles_come_from_the_service_and_licence_wording_only_for_licences():
    public = submitted_application(service=ServiceFactory(item_type="20", result_name="社会保障卡"))
    cert = _text(
        private_path(
            document_produce(application_id=public.pk, doc_type="certificate").file_path
        ).read_bytes()
    )
    assert "社会保障卡" in cert and "办理结果证书" not in cert
    approval = _text(
        private_path(
            document_produce(application_id=public.pk, doc_type="approval").file_path
        ).read_bytes()
    )
    assert "准予许可" not in approval and "准予办理决定书" in approval
    licence = submitted_application(service=ServiceFactory(item_type="01"))
    approval = _text(
        private_path(
            document_produce(application_id=licence.pk, doc_type="approval").file_path
        ).read_bytes()
    )
    assert "准予许可决定书" in approval


def test_unknown_verification_code_is_404_and_a_known_one_verifies(client):
    assert client.get("/verify/NOSUCHCODE23/").status_code == 404
    app = submitted_application()
    doc = document_produce(application_id=app.pk, doc_type="certificate")
    assert client.get(f"/verify/{doc.verification_code}/").status_code == 200


def test_fonts_missing_nothing_is_stored_and_the_task_retries(monkeypatch):
    from celery.exceptions import Retry

    import applications.documents as documents
    from applications.tasks import document_render

    app = submitted_application()
    Document.objects.filter(application=app).delete()

    def refuse(**kwargs):
        raise CJKFontMissing("no CJK font embedded")

    monkeypatch.setattr(documents, "pdf_render", refuse)
    monkeypatch.setattr(document_render, "retry", lambda **kw: Retry("fonts", when=300))
    with pytest.raises(Retry):
        document_render.run(app.pk, "receipt")
    assert not Document.objects.filter(application=app).exists()
    assert not private_path(f"documents/{app.uuid}/receipt.pdf").exists()


def test_startup_sweep_rerenders_documents_printed_with_other_fonts(monkeypatch):
    app = submitted_application()
    doc = document_produce(application_id=app.pk, doc_type="receipt")
    Document.objects.filter(pk=doc.pk).update(render_fingerprint="", sha256="old")
    assert documents_reconcile() >= 1
    doc.refresh_from_db()
    assert doc.render_fingerprint and doc.sha256 != "old"
    assert (
        doc.sha256
        == __import__("hashlib").sha256(private_path(doc.file_path).read_bytes()).hexdigest()
    )


def test_issued_certificate_enters_the_holders_wallet_with_gbt36903_metadata(client):
    from applications.tasks import document_render

    app = submitted_application()
    app.applicant_id_number = "110101199003074514"
    app.save(update_fields=["applicant_id_number"])
    document_render.apply(args=(app.pk, "certificate"), throw=True)
    document_render.apply(args=(app.pk, "certificate"), throw=True)  # twice: one licence
    licence = Licence.objects.get(owner=app.applicant)
    assert licence.name == app.service.result_name
    assert licence.type_code.startswith(app.department.uscc) and len(licence.type_code) == 21
    assert licence.issuer_code == app.department.uscc and licence.holder_code_type == "111"
    assert licence.number == app.number
    client.force_login(app.applicant)
    page = client.get("/me/licences/").content.decode()
    assert app.service.result_name in page
    response = client.post(f"/me/licences/{licence.pk}/verify/")
    assert response.status_code in (200, 302)
    licence.refresh_from_db()
    assert licence.last_check_ok is True


def test_every_notice_links_to_the_case_by_mail_and_sms(settings, mailoutbox):
    settings.APPLICATIONS_NOTIFICATION_BACKENDS = ["email", "sms"]
    sms.outbox.clear()
    app = submitted_application()
    app.applicant_email, app.applicant_phone = "a@example.cn", "13800000009"
    app.save()
    notification_send(app.pk, "submit")
    url = f"https://zwfw.example.gov.cn/me/applications/{app.pk}/"
    assert url in mailoutbox[-1].body
    assert [m.to for m in sms.outbox] == ["13800000009"] and url in sms.outbox[0].text


def test_public_service_mail_never_says_licence(settings, mailoutbox):
    settings.APPLICATIONS_NOTIFICATION_BACKENDS = ["email"]
    app = submitted_application(service=ServiceFactory(item_type="20"))
    app.applicant_email = "a@example.cn"
    app.save()
    notification_send(app.pk, "approve")
    assert "许可" not in mailoutbox[-1].subject + mailoutbox[-1].body


def test_a_sound_signature_reads_intact_inside_a_running_event_loop():
    """pyHanko validates through asyncio.run; a caller already inside an event loop (an async
    view, a Playwright-driven test) must still be told the truth, not 'broken'."""
    import asyncio

    app = submitted_application()
    doc = document_produce(application_id=app.pk, doc_type="certificate")
    data = private_path(doc.file_path).read_bytes()

    async def inside_a_loop():
        return pdf_signature_report(data)

    report = asyncio.run(inside_a_loop())
    assert report.ok and report.signer == app.department.name

"""PDF documents: produced once, Chinese font embedded, QR + verification code on certificates."""

from __future__ import annotations

import pytest

from applications.documents import document_produce, verification_code
from applications.models import Document
from applications.storage import private_path
from applications.tests.factories import submitted_application

pytestmark = pytest.mark.django_db


def _pdf_fonts_and_text(data: bytes):
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    fonts = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = descendant.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts.append((str(font["/BaseFont"]), embedded))
    text = "".join(page.extract_text() for page in reader.pages)
    return fonts, text, len(reader.pages)


def test_document_is_produced_once_with_embedded_cjk_font():
    app = submitted_application()
    first = document_produce(application_id=app.pk, doc_type="receipt")
    second = document_produce(application_id=app.pk, doc_type="receipt")
    assert first.pk == second.pk
    assert Document.objects.filter(application=app, doc_type="receipt").count() == 1
    data = private_path(first.file_path).read_bytes()
    assert data.startswith(b"%PDF-")
    fonts, text, pages = _pdf_fonts_and_text(data)
    assert pages == 2  # the receipt is the 2-page document of the benchmark
    assert any("Noto-Sans-CJK-SC" in name and embedded for name, embedded in fonts), fonts
    assert "收到的材料" in text and app.number in text and "办事须知" in text
    assert first.verification_code == verification_code(application=app, doc_type="receipt")


def test_certificate_has_qr_and_private_path(settings):
    app = submitted_application()
    doc = document_produce(application_id=app.pk, doc_type="certificate")
    path = private_path(doc.file_path)
    assert str(path).startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not str(path).startswith(str(settings.MEDIA_ROOT))
    assert path.stat().st_size == doc.size > 1000


def test_rerender_after_crash_before_row(monkeypatch):
    """A crash after the file write but before the row commit leaves no row; the retry makes one."""
    import applications.documents as documents

    app = submitted_application()
    real_create = Document.objects.create

    def boom(**kwargs):
        raise SystemExit("worker killed")

    monkeypatch.setattr(Document.objects, "create", boom)
    with pytest.raises(SystemExit):
        documents.document_produce(application_id=app.pk, doc_type="acceptance")
    assert not Document.objects.filter(application=app).exclude(doc_type="receipt").exists()
    monkeypatch.setattr(Document.objects, "create", real_create)
    doc = documents.document_produce(application_id=app.pk, doc_type="acceptance")
    assert Document.objects.filter(application=app, doc_type="acceptance").count() == 1
    assert private_path(doc.file_path).exists()


def test_deadlines_use_official_calendar():
    import datetime as dt

    from applications.deadlines import add_working_days, is_working_day

    # 2026 National Day holiday: 1–7 Oct off; Sunday 27 Sep and Saturday 10 Oct are 调休 working days.
    assert not is_working_day(dt.date(2026, 10, 1))
    assert is_working_day(dt.date(2026, 9, 27)) or is_working_day(dt.date(2026, 10, 10))
    assert add_working_days(dt.date(2026, 9, 30), 1) > dt.date(2026, 10, 7)


def test_documents_produced_during_an_english_request_stay_chinese():
    """文书 are Chinese: a clerk browsing in English still issues 2026年3月1日, not 1 March 2026."""
    from django.utils import timezone, translation
    from django.utils.formats import date_format

    app = submitted_application()
    with translation.override("en"):
        doc = document_produce(application_id=app.pk, doc_type="receipt")
    _fonts, text, _pages = _pdf_fonts_and_text(private_path(doc.file_path).read_bytes())
    submitted = timezone.localtime(app.submitted_at).date()
    chinese = f"{submitted.year}年{submitted.month}月{submitted.day}日"
    assert chinese in text.replace(" ", "").replace("\n", "")
    with translation.override("en"):
        english = date_format(submitted, "DATE_FORMAT")
    assert english not in text
    assert "Receipt" not in text

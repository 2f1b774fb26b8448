"""Factories for services with materials and applications in any state.

The one home for building this app's records in tests: cases go through the real services
(submitted_application, completed_application, rating), issued files through DocumentFactory.
"""

from __future__ import annotations

import io

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory
from PIL import Image

from accounts.constants import Role
from accounts.tests.factories import DepartmentFactory, UserFactory
from applications import services
from applications.constants import DocumentType, Status
from applications.models import Application, Document, Evaluation
from services_catalog.models import Material, ServiceItem


class ServiceFactory(DjangoModelFactory):
    class Meta:
        model = ServiceItem
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"TST-20-{n:04d}")
    basic_code = "000000"
    name = factory.Sequence(lambda n: f"测试事项{n}")
    item_type = "20"
    department = factory.SubFactory(DepartmentFactory)
    audience = "person"
    conditions = "符合条件"
    legal_limit_days = 15
    promised_limit_days = 5
    location = "市民中心"
    office_hours = "工作日"
    consult_phone = "12345"
    supervise_phone = "12345"
    live = True
    result_name = "测试证书"
    allows_tolerance = True
    form_fields = factory.LazyFunction(
        lambda: [
            {"name": "reason", "label": "申请事由", "type": "text", "required": True},
            {"name": "start_date", "label": "开始日期", "type": "date", "required": False},
            {"name": "contact_phone", "label": "联系电话", "type": "phone", "required": False},
        ]
    )

    @factory.post_generation
    def materials(self, create, extracted, **kwargs):
        if not create:
            return
        specs = (
            extracted
            if extracted is not None
            else [
                {"code": "contract", "name": "劳动合同解除证明", "necessity": "required"},
                {"code": "photo", "name": "近期免冠照片", "necessity": "tolerable"},
            ]
        )
        for i, spec in enumerate(specs):
            Material.objects.create(service=self, sort_order=i, **spec)


def clerk_for(department=None, **kwargs):
    return UserFactory(
        staff=True,
        roles=[Role.WINDOW_CLERK],
        department=department or DepartmentFactory(code="zwfw"),
        **kwargs,
    )


def reviewer_for(department, **kwargs):
    return UserFactory(staff=True, roles=[Role.DEPT_REVIEWER], department=department, **kwargs)


def supervisor(**kwargs):
    return UserFactory(
        staff=True, roles=[Role.SUPERVISOR], department=DepartmentFactory(code="zwfw"), **kwargs
    )


PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def submitted_application(*, applicant=None, service=None):
    """A submitted application (materials uploaded) through the real services."""
    applicant = applicant or UserFactory()
    service = service or ServiceFactory()
    app = services.application_start(applicant=applicant, service=service)
    services.application_save_form(application=app, actor=applicant, form_data={"reason": "失业"})
    services.material_upload(
        application=app, actor=applicant, code="contract", data=PDF_BYTES, filename="c.pdf"
    )
    return services.application_submit(application=app, actor=applicant)


def completed_application(*, service=None, completed_at=None) -> Application:
    """A completed (已办结) case; the lifecycle itself is covered in test_lifecycle."""
    app = submitted_application(service=service)
    Application.objects.filter(pk=app.pk).update(
        status=Status.COMPLETED, completed_at=completed_at or timezone.now()
    )
    app.refresh_from_db()
    return app


def rating(level: int, *, service=None, completed_at=None) -> Evaluation:
    """The applicant's 好差评 of a completed case, through the real service (差评 open a ticket)."""
    app = completed_application(service=service, completed_at=completed_at)
    return services.application_evaluate(
        application=app, actor=app.applicant, level=level, text="窗口等待太久" if level > 3 else ""
    )


class DocumentFactory(DjangoModelFactory):
    """An issued document's record (the file itself is not rendered)."""

    class Meta:
        model = Document

    doc_type = DocumentType.CERTIFICATE
    file_path = factory.LazyAttribute(lambda d: f"documents/{d.application.uuid}-{d.doc_type}.pdf")
    sha256 = "0" * 64
    verification_code = factory.LazyAttribute(
        lambda d: f"V{d.application.pk:05d}{d.doc_type[:4].upper()}"
    )


def checked(app) -> dict[str, tuple[str, str]]:
    """The window's item-by-item checks with every material found 符合 (what 受理 requires)."""
    return {m.code: ("ok", "原件已核") for m in app.materials.all()}

"""Factories for services with materials and applications in any state."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from accounts.tests.factories import DepartmentFactory, UserFactory
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
    from accounts.constants import Role

    return UserFactory(
        staff=True,
        roles=[Role.WINDOW_CLERK],
        department=department or DepartmentFactory(code="zwfw"),
        **kwargs,
    )


def reviewer_for(department, **kwargs):
    from accounts.constants import Role

    return UserFactory(staff=True, roles=[Role.DEPT_REVIEWER], department=department, **kwargs)


def supervisor(**kwargs):
    from accounts.constants import Role

    return UserFactory(
        staff=True, roles=[Role.SUPERVISOR], department=DepartmentFactory(code="zwfw"), **kwargs
    )


PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png_bytes() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def submitted_application(*, applicant=None, service=None):
    """A submitted application (materials uploaded) through the real services."""
    from applications import services

    applicant = applicant or UserFactory()
    service = service or ServiceFactory()
    app = services.application_start(applicant=applicant, service=service)
    services.application_save_form(application=app, actor=applicant, form_data={"reason": "失业"})
    services.material_upload(
        application=app, actor=applicant, code="contract", data=PDF_BYTES, filename="c.pdf"
    )
    return services.application_submit(application=app, actor=applicant)

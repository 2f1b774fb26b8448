"""A guide cannot be published, or sent for publication, with a material marked 免提交 unless
an approved sharing agreement covers that evidence type, the service and the fields its form
uses; the editor names exactly which agreement is missing, and nothing is published."""

from __future__ import annotations

import pytest

from data_exchange.models import SharingAgreement
from data_exchange.services import agreement_approved_ensure
from services_catalog.models import ServiceItem
from services_catalog.tests.test_admin_editing import (
    CODE,
    _field_item,
    edit_data,
    edit_url,
    loaded,  # noqa: F401
)

pytestmark = pytest.mark.django_db

EDUCATION = "jyj.education_certificate"


def _with_evidence(data: dict, material_name: str, evidence_type: str) -> dict:
    prefix = next(
        k[: -len("-name")] for k, v in data.items() if k.endswith("-name") and v == material_name
    )
    return data | {f"{prefix}-evidence_type": evidence_type}


def _post(client, user, service, data, action):
    client.force_login(user)
    return client.post(edit_url(service), data | {action: "1"})


@pytest.mark.parametrize(
    "who,action", [("admin", "action-publish"), ("publisher", "action-submit")]
)
def test_exempt_material_without_agreement_is_refused_naming_it(client, loaded, who, action):  # noqa: F811
    user = loaded[who]
    service = ServiceItem.objects.get(code=CODE)
    revisions = service.revisions.count()
    data = _with_evidence(edit_data(service, user), "解除或终止劳动合同证明", EDUCATION)
    response = _post(client, user, service, data, action)
    assert response.status_code == 200
    text = response.content.decode()
    assert "缺少已批准的数据共享协议：事项“失业登记”（RSJ-20-0001）获取“学历证书”" in text
    assert f"（{EDUCATION}）" in text
    service.refresh_from_db()
    assert service.revisions.count() == revisions  # nothing saved, nothing published
    assert not service.materials.filter(evidence_type=EDUCATION).exists()


def test_a_field_the_agreement_does_not_cover_is_named(client, loaded):  # noqa: F811
    admin = loaded["admin"]
    service = ServiceItem.objects.get(code=CODE)
    fields = [*service.form_fields, {"name": "ethnicity", "label": "民族", "type": "text"}]
    data = edit_data(service, admin, form_fields=[_field_item(f) for f in fields])
    response = _post(client, admin, service, data, "action-publish")
    agreement = SharingAgreement.objects.get(
        service_code=CODE, evidence_type="gongan.household_register", status="approved"
    )
    assert f"数据共享协议 #{agreement.pk}（居民户籍信息）未批准本指南使用的字段：民族" in (
        response.content.decode()
    )
    service.refresh_from_db()
    assert "ethnicity" not in [f["name"] for f in service.form_fields]


def test_with_the_agreement_approved_the_guide_publishes(client, loaded):  # noqa: F811
    admin = loaded["admin"]
    service = ServiceItem.objects.get(code=CODE)
    agreement_approved_ensure(
        # id_number: the guide's form has a field of that name, so the guide uses it.
        service_code=CODE,
        evidence_type=EDUCATION,
        fields=["name", "id_number", "level"],
        purpose="核验学历",
    )
    data = _with_evidence(edit_data(service, admin), "解除或终止劳动合同证明", EDUCATION)
    response = _post(client, admin, service, data, "action-publish")
    assert response.status_code == 302, response.content.decode()[-3000:]
    service.refresh_from_db()
    assert service.live and service.materials.filter(evidence_type=EDUCATION).exists()

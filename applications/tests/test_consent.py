"""Issue 11, items 1 and 6, from the citizen's side: consent before any government data is
fetched, 不使用 leaves no trace on any page, and a pending department never blocks.

Against the real department simulator process (SQLite, eager tasks).
"""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.tests.factories import DepartmentFactory
from applications import evidence, services
from applications.constants import Status
from applications.models import Application
from applications.tests.factories import (
    PDF_BYTES,
    ServiceFactory,
    checked,
    clerk_for,
    reviewer_for,
)
from data_exchange import services as dx
from data_exchange.models import EvidenceItem, ExchangeLogEntry
from data_exchange.tests.factories import zhang_wei

pytestmark = pytest.mark.django_db(transaction=True)

HOUSEHOLD = "gongan.household_register"
SOCIAL = "rsj.social_insurance"
TYPED_ADDRESS = "上海市浦东新区世纪大道100号"
HUKOU_ADDRESS = "上海市嘉定区安亭镇墨玉路185弄12号301室"
EMPLOYER = "上海申通物流有限公司"


@pytest.fixture
def fast_retries(settings):
    settings.DATA_EXCHANGE_BREAKER_COOLDOWN = 0
    settings.DATA_EXCHANGE_RETRY_BACKOFF = 0


def _service():
    return ServiceFactory(
        code="RSJ-20-0001",
        name="失业登记",
        department=DepartmentFactory(code="rsj", name="市人力资源和社会保障局"),
        form_fields=[
            {"name": "applicant_name", "label": "姓名", "type": "text", "required": True},
            {"name": "address", "label": "居住地址", "type": "text", "required": True},
            {"name": "last_employer", "label": "原工作单位", "type": "text", "required": False},
            {"name": "reason", "label": "申请事由", "type": "text", "required": True},
        ],
        materials=[
            {
                "code": "id_card",
                "name": "居民户口簿",
                "necessity": "required",
                "evidence_type": HOUSEHOLD,
            },
            {
                "code": "social_insurance",
                "name": "社保缴费记录",
                "necessity": "required",
                "evidence_type": SOCIAL,
            },
        ],
    )


def _draft(client):
    citizen = zhang_wei()
    service = _service()
    client.force_login(citizen)
    client.post(f"/apply/{service.code}/", {"idempotency_key": "k1"})
    app = Application.objects.get(applicant=citizen)
    response = client.post(
        reverse("applications:draft_step", args=[app.pk, 1]),
        {"phone": "13812345678", "email": "zw@example.cn", "address": TYPED_ADDRESS},
    )
    assert response.url == reverse("applications:draft_data", args=[app.pk])
    return app


def _consent(client, app, **choices):
    return client.post(
        reverse("applications:draft_data", args=[app.pk]),
        {f"choice-{code}": value for code, value in choices.items()},
        follow=True,
    )


def _decide(client, app, evidence_type, decision):
    return client.post(
        reverse("applications:draft_evidence", args=[app.pk]),
        {"evidence_type": evidence_type, "decision": decision, "next": "data"},
        follow=True,
    )


def _upload(client, app, code):
    return client.post(
        reverse("applications:draft_upload", args=[app.pk]),
        {"code": code, "file": SimpleUploadedFile("proof.pdf", PDF_BYTES)},
        follow=True,
    )


def test_nothing_is_fetched_before_the_citizen_asks(client, simulator, exchange_config):
    """A citizen who opens the form before deciding sees no certified value, and no
    department was asked."""
    app = _draft(client)
    page = client.get(reverse("applications:draft_data", args=[app.pk])).text
    # what would be fetched, from whom, for what
    assert "居民户籍信息" in page or "户籍" in page
    assert "市公安局" in page and "户籍地址" in page and "失业登记" in page
    assert "获取并预览" in page and "不获取，自行上传" in page
    for step in (1, 2, 3, 4):
        page = client.get(reverse("applications:draft_step", args=[app.pk, step])).text
        assert "已核验" not in page and HUKOU_ADDRESS not in page and EMPLOYER not in page
    assert EvidenceItem.objects.count() == 0
    assert ExchangeLogEntry.objects.count() == 0


def test_consent_without_a_choice_is_refused_and_fetches_nothing(
    client, simulator, exchange_config
):
    app = _draft(client)
    response = _consent(client, app, **{HOUSEHOLD: "fetch"})  # 社保 left without a choice
    assert "请为“社保缴费记录”选择" in response.text
    response = _consent(client, app, **{HOUSEHOLD: "maybe", SOCIAL: "fetch"})
    assert response.status_code == 200 and "请为“居民户口簿”选择" in response.text
    assert EvidenceItem.objects.count() == 0 and ExchangeLogEntry.objects.count() == 0


def test_only_used_items_prefill_and_declined_ones_leave_no_trace(
    client, simulator, exchange_config
):
    app = _draft(client)
    page = _consent(client, app, **{HOUSEHOLD: "fetch", SOCIAL: "fetch"}).text
    # the preview: values with their source and time
    assert HUKOU_ADDRESS in page and EMPLOYER in page
    assert "来自 市公安局" in page and "来自 市人力资源和社会保障局" in page
    _decide(client, app, HOUSEHOLD, "use")
    page = _decide(client, app, SOCIAL, "not_use").text
    assert EMPLOYER not in page
    social = EvidenceItem.objects.get(reference=app.reference, evidence_type=SOCIAL)
    assert social.values == {}
    assert ExchangeLogEntry.objects.filter(
        reference=app.reference, event="purge", outcome="declined_purged"
    ).exists()

    step2 = reverse("applications:draft_step", args=[app.pk, 2])
    page = client.get(step2).text
    # 户籍 (使用) fills the name, certified and read-only, with "upload instead"
    assert 'name="applicant_name"' not in page and "张伟" in page
    assert "不对？改为上传材料" in page and "来自 市公安局" in page
    # the typed address is kept; the 户籍 address only shown as a difference
    assert f'value="{TYPED_ADDRESS}"' in page and "已保留您填写的内容" in page
    # 社保 (不使用) never enters the form
    assert EMPLOYER not in page
    client.post(step2, {"applicant_name": "李四", "address": TYPED_ADDRESS, "reason": "裁员"})
    app.refresh_from_db()
    assert app.form_data["applicant_name"] == "张伟"  # a certified value cannot be changed
    assert app.form_data["address"] == TYPED_ADDRESS
    assert EMPLOYER not in str(app.form_data)

    _upload(client, app, "social_insurance")
    response = client.post(reverse("applications:draft_submit", args=[app.pk]), follow=True)
    app.refresh_from_db()
    assert app.status == Status.SUBMITTED, response.text
    assert EMPLOYER not in str(app.form_data)

    clerk, reviewer = clerk_for(app.department), reviewer_for(app.department)
    staff_pages = [
        (clerk, reverse("applications:counter_detail", args=[app.pk])),
        (reviewer, reverse("applications:review_detail", args=[app.pk])),
    ]
    for user, url in staff_pages:
        if user is reviewer:
            services.application_accept(application=app, clerk=clerk, checks=checked(app))
        client.force_login(user)
        page = client.get(url).text
        assert "张伟" in page
        for declined in (EMPLOYER, "暂停参保", "219", "已选择不使用", "请改为上传该材料"):
            assert declined not in page, (url, declined)

    client.force_login(app.applicant)
    page = client.get("/me/data-access/").text
    assert "您选择不使用，数据已删除" in page
    assert "application:" not in page and app.reference not in page


def test_changing_a_mind_after_use_takes_the_value_out_of_the_form(
    client, simulator, exchange_config
):
    app = _draft(client)
    _consent(client, app, **{HOUSEHOLD: "fetch", SOCIAL: "upload"})
    _decide(client, app, HOUSEHOLD, "use")
    step2 = reverse("applications:draft_step", args=[app.pk, 2])
    client.post(step2, {"address": TYPED_ADDRESS, "reason": "裁员"})
    app.refresh_from_db()
    assert app.form_data["applicant_name"] == "张伟"
    # "不对？改为上传材料" on the certified field
    response = client.post(
        reverse("applications:draft_evidence", args=[app.pk]),
        {"evidence_type": HOUSEHOLD, "decision": "not_use"},
    )
    assert response.url == reverse("applications:draft_step", args=[app.pk, 3])
    app.refresh_from_db()
    assert "applicant_name" not in app.form_data and app.form_data["address"] == TYPED_ADDRESS
    page = client.get(step2).text
    assert 'name="applicant_name"' in page  # back to a field the citizen fills in


def test_department_down_submit_then_the_data_fills_in(
    client, simulator, exchange_config, fast_retries
):
    """社保 is down: the citizen submits anyway, the case waits at the window marked 数据待返回,
    and when the department is back the item fills in. Nothing is lost."""
    app = _draft(client)
    simulator.control("rsj", "down")
    page = _consent(client, app, **{HOUSEHOLD: "fetch", SOCIAL: "fetch"}).text
    assert "可以继续填写并先提交申请" in page
    _decide(client, app, HOUSEHOLD, "use")
    client.post(
        reverse("applications:draft_step", args=[app.pk, 2]),
        {"address": TYPED_ADDRESS, "reason": "裁员"},
    )
    page = client.get(reverse("applications:draft_step", args=[app.pk, 3])).text
    assert 'id="file-social_insurance"' in page  # upload now is offered too
    assert "可以现在上传，也可以先提交申请" in page
    response = client.post(reverse("applications:draft_submit", args=[app.pk]), follow=True)
    app.refresh_from_db()
    assert app.status == Status.SUBMITTED, response.text
    assert "数据待返回" in response.text

    clerk = clerk_for(app.department)
    client.force_login(clerk)
    page = client.get(reverse("applications:counter_detail", args=[app.pk])).text
    assert "数据待返回" in page and "社保缴费记录" in page

    simulator.control("rsj", "normal")
    dx.breaker_reset("rsj")
    dx.outbox_redispatch(stale_after=0)
    page = client.get(reverse("applications:counter_detail", args=[app.pk])).text
    assert "数据待返回" not in page
    (social,) = [
        p
        for p in evidence.previews(user=app.applicant, reference=app.reference)
        if p.evidence_type == SOCIAL
    ]
    assert social.status == "verified" and social.decision == "use"
    assert social.values["insured_status"] == "暂停参保"
    assert services.application_evidence_followup(application=app) == []
    app.refresh_from_db()
    assert app.form_data["reason"] == "裁员" and app.status == Status.SUBMITTED


def test_department_refuses_and_the_citizen_is_asked_to_upload(
    client, simulator, exchange_config, fast_retries
):
    app = _draft(client)
    simulator.control("rsj", "down")
    _consent(client, app, **{HOUSEHOLD: "fetch", SOCIAL: "fetch"})
    _decide(client, app, HOUSEHOLD, "use")
    client.post(
        reverse("applications:draft_step", args=[app.pk, 2]),
        {"address": TYPED_ADDRESS, "reason": "裁员"},
    )
    client.post(reverse("applications:draft_submit", args=[app.pk]))
    app.refresh_from_db()
    assert app.status == Status.SUBMITTED
    simulator.control("rsj", "tampered")  # its answer cannot be trusted: refused
    dx.breaker_reset("rsj")
    dx.outbox_redispatch(stale_after=0)
    mail.outbox.clear()
    assert services.application_evidence_followup(application=app) == ["社保缴费记录"]
    assert services.application_evidence_followup(application=app) == []  # asked once
    assert len(mail.outbox) == 1 and "请上传材料" in mail.outbox[0].subject
    page = client.get(reverse("applications:my_detail", args=[app.pk])).text
    assert "请上传材料" in page and 'id="owed-social_insurance"' in page
    response = _upload(client, app, "social_insurance")
    assert "已上传" in response.text
    app.refresh_from_db()
    assert app.status == Status.SUBMITTED and app.form_data["reason"] == "裁员"
    assert app.materials.get(code="social_insurance").file_path


def test_department_silent_past_the_limit_asks_for_an_upload(
    client, simulator, exchange_config, fast_retries, settings
):
    app = _draft(client)
    simulator.control("rsj", "down")
    _consent(client, app, **{HOUSEHOLD: "upload", SOCIAL: "fetch"})
    _upload(client, app, "id_card")
    client.post(
        reverse("applications:draft_step", args=[app.pk, 2]),
        {"applicant_name": "张伟", "address": TYPED_ADDRESS, "reason": "裁员"},
    )
    client.post(reverse("applications:draft_submit", args=[app.pk]))
    app.refresh_from_db()
    assert app.status == Status.SUBMITTED
    assert services.application_evidence_followup(application=app) == []  # still in time
    settings.APPLICATIONS_EVIDENCE_PENDING_HOURS = 0
    assert services.application_evidence_followup(application=app) == ["社保缴费记录"]
    # a declined item was never fetched at all
    assert not EvidenceItem.objects.filter(reference=app.reference, evidence_type=HOUSEHOLD)

"""The issue's attacks that the other tests leave out: a 举报 stays hidden from the department
it names wherever it is dispatched (queue, page, timeline, after 改派 to that department), a
look-up of an unknown or another reporter's number is a 404 like a wrong phone, a refused
attachment leaves no file behind, and bad input on the hotline's intake stores nothing."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from participation.appeals import services
from participation.appeals.models import Appeal
from participation.tests.factories import EXE, PNG, appeal_input, citizen

pytestmark = pytest.mark.django_db

SECRETS = ("13800138001", "138****8001", "张伟", "张*", "zhang@example.cn")


def _report(loop):
    return services.appeal_submit(
        data=appeal_input(
            appeal_type="report",
            subject="住建委工作人员索要好处费",
            reported_department_id=loop["housing"].pk,
        ),
        actor=loop["citizen"],
    )


def test_report_is_hidden_from_the_named_department_before_and_after_reassignment(client, loop):
    appeal = _report(loop)
    assert appeal.department == loop["market"]  # the catalogue sends it elsewhere
    client.force_login(loop["housing_staff"])
    page = reverse("participation:department_appeal", args=[appeal.number])
    assert client.get(page).status_code == 404
    assert (
        appeal.number not in client.get(reverse("participation:department_home")).content.decode()
    )
    # even if the centre reassigns it to the named department, the reporter stays hidden
    services.appeal_return(appeal=appeal, actor=loop["market_staff"], reason="不归本局")
    services.appeal_reassign(
        appeal=appeal, actor=loop["operator"], department=loop["housing"], reason="改派"
    )
    services.appeal_take(appeal=appeal, actor=loop["housing_staff"])
    services.appeal_ask_reporter(appeal=appeal, actor=loop["housing_staff"], reason="请补充时间")
    services.appeal_reporter_reply(appeal=appeal, actor=loop["citizen"], text="上周三下午")
    html = client.get(page).content.decode()
    assert "举报人信息依法保密" in html and "上周三下午" in html
    for secret in SECRETS:
        assert secret not in html, secret
    queue = client.get(reverse("participation:department_home")).content.decode()
    for secret in SECRETS:
        assert secret not in queue, secret


def test_lookup_of_unknown_or_other_number_is_404(client, loop):
    mine = services.appeal_submit(data=appeal_input(), actor=loop["citizen"])
    other = services.appeal_submit(
        data=appeal_input(reporter_phone="13912345678"),
        actor=citizen(),
        submission_key="other",
    )
    url = reverse("participation:appeal_lookup")
    for number, phone in (
        (other.number, "13800138001"),  # another reporter's number with my phone
        ("20990101000000", "13800138001"),  # no such number
        ("' OR 1=1 --", "13800138001"),  # hostile number
        (mine.number, "not-a-phone"),
    ):
        response = client.post(url, {"number": number, "phone": phone})
        assert response.status_code == 404, (number, phone)
        assert other.subject not in response.content.decode()


def test_refused_attachment_leaves_no_file_and_no_appeal(client, loop, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path)
    client.force_login(loop["citizen"])
    data = {
        "appeal_type": "complaint", "category": "market", "subject": "超市销售过期食品",
        "description": "酸奶过期。", "region_code": "310114", "reporter_phone": "13800138001",
        "submission_key": "att-1",
        "attachments": [
            SimpleUploadedFile("photo.png", PNG, content_type="image/png"),
            SimpleUploadedFile("setup.jpg", EXE, content_type="image/jpeg"),
        ],
    }  # fmt: skip
    response = client.post("/appeals/new/", data)
    assert response.status_code == 200
    assert "不是有效的 PDF、JPG 或 PNG 文件" in response.content.decode()
    assert Appeal.objects.count() == 0
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [("description", "长" * 20000, "2000"), ("region_code", "310999", "请选择")],
)
def test_hotline_intake_bad_input_stores_nothing(client, loop, field, value, message):
    client.force_login(loop["operator"])
    data = {
        "appeal_type": "consult", "category": "market", "subject": "来电咨询",
        "description": "市民来电。", "region_code": "310114", "reporter_phone": "13800138001",
        "submission_key": "hot-1",
    }  # fmt: skip
    data[field] = value
    response = client.post(reverse("participation:centre_intake"), data)
    assert response.status_code == 200 and message in response.content.decode()
    assert Appeal.objects.count() == 0


def test_hotline_queue_tabs_cap_their_counts(client, loop, monkeypatch):
    from participation.appeals import selectors

    monkeypatch.setattr(selectors, "QUEUE_COUNT_CAP", 2)
    Appeal.objects.bulk_create(
        [
            Appeal(
                number=f"2026120600000{i}",
                submission_key=f"cap-{i}",
                appeal_type="consult",
                category=loop["category"],
                channel="web",
                subject="咨询",
                description="咨询",
                region_code="310114",
                reporter_phone="13800138001",
                state="accepted",
            )
            for i in range(4)
        ]
    )
    client.force_login(loop["operator"])
    page = client.get(reverse("participation:centre_home")).content.decode()
    assert "待派单 (2+)" in page and "退单待审 (0)" in page

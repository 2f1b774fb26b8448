"""Appeals over HTTP: what a reporter, the hotline and a department can and cannot do."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from participation.appeals import services
from participation.appeals.constants import State
from participation.appeals.models import Appeal, AppealAttachment, AppealEvent
from participation.tests.factories import EXE, PNG, appeal_input, citizen, web_form

pytestmark = pytest.mark.django_db

NEW = "/appeals/new/"


def _form(**overrides):
    return web_form(
        **{
            "appeal_type": "complaint",
            "subject": "超市销售过期食品",
            "description": "嘉定区某超市货架上的酸奶已过期三天仍在销售。",
            "address": "城中路1号",
            "reporter_name": "张伟",
            "reporter_phone": "13800138001",
            "reporter_email": "zhang@example.cn",
            "submission_key": "k-1",
            **overrides,
        }
    )


def test_citizen_raises_a_complaint_and_sees_it_dispatched(client, loop):
    client.force_login(loop["citizen"])
    response = client.post(NEW, _form(), follow=True)
    appeal = Appeal.objects.get()
    assert appeal.number in response.content.decode()
    page = client.get(reverse("participation:my_appeal", args=[appeal.number])).content.decode()
    assert "已派单" in page and "市场监管局" in page


def test_double_clicked_submit_makes_one_appeal(client, loop):
    client.force_login(loop["citizen"])
    client.post(NEW, _form())
    client.post(NEW, _form())
    assert Appeal.objects.count() == 1


def test_hostile_text_and_emoji_are_stored_and_shown_escaped(client, loop):
    client.force_login(loop["citizen"])
    hostile = "<script>alert(1)</script>😀\u202e反转 ' OR 1=1 --"
    client.post(NEW, _form(subject="😀<b>标题</b>", description=hostile))
    appeal = Appeal.objects.get()
    assert "😀" in appeal.description and "\u202e" not in appeal.description
    page = client.get(reverse("participation:my_appeal", args=[appeal.number])).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;😀" in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("description", "长" * 20000, "2000"),
        ("region_code", "999999", "请选择"),
        ("reporter_phone", "12345", "11位"),
        ("subject", "   ", "标题"),
    ],
)
def test_bad_input_gets_a_chinese_error_and_stores_nothing(client, loop, field, value, message):
    client.force_login(loop["citizen"])
    response = client.post(NEW, _form(**{field: value}))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Appeal.objects.count() == 0


def test_forged_region_code_is_refused_by_the_service_too(loop):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.appeal_submit(
            data=appeal_input(region_code="310114 "[:5] + "X"), actor=loop["citizen"]
        )
    assert Appeal.objects.count() == 0


def test_full_width_phone_is_normalised(client, loop):
    client.force_login(loop["citizen"])
    client.post(NEW, _form(reporter_phone="１３８００１３８００１"))
    assert Appeal.objects.get().reporter_phone == "13800138001"


def test_executable_attachment_is_refused_and_nothing_is_stored(client, loop, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path)
    client.force_login(loop["citizen"])
    data = _form()
    data["attachments"] = [
        SimpleUploadedFile("photo.png", PNG, content_type="image/png"),
        SimpleUploadedFile("invoice.pdf", EXE, content_type="application/pdf"),
    ]
    response = client.post(NEW, data)
    assert "不是有效的 PDF、JPG 或 PNG 文件" in response.content.decode()
    assert Appeal.objects.count() == 0 and AppealAttachment.objects.count() == 0
    assert not any(tmp_path.rglob("*-*"))


def test_valid_attachment_is_kept_and_served_only_to_the_reporter(client, loop, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path)
    client.force_login(loop["citizen"])
    data = _form()
    data["attachments"] = [SimpleUploadedFile("photo.png", PNG, content_type="image/png")]
    client.post(NEW, data)
    attachment = AppealAttachment.objects.get()
    url = reverse("participation:attachment", args=[attachment.pk])
    assert client.get(url).content == PNG
    client.force_login(citizen())
    assert client.get(url).status_code == 404


def test_anonymous_complaint_needs_login_but_a_report_does_not(client, loop):
    response = client.post(NEW, _form())
    assert "需要登录后提交" in response.content.decode()
    assert Appeal.objects.count() == 0
    client.post(NEW, _form(appeal_type="report", submission_key="k-2"))
    appeal = Appeal.objects.get()
    assert appeal.reporter is None and appeal.state == State.DISPATCHED


def test_other_reporters_appeal_by_url_is_404(client, loop):
    appeal = services.appeal_submit(data=appeal_input(), actor=loop["citizen"])
    client.force_login(citizen())
    assert client.get(reverse("participation:my_appeal", args=[appeal.number])).status_code == 404
    url = reverse("participation:my_appeal_action", args=[appeal.number, "reopen"])
    assert client.post(url, {"reason": "x"}).status_code == 404


def test_lookup_by_number_and_phone_wrong_phone_is_404_and_rate_limited(client, loop, settings):
    settings.PARTICIPATION_LOOKUP_RATE = 3
    appeal = services.appeal_submit(data=appeal_input(), actor=loop["citizen"])
    url = reverse("participation:appeal_lookup")
    ok = client.post(url, {"number": f" {appeal.number} ", "phone": "１３８００１３８００１"})
    assert ok.status_code == 200 and appeal.subject in ok.content.decode()
    assert client.post(url, {"number": appeal.number, "phone": "13900000000"}).status_code == 404
    assert client.post(url, {"number": appeal.number, "phone": "13800138001"}).status_code == 200
    assert client.post(url, {"number": appeal.number, "phone": "13800138001"}).status_code == 429


def test_lookup_finds_a_number_typed_with_inner_spaces_or_full_width(client, loop):
    appeal = services.appeal_submit(data=appeal_input(), actor=loop["citizen"])
    url = reverse("participation:appeal_lookup")
    number = appeal.number
    grouped = " ".join(number[i : i + 4] for i in range(0, len(number), 4))
    wide = "\u3000".join(
        "".join(chr(ord(c) + 0xFEE0) for c in number[i : i + 4]) for i in range(0, len(number), 4)
    )
    for typed in (grouped, wide, number.lower().replace(number[2:4].lower(), number[2:4] + " ")):
        response = client.post(url, {"number": typed, "phone": "13800138001"})
        assert response.status_code == 200, typed
        assert appeal.subject in response.content.decode()
    assert client.post(url, {"number": f"{grouped} 9", "phone": "13800138001"}).status_code == 404


def test_department_cannot_open_an_appeal_not_dispatched_to_it(client, loop):
    appeal = services.appeal_submit(data=appeal_input(), actor=loop["citizen"])
    client.force_login(loop["housing_staff"])
    assert (
        client.get(reverse("participation:department_appeal", args=[appeal.number])).status_code
        == 404
    )
    take = reverse("participation:department_action", args=[appeal.number, "take"])
    assert client.post(take).status_code == 404
    assert (
        appeal.number not in client.get(reverse("participation:department_home")).content.decode()
    )
    client.force_login(loop["market_staff"])
    assert (
        client.get(reverse("participation:department_appeal", args=[appeal.number])).status_code
        == 200
    )


def test_department_sees_masked_contact_and_unmasking_is_recorded(client, loop):
    appeal = services.appeal_submit(data=appeal_input(), actor=loop["citizen"])
    client.force_login(loop["market_staff"])
    page = client.get(
        reverse("participation:department_appeal", args=[appeal.number])
    ).content.decode()
    assert "13800138001" not in page and "138****8001" in page and "张伟" not in page
    url = reverse("participation:department_action", args=[appeal.number, "unmask"])
    page = client.post(url, {"reason": "需电话核实地址"}).content.decode()
    assert "13800138001" in page
    event = AppealEvent.objects.get(appeal=appeal, action="unmask")
    assert not event.public and "需电话核实地址" in event.note


def test_report_reporter_is_never_visible_to_the_department(client, loop):
    appeal = services.appeal_submit(
        data=appeal_input(appeal_type="report", reported_department_id=loop["market"].pk),
        actor=loop["citizen"],
    )
    client.force_login(loop["market_staff"])
    url = reverse("participation:department_appeal", args=[appeal.number])
    page = client.get(url).content.decode()
    assert "举报人信息依法保密" in page
    for secret in ("13800138001", "138****8001", "张伟", "张*", "zhang@example.cn"):
        assert secret not in page
    unmask = reverse("participation:department_action", args=[appeal.number, "unmask"])
    page = client.post(unmask, {"reason": "想联系"}, follow=True).content.decode()
    assert "13800138001" not in page and "依法保密" in page
    assert not AppealEvent.objects.filter(appeal=appeal, action="unmask").exists()


def test_return_after_window_is_refused_on_the_page(client, loop):
    import datetime as dt

    from django.utils import timezone

    appeal = services.appeal_submit(data=appeal_input(), actor=loop["citizen"])
    Appeal.objects.filter(pk=appeal.pk).update(dispatched_at=timezone.now() - dt.timedelta(days=10))
    client.force_login(loop["market_staff"])
    url = reverse("participation:department_action", args=[appeal.number, "return"])
    page = client.post(url, {"reason": "不归我们管"}, follow=True).content.decode()
    assert "已超过退单时限" in page
    appeal.refresh_from_db()
    assert appeal.state == State.DISPATCHED


def test_hotline_operator_records_a_phone_call(client, loop):
    client.force_login(loop["operator"])
    response = client.post(
        reverse("participation:centre_intake"), _form(reporter_email=""), follow=True
    )
    appeal = Appeal.objects.get()
    assert appeal.channel == "hotline" and appeal.state == State.ACCEPTED
    assert "派单目录建议：市场监管局" in response.content.decode()
    client.post(reverse("participation:centre_action", args=[appeal.number, "dispatch"]), {})
    appeal.refresh_from_db()
    assert appeal.state == State.DISPATCHED and appeal.department == loop["market"]


def test_citizen_cannot_open_the_hotline_or_department_queue(client, loop):
    client.force_login(loop["citizen"])
    assert client.get(reverse("participation:centre_home")).status_code == 403
    assert client.get(reverse("participation:department_home")).status_code == 403


def test_department_queue_query_count(client, loop, django_assert_max_num_queries):
    for i in range(5):
        services.appeal_submit(data=appeal_input(), actor=loop["citizen"], submission_key=f"q{i}")
    client.force_login(loop["market_staff"])
    with django_assert_max_num_queries(12):
        response = client.get(reverse("participation:department_home"))
    assert response.status_code == 200

"""The window (issue 12, items 1, 2, 8), from the clerk's and the citizen's side.

A clerk relies on: 受理 cannot go through, whatever is posted, until every required material
was checked 符合 (or is 容缺 with the commitment taken, by the clerk, on the record); 不予受理
and 补正 say why and about what; a draft is never the window's business; the queue finds a case
by number (however typed), applicant or service. Both sides read plain words.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from accounts.identity import mask_name
from accounts.tests.factories import DepartmentFactory, UserFactory
from applications import services, storage
from applications.constants import MaterialCheck, Status
from applications.deadlines import add_working_days
from applications.models import Application, ApplicationEvent
from applications.tests.factories import (
    PDF_BYTES,
    ServiceFactory,
    checked,
    clerk_for,
    png_bytes,
    submitted_application,
    supervisor,
)
from worklog.models import WorkRecord

pytestmark = pytest.mark.django_db


def _decide(client, app, **data):
    return client.post(f"/counter/{app.pk}/decide/", data, follow=True)


def _unchanged(app, status=Status.SUBMITTED):
    before = ApplicationEvent.objects.filter(application=app).count()
    app.refresh_from_db()
    assert app.status == status and app.accepted_at is None
    return before


# --- 受理 is refused until every required material is checked --------------------------------


@pytest.mark.parametrize(
    "posted",
    [
        {},  # nothing checked at all (the "—")
        {"check_contract": MaterialCheck.OK},  # the photo neither checked nor tolerated
        {"check_contract": MaterialCheck.WRONG, "check_photo": MaterialCheck.OK},  # failed
        {"check_contract": MaterialCheck.MISSING, "check_photo": MaterialCheck.OK},
        {"check_contract": "bogus", "check_photo": MaterialCheck.OK},  # a value the UI never sends
    ],
)
def test_accept_with_an_unchecked_or_failed_material_is_refused_and_nothing_changes(client, posted):
    app = submitted_application()
    client.force_login(clerk_for())
    events = ApplicationEvent.objects.filter(application=app).count()
    response = _decide(client, app, action="accept", **posted)
    assert response.status_code == 200
    assert "尚未核验为“符合”，不能受理" in response.text
    _unchanged(app)
    assert ApplicationEvent.objects.filter(application=app).count() == events
    # the checks posted with the refused step were not kept either
    assert app.materials.get(code="contract").check_status == MaterialCheck.PENDING
    assert not app.documents.filter(doc_type="acceptance").exists()


def test_accept_is_refused_when_the_case_lacks_a_material_the_guide_requires(client):
    """Walked in the demo: history cases at the window carried no material rows, so every check
    passed vacuously and 受理 went through with nothing checked. The guide's list counts."""
    app = submitted_application()
    app.materials.filter(code="photo").delete()
    client.force_login(clerk_for())
    response = _decide(client, app, action="accept", check_contract="ok")
    assert response.status_code == 200
    assert "近期免冠照片" in response.text and "不能受理" in response.text
    _unchanged(app)
    app.materials.all().delete()
    response = _decide(client, app, action="accept")
    assert "不能受理" in response.text
    _unchanged(app)


def test_checks_saved_first_then_accept_goes_through(client):
    app = submitted_application()
    client.force_login(clerk_for())
    _decide(client, app, action="check", check_contract="ok", check_photo="ok")
    response = _decide(client, app, action="accept")
    assert "已受理" in response.text
    app.refresh_from_db()
    assert app.status == Status.ACCEPTED


def test_the_service_itself_refuses_unchecked_materials():
    app = submitted_application()
    with pytest.raises(services.TransitionError, match="近期免冠照片"):
        services.application_accept(
            application=app, clerk=clerk_for(), checks={"contract": ("ok", "")}
        )
    _unchanged(app)


def test_tolerance_commitment_is_taken_by_the_clerk_who_stays_the_actor(client):
    app = submitted_application()
    clerk = clerk_for()
    client.force_login(clerk)
    # 容缺 without the commitment: refused
    response = _decide(client, app, action="accept", check_contract="ok", tolerate=["photo"])
    assert "容缺承诺" in response.text
    _unchanged(app)
    response = _decide(
        client,
        app,
        action="accept",
        check_contract="ok",
        tolerate=["photo"],
        commitment_signed="1",
    )
    app.refresh_from_db()
    assert app.status == Status.ACCEPTED and app.tolerance_deadline is not None
    assert "代为记录" in app.commitment_text and clerk.display_name in app.commitment_text
    record = WorkRecord.objects.get(action="applications.tolerance_commitment")
    assert record.actor_id == clerk.pk != app.applicant_id
    assert record.extra["on_behalf_of"] == app.applicant_id
    assert WorkRecord.objects.get(action="applications.accept").actor_id == clerk.pk
    event = ApplicationEvent.objects.get(application=app, action="accept")
    assert event.actor_id == clerk.pk and "近期免冠照片" in event.reason


# --- 不予受理 and 一次性补正 --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("posted", "message"),
    [
        ({"items": ["contract"], "note_contract": "伪造", "confirm_reject": "1"}, "写明理由"),
        ({"reason": "不属于本机关职权", "confirm_reject": "1"}, "至少勾选一项"),
        (
            {"reason": "不属于本机关职权", "items": ["contract"], "confirm_reject": "1"},
            "请写明以下材料的问题：劳动合同解除证明",
        ),
        ({"reason": "不属于本机关职权", "items": ["contract"], "note_contract": "x"}, "确认"),
        (
            {"reason": "x", "items": ["nope"], "note_nope": "x", "confirm_reject": "1"},
            "不属于本事项",
        ),
    ],
)
def test_reject_needs_reason_items_and_confirmation(client, posted, message):
    app = submitted_application()
    client.force_login(clerk_for())
    response = _decide(client, app, action="reject", **posted)
    assert message in response.text
    _unchanged(app)


def test_reject_with_everything_records_the_items():
    app = submitted_application()
    services.application_reject_intake(
        application=app,
        clerk=clerk_for(),
        reason="申请事项不属于本机关职权范围",
        items={"contract": "系其他机关出具"},
        confirmed=True,
    )
    app.refresh_from_db()
    assert app.status == Status.NOT_ACCEPTED
    event = app.events.get(action="reject_intake")
    assert "劳动合同解除证明：系其他机关出具" in event.reason


@pytest.mark.parametrize(
    ("posted", "message"),
    [
        ({"reason": "请补正"}, "至少勾选一项"),
        ({"reason": "请补正", "items": ["contract"]}, "请写明以下材料的问题"),
        ({"items": ["contract"], "note_contract": "缺章"}, "补正说明"),
    ],
)
def test_supplement_needs_items_with_problems_and_a_note(client, posted, message):
    app = submitted_application()
    client.force_login(clerk_for())
    assert message in _decide(client, app, action="supplement", **posted).text
    _unchanged(app)


def test_destructive_action_looks_different_and_asks_for_confirmation(client):
    app = submitted_application()
    client.force_login(clerk_for())
    page = client.get(f"/counter/{app.pk}/").text
    assert 'value="accept" class="button button--primary"' in page
    assert 'value="reject" class="button button--danger"' in page
    assert 'name="confirm_reject"' in page and "danger-zone" in page
    assert "<script>" not in page and 'style="' not in page


# --- Drafts, other departments ------------------------------------------------------------------


def _draft_with_upload():
    citizen = UserFactory()
    app = services.application_start(applicant=citizen, service=ServiceFactory())
    item = services.material_upload(
        application=app, actor=citizen, code="contract", data=PDF_BYTES, filename="c.pdf"
    )
    return app, item


@pytest.mark.parametrize("who", ["clerk", "supervisor"])
def test_staff_opening_a_draft_or_its_file_get_404(client, who):
    app, item = _draft_with_upload()
    client.force_login(clerk_for() if who == "clerk" else supervisor())
    assert client.get(f"/counter/{app.pk}/").status_code == (404 if who == "clerk" else 403)
    assert client.get(f"/files/materials/{item.pk}/").status_code == 404
    response = client.post(f"/counter/{app.pk}/decide/", {"action": "accept"})
    assert response.status_code in (403, 404)
    app.refresh_from_db()
    assert app.status == Status.DRAFT


def test_once_submitted_the_clerk_sees_the_case_and_its_file(client):
    app = submitted_application()
    client.force_login(clerk_for())
    item = app.materials.get(code="contract")
    assert client.get(f"/counter/{app.pk}/").status_code == 200
    assert client.get(f"/files/materials/{item.pk}/").status_code == 200


def test_a_clerk_of_another_department_gets_404_and_changes_nothing(client):
    app = submitted_application()
    client.force_login(clerk_for(DepartmentFactory(code="other")))
    assert client.get(f"/counter/{app.pk}/").status_code == 404
    posted = {"action": "accept", **{f"check_{c}": "ok" for c in checked(app)}}
    assert client.post(f"/counter/{app.pk}/decide/", posted).status_code == 404
    _unchanged(app)


# --- The queue ---------------------------------------------------------------------------------


def test_queue_search_by_number_typed_full_width_applicant_and_service(client):
    citizen = UserFactory(real_name="张小三", id_number="110101199003078515")
    app = submitted_application(applicant=citizen)
    app.applicant_name = "张小三"
    app.save(update_fields=["applicant_name"])
    other = submitted_application()
    client.force_login(clerk_for())
    full_width = app.number.lower().translate(
        {ord(c): ord(c) + 0xFEE0 for c in "0123456789abcdefghijklmnopqrstuvwxyz"}
    )
    for params in (
        {"number": f"　{full_width} "},
        {"applicant": "１１０１０１１９９００３０７８５１５"},
        {"applicant": "张小三"},
    ):
        page = client.get("/counter/", params).text
        assert app.number in page and other.number not in page, params
        assert "<td>张小三</td>" not in page and f"<td>{mask_name('张小三')}</td>" in page
    page = client.get("/counter/", {"service": app.service_name}).text
    assert app.number in page and other.number not in page
    assert other.number in client.get("/counter/", {"service": other.service_code}).text
    assert "没有符合条件的办件" in client.get("/counter/", {"number": "NOPE"}).text


def test_queue_filters_by_state_and_due_date_and_never_lists_drafts(client):
    app = submitted_application()
    accepted = submitted_application()
    services.application_accept(application=accepted, clerk=clerk_for(), checks=checked(accepted))
    draft = services.application_start(applicant=UserFactory(), service=ServiceFactory())
    client.force_login(clerk_for())
    default = client.get("/counter/").text
    assert app.number in default and accepted.number not in default
    page = client.get("/counter/", {"status": "accepted"}).text
    assert accepted.number in page and app.number not in page
    # a draft is not a state the window may ask for: the value is refused, nothing listed
    page = client.get("/counter/", {"status": "draft"})
    assert page.status_code == 200 and f'href="/counter/{draft.pk}/"' not in page.text
    far = (app.intake_due + dt.timedelta(days=30)).isoformat()
    assert app.number in client.get("/counter/", {"due_before": far}).text
    early = (app.intake_due - dt.timedelta(days=30)).isoformat()
    assert app.number not in client.get("/counter/", {"due_before": early}).text
    bad = client.get("/counter/", {"due_before": "2026-13-45"})
    assert bad.status_code == 200 and "期限不晚于" in bad.text


def test_queue_is_paginated_and_keeps_the_search(client):
    service = ServiceFactory()
    for _ in range(41):
        submitted_application(service=service)
    client.force_login(clerk_for())
    page = client.get("/counter/", {"service": service.code}).text
    assert "1 / 2" in page and f"service={service.code}&amp;page=2" in page


def test_a_long_queue_shows_a_capped_count_and_still_pages_on(client, monkeypatch):
    """Beyond the cap the count is not worked out (a million rows would be read for it): the
    page says 超过 N 件, and 下一页 still leads past the cap to the last case."""
    from applications import pagination

    monkeypatch.setattr(pagination, "COUNT_CAP", 40)
    service = ServiceFactory()
    apps = [submitted_application(service=service) for _ in range(81)]
    client.force_login(clerk_for())
    first = client.get("/counter/", {"service": service.code}).text
    assert "超过 40 件" in first and "第 1 页" in first and "page=2" in first
    second = client.get("/counter/", {"service": service.code, "page": "2"}).text
    assert "超过 80 件" in second and "page=3" in second
    last = client.get("/counter/", {"service": service.code, "page": "3"}).text
    assert apps[-1].number in last and "超过" not in last and "3 / 3" in last
    assert "下一页" not in last


# --- Plain words ---------------------------------------------------------------------------------


def test_form_values_states_and_clock_in_plain_words(client):
    app = submitted_application()
    clerk = clerk_for()
    client.force_login(clerk)
    page = client.get(f"/counter/{app.pk}/").text
    assert "<dt>申请事由</dt><dd>失业</dd>" in page and "<dt>reason</dt>" not in page
    assert "已提交" in page and "（状态码 12）" in page
    # before acceptance: the 5-day intake period counts, the promise reads "受理后 N …"
    assert "<dt>受理期限</dt>" in page and "受理后 5 个工作日内办结" in page
    assert "<dt>承诺办结期限</dt>" not in page
    client.force_login(app.applicant)
    mine = client.get(f"/me/applications/{app.pk}/").text
    assert "已提交" in mine and "状态码" not in mine
    assert "受理后 5 个工作日内办结" in mine


def test_after_acceptance_the_promised_date_counts_from_acceptance(client):
    app = submitted_application()
    submitted_day = timezone.localdate() - dt.timedelta(days=10)
    Application.objects.filter(pk=app.pk).update(
        submitted_at=timezone.now() - dt.timedelta(days=10)
    )
    app.refresh_from_db()
    services.application_accept(application=app, clerk=clerk_for(), checks=checked(app))
    app.refresh_from_db()
    today = timezone.localdate()
    assert app.promised_due == add_working_days(today, 5) != add_working_days(submitted_day, 5)
    client.force_login(clerk_for())
    app.status = Status.UNDER_REVIEW
    app.save(update_fields=["status"])
    client.force_login(app.applicant)
    page = client.get(f"/me/applications/{app.pk}/").text
    assert "剩余 5 个工作日" in page and "状态码" not in page


def test_accepted_and_under_review_never_share_a_code():
    from applications.constants import VENDOR_CODES

    shown = [c for c in VENDOR_CODES.values() if c]
    assert VENDOR_CODES[Status.ACCEPTED] == "30" and VENDOR_CODES[Status.UNDER_REVIEW] != "30"
    assert len([c for c in shown if c == "30"]) == 1


# --- Upload housekeeping -------------------------------------------------------------------------


def test_a_replaced_upload_is_deleted_once_committed(django_capture_on_commit_callbacks):
    citizen = UserFactory()
    app = services.application_start(applicant=citizen, service=ServiceFactory())
    first = services.material_upload(
        application=app, actor=citizen, code="contract", data=PDF_BYTES, filename="a.pdf"
    )
    old = storage.private_path(first.file_path)
    assert old.exists()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        second = services.material_upload(
            application=app, actor=citizen, code="photo", data=png_bytes(), filename="p.png"
        )
        third = services.material_upload(
            application=app, actor=citizen, code="contract", data=PDF_BYTES, filename="b.pdf"
        )
    assert old.exists()  # not before the commit
    for callback in callbacks:
        callback()
    assert not old.exists()
    assert storage.private_path(third.file_path).exists()
    assert storage.private_path(second.file_path).exists()


def test_download_is_named_from_the_detected_content_type(client):
    citizen = UserFactory()
    app = services.application_start(applicant=citizen, service=ServiceFactory())
    item = services.material_upload(
        application=app, actor=citizen, code="contract", data=PDF_BYTES, filename="invoice.exe"
    )
    client.force_login(citizen)
    response = client.get(f"/files/materials/{item.pk}/")
    assert response.status_code == 200
    assert 'filename="invoice.pdf"' in response["Content-Disposition"]
    assert response["Content-Type"] == "application/pdf"


def test_the_queue_marks_a_long_past_due_date_overdue_and_counts_a_near_one(client):
    """A due date months back reads 已超期 (without walking the calendar day by day); one
    ahead still shows the working days left."""
    late, soon = submitted_application(), submitted_application()
    today = timezone.localdate()
    Application.objects.filter(pk=late.pk).update(intake_due=today - dt.timedelta(days=400))
    Application.objects.filter(pk=soon.pk).update(intake_due=add_working_days(today, 3))
    client.force_login(clerk_for())
    page = client.get("/counter/").text
    late_row = page.split(late.number)[1].split("</tr>")[0]
    soon_row = page.split(soon.number)[1].split("</tr>")[0]
    assert "已超期" in late_row and "剩" not in late_row
    assert "剩 3 个工作日" in soon_row


# --- 窗口代办 with identifiers typed as people type them ---------------------------------------


def _full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def test_walk_in_takes_a_spaced_full_width_id_number_as_the_same_person(client):
    """Walked at the counter: a 身份证号 read out in groups ("3101 1419 …") or typed on a
    full-width keyboard is the same person; the case goes to the existing account."""
    from accounts.tests.factories import new_id_number

    number = new_id_number()
    person = UserFactory(real_name="王五", id_number=number)
    service = ServiceFactory()
    clerk = clerk_for()
    client.force_login(clerk)
    spaced = " ".join(number[i : i + 4] for i in range(0, 18, 4))
    response = client.post(
        "/counter/walk-in/",
        {
            "service_code": _full_width(service.code.lower()) + " ",
            "real_name": " 王五 ",
            "id_number": "　" + _full_width(spaced) + " ",
            "phone": "１３８ ００１３ ８００２",
            "identity_checked": "on",
        },
    )
    app = Application.objects.get(agent_staff=clerk)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert app.applicant_id == person.pk
    assert app.applicant_phone == "13800138002"

"""Staff logins, failed logins, lockouts and 403 denials are in the work record, without the
typed identifier of a failed attempt."""

from __future__ import annotations

import pytest

from accounts.constants import Role
from accounts.tests.factories import UserFactory
from worklog.models import WorkRecord
from worklog.receivers import LOCKOUT, LOGIN, LOGIN_FAILED, login_failed_limit
from worklog.services import WORK_RECORD_CHAIN
from worklog.tests.factories import staff_member

pytestmark = pytest.mark.django_db
PASSWORD = "demo-pass-2026"


def _login(client, login: str, password: str):
    return client.post("/accounts/login/", {"login": login, "password": password})


def test_a_staff_login_is_recorded_and_a_citizens_is_not(client):
    clerk = staff_member(username="clerk1", real_name="李娜")
    assert _login(client, "clerk1", PASSWORD).status_code == 302
    record = WorkRecord.objects.get(action=LOGIN)
    assert (record.actor, record.department_id, record.label) == (
        clerk,
        clerk.department_id,
        "登录",
    )
    assert record.role == "窗口人员"
    UserFactory(username="citizen1")
    client.logout()
    assert _login(client, "citizen1", PASSWORD).status_code == 302
    assert WorkRecord.objects.filter(action=LOGIN).count() == 1


def test_a_failed_login_is_recorded_against_the_account_without_what_was_typed(client):
    clerk = staff_member(username="clerk2")
    response = _login(client, "CLERK2 ", "wrong-password")
    assert response.status_code == 200
    record = WorkRecord.objects.get(action=LOGIN_FAILED)
    assert (record.actor, record.target_id, record.department_id) == (
        None,
        str(clerk.pk),
        clerk.department_id,
    )
    _login(client, "no-such-person-typed-a-secret", "x")
    unknown = WorkRecord.objects.filter(action=LOGIN_FAILED).last()
    assert unknown.target_label == "未知账户"
    stored = " ".join(str(v) for v in WorkRecord.objects.values_list("target_label", "extra"))
    assert "no-such-person" not in stored and "wrong-password" not in stored
    assert WORK_RECORD_CHAIN.verify().ok


def test_reaching_the_failed_login_limit_records_one_lockout(client):
    staff_member(username="clerk3")
    attempts, _seconds = login_failed_limit()
    for _ in range(attempts + 2):
        _login(client, "clerk3", "wrong-password")
    assert WorkRecord.objects.filter(action=LOGIN_FAILED).count() == attempts
    lockout = WorkRecord.objects.get(action=LOCKOUT)
    assert f"登录失败 {attempts} 次" in lockout.reason
    # allauth refuses the account now, even with the right password.
    assert _login(client, "clerk3", PASSWORD).status_code == 200
    assert not WorkRecord.objects.filter(action=LOGIN).exists()


def test_a_staff_member_refused_a_page_gets_403_and_the_attempt_is_recorded(client, settings):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "worklog.middleware.DenialRecordMiddleware"]
    clerk = staff_member(roles=[Role.WINDOW_CLERK])
    client.force_login(clerk)
    response = client.get("/supervision/")
    assert response.status_code == 403
    record = WorkRecord.objects.get(action="accounts.denied")
    assert (record.actor, record.target_label, record.extra) == (
        clerk,
        "/supervision/",
        {"method": "GET"},
    )
    citizen = UserFactory()
    client.force_login(citizen)
    client.get("/supervision/")
    assert WorkRecord.objects.filter(action="accounts.denied").count() == 1


def test_the_lockout_limit_is_read_from_the_rate_limit_setting(settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "20/15m/ip,5/15m/key"}
    assert login_failed_limit() == (5, 900)
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "3/h/key"}
    assert login_failed_limit() == (3, 3600)
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": False}
    assert login_failed_limit() is None

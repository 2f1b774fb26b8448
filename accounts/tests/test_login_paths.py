"""One guarded door: every way in (allauth's login, Wagtail's /admin/login/, a session that
skipped the second factor, an idle session) meets the same lockout, e-mail verification and MFA.

The promises, as a staff member or an attacker would rely on them:
- "Wagtail's login form cannot log anyone in, whatever they post to it."
- "A locked account stays locked at every door."
- "An account whose e-mail is not verified cannot sign in when verification is mandatory."
- "With MFA required, a staff session that has not passed TOTP reaches no staff page and no admin
  page, even if the staff member has enrolled a device."
- "A staff session left idle is logged out."
"""

from __future__ import annotations

import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.urls import reverse

from accounts.constants import Role
from accounts.middleware import LAST_SEEN_KEY
from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "demo-pass-2026"
ADMIN_LOGIN = "/admin/login/"
# Wagtail's front-end login for private pages (wagtailcore_login): a third door if left open.
PAGE_LOGIN = "/_util/login/"
LOGIN = "/accounts/login/"


def _staff(username: str = "reviewer1", *, verified: bool = True, superuser: bool = False):
    user = UserFactory(username=username, staff=True, roles=[Role.DEPT_REVIEWER])
    if superuser:
        user.is_superuser = True
        user.save(update_fields=["is_superuser"])
    EmailAddress.objects.create(user=user, email=user.email, verified=verified, primary=True)
    return user


def _totp_code(secret: str) -> str:
    counter = int(time.time()) // mfa_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(secret, counter))


def _logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_wagtail_login_form_logs_nobody_in(client):
    _staff("editor", superuser=True)
    response = client.post(ADMIN_LOGIN, {"username": "editor", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert not _logged_in(client)
    # GET lands on the one login page, keeping a safe next and dropping a foreign one.
    assert client.get(f"{ADMIN_LOGIN}?next=/admin/pages/")["Location"] == (
        f"{LOGIN}?next=%2Fadmin%2Fpages%2F"
    )
    assert client.get(f"{ADMIN_LOGIN}?next=https://evil.example/")["Location"] == (
        f"{LOGIN}?next=%2Fadmin%2F"
    )


def test_wagtail_page_login_form_logs_nobody_in(client):
    """The private-page login Wagtail serves at /_util/login/ is the same door, not a side one."""
    _staff("pagereader", superuser=True)
    response = client.post(PAGE_LOGIN, {"username": "pagereader", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert not _logged_in(client)
    assert client.get(f"{PAGE_LOGIN}?next=/notices/")["Location"] == (f"{LOGIN}?next=%2Fnotices%2F")


def test_admin_sends_anonymous_visitors_to_the_one_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_a_locked_account_stays_locked_at_every_door(client):
    _staff("locked", superuser=True)
    for _ in range(5):
        client.post(LOGIN, {"login": "locked", "password": "wrong-password"})
    for url in (LOGIN, ADMIN_LOGIN, PAGE_LOGIN):
        client.post(url, {"login": "locked", "username": "locked", "password": PASSWORD})
        assert not _logged_in(client), url


def test_twelve_wrong_passwords_at_the_admin_door_still_lock_the_account(client):
    _staff("hammered", superuser=True)
    for _ in range(12):
        client.post(ADMIN_LOGIN, {"username": "hammered", "password": "wrong"}, follow=True)
        client.post(LOGIN, {"login": "hammered", "password": "wrong"})
    client.post(LOGIN, {"login": "hammered", "password": PASSWORD})
    assert not _logged_in(client)


def test_unverified_email_cannot_sign_in_when_verification_is_mandatory(client, settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    _staff("unverified", verified=False, superuser=True)
    for url in (LOGIN, ADMIN_LOGIN, PAGE_LOGIN):
        client.post(url, {"login": "unverified", "username": "unverified", "password": PASSWORD})
        assert not _logged_in(client), url


def test_enrolled_staff_without_mfa_in_this_session_is_sent_through_the_second_factor(
    client, settings
):
    settings.STAFF_MFA_REQUIRED = True
    user = _staff("enrolled", superuser=True)
    TOTP.activate(user, generate_totp_secret())
    client.force_login(user)  # as a login path that skipped the second factor would leave it
    for url in ("/staff/", "/admin/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("mfa_reauthenticate")), url


def test_password_then_totp_opens_the_admin(client, settings):
    settings.STAFF_MFA_REQUIRED = True
    user = _staff("twofactor", superuser=True)
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    response = client.post(LOGIN, {"login": "twofactor", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_authenticate"))
    assert not _logged_in(client)
    # A wrong code does not open the door.
    client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert not _logged_in(client)
    response = client.post(reverse("mfa_authenticate"), {"code": _totp_code(secret)})
    assert _logged_in(client)
    assert client.get("/admin/").status_code == 200
    assert client.get("/staff/").status_code == 200


def test_staff_without_a_device_must_enrol_before_any_staff_page(client, settings):
    settings.STAFF_MFA_REQUIRED = True
    client.force_login(_staff("fresh"))
    response = client.get("/staff/")
    assert response["Location"] == reverse("mfa_activate_totp")


def test_idle_staff_session_is_logged_out(client, settings):
    settings.STAFF_IDLE_TIMEOUT_MINUTES = 30
    client.force_login(_staff("idle"))
    assert client.get("/staff/").status_code == 200
    session = client.session
    session[LAST_SEEN_KEY] = time.time() - 31 * 60
    session.save()
    response = client.get("/staff/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert not _logged_in(client)


def test_staff_land_on_their_workbench_after_login(client):
    _staff("lander")
    response = client.post(LOGIN, {"login": "lander", "password": PASSWORD})
    assert response["Location"] == "/staff/"

"""Password reset and e-mail verification, end to end through allauth's views."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from accounts.demo import make_id_number
from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _first_link(body: str) -> str:
    return re.search(r"https?://[^\s]+", body).group(0).replace("http://testserver", "")


def test_password_reset_by_email(client):
    user = UserFactory(username="resetme", email="resetme@example.cn")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    response = client.post("/accounts/password/reset/", {"email": "resetme@example.cn"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = _first_link(mail.outbox[0].body)
    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link
    response = client.post(
        form_url, {"password1": "Brand-new-pass-2026", "password2": "Brand-new-pass-2026"}
    )
    assert response.status_code == 302
    assert client.login(username="resetme", password="Brand-new-pass-2026")


def test_signup_with_mandatory_verification_sends_confirmation(client, settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    response = client.post(
        "/accounts/signup/",
        {
            "username": "verifyme",
            "email": "verifyme@example.cn",
            "password1": "A-very-good-pass-2026",
            "password2": "A-very-good-pass-2026",
            "kind": "citizen",
            "real_name": "赵六",
            "id_number": make_id_number("31011019950505123"),
            "phone": "13700001111",
        },
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    address = EmailAddress.objects.get(email="verifyme@example.cn")
    assert not address.verified
    link = _first_link(mail.outbox[0].body)
    client.post(link)
    address.refresh_from_db()
    assert address.verified

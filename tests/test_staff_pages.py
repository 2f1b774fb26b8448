"""Every staff page: anonymous visitors are sent to login, citizens and businesses get 403."""

import pytest

from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

STAFF_PAGES = [
    "/staff/",
    "/counter/",
    "/review/",
    "/review/tickets/",
    "/supervision/",
    "/business/questions/overdue/",
    "/hotline/",
    "/hotline/new/",
    "/dept/appeals/",
    "/participation/moderation/",
    "/staff/sharing/",
]


@pytest.mark.parametrize("path", STAFF_PAGES)
def test_anonymous_is_sent_to_login(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("path", STAFF_PAGES)
@pytest.mark.parametrize("kind", ["citizen", "business"])
def test_non_staff_get_403(client, path, kind):
    user = UserFactory(business=True) if kind == "business" else UserFactory()
    client.force_login(user)
    assert client.get(path).status_code == 403

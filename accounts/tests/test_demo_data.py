import pytest
from django.core.management import call_command

from accounts.models import Department, User

pytestmark = pytest.mark.django_db


def test_load_demo_data_is_idempotent_and_creates_every_demo_login(client):
    call_command("load_demo_data")
    counts = (Department.objects.count(), User.objects.count())
    call_command("load_demo_data")
    assert (Department.objects.count(), User.objects.count()) == counts
    for username in [
        "citizen",
        "citizen2",
        "business",
        "clerk",
        "reviewer",
        "publisher",
        "supervisor",
        "admin",
    ]:
        assert client.login(username=username, password="demo-pass-2026"), username
        assert User.objects.get(username=username).is_active


def test_no_demo_accounts_exist_without_demo_data():
    assert not User.objects.filter(username="citizen").exists()

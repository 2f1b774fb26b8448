"""Connector health in the Wagtail admin, and the plugin registry."""

from __future__ import annotations

import re

import pytest

from data_exchange.connectors import REGISTRY, evidence_type_defs

pytestmark = pytest.mark.django_db(transaction=True)


def test_every_contract_evidence_type_is_provided_with_a_schema():
    codes = set(evidence_type_defs())
    assert codes == {
        "gongan.household_register",
        "scjg.business_licence",
        "rsj.social_insurance",
        "bdc.property_certificate",
        "jyj.education_certificate",
        "mzj.marriage_registration",
        "wjw.birth_certificate",
    }
    schema = evidence_type_defs()["rsj.social_insurance"].json_schema()
    assert schema["properties"]["months_paid"]["type"] == "integer"
    assert "public-security" in REGISTRY


def test_health_page_shows_reachability_and_key(client, simulator, exchange_config):
    from accounts.tests.factories import UserFactory

    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    simulator.control("rsj", "down")
    simulator.control("bdc", "unknown_key")
    html = client.get("/admin/data-exchange/health/").content.decode()
    assert "public-security" in html and "gongan-2026" in html
    assert "不可达" in html
    assert "unknown_key" in html


def test_health_page_is_for_superusers_only(client, exchange_config):
    from accounts.constants import Role
    from accounts.tests.factories import DepartmentFactory, UserFactory

    staff = UserFactory(staff=True, roles=[Role.DEPT_REVIEWER], department=DepartmentFactory())
    client.force_login(staff)
    assert client.get("/admin/data-exchange/health/").status_code in (302, 403)


def test_health_page_names_the_evidence_each_connector_provides(client, exchange_config):
    """Operators read 户籍信息, not the registry key gongan.household_register."""
    from accounts.tests.factories import UserFactory

    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    html = client.get("/admin/data-exchange/health/").content.decode()
    for definition in evidence_type_defs().values():
        assert f'title="{definition.code}">{definition.name}</span>' in html
    cells = re.findall(r"<td>(.*?)</td>", html, re.S)
    assert not any(
        ">gongan.household_register<" in c or c == "gongan.household_register" for c in cells
    )
    assert "gongan.household_register," not in html

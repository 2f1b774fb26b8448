"""A department without a configured URL is "not configured", never the simulator by default.

What an operator and a citizen rely on: the admin's health view says 未配置 for such a
department; a pull from it is told as "temporarily unavailable" (the item waits, nothing
is verified, the log says why), never a 500 and never a silent call to a demo address.
"""

from __future__ import annotations

import pytest

from accounts.tests.factories import UserFactory
from data_exchange import selectors, services
from data_exchange.connectors import REGISTRY, connector_for_department
from data_exchange.models import EvidenceItem, ExchangeLogEntry
from data_exchange.simulator.records import DEPARTMENTS
from data_exchange.tests.factories import AccessRuleFactory, zhang_wei

pytestmark = pytest.mark.django_db(transaction=True)

HOUSEHOLD = "gongan.household_register"


@pytest.fixture
def nothing_configured(settings, exchange_config):
    settings.DATA_EXCHANGE_CONNECTOR_URLS = {}
    settings.DATA_EXCHANGE_SIMULATOR_STATE_FILE = ""
    for connector in REGISTRY.values():
        services.breaker_reset(connector.department_code)


def test_connector_without_url_reports_not_configured(nothing_configured):
    connector = connector_for_department("gongan")
    assert connector.base_url() == ""
    assert any("DATA_EXCHANGE_URL_GONGAN" in p for p in connector.check_config())
    report = connector.health()
    assert not report.configured and not report.reachable


def test_health_page_shows_not_configured(client, nothing_configured):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    html = client.get("/admin/data-exchange/health/").content.decode()
    assert html.count("未配置") == len(REGISTRY)
    assert "DATA_EXCHANGE_URL_GONGAN" in html


def test_pull_from_unconfigured_department_waits_and_is_logged(nothing_configured):
    user = zhang_wei()
    services.evidence_request(
        actor=user,
        subject=user,
        service_code="RSJ-20-0001",
        evidence_types=[HOUSEHOLD],
        purpose="办理失业登记（RSJ-20-0001），核验申请材料",
        reference="application:not-configured",
    )
    (preview,) = selectors.evidence_previews(user=user, reference="application:not-configured")
    assert preview.status == "pending"
    assert preview.values == {}
    item = EvidenceItem.objects.get(reference="application:not-configured")
    assert item.verified_at is None
    row = ExchangeLogEntry.objects.get(reference=item.reference, event="response")
    assert row.outcome == "unavailable"
    assert "not configured" in row.detail


def test_certified_fetch_from_unconfigured_department_is_unavailable(nothing_configured):
    user = zhang_wei()
    AccessRuleFactory(service_code="GONGAN-01-0001", evidence_type=HOUSEHOLD, fields=["name"])
    with pytest.raises(services.EvidenceUnavailable, match="暂时无法访问"):
        services.certified_record_fetch(
            actor=user,
            subject=user,
            evidence_type=HOUSEHOLD,
            purpose="换证",
            service_code="GONGAN-01-0001",
        )


def test_connectors_name_the_departments_the_simulator_plays():
    """Department names come from the connectors (production never reads the simulator)."""
    names = {c.department_code: c.department_name for c in REGISTRY.values()}
    assert names == {code: value[0] for code, value in DEPARTMENTS.items()}

from __future__ import annotations

import pytest

from portal.models import NegativeListItem, PowerEntry, PublicServiceEntry, ResponsibilityItem
from portal.selectors import Verdict, negative_lookup
from services_catalog.constants import ADMINISTRATIVE_POWER_TYPES

pytestmark = pytest.mark.django_db(transaction=False)


def test_demo_lists_load_idempotently(client):
    from accounts import demo as accounts_demo
    from portal import demo
    from services_catalog import demo as catalogue_demo
    from services_catalog.selectors import services_live

    accounts_demo.load()
    catalogue_demo.load()
    demo.load()
    powers = PowerEntry.objects.filter(live=True)
    assert powers.count() >= 300
    assert set(powers.values_list("power_type", flat=True)) == {
        t.value for t in ADMINISTRATIVE_POWER_TYPES
    }
    assert not powers.filter(responsibilities__isnull=True).exists()
    assert ResponsibilityItem.objects.filter(power__power_type="02", stage="调查取证").exists()
    # Every catalogue service that names a power links to a live power entry.
    power_codes = set(services_live().exclude(power_code="").values_list("power_code", flat=True))
    assert power_codes <= set(powers.values_list("code", flat=True))
    food = services_live().get(code="SCJG-01-0002")
    body = client.get(f"/lists/power/{food.power_code}/").content.decode()
    assert "食品经营许可" in body and "/services/SCJG-01-0002/" in body

    assert (
        NegativeListItem.objects.filter(category="prohibited", code__startswith="1000").count() == 6
    )
    assert negative_lookup(query="网吧").verdict == Verdict.PERMIT
    assert negative_lookup(query="开药店").verdict == Verdict.PERMIT
    restaurant = negative_lookup(query="开饭店")
    assert restaurant.verdict == Verdict.PERMIT
    assert "SCJG-01-0002" in restaurant.items[0].service_code_list
    assert negative_lookup(query="开赌场").verdict == Verdict.PROHIBITED
    assert negative_lookup(query="卖水果").verdict == Verdict.NOT_LISTED
    assert PublicServiceEntry.objects.filter(service_code="RSJ-20-0001", live=True).exists()

    counts = (
        PowerEntry.objects.count(),
        NegativeListItem.objects.count(),
        PublicServiceEntry.objects.count(),
    )
    demo.load()
    assert (
        PowerEntry.objects.count(),
        NegativeListItem.objects.count(),
        PublicServiceEntry.objects.count(),
    ) == counts

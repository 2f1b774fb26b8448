"""The benchmark volume generators (bench/volume.py): bulk, idempotent, removable."""

from __future__ import annotations

import pytest

from bench.volume import (
    power_volume_delete,
    power_volume_generate,
    services_volume_delete,
    services_volume_generate,
)
from portal.models import PowerEntry, ResponsibilityItem
from portal.tests.factories import (
    PowerEntryFactory,
    PowerLegalBasisFactory,
    ResponsibilityItemFactory,
)
from services_catalog.models import Material, ServiceItem
from services_catalog.tests.factories import MaterialFactory, ServiceItemFactory

pytestmark = pytest.mark.django_db


def test_generate_volume_is_bulk_and_idempotent(django_assert_max_num_queries):
    template = ServiceItemFactory(code="RSJ-20-0001", name="失业登记")
    MaterialFactory(service=template, name="居民身份证")
    with django_assert_max_num_queries(40):
        assert services_volume_generate(count=250) == 250
    assert services_volume_generate(count=250) == 0
    assert services_volume_generate(count=300) == 50
    volume = ServiceItem.objects.filter(code__startswith="V", live=True)
    assert volume.count() == 300
    assert Material.objects.filter(service__in=volume).count() == 300
    sample = volume.first()
    assert sample.name.startswith("失业登记（") and sample.department_id == template.department_id
    assert services_volume_delete() >= 300
    assert not ServiceItem.objects.filter(code__startswith="V").exists()


def test_generate_volume_without_templates_creates_nothing():
    assert services_volume_generate(count=10) == 0


def test_power_volume_generator_is_idempotent():
    template = PowerEntryFactory()
    PowerLegalBasisFactory(power=template)
    ResponsibilityItemFactory(power=template)
    assert power_volume_generate(count=30) == 30
    assert power_volume_generate(count=30) == 0
    assert PowerEntry.objects.filter(live=True, code__startswith="VQL").count() == 30
    assert ResponsibilityItem.objects.filter(power__code__startswith="VQL").count() == 30
    assert power_volume_delete() > 0
    assert not PowerEntry.objects.filter(code__startswith="VQL").exists()

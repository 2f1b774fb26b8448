"""免申即享 scan through Redis and a real Celery worker against PostgreSQL."""

import time

import pytest
from django.db import transaction

from accounts.tests.factories import UserFactory
from policies import services
from policies.models import BenefitNotice, BenefitScanRun
from policies.tests.factories import business_profile, policy_page

pytestmark = pytest.mark.integration


def test_scan_runs_on_real_worker(celery_worker_process):
    qualifying = [UserFactory(business=True) for _ in range(3)]
    for user in qualifying:
        business_profile(organisation=user.organisation)
    other = UserFactory(business=True)
    business_profile(organisation=other.organisation, values={"enterprise_size": "大"})
    policy = policy_page(auto=True, rule=[(1, "enterprise_size", "in", "小,微")])
    with transaction.atomic():
        run = services.benefit_scan_start()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        run.refresh_from_db()
        if run.status != "running":
            break
        time.sleep(0.5)
    assert run.status == "done", celery_worker_process.log()
    assert run.processed == run.total == 4 and run.notices_created == 3
    assert set(
        BenefitNotice.objects.filter(policy=policy).values_list("organisation_id", flat=True)
    ) == {u.organisation_id for u in qualifying}
    assert BenefitScanRun.objects.count() == 1

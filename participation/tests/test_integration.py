"""Against real PostgreSQL (trigram duplicates, concurrent double submits) and a Celery worker."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from participation.appeals import services
from participation.appeals.duplicates import _trigram_available, duplicate_candidates
from participation.appeals.models import Appeal
from participation.tests.factories import appeal_input, citizen, setup_loop
from tests.fixtures.common import require

pytestmark = pytest.mark.integration


@pytest.fixture
def postgres():
    require(connection.vendor == "postgresql", "set DATABASE_URL to a PostgreSQL URL")
    _trigram_available.cache_clear()


@pytest.mark.django_db
def test_trigram_finds_the_similar_open_appeal_in_the_same_region(postgres):
    loop = setup_loop()
    assert _trigram_available()
    first = services.appeal_submit(data=appeal_input(), actor=loop["citizen"])
    services.appeal_submit(
        data=appeal_input(subject="路灯不亮", description="小区门口的路灯坏了一个月。"),
        actor=citizen(),
        submission_key="other",
    )
    services.appeal_submit(
        data=appeal_input(region_code="310104"), actor=citizen(), submission_key="elsewhere"
    )
    second = services.appeal_submit(
        data=appeal_input(
            subject="超市销售过期酸奶", description="嘉定区超市货架上过期的酸奶还在销售。"
        ),
        actor=citizen(),
        submission_key="dup",
    )
    found = [c.appeal.pk for c in duplicate_candidates(appeal=second)]
    assert found and found[0] == first.pk
    assert all(Appeal.objects.get(pk=pk).region_code == "310114" for pk in found)


@pytest.mark.django_db(transaction=True)
def test_concurrent_double_submit_makes_one_appeal(postgres):
    loop = setup_loop()
    results, errors = [], []

    def submit():
        try:
            results.append(
                services.appeal_submit(
                    data=appeal_input(), actor=loop["citizen"], submission_key="same"
                )
            )
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert Appeal.objects.filter(submission_key="same").count() == 1
    assert len({a.pk for a in results}) == 1

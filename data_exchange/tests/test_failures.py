"""Each failure case of issue 4, against the real simulator process."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from kombu.exceptions import OperationalError

from data_exchange import selectors, services, tasks
from data_exchange.exchange_log import log_verify
from data_exchange.models import (
    AccessRule,
    EvidenceItem,
    ExchangeLogEntry,
    OutboxMessage,
    SigningKey,
)
from data_exchange.tests.factories import AccessRuleFactory, zhang_wei

pytestmark = pytest.mark.django_db(transaction=True)

PURPOSE = "办理失业登记（RSJ-20-0001），核验申请材料"
HOUSEHOLD = "gongan.household_register"


def _request(user, ref, types=(HOUSEHOLD,), service="RSJ-20-0001", fields=None, purpose=PURPOSE):
    services.evidence_request(
        actor=user,
        subject=user,
        service_code=service,
        evidence_types=list(types),
        purpose=purpose,
        reference=ref,
        fields=fields,
    )


def _preview(user, ref):
    (preview,) = selectors.evidence_previews(user=user, reference=ref)
    return preview


def _assert_rejected(user, ref, code):
    preview = _preview(user, ref)
    assert preview.status == "failed"
    assert preview.offer_upload
    assert preview.values == {}
    item = EvidenceItem.objects.get(reference=ref)
    assert item.failure_code == code
    assert ExchangeLogEntry.objects.filter(event="security", outcome=code, reference=ref).exists()
    assert log_verify().ok


@pytest.mark.parametrize(
    ("mode", "code"),
    [
        ("tampered", "bad_signature"),
        ("unknown_key", "unknown_key"),
        ("expired_key", "expired_key"),
        ("wrong_request_hash", "request_hash_mismatch"),
    ],
)
def test_untrustworthy_response_rejected_logged_upload_offered(
    simulator, exchange_config, mode, code
):
    user = zhang_wei()
    simulator.control("gongan", mode)
    _request(user, "application:bad")
    _assert_rejected(user, "application:bad", code)


def test_replayed_response_rejected(simulator, exchange_config):
    user = zhang_wei()
    simulator.control("gongan", "replay")
    _request(user, "application:first")
    assert _preview(user, "application:first").status == "verified"
    # A different purpose, so no cached result: the department sends the first answer again.
    _request(user, "application:second", purpose="另一次申请")
    _assert_rejected(user, "application:second", "replay")


def test_revoked_key_rejected(simulator, exchange_config):
    user = zhang_wei()
    SigningKey.objects.filter(key_id="gongan-2026").update(revoked_at=timezone.now())
    _request(user, "application:revoked")
    _assert_rejected(user, "application:revoked", "revoked_key")


def test_department_error_500_leaves_pull_pending_then_completes(
    simulator, exchange_config, settings
):
    settings.DATA_EXCHANGE_BREAKER_COOLDOWN = 0
    settings.DATA_EXCHANGE_RETRY_BACKOFF = 0
    user = zhang_wei()
    simulator.control("gongan", "error")
    _request(user, "application:500")
    assert _preview(user, "application:500").status == "pending"
    simulator.control("gongan", "normal")
    services.outbox_redispatch()
    assert _preview(user, "application:500").status == "verified"


def test_department_down_during_200_submissions(simulator, exchange_config, settings):
    settings.DATA_EXCHANGE_BREAKER_COOLDOWN = 0
    settings.DATA_EXCHANGE_RETRY_BACKOFF = 0
    user = zhang_wei()
    simulator.control("gongan", "down")
    refs = [f"application:down-{n}" for n in range(200)]
    for ref in refs:
        _request(user, ref)
        services.evidence_reference_submitted(reference=ref)
    assert EvidenceItem.objects.filter(reference__in=refs).count() == 200
    assert EvidenceItem.objects.filter(reference__in=refs, status="pending").count() == 200
    assert OutboxMessage.objects.filter(completed_at__isnull=True).count() == 200
    assert services.breaker_state("gongan") in ("open", "half_open")
    simulator.control("gongan", "normal")
    services.breaker_reset("gongan")
    services.outbox_redispatch()
    assert EvidenceItem.objects.filter(reference__in=refs, status="verified").count() == 200
    assert OutboxMessage.objects.filter(completed_at__isnull=True).count() == 0
    assert EvidenceItem.objects.filter(submitted_at__isnull=True).count() == 0
    assert log_verify().ok


def test_broker_unavailable_while_submitting_loses_nothing(simulator, exchange_config, monkeypatch):
    user = zhang_wei()

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:1. Connection refused.")

    monkeypatch.setattr(tasks.evidence_pull_batch, "apply_async", broker_down)
    monkeypatch.setattr(tasks.evidence_pull, "apply_async", broker_down)
    _request(user, "application:redis", types=(HOUSEHOLD, "rsj.social_insurance"))
    services.evidence_reference_submitted(reference="application:redis")
    rows = OutboxMessage.objects.filter(item__reference="application:redis")
    assert rows.count() == 2
    assert all(row.dispatched_at is None for row in rows)
    monkeypatch.undo()  # Redis returns; the beat job re-dispatches
    assert services.outbox_redispatch() == 2
    previews = selectors.evidence_previews(user=user, reference="application:redis")
    assert {p.status for p in previews} == {"verified"}


def test_service_outside_access_rules_is_refused(simulator, exchange_config):
    user = zhang_wei()
    with pytest.raises(services.EvidenceRefused):
        _request(user, "application:refused", types=("bdc.property_certificate",))
    preview = _preview(user, "application:refused")
    assert preview.status == "refused"
    assert preview.offer_upload
    assert ExchangeLogEntry.objects.filter(
        event="refused", reference="application:refused"
    ).exists()
    assert not ExchangeLogEntry.objects.filter(
        event="request", reference="application:refused"
    ).exists()


def test_field_outside_access_rules_is_refused(simulator, exchange_config):
    user = zhang_wei()
    with pytest.raises(services.EvidenceRefused):
        _request(user, "application:fields", fields={HOUSEHOLD: ["name", "ethnicity"]})
    assert _preview(user, "application:fields").status == "refused"


def test_deny_by_default_without_rule(simulator, exchange_config):
    user = zhang_wei()
    AccessRule.objects.filter(service_code="RSJ-20-0001", evidence_type=HOUSEHOLD).update(
        active=False
    )
    with pytest.raises(services.EvidenceRefused):
        _request(user, "application:inactive")
    with pytest.raises(services.EvidenceRefused):
        services.certified_record_fetch(
            actor=user,
            subject=user,
            evidence_type=HOUSEHOLD,
            purpose="x",
            service_code="RSJ-20-0001",
        )


def test_certified_fetch_unavailable_when_department_down(simulator, exchange_config):
    user = zhang_wei()
    AccessRuleFactory(service_code="GONGAN-01-0001", evidence_type=HOUSEHOLD, fields=["name"])
    simulator.control("gongan", "down")
    with pytest.raises(services.EvidenceUnavailable):
        services.certified_record_fetch(
            actor=user,
            subject=user,
            evidence_type=HOUSEHOLD,
            purpose="换证",
            service_code="GONGAN-01-0001",
        )


def test_circuit_breaker_opens_and_stops_calling(simulator, exchange_config, settings):
    settings.DATA_EXCHANGE_BREAKER_THRESHOLD = 3
    user = zhang_wei()
    simulator.control("gongan", "down")
    for n in range(5):
        _request(user, f"application:cb-{n}")
    assert services.breaker_state("gongan") == "open"
    assert ExchangeLogEntry.objects.filter(outcome="circuit_open").count() == 2


def test_unsubmitted_evidence_purged_after_24_hours(simulator, exchange_config):
    user = zhang_wei()
    _request(user, "application:kept")
    services.evidence_reference_submitted(reference="application:kept")
    _request(user, "application:abandoned")
    EvidenceItem.objects.update(created_at=timezone.now() - timezone.timedelta(hours=25))
    assert services.evidence_purge_unsubmitted() == 1
    assert EvidenceItem.objects.filter(reference="application:kept").exists()
    assert not EvidenceItem.objects.filter(reference="application:abandoned").exists()
    assert ExchangeLogEntry.objects.filter(event="purge").count() == 1


def test_cache_reused_only_for_the_same_purpose(simulator, exchange_config):
    user = zhang_wei()
    _request(user, "application:c1")
    _request(user, "application:c2")
    assert ExchangeLogEntry.objects.filter(event="cache").count() == 1
    services.evidence_request(
        actor=user,
        subject=user,
        service_code="RSJ-20-0001",
        evidence_types=[HOUSEHOLD],
        purpose="另一用途",
        reference="application:c3",
    )
    assert ExchangeLogEntry.objects.filter(event="cache").count() == 1
    assert ExchangeLogEntry.objects.filter(event="response", outcome="verified").count() == 2


def test_verify_exchange_log_names_first_broken_record(simulator, exchange_config, db):
    from django.db import connection

    user = zhang_wei()
    _request(user, "application:log")
    call_command("verify_exchange_log")
    entries = list(ExchangeLogEntry.objects.order_by("id"))
    assert len(entries) >= 2
    table = "data_exchange_exchangelogentry"
    if connection.vendor == "postgresql":  # what only a superuser bypassing the trigger can do
        with connection.cursor() as cursor:
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER data_exchange_log_append_only")
    ExchangeLogEntry.objects.filter(pk=entries[1].pk).update(purpose="篡改")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER data_exchange_log_append_only")
    with pytest.raises(CommandError, match=f"record {entries[1].pk}"):
        call_command("verify_exchange_log")


def test_decide_only_by_subject_and_only_verified(simulator, exchange_config):
    from django.core.exceptions import PermissionDenied, ValidationError

    from data_exchange.tests.factories import li_na

    user, other = zhang_wei(), li_na()
    simulator.control("gongan", "tampered")
    _request(user, "application:d")
    with pytest.raises(PermissionDenied):
        services.evidence_decide(
            actor=other, reference="application:d", evidence_type=HOUSEHOLD, use=False
        )
    with pytest.raises(ValidationError):
        services.evidence_decide(
            actor=user, reference="application:d", evidence_type=HOUSEHOLD, use=True
        )
    services.evidence_decide(
        actor=user, reference="application:d", evidence_type=HOUSEHOLD, use=False
    )
    assert _preview(user, "application:d").decision == "not_use"


def test_request_for_someone_else_refused(simulator, exchange_config):
    from django.core.exceptions import PermissionDenied

    from data_exchange.tests.factories import li_na

    user, other = zhang_wei(), li_na()
    with pytest.raises(PermissionDenied):
        services.evidence_request(
            actor=other,
            subject=user,
            service_code="RSJ-20-0001",
            evidence_types=[HOUSEHOLD],
            purpose=PURPOSE,
            reference="application:x",
        )
    _request(user, "application:mine")
    with pytest.raises(PermissionDenied):  # the reference belongs to someone else
        _request(other, "application:mine")


def test_repeated_request_resumes_a_stalled_pull(simulator, exchange_config, settings):
    """Without a beat process (embedded demo) the citizen's next visit resumes the pull."""
    settings.DATA_EXCHANGE_BREAKER_COOLDOWN = 0
    settings.DATA_EXCHANGE_RETRY_BACKOFF = 0
    user = zhang_wei()
    simulator.control("gongan", "down")
    _request(user, "application:resume")
    assert _preview(user, "application:resume").status == "pending"
    simulator.control("gongan", "normal")
    services.breaker_reset("gongan")
    _request(user, "application:resume")
    assert _preview(user, "application:resume").status == "verified"
    assert EvidenceItem.objects.filter(reference="application:resume").count() == 1

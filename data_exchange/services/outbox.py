"""The outbox: rows written with the request, dispatched as batch pull tasks, pulled and settled.

Where losing a task would lose a pull, the row stays in the database until its pull has an
outcome; the beat job re-dispatches what a broker outage or a crash left behind.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Department
from data_exchange.connectors import (
    DepartmentUnavailable,
    connector_for_evidence_type,
    evidence_type_def,
)
from data_exchange.constants import VERIFICATION_FAILURES, EvidenceStatus, LogEvent
from data_exchange.exchange_log import log_append_many
from data_exchange.models import EvidenceItem, OutboxMessage
from data_exchange.services.breaker import breaker_key
from data_exchange.services.enqueue import PULL_BATCH, enqueue
from data_exchange.services.log import (
    department_name,
    item_log_fields,
    log_row,
    service_prefix,
)
from data_exchange.services.pull import Pull, pulls_fetch, pulls_request, pulls_verify
from data_exchange.services.result_cache import cache_key, cache_put, cached_blob, parse_dt

logger = logging.getLogger(__name__)

BATCH_MAX = 20  # outbox rows per batch task


# --- dispatch -------------------------------------------------------------------------------
def outbox_dispatch(*, outbox_ids: list[int]) -> int:
    """Enqueue the rows as batch pull tasks (one reference's rows: one task, pulled concurrently).

    Rows that cannot be enqueued stay undispatched for the beat job; nothing is lost. Returns
    the number of rows enqueued.
    """
    ids = list(dict.fromkeys(outbox_ids))
    sent = 0
    for start in range(0, len(ids), BATCH_MAX):
        batch = ids[start : start + BATCH_MAX]
        # Marked first: an eager (in-process) run may already reschedule the rows itself.
        OutboxMessage.objects.filter(pk__in=batch, completed_at__isnull=True).update(
            dispatched_at=timezone.now(), dispatch_count=F("dispatch_count") + 1
        )
        try:
            enqueue(PULL_BATCH, batch, retry=False)
        except Exception as exc:  # broker down: the rows stay undispatched, nothing is lost
            OutboxMessage.objects.filter(pk__in=batch, completed_at__isnull=True).update(
                dispatched_at=None
            )
            logger.warning(
                "outbox %s not dispatched (%s); will retry",
                batch,
                type(exc).__name__,
                exc_info=True,
            )
            continue
        sent += len(batch)
    return sent


def outbox_due(now: dt.datetime, stale_after: int) -> Q:
    """Rows to dispatch: never dispatched and due, or dispatched long ago and not completed."""
    return (
        Q(dispatched_at__isnull=True)
        & (Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
    ) | Q(dispatched_at__lt=now - dt.timedelta(seconds=stale_after))


def outbox_redispatch(*, stale_after: int = 600) -> int:
    """Re-enqueue rows never dispatched, due again, or dispatched long ago and not completed.

    Rows are grouped per reference, so one application's pulls run together again.
    """
    rows = (
        OutboxMessage.objects.filter(completed_at__isnull=True)
        .filter(outbox_due(timezone.now(), stale_after))
        .order_by("pk")
        .values_list("pk", "item__reference")
    )
    by_reference: dict[str, list[int]] = {}
    for outbox_id, reference in rows[:1000]:
        by_reference.setdefault(reference, []).append(outbox_id)
    return sum(outbox_dispatch(outbox_ids=ids) for ids in by_reference.values())


def outbox_mark_retry_later(*, outbox_id: int) -> None:
    """Leave the row for a later dispatch, backing off exponentially up to the breaker cool-down."""
    row = OutboxMessage.objects.filter(pk=outbox_id, completed_at__isnull=True).first()
    if row is None:
        return
    exponent = min(max(row.dispatch_count - 1, 0), 10)
    delay = min(
        settings.DATA_EXCHANGE_RETRY_BACKOFF * (2**exponent),
        max(settings.DATA_EXCHANGE_BREAKER_COOLDOWN, settings.DATA_EXCHANGE_RETRY_BACKOFF),
    )
    OutboxMessage.objects.filter(pk=outbox_id, completed_at__isnull=True).update(
        dispatched_at=None, next_attempt_at=timezone.now() + dt.timedelta(seconds=delay)
    )


# --- pulls ----------------------------------------------------------------------------------
def evidence_pull(*, outbox_id: int) -> str:
    """Run one outbox row's pull (the per-item retry path). Safe to run twice.

    Raises DepartmentUnavailable so that the task retries with backoff.
    """
    outcome = evidence_pull_batch(outbox_ids=[outbox_id])
    if outcome.unavailable:
        raise DepartmentUnavailable("department unavailable")
    return outcome.statuses[outbox_id]


@dataclass
class BatchOutcome:
    statuses: dict[int, str]  # outbox id → the item's status afterwards ("done": nothing to do)
    unavailable: list[int]  # outbox ids whose department could not be reached: retry these


@dataclass
class _BatchRow:
    """One outbox row inside a batch: its item, its pull (None: unknown type) and outcome."""

    outbox_id: int
    item: EvidenceItem
    pull: Pull | None
    cache_key: str = ""
    outcome: dict | None = None  # the item's new state, once decided

    def fail(self, code: str, reason: str) -> None:
        self.outcome = {
            "status": EvidenceStatus.FAILED,
            "failure_code": code,
            "failure_reason": reason,
        }

    def verified(self, *, values: dict, payload: dict) -> None:
        self.outcome = {
            "status": EvidenceStatus.VERIFIED,
            "values": values,
            "valid_until": parse_dt(payload.get("valid_until")),
            "key_id": str(payload.get("key_id") or ""),
            "response_id": str(payload.get("response_id") or ""),
        }


def _batch_load(outbox_ids: list[int]) -> list[OutboxMessage]:
    """The open rows with their items, and the service's handling department for the log's
    requester, in one query."""
    return list(
        OutboxMessage.objects.select_related(
            "item", "item__subject", "item__requested_by", "item__requested_by__department"
        )
        .filter(pk__in=outbox_ids, completed_at__isnull=True)
        .annotate(service_prefix=service_prefix("item__service_code"))
        .annotate(
            service_department=Subquery(
                Department.objects.filter(code=OuterRef("service_prefix")).values("name")[:1]
            )
        )
        .order_by("pk")
    )


def _batch_row(message: OutboxMessage, memo: dict) -> _BatchRow:
    item = message.item
    definition = evidence_type_def(item.evidence_type)
    connector = connector_for_evidence_type(item.evidence_type)
    if definition is None or connector is None:
        return _BatchRow(outbox_id=message.pk, item=item, pull=None)
    pull = Pull(
        connector=connector,
        definition=definition,
        holder_id=item.holder_id,
        fields=item.fields,
        purpose=item.purpose,
        service_code=item.service_code,
        context={
            "actor": item.requested_by,
            "subject": item.subject,
            "reference": item.reference,
            "memo": memo,
        },
    )
    key = cache_key(
        holder_id=item.holder_id,
        evidence_type=item.evidence_type,
        service_code=item.service_code,
        purpose=item.purpose,
        fields=item.fields,
    )
    return _BatchRow(outbox_id=message.pk, item=item, pull=pull, cache_key=key)


def _batch_start(rows: list[_BatchRow], found: dict, breakers: dict, memo: dict) -> list[dict]:
    """Settle unknown types and cached results; request the rest. Returns the log rows."""
    log_rows: list[dict] = []
    for row in rows:
        item = row.item
        if row.pull is None:
            log_rows.append(
                log_row(
                    event=LogEvent.REFUSED,
                    outcome="refused",
                    actor=item.requested_by,
                    fields=item.fields,
                    memo=memo,
                    **item_log_fields(item),
                )
            )
            reason = _("未登记的数据类型：%(code)s") % {"code": item.evidence_type}
            row.fail("refused", reason + _("，请上传材料。"))
            continue
        cached = cached_blob(found.get(row.cache_key))
        if cached is not None:
            response_id = str(cached.get("response_id") or "")
            log_rows.append(
                row.pull.log_row(event=LogEvent.CACHE, outcome="verified", response_id=response_id)
            )
            row.verified(values=cached["values"], payload=cached)
            continue
        log_rows.extend(pulls_request([row.pull], breakers))
    return log_rows


def _batch_settle(row: _BatchRow) -> None:
    """The item's outcome from its pull; an unavailable department leaves it pending."""
    pull = row.pull
    if row.outcome is not None or pull is None or pull.failure == "unavailable":
        return
    if pull.result is not None:
        row.verified(values=pull.result.values, payload=pull.result.payload)
    elif pull.failure == "error":
        row.fail("error", _("部门接口返回错误（%(e)s），请上传材料。") % {"e": pull.error})
    elif pull.failure == "not_found":
        row.fail(
            "not_found",
            _("%(dept)s未查到您的相关记录，请上传材料。")
            % {"dept": department_name(row.item.department_code)},
        )
    elif pull.failure:
        reason = VERIFICATION_FAILURES.get(pull.failure, pull.failure)
        row.fail(pull.failure, str(reason) + _("，请上传材料。"))


def evidence_pull_batch(*, outbox_ids: list[int]) -> BatchOutcome:
    """Run several outbox rows' pulls together; safe to run twice.

    The department calls run concurrently in threads (network only). This thread does the
    database work in a few statements: one load; one transaction recording the attempts and
    the REQUEST/CACHE log rows before any department is called; one transaction recording the
    replay ids, the items' outcomes, the outbox completions and the RESPONSE/SECURITY log rows.
    Rows whose department is unavailable (down, 5xx, timeout, circuit open, not configured)
    stay pending and are returned in `unavailable` for the caller to retry with backoff.
    """
    messages = _batch_load(outbox_ids)
    statuses: dict[int, str] = dict.fromkeys(outbox_ids, "done")
    settled = [m.pk for m in messages if m.item.status != EvidenceStatus.PENDING]
    if settled:
        OutboxMessage.objects.filter(pk__in=settled).update(completed_at=timezone.now())
    for m in messages:
        statuses[m.pk] = m.item.status
    memo = {m.item.service_code: m.service_department for m in messages}
    rows = [_batch_row(m, memo) for m in messages if m.item.status == EvidenceStatus.PENDING]
    if not rows:
        return BatchOutcome(statuses=statuses, unavailable=[])
    departments = {row.pull.department for row in rows if row.pull is not None}
    # One cache round trip: cached results and the departments' circuit breakers.
    found = cache.get_many(
        [row.cache_key for row in rows if row.cache_key] + [breaker_key(d) for d in departments]
    )
    breakers = {d: found.get(breaker_key(d)) or {} for d in departments}
    # The requests are on record before any department is called.
    log_append_many(_batch_start(rows, found, breakers, memo))
    pulls = [row.pull for row in rows if row.pull is not None and row.outcome is None]
    response_rows = pulls_fetch(pulls, breakers)
    with transaction.atomic():
        response_rows += pulls_verify(pulls)
        for row in rows:
            _batch_settle(row)
        _batch_store_outcomes(rows, statuses)
        log_append_many(response_rows)
    for row in rows:
        if row.pull is not None and row.pull.result is not None:
            cache_put(row.cache_key, payload=row.pull.result.payload, values=row.pull.result.values)
    unavailable = [
        row.outbox_id for row in rows if row.pull is not None and row.pull.failure == "unavailable"
    ]
    return BatchOutcome(statuses=statuses, unavailable=unavailable)


def _batch_store_outcomes(rows: list[_BatchRow], statuses: dict[int, str]) -> None:
    """Count the attempt on every item; write the decided ones (only while still pending, so a
    concurrent or repeated run changes nothing) and complete their outbox rows."""
    now = timezone.now()
    waiting = [row.item.pk for row in rows if row.outcome is None]
    if waiting:
        EvidenceItem.objects.filter(pk__in=waiting).update(attempts=F("attempts") + 1)
    decided = [row for row in rows if row.outcome is not None]
    for row in decided:
        outcome = row.outcome
        item = EvidenceItem(
            status=outcome["status"],
            valid_until=outcome.get("valid_until"),
            key_id=outcome.get("key_id", ""),
            response_id=outcome.get("response_id", ""),
            failure_code=outcome.get("failure_code", ""),
            failure_reason=str(outcome.get("failure_reason", ""))[:200],
        )
        item.values = outcome.get("values") or {}
        updated = EvidenceItem.objects.filter(pk=row.item.pk, status=EvidenceStatus.PENDING).update(
            status=item.status,
            values_encrypted=item.values_encrypted,
            valid_until=item.valid_until,
            key_id=item.key_id,
            response_id=item.response_id,
            failure_code=item.failure_code,
            failure_reason=item.failure_reason,
            verified_at=now if item.status == EvidenceStatus.VERIFIED else None,
            attempts=F("attempts") + 1,
            updated_at=now,
        )
        if updated:
            statuses[row.outbox_id] = item.status
        else:  # settled meanwhile by another run (or purged): keep what is there
            current = EvidenceItem.objects.filter(pk=row.item.pk).values_list("status", flat=True)
            statuses[row.outbox_id] = current.first() or "done"
    if decided:
        OutboxMessage.objects.filter(pk__in=[row.outbox_id for row in decided]).update(
            completed_at=now
        )

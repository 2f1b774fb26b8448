"""The one pull-and-verify path: request, receive and verify evidence, every step logged.

A `Pull` moves through three phases, each over a list of pulls so that a batch does its
database work in a few statements while a single pull (`pull_one`) goes the same way:

1. `pulls_request`: the circuit breaker, the signed request and its REQUEST log row;
2. `pulls_fetch`: the department calls, concurrently in threads (network only), and the
   signature check against keys read once;
3. `pulls_verify` (inside the caller's transaction): replay ids recorded in one statement,
   the binding to the request and holder, and the record itself.

A pull ends with `result` set, or with `failure` ("unavailable", "error", "not_found" or the
VerificationError code) and the exception behind it in `error`.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from data_exchange.connectors import (
    REGISTRY,
    ConnectorError,
    DepartmentConnector,
    DepartmentUnavailable,
    EvidenceTypeDef,
)
from data_exchange.constants import LogEvent
from data_exchange.exchange_log import log_append_many
from data_exchange.services.breaker import breaker_is_open, breaker_key, breaker_record
from data_exchange.services.log import log_row
from data_exchange.signing import request_hash
from data_exchange.verification import (
    SignedResponse,
    VerificationError,
    envelope_check_binding,
    envelope_check_signature,
    responses_mark_seen,
    signing_keys,
)

logger = logging.getLogger(__name__)

REQUESTER = "ywtb-portal"


@dataclass
class PullResult:
    payload: dict
    values: dict
    request_id: str
    envelope: dict = field(default_factory=dict)


@dataclass
class Pull:
    """One piece of evidence on its way from request to verified result (or failure)."""

    connector: DepartmentConnector
    definition: EvidenceTypeDef
    holder_id: str
    fields: list[str]
    purpose: str
    service_code: str
    context: dict  # the log rows' actor, subject and reference (and a batch's memo)
    request: dict | None = None
    body: bytes | None = None
    signed: SignedResponse | None = None
    result: PullResult | None = None
    failure: str = ""
    error: Exception | None = None

    @property
    def department(self) -> str:
        return self.connector.department_code

    def log_row(self, **kwargs) -> dict:
        return log_row(
            department_code=self.department,
            holder_id=self.holder_id,
            evidence_type=self.definition.code,
            purpose=self.purpose,
            service_code=self.service_code,
            fields=self.fields,
            request_id=self.request["request_id"] if self.request else "",
            **self.context,
            **kwargs,
        )

    def fail(self, failure: str, error: Exception) -> None:
        self.failure, self.error = failure, error

    @property
    def pending(self) -> bool:
        return self.result is None and not self.failure


def build_request(
    *,
    definition: EvidenceTypeDef,
    holder_id: str,
    fields: list[str],
    purpose: str,
    service_code: str,
) -> dict:
    return {
        "request_id": str(uuid.uuid4()),
        "nonce": uuid.uuid4().hex,
        "requested_at": timezone.now().isoformat(),
        "requester": REQUESTER,
        "evidence_type": definition.code,
        "holder_id": holder_id,
        "fields": fields,
        "purpose": purpose,
        "service_code": service_code,
        "explicit_request": True,
        "preview": True,
    }


def breakers_load(departments: set[str]) -> dict[str, dict]:
    """The departments' circuit-breaker states, in one cache round trip."""
    found = cache.get_many([breaker_key(d) for d in departments])
    return {d: found.get(breaker_key(d)) or {} for d in departments}


def pulls_request(pulls: list[Pull], breakers: dict[str, dict]) -> list[dict]:
    """Phase 1: build the requests (none where the breaker is open); the REQUEST log rows.

    The caller writes the rows before calling `pulls_fetch`: requests are on record before any
    department is called.
    """
    rows = []
    for pull in pulls:
        if breaker_is_open(breakers.get(pull.department)):
            rows.append(pull.log_row(event=LogEvent.REQUEST, outcome="circuit_open"))
            pull.fail("unavailable", DepartmentUnavailable("circuit open"))
            continue
        pull.request = build_request(
            definition=pull.definition,
            holder_id=pull.holder_id,
            fields=pull.fields,
            purpose=pull.purpose,
            service_code=pull.service_code,
        )
        rows.append(pull.log_row(event=LogEvent.REQUEST, outcome="sent"))
    return rows


_POOL_LOCK = threading.Lock()
_POOL: tuple[int, ThreadPoolExecutor] | None = None


def _department_pool() -> ThreadPoolExecutor:
    """This process's threads for department calls (created after a worker fork, never before).

    The calls are I/O-bound, so threads overlap the waiting; they touch no ORM.
    """
    global _POOL
    with _POOL_LOCK:
        if _POOL is None or _POOL[0] != os.getpid():
            size = max(4, len(REGISTRY))
            _POOL = (os.getpid(), ThreadPoolExecutor(size, thread_name_prefix="dx-pull"))
        return _POOL[1]


def _fetch(connector: DepartmentConnector, request: dict) -> tuple[bytes | None, Exception | None]:
    """The HTTP call only (runs in a pool thread)."""
    try:
        return connector.fetch_evidence(request), None
    except (DepartmentUnavailable, ConnectorError) as exc:
        return None, exc


def _security(pull: Pull, exc: VerificationError, rows: list[dict]) -> None:
    """A rejected response: a security event in the log; no retry."""
    rows.append(pull.log_row(event=LogEvent.SECURITY, outcome=exc.code, detail=exc.detail))
    logger.warning(
        "data exchange security event %s from %s (%s)",
        exc.code,
        pull.department,
        pull.definition.code,
    )
    pull.fail(exc.code, exc)


def pulls_fetch(pulls: list[Pull], breakers: dict[str, dict]) -> list[dict]:
    """Phase 2: call the departments concurrently and check the signatures; log rows of failures.

    Failed calls count towards their department's breaker; a department that answered every
    call has its breaker reset.
    """
    to_send = [pull for pull in pulls if pull.request is not None and pull.pending]
    pool = _department_pool()
    futures = [(pull, pool.submit(_fetch, pull.connector, pull.request)) for pull in to_send]
    # While the departments answer: the keys to verify them with, in one query.
    keys = signing_keys(departments={pull.department for pull in to_send})
    rows: list[dict] = []
    failed: set[str] = set()
    answered: set[str] = set()
    for pull, future in futures:
        body, error = future.result()
        if error is not None:
            breaker_record(pull.department, ok=False)
            failed.add(pull.department)
            unavailable = isinstance(error, DepartmentUnavailable)
            outcome = "unavailable" if unavailable else "error"
            rows.append(pull.log_row(event=LogEvent.RESPONSE, outcome=outcome, detail=str(error)))
            pull.fail(outcome, error)
            continue
        answered.add(pull.department)
        pull.body = body
        try:
            pull.signed = envelope_check_signature(
                department_code=pull.department, body=body, now=timezone.now(), keys=keys
            )
            if not pull.signed.response_id:
                raise VerificationError("malformed", "response_id")
        except VerificationError as exc:
            _security(pull, exc, rows)
    # Nothing to reset where the breaker holds no failures.
    recovered = [breaker_key(d) for d in answered - failed if breakers.get(d)]
    if recovered:
        cache.delete_many(recovered)
    return rows


def pulls_verify(pulls: list[Pull]) -> list[dict]:
    """Phase 3, inside the caller's transaction: replays, binding and the record; log rows."""
    signed = [pull for pull in pulls if pull.signed is not None and pull.pending]
    replays = responses_mark_seen([pull.signed for pull in signed])
    now = timezone.now()
    rows: list[dict] = []
    for pull in signed:
        try:
            if pull.signed.response_id in replays:
                raise VerificationError("replay", pull.signed.response_id)
            payload = envelope_check_binding(
                signed=pull.signed,
                now=now,
                expected_request_hash=request_hash(pull.request),
                expected_holder_id=pull.holder_id,
            )
        except VerificationError as exc:
            _security(pull, exc, rows)
            continue
        response_id = str(payload.get("response_id", ""))
        record = payload.get("record")
        if payload.get("status") != "found" or not isinstance(record, dict):
            rows.append(
                pull.log_row(event=LogEvent.RESPONSE, outcome="not_found", response_id=response_id)
            )
            pull.fail("not_found", LookupError(pull.definition.code))
            continue
        pull.result = PullResult(
            payload=payload,
            values={key: record[key] for key in pull.fields if key in record},
            request_id=pull.request["request_id"],
            envelope=json.loads(pull.body.decode("utf-8")),
        )
        rows.append(
            pull.log_row(event=LogEvent.RESPONSE, outcome="verified", response_id=response_id)
        )
    return rows


def pull_one(pull: Pull) -> PullResult:
    """Request, receive and verify one piece of evidence. Every step is logged.

    Raises DepartmentUnavailable (retry later; also for a connector without a URL),
    VerificationError (security event; no retry), LookupError (the department holds no
    record) or ConnectorError.
    """
    breakers = breakers_load({pull.department})
    log_append_many(pulls_request([pull], breakers))
    rows = pulls_fetch([pull], breakers)
    with transaction.atomic():
        rows += pulls_verify([pull])
        log_append_many(rows)
    if pull.result is None:
        raise pull.error
    return pull.result

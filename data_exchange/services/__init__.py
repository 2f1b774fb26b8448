"""Writes of the data exchange: explicit requests, pulls, decisions, wallet and real-name checks.

Public API (contracts.md): EvidenceRefused, EvidenceUnavailable, evidence_request,
evidence_decide, evidence_decide_on_behalf, evidence_reference_submitted,
certified_record_fetch. The other names are called by this app's tasks, views, admin and
management commands. The modules, by concern:

- `access`: access rules (deny by default) and the checks every request passes;
- `log`: the one helper that builds exchange-log rows;
- `pull`: the one pull-and-verify path, for single and batch pulls;
- `breaker`, `result_cache`: the per-department circuit breaker and the verified-result cache;
- `outbox`: dispatching outbox rows as batch pull tasks and settling their items;
- `records`: evidence records, 使用/不使用 decisions and the purge of unsubmitted data;
- `certified`: the synchronous verified pull;
- `wallet`: 电子证照 fetch, store and re-check; `real_name`: real-name verification;
- `enqueue`: the one way these services reach the Celery tasks;
- `sharing`: sharing agreements (共享申请/共享协议), the source of the services' access rules.
"""

from data_exchange.services.access import (
    EvidenceRefused,
    EvidenceUnavailable,
    access_rule_fields,
    access_rules_active,
)
from data_exchange.services.breaker import (
    breaker_allows,
    breaker_record,
    breaker_reset,
    breaker_state,
)
from data_exchange.services.certified import certified_record_fetch
from data_exchange.services.log import department_for_service, department_name
from data_exchange.services.outbox import (
    BATCH_MAX,
    BatchOutcome,
    evidence_pull,
    evidence_pull_batch,
    outbox_dispatch,
    outbox_mark_retry_later,
    outbox_redispatch,
)
from data_exchange.services.pull import REQUESTER, PullResult
from data_exchange.services.real_name import RealNameResult, real_name_verify
from data_exchange.services.records import (
    evidence_decide,
    evidence_decide_on_behalf,
    evidence_purge_unsubmitted,
    evidence_reference_submitted,
    evidence_request,
)
from data_exchange.services.sharing import (
    agreement_approve,
    agreement_approved_ensure,
    agreement_refuse,
    agreement_request,
    agreement_withdraw,
)
from data_exchange.services.wallet import (
    WALLET_PURPOSE,
    LicenceCheck,
    licence_store,
    licence_verify,
    wallet_refresh,
)

__all__ = [
    "BATCH_MAX",
    "REQUESTER",
    "WALLET_PURPOSE",
    "BatchOutcome",
    "EvidenceRefused",
    "EvidenceUnavailable",
    "LicenceCheck",
    "PullResult",
    "RealNameResult",
    "access_rule_fields",
    "access_rules_active",
    "agreement_approve",
    "agreement_approved_ensure",
    "agreement_refuse",
    "agreement_request",
    "agreement_withdraw",
    "breaker_allows",
    "breaker_record",
    "breaker_reset",
    "breaker_state",
    "certified_record_fetch",
    "department_for_service",
    "department_name",
    "evidence_decide",
    "evidence_decide_on_behalf",
    "evidence_pull",
    "evidence_pull_batch",
    "evidence_purge_unsubmitted",
    "evidence_reference_submitted",
    "evidence_request",
    "licence_store",
    "licence_verify",
    "outbox_dispatch",
    "outbox_mark_retry_later",
    "outbox_redispatch",
    "real_name_verify",
    "wallet_refresh",
]

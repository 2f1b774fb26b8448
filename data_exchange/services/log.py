"""The one logging helper of the exchange: who asked, about whom, for what (see exchange_log).

Every exchange-log row is built by `log_row` and written by `log_event` (one row) or
`exchange_log.log_append_many` (several rows in one statement, as the pulls do).
"""

from __future__ import annotations

from django.db.models import Case, Value, When
from django.db.models.functions import Lower, StrIndex, Substr
from django.utils.translation import gettext as _

from accounts import crypto
from accounts.identity import mask_id_number
from accounts.models import Department, User
from data_exchange.connectors import connector_for_department, evidence_type_def
from data_exchange.constants import SERVICE_PROFILE, SERVICE_REAL_NAME, SERVICE_WALLET, HolderKind
from data_exchange.exchange_log import log_append


def department_for_service(service_code: str) -> Department | None:
    """The handling department of a catalogue service, from its 实施编码 prefix (RSJ-… → rsj)."""
    prefix = (service_code or "").split("-", 1)[0].lower()
    return Department.objects.filter(code=prefix).first() if prefix else None


def service_prefix(column: str):
    """SQL for department_for_service's prefix of a service-code column (RSJ-… → rsj)."""
    return Case(
        When(
            **{f"{column}__contains": "-"},
            then=Lower(Substr(column, 1, StrIndex(column, Value("-")) - 1)),
        ),
        default=Lower(column),
    )


def _connector_department_name(code: str) -> str:
    """The name a department's connector declares, or the code when there is none."""
    connector = connector_for_department(code)
    return connector.department_name if connector is not None else code


def department_name(code: str) -> str:
    """A department's name: the registered Department, else the one its connector declares."""
    department = Department.objects.filter(code=code).first()
    if department is not None:
        return department.name
    return _connector_department_name(code)


def actor_department(
    actor: User | None, service_code: str, memo: dict[str, str | None] | None = None
) -> str:
    """The department shown as the requester in the log.

    `memo` maps service codes to their handling department's name (None: no such department),
    e.g. preloaded for a batch; lookups not in it are added to it.
    """
    if actor is not None and actor.department_id:
        return actor.department.name
    if memo is not None and service_code in memo:
        name = memo[service_code]
    else:
        department = department_for_service(service_code)
        name = department.name if department is not None else None
        if memo is not None:
            memo[service_code] = name
    if name is not None:
        return name
    prefix = (service_code or "").split("-", 1)[0].lower()
    if "-" in (service_code or "") and prefix:  # not a registered department
        return _connector_department_name(prefix)
    return {
        SERVICE_PROFILE: _("惠企政策服务"),
        SERVICE_WALLET: _("电子证照夹"),
        SERVICE_REAL_NAME: _("实名认证"),
    }.get(service_code, _("一网通办门户"))


def _organisation_scoped(evidence_type: str, service_code: str, department_code: str) -> bool:
    """Rows about organisation-held data are visible to every agent of the organisation;
    rows about an agent's personal data only to that agent."""
    definition = evidence_type_def(evidence_type) if evidence_type else None
    if definition is not None:
        return definition.holder_kind == HolderKind.ORGANISATION
    return service_code == SERVICE_REAL_NAME and department_code == "scjg"


def log_row(
    *,
    event: str,
    outcome: str,
    actor: User | None,
    subject: User | None,
    holder_id: str = "",
    reference: str = "",
    service_code: str = "",
    evidence_type: str = "",
    department_code: str = "",
    purpose: str = "",
    fields: list | None = None,
    request_id: str = "",
    response_id: str = "",
    detail: str = "",
    memo: dict | None = None,
) -> dict:
    """The fields of one exchange-log row (see exchange_log.log_append / log_append_many)."""
    return {
        "event": event,
        "outcome": outcome,
        "actor_id": actor.pk if actor else None,
        "actor_name": actor.display_name if actor else "",
        "actor_department": actor_department(actor, service_code, memo),
        "subject_user_id": subject.pk if subject else None,
        "organisation_id": subject.organisation_id
        if subject and _organisation_scoped(evidence_type, service_code, department_code)
        else None,
        "holder_digest": crypto.blind_index(holder_id) if holder_id else "",
        "holder_masked": mask_id_number(holder_id) if holder_id else "",
        "reference": reference,
        "service_code": service_code,
        "evidence_type": evidence_type,
        "department_code": department_code,
        "purpose": purpose,
        "fields": list(fields or []),
        "request_id": request_id,
        "response_id": response_id,
        "detail": detail,
    }


def item_log_fields(item) -> dict:
    """`log_row`'s arguments that describe an EvidenceItem (whose data, asked for what)."""
    return {
        "subject": item.subject,
        "holder_id": item.holder_id,
        "reference": item.reference,
        "service_code": item.service_code,
        "evidence_type": item.evidence_type,
        "department_code": item.department_code,
        "purpose": item.purpose,
    }


def log_event(**kwargs):
    """Append one exchange-log row (the arguments of `log_row`)."""
    return log_append(**log_row(**kwargs))

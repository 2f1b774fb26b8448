"""Real-name verification against the registers (docs/domain.md, assurance levels: 三级)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.constants import AssuranceLevel
from accounts.models import User
from accounts.selectors import organisation_has_admin
from accounts.services import (
    organisation_admin_grant,
    organisation_record_verification,
    user_record_verification,
)
from data_exchange.connectors import ConnectorError, DepartmentUnavailable, connector_for_department
from data_exchange.constants import SERVICE_REAL_NAME, LogEvent
from data_exchange.services.log import log_event
from data_exchange.services.pull import REQUESTER
from data_exchange.signing import request_hash
from data_exchange.verification import VerificationError, verify_envelope


@dataclass
class RealNameResult:
    ok: bool
    message: str


def _identity_check(
    *, actor: User, department: str, name: str, holder_id: str, legal_rep: bool = False
) -> bool | None:
    """True/False when the register answered and verified; None when it could not be asked.

    With legal_rep, the market-regulation register must also match the actor (name +
    身份证号) as the unit's 法定代表人, in the same signed response.
    """
    connector = connector_for_department(department)
    request = {
        "request_id": str(uuid.uuid4()),
        "nonce": uuid.uuid4().hex,
        "requested_at": timezone.now().isoformat(),
        "requester": REQUESTER,
        "name": name,
        "holder_id": holder_id,
    }
    if legal_rep:
        request["legal_representative"] = {"name": actor.real_name, "id_number": actor.id_number}
    common = {
        "actor": actor,
        "subject": actor,
        "holder_id": holder_id,
        "service_code": SERVICE_REAL_NAME,
        "department_code": department,
        "purpose": _("实名核验（本人申请）"),
        "request_id": request["request_id"],
    }
    try:
        body = connector.identity_verify(request)
        payload = verify_envelope(
            department_code=department,
            body=body,
            expected_request_hash=request_hash(request),
            expected_holder_id=holder_id,
        )
    except (DepartmentUnavailable, ConnectorError) as exc:
        log_event(event=LogEvent.REAL_NAME, outcome="unavailable", detail=str(exc), **common)
        return None
    except VerificationError as exc:
        log_event(event=LogEvent.SECURITY, outcome=exc.code, detail=exc.detail, **common)
        return None
    matched = bool(payload.get("match"))
    if legal_rep:
        matched = matched and payload.get("legal_representative_match") is True
    log_event(
        event=LogEvent.REAL_NAME,
        outcome="match" if matched else "mismatch",
        response_id=str(payload.get("response_id", "")),
        **common,
    )
    return matched


def real_name_verify(*, actor: User) -> RealNameResult:
    """本人 against the population register, then (for a business agent) the unit against the
    legal-person register; each match raises the account's assurance level to 三级."""
    if actor.is_portal_staff:
        raise PermissionDenied(_("工作人员账户无需实名核验。"))
    if not actor.id_number or not actor.real_name:
        return RealNameResult(False, _("请先登记姓名和身份证号。"))
    person = _identity_check(
        actor=actor, department="gongan", name=actor.real_name, holder_id=actor.id_number
    )
    if person is None:
        return RealNameResult(False, _("人口信息库暂时无法访问，请稍后再试。"))
    if not person:
        return RealNameResult(False, _("姓名与身份证号不一致，核验未通过。"))
    user_record_verification(user=actor, level=AssuranceLevel.REGISTER_CHECKED)
    if actor.is_business and actor.organisation_id:
        organisation = actor.organisation
        org_ok = _identity_check(
            actor=actor, department="scjg", name=organisation.name, holder_id=organisation.uscc
        )
        if org_ok is None:
            return RealNameResult(
                False, _("本人核验通过；法人库暂时无法访问，单位核验请稍后再试。")
            )
        if not org_ok:
            return RealNameResult(False, _("本人核验通过；单位名称与统一社会信用代码不一致。"))
        organisation_record_verification(
            organisation=organisation, level=AssuranceLevel.REGISTER_CHECKED
        )
        if not organisation_has_admin(organisation_id=organisation.pk):
            return _claim_administrator(actor=actor, organisation=organisation)
        return RealNameResult(True, _("本人及单位核验通过，认证等级：三级。"))
    return RealNameResult(True, _("实名核验通过，认证等级：三级。"))


def _claim_administrator(*, actor: User, organisation) -> RealNameResult:
    """The company's first administrator: only its 法定代表人, matched on the register."""
    legal = _identity_check(
        actor=actor,
        department="scjg",
        name=organisation.name,
        holder_id=organisation.uscc,
        legal_rep=True,
    )
    if legal is None:
        return RealNameResult(
            False, _("本人及单位核验通过；法人库暂时无法访问，法定代表人核验请稍后再试。")
        )
    if not legal:
        return RealNameResult(
            False,
            _("本人及单位核验通过；您不是登记的法定代表人，请由单位管理员为您授权。"),
        )
    organisation_admin_grant(user=actor)
    return RealNameResult(True, _("法定代表人核验通过，您已成为本单位的单位管理员。"))

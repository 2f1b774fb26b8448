"""Access rules (deny by default) and the checks every request passes first."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from accounts.models import User
from data_exchange.connectors import EvidenceTypeDef, evidence_type_def
from data_exchange.constants import HolderKind
from data_exchange.models import AccessRule


class EvidenceRefused(Exception):
    """Outside the access rules (deny by default); the refusal is logged."""


class EvidenceUnavailable(Exception):
    """Department down or verification failed; the caller offers a manual upload."""


def type_def(code: str) -> EvidenceTypeDef:
    """The registered evidence type, or EvidenceRefused for an unknown code."""
    definition = evidence_type_def(code)
    if definition is None:
        raise EvidenceRefused(_("未登记的数据类型：%(code)s") % {"code": code})
    return definition


def holder_of(subject: User, definition: EvidenceTypeDef) -> str:
    """The identifier the department files the record under (身份证号 or 统一社会信用代码)."""
    if definition.holder_kind == HolderKind.ORGANISATION:
        return subject.organisation.uscc if subject.organisation_id else ""
    return subject.id_number or ""


def check_purpose(purpose: str) -> str:
    purpose = (purpose or "").strip()
    if not purpose:
        raise ValidationError({"purpose": _("请填写用证事由。")})
    if len(purpose) > 200:
        raise ValidationError({"purpose": _("用证事由不能超过200个字符。")})
    return purpose


def check_actor(actor: User, subject: User) -> None:
    if actor.pk != subject.pk and not actor.is_portal_staff:
        raise PermissionDenied(_("只能为本人申请获取数据。"))


def access_rules_active(*, service_code: str, evidence_types: list[str]) -> dict[str, AccessRule]:
    """The rules in force of `service_code` for these types, by type (one query)."""
    return {
        rule.evidence_type: rule
        for rule in AccessRule.objects.in_force().filter(
            service_code=service_code, evidence_type__in=evidence_types
        )
    }


def access_rule_fields(
    *,
    service_code: str,
    evidence_type: str,
    fields: list[str] | None = None,
    rules: dict[str, AccessRule] | None = None,
) -> list[str]:
    """Fields `service_code` may receive of `evidence_type`; raises EvidenceRefused otherwise.

    `rules` are the service's active rules preloaded with `access_rules_active`.
    """
    definition = type_def(evidence_type)
    if rules is None:
        rules = access_rules_active(service_code=service_code, evidence_types=[evidence_type])
    rule = rules.get(evidence_type)
    if rule is None:
        raise EvidenceRefused(
            _("事项 %(service)s 无权获取“%(name)s”。")
            % {"service": service_code or "-", "name": definition.name}
        )
    allowed = [key for key in definition.field_keys if key in (rule.fields or [])]
    if fields is not None:
        extra = sorted(set(fields) - set(allowed))
        if extra:
            raise EvidenceRefused(
                _("事项 %(service)s 无权获取“%(name)s”的字段：%(fields)s")
                % {
                    "service": service_code,
                    "name": definition.name,
                    "fields": "、".join(definition.label(k) for k in extra),
                }
            )
        allowed = [key for key in allowed if key in fields]
    if not allowed:
        raise EvidenceRefused(_("授权规则未允许任何字段。"))
    return allowed

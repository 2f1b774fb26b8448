"""Reads of the sharing agreements (共享协议), re-exported by data_exchange.selectors.

- `sharing_covered`: which evidence types a service may read now (an approved agreement with
  an active rule): what applications offers as 免提交 on a new application;
- `sharing_agreements_missing`: what a guide about to be published lacks, in the editor's words;
- the steward's lists, scoped to the own department (incoming and outgoing).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from accounts.models import Department, User
from data_exchange.connectors import evidence_type_def
from data_exchange.constants import PERM_STEWARD, AgreementStatus
from data_exchange.models import SharingAgreement


def _approved(service_code: str, codes: Iterable[str]) -> dict[str, SharingAgreement]:
    return {
        a.evidence_type: a
        for a in SharingAgreement.objects.filter(
            service_code=service_code,
            evidence_type__in=list(codes),
            status=AgreementStatus.APPROVED,
            access_rule__active=True,
        )
    }


def sharing_covered(*, service_code: str, evidence_types: Iterable[str]) -> set[str]:
    """The evidence types `service_code` may fetch now under an approved agreement."""
    return set(_approved(service_code, evidence_types))


def sharing_fields_used(*, evidence_type: str, form_field_names: Iterable[str]) -> list[str]:
    """The fields of `evidence_type` a guide uses: its form fields named after them."""
    definition = evidence_type_def(evidence_type)
    if definition is None:
        return []
    names = set(form_field_names)
    return [key for key in definition.field_keys if key in names]


def sharing_agreements_missing(
    *, service_code: str, service_name: str, needs: dict[str, list[str]]
) -> list[str]:
    """For each evidence type the guide marks 免提交 (type -> fields it uses), what is missing:
    no approved agreement for this service and type, or fields the agreement does not cover.
    One message per type, naming the agreement to file; empty when everything is covered."""
    agreements = _approved(service_code, needs)
    messages = []
    for code, fields in needs.items():
        definition = evidence_type_def(code)
        name = definition.name if definition else code
        agreement = agreements.get(code)
        if agreement is None:
            messages.append(
                _(
                    "缺少已批准的数据共享协议：事项“%(service)s”（%(code)s）获取“%(type)s”"
                    "（%(type_code)s）。请由本部门数据共享管理员在工作台提出共享申请，"
                    "经数据提供部门批准后再发布。"
                )
                % {"service": service_name, "code": service_code, "type": name, "type_code": code}
            )
            continue
        extra = [key for key in fields if key not in (agreement.fields or [])]
        if extra:
            messages.append(
                _("数据共享协议 #%(id)s（%(type)s）未批准本指南使用的字段：%(fields)s。")
                % {
                    "id": agreement.pk,
                    "type": name,
                    "fields": "、".join(definition.label(k) for k in extra),
                }
            )
    return messages


def agreements_for_steward(*, user: User) -> QuerySet[SharingAgreement]:
    """The agreements a steward sees: those the own department filed or must decide."""
    if not (user.is_authenticated and user.department_id and user.has_perm(PERM_STEWARD)):
        return SharingAgreement.objects.none()
    return SharingAgreement.objects.filter(
        Q(requesting_department_id=user.department_id) | Q(holding_department_id=user.department_id)
    ).select_related("requesting_department", "holding_department", "requested_by", "decided_by")


def agreement_for_steward(*, user: User, pk: int) -> SharingAgreement | None:
    """One agreement, or None when it is not the steward's department's (the view 404s)."""
    return agreements_for_steward(user=user).filter(pk=pk).first()


def agreement_counts(*, user: User) -> dict[str, int]:
    """待审核 requests waiting for this steward's department."""
    qs = agreements_for_steward(user=user)
    return {
        "incoming_pending": qs.filter(
            holding_department_id=user.department_id, status=AgreementStatus.PENDING
        ).count()
    }


def holding_department_for(*, evidence_type: str) -> Department | None:
    from data_exchange.services.sharing import holding_department_code

    return Department.objects.filter(code=holding_department_code(evidence_type)).first()

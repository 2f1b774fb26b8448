"""Staff workspace for sharing agreements (共享协议), for 数据共享管理员 only.

The service's department files a 共享申请; the holding department's steward approves it with
the fields allowed, or refuses it with a reason; either may withdraw it. Another department's
agreement is a 404. The views parse the form and call one service each.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import permission_required
from data_exchange import hooks, selectors, services
from data_exchange.connectors import evidence_type_def
from data_exchange.constants import PERM_STEWARD, AgreementStatus
from data_exchange.services.access import EvidenceRefused


def _request_choices(department_id) -> dict:
    """The filing form's choices: the department's services, every evidence type and its fields."""
    types = []
    for code, label in selectors.evidence_type_choices():
        definition = evidence_type_def(code)
        types.append({"code": code, "label": label, "fields": list(definition.fields)})
    return {
        "services": hooks.services_of_department(department_id=department_id) or [],
        "types": types,
    }


def _steward_required(view):
    return permission_required(PERM_STEWARD)(view)


def _form_errors(exc: ValidationError) -> list[str]:
    if hasattr(exc, "message_dict"):
        return [m for msgs in exc.message_dict.values() for m in msgs]
    return list(exc.messages)


@_steward_required
def agreement_list(request: HttpRequest) -> HttpResponse:
    """Incoming requests to decide, and the department's own requests."""
    if not request.user.department_id:
        raise PermissionDenied
    agreements = list(selectors.agreements_for_steward(user=request.user))
    mine = request.user.department_id
    errors: list[str] = []
    if request.method == "POST":
        data = request.POST
        evidence_type = data.get("evidence_type", "")
        try:
            agreement = services.agreement_request(
                actor=request.user,
                service_code=data.get("service_code", ""),
                evidence_type=evidence_type,
                # Checkbox values are "<type>:<field>"; only the chosen type's count.
                fields=[
                    value.split(":", 1)[1]
                    for value in data.getlist("fields")
                    if value.startswith(f"{evidence_type}:")
                ],
                purpose=data.get("purpose", ""),
            )
        except ValidationError as exc:
            errors = _form_errors(exc)
        except EvidenceRefused as exc:
            errors = [str(exc)]
        else:
            messages.success(request, _("共享申请已提交，等待数据提供部门审核。"))
            return redirect("data_exchange:agreement_detail", pk=agreement.pk)
    for agreement in agreements:
        definition = evidence_type_def(agreement.evidence_type)
        agreement.type_name = definition.name if definition else agreement.evidence_type
    return render(
        request,
        "data_exchange/sharing_list.html",
        {
            "incoming": [a for a in agreements if a.holding_department_id == mine],
            "outgoing": [a for a in agreements if a.requesting_department_id == mine],
            "posted": request.POST if errors else {},
            "errors": errors,
            **_request_choices(mine),
        },
        status=400 if errors else 200,
    )


def _fields_of(agreement) -> list[tuple[str, str, bool, bool]]:
    """(key, label, asked for, allowed) of every field of the agreement's type."""
    definition = evidence_type_def(agreement.evidence_type)
    if definition is None:
        return []
    return [
        (key, label, key in agreement.fields_requested, key in (agreement.fields or []))
        for key, label in definition.fields
    ]


@_steward_required
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = selectors.agreement_for_steward(user=request.user, pk=pk)
    if agreement is None:
        raise Http404
    return _render_detail(request, agreement)


def _render_detail(request, agreement, errors=(), status=200) -> HttpResponse:
    definition = evidence_type_def(agreement.evidence_type)
    mine = request.user.department_id
    return render(
        request,
        "data_exchange/sharing_detail.html",
        {
            "agreement": agreement,
            "type_name": definition.name if definition else agreement.evidence_type,
            "field_rows": _fields_of(agreement),
            "can_decide": agreement.status == AgreementStatus.PENDING
            and agreement.holding_department_id == mine,
            "can_withdraw": agreement.status in (AgreementStatus.PENDING, AgreementStatus.APPROVED)
            and mine in (agreement.holding_department_id, agreement.requesting_department_id),
            "errors": list(errors),
        },
        status=status,
    )


@require_POST
@_steward_required
def agreement_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """批准 (with the fields allowed), 拒绝 (with a reason) or 撤回 (with a reason)."""
    agreement = selectors.agreement_for_steward(user=request.user, pk=pk)
    if agreement is None:
        raise Http404
    action = request.POST.get("action", "")
    reason = request.POST.get("reason", "")
    try:
        if action == "approve":
            services.agreement_approve(
                actor=request.user,
                agreement=agreement,
                fields=request.POST.getlist("fields"),
                reason=reason,
            )
            messages.success(request, _("已批准，该事项可按批准的字段获取数据。"))
        elif action == "refuse":
            services.agreement_refuse(actor=request.user, agreement=agreement, reason=reason)
            messages.success(request, _("已拒绝该共享申请。"))
        elif action == "withdraw":
            services.agreement_withdraw(actor=request.user, agreement=agreement, reason=reason)
            messages.success(request, _("共享协议已撤回，新申请将改为由申请人上传材料。"))
        else:
            raise ValidationError(_("未知的操作。"))
    except ValidationError as exc:
        agreement.refresh_from_db()
        return _render_detail(request, agreement, _form_errors(exc), status=400)
    except PermissionDenied:
        raise
    return redirect("data_exchange:agreement_detail", pk=agreement.pk)

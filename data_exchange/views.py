"""Citizen-facing pages of the data exchange: access log, wallet, decisions, real-name check."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.identity import mask_id_number
from accounts.permissions import login_required_kind
from data_exchange import selectors, services
from data_exchange.connectors import evidence_type_defs

PERSONAL = ("citizen", "business")


@require_GET
@login_required_kind(*PERSONAL)
def data_access(request: HttpRequest) -> HttpResponse:
    """数据使用记录: who accessed my (or my organisation's) data, when, why, for what."""
    entries = selectors.exchange_log_for_user(user=request.user)
    page = Paginator(entries, 30).get_page(request.GET.get("page"))
    definitions = evidence_type_defs()
    rows = [
        {
            "entry": entry,
            "evidence_name": definitions[entry.evidence_type].name
            if entry.evidence_type in definitions
            else entry.evidence_type,
            "outcome_label": selectors.OUTCOME_LABELS.get(entry.outcome, entry.outcome),
            "service_label": selectors.SERVICE_LABELS.get(entry.service_code, entry.service_code),
            "is_problem": entry.event in ("security", "refused")
            or entry.outcome in ("unavailable", "error", "mismatch", "invalid"),
        }
        for entry in page.object_list
    ]
    return render(request, "data_exchange/data_access.html", {"page": page, "rows": rows})


@require_GET
@login_required_kind(*PERSONAL)
def licences(request: HttpRequest) -> HttpResponse:
    """电子证照: the holder's licences with GB/T 36903 metadata."""
    return render(
        request,
        "data_exchange/licences.html",
        {"licences": list(selectors.licences_for_user(user=request.user))},
    )


@require_GET
@login_required_kind(*PERSONAL)
def licence_detail(request: HttpRequest, pk: int) -> HttpResponse:
    licence = selectors.licence_for_user(user=request.user, pk=pk)
    if licence is None:
        raise Http404
    return render(
        request,
        "data_exchange/licence_detail.html",
        {"licence": licence, "masked_holder_code": mask_id_number(licence.holder_code)},
    )


@require_POST
@login_required_kind(*PERSONAL)
def licence_verify(request: HttpRequest, pk: int) -> HttpResponse:
    licence = selectors.licence_for_user(user=request.user, pk=pk)
    if licence is None:
        raise Http404
    result = services.licence_verify(actor=request.user, licence=licence)
    (messages.success if result.ok else messages.error)(
        request, _("核验结果：%(detail)s") % {"detail": result.detail}
    )
    return redirect("data_exchange:licence_detail", pk=licence.pk)


@require_POST
@login_required_kind(*PERSONAL)
def licences_refresh(request: HttpRequest) -> HttpResponse:
    results = services.wallet_refresh(actor=request.user)
    fetched = sum(1 for value in results.values() if value == "ok")
    failed = [code for code, value in results.items() if value not in ("ok", "not_found")]
    if failed:
        messages.warning(
            request,
            _("已更新 %(n)d 个证照；%(m)d 个部门暂时无法获取，请稍后再试。")
            % {"n": fetched, "m": len(failed)},
        )
    else:
        messages.success(request, _("已从发证部门更新 %(n)d 个证照。") % {"n": fetched})
    return redirect("data_exchange:licences")


@require_POST
@login_required_kind(*PERSONAL)
def real_name_verify(request: HttpRequest) -> HttpResponse:
    result = services.real_name_verify(actor=request.user)
    (messages.success if result.ok else messages.error)(request, result.message)
    return redirect("accounts:profile")


@require_POST
@login_required_kind(*PERSONAL)
def evidence_decide(request: HttpRequest) -> HttpResponse:
    """使用 / 不使用 from the preview partial's buttons; returns to `next`."""
    reference = request.POST.get("reference", "")
    evidence_type = request.POST.get("evidence_type", "")
    use = request.POST.get("use") == "1"
    try:
        services.evidence_decide(
            actor=request.user, reference=reference, evidence_type=evidence_type, use=use
        )
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/me/"
    return redirect(target)


@require_GET
@login_required_kind(*PERSONAL)
def evidence_status(request: HttpRequest) -> JsonResponse:
    """Poll the previews of a reference (the subject only): statuses, masked display fields."""
    reference = request.GET.get("reference", "")
    previews = selectors.evidence_previews(user=request.user, reference=reference)
    return JsonResponse(
        {
            "reference": reference,
            "items": [
                {
                    "evidence_type": p.evidence_type,
                    "name": p.name,
                    "department_name": p.department_name,
                    "status": p.status,
                    "verified_at": p.verified_at.isoformat() if p.verified_at else None,
                    "fields": p.fields,
                    "decision": p.decision,
                    "failure_reason": p.failure_reason,
                    "offer_upload": p.offer_upload,
                }
                for p in previews
            ],
        }
    )


@require_GET
def signing_keys(request: HttpRequest) -> HttpResponse:
    """The departments' public signing keys, for anyone verifying a response outside the portal."""
    response = JsonResponse(selectors.signing_keys_published(), json_dumps_params={"indent": 1})
    response["Cache-Control"] = "public, max-age=300"
    response["Access-Control-Allow-Origin"] = "*"
    return response

"""数据授权与核对: consent before any government data is fetched, then the preview.

Nothing is requested from a department until the citizen submits the consent form; the
preview then shows each value with its source and time, to be used (使用) or not (不使用).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from applications import evidence, services
from applications.constants import MaterialMode
from applications.views._common import error_text
from applications.views.apply import STEPS, _draft_for, _with_draft

FETCH, UPLOAD = "fetch", "upload"


def _page_rows(application, user) -> tuple[list[dict], list]:
    """Each 免提交 material: what would be fetched, and its preview once it was asked for."""
    materials = [m for m in application.materials.all() if m.evidence_type]
    previews = {
        p.evidence_type: p for p in evidence.previews(user=user, reference=application.reference)
    }
    info = {
        i.evidence_type: i
        for i in evidence.consent_items(
            service_code=application.service_code,
            evidence_types=[m.evidence_type for m in materials],
        )
    }
    rows = []
    for item in materials:
        rows.append(
            {
                "item": item,
                "info": info.get(item.evidence_type),
                "preview": previews.get(item.evidence_type),
                "declined": item.mode == MaterialMode.NONE,
                "to_ask": _to_ask(previews.get(item.evidence_type)),
            }
        )
    return rows, list(previews.values())


def _to_ask(preview) -> bool:
    """Not asked yet, or declined (不使用: the data was deleted; asking again fetches afresh)."""
    return preview is None or preview.decision == "not_use"


def _choices(request: HttpRequest, rows: list[dict]) -> dict[str, bool]:
    """The POSTed choice of every item still to be decided; ValidationError if one is missing."""
    choices = {}
    for row in rows:
        if not row["to_ask"]:
            continue
        value = request.POST.get(f"choice-{row['item'].evidence_type}", "")
        if value not in (FETCH, UPLOAD):
            raise ValidationError(
                _("请为“%(name)s”选择“获取”或“不获取，自行上传”。") % {"name": row["item"].name}
            )
        choices[row["item"].evidence_type] = value == FETCH
    return choices


def _resume_pending(request: HttpRequest, application, previews: list) -> None:
    """Items already asked for and still pending: a stalled pull (no worker or beat, as in the
    embedded demo) resumes when the citizen comes back. Nothing new is requested."""
    pending = [p.evidence_type for p in previews if p.status == "pending"]
    if pending:
        try:
            services.application_request_evidence(
                application=application, actor=request.user, evidence_types=pending
            )
        except evidence.EvidenceNotAvailable:
            pass  # shown on the page as it is


@_with_draft
def draft_data(request: HttpRequest, pk: int) -> HttpResponse:
    application = _draft_for(request, pk)
    rows, previews = _page_rows(application, request.user)
    if request.method == "POST":
        try:
            services.application_evidence_consent(
                application=application, actor=request.user, choices=_choices(request, rows)
            )
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        except evidence.EvidenceNotAvailable as exc:
            messages.warning(request, _("%(reason)s。请在“提交材料”一步上传。") % {"reason": exc})
        return redirect("applications:draft_data", pk=pk)
    _resume_pending(request, application, previews)
    return render(
        request,
        "applications/draft_data.html",
        {
            "app": application,
            "service": application.service,
            "steps": STEPS,
            "step": "data",
            "has_data_step": True,
            "purpose": services.application_evidence_purpose(application=application),
            "to_ask": [r for r in rows if r["to_ask"]],
            "asked": [r for r in rows if not r["to_ask"]],
            "any_pending": any(p.status == "pending" for p in previews),
        },
    )

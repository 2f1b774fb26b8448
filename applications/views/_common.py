"""What the applications views share: error text, the command runner, and page contexts."""

from __future__ import annotations

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.constants import PERM_COUNTER
from applications import evidence, forms, selectors
from applications.commands import Command
from applications.constants import PAUSED_STATES, RATINGS_PUBLIC_CACHE_SECONDS, MaterialMode, Status
from applications.models import Application, NegativeTicket
from applications.services import TransitionError

# What a refused step raises; each carries a Chinese message for the user.
ACTION_ERRORS: tuple[type[Exception], ...] = (TransitionError, ValidationError, PermissionDenied)


def error_text(exc: Exception) -> str:
    """The user's message of a refusal (a ValidationError may carry several)."""
    if isinstance(exc, ValidationError):
        return "；".join(str(m) for m in exc.messages)
    return str(exc)


def form_errors(form) -> str:
    """A form's errors as one line, for a message."""
    return "；".join(str(e) for errs in form.errors.values() for e in errs)


def run_command(
    request: HttpRequest,
    table: dict[str, type[Command]],
    *,
    action: str,
    target: object,
    errors: tuple[type[Exception], ...] = ACTION_ERRORS,
    fallback: str = "",
) -> object | None:
    """Validate the POSTed action with its command and run its one service; say what happened
    in a message. Returns what the service returned, or None when it was refused."""
    command_class = table.get(action)
    if command_class is None:
        messages.error(request, _("未知的操作。"))
        return None
    command = command_class(request.POST, target=target)
    if not command.is_valid():
        messages.error(request, form_errors(command))
        return None
    try:
        result = command.run(actor=request.user)
    except errors as exc:
        messages.error(request, error_text(exc) or fallback or _("无权执行此操作。"))
        return None
    if command.success:
        messages.success(request, command.success)
    return True if result is None else result


def detail_redirect(request: HttpRequest, application: Application) -> HttpResponse:
    """Back to the case: the counter page for a walk-in clerk, else the applicant's page."""
    if application.agent_staff_id == request.user.pk and request.user.has_perm(PERM_COUNTER):
        return redirect("applications:counter_detail", pk=application.pk)
    return redirect("applications:my_detail", pk=application.pk)


def material_rows(application: Application, user) -> tuple[list[dict], list]:
    """The checklist with each item's evidence preview and whether it still needs an upload."""
    previews = {
        p.evidence_type: p for p in evidence.previews(user=user, reference=application.reference)
    }
    rows = []
    for item in application.materials.all():
        preview = previews.get(item.evidence_type) if item.evidence_type else None
        needs_upload = (
            (not item.evidence_type)
            or preview is None
            or preview.offer_upload
            or preview.status in ("failed", "refused", "pending")  # pending: upload now, or later
        )
        if item.mode == MaterialMode.UPLOAD and item.file_path:
            needs_upload = True
        rows.append(
            {
                "item": item,
                "preview": preview,
                "needs_upload": needs_upload,
                "commitment_possible": application.service.allows_commitment
                and item.commitment_allowed,
            }
        )
    return rows, list(previews.values())


def detail_context(application: Application, user) -> dict:
    """The case page shared by the applicant, the window and the reviewers."""
    return {
        "app": application,
        "events": list(application.events.select_related("actor").all()),
        "materials": list(application.materials.all()),
        "documents": list(application.documents.all()),
        "supplement": application.supplements.filter(fulfilled_at__isnull=True).first(),
        "suspensions": list(application.suspensions.all()),
        "steps": list(application.review_steps.select_related("department")),
        "countdown": selectors.application_countdown(application=application),
        "clock": selectors.application_clock(application=application),
        "form_rows": form_rows(application),
        "paused": application.status in PAUSED_STATES,
        "Status": Status,
        "can_withdraw": application.status
        in (Status.SUBMITTED, Status.PRE_REVIEW, Status.SUPPLEMENT),
        "upload_form": forms.UploadForm(),
        "evidence_waiting": selectors.application_evidence_waiting(application=application),
        "evidence_owed": selectors.application_evidence_owed(application=application),
        # Rated online after completion, or on the hall tablet at the window (一次一评).
        "evaluation": getattr(application, "evaluation", None),
    }


def form_rows(application: Application) -> list[tuple[str, str]]:
    """The form's values under the labels of the service's form definition, in its order; a
    value whose field the definition no longer has keeps its place at the end, marked so."""
    data = dict(application.form_data or {})
    rows = []
    for field in application.service.form_fields or []:
        name = field.get("name")
        if name in data:
            value = data.pop(name)
            rows.append((str(field.get("label") or name), _display(value)))
    for name, value in data.items():
        rows.append((_("其他填报项（%(name)s）") % {"name": name}, _display(value)))
    return rows


def _display(value) -> str:
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value)
    return "—" if value in (None, "") else str(value)


def rating_statistics_context(request: HttpRequest, *, cached: bool = False) -> dict:
    """The period from ?start=&end= (default: this year so far) and the statistics; the public
    page caches them for RATINGS_PUBLIC_CACHE_SECONDS so anonymous traffic cannot hammer the
    aggregate."""
    start, end = selectors.rating_statistics_default_period()
    period_error = ""
    if "start" in request.GET or "end" in request.GET:
        form = forms.RatingPeriodForm(request.GET)
        if form.is_valid():
            start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        else:
            period_error = "；".join(str(e) for errs in form.errors.values() for e in errs)
            form = forms.RatingPeriodForm(initial={"start": start, "end": end})
    else:
        form = forms.RatingPeriodForm(initial={"start": start, "end": end})
    if cached:
        stats = cache.get_or_set(
            f"applications:ratings:{start.isoformat()}:{end.isoformat()}",
            lambda: selectors.rating_statistics(start=start, end=end),
            RATINGS_PUBLIC_CACHE_SECONDS,
        )
    else:
        stats = selectors.rating_statistics(start=start, end=end)
    return {
        "stats": stats,
        "period_form": form,
        "period_error": period_error,
    }


def ticket_context(request: HttpRequest, ticket: NegativeTicket, *, side: str) -> dict:
    """A 差评 ticket page, for the department or for 效能监督 (side)."""
    return {
        "ticket": ticket,
        "evaluation": ticket.evaluation,
        "side": side,
        "today": timezone.localdate(),
        "overdue": ticket.is_overdue(timezone.localdate()),
        "callback_form": forms.CallbackForm(
            initial={"called_at": timezone.localtime().replace(second=0, microsecond=0)}
        ),
        "plan_form": forms.PlanForm(),
        **selectors.ticket_history(ticket=ticket),
    }

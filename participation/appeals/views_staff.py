"""The hotline centre's and the departments' workspaces. Permission and scope are checked per
object by the selectors (an appeal not dispatched to the department is a 404)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.permissions import permission_required
from applications import services as applications
from participation.appeals import dispatch, selectors, services
from participation.appeals.constants import PERM_HANDLE, PERM_HOTLINE, Channel
from participation.appeals.forms import (
    AnswerForm,
    AppealForm,
    CallbackForm,
    DispatchForm,
    MergeForm,
    ReasonForm,
    ReassignForm,
)
from participation.appeals.models import AppealAttachment
from participation.appeals.transitions import TransitionError

# --- the hotline centre ---------------------------------------------------------------------


@permission_required(PERM_HOTLINE)
def centre_home(request):
    queue = request.GET.get("queue", "intake")
    queue = queue if queue in selectors.CENTRE_QUEUES else "intake"
    return render(
        request,
        "participation/appeals/centre_home.html",
        {
            "queue": queue,
            "counts": {
                name: f"{selectors.QUEUE_COUNT_CAP}+" if n > selectors.QUEUE_COUNT_CAP else n
                for name, n in selectors.centre_queue_counts(user=request.user).items()
            },
            "appeals": selectors.appeals_for_centre(user=request.user, queue=queue)[:50],
        },
    )


@permission_required(PERM_HOTLINE)
@require_http_methods(["GET", "POST"])
def centre_intake(request):
    """话务员 records a phone call as an appeal."""
    form = AppealForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            appeal = services.appeal_submit(
                data=form.to_input(request.FILES.getlist("attachments")),
                actor=request.user,
                channel=Channel.HOTLINE,
                submission_key=form.cleaned_data.get("submission_key", ""),
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("已受理，诉求编号 %(n)s。") % {"n": appeal.number})
            return redirect("participation:centre_appeal", number=appeal.number)
    return render(request, "participation/appeals/centre_intake.html", {"form": form})


@permission_required(PERM_HOTLINE)
def centre_appeal(request, number: str):
    appeal = selectors.appeal_for_centre(user=request.user, number=number)
    if appeal is None:
        raise Http404
    suggested = dispatch.department_for(category=appeal.category, region_code=appeal.region_code)
    return render(
        request,
        "participation/appeals/detail_staff.html",
        {
            "appeal": appeal,
            "side": "centre",
            "events": selectors.timeline(appeal=appeal, public_only=False),
            "duplicates": selectors.duplicate_candidates(appeal=appeal),
            "suggested": suggested,
            "forms": {
                "dispatch": DispatchForm(initial={"department": suggested}),
                "reassign": ReassignForm(),
                "reason": ReasonForm(),
                "callback": CallbackForm(),
                "answer": AnswerForm(),
                "merge": MergeForm(),
            },
            "reporter": {
                "name": appeal.reporter_name,
                "phone": appeal.reporter_phone,
                "email": appeal.reporter_email,
            },
        },
    )


def _merge(appeal, user, data):
    primary = selectors.appeal_for_centre(user=user, number=data["primary"])
    if primary is None:
        raise TransitionError(_("找不到要并入的诉求编号。"))
    return services.appeal_merge(
        duplicate=appeal, primary=primary, actor=user, reason=data["reason"]
    )


CENTRE_ACTIONS = {
    "dispatch": (
        DispatchForm,
        lambda a, u, d: dispatch.appeal_dispatch(
            appeal=a, actor=u, department=d.get("department"), reason=d.get("reason", "")
        ),
    ),
    "return_reject": (
        ReasonForm,
        lambda a, u, d: services.appeal_return_reject(appeal=a, actor=u, reason=d["reason"]),
    ),
    "reassign": (
        ReassignForm,
        lambda a, u, d: services.appeal_reassign(
            appeal=a, actor=u, department=d["department"], reason=d["reason"]
        ),
    ),
    "answer_direct": (
        AnswerForm,
        lambda a, u, d: services.appeal_answer_direct(appeal=a, actor=u, answer=d["answer"]),
    ),
    "supervise": (
        ReasonForm,
        lambda a, u, d: services.appeal_supervise(appeal=a, actor=u, reason=d["reason"]),
    ),
    "callback": (
        CallbackForm,
        lambda a, u, d: services.appeal_callback(
            appeal=a, actor=u, satisfaction=d["satisfaction"], note=d.get("note", "")
        ),
    ),
    "reopen": (
        ReasonForm,
        lambda a, u, d: services.appeal_reopen(appeal=a, actor=u, reason=d["reason"]),
    ),
    "close": (None, lambda a, u, d: services.appeal_close(appeal=a, actor=u)),
    "reply": (
        ReasonForm,
        lambda a, u, d: services.appeal_reporter_reply(appeal=a, actor=u, text=d["reason"]),
    ),
    "merge": (MergeForm, _merge),
    "publish": (None, lambda a, u, d: services.appeal_publish_answer(appeal=a, actor=u)),
}


def _run_action(request, appeal, actions, action):
    form_class, call = actions[action]
    form = form_class(request.POST) if form_class else None
    if form is not None and not form.is_valid():
        messages.error(request, " ".join(m for errs in form.errors.values() for m in errs))
        return False
    try:
        call(appeal, request.user, form.cleaned_data if form else {})
    except (TransitionError, ValidationError) as exc:
        messages.error(request, " ".join(exc.messages))
        return False
    messages.success(request, _("已办理。"))
    return True


@permission_required(PERM_HOTLINE)
@require_POST
def centre_action(request, number: str, action: str):
    appeal = selectors.appeal_for_centre(user=request.user, number=number)
    if appeal is None or action not in CENTRE_ACTIONS:
        raise Http404
    _run_action(request, appeal, CENTRE_ACTIONS, action)
    return redirect("participation:centre_appeal", number=appeal.number)


# --- the department -------------------------------------------------------------------------


@permission_required(PERM_HANDLE)
def department_home(request):
    state = request.GET.get("state", "open")
    return render(
        request,
        "participation/appeals/department_home.html",
        {
            "state": state,
            "appeals": selectors.appeals_for_department(user=request.user, state=state)[:50],
        },
    )


@permission_required(PERM_HANDLE)
def department_appeal(request, number: str, *, unmasked: bool = False):
    appeal = selectors.appeal_for_department(user=request.user, number=number)
    if appeal is None:
        raise Http404
    reporter = selectors.reporter_for_department(appeal=appeal, unmasked=unmasked)
    return render(
        request,
        "participation/appeals/detail_staff.html",
        {
            "appeal": appeal,
            "side": "department",
            "events": selectors.timeline(appeal=appeal),
            "reporter": reporter,
            "return_hours": dispatch.return_window_hours(),
            "forms": {"reason": ReasonForm(), "answer": AnswerForm()},
        },
    )


DEPARTMENT_ACTIONS = {
    "take": (None, lambda a, u, d: services.appeal_take(appeal=a, actor=u)),
    "return": (
        ReasonForm,
        lambda a, u, d: services.appeal_return(appeal=a, actor=u, reason=d["reason"]),
    ),
    "ask_reporter": (
        ReasonForm,
        lambda a, u, d: services.appeal_ask_reporter(appeal=a, actor=u, reason=d["reason"]),
    ),
    "answer": (
        AnswerForm,
        lambda a, u, d: services.appeal_answer(appeal=a, actor=u, answer=d["answer"]),
    ),
    "unmask": (
        ReasonForm,
        lambda a, u, d: services.appeal_unmask(appeal=a, actor=u, reason=d["reason"]),
    ),
}


@permission_required(PERM_HANDLE)
@require_POST
def department_action(request, number: str, action: str):
    appeal = selectors.appeal_for_department(user=request.user, number=number)
    if appeal is None or action not in DEPARTMENT_ACTIONS:
        raise Http404
    done = _run_action(request, appeal, DEPARTMENT_ACTIONS, action)
    if action == "unmask" and done:
        # The contact details are shown in this response only; the request is on the record.
        return department_appeal(request, number, unmasked=True)
    if selectors.appeal_for_department(user=request.user, number=number) is None:
        return redirect("participation:department_home")
    return redirect("participation:department_appeal", number=appeal.number)


# --- attachments ----------------------------------------------------------------------------


def attachment_download(request, attachment_id: int):
    """Served to the reporter, the centre, and the department holding the appeal."""
    attachment = AppealAttachment.objects.select_related("appeal").filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404
    appeal, user = attachment.appeal, request.user
    allowed = user.is_authenticated and (
        appeal.reporter_id == user.pk
        or selectors.is_centre(user=user)
        or selectors.appeal_for_department(user=user, number=appeal.number) is not None
    )
    if not allowed:
        raise Http404
    data = applications.private_file_read(relative=attachment.path)
    response = HttpResponse(data, content_type=attachment.content_type)
    response["Content-Disposition"] = f'attachment; filename="appeal-{attachment.pk}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response

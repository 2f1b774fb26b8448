"""The applicant's one form (网上申请): start a draft, its four steps, materials and submission.

The applicant side (or the clerk filing a walk-in, 窗口代办) edits a draft; anyone else gets 404.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.constants import PERM_COUNTER, AccountKind
from accounts.identity import mask_id_number
from accounts.permissions import login_required_kind
from applications import commands, forms, selectors, services
from applications.constants import MaterialMode, Status
from applications.models import Application, ApplicationMaterial
from applications.permissions import user_is_applicant_side
from applications.services.sharing import SHARING_WITHDRAWN
from applications.views._common import detail_redirect, error_text, material_rows, run_command
from services_catalog.selectors import service_get_live

STEPS = [(1, _("申请人信息")), (2, _("填写表单")), (3, _("提交材料")), (4, _("确认提交"))]


@login_required_kind(AccountKind.CITIZEN, AccountKind.BUSINESS)
def apply_start(request: HttpRequest, service_code: str) -> HttpResponse:
    service = service_get_live(code=service_code)
    if service is None or not service.online:
        raise Http404(_("该事项不存在或暂不支持网上办理。"))
    if request.method == "POST":
        application = run_command(
            request,
            {"start": commands.StartCommand},
            action="start",
            target=service,
            errors=(ValidationError, PermissionDenied),
        )
        if application is None:
            return redirect(request.path)
        return redirect("applications:draft_step", pk=application.pk, step=application.draft_step)
    drafts = (
        selectors.applications_for_applicant(user=request.user)
        .filter(service_code=service.code, status=Status.DRAFT)
        .only("pk", "created_at", "updated_at", "draft_step")
    )
    materials = list(service.materials.all())
    return render(
        request,
        "applications/apply_start.html",
        {
            "service": service,
            "materials": materials,
            # 免提交 only where an approved sharing agreement covers the material now.
            "exempt_types": services.evidence_types_offered(
                service_code=service.code,
                evidence_types=sorted({m.evidence_type for m in materials if m.evidence_type}),
            ),
            "drafts": drafts,
            "idempotency_key": secrets.token_hex(16),
        },
    )


def _draft_for(
    request: HttpRequest,
    pk: int,
    *,
    allow_supplement: bool = False,
    for_submit: bool = False,
    allow_followup: bool = False,
) -> Application:
    if for_submit:  # the hot path: no guide needed, the checklist read once
        queryset = Application.objects.prefetch_related("materials")
    else:
        queryset = Application.objects.select_related("service", "department", "organisation")
    application = queryset.filter(pk=pk).first()
    if application is None:
        raise Http404
    user = request.user
    if not (
        user_is_applicant_side(user=user, application=application)
        or (application.agent_staff_id == user.pk and user.has_perm(PERM_COUNTER))
    ):
        raise Http404
    allowed = (Status.DRAFT, Status.SUPPLEMENT) if allow_supplement else (Status.DRAFT,)
    if allow_followup:
        allowed += (Status.SUBMITTED, Status.PRE_REVIEW)
    if application.status not in allowed:
        raise _Redirect(application)
    return application


class _Redirect(Exception):
    def __init__(self, application: Application):
        self.application = application


def _with_draft(view):
    def wrapper(request: HttpRequest, pk: int, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        try:
            return view(request, pk, *args, **kwargs)
        except _Redirect as stop:
            if request.headers.get("x-requested-with") == "fetch":
                return JsonResponse(
                    {"ok": False, "error": _("办件已提交，不能再修改。")}, status=409
                )
            messages.info(
                request, _("该申请已提交，办件编号 %(n)s。") % {"n": stop.application.number}
            )
            return detail_redirect(request, stop.application)

    wrapper.__name__ = view.__name__
    return wrapper


def _step_applicant(request: HttpRequest, application: Application, context: dict):
    """Step 1 (申请人信息): contact details; identity comes from the verified account."""
    form = forms.ApplicantForm(
        request.POST or None,
        initial={
            "phone": application.applicant_phone,
            "email": application.applicant_email,
            "address": application.applicant_address,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.application_save_applicant(
            application=application, actor=request.user, data=form.cleaned_data
        )
        if application.materials.filter(evidence_type__gt="").exists():
            return redirect("applications:draft_data", pk=application.pk)  # consent first
        return redirect("applications:draft_step", pk=application.pk, step=2)
    context.update(
        form=form,
        masked_id=application.masked_id_number or mask_id_number(application.applicant.id_number),
    )
    return None


def _step_form(request: HttpRequest, application: Application, context: dict):
    """Step 2 (填写表单): the service's own fields. Only evidence marked 使用 prefills them,
    certified and read-only; what the citizen typed is kept and a different certified value
    is shown beside it."""
    service = application.service
    # ID-number fields are the applicant's own verified number: shown masked, never re-typed.
    locked = [
        f
        for f in service.form_fields
        if f.get("type") == "id_number" and application.applicant_id_number
    ]
    spec = [f for f in service.form_fields if f not in locked]
    certified = services.application_certified_values(
        application=application, user=request.user, spec=spec
    )
    typed = services.application_typed_values(application=application)
    fixed = {n: c for n, c in certified.items() if typed.get(n, c.value) == c.value}
    editable = [f for f in spec if f.get("name") not in fixed]
    initial = {**_account_defaults(application), **typed}
    form = forms.ServiceForm(request.POST or None, fields_spec=editable, initial=initial)
    for name, cert in certified.items():
        if name in form.fields and name not in fixed:
            form.fields[name].help_text = _(
                "与%(source)s的数据不同：%(value)s。已保留您填写的内容。"
            ) % {"source": cert.source, "value": cert.value}
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data, **{n: c.value for n, c in fixed.items()}}
        services.application_save_form(application=application, actor=request.user, form_data=data)
        return redirect("applications:draft_step", pk=application.pk, step=3)
    labels = {f["name"]: f.get("label", f["name"]) for f in spec if f.get("name")}
    context.update(
        form=form,
        locked=[(f.get("label", f["name"]), application.masked_id_number) for f in locked],
        certified=[(labels[n], c) for n, c in fixed.items()],
    )
    return None


def _account_defaults(application: Application) -> dict:
    """The real-name account's own details, for fields nothing else filled."""
    return {
        k: v
        for k, v in {
            "applicant_name": application.applicant_name,
            "phone": application.applicant_phone,
            "contact_phone": application.applicant_phone,
        }.items()
        if v
    }


def _step_materials(request: HttpRequest, application: Application, context: dict):
    """Step 3 (提交材料): uploads, 免提交 evidence and 告知承诺, item by item."""
    rows, previews = material_rows(application, request.user)
    context.update(
        rows=rows,
        any_pending=any(p.status == "pending" for p in previews),
        # A sharing agreement withdrawn while this was a draft: which items to upload now.
        sharing_notices=list(application.notices.filter(event=SHARING_WITHDRAWN)),
        upload_form=forms.UploadForm(),
        max_mb=settings.UPLOAD_MAX_BYTES // 1048576,
    )
    if request.method == "POST":
        application.draft_step = max(application.draft_step, 4)
        application.save(update_fields=["draft_step", "updated_at"])
        return redirect("applications:draft_step", pk=application.pk, step=4)
    return None


def _step_confirm(request: HttpRequest, application: Application, context: dict):
    """Step 4 (确认提交): everything entered, what is still missing, and the 告知承诺书."""
    service = application.service
    rows, _previews = material_rows(application, request.user)
    missing = services.application_missing_materials(
        application=application, user=application.applicant
    )
    spec = {f["name"]: f.get("label", f["name"]) for f in service.form_fields if f.get("name")}
    context.update(
        rows=rows,
        missing=missing,
        form_rows=[
            (f.get("label", f["name"]), application.masked_id_number)
            for f in service.form_fields
            if f.get("type") == "id_number" and application.applicant_id_number
        ]
        + [(spec.get(k, k), v) for k, v in application.form_data.items()],
        needs_commitment=application.materials.filter(mode=MaterialMode.COMMITMENT).exists(),
        commitment_form=forms.CommitmentForm(),
    )
    return None


STEP_VIEWS = {1: _step_applicant, 2: _step_form, 3: _step_materials, 4: _step_confirm}


@_with_draft
def draft_step(request: HttpRequest, pk: int, step: int) -> HttpResponse:
    application = _draft_for(request, pk)
    if step not in STEP_VIEWS:
        raise Http404
    context = {
        "app": application,
        "service": application.service,
        "steps": STEPS,
        "step": step,
        "has_data_step": application.materials.filter(evidence_type__gt="").exists(),
    }
    response = STEP_VIEWS[step](request, application, context)
    if response is not None:
        return response
    return render(request, "applications/draft_step.html", context)


@require_POST
@_with_draft
def draft_autosave(request: HttpRequest, pk: int) -> JsonResponse:
    """Periodic autosave of step 2 (static JS): stores what was typed, unvalidated, in the draft."""
    application = _draft_for(request, pk)
    command = commands.AutosaveCommand(request.POST, target=application)
    command.is_valid()  # nothing to refuse: only the service's own field names are kept
    command.run(actor=request.user)
    return JsonResponse({"ok": True, "saved_at": timezone.localtime().strftime("%H:%M:%S")})


@require_POST
@_with_draft
def draft_upload(request: HttpRequest, pk: int) -> HttpResponse:
    # Also after submission, for an item the department did not deliver (the service checks).
    application = _draft_for(request, pk, allow_supplement=True, allow_followup=True)
    form = forms.UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("请选择要上传的文件。"))
    else:
        upload = form.cleaned_data["file"]
        if upload.size > settings.UPLOAD_MAX_BYTES:
            messages.error(
                request,
                _("文件过大，单个文件不能超过 %(max)d MB。")
                % {"max": settings.UPLOAD_MAX_BYTES // 1048576},
            )
        else:
            try:
                item = services.material_upload(
                    application=application,
                    actor=request.user,
                    code=form.cleaned_data["code"],
                    data=upload.read(),
                    filename=upload.name,
                )
                messages.success(request, _("“%(name)s”已上传。") % {"name": item.name})
            except (ValidationError, services.TransitionError) as exc:
                messages.error(request, error_text(exc))
    if application.status != Status.DRAFT:
        return detail_redirect(request, application)
    return redirect("applications:draft_step", pk=pk, step=3)


@require_POST
@_with_draft
def draft_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    application = _draft_for(request, pk)
    # Any refusal: the exchange explains its refusals in Chinese.
    run_command(
        request,
        {"decide": commands.EvidenceDecisionCommand},
        action="decide",
        target=application,
        errors=(Exception,),
        fallback=_("操作失败，请上传相应材料。"),
    )
    back = request.POST.get("next")
    if back == "data":
        return redirect("applications:draft_data", pk=pk)
    return redirect("applications:draft_step", pk=pk, step=3)


@require_POST
@_with_draft
def draft_material_mode(request: HttpRequest, pk: int) -> HttpResponse:
    application = _draft_for(request, pk)
    run_command(
        request,
        {"mode": commands.MaterialModeCommand},
        action="mode",
        target=application,
        errors=(ValidationError, ApplicationMaterial.DoesNotExist),
    )
    return redirect("applications:draft_step", pk=pk, step=3)


@require_POST
@_with_draft
def draft_submit(request: HttpRequest, pk: int) -> HttpResponse:
    application = _draft_for(request, pk, for_submit=True)
    needs_commitment = any(
        item.mode == MaterialMode.COMMITMENT for item in application.materials.all()
    )
    if needs_commitment and not forms.CommitmentForm(request.POST).is_valid():
        messages.error(request, _("请阅读并勾选告知承诺书。"))
        return redirect("applications:draft_step", pk=pk, step=4)
    try:
        application = services.application_submit(
            application=application, actor=request.user, sign_commitment=needs_commitment
        )
    except services.TransitionError as exc:
        messages.error(request, str(exc))
        return redirect("applications:draft_step", pk=pk, step=4)
    messages.success(
        request,
        _("申请已提交，办件编号：%(n)s。请妥善保存，用于查询办理进度。")
        % {"n": application.number},
    )
    return detail_redirect(request, application)

"""Thin views of the applications app: parse input, call a service or selector, render."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.constants import PERM_COUNTER, PERM_REVIEW, PERM_SUPERVISION, AccountKind
from accounts.identity import mask_id_number
from accounts.permissions import login_required_kind, permission_required
from applications import evidence, forms, selectors, services, storage
from applications.constants import (
    OPEN_INTAKE_STATES,
    PAUSED_STATES,
    RATINGS_PUBLIC_CACHE_SECONDS,
    REVOCABLE_DOCUMENTS,
    DocumentType,
    MaterialMode,
    ReviewStepStatus,
    Status,
    TicketStatus,
)
from applications.models import Application, ApplicationMaterial, Document, NegativeTicket
from config.ratelimit import rate_limited
from services_catalog.selectors import service_get_live

STEPS = [(1, _("申请人信息")), (2, _("填写表单")), (3, _("提交材料")), (4, _("确认提交"))]


def _error_text(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "；".join(str(m) for m in exc.messages)
    return str(exc)


# --- The one form ----------------------------------------------------------------------------


@login_required_kind(AccountKind.CITIZEN, AccountKind.BUSINESS)
def apply_start(request: HttpRequest, service_code: str) -> HttpResponse:
    service = service_get_live(code=service_code)
    if service is None or not service.online:
        raise Http404(_("该事项不存在或暂不支持网上办理。"))
    drafts = (
        selectors.applications_for_applicant(user=request.user)
        .filter(service_code=service.code, status=Status.DRAFT)
        .only("pk", "created_at", "updated_at", "draft_step")
    )
    if request.method == "POST":
        try:
            application = services.application_start(
                applicant=request.user,
                service=service,
                idempotency_key=request.POST.get("idempotency_key", "")[:64],
            )
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, _error_text(exc))
            return redirect(request.path)
        return redirect("applications:draft_step", pk=application.pk, step=application.draft_step)
    return render(
        request,
        "applications/apply_start.html",
        {
            "service": service,
            "materials": list(service.materials.all()),
            "drafts": drafts,
            "idempotency_key": secrets.token_hex(16),
        },
    )


def _draft_for(
    request: HttpRequest, pk: int, *, allow_supplement: bool = False, for_submit: bool = False
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
        services.user_is_applicant_side(user=user, application=application)
        or (application.agent_staff_id == user.pk and user.has_perm(PERM_COUNTER))
    ):
        raise Http404
    allowed = (Status.DRAFT, Status.SUPPLEMENT) if allow_supplement else (Status.DRAFT,)
    if application.status not in allowed:
        raise _Redirect(application)
    return application


class _Redirect(Exception):
    def __init__(self, application: Application):
        self.application = application


def _detail_redirect(request: HttpRequest, application: Application) -> HttpResponse:
    if application.agent_staff_id == request.user.pk and request.user.has_perm(PERM_COUNTER):
        return redirect("applications:counter_detail", pk=application.pk)
    return redirect("applications:my_detail", pk=application.pk)


def _with_draft(view):
    def wrapper(request: HttpRequest, pk: int, *args, **kwargs):
        if not request.user.is_authenticated:
            from django.contrib.auth.views import redirect_to_login

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
            return _detail_redirect(request, stop.application)

    wrapper.__name__ = view.__name__
    return wrapper


def _material_rows(application: Application, user) -> tuple[list[dict], list]:
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
            or preview.status in ("failed", "refused")
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


# Form field names that certified evidence fills, beyond identical keys.
PREFILL_ALIASES = {
    "applicant_name": "name",
    "address": "household_address",
    "last_employer": "current_employer",
    "company_name": "name",
}


def _prefill(application: Application, user, spec: list[dict]) -> tuple[dict, dict]:
    """Initial values: what the applicant typed, else verified evidence (with its provenance)."""
    initial = dict(application.form_data)
    provenance: dict[str, str] = {}
    defaults = {
        "applicant_name": application.applicant_name,
        "phone": application.applicant_phone,
        "contact_phone": application.applicant_phone,
    }
    previews = evidence.previews(user=user, reference=application.reference)
    verified = [p for p in previews if p.status == "verified"]
    for field in spec:
        name = field.get("name")
        if not name or initial.get(name):
            continue
        key = PREFILL_ALIASES.get(name, name)
        for preview in verified:
            value = preview.values.get(key)
            if value and not isinstance(value, list | dict) and "id_number" not in key:
                initial[name] = str(value)
                provenance[name] = f"{preview.department_name} · {preview.name} · {_('已核验')}"
                break
        else:
            if defaults.get(name):
                initial[name] = defaults[name]
                provenance[name] = _("实名账户信息")
    return initial, provenance


@_with_draft
def draft_step(request: HttpRequest, pk: int, step: int) -> HttpResponse:
    application = _draft_for(request, pk)
    service = application.service
    if step not in (1, 2, 3, 4):
        raise Http404
    context = {"app": application, "service": service, "steps": STEPS, "step": step}
    has_evidence = application.materials.filter(evidence_type__gt="").exists()
    if step in (1, 3) and request.method == "GET" and has_evidence:
        try:  # idempotent per (reference, type): asked at the start so step 2 can be prefilled
            services.application_request_evidence(application=application, actor=request.user)
        except evidence.EvidenceNotAvailable:
            if step == 3:
                messages.warning(request, _("部分证照暂时无法通过数据共享获取，请上传相应材料。"))
    if step == 1:
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
            return redirect("applications:draft_step", pk=pk, step=2)
        context.update(
            form=form,
            masked_id=application.masked_id_number
            or mask_id_number(application.applicant.id_number),
        )
    elif step == 2:
        # ID-number fields are the applicant's own verified number: shown masked, never re-typed.
        locked = [
            f
            for f in service.form_fields
            if f.get("type") == "id_number" and application.applicant_id_number
        ]
        spec = [f for f in service.form_fields if f not in locked]
        initial, provenance = _prefill(application, request.user, spec)
        form = forms.ServiceForm(request.POST or None, fields_spec=spec, initial=initial)
        for name, source in provenance.items():
            if name in form.fields:
                form.fields[name].help_text = _("已预填：%(source)s") % {"source": source}
        if request.method == "POST" and form.is_valid():
            services.application_save_form(
                application=application, actor=request.user, form_data=form.cleaned_data
            )
            return redirect("applications:draft_step", pk=pk, step=3)
        context.update(
            form=form,
            locked=[(f.get("label", f["name"]), application.masked_id_number) for f in locked],
        )
    elif step == 3:
        rows, previews = _material_rows(application, request.user)
        context.update(
            rows=rows,
            any_pending=any(p.status == "pending" for p in previews),
            upload_form=forms.UploadForm(),
            max_mb=settings.UPLOAD_MAX_BYTES // 1048576,
        )
        if request.method == "POST":
            application.draft_step = max(application.draft_step, 4)
            application.save(update_fields=["draft_step", "updated_at"])
            return redirect("applications:draft_step", pk=pk, step=4)
    else:
        rows, _previews = _material_rows(application, request.user)
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
    return render(request, "applications/draft_step.html", context)


@require_POST
@_with_draft
def draft_autosave(request: HttpRequest, pk: int) -> JsonResponse:
    """Periodic autosave of step 2 (static JS): stores what was typed, unvalidated, in the draft."""
    application = _draft_for(request, pk)
    names = {f["name"] for f in application.service.form_fields if f.get("name")}
    data = {k: v[:2000] for k, v in request.POST.items() if k in names}
    services.application_save_form(
        application=application, actor=request.user, form_data=data, partial=True
    )
    return JsonResponse({"ok": True, "saved_at": timezone.localtime().strftime("%H:%M:%S")})


@require_POST
@_with_draft
def draft_upload(request: HttpRequest, pk: int) -> HttpResponse:
    application = _draft_for(request, pk, allow_supplement=True)
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
                messages.error(request, _error_text(exc))
    if application.status == Status.SUPPLEMENT:
        return redirect("applications:my_detail", pk=pk)
    return redirect("applications:draft_step", pk=pk, step=3)


@require_POST
@_with_draft
def draft_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    application = _draft_for(request, pk)
    use = request.POST.get("decision") == "use"
    try:
        services.application_evidence_decide(
            application=application,
            actor=request.user,
            evidence_type=request.POST.get("evidence_type", ""),
            use=use,
            confirmed_in_person=request.POST.get("confirmed_in_person") == "1",
        )
    except Exception as exc:  # the exchange explains refusals in Chinese
        messages.error(request, _error_text(exc) or _("操作失败，请上传相应材料。"))
    return redirect("applications:draft_step", pk=pk, step=3)


@require_POST
@_with_draft
def draft_material_mode(request: HttpRequest, pk: int) -> HttpResponse:
    application = _draft_for(request, pk)
    try:
        services.material_set_mode(
            application=application,
            actor=request.user,
            code=request.POST.get("code", ""),
            mode=request.POST.get("mode", ""),
        )
    except (ValidationError, ApplicationMaterial.DoesNotExist) as exc:
        messages.error(request, _error_text(exc))
    return redirect("applications:draft_step", pk=pk, step=3)


@require_POST
@_with_draft
def draft_submit(request: HttpRequest, pk: int) -> HttpResponse:
    application = _draft_for(request, pk, for_submit=True)
    if any(item.mode == MaterialMode.COMMITMENT for item in application.materials.all()):
        form = forms.CommitmentForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("请阅读并勾选告知承诺书。"))
            return redirect("applications:draft_step", pk=pk, step=4)
        services.application_sign_commitment(
            application=application,
            actor=request.user,
            text=_("申请人承诺所填信息和以承诺替代的证明材料真实有效，如有虚假承担相应法律责任。"),
        )
    try:
        application = services.application_submit(application=application, actor=request.user)
    except services.TransitionError as exc:
        messages.error(request, str(exc))
        return redirect("applications:draft_step", pk=pk, step=4)
    messages.success(
        request,
        _("申请已提交，办件编号：%(n)s。请妥善保存，用于查询办理进度。")
        % {"n": application.number},
    )
    return _detail_redirect(request, application)


# --- The applicant's side --------------------------------------------------------------------


@login_required_kind(AccountKind.CITIZEN, AccountKind.BUSINESS)
def my_list(request: HttpRequest) -> HttpResponse:
    from django.core.paginator import Paginator

    paginator = Paginator(selectors.application_list_for_applicant(user=request.user), 25)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "applications/my_list.html",
        {"applications": list(page.object_list), "page": page, "Status": Status},
    )


@login_required_kind(AccountKind.CITIZEN, AccountKind.BUSINESS)
def my_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_get_for_applicant(user=request.user, pk=pk)
    if application is None:
        raise Http404
    if application.status == Status.DRAFT:
        return redirect("applications:draft_step", pk=pk, step=application.draft_step)
    return render(
        request, "applications/my_detail.html", _detail_context(application, request.user)
    )


def _detail_context(application: Application, user) -> dict:
    return {
        "app": application,
        "events": list(application.events.select_related("actor").all()),
        "materials": list(application.materials.all()),
        "documents": list(application.documents.all()),
        "supplement": application.supplements.filter(fulfilled_at__isnull=True).first(),
        "suspensions": list(application.suspensions.all()),
        "steps": list(application.review_steps.select_related("department")),
        "countdown": selectors.application_countdown(application=application),
        "paused": application.status in PAUSED_STATES,
        "Status": Status,
        "can_withdraw": application.status
        in (Status.SUBMITTED, Status.PRE_REVIEW, Status.SUPPLEMENT),
        "upload_form": forms.UploadForm(),
        "evaluation": getattr(application, "evaluation", None)
        if application.status == Status.EVALUATED
        else None,
    }


@require_POST
@login_required_kind(AccountKind.CITIZEN, AccountKind.BUSINESS)
def my_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    application = selectors.application_get_for_applicant(user=request.user, pk=pk)
    if application is None:
        raise Http404
    try:
        if action == "withdraw":
            services.application_withdraw(
                application=application, actor=request.user, reason=request.POST.get("reason", "")
            )
            messages.success(request, _("申请已撤回。"))
        elif action == "supplement":
            services.application_supplement_submit(application=application, actor=request.user)
            messages.success(request, _("补正材料已提交，办理时限恢复计算。"))
        else:
            raise Http404
    except services.TransitionError as exc:
        messages.error(request, str(exc))
    return redirect("applications:my_detail", pk=pk)


@login_required_kind(AccountKind.CITIZEN, AccountKind.BUSINESS)
def my_evaluate(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_get_for_applicant(user=request.user, pk=pk)
    if application is None:
        raise Http404
    if application.status != Status.COMPLETED:
        messages.info(request, _("办结后才能评价，且每个办件只评价一次。"))
        return redirect("applications:my_detail", pk=pk)
    form = forms.EvaluationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        subs = {k[4:]: v for k, v in form.cleaned_data.items() if k.startswith("sub_") and v}
        try:
            services.application_evaluate(
                application=application,
                actor=request.user,
                level=form.cleaned_data["level"],
                text=form.cleaned_data["text"],
                sub_scores=subs,
                channel=form.cleaned_data["channel"] or "pc",
            )
        except (services.TransitionError, ValidationError) as exc:
            messages.error(request, _error_text(exc))
        else:
            messages.success(request, _("感谢您的评价！"))
            return redirect("applications:my_detail", pk=pk)
    return render(request, "applications/evaluate.html", {"app": application, "form": form})


# --- Files (permission-checked; never served from the web root) ------------------------------


def _may_see(user, application: Application) -> bool:
    if services.user_is_applicant_side(user=user, application=application):
        return True
    if application.agent_staff_id == user.pk:
        return True
    return selectors.application_get_for_staff(user=user, pk=application.pk) is not None


def _serve(relative: str, filename: str, content_type: str) -> FileResponse:
    path = storage.private_path(relative)
    if not path.exists():
        raise Http404
    response = FileResponse(
        path.open("rb"), content_type=content_type, as_attachment=True, filename=filename
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def material_download(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        raise Http404
    item = ApplicationMaterial.objects.select_related("application").filter(pk=pk).first()
    if item is None or not item.file_path or not _may_see(request.user, item.application):
        raise Http404
    return _serve(item.file_path, item.file_name or "material", item.content_type)


def document_download(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        raise Http404
    document = Document.objects.select_related("application").filter(pk=pk).first()
    if document is None or not _may_see(request.user, document.application):
        raise Http404
    name = f"{document.application.number}-{document.get_doc_type_display()}.pdf"
    return _serve(document.file_path, name, "application/pdf")


# --- Window intake ---------------------------------------------------------------------------


@permission_required(PERM_COUNTER)
def counter_queue(request: HttpRequest) -> HttpResponse:
    from django.core.paginator import Paginator

    page = Paginator(selectors.applications_for_clerk(clerk=request.user), 40).get_page(
        request.GET.get("page")
    )
    queue = list(page.object_list)
    today = timezone.localdate()
    from applications.deadlines import working_days_between

    for app in queue:
        app.countdown = working_days_between(today, app.intake_due) if app.intake_due else None
    return render(
        request,
        "applications/counter_queue.html",
        {"queue": queue, "page": page, "walk_in_form": forms.WalkInForm()},
    )


@permission_required(PERM_COUNTER)
def counter_walk_in(request: HttpRequest) -> HttpResponse:
    form = forms.WalkInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        service = service_get_live(code=form.cleaned_data["service_code"].strip())
        if service is None:
            form.add_error("service_code", _("没有该实施编码的已发布事项。"))
        else:
            try:
                application = services.walk_in_start(
                    clerk=request.user,
                    service=service,
                    real_name=form.cleaned_data["real_name"],
                    id_number=form.cleaned_data["id_number"],
                    phone=form.cleaned_data["phone"],
                    identity_checked=form.cleaned_data["identity_checked"],
                )
            except ValidationError as exc:
                form.add_error(None, _error_text(exc))
            else:
                messages.success(request, _("已为申请人创建代办申请，请继续填写表单和材料。"))
                return redirect("applications:draft_step", pk=application.pk, step=2)
    return render(request, "applications/counter_walk_in.html", {"form": form})


@permission_required(PERM_COUNTER)
def counter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_get_for_clerk(clerk=request.user, pk=pk)
    if application is None:
        raise Http404
    rows, _p = _material_rows(application, request.user)
    context = _detail_context(application, request.user)
    context.update(
        rows=rows,
        reason_form=forms.ReasonForm(),
        is_intake=application.status in OPEN_INTAKE_STATES,
        tolerable=[r["item"] for r in rows if r["item"].necessity == "tolerable"],
    )
    return render(request, "applications/counter_detail.html", context)


@require_POST
@permission_required(PERM_COUNTER)
def counter_decide(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_get_for_clerk(clerk=request.user, pk=pk)
    if application is None:
        raise Http404
    action = request.POST.get("action", "")
    codes = [m.code for m in application.materials.all()]
    checks = {
        c: (request.POST.get(f"check_{c}", ""), request.POST.get(f"note_{c}", ""))
        for c in codes
        if request.POST.get(f"check_{c}")
    }
    try:
        if checks:
            services.material_check(application=application, clerk=request.user, results=checks)
        if action == "accept":
            tolerate = request.POST.getlist("tolerate")
            if tolerate and request.POST.get("commitment_signed"):
                services.application_sign_commitment(
                    application=application,
                    actor=application.applicant,
                    text=_("容缺受理承诺：申请人承诺在期限内补交所缺材料（窗口记录）。"),
                )
            services.application_accept(
                application=application,
                clerk=request.user,
                tolerate=tolerate,
                reason=request.POST.get("reason", ""),
            )
            messages.success(request, _("已受理，受理通知书正在生成。"))
        elif action == "reject":
            services.application_reject_intake(
                application=application, clerk=request.user, reason=request.POST.get("reason", "")
            )
            messages.success(request, _("已作出不予受理决定。"))
        elif action == "supplement":
            items = {
                c: (request.POST.get(f"note_{c}") or "").strip()
                for c in request.POST.getlist("supplement")
            }
            services.application_request_supplement(
                application=application,
                clerk=request.user,
                items=items,
                note=request.POST.get("reason", ""),
            )
            messages.success(request, _("已一次性告知补正，办理时限暂停计算。"))
        elif action == "pre_review":
            services.application_transition(
                application=application, action="pre_review", actor=request.user
            )
        elif action == "check":
            messages.success(request, _("材料核验结果已保存。"))
        else:
            messages.error(request, _("未知的操作。"))
    except (services.TransitionError, ValidationError, PermissionDenied) as exc:
        messages.error(request, _error_text(exc) or _("无权执行此操作。"))
    return redirect("applications:counter_detail", pk=pk)


# --- Department review -----------------------------------------------------------------------


@permission_required(PERM_REVIEW)
def review_queue(request: HttpRequest) -> HttpResponse:
    queue = list(selectors.applications_for_reviewer(reviewer=request.user)[:100])
    done = list(selectors.applications_decided_by_department(reviewer=request.user))
    today = timezone.localdate()
    from applications.deadlines import working_days_between

    for app in queue:
        app.countdown = working_days_between(today, app.promised_due) if app.promised_due else None
    return render(request, "applications/review_queue.html", {"queue": queue, "done": done})


@permission_required(PERM_REVIEW)
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_get_for_reviewer(reviewer=request.user, pk=pk)
    if application is None:
        raise Http404
    context = _detail_context(application, request.user)
    step = services.reviewer_step(user=request.user, application=application)
    rows, _p = _material_rows(application, request.user)
    context.update(
        rows=rows,
        my_step=step,
        suspend_form=forms.SuspendForm(),
        reason_form=forms.ReasonForm(),
        step_active=step is not None and step.status == ReviewStepStatus.ACTIVE,
        revocable=_revocable_documents(request.user, application, context["documents"]),
    )
    return render(request, "applications/review_detail.html", context)


def _revocable_documents(user, application: Application, documents: list) -> list:
    """The issued certificate / 准予许可决定书 this user may revoke (one permission check)."""
    candidates = [d for d in documents if d.doc_type in REVOCABLE_DOCUMENTS and not d.revoked]
    if not candidates:
        return []
    candidates[0].application = application
    return candidates if services.document_may_revoke(user=user, document=candidates[0]) else []


@require_POST
@permission_required(PERM_REVIEW)
def review_act(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_get_for_reviewer(reviewer=request.user, pk=pk)
    if application is None:
        raise Http404
    action = request.POST.get("action", "")
    text = request.POST.get("reason", "")
    try:
        if action == "start":
            services.application_review_start(application=application, reviewer=request.user)
        elif action == "suspend":
            services.application_suspend(
                application=application,
                reviewer=request.user,
                reason_code=request.POST.get("reason_code", ""),
                note=request.POST.get("note", ""),
            )
            messages.success(request, _("已启动特别程序，办理时限暂停计算。"))
        elif action == "resume":
            services.application_resume(application=application, reviewer=request.user, result=text)
        elif action == "approve":
            services.application_approve(
                application=application, reviewer=request.user, opinion=text
            )
            messages.success(request, _("已准予；决定书和证书正在生成。"))
        elif action == "refuse":
            services.application_refuse(application=application, reviewer=request.user, reason=text)
            messages.success(request, _("已作出不予许可决定。"))
        else:
            messages.error(request, _("未知的操作。"))
    except (services.TransitionError, ValidationError) as exc:
        messages.error(request, _error_text(exc))
    return redirect("applications:review_detail", pk=pk)


# --- Supervision -----------------------------------------------------------------------------


@permission_required(PERM_SUPERVISION)
def supervision(request: HttpRequest) -> HttpResponse:
    context = selectors.supervision_overview()
    status = request.GET.get("status", "")
    context.update(
        _rating_statistics_context(request),
        tickets=list(selectors.tickets_for_supervisor(user=request.user, status=status)[:100]),
        ticket_status=status,
        ticket_statuses=TicketStatus.choices,
        today=timezone.localdate(),
    )
    return render(request, "applications/supervision.html", context)


def _rating_statistics_context(request: HttpRequest, *, cached: bool = False) -> dict:
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


# --- Public: verification and progress look-up -----------------------------------------------


def verify(request: HttpRequest, code: str = "") -> HttpResponse:
    code = code or request.GET.get("code", "")
    document = selectors.document_get_by_code(code=code) if code else None
    context = {"code": code, "document": document}
    if document is not None:
        app = document.application
        name = app.applicant_name
        context.update(
            app=app,
            masked_name=(name[0] + "*" * (len(name) - 1))
            if name and not app.organisation_id
            else name,
            masked_id=app.masked_id_number,
            valid=not document.revoked,
            is_result=document.doc_type == DocumentType.CERTIFICATE,
        )
    return render(
        request,
        "applications/verify.html",
        context,
        status=404 if code and document is None else 200,
    )


def progress_lookup(request: HttpRequest) -> HttpResponse:
    form = forms.ProgressLookupForm(request.POST or None)
    context: dict = {"form": form}
    status = 200
    if request.method == "POST":
        if rate_limited(
            request,
            scope="progress-lookup",
            limit=settings.APPLICATIONS_LOOKUP_RATE,
            window_seconds=600,
        ):
            context["limited"] = True
            status = 429
        elif form.is_valid():
            app = selectors.application_find_public(
                number=form.cleaned_data["number"], phone=form.cleaned_data["phone"]
            )
            context["result"] = app
            context["not_found"] = app is None
            if app is not None:
                context["events"] = list(
                    app.events.only("created_at", "to_status", "office", "action")
                )
    return render(request, "applications/progress.html", context, status=status)


# --- 统一发证: revocation -------------------------------------------------------------------------


@require_POST
@login_required_kind(AccountKind.STAFF)
def document_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """撤销 a certificate / 准予许可决定书 from the review case page."""
    document = Document.objects.select_related("application").filter(pk=pk).first()
    if document is None or not services.document_may_revoke(user=request.user, document=document):
        raise Http404
    back = (
        redirect("applications:review_detail", pk=document.application_id)
        if selectors.application_get_for_reviewer(reviewer=request.user, pk=document.application_id)
        else redirect("applications:verify", code=document.verification_code)
    )
    form = forms.RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(str(e) for errs in form.errors.values() for e in errs))
        return back
    if form.cleaned_data["document"] != document.pk:
        messages.error(request, _("撤销的文书与页面不一致，请刷新后重试。"))
        return back
    try:
        services.document_revoke(
            document=document, actor=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("文书已撤销，核验页将显示“已撤销”，并已通知申请人。"))
    except (services.TransitionError, ValidationError, PermissionDenied) as exc:
        messages.error(request, _error_text(exc) or _("无权执行此操作。"))
    return back


# --- 差评 handling: the department's side (回访, 整改, 申诉) ---------------------------------------


def _ticket_staff(view):
    """Staff who handle cases (reviewers or clerks); the department scope is in the selectors."""

    @login_required_kind(AccountKind.STAFF)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not (request.user.has_perm(PERM_REVIEW) or request.user.has_perm(PERM_COUNTER)):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def _form_errors(form) -> str:
    return "；".join(str(e) for errs in form.errors.values() for e in errs)


@_ticket_staff
def ticket_list(request: HttpRequest) -> HttpResponse:
    tickets = list(selectors.tickets_for_department(user=request.user)[:200])
    return render(
        request,
        "applications/ticket_list.html",
        {"tickets": tickets, "today": timezone.localdate()},
    )


def _ticket_context(request: HttpRequest, ticket: NegativeTicket, *, side: str) -> dict:
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


@_ticket_staff
def ticket_detail(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = selectors.ticket_get_for_department(user=request.user, pk=pk)
    if ticket is None:
        raise Http404
    return render(
        request,
        "applications/ticket_detail.html",
        _ticket_context(request, ticket, side="department"),
    )


@require_POST
@_ticket_staff
def ticket_act(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = selectors.ticket_get_for_department(user=request.user, pk=pk)
    if ticket is None:
        raise Http404
    action = request.POST.get("action", "")
    try:
        if action == "callback":
            form = forms.CallbackForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_form_errors(form))
            services.ticket_callback_record(
                ticket=ticket,
                actor=request.user,
                called_at=form.cleaned_data["called_at"],
                method=form.cleaned_data["method"],
                result=form.cleaned_data["result"],
                satisfied=form.cleaned_data["satisfied"] == "yes",
            )
            messages.success(request, _("回访情况已记录。"))
        elif action == "plan":
            form = forms.PlanForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_form_errors(form))
            services.ticket_plan(
                ticket=ticket,
                actor=request.user,
                measures=form.cleaned_data["measures"],
                days=form.cleaned_data["days"],
            )
            messages.success(request, _("限期整改措施已记录。"))
        elif action == "rectify":
            services.ticket_rectify(
                ticket=ticket, actor=request.user, measures=request.POST.get("measures", "")
            )
            messages.success(request, _("整改结果已提交，等待效能监督审核。"))
        elif action == "appeal":
            services.ticket_appeal(
                ticket=ticket, actor=request.user, reason=request.POST.get("reason", "")
            )
            messages.success(request, _("申诉已提交，等待效能监督审核。"))
        else:
            messages.error(request, _("未知的操作。"))
    except (services.TransitionError, ValidationError, PermissionDenied) as exc:
        messages.error(request, _error_text(exc) or _("无权执行此操作。"))
    return redirect("applications:ticket_detail", pk=pk)


# --- 差评 handling: 效能监督 (审核整改, 审核申诉) -------------------------------------------------


@permission_required(PERM_SUPERVISION)
def supervision_ticket(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = selectors.ticket_get_for_supervisor(user=request.user, pk=pk)
    if ticket is None:
        raise Http404
    return render(
        request,
        "applications/ticket_detail.html",
        _ticket_context(request, ticket, side="supervisor"),
    )


@require_POST
@permission_required(PERM_SUPERVISION)
def supervision_ticket_act(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = selectors.ticket_get_for_supervisor(user=request.user, pk=pk)
    if ticket is None:
        raise Http404
    action = request.POST.get("action", "")
    note = request.POST.get("note", "")
    try:
        if action == "confirm":
            services.ticket_confirm(ticket=ticket, actor=request.user, note=note)
            messages.success(request, _("整改已审核通过。"))
        elif action == "send_back":
            services.ticket_send_back(ticket=ticket, actor=request.user, reason=note)
            messages.success(request, _("已退回责任部门重新整改。"))
        elif action in ("uphold", "reject_appeal"):
            services.ticket_appeal_decide(
                ticket=ticket, actor=request.user, uphold=action == "uphold", note=note
            )
            messages.success(
                request,
                _("申诉成立，该评价不再计入统计。")
                if action == "uphold"
                else _("申诉不成立，已退回责任部门整改。"),
            )
        else:
            messages.error(request, _("未知的操作。"))
    except (services.TransitionError, ValidationError, PermissionDenied) as exc:
        messages.error(request, _error_text(exc) or _("无权执行此操作。"))
    return redirect("applications:supervision_ticket", pk=pk)


# --- Public: 好差评公示 ---------------------------------------------------------------------------


def ratings_public(request: HttpRequest) -> HttpResponse:
    """好差评 statistics per department; no personal data, no rating texts."""
    return render(
        request,
        "applications/ratings_public.html",
        _rating_statistics_context(request, cached=True),
    )

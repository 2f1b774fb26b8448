"""Demo content of the applications app: cases in every state for the demo accounts, so that
`clerk` (one window, zwfw) and `reviewer` (rsj) have work waiting when the demo starts.

Built through the real transition services (events, deadlines and documents are genuine).
Idempotent: each case has a stable idempotency key "demo:<n>" and is skipped when present.
"""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from applications import services
from applications.constants import CallbackMethod, MaterialMode, Status
from applications.demo.cases import CASES, HANDLED_NEGATIVE, RATED_POSITIVE
from applications.models import Application
from services_catalog.selectors import service_get_live

logger = logging.getLogger(__name__)

_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _supply_materials(app: Application, actor: User) -> None:
    for item in app.materials.all():
        if item.evidence_type:
            item.mode = MaterialMode.EVIDENCE
            item.save(update_fields=["mode"])
        elif item.necessity != "optional":
            services.material_upload(
                application=app, actor=actor, code=item.code, data=_PDF, filename=f"{item.name}.pdf"
            )


def _advance(app: Application, target: str, *, clerk: User, reviewer: User | None) -> None:
    if target == Status.DRAFT:
        return
    services.application_submit(application=app, actor=app.applicant, check_materials=False)
    if target == Status.SUBMITTED:
        return
    if target == Status.WITHDRAWN:
        services.application_withdraw(
            application=app, actor=app.applicant, reason="信息填写有误，重新申请"
        )
        return
    if target == Status.PRE_REVIEW:
        services.application_transition(application=app, action="pre_review", actor=clerk)
        return
    if target == Status.SUPPLEMENT:
        item = app.materials.exclude(evidence_type__gt="").first() or app.materials.first()
        services.application_request_supplement(
            application=app,
            clerk=clerk,
            items={item.code: "扫描件不清晰，请重新上传彩色扫描件"},
            note="请在补正期限内上传清晰的彩色扫描件",
        )
        return
    if target == Status.NOT_ACCEPTED:
        services.application_reject_intake(
            application=app,
            clerk=clerk,
            reason="申请事项不属于本机关职权范围，请向住所地区级市场监管部门申请",
            items={m.code: "申请事项不属于本机关职权范围" for m in app.materials.all()[:1]},
            confirmed=True,
        )
        return
    # The window found every material in order (受理 requires it).
    checks = {m.code: ("ok", "原件已核") for m in app.materials.all()}
    services.application_accept(application=app, clerk=clerk, checks=checks)
    if target == Status.ACCEPTED or reviewer is None:
        return
    services.application_review_start(application=app, reviewer=reviewer)
    if target == Status.UNDER_REVIEW:
        return
    if target == Status.SUSPENDED:
        services.application_suspend(
            application=app, reviewer=reviewer, reason_code="site_check", note="核实离职情况"
        )
        return
    services.application_approve(application=app, reviewer=reviewer, opinion="符合条件，予以办理")
    app.refresh_from_db()
    if (
        app.status == Status.APPROVED
    ):  # the certificate task runs after commit; complete in the demo
        services.application_complete(application=app)
    if target == Status.EVALUATED:
        services.application_evaluate(
            application=app,
            actor=app.applicant,
            level=4,
            text="线上流程清楚，但电话咨询一直占线。",
            sub_scores={"efficiency": 3, "convenience": 4},
        )


def _rate_and_handle(app: Application, spec: dict, *, reviewer: User) -> None:
    """A 差评 the department has called back and rectified: waiting for 效能监督's review."""
    app.refresh_from_db()
    if app.status != Status.COMPLETED:
        return
    evaluation = services.application_evaluate(
        application=app, actor=app.applicant, level=spec["level"], text=spec["text"]
    )
    ticket = evaluation.ticket
    services.ticket_callback_record(
        ticket=ticket,
        actor=reviewer,
        called_at=timezone.now(),
        method=CallbackMethod.PHONE,
        result=spec["callback"],
        satisfied=True,
    )
    services.ticket_rectify(ticket=ticket, actor=reviewer, measures=spec["measures"])


def load(*, stdout=None) -> None:
    """Idempotently create this app's demo content."""
    users = {
        u.username: u
        for u in User.objects.filter(
            username__in=["citizen", "citizen2", "business", "clerk", "reviewer"]
        )
    }
    clerk = users.get("clerk")
    if clerk is None:
        return
    created = 0
    for key, username, code, target, form_data in CASES:
        applicant = users.get(username)
        service = service_get_live(code=code)
        if applicant is None or service is None:
            continue
        if Application.objects.filter(applicant=applicant, idempotency_key=f"demo:{key}").exists():
            continue
        reviewer = users.get("reviewer") if service.department.code == "rsj" else None
        with transaction.atomic():
            try:
                app = services.application_start(
                    applicant=applicant, service=service, idempotency_key=f"demo:{key}"
                )
            except (ValidationError, PermissionDenied) as exc:  # audience changed in the catalogue
                logger.info("demo case %s skipped: %s", key, exc)
                continue
            # The cases above name the fields by their labels; store them under the guide's keys.
            by_label = {f.get("label"): f.get("name") for f in service.form_fields or []}
            app.form_data = {by_label.get(k) or k: v for k, v in form_data.items()}
            app.applicant_phone = applicant.phone
            app.draft_step = 4 if target != Status.DRAFT else 2
            app.save()
            _supply_materials(app, applicant)
            _advance(app, target, clerk=clerk, reviewer=reviewer)
            if key in HANDLED_NEGATIVE and reviewer is not None:
                _rate_and_handle(app, HANDLED_NEGATIVE[key], reviewer=reviewer)
            if key in RATED_POSITIVE:
                app.refresh_from_db()
                if app.status == Status.COMPLETED:
                    services.application_evaluate(
                        application=app, actor=app.applicant, **RATED_POSITIVE[key]
                    )
        created += 1
    if stdout is not None:
        stdout.write(f"applications: {created} demo cases created\n")

"""好差评: the applicant rates a completed case; a 差评 opens a ledger ticket (docs/domain.md, 好差评)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.constants import AccountKind
from accounts.models import User
from applications import deadlines
from applications.constants import (
    NEGATIVE_TICKET_DAYS,
    EvaluationChannel,
    Satisfaction,
    Status,
)
from applications.deadlines import add_working_days
from applications.models import (
    Application,
    Evaluation,
    NegativeTicket,
)
from applications.services.transitions import application_transition


def _checked_scores(*, level: int, text: str, sub_scores: dict | None) -> dict:
    """The level and the reason a 差评 needs; the sub-scores kept (1–5 only)."""
    if level not in Satisfaction.values:
        raise ValidationError(_("请选择满意度（非常满意至非常不满意）。"))
    if level >= Satisfaction.DISSATISFIED and not text.strip():
        raise ValidationError(_("选择“不满意”或“非常不满意”时，请写明原因，便于整改。"))
    return {
        k: int(v) for k, v in (sub_scores or {}).items() if str(v).isdigit() and 1 <= int(v) <= 5
    }


def _open_ticket_if_negative(evaluation: Evaluation) -> None:
    """A 差评 (4/5) opens a ledger ticket due in NEGATIVE_TICKET_DAYS working days."""
    if evaluation.is_negative:
        NegativeTicket.objects.create(
            evaluation=evaluation,
            department_id=evaluation.department_id,
            due_date=add_working_days(deadlines.local_today(), NEGATIVE_TICKET_DAYS),
        )


def application_evaluate(
    *,
    application: Application,
    actor: User,
    level: int,
    text: str = "",
    sub_scores: dict | None = None,
    channel: str = EvaluationChannel.PC,
) -> Evaluation:
    """Rate a completed case (1 非常满意 … 5 非常不满意). 差评 (4/5) open a ledger ticket."""
    if (
        application.status != Status.EVALUATED
        and Evaluation.objects.filter(application=application).exists()
    ):  # rated on the hall tablet; an evaluated case is refused by the transition itself
        raise ValidationError(_("该办件已评价（大厅现场评价），不能重复评价。"))
    clean_scores = _checked_scores(level=level, text=text, sub_scores=sub_scores)
    holder: dict = {}

    def apply(app: Application, role: str) -> None:
        evaluation = Evaluation.objects.create(
            application=app,
            number=app.number or "",
            channel=channel,
            evaluator=actor,
            evaluator_name=actor.display_name,
            level=level,
            text=text.strip()[:2000],
            sub_scores=clean_scores,
            region_code=app.region_code or "310000",
            service_id=app.service_id,
            department_id=app.department_id,
        )
        staff_ids = set(
            app.events.exclude(actor__isnull=True)
            .filter(actor__kind=AccountKind.STAFF)
            .values_list("actor_id", flat=True)
        )
        if app.agent_staff_id:
            staff_ids.add(app.agent_staff_id)
        evaluation.handlers.set(staff_ids)
        _open_ticket_if_negative(evaluation)
        holder["e"] = evaluation

    application_transition(
        application=application,
        action="evaluate",
        actor=actor,
        reason=Satisfaction(level).label,
        apply=apply,
    )
    return holder["e"]


def application_evaluate_on_the_spot(
    *,
    application: Application,
    clerk: User,
    level: int,
    text: str = "",
    sub_scores: dict | None = None,
) -> Evaluation:
    """一次一评 on the hall tablet right after the window visit: the case's rating, against the
    clerk who served, at any state after submission. The case's state does not change; a case
    already rated is refused (one rating per case). Called by the hall app."""
    clean_scores = _checked_scores(level=level, text=text, sub_scores=sub_scores)
    with transaction.atomic():
        app = Application.objects.select_for_update().get(pk=application.pk)
        if app.status == Status.DRAFT or Evaluation.objects.filter(application=app).exists():
            raise ValidationError(_("该办件已评价或尚未提交，不能再次评价。"))
        evaluation = Evaluation.objects.create(
            application=app,
            number=app.number or "",
            channel=EvaluationChannel.TABLET,
            evaluator=app.applicant,
            evaluator_name=app.applicant_name or app.applicant.display_name,
            level=level,
            text=text.strip()[:2000],
            sub_scores=clean_scores,
            region_code=app.region_code or "310000",
            service_id=app.service_id,
            department_id=app.department_id,
        )
        evaluation.handlers.set([clerk.pk])
        _open_ticket_if_negative(evaluation)
    return evaluation

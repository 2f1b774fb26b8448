"""Policy questions (咨询服务): one loop with the 12345 appeals, not two.

A business's question is kept here (the policy page lists it, and the department may publish
its answer as an FAQ) and becomes, in the same transaction, an appeal of type 咨询 through
``participation.services.appeal_from_policy_question`` — the one named function between the
two floor-3 apps. The appeal is dispatched to the policy's issuing department and follows the
appeal loop (答复, 回访, 重办, deadlines and 督办); the business follows it under 我的诉求.
The question follows its appeal: ``question_follow_appeal``, registered with
``participation.hooks.on_appeal_step``, marks it 已答复 with the appeal's answer when the
department answers, and 待答复 again when the appeal is reopened (重办).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.constants import PERM_PUBLISH_LISTS, PERM_REVIEW
from accounts.models import User
from participation import services as participation
from participation.hooks import AppealStep
from policies.access import require_business
from policies.constants import QUESTION_OVERDUE_WORKING_DAYS, QuestionStatus
from policies.models import PolicyPage, PolicyQuestion
from policies.workdays import working_days_between


def question_ask(*, actor: User, policy: PolicyPage, question: str) -> PolicyQuestion:
    """Record the question and open its 咨询 appeal with the issuing department (atomic)."""
    organisation = require_business(actor)
    text = (question or "").strip()
    if len(text) < 5:
        raise ValidationError(_("请把问题写完整（至少5个字）。"))
    if len(text) > 1000:
        raise ValidationError(_("问题不能超过1000字。"))
    if not policy.live:
        raise ValidationError(_("该政策未发布，不能提问。"))
    with transaction.atomic():
        record = PolicyQuestion.objects.create(
            policy=policy, organisation=organisation, asked_by=actor, question=text
        )
        try:
            appeal = participation.appeal_from_policy_question(
                asker=actor,
                department=policy.department,
                policy_title=policy.title,
                question=text,
                reference=f"policy-question:{record.pk}",
            )
        except ValidationError as exc:
            if "reporter_phone" in getattr(exc, "error_dict", {}):
                raise ValidationError(
                    _("请先在账户设置中填写有效的手机号码，以便部门答复后通知您。")
                ) from exc
            raise
        record.appeal_number = appeal.number
        record.save(update_fields=["appeal_number"])
    return record


_POLICY_QA_CHANNEL = "policy_qa"
# The appeal's steps a question follows: its answer (by the department, or by the centre
# directly) and 重办. Any other step (签收, 督办, 回访, 办结...) leaves the question as it is, so
# an answer given in the admin is not undone by the appeal's later steps.
_ANSWER_STEPS = ("answer", "answer_direct")
_REOPEN_STEP = "reopen"


def question_follow_appeal(*, step: AppealStep) -> None:
    """Keep a question's status and answer in step with its 咨询 appeal (participation hook,
    inside the appeal step's transaction): 已答复 with the appeal's answer when it is answered,
    待答复 again when it is reopened."""
    if step.channel != _POLICY_QA_CHANNEL or step.action not in (*_ANSWER_STEPS, _REOPEN_STEP):
        return
    question = PolicyQuestion.objects.select_for_update().filter(appeal_number=step.number).first()
    if question is None:
        return
    if step.action == _REOPEN_STEP:
        question.status = QuestionStatus.PENDING
        question.save(update_fields=["status"])
        return
    question.status = QuestionStatus.ANSWERED
    question.answer = step.answer
    question.answered_at = step.answered_at
    question.answered_by = step.actor
    question.save(update_fields=["status", "answer", "answered_at", "answered_by"])


def staff_may_answer(*, user: User) -> bool:
    return user.is_active and (
        user.is_superuser
        or (
            user.is_portal_staff
            and user.department_id is not None
            and (user.has_perm(PERM_REVIEW) or user.has_perm(PERM_PUBLISH_LISTS))
        )
    )


def question_answer(
    *,
    actor: User,
    question: PolicyQuestion,
    answer: str,
    publish_as_faq: bool = False,
    faq_question: str = "",
) -> PolicyQuestion:
    """The issuing department's answer, which it may publish as an FAQ on the policy page."""
    if not staff_may_answer(user=actor):
        raise PermissionDenied
    if not actor.is_superuser and question.policy.department_id != actor.department_id:
        raise PermissionDenied(_("只能答复本部门发布政策的咨询。"))
    text = (answer or "").strip()
    if not text:
        raise ValidationError(_("答复内容不能为空。"))
    question.answer = text
    question.published_as_faq = publish_as_faq
    question.faq_question = (faq_question or "").strip()
    if question.status != QuestionStatus.ANSWERED:
        question.status = QuestionStatus.ANSWERED
        question.answered_at = timezone.now()
    question.answered_by = actor
    question.save()
    return question


def questions_flag_overdue(*, now: dt.datetime | None = None) -> int:
    """Flag pending questions unanswered for 3 working days to the supervisor.

    Questions that became appeals are left to the appeal loop's own deadlines and 督办.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    flagged = []
    for q in PolicyQuestion.objects.filter(
        status=QuestionStatus.PENDING, overdue_flagged_at__isnull=True, appeal_number=""
    ).only("pk", "asked_at"):
        if (
            working_days_between(timezone.localdate(q.asked_at), today)
            >= QUESTION_OVERDUE_WORKING_DAYS
        ):
            flagged.append(q.pk)
    if flagged:
        PolicyQuestion.objects.filter(pk__in=flagged).update(overdue_flagged_at=now)
    return len(flagged)

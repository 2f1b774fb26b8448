"""Writes of 征求意见: a citizen's comment, its moderation, and the feedback report (采纳情况)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.constants import AssuranceLevel
from participation.appeals.text import clean_text
from participation.consultations.models import (
    CommentState,
    ConsultationComment,
    ConsultationPage,
    ConsultationSection,
    Outcome,
)
from participation.records import record_step

PERM_MODERATE = "participation.moderate_consultations"
COMMENT_MIN, COMMENT_MAX = 5, 2000


def comment_refusal(*, page: ConsultationPage, user) -> str:
    """Why this user may not comment now ("" when they may)."""
    now = timezone.now()
    if now < page.opens_at:
        return _("征求意见尚未开始，开始时间为 %(t)s。") % {
            "t": timezone.localtime(page.opens_at).strftime("%Y-%m-%d %H:%M")
        }
    if now >= page.closes_at:
        return _("征求意见已于 %(t)s 截止，不再接收意见。") % {
            "t": timezone.localtime(page.closes_at).strftime("%Y-%m-%d %H:%M")
        }
    if not user.is_authenticated:
        return _("请先登录并完成三级及以上实名认证后发表意见。")
    if (user.assurance_level or 0) < AssuranceLevel.REGISTER_CHECKED:
        return _("发表意见需要三级及以上实名认证（权威库比对），您当前的认证等级不足。")
    return ""


def comment_submit(
    *, page: ConsultationPage, section_id: int, user, text: str
) -> ConsultationComment:
    refusal = comment_refusal(page=page, user=user)
    if refusal:
        raise ValidationError(refusal, code="refused")
    section = ConsultationSection.objects.filter(pk=section_id, page=page).first()
    if section is None:
        raise ValidationError(_("请选择要发表意见的章节。"), code="section")
    body = clean_text(text, label=_("意见内容"), max_length=COMMENT_MAX)
    if len(body) < COMMENT_MIN:
        raise ValidationError(_("意见内容至少 %(n)d 个字。") % {"n": COMMENT_MIN}, code="short")
    return ConsultationComment.objects.create(page=page, section=section, author=user, text=body)


def _require_moderator(actor) -> None:
    if not (actor.is_authenticated and actor.has_perm(PERM_MODERATE)):
        raise PermissionDenied


def comment_moderate(
    *, comment: ConsultationComment, actor, approve: bool, reason: str = ""
) -> ConsultationComment:
    """审核: approve (it shows on the page) or reject with a reason the author sees."""
    _require_moderator(actor)
    reason = clean_text(reason, label=_("未通过原因"), max_length=300, required=not approve)
    with transaction.atomic():
        locked = ConsultationComment.objects.select_for_update().get(pk=comment.pk)
        if locked.state != CommentState.PENDING:
            raise ValidationError(_("该意见已审核。"), code="state")
        before = locked.state
        locked.state = CommentState.APPROVED if approve else CommentState.REJECTED
        locked.moderation_reason = "" if approve else reason
        locked.moderated_by = actor
        locked.moderated_at = timezone.now()
        locked.save()
        record_step(
            actor=actor,
            action="participation.comment_moderate",
            label=_("审核意见：通过") if approve else _("审核意见：不通过"),
            target=locked,
            target_label=f"{locked.page.title} #{locked.pk}"[:200],
            from_state=before,
            to_state=locked.state,
            reason=reason,
        )
    return locked


def comment_set_outcome(
    *, comment: ConsultationComment, actor, outcome: str, reason: str, group_label: str = ""
) -> ConsultationComment:
    """采纳情况 of one approved comment, after the close, with its reason."""
    _require_moderator(actor)
    if outcome not in Outcome.values:
        raise ValidationError(_("请选择采纳情况。"), code="outcome")
    reason = clean_text(reason, label=_("理由"), max_length=500)
    group = clean_text(group_label, label=_("意见归类"), max_length=60, required=False)
    if not comment.page.is_closed:
        raise ValidationError(_("征求意见截止后才能填写采纳情况。"), code="open")
    if comment.state != CommentState.APPROVED:
        raise ValidationError(_("只有已公开的意见需要填写采纳情况。"), code="state")
    with transaction.atomic():
        comment.outcome, comment.outcome_reason, comment.group_label = outcome, reason, group
        comment.save(update_fields=["outcome", "outcome_reason", "group_label"])
        record_step(
            actor=actor,
            action="participation.comment_outcome",
            label=_("意见采纳情况"),
            target=comment,
            target_label=f"{comment.page.title} #{comment.pk}"[:200],
            to_state=outcome,
            reason=reason,
        )
    return comment


def feedback_publish(*, page: ConsultationPage, actor, summary: str) -> ConsultationPage:
    """发布采纳情况: every approved comment needs its outcome; pending ones must be moderated."""
    _require_moderator(actor)
    if not page.is_closed:
        raise ValidationError(_("征求意见截止后才能发布采纳情况。"), code="open")
    summary = clean_text(summary, label=_("采纳情况说明"), max_length=4000)
    comments = ConsultationComment.objects.filter(page=page)
    if comments.filter(state=CommentState.PENDING).exists():
        raise ValidationError(_("还有待审核的意见，请先审核。"), code="pending")
    if comments.filter(state=CommentState.APPROVED, outcome="").exists():
        raise ValidationError(_("还有意见未填写采纳情况。"), code="missing")
    with transaction.atomic():
        ConsultationPage.objects.filter(pk=page.pk).update(
            feedback_summary=summary, feedback_published_at=timezone.now()
        )
        record_step(
            actor=actor,
            action="participation.feedback_publish",
            label=_("发布意见采纳情况"),
            target=page,
            target_label=page.title[:200],
            reason="",
            extra={"comments": comments.filter(state=CommentState.APPROVED).count()},
        )
    page.refresh_from_db()
    return page

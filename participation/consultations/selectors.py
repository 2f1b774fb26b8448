"""Reads of 征求意见: what a page shows to whom, the moderation queue, the report's figures."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from participation.consultations.models import (
    CommentState,
    ConsultationComment,
    ConsultationPage,
    Outcome,
)
from participation.consultations.services import PERM_MODERATE, comment_refusal


def feedback_figures(*, page: ConsultationPage) -> dict:
    approved = ConsultationComment.objects.filter(page=page, state=CommentState.APPROVED)
    by_outcome = dict(approved.values_list("outcome").annotate(n=Count("pk")))
    total = ConsultationComment.objects.filter(page=page).count()
    return {
        "received": total,
        "published": approved.count(),
        "rejected": ConsultationComment.objects.filter(
            page=page, state=CommentState.REJECTED
        ).count(),
        "outcomes": [(label, by_outcome.get(value, 0)) for value, label in Outcome.choices],
    }


def consultation_page_context(*, page: ConsultationPage, user) -> dict:
    approved = (
        ConsultationComment.objects.filter(page=page, state=CommentState.APPROVED)
        .select_related("section")
        .order_by("section__sort_order", "created_at")
    )
    by_section: dict[int, list] = {}
    for comment in approved:
        by_section.setdefault(comment.section_id, []).append(comment)
    sections = [(s, by_section.get(s.pk, [])) for s in page.sections.all()]
    mine = (
        ConsultationComment.objects.filter(page=page, author=user).select_related("section")
        if user.is_authenticated
        else []
    )
    return {
        "sections": sections,
        "refusal": comment_refusal(page=page, user=user),
        "my_comments": mine,
        "figures": feedback_figures(page=page) if page.feedback_published_at else None,
        "report": approved if page.feedback_published_at else [],
    }


def comments_to_moderate(*, user, page_id: int | None = None) -> QuerySet[ConsultationComment]:
    if not (user.is_authenticated and user.has_perm(PERM_MODERATE)):
        return ConsultationComment.objects.none()
    qs = ConsultationComment.objects.select_related("page", "section", "author")
    if page_id:
        qs = qs.filter(page_id=page_id)
    return qs.order_by("state", "created_at")


def consultations_for_moderator(*, user) -> QuerySet[ConsultationPage]:
    if not (user.is_authenticated and user.has_perm(PERM_MODERATE)):
        return ConsultationPage.objects.none()
    return ConsultationPage.objects.annotate(
        pending=Count("comments", filter=Q(comments__state=CommentState.PENDING))
    ).order_by("-opens_at")

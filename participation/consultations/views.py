"""Commenting on a draft, and the publisher's moderation and feedback report."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import permission_required
from participation.consultations import selectors, services
from participation.consultations.models import ConsultationComment, ConsultationPage, Outcome
from participation.consultations.services import PERM_MODERATE


def _live_page(page_id: int) -> ConsultationPage:
    page = ConsultationPage.objects.live().public().filter(pk=page_id).first()
    if page is None:
        raise Http404
    return page


@require_POST
def comment_submit(request, page_id: int):
    page = _live_page(page_id)
    try:
        section_id = int(request.POST.get("section", "0"))
    except ValueError:
        section_id = 0
    try:
        services.comment_submit(
            page=page, section_id=section_id, user=request.user, text=request.POST.get("text", "")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("意见已提交，审核通过后公开显示。"))
    return redirect(f"{page.url}#section-{section_id}")


@permission_required(PERM_MODERATE)
def moderation(request):
    return render(
        request,
        "participation/consultations/moderation.html",
        {"pages": selectors.consultations_for_moderator(user=request.user)},
    )


@permission_required(PERM_MODERATE)
def moderation_page(request, page_id: int):
    page = ConsultationPage.objects.filter(pk=page_id).first()
    if page is None:
        raise Http404
    return render(
        request,
        "participation/consultations/moderation_page.html",
        {
            "page": page,
            "comments": selectors.comments_to_moderate(user=request.user, page_id=page.pk),
            "outcomes": Outcome.choices,
            "figures": selectors.feedback_figures(page=page),
        },
    )


@permission_required(PERM_MODERATE)
@require_POST
def comment_moderate(request, comment_id: int):
    comment = selectors.comments_to_moderate(user=request.user).filter(pk=comment_id).first()
    if comment is None:
        raise Http404
    try:
        if "outcome" in request.POST:
            services.comment_set_outcome(
                comment=comment,
                actor=request.user,
                outcome=request.POST.get("outcome", ""),
                reason=request.POST.get("outcome_reason", ""),
                group_label=request.POST.get("group_label", ""),
            )
        else:
            services.comment_moderate(
                comment=comment,
                actor=request.user,
                approve=request.POST.get("decision") == "approve",
                reason=request.POST.get("reason", ""),
            )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("已保存。"))
    return redirect("participation:moderation_page", page_id=comment.page_id)


@permission_required(PERM_MODERATE)
@require_POST
def feedback_publish(request, page_id: int):
    page = ConsultationPage.objects.filter(pk=page_id).first()
    if page is None:
        raise Http404
    try:
        services.feedback_publish(
            page=page, actor=request.user, summary=request.POST.get("summary", "")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("采纳情况已发布。"))
    return redirect("participation:moderation_page", page_id=page.pk)


__all__ = ["ConsultationComment"]

"""Code tables of supervision: warning levels, 督办 states, the stages a case's time is split into."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class WarningLevel(models.TextChoices):
    """红黄牌预警: yellow when a share of the promised time is used, red past the deadline."""

    YELLOW = "yellow", _("黄牌")
    RED = "red", _("红牌")


class Stage(models.TextChoices):
    """Where a case's time goes, derived from its recorded transitions."""

    WINDOW = "window", _("窗口受理")
    SUPPLEMENT = "supplement", _("等待补正")
    REVIEW = "review", _("部门审查")
    SPECIAL = "special", _("特别程序")
    CLOSING = "closing", _("制证办结")


# applications.constants.Status value -> stage
STATUS_STAGE: dict[str, str] = {
    "submitted": Stage.WINDOW,
    "pre_review": Stage.WINDOW,
    "supplement": Stage.SUPPLEMENT,
    "accepted": Stage.REVIEW,
    "under_review": Stage.REVIEW,
    "suspended": Stage.SPECIAL,
    "approved": Stage.CLOSING,
    "refused": Stage.CLOSING,
}


# Case lists a dashboard number drills down to.
class Metric(models.TextChoices):
    RECEIVED = "received", _("收件")
    ACCEPTED = "accepted", _("受理")
    FINISHED = "finished", _("办结")
    LATE = "late", _("超承诺时限办结")
    LATE_LEGAL = "late_legal", _("超法定时限办结")
    OVERDUE = "overdue", _("在办已超期")
    DUE_SOON = "due_soon", _("在办即将到期")
    RED = "red", _("红牌")
    YELLOW = "yellow", _("黄牌")
    BAD = "bad", _("差评")


ACTION_CHASE_ISSUE = "supervision.chase_issue"
ACTION_CHASE_ANSWER = "supervision.chase_answer"
ACTION_RECORD_VIEW = "supervision.record_view"
ACTION_DENIED = "supervision.denied"
ACTION_WARNING = "supervision.warning"

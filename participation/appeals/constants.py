"""Choices and fixed rules of the 12345 closed loop (国办发〔2020〕53号; docs/domain.md, "The 12345 hotline and appeals")."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AppealType(models.TextChoices):
    CONSULT = "consult", _("咨询")
    COMPLAINT = "complaint", _("投诉")
    REPORT = "report", _("举报")
    SUGGESTION = "suggestion", _("建议")
    HELP = "help", _("求助")
    PRAISE = "praise", _("表扬")


# Types a visitor may raise without signing in (they still leave a phone for the answer).
ANONYMOUS_TYPES = {AppealType.CONSULT, AppealType.REPORT, AppealType.SUGGESTION, AppealType.PRAISE}


class Channel(models.TextChoices):
    WEB = "web", _("网站")
    HOTLINE = "hotline", _("12345热线")
    POLICY_QA = "policy_qa", _("惠企政策咨询")


class State(models.TextChoices):
    ACCEPTED = "accepted", _("已受理")
    DISPATCHED = "dispatched", _("已派单")
    RETURN_REQUESTED = "return_requested", _("退单待审")
    HANDLING = "handling", _("办理中")
    WAITING_REPORTER = "waiting_reporter", _("待诉求人补充")
    ANSWERED = "answered", _("已答复")
    CALLED_BACK = "called_back", _("已回访")
    CLOSED = "closed", _("已办结")
    MERGED = "merged", _("已并单")


OPEN_STATES = [
    State.ACCEPTED,
    State.DISPATCHED,
    State.RETURN_REQUESTED,
    State.HANDLING,
    State.WAITING_REPORTER,
    State.ANSWERED,
    State.CALLED_BACK,
]
# States in which the department's clock runs (paused while waiting for the reporter).
CLOCK_STATES = [State.DISPATCHED, State.RETURN_REQUESTED, State.HANDLING]
# States in which the department holds the appeal.
DEPARTMENT_STATES = [State.DISPATCHED, State.HANDLING, State.WAITING_REPORTER]


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    BASIC = "basic", _("基本满意")
    UNSATISFIED = "unsatisfied", _("不满意")


class DueFlag(models.TextChoices):
    NONE = "", _("正常")
    DUE_SOON = "due_soon", _("黄牌预警")
    OVERDUE = "overdue", _("红牌超期")


class Side(models.TextChoices):
    """Who may take a step: the reporter, the hotline centre, the department, or the system."""

    REPORTER = "reporter", _("诉求人")
    CENTRE = "centre", _("热线中心")
    DEPARTMENT = "department", _("承办部门")
    SYSTEM = "system", _("系统")


PERM_HOTLINE = "participation.access_hotline"
PERM_HANDLE = "participation.handle_appeals"

HOTLINE_OPERATOR_ROLE = "话务员"

SUBJECT_MAX = 80
DESCRIPTION_MAX = 2000
ADDRESS_MAX = 120
REASON_MAX = 500
ANSWER_MAX = 4000
MAX_ATTACHMENTS = 5

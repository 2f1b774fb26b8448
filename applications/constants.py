"""Code tables of the applications app: states, the transition table, documents, 好差评 codes."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已提交")
    PRE_REVIEW = "pre_review", _("预审中")
    SUPPLEMENT = "supplement", _("待补正")
    ACCEPTED = "accepted", _("已受理")
    NOT_ACCEPTED = "not_accepted", _("不予受理")
    UNDER_REVIEW = "under_review", _("审查中")
    SUSPENDED = "suspended", _("特别程序")
    APPROVED = "approved", _("准予许可")
    REFUSED = "refused", _("不予许可")
    COMPLETED = "completed", _("已办结")
    EVALUATED = "evaluated", _("已评价")
    WITHDRAWN = "withdrawn", _("已撤回")


# Vendor status codes (docs/domain.md, Cases (办件): our states and the vendor codes), shown to
# staff beside the state's name, never alone and never to citizens. Codes below 90 are in
# progress. Only 已受理 is 30: 审查中 has no code of its own in the vendors' table and 特别程序
# is the separate 挂起 flag, so neither shows one (two states never share a code on screen).
VENDOR_CODES: dict[str, str] = {
    Status.DRAFT: "",
    Status.SUBMITTED: "12",
    Status.PRE_REVIEW: "24",
    Status.SUPPLEMENT: "28",
    Status.ACCEPTED: "30",
    Status.UNDER_REVIEW: "",
    Status.SUSPENDED: "",
    Status.REFUSED: "40",
    Status.APPROVED: "50",
    Status.COMPLETED: "90",
    Status.EVALUATED: "90",
    Status.NOT_ACCEPTED: "97",
    Status.WITHDRAWN: "98",
}

OPEN_INTAKE_STATES = (Status.SUBMITTED, Status.PRE_REVIEW)
IN_PROGRESS_STATES = (
    Status.SUBMITTED,
    Status.PRE_REVIEW,
    Status.SUPPLEMENT,
    Status.ACCEPTED,
    Status.UNDER_REVIEW,
    Status.SUSPENDED,
    Status.APPROVED,
    Status.REFUSED,
)
# States whose clock is paused (waiting for the applicant, or 特别程序, Art. 45).
PAUSED_STATES = (Status.SUPPLEMENT, Status.SUSPENDED)


class Actor(models.TextChoices):
    APPLICANT = "applicant", _("申请人")
    CLERK = "clerk", _("窗口人员")
    REVIEWER = "reviewer", _("审批人员")
    SYSTEM = "system", _("系统")


@dataclass(frozen=True)
class Transition:
    """One row of a state table: who (an Actor, or a TicketSide for 差评 tickets) may move an
    object from one of `sources` to `target`, and whether a reason must be given."""

    action: str
    label: str
    sources: tuple[str, ...]
    target: str
    actor: str
    needs_reason: bool = False


# The case's state table, run by applications.services.transitions (application_transition).
TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in [
        Transition("submit", _("提交申请"), (Status.DRAFT,), Status.SUBMITTED, Actor.APPLICANT),
        Transition(
            "withdraw",
            _("撤回申请"),
            (Status.SUBMITTED, Status.PRE_REVIEW, Status.SUPPLEMENT),
            Status.WITHDRAWN,
            Actor.APPLICANT,
        ),
        Transition(
            "pre_review", _("开始预审"), (Status.SUBMITTED,), Status.PRE_REVIEW, Actor.CLERK
        ),
        Transition(
            "accept", _("受理"), (Status.SUBMITTED, Status.PRE_REVIEW), Status.ACCEPTED, Actor.CLERK
        ),
        Transition(
            "reject_intake",
            _("不予受理"),
            (Status.SUBMITTED, Status.PRE_REVIEW),
            Status.NOT_ACCEPTED,
            Actor.CLERK,
            needs_reason=True,
        ),
        Transition(
            "request_supplement",
            _("一次性告知补正"),
            (Status.SUBMITTED, Status.PRE_REVIEW),
            Status.SUPPLEMENT,
            Actor.CLERK,
            needs_reason=True,
        ),
        Transition(
            "supplement_submit",
            _("提交补正材料"),
            (Status.SUPPLEMENT,),
            Status.SUBMITTED,
            Actor.APPLICANT,
        ),
        Transition(
            "review_start", _("开始审查"), (Status.ACCEPTED,), Status.UNDER_REVIEW, Actor.REVIEWER
        ),
        Transition(
            "suspend",
            _("启动特别程序"),
            (Status.UNDER_REVIEW,),
            Status.SUSPENDED,
            Actor.REVIEWER,
            needs_reason=True,
        ),
        Transition(
            "resume", _("结束特别程序"), (Status.SUSPENDED,), Status.UNDER_REVIEW, Actor.REVIEWER
        ),
        Transition(
            "approve", _("准予许可"), (Status.UNDER_REVIEW,), Status.APPROVED, Actor.REVIEWER
        ),
        Transition(
            "refuse",
            _("不予许可"),
            (Status.UNDER_REVIEW,),
            Status.REFUSED,
            Actor.REVIEWER,
            needs_reason=True,
        ),
        Transition(
            "complete", _("办结"), (Status.APPROVED, Status.REFUSED), Status.COMPLETED, Actor.SYSTEM
        ),
        Transition("evaluate", _("评价"), (Status.COMPLETED,), Status.EVALUATED, Actor.APPLICANT),
    ]
}


class SuspensionReason(models.TextChoices):
    """特别程序 (code 1 延长审批, 2 其他) with the procedures of Art. 45."""

    SITE_CHECK = "site_check", _("现场核查")
    HEARING = "hearing", _("听证")
    TESTING = "testing", _("检测")
    APPRAISAL = "appraisal", _("鉴定")
    EXPERT_REVIEW = "expert_review", _("专家评审")
    EXTENSION = "extension", _("延长审批")


class MaterialMode(models.TextChoices):
    UPLOAD = "upload", _("上传")
    EVIDENCE = "evidence", _("免提交（数据共享）")
    COMMITMENT = "commitment", _("告知承诺")
    TOLERATED = "tolerated", _("容缺后补")
    NONE = "none", _("未提供")


class MaterialCheck(models.TextChoices):
    PENDING = "pending", _("待核验")
    OK = "ok", _("符合")
    MISSING = "missing", _("缺少")
    WRONG = "wrong", _("不符合要求")


class ReviewStepStatus(models.TextChoices):
    WAITING = "waiting", _("等待前序部门")
    ACTIVE = "active", _("待审查")
    APPROVED = "approved", _("已同意")
    REFUSED = "refused", _("不同意")


class DocumentType(models.TextChoices):
    RECEIPT = "receipt", _("受理回执")
    ACCEPTANCE = "acceptance", _("受理通知书")
    NON_ACCEPTANCE = "non_acceptance", _("不予受理决定书")
    SUPPLEMENT = "supplement", _("补正告知书")
    APPROVAL = "approval", _("准予许可决定书")
    REFUSAL = "refusal", _("不予许可决定书")
    CERTIFICATE = "certificate", _("办理结果证书")


class Channel(models.TextChoices):
    """Where the application came in."""

    ONLINE = "online", _("网上申请")
    COUNTER = "counter", _("窗口代办")
    BENEFIT = "benefit", _("免申即享")


class Satisfaction(models.IntegerChoices):
    """好差评 levels (GB/T 39734): 4 and 5 are 差评."""

    VERY_SATISFIED = 1, _("非常满意")
    SATISFIED = 2, _("满意")
    BASICALLY = 3, _("基本满意")
    DISSATISFIED = 4, _("不满意")
    VERY_DISSATISFIED = 5, _("非常不满意")


NEGATIVE_LEVELS = (Satisfaction.DISSATISFIED, Satisfaction.VERY_DISSATISFIED)


class EvaluationChannel(models.TextChoices):
    PC = "pc", _("PC端")
    MOBILE = "mobile", _("移动端")
    QR = "qr", _("二维码")
    TABLET = "tablet", _("大厅评价器")
    PHONE = "phone", _("电话")
    SMS = "sms", _("短信")


ONLINE_SUB_INDICATORS = [
    ("overall", _("整体满意度")),
    ("efficiency", _("办事效率")),
    ("guide_accuracy", _("办事指南精确度")),
    ("convenience", _("办事便捷度")),
    ("usability", _("平台操作性")),
]


class TicketStatus(models.TextChoices):
    """差评台账 states (docs/domain.md, 好差评): 整改 by the handling department, 审核 by 效能监督, or 申诉."""

    OPEN = "open", _("待整改")
    RECTIFYING = "rectifying", _("限期整改中")
    RECTIFIED = "rectified", _("整改待审核")
    RESOLVED = "resolved", _("已整改")
    APPEALED = "appealed", _("申诉审核中")
    UPHELD = "upheld", _("申诉成立")


class TicketSide(models.TextChoices):
    DEPARTMENT = "department", _("责任部门")
    SUPERVISOR = "supervisor", _("效能监督")


# The 差评 ticket's state table, run by the same engine (ticket_transition). Every ticket step
# needs a note except 审核通过整改.
TICKET_TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in [
        # 限期整改: a complex problem gets a plan and a deadline (5–15 working days).
        Transition(
            "plan",
            _("制定限期整改措施"),
            (TicketStatus.OPEN,),
            TicketStatus.RECTIFYING,
            TicketSide.DEPARTMENT,
            needs_reason=True,
        ),
        # 立行立改 (from 待整改) or the end of a 限期整改: the measures taken, for review.
        Transition(
            "rectify",
            _("提交整改结果"),
            (TicketStatus.OPEN, TicketStatus.RECTIFYING),
            TicketStatus.RECTIFIED,
            TicketSide.DEPARTMENT,
            needs_reason=True,
        ),
        Transition(
            "appeal",
            _("提出申诉"),
            (TicketStatus.OPEN, TicketStatus.RECTIFYING),
            TicketStatus.APPEALED,
            TicketSide.DEPARTMENT,
            needs_reason=True,
        ),
        Transition(
            "confirm",
            _("审核通过整改"),
            (TicketStatus.RECTIFIED,),
            TicketStatus.RESOLVED,
            TicketSide.SUPERVISOR,
        ),
        Transition(
            "send_back",
            _("退回重新整改"),
            (TicketStatus.RECTIFIED,),
            TicketStatus.OPEN,
            TicketSide.SUPERVISOR,
            needs_reason=True,
        ),
        Transition(
            "uphold",
            _("申诉成立"),
            (TicketStatus.APPEALED,),
            TicketStatus.UPHELD,
            TicketSide.SUPERVISOR,
            needs_reason=True,
        ),
        Transition(
            "reject_appeal",
            _("申诉不成立"),
            (TicketStatus.APPEALED,),
            TicketStatus.OPEN,
            TicketSide.SUPERVISOR,
            needs_reason=True,
        ),
    ]
}

# Tickets still waiting for the department (overdue when past their due date).
TICKET_PENDING_STATES = (TicketStatus.OPEN, TicketStatus.RECTIFYING)


class RectificationKind(models.TextChoices):
    SIMPLE = "simple", _("立行立改")
    COMPLEX = "complex", _("限期整改")


class CallbackMethod(models.TextChoices):
    """回访 channel."""

    PHONE = "phone", _("电话")
    SMS = "sms", _("短信")
    VISIT = "visit", _("上门/当面")


# Local rule: complex 差评 are rectified within this many working days (5–15 locally).
NEGATIVE_TICKET_DAYS = 10
NEGATIVE_TICKET_MIN_DAYS = 5
NEGATIVE_TICKET_MAX_DAYS = 15
# The public 好差评公示 page caches its statistics this long (seconds).
RATINGS_PUBLIC_CACHE_SECONDS = 300
# 统一发证: the documents that can be revoked (撤销) after they were issued.
REVOCABLE_DOCUMENTS = (DocumentType.CERTIFICATE, DocumentType.APPROVAL)
# Labels of recorded events that are not state changes (the timeline shows them).
EVENT_LABELS = {
    "revoke_document": _("撤销证照"),
    "calendar_recompute": _("期限重算（节假日安排确认）"),
}
# Art. 32: the one-time 补正 notice within 5 days of receipt.
SUPPLEMENT_NOTICE_DAYS = 5
# 容缺受理: the 补正 deadline is at most 20 working days and ≥2 shorter than the promise.
TOLERANCE_MAX_DAYS = 20

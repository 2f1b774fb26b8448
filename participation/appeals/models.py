"""诉求 (appeals): the record of each appeal, its timeline, dispatch catalogue and hot-topic counts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from participation.appeals.constants import (
    AppealType,
    Channel,
    DueFlag,
    Satisfaction,
    Side,
    State,
)


class AppealCategory(models.Model):
    """诉求分类: what the appeal is about; carries its deadline in working days."""

    code = models.SlugField(_("分类代码"), max_length=40, unique=True)
    name = models.CharField(_("分类名称"), max_length=60)
    deadline_working_days = models.PositiveSmallIntegerField(_("办理时限（工作日）"), default=5)
    keywords = models.CharField(_("关键词"), max_length=300, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("诉求分类")
        verbose_name_plural = _("诉求分类")

    def __str__(self) -> str:
        return self.name


class DispatchRule(models.Model):
    """派单目录: ordered rules mapping category and region to the responsible department.

    The first active rule (lowest position) whose category and region match wins; a blank
    category or region matches any.
    """

    position = models.PositiveIntegerField(_("顺序"), default=100)
    category = models.ForeignKey(
        AppealCategory, verbose_name=_("分类"), null=True, blank=True, on_delete=models.CASCADE
    )
    region_code = models.CharField(_("行政区划代码"), max_length=12, blank=True)
    department = models.ForeignKey(
        "accounts.Department", verbose_name=_("承办部门"), on_delete=models.PROTECT
    )
    active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("派单规则")
        verbose_name_plural = _("派单目录")

    def __str__(self) -> str:
        return f"{self.position}: {self.category or '*'} / {self.region_code or '*'} → {self.department}"


class Appeal(models.Model):
    """诉求: one consultation, complaint, report, suggestion, request for help or praise."""

    number = models.CharField(_("诉求编号"), max_length=20, unique=True)
    submission_key = models.CharField(max_length=64, unique=True, editable=False)
    appeal_type = models.CharField(_("诉求类型"), max_length=12, choices=AppealType.choices)
    category = models.ForeignKey(
        AppealCategory, verbose_name=_("分类"), on_delete=models.PROTECT, related_name="+"
    )
    channel = models.CharField(_("来源渠道"), max_length=12, choices=Channel.choices)
    subject = models.CharField(_("标题"), max_length=80)
    description = models.TextField(_("诉求内容"))
    region_code = models.CharField(_("行政区划代码"), max_length=12)
    address = models.CharField(_("详细地址"), max_length=120, blank=True)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("诉求人账户"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="appeals",
    )
    reporter_name = models.CharField(_("诉求人姓名"), max_length=50, blank=True)
    reporter_phone = models.CharField(_("联系电话"), max_length=20)
    reporter_email = models.EmailField(_("电子邮箱"), blank=True)
    publish_consent = models.BooleanField(_("同意公开答复"), default=False)
    reported_department = models.ForeignKey(
        "accounts.Department",
        verbose_name=_("被举报部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    state = models.CharField(_("状态"), max_length=20, choices=State.choices, db_index=True)
    department = models.ForeignKey(
        "accounts.Department",
        verbose_name=_("承办部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appeals",
    )
    dispatched_at = models.DateTimeField(_("派单时间"), null=True, blank=True)
    due_date = models.DateField(_("办理期限"), null=True, blank=True)
    paused_on = models.DateField(null=True, blank=True, editable=False)
    due_flag = models.CharField(max_length=10, choices=DueFlag.choices, default="", blank=True)
    supervised_at = models.DateTimeField(_("督办时间"), null=True, blank=True)
    answer = models.TextField(_("答复内容"), blank=True)
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    satisfaction = models.CharField(
        _("回访满意度"), max_length=12, choices=Satisfaction.choices, blank=True
    )
    reporter_rating = models.CharField(
        _("诉求人评价"), max_length=12, choices=Satisfaction.choices, blank=True
    )
    reopen_count = models.PositiveSmallIntegerField(default=0)
    returns_count = models.PositiveSmallIntegerField(default=0)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("并入诉求"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_appeals",
    )
    tokens = models.TextField(editable=False, blank=True)  # jieba tokens, space-separated
    created_at = models.DateTimeField(_("受理时间"), auto_now_add=True, db_index=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    answer_published = models.BooleanField(_("答复已公开"), default=False)
    hot_counted = models.BooleanField(default=False, editable=False)
    intake_operator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("受理话务员"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("诉求")
        verbose_name_plural = _("诉求")
        permissions = [
            ("access_hotline", _("使用12345热线工作台")),
            ("handle_appeals", _("办理本部门诉求")),
        ]
        indexes = [
            models.Index(fields=["state", "-created_at"], name="appeal_state_created"),
            models.Index(fields=["department", "state", "-created_at"], name="appeal_dept_state"),
            models.Index(fields=["region_code", "state"], name="appeal_region_state"),
            # 超期督办 queue and its count: only the few flagged rows, not the whole table
            models.Index(
                fields=["due_flag", "-created_at"],
                condition=~models.Q(due_flag=""),
                name="appeal_flagged",
            ),
            # the hot-topics catch-up beat reads only the few not yet counted
            models.Index(
                fields=["created_at"],
                condition=models.Q(hot_counted=False),
                name="appeal_hot_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.subject}"

    @property
    def region_name(self) -> str:
        from accounts.constants import REGION_CODES

        return REGION_CODES.get(self.region_code, self.region_code)

    @property
    def is_report(self) -> bool:
        return self.appeal_type == AppealType.REPORT

    # Django's generated get_FOO_display() hashes every choice's lazy label, i.e. translates
    # every choice, on each call; on a queue of 50 rows that was most of the page's time. These
    # translate only the label shown.
    def get_appeal_type_display(self) -> str:
        return _label(AppealType, self.appeal_type)

    def get_state_display(self) -> str:
        return _label(State, self.state)

    def get_channel_display(self) -> str:
        return _label(Channel, self.channel)

    def get_satisfaction_display(self) -> str:
        return _label(Satisfaction, self.satisfaction)

    def get_reporter_rating_display(self) -> str:
        return _label(Satisfaction, self.reporter_rating)


def _label(choices, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:  # an empty or retired value shows as stored, as Django's method does
        return value


class AppealEvent(models.Model):
    """One step on an appeal's own timeline (shown to the reporter when public)."""

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=30)
    label = models.CharField(max_length=60)
    side = models.CharField(max_length=12, choices=Side.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    department = models.ForeignKey(
        "accounts.Department", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_state = models.CharField(max_length=20, blank=True)
    to_state = models.CharField(max_length=20, blank=True)
    note = models.TextField(blank=True)
    public = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["appeal", "created_at"], name="appeal_event_time"),
            # supervision's rollup refresh: which appeals took a step lately
            models.Index(fields=["created_at"], name="appeal_event_created"),
        ]

    def __str__(self) -> str:
        return f"{self.appeal_id} {self.label}"


class AppealAttachment(models.Model):
    """A file the reporter attached, stored privately and checked by its content."""

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(max_length=120)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    path = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.filename


class AppealNotification(models.Model):
    """One notice sent for an appeal's step to one recipient on one channel (sent at most once)."""

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="notifications")
    event = models.CharField(max_length=40)
    channel = models.CharField(max_length=20)
    recipient = models.CharField(max_length=254)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["appeal", "event", "channel", "recipient"], name="appeal_notice_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.event} → {self.channel}"


class HotTopicCount(models.Model):
    """热点诉求: appeals per (week or month, region, category or keyword), kept incrementally."""

    period = models.CharField(max_length=5)  # "week" | "month"
    period_start = models.DateField()
    region_code = models.CharField(max_length=12)
    kind = models.CharField(max_length=8)  # "category" | "keyword"
    key = models.CharField(max_length=60)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["period", "period_start", "region_code", "kind", "key"],
                name="hot_topic_unique",
            )
        ]
        indexes = [
            models.Index(fields=["period", "period_start", "kind", "-count"], name="hot_topic_top")
        ]

    def __str__(self) -> str:
        return f"{self.period} {self.period_start} {self.key}"

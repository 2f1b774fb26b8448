"""Code tables of the business channel."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProfileField(models.TextChoices):
    """Business-profile fields an eligibility condition may test (企业画像字段)."""

    INDUSTRY = "industry_code", _("所属行业（国民经济行业分类代码）")
    SIZE = "enterprise_size", _("企业规模")
    DISTRICT = "registration_district", _("注册地（行政区划代码）")
    AGE = "age_years", _("成立年限（年）")
    HEADCOUNT = "headcount", _("从业人数")
    CREDIT = "tax_credit_rating", _("纳税信用等级")
    LICENCE = "licences", _("持有许可证")


class Operator(models.TextChoices):
    PREFIX_IN = "prefix_in", _("属于（代码前缀，可多个）")
    NOT_PREFIX_IN = "not_prefix_in", _("不属于（代码前缀，可多个）")
    IN = "in", _("为以下之一")
    NOT_IN = "not_in", _("不为以下任一")
    GTE = "gte", _("不少于")
    LTE = "lte", _("不超过")
    HAS = "has", _("持有")
    NOT_HAS = "not_has", _("未持有")


class EnterpriseSize(models.TextChoices):
    LARGE = "大", _("大型")
    MEDIUM = "中", _("中型")
    SMALL = "小", _("小型")
    MICRO = "微", _("微型")


class TaxCreditRating(models.TextChoices):
    A = "A", "A"
    B = "B", "B"
    M = "M", "M"
    C = "C", "C"
    D = "D", "D"


class ValueSource(models.TextChoices):
    CERTIFIED = "certified", _("已核验")
    DECLARED = "declared", _("企业自报")


class FetchStatus(models.TextChoices):
    NEVER = "never", _("尚未获取")
    OK = "ok", _("已获取")
    UNAVAILABLE = "unavailable", _("暂时无法获取")
    REFUSED = "refused", _("未获授权")


class MatchStatus(models.TextChoices):
    MATCHED = "matched", _("符合")
    NEEDS_INFO = "needs_info", _("需补充信息")
    NEAR_MISS = "near_miss", _("差一点符合")
    NOT_MATCHED = "not_matched", _("不符合")


class NoticeStatus(models.TextChoices):
    PENDING = "pending", _("待确认")
    CONFIRMED = "confirmed", _("已确认享受")
    DECLINED = "declined", _("已放弃")


class QuestionStatus(models.TextChoices):
    PENDING = "pending", _("待答复")
    ANSWERED = "answered", _("已答复")


class ScanStatus(models.TextChoices):
    RUNNING = "running", _("进行中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


# The 办事服务 section falls back to these reopening-related 法人 services.
DEFAULT_CHANNEL_SERVICE_CODES = [
    "RSJ-05-0001",
    "RSJ-05-0003",
    "SCJG-05-0001",
    "SWJ-05-0001",
    "SCJG-05-0003",
    "RSJ-05-0002",
    "SCJG-01-0002",
    "SCJG-01-0003",
]

# Working days a question may wait before it is flagged to the supervisor.
QUESTION_OVERDUE_WORKING_DAYS = 3

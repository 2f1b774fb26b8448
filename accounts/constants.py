from django.db import models
from django.utils.translation import gettext_lazy as _


class AccountKind(models.TextChoices):
    CITIZEN = "citizen", _("自然人")
    BUSINESS = "business", _("法人")
    STAFF = "staff", _("工作人员")


class AssuranceLevel(models.IntegerChoices):
    """Identity assurance (docs/domain.md, Identity; local practice)."""

    FORMAT_CHECKED = 2, _("二级：格式校验")
    REGISTER_CHECKED = 3, _("三级：权威库比对")
    LIVENESS = 4, _("四级：活体核验")
    CERTIFICATE = 5, _("五级：数字证书或现场核验")


class Role(models.TextChoices):
    """Staff roles. Each is a Django group holding the permissions below."""

    WINDOW_CLERK = "window_clerk", _("窗口人员")
    DEPT_REVIEWER = "dept_reviewer", _("部门审批人员")
    LIST_PUBLISHER = "list_publisher", _("清单发布员")
    SUPERVISOR = "supervisor", _("效能监督")
    DEPT_HEAD = "dept_head", _("部门负责人")
    ADMIN = "admin", _("系统管理员")
    # 数据共享管理员: files and reviews the department's 数据共享协议 (docs/data_exchange.md).
    DATA_STEWARD = "data_steward", _("数据共享管理员")


# Codenames of permissions declared on accounts.User.Meta, and which role holds them.
PERM_COUNTER = "accounts.access_counter"
PERM_REVIEW = "accounts.access_review"
PERM_SUPERVISION = "accounts.access_supervision"
PERM_PUBLISH_LISTS = "accounts.publish_lists"
# 部门负责人: sees the department's members' work records and the department's dashboard.
PERM_DEPT_HEAD = "accounts.head_department"

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.WINDOW_CLERK: ["accounts.access_counter"],
    Role.DEPT_REVIEWER: ["accounts.access_review", "wagtailadmin.access_admin"],
    Role.LIST_PUBLISHER: ["accounts.publish_lists", "wagtailadmin.access_admin"],
    Role.SUPERVISOR: ["accounts.access_supervision", "wagtailadmin.access_admin"],
    Role.DEPT_HEAD: ["accounts.head_department"],
    Role.DATA_STEWARD: ["data_exchange.steward_agreements"],
    Role.ADMIN: [
        "accounts.access_counter",
        "accounts.access_review",
        "accounts.access_supervision",
        "accounts.publish_lists",
        "wagtailadmin.access_admin",
        # The official calendar is kept by the portal's administrators (docs/workdays.md).
        "workdays.add_calendaryear",
        "workdays.change_calendaryear",
        "workdays.view_calendaryear",
        "workdays.add_calendarday",
        "workdays.change_calendarday",
        "workdays.delete_calendarday",
        "workdays.view_calendarday",
    ],
}

# 行政区划代码 of the demo city's districts (Shanghai numbering, used as a realistic sample).
REGION_CODES = {
    "310000": "上海市",
    "310101": "黄浦区",
    "310104": "徐汇区",
    "310105": "长宁区",
    "310114": "嘉定区",
    "310115": "浦东新区",
}

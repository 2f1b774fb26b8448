"""The demo accounts: citizens, the business agent and staff. All use DEMO_PASSWORD."""

from __future__ import annotations

from accounts.constants import Role
from accounts.demo.identifiers import make_id_number, make_uscc

DEMO_PASSWORD = "demo-pass-2026"  # noqa: S105 - documented demo credential

CITIZENS = [
    # username, real name, id number (first 17), phone, e-mail
    ("citizen", "张伟", "31011419850315231", "13800138001", "citizen@example.cn"),
    ("citizen2", "李娜", "31010419920708462", "13800138002", "citizen2@example.cn"),
]

BUSINESS = {
    "username": "business",
    "real_name": "王芳",
    "id_number": make_id_number("31011519880222102"),
    "phone": "13800138003",
    "email": "business@example.cn",
    "organisation_name": "上海嘉禾餐饮管理有限公司",
    "uscc": make_uscc("91310114MA1GT3K5X"),
}

STAFF = [
    # username, real name, department code, roles, superuser
    ("clerk", "陈静", "zwfw", [Role.WINDOW_CLERK], False),
    ("reviewer", "刘洋", "rsj", [Role.DEPT_REVIEWER], False),
    ("publisher", "赵敏", "rsj", [Role.LIST_PUBLISHER], False),
    ("supervisor", "孙丽", "zwfw", [Role.SUPERVISOR], False),
    ("admin", "周强", "zwfw", [Role.ADMIN], True),
    # 数据共享管理员: the service's side (人社局) and the data-holding side (公安局).
    ("steward", "吴磊", "rsj", [Role.DATA_STEWARD], False),
    ("steward_gongan", "郑华", "gongan", [Role.DATA_STEWARD], False),
]

# (username, label) for the demo login chooser of demo_server
DEMO_LOGINS = [
    ("citizen", "自然人（张伟）"),
    ("citizen2", "自然人（李娜）"),
    ("business", "法人经办人（上海嘉禾餐饮管理有限公司）"),
    ("clerk", "窗口人员"),
    ("reviewer", "部门审批人员（人社局）"),
    ("publisher", "清单发布员（人社局）"),
    ("supervisor", "效能监督"),
    ("admin", "系统管理员"),
    ("steward", "数据共享管理员（人社局）"),
    ("steward_gongan", "数据共享管理员（公安局）"),
]

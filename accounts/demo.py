"""Demo departments and accounts. Loaded only by `manage.py load_demo_data`, never by migrations.

All demo accounts use the password DEMO_PASSWORD. Every function here is idempotent.
"""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.db import transaction

from accounts import services
from accounts.constants import Role
from accounts.identity import id_number_check_char, uscc_check_char
from accounts.models import Department, Organisation, User

DEMO_PASSWORD = "demo-pass-2026"  # noqa: S105 - documented demo credential


def make_id_number(first17: str) -> str:
    return first17 + id_number_check_char(first17)


def make_uscc(first17: str) -> str:
    return first17 + uscc_check_char(first17)


# (code, name, short name, organisation-code part of the USCC, phone, address)
DEPARTMENTS = [
    (
        "zwfw",
        "市政务服务中心",
        "政务服务中心",
        "MB2F10001",
        "021-12345",
        "市府大道100号政务服务中心一楼",
    ),
    ("gongan", "市公安局", "公安局", "MB2F10002", "021-22110000", "民主路1号"),
    ("scjg", "市市场监督管理局", "市场监管局", "MB2F10003", "021-12315", "人民大道200号"),
    ("rsj", "市人力资源和社会保障局", "人社局", "MB2F10004", "021-12333", "中山北路300号"),
    ("bdc", "市不动产登记中心", "不动产登记中心", "MB2F10005", "021-63337777", "北京西路99号"),
    ("jyj", "市教育局", "教育局", "MB2F10006", "021-23116789", "大沽路100号"),
    ("mzj", "市民政局", "民政局", "MB2F10007", "021-12349", "南京西路188号"),
    ("wjw", "市卫生健康委员会", "卫健委", "MB2F10008", "021-12320", "世博村路300号"),
    ("jtw", "市交通委员会", "交通委", "MB2F10009", "021-12328", "大沽路88号"),
    ("swj", "国家税务总局市税务局", "税务局", "MB2F10010", "021-12366", "吴淞路500号"),
    ("zjw", "市住房和城乡建设管理委员会", "住建委", "MB2F10011", "021-12319", "大沽路100号"),
]

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
]


def department_uscc(org_part: str) -> str:
    # 1 (机构编制) + 1 (机关) + region 310000 + 9-character organisation code
    return make_uscc("11310000" + org_part)


@transaction.atomic
def load(*, stdout=None) -> None:
    services.roles_sync()
    for code, name, short, org_part, phone, address in DEPARTMENTS:
        Department.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "short_name": short,
                "uscc": department_uscc(org_part),
                "region_code": "310000",
                "phone": phone,
                "address": address,
            },
        )
    for username, real_name, first17, phone, email in CITIZENS:
        if not User.objects.filter(username=username).exists():
            services.citizen_create(
                username=username,
                email=email,
                password=DEMO_PASSWORD,
                real_name=real_name,
                id_number=make_id_number(first17),
                phone=phone,
            )
        _verify_email(username, email)
    if not User.objects.filter(username=BUSINESS["username"]).exists():
        services.business_agent_create(password=DEMO_PASSWORD, **BUSINESS)
    Organisation.objects.filter(uscc=BUSINESS["uscc"]).update(region_code="310114")
    _verify_email(BUSINESS["username"], BUSINESS["email"])
    for username, real_name, dept_code, roles, superuser in STAFF:
        department = Department.objects.get(code=dept_code)
        email = f"{username}@ywtb.example.gov.cn"
        user = User.objects.filter(username=username).first()
        if user is None:
            services.staff_create(
                username=username,
                email=email,
                password=DEMO_PASSWORD,
                real_name=real_name,
                department=department,
                roles=roles,
                is_superuser=superuser,
            )
        else:
            user.groups.set([services.role_group(role=role) for role in roles])
        _verify_email(username, email)
    if stdout is not None:
        stdout.write(f"  accounts: {len(DEPARTMENTS)} departments, {User.objects.count()} users")


def _verify_email(username: str, email: str) -> None:
    user = User.objects.get(username=username)
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )


DEMO_LOGINS = [
    ("citizen", "自然人（张伟）"),
    ("citizen2", "自然人（李娜）"),
    ("business", "法人经办人（上海嘉禾餐饮管理有限公司）"),
    ("clerk", "窗口人员"),
    ("reviewer", "部门审批人员（人社局）"),
    ("publisher", "清单发布员（人社局）"),
    ("supervisor", "效能监督"),
    ("admin", "系统管理员"),
]

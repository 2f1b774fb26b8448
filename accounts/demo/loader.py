"""Demo departments and accounts. Loaded only by `manage.py load_demo_data`, never by migrations.

All demo accounts use the password DEMO_PASSWORD. Every function here is idempotent.
"""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.db import transaction

from accounts import services
from accounts.demo.departments import DEPARTMENTS
from accounts.demo.identifiers import make_id_number, make_uscc
from accounts.demo.people import BUSINESS, CITIZENS, DEMO_PASSWORD, STAFF
from accounts.models import Department, Organisation, User


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
    # The demo agent is its company's verified administrator (授权委托: all services).
    services.organisation_admin_grant(user=User.objects.get(username=BUSINESS["username"]))
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

"""Writes for accounts, organisations, departments and roles."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import crypto
from accounts.constants import ROLE_PERMISSIONS, AccountKind, AssuranceLevel, Role
from accounts.identity import validate_id_number, validate_uscc
from accounts.models import Department, Organisation, User


def roles_sync() -> dict[str, Group]:
    """Create one group per staff role and make sure it holds its base permissions.

    Additive: other apps grant their own permissions to these groups (e.g. the list
    publisher's snippet permissions), and re-running this must not take them away.
    """
    groups = {}
    for role, perm_names in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=Role(role).label)
        perms = []
        for name in perm_names:
            app_label, codename = name.split(".")
            perm = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if perm is not None:
                perms.append(perm)
        group.permissions.add(*perms)
        groups[role] = group
    return groups


def role_group(*, role: Role) -> Group:
    group = Group.objects.filter(name=Role(role).label).first()
    return group if group is not None else roles_sync()[role]


def user_set_identity(*, user: User, real_name: str, id_number: str) -> User:
    """Attach a verified-format 身份证号 to a user (assurance level 二级)."""
    number = validate_id_number(id_number)
    digest = crypto.blind_index(number)
    if User.objects.filter(id_number_digest=digest).exclude(pk=user.pk).exists():
        raise ValidationError({"id_number": _("该身份证号已注册账户。")})
    user.real_name = real_name.strip()
    user.id_number = number
    user.id_number_digest = digest
    if user.assurance_level is None:
        user.assurance_level = AssuranceLevel.FORMAT_CHECKED
    return user


@transaction.atomic
def citizen_create(
    *,
    username: str,
    email: str,
    password: str | None,
    real_name: str,
    id_number: str,
    phone: str = "",
) -> User:
    user = User(username=username, email=email, kind=AccountKind.CITIZEN, phone=phone)
    user_set_identity(user=user, real_name=real_name, id_number=id_number)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    return user


def organisation_get_or_create(*, name: str, uscc: str, region_code: str = "") -> Organisation:
    code = validate_uscc(uscc)
    organisation, _created = Organisation.objects.get_or_create(
        uscc=code, defaults={"name": name.strip(), "region_code": region_code}
    )
    return organisation


@transaction.atomic
def business_agent_create(
    *,
    username: str,
    email: str,
    password: str | None,
    real_name: str,
    id_number: str,
    organisation_name: str,
    uscc: str,
    phone: str = "",
) -> User:
    """A 法人 account: the organisation plus the signed-up person as its 经办人."""
    organisation = organisation_get_or_create(name=organisation_name, uscc=uscc)
    user = User(
        username=username,
        email=email,
        kind=AccountKind.BUSINESS,
        organisation=organisation,
        phone=phone,
    )
    user_set_identity(user=user, real_name=real_name, id_number=id_number)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    return user


@transaction.atomic
def staff_create(
    *,
    username: str,
    email: str,
    password: str | None,
    real_name: str,
    department: Department,
    roles: list[Role],
    is_superuser: bool = False,
) -> User:
    user = User(
        username=username,
        email=email,
        kind=AccountKind.STAFF,
        real_name=real_name,
        department=department,
        is_staff=is_superuser,
        is_superuser=is_superuser,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    user.groups.set([role_group(role=role) for role in roles])
    return user


def user_record_verification(*, user: User, level: AssuranceLevel) -> User:
    """Record that a real-name check reached `level` (never lowers the level)."""
    if user.assurance_level is None or user.assurance_level < level:
        user.assurance_level = level
    user.verified_at = timezone.now()
    user.save(update_fields=["assurance_level", "verified_at"])
    return user


def organisation_record_verification(*, organisation: Organisation, level: AssuranceLevel) -> None:
    if organisation.assurance_level < level:
        organisation.assurance_level = level
    organisation.verified_at = timezone.now()
    organisation.save(update_fields=["assurance_level", "verified_at"])

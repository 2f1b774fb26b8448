"""Writes for accounts, organisations, departments and roles."""

from __future__ import annotations

import datetime as dt
import unicodedata

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import crypto
from accounts.constants import ROLE_PERMISSIONS, AccountKind, AssuranceLevel, Role
from accounts.identity import validate_id_number, validate_uscc
from accounts.models import Department, Organisation, OrganisationAuthorisation, User


def roles_sync() -> dict[str, Group]:
    """Create one group per staff role and make sure it holds its base permissions.

    Additive: other apps grant their own permissions to these groups (e.g. the list
    publisher's snippet permissions), and re-running this must not take them away.
    """
    groups = {}
    for role, perm_names in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=str(Role(role).label))
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


# --- 授权委托 ----------------------------------------------------------------------------


def organisation_admin_grant(*, user: User) -> OrganisationAuthorisation:
    """Make `user` the organisation's administrator (all services, no expiry).

    Only for an account whose legal representative has been matched against the
    market-regulation register (or the demo loader); the invitation path is
    authorisation_invite.
    """
    if not user.is_business or user.organisation_id is None:
        raise ValidationError(_("仅法人账户可以成为单位管理员。"))
    existing = OrganisationAuthorisation.objects.filter(
        user=user, organisation_id=user.organisation_id, role=OrganisationAuthorisation.Role.ADMIN
    ).first()
    if existing is not None:
        return existing
    return OrganisationAuthorisation.objects.create(
        organisation_id=user.organisation_id,
        user=user,
        role=OrganisationAuthorisation.Role.ADMIN,
        all_services=True,
        granted_by=user,
    )


def _require_admin(admin: User) -> None:
    from accounts.selectors import organisation_is_admin

    if not organisation_is_admin(user=admin):
        raise PermissionDenied(_("仅单位管理员可以管理授权委托。"))


@transaction.atomic
def authorisation_invite(
    *,
    admin: User,
    member_id: int,
    all_services: bool,
    service_codes: list[str],
    expires_at: dt.datetime | None,
) -> OrganisationAuthorisation:
    """授权委托: the administrator authorises a person of the company for a scope and term."""
    _require_admin(admin)
    member = User.objects.filter(
        pk=member_id, organisation_id=admin.organisation_id, kind=AccountKind.BUSINESS
    ).first()
    if member is None or member.pk == admin.pk:
        raise ValidationError({"member": _("请选择本单位已注册的其他账户。")})
    codes = sorted({unicodedata.normalize("NFKC", c).strip() for c in service_codes if c.strip()})
    if not all_services and not codes:
        raise ValidationError({"service_codes": _("请选择授权事项，或勾选“全部事项”。")})
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": _("有效期须晚于当前时间。")})
    return OrganisationAuthorisation.objects.create(
        organisation_id=admin.organisation_id,
        user=member,
        role=OrganisationAuthorisation.Role.AGENT,
        all_services=all_services,
        service_codes=[] if all_services else codes,
        expires_at=expires_at,
        granted_by=admin,
    )


def authorisation_revoke(*, admin: User, pk: int) -> OrganisationAuthorisation:
    """Revoke at once: every access check reads the authorisation afresh on the next request."""
    _require_admin(admin)
    authorisation = OrganisationAuthorisation.objects.filter(
        pk=pk, organisation_id=admin.organisation_id, role=OrganisationAuthorisation.Role.AGENT
    ).first()
    if authorisation is None:
        raise Http404
    if authorisation.revoked_at is None:
        authorisation.revoked_at = timezone.now()
        authorisation.save(update_fields=["revoked_at"])
    return authorisation

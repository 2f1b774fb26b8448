"""Reads for accounts. Other apps use these instead of querying accounts models directly."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_noop

from accounts import crypto
from accounts.constants import (
    PERM_COUNTER,
    PERM_PUBLISH_LISTS,
    PERM_REVIEW,
    PERM_SUPERVISION,
    Role,
)
from accounts.identity import normalize_id_number
from accounts.models import Department, User


def user_by_id_number(*, id_number: str) -> User | None:
    digest = crypto.blind_index(normalize_id_number(id_number))
    return User.objects.filter(id_number_digest=digest).first()


def departments_all() -> QuerySet[Department]:
    return Department.objects.all()


def department_by_code(*, code: str) -> Department | None:
    return Department.objects.filter(code=code).first()


def user_workspaces(*, user: User) -> list[tuple[str, str]]:
    """The staff workspaces a user may open, as (label, url) pairs, for navigation."""
    if not user.is_authenticated:
        return []
    spaces = []
    if user.has_perm(PERM_COUNTER):
        spaces.append((gettext_noop("窗口受理"), "/counter/"))
    if user.has_perm(PERM_REVIEW):
        spaces.append((gettext_noop("部门审批"), "/review/"))
    if user.has_perm(PERM_REVIEW) or user.has_perm(PERM_COUNTER):
        # The department's 差评台账: 回访, 整改 and 申诉 for the cases it handled.
        spaces.append((gettext_noop("差评整改"), "/review/tickets/"))
    if user.has_perm("participation.access_hotline"):
        spaces.append((gettext_noop("12345热线"), "/hotline/"))
    if user.has_perm("participation.handle_appeals"):
        spaces.append((gettext_noop("诉求办理"), "/dept/appeals/"))
    if user.has_perm("participation.moderate_consultations"):
        spaces.append((gettext_noop("征求意见审核"), "/participation/moderation/"))
    if user.has_perm(PERM_SUPERVISION):
        spaces.append((gettext_noop("效能监督"), "/supervision/"))
    if user.has_perm(PERM_PUBLISH_LISTS) or user.has_perm("wagtailadmin.access_admin"):
        spaces.append((gettext_noop("管理后台"), "/admin/"))
    return spaces


def user_department_id(*, user: User) -> int | None:
    """The department a staff user is scoped to; None for non-staff."""
    return user.department_id if user.is_authenticated else None


def user_is_system_admin(*, user: User) -> bool:
    """系统管理员: a superuser, or a member of the ADMIN role's group."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name=str(Role.ADMIN.label)).exists()

"""Reads for accounts. Other apps use these instead of querying accounts models directly."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_noop

from accounts import crypto
from accounts.constants import (
    PERM_COUNTER,
    PERM_DEPT_HEAD,
    PERM_PUBLISH_LISTS,
    PERM_REVIEW,
    PERM_SUPERVISION,
    AccountKind,
    Role,
)
from accounts.identity import normalize_id_number
from accounts.models import Department, OrganisationAuthorisation, User


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
        spaces.append((gettext_noop("大厅叫号"), "/hall/console/"))
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
    if user.has_perm("data_exchange.steward_agreements"):
        spaces.append((gettext_noop("数据共享协议"), "/staff/sharing/"))
    if user.has_perm(PERM_SUPERVISION) or user.has_perm(PERM_DEPT_HEAD):
        spaces.append((gettext_noop("效能监督"), "/supervision/"))
    if user.is_portal_staff:
        # 我的工作记实: the staff member's own record, figures, warnings and 督办.
        spaces.append((gettext_noop("我的工作记实"), "/supervision/me/"))
    if user.has_perm(PERM_PUBLISH_LISTS) or user.has_perm("wagtailadmin.access_admin"):
        spaces.append((gettext_noop("管理后台"), "/admin/"))
    return spaces


def user_has_applicant_pages(*, user: User) -> bool:
    """Whether the user's own applicant pages (我的办件, /me/…) are for them: visitors (who are
    sent to sign in) and citizen or business accounts; a staff account gets a 403 there."""
    if not user.is_authenticated:
        return True
    return user.kind in (AccountKind.CITIZEN, AccountKind.BUSINESS)


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


def department_heads(*, department_id: int) -> QuerySet[User]:
    """The department's 部门负责人 (members of the role's group; superusers are not heads)."""
    return User.objects.filter(
        department_id=department_id, groups__name=str(Role.DEPT_HEAD.label), is_active=True
    ).distinct()


def user_is_department_head(*, user: User) -> bool:
    return bool(user.is_authenticated and user.department_id and user.has_perm(PERM_DEPT_HEAD))


def department_staff(*, department_id: int) -> QuerySet[User]:
    """The department's staff members, by name."""
    return User.objects.filter(department_id=department_id, kind="staff", is_active=True).order_by(
        "real_name", "username"
    )


def staff_member_get(*, pk: int) -> User | None:
    return User.objects.filter(pk=pk, kind="staff").select_related("department").first()


# --- 授权委托: the one place company data access is decided -------------------------------


def authorisations_live(*, user: User) -> QuerySet[OrganisationAuthorisation]:
    """The user's authorisations that are neither revoked nor expired, read fresh each request."""
    if not user.is_authenticated or not getattr(user, "organisation_id", None):
        return OrganisationAuthorisation.objects.none()
    now = timezone.now()
    return OrganisationAuthorisation.objects.filter(
        user_id=user.pk, organisation_id=user.organisation_id, revoked_at__isnull=True
    ).filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))


def _scope(*, user: User) -> tuple[bool, set[str]] | None:
    """(all services?, service codes) of the user's live authorisations, or None."""
    rows = list(authorisations_live(user=user).values_list("all_services", "service_codes"))
    if not rows:
        return None
    codes: set[str] = set()
    for all_services, service_codes in rows:
        if all_services:
            return True, set()
        codes.update(service_codes or [])
    return False, codes


def organisation_access(
    *, user: User, organisation_id: int | None, service_code: str | None = None
) -> bool:
    """May `user` see this organisation's data (for `service_code`, when given)?

    Without a service code the question is "any company-wide data" (licences, the data-access
    log, 免申即享 notices, Q&A), which needs an all-services authorisation.
    """
    if organisation_id is None or not user.is_authenticated:
        return False
    if user.organisation_id != organisation_id:
        return False
    scope = _scope(user=user)
    if scope is None:
        return False
    all_services, codes = scope
    if all_services:
        return True
    return service_code is not None and service_code in codes


def organisation_scope_q(
    *, user: User, organisation_field: str = "organisation_id", service_field: str | None = None
) -> Q:
    """A filter for querysets of company data the user may see (matches nothing otherwise)."""
    nothing = Q(pk__in=[])
    if not user.is_authenticated or not getattr(user, "organisation_id", None):
        return nothing
    scope = _scope(user=user)
    if scope is None:
        return nothing
    all_services, codes = scope
    condition = Q(**{organisation_field: user.organisation_id})
    if all_services:
        return condition
    if service_field is None or not codes:
        return nothing
    return condition & Q(**{f"{service_field}__in": sorted(codes)})


def organisation_is_admin(*, user: User) -> bool:
    return authorisations_live(user=user).filter(role=OrganisationAuthorisation.Role.ADMIN).exists()


def organisation_has_admin(*, organisation_id: int) -> bool:
    return OrganisationAuthorisation.objects.filter(
        organisation_id=organisation_id,
        role=OrganisationAuthorisation.Role.ADMIN,
        revoked_at__isnull=True,
    ).exists()


def organisation_authorisations(*, organisation_id: int) -> QuerySet[OrganisationAuthorisation]:
    """Every authorisation of the organisation, live or not, for its administrator."""
    return OrganisationAuthorisation.objects.filter(organisation_id=organisation_id).select_related(
        "user", "granted_by"
    )


def organisation_members(*, organisation_id: int) -> QuerySet[User]:
    """Accounts that signed up for the organisation (authorised or not)."""
    return User.objects.filter(organisation_id=organisation_id, is_active=True).order_by("username")

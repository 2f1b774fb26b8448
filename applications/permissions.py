"""Who may act on a case, a 差评 ticket or an issued document (the read side of permission).

Services use these to refuse a step; views and selectors use them to decide what to show.
Object-level: an id that a user may not see is answered with 404 by the views.
"""

from __future__ import annotations

from django.conf import settings

from accounts.constants import PERM_COUNTER, PERM_REVIEW, PERM_SUPERVISION, AccountKind
from accounts.models import User
from accounts.selectors import organisation_access, user_is_system_admin
from applications.models import Application, Document, NegativeTicket, ReviewStep


def user_is_applicant_side(*, user: User, application: Application) -> bool:
    """The applicant, an agent of the applicant organisation, or the staff who filed it (代办)."""
    if not user.is_authenticated:
        return False
    if application.organisation_id and user.kind == AccountKind.BUSINESS:
        # A company's case, even one this agent filed, needs a live 授权委托 (revocation bites).
        return organisation_access(
            user=user,
            organisation_id=application.organisation_id,
            service_code=application.service_code,
        )
    return application.applicant_id == user.pk


def clerk_sees_every_department(user: User) -> bool:
    """Window staff of a one-window department (综合窗口) take cases of every department."""
    return bool(
        user.is_superuser
        or (
            user.department and user.department.code in settings.APPLICATIONS_ONE_WINDOW_DEPARTMENTS
        )
    )


def clerk_may_handle(*, user: User, application: Application) -> bool:
    """Window staff of a one-window department, or of the case's own department."""
    if not (user.is_authenticated and user.has_perm(PERM_COUNTER)):
        return False
    if clerk_sees_every_department(user):
        return True
    return user.department_id is not None and user.department_id == application.department_id


def reviewer_step(*, user: User, application: Application) -> ReviewStep | None:
    """The review step of the reviewer's department on this case, if any."""
    if not (user.is_authenticated and user.has_perm(PERM_REVIEW)) or user.department_id is None:
        return None
    return application.review_steps.filter(department_id=user.department_id).first()


def staff_handles_tickets(user: User) -> bool:
    """Staff of a department who handle cases (reviewers or clerks) handle its 差评 too."""
    return bool(
        user.is_authenticated
        and user.kind == AccountKind.STAFF
        and user.department_id is not None
        and (user.has_perm(PERM_REVIEW) or user.has_perm(PERM_COUNTER))
    )


def ticket_may_handle(*, user: User, ticket: NegativeTicket) -> bool:
    """Staff (reviewers or clerks) of the department that handled the rated case."""
    return staff_handles_tickets(user) and user.department_id == ticket.department_id


def ticket_may_supervise(*, user: User) -> bool:
    """效能监督 staff."""
    return bool(user.is_authenticated and user.has_perm(PERM_SUPERVISION))


def document_may_revoke(*, user: User, document: Document) -> bool:
    """Reviewers of the issuing department, or a 系统管理员."""
    if not user.is_authenticated:
        return False
    if user_is_system_admin(user=user):
        return True
    return bool(
        user.kind == AccountKind.STAFF
        and user.has_perm(PERM_REVIEW)
        and user.department_id is not None
        and user.department_id == document.application.department_id
    )

"""Cases as each audience may see them: the applicant, the window, the department, any
staff member, and the public look-up (each scoped on the server)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from accounts import crypto
from accounts.constants import PERM_COUNTER, PERM_REVIEW, PERM_SUPERVISION, AccountKind
from accounts.identity import normalize_identifier
from accounts.models import User
from accounts.selectors import organisation_scope_q
from applications.constants import (
    OPEN_INTAKE_STATES,
    ReviewStepStatus,
    Status,
)
from applications.models import (
    Application,
    Document,
    DueFlag,
)
from applications.permissions import clerk_sees_every_department
from services_catalog.models import ServiceItem


def applications_for_applicant(*, user: User) -> QuerySet[Application]:
    """The user's own applications; a business agent sees all of the organisation's."""
    if not user.is_authenticated:
        return Application.objects.none()
    if user.kind == AccountKind.BUSINESS and user.organisation_id:
        # 授权委托: only what a live authorisation covers, plus the agent's own cases.
        qs = Application.objects.filter(
            organisation_scope_q(user=user, service_field="service_code")
            | Q(applicant=user, organisation__isnull=True)
        )
    else:
        qs = Application.objects.filter(applicant=user)
    return qs.order_by("-created_at")


def application_list_for_applicant(*, user: User) -> QuerySet[Application]:
    return applications_for_applicant(user=user).only(
        "pk",
        "number",
        "service_name",
        "service_code",
        "status",
        "created_at",
        "submitted_at",
        "promised_due",
        "due_flag",
        "due_provisional",
        "draft_step",
        "organisation_id",
        "applicant_id",
    )


def application_get_for_applicant(*, user: User, pk: int) -> Application | None:
    return (
        applications_for_applicant(user=user)
        .select_related("service", "department", "organisation")
        .filter(pk=pk)
        .first()
    )


def _clerk_scope(user: User) -> Q:
    if clerk_sees_every_department(user):
        return Q()
    return Q(department_id=user.department_id)


# The states a clerk may list (never a draft): the intake states by default.
CLERK_STATES = tuple(s for s in Status.values if s != Status.DRAFT)


@dataclass(frozen=True)
class QueueFilter:
    """What the window queue is narrowed to (every field optional; '' means any)."""

    number: str = ""
    applicant: str = ""
    service: str = ""
    status: str = ""
    due: str = ""
    due_before: dt.date | None = None


def _applicant_q(text: str) -> Q:
    """A full 身份证号 through the blind index (never decrypted), else the name as written."""
    ident = normalize_identifier(text)
    if len(ident) == 18 and ident[:17].isdigit():
        digests = User.objects.filter(id_number_digest=crypto.blind_index(ident)).values("pk")
        return Q(applicant_id__in=digests)
    return Q(applicant_name=text.strip())


def _service_q(text: str) -> Q:
    """By 实施编码 (exactly) or by a part of the service's name (matched in the catalogue, so
    the case table is read through its service index)."""
    code = normalize_identifier(text)
    matches = ServiceItem.objects.filter(Q(code=code) | Q(name__icontains=text.strip()))
    return Q(service_id__in=matches.values("pk"))


def applications_for_clerk(
    *, clerk: User, filters: QueueFilter | None = None
) -> QuerySet[Application]:
    """The window queue, oldest first: the intake states unless another state is asked for;
    never a draft. Narrowed by 办件编号, applicant (身份证号 or name), service, due date."""
    if not clerk.has_perm(PERM_COUNTER):
        return Application.objects.none()
    f = filters or QueueFilter()
    states = [f.status] if f.status in CLERK_STATES else list(OPEN_INTAKE_STATES)
    qs = Application.objects.filter(_clerk_scope(clerk), status__in=states)
    if f.number.strip():
        qs = qs.filter(number=normalize_identifier(f.number))
    if f.applicant.strip():
        qs = qs.filter(_applicant_q(f.applicant))
    if f.service.strip():
        qs = qs.filter(_service_q(f.service))
    if f.due in (DueFlag.OVERDUE, DueFlag.DUE_SOON):
        qs = qs.filter(due_flag=f.due)
    if f.due_before is not None:
        due_field = "intake_due" if set(states) <= set(OPEN_INTAKE_STATES) else "promised_due"
        qs = qs.filter(**{f"{due_field}__lte": f.due_before})
    return (
        qs.select_related("department", "service")
        .only(
            "pk",
            "number",
            "service_name",
            "service__name_en",
            "applicant_name",
            "status",
            "submitted_at",
            "accepted_at",
            "intake_due",
            "promised_due",
            "due_flag",
            "due_provisional",
            "channel",
            "department__name",
            "organisation_id",
        )
        .order_by("submitted_at", "pk")
    )


def application_get_for_clerk(*, clerk: User, pk: int) -> Application | None:
    """A submitted case in the clerk's scope; a draft is the applicant's, never the window's."""
    if not clerk.has_perm(PERM_COUNTER):
        return None
    return (
        Application.objects.filter(_clerk_scope(clerk), pk=pk)
        .exclude(status=Status.DRAFT)
        .select_related("service", "department", "organisation")
        .first()
    )


def applications_for_reviewer(*, reviewer: User) -> QuerySet[Application]:
    """Cases with a review step of the reviewer's department (scoped on the server)."""
    if not reviewer.has_perm(PERM_REVIEW) or reviewer.department_id is None:
        return Application.objects.none()
    return (
        Application.objects.filter(
            review_steps__department_id=reviewer.department_id,
            status__in=[Status.ACCEPTED, Status.UNDER_REVIEW, Status.SUSPENDED],
            review_steps__status__in=[ReviewStepStatus.ACTIVE],
        )
        .select_related("service")
        .only(
            "pk",
            "number",
            "service_name",
            "service__name_en",
            "applicant_name",
            "status",
            "accepted_at",
            "promised_due",
            "legal_due",
            "due_flag",
            "due_provisional",
            "paused_since",
        )
        .order_by("promised_due", "pk")
        .distinct()
    )


def applications_decided_by_department(*, reviewer: User, limit: int = 20) -> QuerySet[Application]:
    if not reviewer.has_perm(PERM_REVIEW) or reviewer.department_id is None:
        return Application.objects.none()
    return (
        Application.objects.filter(review_steps__department_id=reviewer.department_id)
        .exclude(status__in=[Status.ACCEPTED, Status.UNDER_REVIEW, Status.SUSPENDED])
        .select_related("service")
        .only(
            "pk",
            "number",
            "service_name",
            "service__name_en",
            "applicant_name",
            "status",
            "decided_at",
        )
        .order_by("-decided_at")[:limit]
    )


def application_get_for_reviewer(*, reviewer: User, pk: int) -> Application | None:
    if not reviewer.has_perm(PERM_REVIEW) or reviewer.department_id is None:
        return None
    return (
        Application.objects.filter(pk=pk, review_steps__department_id=reviewer.department_id)
        .select_related("service", "department", "organisation")
        .first()
    )


def application_get_for_staff(*, user: User, pk: int) -> Application | None:
    """For file downloads by staff: the clerk's scope or the reviewer's department."""
    return (
        application_get_for_clerk(clerk=user, pk=pk)
        or application_get_for_reviewer(reviewer=user, pk=pk)
        or (
            Application.objects.filter(pk=pk).exclude(status=Status.DRAFT).first()
            if user.has_perm(PERM_SUPERVISION)
            else None
        )
    )


def application_find_public(*, number: str, phone: str) -> Application | None:
    """Public progress look-up: both the 办件编号 and the phone on file must match."""
    number = normalize_identifier(number)
    phone = normalize_identifier(phone)
    if not number or not phone:
        return None
    return (
        Application.objects.filter(number=number, applicant_phone=phone)
        .exclude(status=Status.DRAFT)
        .only(
            "number",
            "service_name",
            "status",
            "submitted_at",
            "promised_due",
            "department__name",
            "applicant_name",
        )
        .select_related("department")
        .first()
    )


def document_get_by_code(*, code: str) -> Document | None:
    return (
        Document.objects.filter(verification_code=(code or "").strip().upper())
        .select_related("application", "application__department")
        .first()
    )

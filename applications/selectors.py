"""Reads of the applications app, each scoped on the server to what the user may see."""

from __future__ import annotations

import datetime as dt

from django.db.models import Case, Count, IntegerField, Max, Q, QuerySet, Value, When
from django.utils import timezone

from accounts.constants import PERM_COUNTER, PERM_REVIEW, PERM_SUPERVISION, AccountKind
from accounts.models import User
from applications.constants import (
    IN_PROGRESS_STATES,
    OPEN_INTAKE_STATES,
    TICKET_PENDING_STATES,
    ReviewStepStatus,
    Satisfaction,
    Status,
    TicketStatus,
)
from applications.deadlines import unconfirmed_years_until, working_days_between
from applications.models import (
    Application,
    Document,
    DueFlag,
    Evaluation,
    NegativeTicket,
    TicketCallback,
    TicketEvent,
)
from applications.permissions import clerk_sees_every_department, staff_handles_tickets


def applications_for_applicant(*, user: User) -> QuerySet[Application]:
    """The user's own applications; a business agent sees all of the organisation's."""
    if not user.is_authenticated:
        return Application.objects.none()
    if user.kind == AccountKind.BUSINESS and user.organisation_id:
        qs = Application.objects.filter(organisation_id=user.organisation_id)
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


def applications_for_clerk(*, clerk: User) -> QuerySet[Application]:
    """The intake queue: new submissions, oldest first."""
    if not clerk.has_perm(PERM_COUNTER):
        return Application.objects.none()
    return (
        Application.objects.filter(_clerk_scope(clerk), status__in=OPEN_INTAKE_STATES)
        .select_related("department")
        .only(
            "pk",
            "number",
            "service_name",
            "applicant_name",
            "status",
            "submitted_at",
            "intake_due",
            "due_flag",
            "due_provisional",
            "channel",
            "department__name",
            "organisation_id",
        )
        .order_by("submitted_at", "pk")
    )


def application_get_for_clerk(*, clerk: User, pk: int) -> Application | None:
    if not clerk.has_perm(PERM_COUNTER):
        return None
    return (
        Application.objects.filter(_clerk_scope(clerk), pk=pk)
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
        .only(
            "pk",
            "number",
            "service_name",
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
        .only("pk", "number", "service_name", "applicant_name", "status", "decided_at")
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
        or (Application.objects.filter(pk=pk).first() if user.has_perm(PERM_SUPERVISION) else None)
    )


def application_find_public(*, number: str, phone: str) -> Application | None:
    """Public progress look-up: both the 办件编号 and the phone on file must match."""
    number = (number or "").strip().upper()
    phone = (phone or "").strip()
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


def application_countdown(*, application: Application, today: dt.date | None = None) -> int | None:
    """Working days left on the relevant clock (intake or promised)."""
    today = today or timezone.localdate()
    due = (
        application.intake_due
        if application.status in OPEN_INTAKE_STATES
        else application.promised_due
    )
    if due is None:
        return None
    return working_days_between(today, due)


def supervision_overview() -> dict:
    running = Application.objects.filter(status__in=IN_PROGRESS_STATES)
    by_dept = list(
        running.values("department__name")
        .annotate(
            total=Count("pk"),
            overdue=Count("pk", filter=Q(due_flag=DueFlag.OVERDUE)),
            due_soon=Count("pk", filter=Q(due_flag=DueFlag.DUE_SOON)),
        )
        .order_by("department__name")
    )
    flagged = (
        running.exclude(due_flag="")
        .select_related("department")
        .only(
            "pk",
            "number",
            "service_name",
            "status",
            "due_flag",
            "due_provisional",
            "intake_due",
            "promised_due",
            "department__name",
        )
        .order_by("-due_flag", "promised_due")[:100]
    )
    stats = Evaluation.objects.filter(excluded=False).aggregate(
        total=Count("pk"),
        good=Count("pk", filter=Q(level__lte=Satisfaction.BASICALLY)),
        bad=Count("pk", filter=Q(level__gte=Satisfaction.DISSATISFIED)),
    )
    stats["rate"] = round(100 * stats["good"] / stats["total"], 2) if stats["total"] else None
    return {
        "by_department": by_dept,
        "flagged": flagged,
        "evaluation": stats,
        "calendar_pending": provisional_dues_summary(),
    }


def provisional_dues_summary() -> dict | None:
    """Running cases whose dues are 待确认, and the years whose holiday schedule is missing."""
    provisional = Application.objects.filter(status__in=IN_PROGRESS_STATES, due_provisional=True)
    summary = provisional.aggregate(count=Count("pk"), latest=Max("legal_due"))
    if not summary["count"]:
        return None
    years = unconfirmed_years_until(summary["latest"])
    return {"count": summary["count"], "years": "、".join(str(y) for y in years)}


# --- 差评 tickets ---------------------------------------------------------------------------------


def _tickets_base() -> QuerySet[NegativeTicket]:
    """Tickets with what a ledger row shows, waiting work first, then by due date."""
    return (
        NegativeTicket.objects.select_related("department", "evaluation", "evaluation__application")
        .only(
            "pk",
            "status",
            "due_date",
            "called_back_at",
            "rectification_kind",
            "department__name",
            "evaluation__number",
            "evaluation__level",
            "evaluation__text",
            "evaluation__created_at",
            "evaluation__service_id",
            "evaluation__application__service_name",
        )
        .annotate(
            waiting=Case(
                When(status__in=TICKET_PENDING_STATES, then=Value(0)),
                When(status__in=[TicketStatus.RECTIFIED, TicketStatus.APPEALED], then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .order_by("waiting", "due_date", "pk")
    )


def tickets_for_department(*, user: User) -> QuerySet[NegativeTicket]:
    """The 差评 of the cases the user's department handled (scoped on the server)."""
    if not staff_handles_tickets(user):
        return NegativeTicket.objects.none()
    return _tickets_base().filter(department_id=user.department_id)


def ticket_get_for_department(*, user: User, pk: int) -> NegativeTicket | None:
    return tickets_for_department(user=user).filter(pk=pk).first()


def tickets_for_supervisor(*, user: User, status: str = "") -> QuerySet[NegativeTicket]:
    """Every department's 差评 ledger, for 效能监督."""
    if not user.has_perm(PERM_SUPERVISION):
        return NegativeTicket.objects.none()
    qs = _tickets_base()
    if status in TicketStatus.values:
        qs = qs.filter(status=status)
    return qs


def ticket_get_for_supervisor(*, user: User, pk: int) -> NegativeTicket | None:
    return tickets_for_supervisor(user=user).filter(pk=pk).first()


def ticket_history(*, ticket: NegativeTicket) -> dict:
    """Every step (who, when, why) and every call back of one ticket."""
    return {
        "events": list(TicketEvent.objects.filter(ticket=ticket).select_related("actor")),
        "callbacks": list(
            TicketCallback.objects.filter(ticket=ticket).select_related("recorded_by")
        ),
    }


# --- Published 好差评 statistics ----------------------------------------------------------------


def _rate(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 2) if whole else None


def rating_statistics(*, start: dt.date, end: dt.date) -> dict:
    """好评率, 主动评价率, 差评整改率 and 回访率 per department, over the cases completed
    (办结) between start and end inclusive; ratings whose 申诉 was upheld count nowhere.

    - 好评率 = ratings 1–3 ÷ ratings; 主动评价率 = ratings ÷ completed cases;
    - 差评整改率 = 差评 whose rectification 效能监督 confirmed ÷ 差评;
    - 回访率 = 差评 called back ÷ 差评.
    One query, whatever the number of departments.
    """
    tz = timezone.get_current_timezone()
    since = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    counted = Q(evaluation__isnull=False, evaluation__excluded=False)
    bad = counted & Q(evaluation__level__gte=Satisfaction.DISSATISFIED)
    rows = list(
        Application.objects.filter(completed_at__gte=since, completed_at__lt=until)
        .values("department_id", "department__name")
        .annotate(
            completed=Count("pk"),
            rated=Count("pk", filter=counted),
            good=Count("pk", filter=counted & Q(evaluation__level__lte=Satisfaction.BASICALLY)),
            bad=Count("pk", filter=bad),
            called_back=Count(
                "pk", filter=bad & Q(evaluation__ticket__called_back_at__isnull=False)
            ),
            rectified=Count("pk", filter=bad & Q(evaluation__ticket__status=TicketStatus.RESOLVED)),
            upheld=Count("pk", filter=Q(evaluation__excluded=True)),
        )
        .order_by("department__name")
    )
    keys = ("completed", "rated", "good", "bad", "called_back", "rectified", "upheld")
    total = {k: sum(r[k] for r in rows) for k in keys}
    total["department__name"] = ""
    for row in [*rows, total]:
        row["good_rate"] = _rate(row["good"], row["rated"])
        row["rated_rate"] = _rate(row["rated"], row["completed"])
        row["rectified_rate"] = _rate(row["rectified"], row["bad"])
        row["callback_rate"] = _rate(row["called_back"], row["bad"])
    return {"start": start, "end": end, "rows": rows, "total": total}


def rating_statistics_default_period(*, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """This year so far."""
    today = today or timezone.localdate()
    return today.replace(month=1, day=1), today

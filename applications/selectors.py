"""Reads of the applications app, each scoped on the server to what the user may see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Case, Count, F, IntegerField, Max, Q, QuerySet, Value, When
from django.utils import timezone

from accounts import crypto
from accounts.constants import PERM_COUNTER, PERM_REVIEW, PERM_SUPERVISION, AccountKind
from accounts.identity import normalize_identifier
from accounts.models import User
from accounts.selectors import organisation_scope_q
from applications import evidence
from applications.constants import (
    IN_PROGRESS_STATES,
    OPEN_INTAKE_STATES,
    TICKET_PENDING_STATES,
    MaterialCheck,
    MaterialMode,
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
        qs.select_related("department")
        .only(
            "pk",
            "number",
            "service_name",
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
        or (
            Application.objects.filter(pk=pk).exclude(status=Status.DRAFT).first()
            if user.has_perm(PERM_SUPERVISION)
            else None
        )
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


@dataclass(frozen=True)
class Clock:
    """What a case page says about time. Before acceptance no promised clock runs: the page
    reads "受理后 N 个工作日内办结" and counts only the 5-day intake period; from acceptance the
    promised date counts (from the acceptance date)."""

    before_acceptance: bool
    promised_days: int
    intake_due: dt.date | None = None
    intake_left: int | None = None
    promised_left: int | None = None
    running: bool = False


def application_clock(*, application: Application, today: dt.date | None = None) -> Clock:
    today = today or timezone.localdate()
    promised_days = application.service.promised_limit_days
    if application.accepted_at is None:
        waiting = application.status in (*OPEN_INTAKE_STATES, Status.SUPPLEMENT)
        due = application.intake_due if waiting else None
        return Clock(
            before_acceptance=True,
            promised_days=promised_days,
            intake_due=due,
            intake_left=working_days_between(today, due)
            if due and application.status in OPEN_INTAKE_STATES
            else None,
        )
    running = application.status in (Status.ACCEPTED, Status.UNDER_REVIEW)
    due = application.promised_due
    return Clock(
        before_acceptance=False,
        promised_days=promised_days,
        promised_left=working_days_between(today, due) if due else None,
        running=running,
    )


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


# --- Reads for supervision (效能监督, floor 4) ---------------------------------------------------
# Aggregates and case lists over every department; callers check PERM_SUPERVISION or the
# department-head scope themselves (supervision.permissions).

_SUPERVISION_STEPS = ("submit", "accept", "suspend", "request_supplement")
_DECISIONS = ("approve", "refuse")
_STAFF_ROLES = ("clerk", "reviewer")


def case_step_counts_between(*, since: dt.datetime, until: dt.datetime) -> list[dict]:
    """Recorded steps in [since, until) counted per (local day, action, department, service,
    actor): submissions (收件), acceptances (受理), 特别程序 started and 补正 requested."""
    from django.db.models.functions import TruncDate

    from applications.models import ApplicationEvent

    return list(
        ApplicationEvent.objects.filter(
            created_at__gte=since, created_at__lt=until, action__in=_SUPERVISION_STEPS
        )
        .values(
            "action",
            "actor_id",
            "actor_role",
            day=TruncDate("created_at"),
            department_id=F("application__department_id"),
            service_id=F("application__service_id"),
        )
        .annotate(n=Count("pk"))
        .order_by()
    )


def case_deciders(*, application_ids: list[int]) -> dict[int, int]:
    """The reviewer who made each case's decision (准予/不予许可), by case id."""
    from applications.models import ApplicationEvent

    found: dict[int, int] = {}
    for start in range(0, len(application_ids), 500):
        chunk = application_ids[start : start + 500]
        for app_id, actor_id in (
            ApplicationEvent.objects.filter(application_id__in=chunk, action__in=_DECISIONS)
            .order_by("created_at", "pk")
            .values_list("application_id", "actor_id")
        ):
            found[app_id] = actor_id
    return found


def cases_finished_between(*, since: dt.datetime, until: dt.datetime) -> list[dict]:
    """Cases 办结 in [since, until) with what the on-time and handling-time figures need."""
    return list(
        Application.objects.filter(completed_at__gte=since, completed_at__lt=until).values(
            "pk",
            "department_id",
            "service_id",
            "submitted_at",
            "completed_at",
            "promised_due",
            "legal_due",
        )
    )


def evaluations_between(*, since: dt.datetime, until: dt.datetime) -> list[dict]:
    """Counted ratings (申诉成立 ones excluded) given in [since, until)."""
    return list(
        Evaluation.objects.filter(
            created_at__gte=since, created_at__lt=until, excluded=False
        ).values("application_id", "department_id", "service_id", "level", "created_at")
    )


def tickets_resolved_between(*, since: dt.datetime, until: dt.datetime) -> list[dict]:
    """差评 whose rectification 效能监督 confirmed in [since, until)."""
    return list(
        TicketEvent.objects.filter(
            created_at__gte=since, created_at__lt=until, to_status=TicketStatus.RESOLVED
        ).values(
            "created_at",
            application_id=F("ticket__evaluation__application_id"),
            department_id=F("ticket__department_id"),
            service_id=F("ticket__evaluation__service_id"),
        )
    )


def running_case_counts(*, department_id: int | None = None) -> list[dict]:
    """Cases in progress per department: total, overdue and due soon (flags of the beat task)."""
    qs = Application.objects.filter(status__in=IN_PROGRESS_STATES)
    if department_id is not None:
        qs = qs.filter(department_id=department_id)
    return list(
        qs.values("department_id")
        .annotate(
            total=Count("pk"),
            overdue=Count("pk", filter=Q(due_flag=DueFlag.OVERDUE)),
            due_soon=Count("pk", filter=Q(due_flag=DueFlag.DUE_SOON)),
        )
        .order_by("department_id")
    )


def cases_running_for_warnings() -> QuerySet:
    """Running cases whose clock is not paused, with the limits a warning is computed from."""
    from applications.constants import PAUSED_STATES

    return (
        Application.objects.filter(status__in=IN_PROGRESS_STATES)
        .exclude(status__in=PAUSED_STATES)
        .values(
            "pk",
            "status",
            "department_id",
            "intake_due",
            "promised_due",
            "legal_due",
            promised_days=F("service__promised_limit_days"),
        )
        .order_by("pk")
    )


def cases_for_supervision(
    *,
    metric: str,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    department_id: int | None = None,
    service_id: int | None = None,
    staff_id: int | None = None,
) -> QuerySet[Application]:
    """The cases behind one dashboard number (metric names as supervision.constants.Metric).

    Period metrics use the same timestamps as the rollups (the step's event, 办结, the rating);
    current metrics (overdue, due soon) ignore the period.
    """
    from applications.models import ApplicationEvent

    qs = Application.objects.exclude(status=Status.DRAFT)
    span = {}
    if since is not None and until is not None:
        span = {"gte": since, "lt": until}
    step_action = {"received": "submit", "accepted": "accept"}.get(metric)
    if step_action:
        events = ApplicationEvent.objects.filter(action=step_action)
        if span:
            events = events.filter(created_at__gte=since, created_at__lt=until)
        if staff_id is not None:
            events = events.filter(actor_id=staff_id)
        qs = qs.filter(pk__in=events.values("application_id"))
    elif metric in ("finished", "late", "late_legal"):
        if span:
            qs = qs.filter(completed_at__gte=since, completed_at__lt=until)
        else:
            qs = qs.filter(completed_at__isnull=False)
        if metric == "late":
            qs = qs.filter(completed_at__date__gt=F("promised_due"))
        elif metric == "late_legal":
            qs = qs.filter(completed_at__date__gt=F("legal_due"))
    elif metric == "bad":
        evaluations = Evaluation.objects.filter(
            excluded=False, level__gte=Satisfaction.DISSATISFIED
        )
        if span:
            evaluations = evaluations.filter(created_at__gte=since, created_at__lt=until)
        qs = qs.filter(pk__in=evaluations.values("application_id"))
    elif metric in ("overdue", "due_soon"):
        qs = qs.filter(status__in=IN_PROGRESS_STATES, due_flag=metric)
    else:
        return Application.objects.none()
    if staff_id is not None and not step_action:
        qs = qs.filter(
            pk__in=ApplicationEvent.objects.filter(action__in=_DECISIONS, actor_id=staff_id).values(
                "application_id"
            )
        )
    if department_id is not None:
        qs = qs.filter(department_id=department_id)
    if service_id is not None:
        qs = qs.filter(service_id=service_id)
    return qs.select_related("department").order_by("-submitted_at", "-pk")


def case_get_for_supervision(*, pk: int) -> Application | None:
    return (
        Application.objects.exclude(status=Status.DRAFT)
        .select_related("service", "department")
        .filter(pk=pk)
        .first()
    )


def case_holders(*, applications: list[Application]) -> dict[int, User | None]:
    """Who holds each running case now: the staff member of its current stage who last acted
    on it (the clerk at the window, the reviewer in review); None while nobody has taken it."""
    from applications.models import ApplicationEvent

    ids = [app.pk for app in applications]
    latest: dict[tuple[int, str], int] = {}
    for app_id, role, actor_id in (
        ApplicationEvent.objects.filter(
            application_id__in=ids, actor_role__in=_STAFF_ROLES, actor__isnull=False
        )
        .order_by("created_at", "pk")
        .values_list("application_id", "actor_role", "actor_id")
    ):
        latest[(app_id, role)] = actor_id
    users = User.objects.in_bulk({v for v in latest.values()})
    holders: dict[int, User | None] = {}
    for app in applications:
        role = "clerk" if app.status in (*OPEN_INTAKE_STATES, Status.SUPPLEMENT) else "reviewer"
        actor_id = latest.get((app.pk, role))
        holders[app.pk] = users.get(actor_id) if actor_id else None
    return holders


def case_events_by_case(*, application_ids: list[int]) -> dict[int, list]:
    """Every recorded transition of each case, oldest first, with who did it."""
    from applications.models import ApplicationEvent

    found: dict[int, list] = {app_id: [] for app_id in application_ids}
    for event in (
        ApplicationEvent.objects.filter(application_id__in=application_ids)
        .select_related("actor")
        .order_by("created_at", "pk")
    ):
        found[event.application_id].append(event)
    return found


def application_evidence_waiting(*, application: Application) -> list[str]:
    """Names of the 免提交 materials a submitted case still waits for (数据待返回): the
    department has not answered yet. What the window's badge and the case pages show."""
    items = [
        m
        for m in application.materials.all()
        if m.evidence_type and m.mode == MaterialMode.EVIDENCE
    ]
    if not items or application.status == Status.DRAFT:
        return []
    states = evidence.states(user=application.applicant, reference=application.reference)
    return [
        m.name
        for m in items
        if (state := states.get(m.evidence_type)) is not None and state.status == "pending"
    ]


def application_evidence_owed(*, application: Application) -> list:
    """Materials the department did not deliver after submission: the citizen uploads them."""
    return [
        m
        for m in application.materials.all()
        if m.evidence_type
        and m.mode == MaterialMode.NONE
        and m.check_status == MaterialCheck.MISSING
    ]


def services_most_applied(*, days: int = 30, limit: int = 8) -> list[tuple[int, int]]:
    """(service id, applications submitted in the last `days` days), most applied first.

    Real use for the home page's 热门服务: drafts never submitted do not count. Callers cache
    the answer (one grouped query over the submission index).
    """
    since = timezone.now() - dt.timedelta(days=days)
    rows = (
        Application.objects.filter(submitted_at__gte=since)
        .values("service_id")
        .annotate(n=Count("id"))
        .order_by("-n", "service_id")[:limit]
    )
    return [(row["service_id"], row["n"]) for row in rows]

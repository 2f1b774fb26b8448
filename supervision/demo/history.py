"""A realistic past for the demo and the benchmarks: cases with their whole event history.

DEMO AND BENCHMARK DATA ONLY. This module writes other apps' tables directly with bulk_create
(applications' cases, events, 补正 notices, 特别程序, ratings, 差评 tickets and data_exchange's
evidence requests), which no production code may do: real cases go through applications'
services. It exists because going through the services would take hours for thousands of
cases with back-dated timestamps. Every row it writes is marked (idempotency key "history:…").
"""

from __future__ import annotations

import contextlib
import datetime as dt
import random
import uuid
from dataclasses import dataclass, field

from django.utils import timezone

from applications.models import (
    Application,
    ApplicationEvent,
    ApplicationMaterial,
    Evaluation,
    NegativeTicket,
    SupplementRequest,
    Suspension,
    TicketEvent,
)
from data_exchange.models import EvidenceItem
from supervision import calendar

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉建国文斌宇浩凯"
SUPPLEMENT_REASONS = [
    "营业执照副本复印件不清晰，请重新上传。",
    "缺少房屋租赁合同，请补充提交。",
    "申请表签字页缺失，请补充签字页。",
    "身份证明有效期已过，请提供有效证件。",
]
SPECIAL_REASONS = [
    ("site_check", "需现场核查经营场所与申报是否一致。"),
    ("expert_review", "涉及专业技术判断，提交专家评审。"),
    ("testing", "申报设备需第三方检测，检测期间暂停计时。"),
    ("hearing", "涉及相邻权利人重大利益，依申请举行听证。"),
]
LATE_REASONS = [
    "材料涉及多部门核对，等待相关部门回函。",
    "经办人休假，交接不及时。",
    "系统接口异常，数据未能按时同步。",
]
EVIDENCE = [
    ("gongan", "gongan.household_register"),
    ("scjg", "scjg.business_licence"),
    ("rsj", "rsj.social_insurance"),
    ("mzj", "mzj.marriage_registration"),
    ("bdc", "bdc.property_certificate"),
    ("wjw", "wjw.birth_certificate"),
    ("jyj", "jyj.education_certificate"),
]
BAD_TEXTS = ["等待时间太长，窗口说法前后不一。", "办理超过承诺时限，没有任何通知。"]
GOOD_TEXTS = ["全程网办，很方便。", "窗口人员耐心细致。", ""]


@contextlib.contextmanager
def keep_timestamps(*models):
    """Let bulk_create keep back-dated auto_now/auto_now_add values (demo data only)."""
    saved = []
    for model in models:
        for f in model._meta.concrete_fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                saved.append((f, f.auto_now, f.auto_now_add))
                f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


@dataclass
class Cast:
    """Who the history is about: services with their department, staff, applicants."""

    services: list  # ServiceItem with department loaded
    clerks: list  # window clerks (one window)
    reviewers: dict  # department id -> [User]
    applicants: list
    supervisor: object
    stuck_holder: dict = field(default_factory=dict)  # department id -> User holding late cases


@dataclass
class Plan:
    app: Application
    steps: list = field(default_factory=list)  # (action, from, to, actor, role, office, reason, at)
    supplement: tuple | None = None  # (at, fulfilled_at, clerk, reason)
    special: tuple | None = None  # (at, ended_at, reviewer, code, note)
    rating: tuple | None = None  # (at, level, text)
    evidence: list = field(default_factory=list)


class History:
    def __init__(self, *, cast: Cast, now: dt.datetime, seed: int = 2026):
        self.cast = cast
        self.now = now
        self.rng = random.Random(seed)
        self.tz = timezone.get_current_timezone()

    # --- time -------------------------------------------------------------------------------

    def later(self, t: dt.datetime, wdays: float) -> dt.datetime:
        """About `wdays` working days after t, during office hours."""
        local = timezone.localtime(t, self.tz)
        day = calendar.add_working_days(start=local.date(), days=int(wdays))
        minutes = self.rng.randint(9 * 60, 17 * 60 + 30)
        out = dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60), tzinfo=self.tz)
        if out <= t:
            out = t + dt.timedelta(minutes=self.rng.randint(15, 240))
        return out

    def working_gap(self, a: dt.datetime, b: dt.datetime) -> int:
        return max(calendar.working_days_between(start=a.date(), end=b.date()), 0)

    # --- one case ---------------------------------------------------------------------------

    def _step(self, plan, action, source, target, actor, role, at, reason=""):
        office = {
            "applicant": "网上办事大厅",
            "system": plan.app.department.name,
        }.get(role) or (actor.department.name if actor and actor.department_id else "")
        plan.steps.append((action, source, target, actor, role, office, reason, at))

    def plan_case(
        self, seq: int, submitted: dt.datetime, *, stuck: bool = False, department_id=None
    ) -> Plan:
        """One case from submission to where it stands now (drawn in a fixed order from rng)."""
        rng, cast = self.rng, self.cast
        pool = [s for s in cast.services if s.department_id == department_id] or cast.services
        service = rng.choice(pool if department_id else cast.services)
        dept = service.department
        applicant = rng.choice(cast.applicants)
        reviewers = cast.reviewers.get(dept.pk) or cast.reviewers[None]
        clerk = rng.choice(cast.clerks)
        reviewer = cast.stuck_holder.get(dept.pk) if stuck else rng.choice(reviewers)
        reviewer = reviewer or rng.choice(reviewers)
        plan = Plan(app=self._application(seq, submitted, service, applicant))
        self._step(plan, "submit", "draft", "submitted", applicant, "applicant", submitted)
        t, paused = self._maybe_supplement(plan, submitted, clerk, applicant)
        accepted = self.later(t, rng.uniform(0.1, 1.5))
        self._step(plan, "accept", "submitted", "accepted", clerk, "clerk", accepted)
        started = self.later(accepted, rng.uniform(0.1, 1.2))
        self._step(plan, "review_start", "accepted", "under_review", reviewer, "reviewer", started)
        t, special_pause = self._maybe_special(plan, started, reviewer)
        self._decide(plan, submitted, t, paused + special_pause, reviewer, stuck=stuck)
        self._maybe_rate_and_pull(plan, submitted, applicant)
        self._truncate(plan)
        return plan

    def _application(self, seq: int, submitted: dt.datetime, service, applicant) -> Application:
        rng, dept = self.rng, service.department
        app = Application(
            uuid=uuid.uuid4(),
            number=f"{dept.code.upper()[:8]}{timezone.localdate(submitted):%Y%m%d}H{seq:08d}",
            service=service,
            service_code=service.code,
            service_name=service.name,
            department=dept,
            applicant=applicant,
            channel="online",
            status="submitted",
            applicant_name=rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
            applicant_phone=f"139{rng.randint(10000000, 99999999)}",
            identity_verified=True,
            idempotency_key=f"history:{seq}",
            created_at=submitted - dt.timedelta(minutes=rng.randint(5, 90)),
            submitted_at=submitted,
            intake_due=calendar.add_working_days(start=submitted.date(), days=5),
            region_code="310114",
        )
        app.updated_at = submitted
        return app

    def _maybe_supplement(self, plan: Plan, t: dt.datetime, clerk, applicant):
        """About one case in eleven goes through 补正; returns (when it is back, days paused)."""
        rng = self.rng
        if rng.random() >= 0.09:
            return t, 0
        asked = self.later(t, rng.uniform(0.2, 2))
        back = self.later(asked, rng.uniform(1, 6))
        reason = rng.choice(SUPPLEMENT_REASONS)
        self._step(
            plan, "request_supplement", "submitted", "supplement", clerk, "clerk", asked, reason
        )
        self._step(
            plan, "supplement_submit", "supplement", "submitted", applicant, "applicant", back
        )
        plan.supplement = (asked, back, clerk, reason)
        return back, self.working_gap(asked, back)

    def _maybe_special(self, plan: Plan, t: dt.datetime, reviewer):
        """About one case in fourteen enters a 特别程序; returns (when it ended, days paused)."""
        rng = self.rng
        if rng.random() >= 0.07:
            return t, 0
        code, note = rng.choice(SPECIAL_REASONS)
        begun = self.later(t, rng.uniform(0.5, 3))
        ended = self.later(begun, rng.uniform(3, 12))
        self._step(plan, "suspend", "under_review", "suspended", reviewer, "reviewer", begun, note)
        self._step(plan, "resume", "suspended", "under_review", reviewer, "reviewer", ended)
        plan.special = (begun, ended, reviewer, code, note)
        return ended, self.working_gap(begun, ended)

    def _decide(self, plan: Plan, submitted, t, paused: int, reviewer, *, stuck: bool) -> None:
        """The dues, then 准予 or 不予许可 (some late, with a reason), then 办结."""
        rng, app = self.rng, plan.app
        service = app.service
        promised, legal = service.promised_limit_days, service.legal_limit_days
        app.promised_due = calendar.add_working_days(start=submitted.date(), days=promised + paused)
        app.legal_due = calendar.add_working_days(start=submitted.date(), days=legal + paused)
        app.paused_working_days = paused
        share = rng.uniform(1.05, 1.7) if rng.random() < 0.08 else rng.uniform(0.15, 0.95)
        if stuck:
            share = 50
        used = self.working_gap(submitted, t) - paused
        decided = self.later(t, max(promised * share - used, 0.2))
        refuse = rng.random() < 0.07
        reason = "申请条件不符合规定。" if refuse else ""
        if share > 1 and not refuse:
            reason = rng.choice(LATE_REASONS)
        target = "refused" if refuse else "approved"
        action = "refuse" if refuse else "approve"
        self._step(plan, action, "under_review", target, reviewer, "reviewer", decided, reason)
        done = decided + dt.timedelta(minutes=rng.randint(3, 90))
        self._step(plan, "complete", target, "completed", None, "system", done)

    def _maybe_rate_and_pull(self, plan: Plan, submitted: dt.datetime, applicant) -> None:
        """A 好差评 rating for most finished cases; a certified-data pull for some."""
        rng = self.rng
        done = plan.steps[-1][7]
        if rng.random() < 0.6:
            rated = done + dt.timedelta(hours=rng.uniform(1, 72))
            level = rng.choices([1, 2, 3, 4, 5], weights=[55, 30, 10, 3, 2])[0]
            self._step(plan, "evaluate", "completed", "evaluated", applicant, "applicant", rated)
            plan.rating = (rated, level, rng.choice(BAD_TEXTS if level >= 4 else GOOD_TEXTS))
        if rng.random() < 0.3:
            code, etype = rng.choice(EVIDENCE)
            plan.evidence.append(
                (code, etype, submitted - dt.timedelta(minutes=rng.randint(2, 30)))
            )

    def _truncate(self, plan: Plan) -> None:
        """Keep only what has happened by now; the case's state is where its history ends."""
        plan.steps = [s for s in plan.steps if s[7] <= self.now]
        app = plan.app
        last = plan.steps[-1]
        app.status, app.updated_at = last[2], last[7]
        for action, *_rest, at in plan.steps:
            if action == "accept":
                app.accepted_at = at
            elif action in ("approve", "refuse"):
                app.decided_at = at
                app.decision_reason = _rest[5]
            elif action == "complete":
                app.completed_at = at
        if app.status == "supplement" or app.status == "suspended":
            app.paused_since = timezone.localdate(last[7])
        if plan.supplement and plan.supplement[0] > self.now:
            plan.supplement = None
        if plan.special and plan.special[0] > self.now:
            plan.special = None
        if plan.rating and plan.rating[0] > self.now:
            plan.rating = None


# Cases still at the window: the clerk opens them and checks each material, so they carry the
# guide's material list (unchecked) like a real submission; closed history needs none.
AT_WINDOW = {"submitted", "pre_review", "supplement"}


def _window_materials(plans: list[Plan]) -> list[ApplicationMaterial]:
    at_window = [p.app for p in plans if p.app.status in AT_WINDOW]
    by_service: dict[int, list] = {}
    rows = []
    for app in at_window:
        if app.service_id not in by_service:
            by_service[app.service_id] = list(app.service.materials.all())
        rows += [
            ApplicationMaterial(
                application=app,
                code=m.code,
                name=m.name,
                necessity=m.necessity,
                evidence_type=m.evidence_type,
                commitment_allowed=m.commitment_allowed,
                sort_order=m.sort_order,
                mode="evidence" if m.evidence_type else "none",
            )
            for m in by_service[app.service_id]
        ]
    return rows


def write_plans(plans: list[Plan], *, supervisor, now: dt.datetime) -> dict[str, int]:
    """bulk_create the planned cases and everything recorded about them."""
    with keep_timestamps(
        Application,
        ApplicationEvent,
        SupplementRequest,
        Suspension,
        Evaluation,
        NegativeTicket,
        TicketEvent,
        EvidenceItem,
    ):
        Application.objects.bulk_create([p.app for p in plans], batch_size=1000)
        events = [event for p in plans for event in _events(p)]
        supplements = [_supplement(p, now) for p in plans if p.supplement]
        specials = [_special(p, now) for p in plans if p.special]
        evaluations = [_evaluation(p) for p in plans if p.rating]
        evidence = [item for p in plans for item in _evidence(p)]
        ApplicationEvent.objects.bulk_create(events, batch_size=2000)
        SupplementRequest.objects.bulk_create(supplements, batch_size=1000)
        Suspension.objects.bulk_create(specials, batch_size=1000)
        Evaluation.objects.bulk_create(evaluations, batch_size=1000)
        EvidenceItem.objects.bulk_create(evidence, batch_size=1000)
        ApplicationMaterial.objects.bulk_create(_window_materials(plans), batch_size=1000)
        tickets, ticket_events = _tickets(evaluations, supervisor=supervisor, now=now)
    return {
        "cases": len(plans),
        "events": len(events),
        "ratings": len(evaluations),
        "tickets": tickets,
        "ticket_events": ticket_events,
    }


def _events(p: Plan) -> list[ApplicationEvent]:
    return [
        ApplicationEvent(
            application=p.app,
            action=action,
            from_status=source,
            to_status=target,
            actor=actor,
            actor_role=role,
            office=office,
            reason=reason,
            created_at=at,
        )
        for action, source, target, actor, role, office, reason, at in p.steps
    ]


def _supplement(p: Plan, now: dt.datetime) -> SupplementRequest:
    asked, back, clerk, reason = p.supplement
    return SupplementRequest(
        application=p.app,
        items=[{"code": "m1", "name": "申请材料", "problem": reason}],
        note=reason,
        created_by=clerk,
        created_at=asked,
        fulfilled_at=back if back <= now else None,
    )


def _special(p: Plan, now: dt.datetime) -> Suspension:
    begun, ended, reviewer, code, note = p.special
    return Suspension(
        application=p.app,
        reason_code=code,
        note=note,
        started_at=begun,
        started_by=reviewer,
        ended_at=ended if ended <= now else None,
        result="核查完毕，符合要求。" if ended <= now else "",
    )


def _evaluation(p: Plan) -> Evaluation:
    rated, level, text = p.rating
    app = p.app
    return Evaluation(
        application=app,
        number=app.number,
        channel="pc",
        evaluator=app.applicant,
        evaluator_name=app.applicant_name,
        created_at=rated,
        level=level,
        text=text,
        region_code=app.region_code,
        service_id=app.service_id,
        department_id=app.department_id,
    )


def _evidence(p: Plan) -> list[EvidenceItem]:
    """The certified-data pulls of a case; one case in 23 (by pk) timed out."""
    app, items = p.app, []
    for code, etype, at in p.evidence:
        ok = (app.pk % 23) != 0
        items.append(
            EvidenceItem(
                reference=app.reference,
                evidence_type=etype,
                department_code=code,
                subject=app.applicant,
                holder_digest=uuid.uuid4().hex,
                service_code=app.service_code,
                purpose=app.service_name,
                status="verified" if ok else "failed",
                verified_at=at + dt.timedelta(milliseconds=80 + (app.pk * 37) % 900)
                if ok
                else None,
                failure_code="" if ok else "timeout",
                attempts=1 if ok else 3,
                submitted_at=at,
                created_at=at,
                updated_at=at,
            )
        )
    return items


def _tickets(evaluations: list, *, supervisor, now: dt.datetime) -> tuple[int, int]:
    """差评 → 台账; the older ones rectified and confirmed by 效能监督."""
    tickets, pending_events = [], []
    for ev in evaluations:
        if ev.level < 4:
            continue
        age = (now - ev.created_at).days
        status = "resolved" if age > 20 else ("rectified" if age > 8 else "open")
        ticket = NegativeTicket(
            evaluation=ev,
            department_id=ev.department_id,
            status=status,
            due_date=calendar.add_working_days(start=ev.created_at.date(), days=10),
            created_at=ev.created_at,
            rectification_kind="simple" if status != "open" else "",
            measures="已约谈经办人并优化流程。" if status != "open" else "",
            called_back_at=ev.created_at + dt.timedelta(days=1) if status != "open" else None,
        )
        tickets.append(ticket)
        if status == "resolved":
            pending_events.append((ticket, ev.created_at + dt.timedelta(days=min(age - 1, 15))))
    NegativeTicket.objects.bulk_create(tickets, batch_size=1000)
    TicketEvent.objects.bulk_create(
        [
            TicketEvent(
                ticket=ticket,
                action="confirm",
                from_status="rectified",
                to_status="resolved",
                actor=supervisor,
                office="效能监督",
                note="整改到位。",
                created_at=at,
            )
            for ticket, at in pending_events
        ],
        batch_size=1000,
    )
    return len(tickets), len(pending_events)

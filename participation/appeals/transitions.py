"""The closed loop's one transition table and the one service that moves an appeal through it.

受理 → 派单 → 办理 → 答复 → 督办 → 办结 → 回访 → 评价 (国办发〔2020〕53号). Every step is checked
here (source state, who may take it, the reason it needs), written to the appeal's own
timeline and to the work record in the same transaction, and its notice goes out on commit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from config.tasks import enqueue
from participation.appeals.constants import (
    DEPARTMENT_STATES,
    OPEN_STATES,
    PERM_HANDLE,
    PERM_HOTLINE,
    REASON_MAX,
    Side,
    State,
)
from participation.appeals.models import Appeal, AppealEvent
from participation.appeals.text import clean_text
from participation.hooks import AppealStep, run_appeal_step
from participation.records import record_step

S = State


@dataclass(frozen=True)
class Step:
    label: str
    sources: frozenset[str]
    target: str | None  # None: the state does not change
    sides: tuple[str, ...]
    reason: str = ""  # label of the required reason; "" when none is needed
    public: bool = True  # shown on the reporter's timeline
    notify: bool = False  # the reporter (and merged reporters) get a notice


def _step(label, sources, target, sides, **kw) -> Step:
    return Step(label=label, sources=frozenset(sources), target=target, sides=tuple(sides), **kw)


C, D, R, SYS = Side.CENTRE, Side.DEPARTMENT, Side.REPORTER, Side.SYSTEM
_RUNNING = [S.DISPATCHED, S.RETURN_REQUESTED, S.HANDLING, S.WAITING_REPORTER]

TRANSITIONS: dict[str, Step] = {
    "submit": _step(gettext_lazy("受理"), [""], S.ACCEPTED, [R, C], notify=True),
    "dispatch": _step(gettext_lazy("派单"), [S.ACCEPTED], S.DISPATCHED, [C, SYS], notify=True),
    "return": _step(
        gettext_lazy("退单"),
        [S.DISPATCHED],
        S.RETURN_REQUESTED,
        [D],
        reason=gettext_lazy("退单理由"),
    ),
    "return_reject": _step(
        gettext_lazy("退单异议驳回"),
        [S.RETURN_REQUESTED],
        S.DISPATCHED,
        [C],
        reason=gettext_lazy("审核意见"),
    ),
    "reassign": _step(
        gettext_lazy("改派"),
        [S.RETURN_REQUESTED],
        S.DISPATCHED,
        [C],
        reason=gettext_lazy("改派理由"),
        notify=True,
    ),
    "take": _step(gettext_lazy("签收办理"), [S.DISPATCHED], S.HANDLING, [D]),
    "ask_reporter": _step(
        gettext_lazy("请诉求人补充"),
        [S.HANDLING],
        S.WAITING_REPORTER,
        [D],
        reason=gettext_lazy("需补充的内容"),
        notify=True,
    ),
    "reporter_reply": _step(
        gettext_lazy("诉求人补充"),
        [S.WAITING_REPORTER],
        S.HANDLING,
        [R, C],
        reason=gettext_lazy("补充内容"),
    ),
    "answer": _step(gettext_lazy("答复"), [S.HANDLING], S.ANSWERED, [D], notify=True),
    "answer_direct": _step(gettext_lazy("直接答复"), [S.ACCEPTED], S.ANSWERED, [C], notify=True),
    "supervise": _step(
        gettext_lazy("督办"), _RUNNING, None, [C, SYS], reason=gettext_lazy("督办意见")
    ),
    "callback": _step(gettext_lazy("回访"), [S.ANSWERED], S.CALLED_BACK, [C]),
    "reopen": _step(
        gettext_lazy("重办"),
        [S.CALLED_BACK],
        S.HANDLING,
        [R, C],
        reason=gettext_lazy("不满意的原因"),
        notify=True,
    ),
    "close": _step(gettext_lazy("办结"), [S.CALLED_BACK], S.CLOSED, [C], notify=True),
    "evaluate": _step(gettext_lazy("评价"), [S.CLOSED], None, [R]),
    "merge": _step(
        gettext_lazy("并单"),
        [S.ACCEPTED, S.DISPATCHED, S.HANDLING],
        S.MERGED,
        [C],
        reason=gettext_lazy("并单说明"),
        notify=True,
    ),
    "merge_receive": _step(gettext_lazy("并入重复诉求"), OPEN_STATES, None, [C], public=True),
    "unmask": _step(
        gettext_lazy("查看诉求人联系方式"),
        DEPARTMENT_STATES,
        None,
        [D],
        reason=gettext_lazy("查看理由"),
        public=False,
    ),
    "publish_answer": _step(gettext_lazy("公开答复"), [S.CLOSED], None, [C], public=False),
}


class TransitionError(ValidationError):
    """A step that is not allowed now; the message says why, in Chinese."""


def actor_sides(*, actor, appeal: Appeal) -> set[str]:
    """The sides the actor may act for on this appeal (server-side, per object)."""
    sides: set[str] = set()
    if actor is None:
        return {SYS}
    if not getattr(actor, "is_authenticated", False):
        # An anonymous visitor may only raise a new appeal (the type rule is the intake's).
        return {R} if appeal.pk is None else sides
    if appeal.reporter_id and appeal.reporter_id == actor.pk:
        sides.add(R)
    if actor.has_perm(PERM_HOTLINE):
        sides.add(C)
    if (
        actor.has_perm(PERM_HANDLE)
        and appeal.department_id
        and actor.department_id == appeal.department_id
        and appeal.state in [*DEPARTMENT_STATES, S.RETURN_REQUESTED]
    ):
        sides.add(D)
    return sides


def _pick_side(step: Step, *, actor, appeal: Appeal, side: str | None) -> str:
    allowed = actor_sides(actor=actor, appeal=appeal) & set(step.sides)
    if side is not None:
        allowed &= {side}
    if not allowed:
        raise TransitionError(_("您无权对该诉求执行“%(step)s”。") % {"step": step.label})
    for candidate in step.sides:
        if candidate in allowed:
            return candidate
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class _Taken:
    """One step taken, as its timeline event and work record will show it."""

    action: str
    step: Step
    label: str  # translated once: each look-up walks Wagtail's fallback catalogues
    side: str
    staff: object | None  # the signed-in actor; None for the system or an anonymous reporter
    from_state: str
    to_state: str
    department: object | None  # the department acting (side 承办部门), else None
    reason: str
    note: str
    extra: dict | None


def _staff(actor):
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


def _take(
    step: Step, *, appeal: Appeal, action: str, actor, side, apply, reason, note, extra
) -> _Taken:
    """Check the source state and the side, apply the change (in memory)."""
    current = "" if action == "submit" else appeal.state
    if current not in step.sources:
        raise TransitionError(
            _("诉求当前状态为“%(state)s”，不能%(step)s。")
            % {"state": State(current).label if current else "—", "step": step.label}
        )
    chosen = _pick_side(step, actor=actor, appeal=appeal, side=side)
    if apply is not None:
        apply(appeal)
    if step.target is not None:
        appeal.state = step.target
    return _Taken(
        action=action,
        step=step,
        label=str(step.label),
        side=chosen,
        staff=_staff(actor),
        from_state=current,
        to_state=appeal.state,
        department=appeal.department if chosen == D else None,
        reason=reason,
        note=note,
        extra=extra,
    )


class HeldAppeal:
    """A new appeal whose first steps are taken before it is stored (受理, and the catalogue's
    派单, at intake).

    No other transaction can see an appeal that is not stored yet, so its steps need no lock
    and no re-read: ``appeal_transition(held=...)`` checks and applies each step in memory,
    then :meth:`store` writes, in the caller's transaction, the appeal once (one INSERT, not an
    INSERT then an UPDATE per step), the steps' timeline events in one INSERT, each step's
    work record, and runs the step hooks, in step order. The steps' notices are left in
    ``notices`` for the caller to send after commit (the intake sends them in one task).
    """

    def __init__(self, appeal: Appeal):
        if appeal.pk is not None:
            raise ValueError("only an appeal not stored yet can be held")
        self.appeal = appeal
        self.taken: list[_Taken] = []
        self.notices: list[str] = []

    def store(self, *, then: Callable[[Appeal], None] | None = None) -> Appeal:
        """``then(appeal)`` runs once the appeal and its events are stored, before the work
        records: the work record's lock is taken last, for the end of the transaction only."""
        appeal = self.appeal
        appeal.save()
        AppealEvent.objects.bulk_create([_event(appeal, t) for t in self.taken])
        if then is not None:
            then(appeal)
        for taken in self.taken:
            _work_record(appeal, taken)
        for taken in self.taken:
            _run_hooks(appeal, taken)
        return appeal


def appeal_transition(
    *,
    appeal: Appeal,
    action: str,
    actor,
    reason: str = "",
    side: str | None = None,
    apply: Callable[[Appeal], None] | None = None,
    note: str = "",
    extra: dict | None = None,
    held: HeldAppeal | None = None,
) -> Appeal:
    """Take one step of the loop: check, change, record on the timeline and the work record.

    With ``held`` (an appeal being created, see HeldAppeal) the step is checked and applied
    now and recorded when the held appeal is stored.
    """
    step = TRANSITIONS[action]
    reason = clean_text(
        reason,
        label=str(step.reason or _("说明")),
        max_length=REASON_MAX,
        required=bool(step.reason),
    )
    step_of = dict(action=action, actor=actor, side=side, apply=apply, reason=reason, note=note)
    if held is not None:
        if appeal is not held.appeal:
            raise ValueError("the held appeal is the one its steps are taken on")
        held.taken.append(_take(step, appeal=appeal, extra=extra, **step_of))
        if step.notify:
            held.notices.append(action)
        return appeal
    with transaction.atomic():
        locked = (
            appeal if action == "submit" else Appeal.objects.select_for_update().get(pk=appeal.pk)
        )
        taken = _take(step, appeal=locked, extra=extra, **step_of)
        locked.save()
        _event(locked, taken).save()
        _work_record(locked, taken)
        if step.notify:
            _notify_on_commit(locked, action)
        _run_hooks(locked, taken)
    if locked is not appeal:
        appeal.refresh_from_db()
    return locked


def _event(appeal: Appeal, taken: _Taken) -> AppealEvent:
    return AppealEvent(
        appeal=appeal,
        action=taken.action,
        label=taken.label,
        side=taken.side,
        actor=taken.staff,
        department=taken.department,
        from_state=taken.from_state,
        to_state=taken.to_state,
        note="\n".join(part for part in (taken.reason, taken.note) if part),
        public=taken.step.public,
    )


def _work_record(appeal: Appeal, taken: _Taken) -> None:
    record_step(
        actor=taken.staff,
        action=f"participation.appeal_{taken.action}",
        label=taken.label,
        target=appeal,
        target_label=f"{appeal.number} {appeal.subject}"[:200],
        department=taken.department,
        role=str(Side(taken.side).label) if taken.side in (R, SYS) else "",
        from_state=taken.from_state,
        to_state=taken.to_state,
        reason=taken.reason,
        extra=taken.extra,
    )


def _run_hooks(appeal: Appeal, taken: _Taken) -> None:
    run_appeal_step(
        step=AppealStep(
            number=appeal.number,
            channel=appeal.channel,
            action=taken.action,
            state=taken.to_state,
            answer=appeal.answer,
            answered_at=appeal.answered_at,
            actor=taken.staff,
        )
    )


def _notify_on_commit(appeal: Appeal, action: str) -> None:
    enqueue("participation.appeals.tasks.appeal_notify", appeal.pk, action)

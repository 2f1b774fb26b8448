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
    held: bool = False,
    notices: list[str] | None = None,
) -> Appeal:
    """Take one step of the loop: check, change, record on the timeline and the work record.

    ``held``: the caller created ``appeal`` inside its own transaction, still open (受理 and the
    catalogue's 派单 in appeal_submit). No other transaction can see the row yet, so it is
    neither locked nor re-read, and the step takes no savepoint: any error rolls the caller's
    whole transaction back. ``notices``: the step's notice is appended there for the caller
    to send after commit (the intake sends all of its notices in one task), instead of in a
    task of its own.
    """
    step = TRANSITIONS[action]
    reason = clean_text(
        reason,
        label=str(step.reason or _("说明")),
        max_length=REASON_MAX,
        required=bool(step.reason),
    )
    if held and not transaction.get_connection().in_atomic_block:
        raise AssertionError("a held appeal is taken inside its creator's transaction")
    with transaction.atomic(savepoint=not held):
        locked = (
            appeal
            if held or action == "submit"
            else Appeal.objects.select_for_update().get(pk=appeal.pk)
        )
        current = "" if action == "submit" else locked.state
        if current not in step.sources:
            raise TransitionError(
                _("诉求当前状态为“%(state)s”，不能%(step)s。")
                % {"state": State(current).label if current else "—", "step": step.label}
            )
        chosen = _pick_side(step, actor=actor, appeal=locked, side=side)
        if apply is not None:
            apply(locked)
        if step.target is not None:
            locked.state = step.target
        locked.save()
        _record(
            locked,
            action=action,
            step=step,
            side=chosen,
            actor=actor,
            from_state=current,
            reason=reason,
            note=note,
            extra=extra,
        )
        if step.notify:
            if notices is not None:
                notices.append(action)
            else:
                _notify_on_commit(locked, action)
        run_appeal_step(
            step=AppealStep(
                number=locked.number,
                channel=locked.channel,
                action=action,
                state=locked.state,
                answer=locked.answer,
                answered_at=locked.answered_at,
                actor=actor
                if actor is not None and getattr(actor, "is_authenticated", False)
                else None,
            )
        )
    if locked is not appeal:
        appeal.refresh_from_db()
    return locked


def _record(appeal: Appeal, *, action, step, side, actor, from_state, reason, note, extra) -> None:
    staff = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    department = appeal.department if side == D else None
    label = str(step.label)  # translated once: each look-up walks Wagtail's fallback catalogues
    AppealEvent.objects.create(
        appeal=appeal,
        action=action,
        label=label,
        side=side,
        actor=staff,
        department=department,
        from_state=from_state,
        to_state=appeal.state,
        note="\n".join(part for part in (reason, note) if part),
        public=step.public,
    )
    record_step(
        actor=staff,
        action=f"participation.appeal_{action}",
        label=label,
        target=appeal,
        target_label=f"{appeal.number} {appeal.subject}"[:200],
        department=department,
        role=str(Side(side).label) if side in (R, SYS) else "",
        from_state=from_state,
        to_state=appeal.state,
        reason=reason,
        extra=extra,
    )


def _notify_on_commit(appeal: Appeal, action: str) -> None:
    enqueue("participation.appeals.tasks.appeal_notify", appeal.pk, action)

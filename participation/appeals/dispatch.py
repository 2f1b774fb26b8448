"""派单: the dispatch catalogue, the operator's override, 退单 and the centre's 派单异议审核/改派."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Department
from participation import workdays
from participation.appeals.catalogue import department_for
from participation.appeals.models import Appeal
from participation.appeals.transitions import HeldAppeal, TransitionError, appeal_transition

__all__ = ["appeal_dispatch", "appeal_reassign", "appeal_return", "department_for"]


def _start_clock(appeal: Appeal, department: Department) -> None:
    now = timezone.now()
    appeal.department = department
    appeal.dispatched_at = now
    appeal.due_date = workdays.add_working_days(
        start=timezone.localdate(now), days=appeal.category.deadline_working_days
    )
    appeal.due_flag = ""
    appeal.paused_on = None


def appeal_dispatch(
    *,
    appeal: Appeal,
    actor,
    department: Department | None = None,
    reason: str = "",
    held: HeldAppeal | None = None,
) -> Appeal:
    """派单 by the catalogue, or by the operator choosing another department (reason required).

    ``held``: the intake's own 派单 of the appeal it is creating (see HeldAppeal)."""
    suggested = department_for(category=appeal.category, region_code=appeal.region_code)
    target = department or suggested
    if target is None:
        raise TransitionError(_("派单目录中没有匹配的承办部门，请手工选择部门。"))
    overridden = suggested is not None and target.pk != suggested.pk
    if (overridden or suggested is None) and actor is not None and not reason.strip():
        raise TransitionError(_("所选部门与派单目录不一致，请填写调整理由。"))
    return appeal_transition(
        appeal=appeal,
        action="dispatch",
        actor=actor,
        reason=reason,
        apply=lambda a: _start_clock(a, target),
        note=_("承办部门：%(d)s") % {"d": target.name},
        extra={
            "department": target.code,
            "catalogue": suggested.code if suggested else "",
            "override": overridden,
        },
        held=held,
    )


def return_window_hours() -> int:
    return settings.PARTICIPATION_RETURN_WINDOW_HOURS


def appeal_return(*, appeal: Appeal, actor, reason: str) -> Appeal:
    """退单: the department says it was wrongly dispatched, within the window, with a reason."""

    def check(locked: Appeal) -> None:
        elapsed = workdays.working_hours_between(start=locked.dispatched_at, end=timezone.now())
        if elapsed > return_window_hours():
            raise TransitionError(
                _(
                    "已超过退单时限：派单后 %(h)d 个工作小时内可以退单（已过 %(e).1f 个工作小时）。"
                    "如确属派错，请联系热线中心改派。"
                )
                % {"h": return_window_hours(), "e": elapsed}
            )
        locked.returns_count += 1

    return appeal_transition(
        appeal=appeal, action="return", actor=actor, reason=reason, apply=check
    )


def appeal_return_reject(*, appeal: Appeal, actor, reason: str) -> Appeal:
    """派单异议审核: the centre finds the dispatch right; the appeal goes back to the department."""
    return appeal_transition(appeal=appeal, action="return_reject", actor=actor, reason=reason)


def appeal_reassign(*, appeal: Appeal, actor, department: Department, reason: str) -> Appeal:
    """改派: the centre accepts the return and sends the appeal to another department."""

    def apply(locked: Appeal) -> None:
        if locked.department_id == department.pk:
            raise TransitionError(_("改派的部门不能与原承办部门相同。"))
        _start_clock(locked, department)

    return appeal_transition(
        appeal=appeal,
        action="reassign",
        actor=actor,
        reason=reason,
        apply=apply,
        note=_("改派至：%(d)s") % {"d": department.name},
        extra={"department": department.code},
    )

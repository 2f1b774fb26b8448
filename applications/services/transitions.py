"""The one transition engine. Every state change of a case or a 差评 ticket runs through it.

A state table (constants.TRANSITIONS for cases, constants.TICKET_TRANSITIONS for tickets) says
who may move an object from which states to which, and whether a reason is required. The engine
(StateMachine.run): locks the row, checks the actor and the source state against the table,
cleans the reason, applies the step's own changes, saves only what changed and records an event,
all in one transaction. It raises TransitionError (or PermissionDenied / ValidationError from a
machine's own checks) with the object unchanged.
"""

from __future__ import annotations

import copy
from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext as _

from accounts.models import User
from applications.constants import PAUSED_STATES, TRANSITIONS, Actor, ReviewStepStatus, Transition
from applications.deadlines import pause_clock, resume_clock
from applications.models import Application, ApplicationEvent
from applications.permissions import clerk_may_handle, reviewer_step, user_is_applicant_side
from applications.services._enqueue import enqueue_notification


class TransitionError(Exception):
    """An illegal or unauthorised transition; the message is for the user, state is unchanged."""


Apply = Callable[[Any, str], None]


def _field_values(obj: models.Model) -> dict[str, object]:
    values = {}
    for field in obj._meta.concrete_fields:
        value = getattr(obj, field.attname)
        # JSON values may be changed in place; everything else is immutable.
        values[field.attname] = copy.deepcopy(value) if isinstance(value, dict | list) else value
    return values


def _changed_fields(obj: models.Model, before: dict[str, object]) -> set[str]:
    return {
        field.name
        for field in obj._meta.concrete_fields
        if getattr(obj, field.attname) != before[field.attname]
    }


class StateMachine(ABC):
    """The engine; a subclass names its table and says how to lock, authorise and record."""

    table: dict[str, Transition]
    state_error: str = ""  # "%(status)s … %(action)s", for a step from the wrong state

    @abstractmethod
    def lock(self, pk: int) -> models.Model:
        """The row, locked for the transaction (select_for_update)."""

    @abstractmethod
    def authorise(
        self, *, transition: Transition, actor: User | None, obj: models.Model, action: str
    ) -> str:
        """The actor's role for this step; raises when the actor may not take it."""

    def clean_reason(self, *, transition: Transition, reason: str) -> str:
        reason = (reason or "").strip()
        if transition.needs_reason and not reason:
            raise TransitionError(_("“%(action)s”必须填写理由。") % {"action": transition.label})
        return reason

    def guard(self, *, obj: models.Model, transition: Transition, actor: User | None) -> None:
        """A machine's extra rule, checked before anything changes (none by default)."""
        return None

    def settle(self, *, obj: models.Model, source: str) -> None:
        """What follows from the new state itself, e.g. the case's clock (none by default)."""
        return None

    @abstractmethod
    def record(
        self,
        *,
        obj: models.Model,
        action: str,
        source: str,
        actor: User | None,
        role: str,
        reason: str,
    ) -> None:
        """Write the step's event row (who, when, from, to, why)."""

    def run(
        self,
        *,
        obj: models.Model,
        action: str,
        actor: User | None,
        reason: str = "",
        apply: Apply | None = None,
    ) -> models.Model:
        transition = self.table.get(action)
        if transition is None:
            raise TransitionError(_("未知的操作。"))
        with transaction.atomic():
            locked = self.lock(obj.pk)
            role = self.authorise(transition=transition, actor=actor, obj=locked, action=action)
            if locked.status not in transition.sources:
                raise TransitionError(
                    self.state_error
                    % {"status": locked.get_status_display(), "action": transition.label}
                )
            reason = self.clean_reason(transition=transition, reason=reason)
            self.guard(obj=locked, transition=transition, actor=actor)
            source = locked.status
            before = _field_values(locked)
            locked.status = transition.target
            if apply is not None:
                apply(locked, role)
            self.settle(obj=locked, source=source)
            # Write what the transition changed, not every column of the row.
            fields = _changed_fields(locked, before) | {"status"}
            if any(f.name == "updated_at" for f in locked._meta.concrete_fields):
                fields.add("updated_at")
            locked.save(update_fields=fields)
            self.record(
                obj=locked, action=action, source=source, actor=actor, role=role, reason=reason
            )
        obj.__dict__.update({k: v for k, v in locked.__dict__.items() if not k.startswith("_")})
        return locked


class ApplicationMachine(StateMachine):
    """The case: TRANSITIONS, with the clock paused in 补正 and 特别程序."""

    table = TRANSITIONS

    def __init__(self, *, notify: bool = True) -> None:
        self.notify = notify
        self.state_error = _("办件当前状态为“%(status)s”，不能执行“%(action)s”。")

    def lock(self, pk: int) -> Application:
        # Lock the case row only: a plain FOR UPDATE over the join would also lock the
        # service and department rows and serialise every submission of the same service.
        return (
            Application.objects.select_for_update(of=("self",))
            .select_related("department")
            .get(pk=pk)
        )

    def authorise(
        self, *, transition: Transition, actor: User | None, obj: Application, action: str
    ) -> str:
        return _check_actor(role=transition.actor, actor=actor, application=obj, action=action)

    def settle(self, *, obj: Application, source: str) -> None:
        if source in PAUSED_STATES and obj.status not in PAUSED_STATES:
            resume_clock(obj)
        if obj.status in PAUSED_STATES:
            pause_clock(obj)

    def record(
        self,
        *,
        obj: Application,
        action: str,
        source: str,
        actor: User | None,
        role: str,
        reason: str,
    ) -> None:
        if actor is not None and actor.department_id:
            office = actor.department.name
        elif role == Actor.APPLICANT:
            office = _("网上办事大厅")
        else:
            office = obj.department.name
        ApplicationEvent.objects.create(
            application=obj,
            action=action,
            from_status=source,
            to_status=obj.status,
            actor=actor,
            actor_role=role,
            office=office,
            reason=reason,
        )
        if self.notify:
            enqueue_notification(obj.pk, action)


def _check_actor(*, role: str, actor: User | None, application: Application, action: str) -> str:
    if role == Actor.SYSTEM:
        if actor is not None:
            raise TransitionError(_("该操作由系统自动完成，不能手工执行。"))
        return Actor.SYSTEM
    if actor is None or not actor.is_authenticated:
        raise TransitionError(_("请先登录。"))
    if role == Actor.APPLICANT:
        if user_is_applicant_side(user=actor, application=application):
            return Actor.APPLICANT
        if application.agent_staff_id == actor.pk and clerk_may_handle(
            user=actor, application=application
        ):
            return Actor.CLERK
        raise TransitionError(_("只有申请人本人（或其单位经办人）可以执行此操作。"))
    if role == Actor.CLERK:
        if clerk_may_handle(user=actor, application=application):
            return Actor.CLERK
        raise TransitionError(_("您没有受理此办件的权限（仅限窗口受理人员）。"))
    if role == Actor.REVIEWER:
        step = reviewer_step(user=actor, application=application)
        if step is None:
            raise TransitionError(_("您没有审查此办件的权限（仅限承办部门审批人员）。"))
        if action != "review_start" and step.status != ReviewStepStatus.ACTIVE:
            raise TransitionError(_("本部门的审查环节尚未开始或已经完成。"))
        return Actor.REVIEWER
    raise TransitionError(_("未知的操作人角色。"))


def application_transition(
    *,
    application: Application,
    action: str,
    actor: User | None,
    reason: str = "",
    apply: Apply | None = None,
    notify: bool = True,
) -> Application:
    """Run one transition of the case's table. Raises TransitionError (state unchanged) when
    illegal. notify=False when the caller sends the step's notice itself (with a document)."""
    return ApplicationMachine(notify=notify).run(
        obj=application, action=action, actor=actor, reason=reason, apply=apply
    )

"""A small explicit registry of what runs when an appeal takes a step of its loop.

Apps on participation's floor that hand an appeal over (policies: a business's question
becomes a 咨询 appeal) register from their AppConfig.ready() to follow it, e.g.:

    from participation.hooks import on_appeal_step

    class PoliciesConfig(AppConfig):
        def ready(self):
            from policies.questions import question_follow_appeal
            on_appeal_step(question_follow_appeal)

A callback is called as `fn(step=AppealStep(...))` inside the step's transaction, after the
appeal is saved and the step recorded, with plain values only (the appeal's number, its
channel, the action, the new state, the answer); if it raises, the step rolls back. It must be
cheap for appeals it does not own (test the channel first). No signals: this list is the one
place to look.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class AppealStep:
    number: str
    channel: str
    action: str
    state: str
    answer: str
    answered_at: dt.datetime | None
    actor: object | None  # the staff member who took the step, None for the system or a citizen


AppealStepCallback = Callable[..., None]

_CALLBACKS: list[AppealStepCallback] = []


def on_appeal_step(fn: AppealStepCallback) -> AppealStepCallback:
    """Register `fn(*, step)`; registering the same function twice keeps one."""
    if fn not in _CALLBACKS:
        _CALLBACKS.append(fn)
    return fn


def run_appeal_step(*, step: AppealStep) -> None:
    for fn in tuple(_CALLBACKS):
        fn(step=step)


def unregister(fn: AppealStepCallback) -> None:
    """For tests that register a callback temporarily."""
    if fn in _CALLBACKS:
        _CALLBACKS.remove(fn)

"""Where a case's time went: the stages (window, review, waiting for 补正, 特别程序, closing)
derived from its recorded transitions, and the reason last recorded on it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from supervision.constants import STATUS_STAGE, Stage


@dataclass(frozen=True)
class StageTime:
    stage: str
    label: str
    hours: float

    @property
    def days(self) -> float:
        return round(self.hours / 24, 1)


def stage_times(*, events: list, now: dt.datetime | None = None) -> list[StageTime]:
    """Hours spent in each stage, in stage order; the open interval runs until now."""
    now = now or timezone.now()
    totals: dict[str, float] = {}
    for index, event in enumerate(events):
        stage = STATUS_STAGE.get(event.to_status)
        if stage is None:
            continue
        ends = events[index + 1].created_at if index + 1 < len(events) else now
        totals[stage] = (
            totals.get(stage, 0.0) + max((ends - event.created_at).total_seconds(), 0) / 3600
        )
    return [
        StageTime(stage=value, label=str(label), hours=round(totals[value], 1))
        for value, label in Stage.choices
        if value in totals
    ]


def current_stage(*, status: str) -> str:
    stage = STATUS_STAGE.get(status)
    return str(Stage(stage).label) if stage else ""


def recorded_reason(*, events: list) -> str:
    """The most recent reason anyone recorded on the case (补正, 特别程序, a refusal …)."""
    for event in reversed(events):
        if event.reason:
            return event.reason
    return ""

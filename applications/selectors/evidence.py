"""Where a case stands with its 免提交 materials (数据待返回, or owed by the citizen)."""

from __future__ import annotations

from applications import evidence
from applications.constants import (
    MaterialCheck,
    MaterialMode,
    Status,
)
from applications.models import (
    Application,
)


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

"""The one place the hall writes the work record (工作记实) through worklog's recording interface."""

from __future__ import annotations

from typing import Any

from worklog.services import record_action


def record(*, actor: Any, action: str, label: str, ticket: Any = None, **kwargs: Any) -> None:
    """Record one clerk step against the ticket; called inside the service's transaction."""
    if ticket is not None:
        kwargs.setdefault("target", ticket)
        kwargs.setdefault("target_label", ticket.number)
    record_action(actor=actor, action=f"hall.{action}", label=label, **kwargs)

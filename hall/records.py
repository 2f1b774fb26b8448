"""The one place the hall writes the work record (工作记实) through worklog's recording interface."""

from __future__ import annotations

from typing import Any

try:  # worklog lands on main separately; until it is merged the hall records nothing.
    from worklog.services import record_action as _record_action
except ImportError:  # pragma: no cover - removed once worklog is on main
    _record_action = None


def record(*, actor: Any, action: str, label: str, ticket: Any = None, **kwargs: Any) -> None:
    """Record one clerk step against the ticket; call inside the service's transaction."""
    if _record_action is None:
        return
    if ticket is not None:
        kwargs.setdefault("target", ticket)
        kwargs.setdefault("target_type", "hall.ticket")
        kwargs.setdefault("target_id", str(ticket.pk))
        kwargs.setdefault("target_label", ticket.number)
    kwargs.setdefault("department", getattr(actor, "department", None))
    _record_action(actor=actor, action=f"hall.{action}", label=label, **kwargs)

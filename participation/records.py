"""The one place this app writes the work record (工作记实), through worklog's recording interface.

Called from this app's services inside their transaction (never from views), so a record commits
or rolls back with the step it describes.
"""

from __future__ import annotations

from worklog.services import record_action


def record_step(
    *,
    actor,
    action: str,
    label: str,
    target,
    target_label: str,
    department=None,
    role: str = "",
    from_state: str = "",
    to_state: str = "",
    reason: str = "",
    extra: dict | None = None,
):
    return record_action(
        actor=actor,
        action=action,
        label=label,
        target=target,
        target_label=target_label,
        department=department,
        role=role,
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        extra=extra,
    )

"""The one place this app writes the work record (工作记实) through worklog's recording interface.

Called from this app's transition services inside their transaction, never from views.
"""

from __future__ import annotations


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
    from worklog.services import record_action

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

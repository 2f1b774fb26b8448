from __future__ import annotations

from django import template

from supervision.labels import state_label

register = template.Library()


@register.filter
def state_of(state: str, action: str) -> str:
    """{{ r.from_state|state_of:r.action }}: the state's name, not its code."""
    return state_label(action=action or "", state=state or "")

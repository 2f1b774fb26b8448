"""State names for the work record: each app writes its own state codes (from_state/to_state),
and staff read them as words. The action's prefix says whose vocabulary a code belongs to."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from applications.constants import Status
from hall.constants import TicketStatus
from participation.appeals.constants import State as AppealState
from participation.consultations.models import CommentState

CALENDAR_STATES = {"confirmed": _("已确认"), "unconfirmed": _("待确认")}

VOCABULARIES = {
    "applications": dict(Status.choices),
    "hall": dict(TicketStatus.choices),
    "participation.comment": dict(CommentState.choices),
    "participation": dict(AppealState.choices),
    "workdays": CALENDAR_STATES,
}


def state_label(*, action: str, state: str) -> str:
    """The state's name in the vocabulary of the app that recorded the action; a code no
    vocabulary knows is shown as it is (never hidden)."""
    for prefix, names in VOCABULARIES.items():
        if action.startswith(prefix + ".") or action.startswith(prefix + "_"):
            if state in names:
                return str(names[state])
    return state

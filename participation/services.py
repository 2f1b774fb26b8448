"""The app's public writes for other apps (the business channel's policy questions)."""

from participation.appeals.intake import AppealInput, appeal_submit  # noqa: F401
from participation.appeals.policy_qa import appeal_from_policy_question  # noqa: F401

"""Queues show each appeal's type, state and satisfaction in words, in the page's language."""

from __future__ import annotations

import pytest
from django.utils import translation

from participation.appeals.constants import AppealType, Channel, Satisfaction, State
from participation.appeals.models import Appeal


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_choice_shows_its_label_as_djangos_method_would(language):
    with translation.override(language):
        for choices, field in (
            (AppealType, "appeal_type"),
            (State, "state"),
            (Channel, "channel"),
            (Satisfaction, "satisfaction"),
            (Satisfaction, "reporter_rating"),
        ):
            for value, label in choices.choices:
                appeal = Appeal(**{field: value})
                assert getattr(appeal, f"get_{field}_display")() == str(label)


def test_an_empty_or_retired_value_shows_as_stored():
    assert Appeal(satisfaction="").get_satisfaction_display() == ""
    assert Appeal(state="retired").get_state_display() == "retired"

import datetime as dt

import pytest

from hall.tests.factories import WORKDAY, at


class FixedClock:
    def __init__(self, when: dt.datetime):
        self.when = when

    def __call__(self) -> dt.datetime:
        return self.when

    def set(self, when: dt.datetime) -> None:
        self.when = when


@pytest.fixture
def clock(monkeypatch):
    """The hall's clock, fixed at 10:00 on a working Wednesday; ``clock.set(...)`` moves it."""
    fixed = FixedClock(at(WORKDAY, 10))
    monkeypatch.setattr("hall.clock.now", fixed)
    return fixed

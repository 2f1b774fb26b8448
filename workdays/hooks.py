"""A small explicit registry of what runs when a year's calendar is confirmed.

Higher apps register from their AppConfig.ready(), e.g. applications recomputing the open
deadlines that fall into the year and recording each change on the case:

    from workdays.hooks import on_year_confirmed

    class ApplicationsConfig(AppConfig):
        def ready(self):
            from applications.deadlines import deadlines_recompute_for_year
            on_year_confirmed(deadlines_recompute_for_year)

A callback is called as `fn(year=2027, actor=user_or_None)` inside the confirming transaction,
after the year is saved as confirmed and the calendar cache is cleared, so it computes with
the confirmed calendar; if it raises, the confirmation rolls back. Heavy work belongs in a
task the callback enqueues with `transaction.on_commit`. No signals: this list is the one
place to look.
"""

from __future__ import annotations

from collections.abc import Callable

YearConfirmed = Callable[..., None]

_CALLBACKS: list[YearConfirmed] = []


def on_year_confirmed(fn: YearConfirmed) -> YearConfirmed:
    """Register `fn(*, year, actor)`; registering the same function twice keeps one."""
    if fn not in _CALLBACKS:
        _CALLBACKS.append(fn)
    return fn


def year_confirmed_callbacks() -> tuple[YearConfirmed, ...]:
    return tuple(_CALLBACKS)


def run_year_confirmed(*, year: int, actor) -> None:
    for fn in year_confirmed_callbacks():
        fn(year=year, actor=actor)


def unregister(fn: YearConfirmed) -> None:
    """For tests that register a callback temporarily."""
    if fn in _CALLBACKS:
        _CALLBACKS.remove(fn)

"""Working days of the First-tier Tribunal (SEND) and counting them.

A *working day* for the SEND tribunal (domain brief §6, [S19]; HESC Rules
2008 r.1 and r.12) is a day that is none of:

* a Saturday or Sunday;
* a bank holiday in England and Wales (see :mod:`sendocs.dates.bank_holidays`);
* a day from 25 December to 1 January inclusive (the "Christmas period");
* any day in August.

HESC r.12(3) says that in special educational needs cases the days from
25 December to 1 January and every day in August "must not be counted" when a
period is expressed in days; :func:`add_tribunal_working_days` counts only
working days, so those days are skipped with the weekends and bank holidays.
This does not apply where the tribunal has fixed a calendar date in a direction.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta

from sendocs.dates.bank_holidays import bank_holiday_name

__all__ = [
    "add_tribunal_working_days",
    "in_christmas_period",
    "is_tribunal_working_day",
    "next_working_day",
    "non_working_reason",
]


def in_christmas_period(day: date) -> bool:
    """Return whether ``day`` falls between 25 December and 1 January inclusive."""
    return (day.month == 12 and day.day >= 25) or (day.month == 1 and day.day == 1)


def non_working_reason(day: date, extra_closures: Collection[date] = ()) -> str | None:
    """Say in plain words why ``day`` is not a tribunal working day, or ``None`` if it is.

    The reasons are checked in the order a reader expects: August and the
    Christmas period first (they explain why a deadline moves by weeks), then
    the weekend, then bank holidays.
    """
    if day.month == 8:
        return "it is in August, when the tribunal does not count days in SEN cases"
    if in_christmas_period(day):
        return (
            "it is in the Christmas period (25 December to 1 January), "
            "when the tribunal does not count days in SEN cases"
        )
    if day.weekday() >= 5:
        return "it is a Saturday" if day.weekday() == 5 else "it is a Sunday"
    name = bank_holiday_name(day)
    if name is not None:
        return f"it is a bank holiday ({name})"
    if day in extra_closures:
        return "it is a day the tribunal office is closed"
    return None


def is_tribunal_working_day(day: date, extra_closures: Collection[date] = ()) -> bool:
    """Return whether ``day`` is a SEND tribunal working day (see module docstring)."""
    return non_working_reason(day, extra_closures) is None


def next_working_day(day: date, extra_closures: Collection[date] = ()) -> date:
    """Return the first tribunal working day **on or after** ``day``.

    A date in August moves to the first working day of September; a date in
    the Christmas period moves to the first working day in January.
    """
    while not is_tribunal_working_day(day, extra_closures):
        day += timedelta(days=1)
    return day


def add_tribunal_working_days(
    start: date, count: int, extra_closures: Collection[date] = ()
) -> date:
    """Return the ``count``-th tribunal working day after ``start`` (before it if negative).

    ``start`` is not counted. Weekends, bank holidays, 25 December–1 January
    and August are skipped (HESC r.12(3)), so 30 working days from a date in
    late July run on into September. A negative count looks backwards, e.g.
    a bundle due "at least 10 working days before the hearing".
    """
    step = 1 if count >= 0 else -1
    remaining = abs(count)
    day = start
    while remaining:
        day += timedelta(days=step)
        if is_tribunal_working_day(day, extra_closures):
            remaining -= 1
    return day

"""Bank holidays in England and Wales, and ordinary business days.

Source: the ``holidays`` package (https://pypi.org/project/holidays/),
``holidays.country_holidays("GB", subdiv="ENG")``. England and Wales share one
list of bank holidays (Banking and Financial Dealings Act 1971, Schedule 1, and
the annual royal proclamations); the package encodes those rules, including
substitute ("observed") days and one-off holidays already proclaimed, such as
the 2022 State Funeral and the 2023 Coronation.

The package computes dates from rules shipped inside it: nothing is fetched
over the network, so this works offline. A one-off bank holiday proclaimed
after the installed version of ``holidays`` was released will be missing until
the package is upgraded; callers who know of one can pass it in
``extra_closures`` where a function accepts it.

A *business day* here is any day that is not a Saturday, Sunday or England and
Wales bank holiday (the meaning used by CPR 2.8 / 6.2 and in everyday practice).
It is used for deemed receipt of post and email, not for tribunal time limits,
which have their own working-day rule in :mod:`sendocs.dates.tribunal`.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta
from functools import lru_cache

import holidays

__all__ = [
    "add_business_days",
    "bank_holiday_name",
    "bank_holidays_in",
    "is_bank_holiday",
    "is_business_day",
    "next_business_day",
]


@lru_cache(maxsize=64)
def _holidays_for_year(year: int) -> dict[date, str]:
    table = holidays.country_holidays("GB", subdiv="ENG", years=year)
    return {day: str(name) for day, name in table.items()}


def bank_holidays_in(year: int) -> dict[date, str]:
    """Return the England and Wales bank holidays of ``year``, date → name."""
    return dict(_holidays_for_year(year))


def bank_holiday_name(day: date) -> str | None:
    """Return the name of the bank holiday on ``day`` ("Good Friday"), or ``None``."""
    return _holidays_for_year(day.year).get(day)


def is_bank_holiday(day: date) -> bool:
    """Return whether ``day`` is a bank holiday in England and Wales."""
    return day in _holidays_for_year(day.year)


def is_business_day(day: date, extra_closures: Collection[date] = ()) -> bool:
    """Return whether ``day`` is a weekday that is not a bank holiday (or extra closure)."""
    return day.weekday() < 5 and not is_bank_holiday(day) and day not in extra_closures


def next_business_day(day: date, extra_closures: Collection[date] = ()) -> date:
    """Return the first business day strictly after ``day``."""
    return add_business_days(day, 1, extra_closures)


def add_business_days(start: date, count: int, extra_closures: Collection[date] = ()) -> date:
    """Return the ``count``-th business day after ``start`` (before it if negative).

    ``start`` itself is never counted, so ``add_business_days(monday, 2)`` is
    Wednesday of an ordinary week and ``count=0`` returns ``start`` unchanged.
    """
    step = 1 if count >= 0 else -1
    remaining = abs(count)
    day = start
    while remaining:
        day += timedelta(days=step)
        if is_business_day(day, extra_closures):
            remaining -= 1
    return day

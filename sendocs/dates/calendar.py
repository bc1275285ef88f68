"""Calendar arithmetic used by every statutory time limit.

Periods in the SEND Regulations and the tribunal rules are written in weeks,
days or months. Weeks and days are plain day counts. Months follow the
*corresponding date rule* of English law (*Dodds v Walker* [1981] 1 WLR 1441,
HL): the period ends on the same day-number of the later month, and where that
month is too short, on its last day — so 31 January + 1 month is 28 February
(29 February in a leap year) and 31 December + 2 months is 28/29 February.

Dates are formatted for people, never as ISO strings: a parent reads
"Monday 14 December 2026". Formatting goes through babel so a locale can be
passed, defaulting to ``en_GB``.
"""

from __future__ import annotations

import calendar as _stdlib_calendar
from datetime import date, time, timedelta

from sendocs.formatting import DEFAULT_LOCALE, format_date

__all__ = [
    "DEFAULT_LOCALE",
    "add_months",
    "add_weeks",
    "format_clock_time",
    "format_long_date",
    "last_day_of_month",
    "monday_of",
]

#: The pattern for dates in explanations: weekday, day, month name, year (the
#: ``full`` style of :func:`sendocs.formatting.format_date`, the one date formatter).
LONG_DATE_PATTERN = "EEEE d MMMM y"


def last_day_of_month(year: int, month: int) -> int:
    """Return the number of the last day of ``month`` in ``year`` (28–31)."""
    return _stdlib_calendar.monthrange(year, month)[1]


def add_months(start: date, months: int) -> date:
    """Add whole calendar months by the corresponding date rule.

    The result has the same day-number as ``start``; if the target month has
    no such day, the result is that month's last day (31 Jan + 1 month =
    28 Feb, or 29 Feb in a leap year). ``months`` may be negative.
    """
    index = start.year * 12 + (start.month - 1) + months
    year, month_index = divmod(index, 12)
    month = month_index + 1
    day = min(start.day, last_day_of_month(year, month))
    return date(year, month, day)


def add_weeks(start: date, weeks: int) -> date:
    """Add whole weeks: "within N weeks of X" ends on X + 7N days.

    The Regulations state no roll-over to a working day for these periods
    (domain brief §6, UNVERIFIED), so none is applied here.
    """
    return start + timedelta(days=7 * weeks)


def monday_of(day: date) -> date:
    """Return the Monday of the (Monday-to-Sunday) week that contains ``day``."""
    return day - timedelta(days=day.weekday())


def format_long_date(day: date, locale: str = DEFAULT_LOCALE) -> str:
    """Format a date the way a letter writes it: "Monday 14 December 2026" (en_GB)."""
    return format_date(day, "full", locale)


def format_clock_time(moment: time) -> str:
    """Format a time of day the British way a letter would: "5pm", "9:30am", "12 noon"."""
    if moment.hour == 12 and moment.minute == 0:
        return "12 noon"
    if moment.hour == 0 and moment.minute == 0:
        return "midnight"
    suffix = "am" if moment.hour < 12 else "pm"
    hour = moment.hour % 12 or 12
    if moment.minute:
        return f"{hour}:{moment.minute:02d}{suffix}"
    return f"{hour}{suffix}"

"""The :class:`Deadline` record every deadline function returns.

A deadline is never a bare date: it carries the rule it came from (so a letter
can cite it), an explanation a parent can follow step by step, any warnings
about uncertain law or assumptions, and any exception the local authority has
claimed. Nothing here computes dates; see :mod:`sendocs.dates.deadlines`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sendocs.dates.calendar import DEFAULT_LOCALE, format_clock_time, format_long_date

__all__ = ["Deadline"]


@dataclass(frozen=True)
class Deadline:
    """One computed time limit and how it was worked out.

    ``date`` is the last day on which the thing may be done; ``time`` the
    latest time on that day where a rule fixes one (17:00 for appeals).
    ``rule`` is a short citation ("SEND Regulations 2014, reg 5(1)");
    ``explanation`` shows the arithmetic in full sentences; ``warnings`` list
    what the reader must check; ``exception`` records an exception the local
    authority has stated (the date is never moved silently because of it).
    """

    date: dt.date
    rule: str
    explanation: str
    time: dt.time | None = None
    warnings: list[str] = field(default_factory=list)
    exception: str | None = None
    title: str = ""

    def when(self, locale: str = DEFAULT_LOCALE) -> str:
        """The deadline as a letter would write it: "5pm on Friday 2 January 2026"."""
        day = format_long_date(self.date, locale)
        if self.time is None:
            return day
        return f"{format_clock_time(self.time)} on {day}"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping: ISO date, "HH:MM" time, rule, explanation, warnings."""
        return {
            "title": self.title,
            "deadline": self.date.isoformat(),
            "time": self.time.strftime("%H:%M") if self.time is not None else None,
            "rule": self.rule,
            "explanation": self.explanation,
            "warnings": list(self.warnings),
            "exception": self.exception,
        }

    def __str__(self) -> str:
        return f"{self.when()} ({self.rule})"

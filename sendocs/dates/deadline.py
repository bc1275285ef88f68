"""The :class:`Deadline` record every deadline function returns.

A deadline is never a bare date: it carries the rule it came from (so a letter
can cite it), an explanation a parent can follow step by step, warnings about
what the reader must check, the assumptions behind it where the law is not
settled, what to do once it has passed, and any exception the local authority
has claimed. Nothing here computes dates; see :mod:`sendocs.dates.deadlines`.

Warnings and assumptions are the tool talking to its user (the CLI prints them
on stderr); they are never sentences for a document sent to a local authority
or the tribunal.
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
    what the reader must check; ``assumptions`` say where the law is not
    settled and which reading was applied; ``if_passed`` says in plain words
    what can still be done once the date has gone; ``exception`` records an
    exception the local authority has stated (the date is never moved
    silently because of it).
    """

    date: dt.date
    rule: str
    explanation: str
    time: dt.time | None = None
    warnings: list[str] = field(default_factory=list)
    exception: str | None = None
    title: str = ""
    assumptions: list[str] = field(default_factory=list)
    if_passed: str = ""

    def has_passed(self, on: dt.date) -> bool:
        """Whether the last day is before ``on`` (on the day itself there is still time)."""
        return on > self.date

    def status(self, on: dt.date, locale: str = DEFAULT_LOCALE) -> str:
        """One sentence saying, as of ``on``, whether the deadline has passed or how long is left.

        >>> Deadline(dt.date(2026, 10, 28), "r", "e").status(dt.date(2026, 11, 30))[:50]
        'This deadline has passed: it was Wednesday 28 Octo'
        """
        today = format_long_date(on, locale)
        days = (self.date - on).days
        if days < 0:
            return (
                f"This deadline has passed: it was {self.when(locale)}, "
                f"{-days} day{'s' if days != -1 else ''} before {today}."
            )
        if days == 0:
            return f"This deadline is today, {today}: {self.when(locale)}."
        plural = "s" if days != 1 else ""
        return f"{days} day{plural} left on {today}: the deadline is {self.when(locale)}."

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
            "assumptions": list(self.assumptions),
            "exception": self.exception,
            "if_passed": self.if_passed,
        }

    def __str__(self) -> str:
        return f"{self.when()} ({self.rule})"

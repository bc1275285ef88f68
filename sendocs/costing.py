"""Costing provision the way schools spend: over the weeks it runs, per pupil and per group.

Each provision is costed over the term-time weeks it actually runs (domain
brief §2): its ``weeks`` if given; else its start and end dates counted in
term-time weeks from the school's term calendar (a Monday-to-Sunday week
counts when it has at least one school day between the dates); a start
with no end runs to the end of that school year; no dates at all means it
runs all year (``weeks_per_year``, 38 by default).

Two figures per line, and the documents say which is which:

* **the pupil's share**: the cost of running one group (staff hourly cost ×
  hours × adults) ÷ pupils in the group, plus this pupil's resources;
* **the school's spend** (whole-school map): groups actually run × the cost of
  a group, plus every pupil's resources.

Money is rounded half up to the penny on each printed line, and every total
is the sum of the printed lines, so a reader adding the column gets the total.

A mainstream school is expected to meet the first £6,000 a year of a pupil's
additional support from its notional SEN budget (Code of Practice
6.95-6.99): a threshold per pupil, not a per-pupil allocation and not a test
for an EHC needs assessment.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from decimal import Decimal

from sendocs.dates.terms import TermCalendar, default_term_calendar
from sendocs.formatting import DEFAULT_LOCALE, format_money
from sendocs.models import AreaOfNeed, Provision, ReviewCycle
from sendocs.models.rounding import round_hours, round_money

__all__ = [
    "NOTIONAL_SEN_BUDGET",
    "ROUNDING_NOTE",
    "AreaCosts",
    "CostedProvision",
    "PupilCosting",
    "RunningWeeks",
    "budget_sentence",
    "cost_cycle",
    "cost_provision",
    "groups_needed",
    "money",
    "running_weeks",
]

NOTIONAL_SEN_BUDGET = Decimal(6000)

ROUNDING_NOTE = (
    "Each cost is rounded to the nearest penny (halves rounded up) on its own line; "
    "totals are the sums of the lines as printed."
)


def money(value: Decimal) -> Decimal:
    """Round half up to the penny (£1.005 → £1.01), as a finance office would
    (:func:`sendocs.models.rounding.round_money`, the one rounding rule)."""
    return round_money(value)


@dataclass(frozen=True)
class RunningWeeks:
    """How many weeks a provision runs, and how that number was found."""

    weeks: int
    basis: str
    """"12 weeks (as planned)", "14 term-time weeks, 7 September to 18 December 2026"…"""
    all_year: bool = False


def _term_weeks(start: dt.date, end: dt.date, calendar: TermCalendar) -> int | None:
    """Monday-to-Sunday weeks between the dates holding at least one school day;
    ``None`` when the calendar does not cover the dates."""
    if not any(t.start <= end and start <= t.end for t in calendar.terms):
        return None
    weeks = 0
    monday = start - dt.timedelta(days=start.weekday())
    while monday <= end:
        days = (monday + dt.timedelta(days=i) for i in range(5))
        if any(start <= d <= end and calendar.is_school_day(d) for d in days):
            weeks += 1
        monday += dt.timedelta(days=7)
    return weeks


def _school_year_end(day: dt.date, calendar: TermCalendar) -> dt.date | None:
    """The last day of the last term before the next 1 September."""
    limit = dt.date(day.year + (1 if day.month >= 9 else 0), 8, 31)
    ends = [t.end for t in calendar.terms if day <= t.end <= limit]
    return max(ends) if ends else None


def running_weeks(
    p: Provision, calendar: TermCalendar | None = None, weeks_per_year: int = 38
) -> RunningWeeks:
    """The weeks ``p`` runs for, from its ``weeks``, its dates and the term calendar."""
    from sendocs.formatting import format_date, plural

    calendar = calendar or default_term_calendar()
    if p.weeks:
        return RunningWeeks(p.weeks, f"{plural(p.weeks, 'week')} as planned")
    if p.start and p.end:
        counted = _term_weeks(p.start, p.end, calendar)
        span = f"{format_date(p.start, 'long')} to {format_date(p.end, 'long')}"
        if counted is not None:
            weeks = min(max(counted, 1), weeks_per_year)
            return RunningWeeks(weeks, f"{plural(weeks, 'term-time week')}, {span}")
        weeks = min(max(1, math.ceil(((p.end - p.start).days + 1) / 7)), weeks_per_year)
        return RunningWeeks(weeks, f"{plural(weeks, 'week')}, {span} (no term dates held)")
    if p.start:
        year_end = _school_year_end(p.start, calendar)
        counted = _term_weeks(p.start, year_end, calendar) if year_end else None
        if counted is not None and year_end is not None:
            weeks = min(max(counted, 1), weeks_per_year)
            return RunningWeeks(
                weeks,
                f"{plural(weeks, 'term-time week')}, {format_date(p.start, 'long')} to the end "
                f"of the school year ({format_date(year_end, 'long')})",
            )
    return RunningWeeks(
        weeks_per_year, f"all year ({plural(weeks_per_year, 'week')})", all_year=True
    )


@dataclass(frozen=True)
class CostedProvision:
    """One provision with the figures a provision map prints."""

    provision: Provision
    weeks: RunningWeeks
    weekly_minutes: Decimal
    hours: Decimal
    """Contact hours over the weeks it runs (one session's length × sessions × weeks)."""
    group_cost: Decimal
    """Staff cost of running one group (or the one-to-one sessions) over those weeks."""
    pupil_share: Decimal
    """Group cost ÷ pupils in the group, plus this pupil's resources, to the penny."""

    @property
    def hours_per_year(self) -> Decimal:
        return round_hours(self.hours)

    @property
    def annual_cost(self) -> Decimal:
        """The pupil's share (kept under its old name for templates)."""
        return self.pupil_share

    @property
    def is_group(self) -> bool:
        return self.provision.group_size > 1


def cost_provision(
    p: Provision, calendar: TermCalendar | None = None, weeks_per_year: int = 38
) -> CostedProvision:
    """Cost one provision over the weeks it runs."""
    weeks = running_weeks(p, calendar, weeks_per_year)
    hours = p.weekly_minutes * weeks.weeks / 60
    group_cost = money(p.hourly_cost * hours * p.staff_per_group)
    share = money(p.hourly_cost * hours * p.staff_per_group / p.group_size) + money(
        p.other_costs
    )
    return CostedProvision(
        provision=p,
        weeks=weeks,
        weekly_minutes=p.weekly_minutes,
        hours=hours,
        group_cost=group_cost,
        pupil_share=share,
    )


def groups_needed(pupils: int, group_size: int) -> int:
    """Groups a school runs for ``pupils`` in groups of ``group_size`` (6 in fours: 2)."""
    return max(1, math.ceil(pupils / max(group_size, 1))) if pupils else 0


@dataclass
class AreaCosts:
    """The provision in one broad area of need, with its subtotal."""

    area: AreaOfNeed
    items: list[CostedProvision] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((i.pupil_share for i in self.items), Decimal(0))

    @property
    def weekly_minutes(self) -> Decimal:
        return sum((i.weekly_minutes for i in self.items), Decimal(0))


@dataclass
class PupilCosting:
    """A pupil's costed provision, grouped by area, against the £6,000 threshold."""

    areas: list[AreaCosts]
    budget: Decimal
    weeks_per_year: int

    @property
    def items(self) -> list[CostedProvision]:
        return [i for a in self.areas for i in a.items]

    @property
    def total(self) -> Decimal:
        return sum((a.total for a in self.areas), Decimal(0))

    @property
    def weekly_minutes(self) -> Decimal:
        return sum((a.weekly_minutes for a in self.areas), Decimal(0))

    @property
    def difference(self) -> Decimal:
        """Positive when over the threshold, negative when under."""
        return self.total - self.budget

    @property
    def over_budget(self) -> bool:
        return self.total > self.budget


def cost_cycle(
    cycle: ReviewCycle,
    weeks_per_year: int = 38,
    budget: Decimal = NOTIONAL_SEN_BUDGET,
    calendar: TermCalendar | None = None,
) -> PupilCosting:
    """Cost a plan's provision, grouped by the four broad areas in the Code's order."""
    calendar = calendar or default_term_calendar()
    areas = []
    for area in AreaOfNeed:
        items = [
            cost_provision(p, calendar, weeks_per_year) for p in cycle.provision if p.area is area
        ]
        if items:
            areas.append(AreaCosts(area=area, items=items))
    return PupilCosting(areas=areas, budget=budget, weeks_per_year=weeks_per_year)


def budget_sentence(costing: PupilCosting, locale: str = DEFAULT_LOCALE) -> str:
    """The total against the £6,000 threshold, worded as domain brief §2 requires."""
    total = format_money(costing.total, locale)
    budget = format_money(costing.budget, locale).removesuffix(".00")
    gap = format_money(abs(costing.difference), locale)
    threshold = (
        f"A mainstream school is expected to meet the first {budget} a year of a pupil's "
        "additional support from its notional SEN budget (element 2). This is a threshold "
        "for each pupil, not an amount set aside for each pupil, and it is not a condition "
        "for asking for an EHC needs assessment."
    )
    if costing.over_budget:
        return (
            f"The provision in this map costs {total} for this plan, {gap} above that "
            f"threshold. {threshold} Above it, the school may ask the local authority for "
            "high-needs top-up funding (element 3)."
        )
    return f"The provision in this map costs {total} for this plan. {threshold}"

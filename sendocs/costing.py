"""Costing provision the way schools spend: over the weeks it runs, per pupil and per group.

Each provision is costed over the term-time weeks it actually runs (domain
brief §2): its ``weeks`` if given; else its start and end dates counted in
term-time weeks from the school's term calendar: school days between the
dates ÷ 5, so 190 school days are 38 weeks and a week with two school days
in it counts as 0.4 of a week (no whole-week rounding, no cap); a start
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
from sendocs.models import (
    AreaOfNeed,
    Child,
    Provision,
    ProvisionSetting,
    ReviewCycle,
)
from sendocs.models.rounding import round_hours, round_money

__all__ = [
    "NOTIONAL_SEN_BUDGET",
    "ROUNDING_NOTE",
    "AreaCosts",
    "CostPeriod",
    "CostedProvision",
    "PupilCosting",
    "RunningWeeks",
    "budget_sentence",
    "cost_cycle",
    "cost_provision",
    "end_after_weeks",
    "groups_needed",
    "leaving_date",
    "money",
    "plan_period",
    "running_weeks",
    "school_year_period",
    "top_up_sentence",
    "weeks_text",
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
class CostPeriod:
    """The dates a costing covers, and its name: a plan, or a school year.

    A pupil's map costs the plan's own period (its start to its review); the
    whole-school map and the £6,000 comparison cost a school year.
    """

    start: dt.date
    end: dt.date
    name: str
    """"this plan", "the school year 2026/27"."""
    beyond: str = "after this period"
    """Where provision that runs on goes: "after the review", "into the next school year"."""

    def label(self, locale: str = DEFAULT_LOCALE) -> str:
        """ "the school year 2026/27, 7 September 2026 to 20 July 2027"."""
        from sendocs.formatting import format_date

        return (
            f"{self.name}, {format_date(self.start, 'long', locale)} to "
            f"{format_date(self.end, 'long', locale)}"
        )


def plan_period(cycle: ReviewCycle) -> CostPeriod:
    """A plan runs from its start to its review (Code 6.48: the plan is reviewed then)."""
    return CostPeriod(cycle.start, cycle.review_date, "this plan", "after the review")


def school_year_period(day: dt.date, calendar: TermCalendar | None = None) -> CostPeriod:
    """The school year holding ``day``: first to last day of term in the calendar,
    else 1 September to 31 July when the calendar does not cover it."""
    calendar = calendar or default_term_calendar()
    first = dt.date(day.year - (0 if day.month >= 9 else 1), 9, 1)
    last = dt.date(first.year + 1, 8, 31)
    terms = [t for t in calendar.terms if first <= t.start and t.end <= last]
    name = f"the school year {first.year}/{(first.year + 1) % 100:02d}"
    beyond = "into the next school year"
    if not terms:
        return CostPeriod(first, dt.date(first.year + 1, 7, 31), name, beyond)
    return CostPeriod(min(t.start for t in terms), max(t.end for t in terms), name, beyond)


@dataclass(frozen=True)
class RunningWeeks:
    """How many weeks a provision runs, and how that number was found."""

    weeks: Decimal
    """School days ÷ 5 (a multiple of 0.2), or whole weeks when no dates are known."""
    basis: str
    """"12 term-time weeks, 14 September 2026 to 4 December 2026"…"""
    all_year: bool = False
    start: dt.date | None = None
    """The first day costed (``None`` when no date is known)."""
    end: dt.date | None = None
    """The last day costed."""
    to_leaving_date: bool = False
    """The costing stops at the pupil's leaving date, before the provision would."""
    count: str = ""
    """ "13 term-time weeks" (the number and its unit, without the dates)."""
    notes: tuple[str, ...] = ()
    """ "in place since …", "runs on to …", "costed to the leaving date"."""


def _term_weeks(start: dt.date, end: dt.date, calendar: TermCalendar) -> Decimal | None:
    """Term-time weeks between the dates: school days ÷ 5 (190 days are 38 weeks; a
    week cut by the dates or a bank holiday counts in part); ``None`` when the
    calendar does not cover the dates."""
    if not any(t.start <= end and start <= t.end for t in calendar.terms):
        return None
    days = 0
    day = start
    while day <= end:
        if calendar.is_school_day(day):
            days += 1
        day += dt.timedelta(days=1)
    return Decimal(days) / 5


def weeks_text(weeks: Decimal | int, unit: str = "week") -> str:
    """ "38 weeks", "11.2 term-time weeks": one decimal place only when there is a part week."""
    value = Decimal(weeks)
    shown = (
        value.quantize(Decimal(1))
        if value == value.to_integral_value()
        else round_hours(value)  # a tenth of a week, half up like every figure
    )
    word = unit if shown == 1 else unit + "s"
    return f"{shown} {word}"


def end_after_weeks(start: dt.date, weeks: int, calendar: TermCalendar) -> dt.date:
    """The last school day of the ``weeks``-th term-time week from ``start``: the end a
    plan prints for support given as weeks from a start (the same end the costing uses)."""
    return _end_after_weeks(start, weeks, calendar)


def _end_after_weeks(start: dt.date, weeks: int, calendar: TermCalendar) -> dt.date:
    """The last school day of the ``weeks``-th term-time week from ``start`` (a week
    counts when it holds a school day on or after ``start``); without term dates
    for that time, the Friday ``weeks`` calendar weeks on."""
    monday = start - dt.timedelta(days=start.weekday())
    if not any(t.end >= start for t in calendar.terms):
        return monday + dt.timedelta(days=7 * (weeks - 1) + 4)
    counted = 0
    last_term_end = max(t.end for t in calendar.terms)
    while monday <= last_term_end:
        days = [
            d
            for d in (monday + dt.timedelta(days=i) for i in range(5))
            if d >= start and calendar.is_school_day(d)
        ]
        if days:
            counted += 1
            if counted == weeks:
                return days[-1]
        monday += dt.timedelta(days=7)
    # past the calendar's last term: carry on in calendar weeks
    return monday + dt.timedelta(days=7 * (weeks - counted - 1) + 4)


def _school_year_end(day: dt.date, calendar: TermCalendar) -> dt.date | None:
    """The last day of the last term before the next 1 September."""
    limit = dt.date(day.year + (1 if day.month >= 9 else 0), 8, 31)
    ends = [t.end for t in calendar.terms if day <= t.end <= limit]
    return max(ends) if ends else None


def running_weeks(
    p: Provision,
    calendar: TermCalendar | None = None,
    weeks_per_year: int = 38,
    *,
    period: CostPeriod | None = None,
    leaving: dt.date | None = None,
    locale: str = DEFAULT_LOCALE,
    plan_start: dt.date | None = None,
) -> RunningWeeks:
    """The weeks ``p`` runs for, from its ``weeks``, its dates and the term calendar.

    A provision with no start date starts with its plan (``plan_start``), not
    with the school year: a plan from 14 September costs nothing from 3 September.
    With a ``period`` (a plan, a school year) only the weeks inside it are
    counted: a provision with no start date (and no plan start) starts with the period, one with
    no end runs to the period's end, and ``weeks`` without an end date end
    after that many term-time weeks from the start. With a ``leaving`` date
    nothing after it is costed. Without a period: a start with no end runs to
    the end of that school year; no dates at all means all year
    (``weeks_per_year``).
    """
    from sendocs.formatting import format_date, plural

    calendar = calendar or default_term_calendar()

    def span(first: dt.date, last: dt.date) -> str:
        return f"{format_date(first, 'long', locale)} to {format_date(last, 'long', locale)}"

    if p.not_started:
        # asked for but not started (a service that has set no sessions): no weeks run
        # until it has a start date, so it adds no time and no cost
        return RunningWeeks(
            Decimal(0),
            "none yet (planned, no start date)",
            count="0 weeks",
            notes=("not started yet",),
        )
    start = p.start or ((plan_start or period.start) if period else None)
    year_end: dt.date | None = None  # an open end taken as the end of the school year
    end = p.end
    if p.weeks and start is not None:
        planned_end = _end_after_weeks(start, p.weeks, calendar)
        end = min(end, planned_end) if end else planned_end
    if period is None:
        if start is None and end is None:
            if p.weeks:
                return RunningWeeks(
                    Decimal(p.weeks), f"{plural(p.weeks, 'week')} as planned (no dates)"
                )
            return RunningWeeks(
                Decimal(weeks_per_year),
                f"all year ({plural(weeks_per_year, 'week')})",
                all_year=True,
            )
        if start is None:
            assert end is not None
            start = school_year_period(end, calendar).start
        if end is None:
            year_end = end = _school_year_end(start, calendar)
            if end is None:
                return RunningWeeks(
                    Decimal(weeks_per_year),
                    f"all year ({plural(weeks_per_year, 'week')}) from "
                    f"{format_date(start, 'long', locale)}",
                    all_year=True,
                    start=start,
                )
        first, last = start, end
        notes: list[str] = []
    else:
        first = max(start or period.start, period.start)
        last = min(end or period.end, period.end)
        notes = []
        if p.start and p.start < period.start:
            notes.append(f"in place since {format_date(p.start, 'long', locale)}")
        if end is None or end > period.end:
            notes.append(
                f"continues {period.beyond}, to {format_date(end, 'long', locale)}"
                if end
                else f"continues {period.beyond}"
            )
    to_leaving = leaving is not None and last > leaving
    if to_leaving:
        assert leaving is not None
        last = leaving
        notes.append("costed to the leaving date")
    if first > last:
        when = (
            f"starts {format_date(first, 'long', locale)}"
            if period and first > period.end
            else "not running in this period"
        )
        return RunningWeeks(
            Decimal(0),
            f"none in {period.name if period else 'this period'} ({when})",
            to_leaving_date=to_leaving,
            count="0 weeks",
            notes=(when,),
        )
    counted = _term_weeks(first, last, calendar)
    held = counted is not None
    if counted is None:
        counted = Decimal(math.ceil(((last - first).days + 1) / 7))
    # No cap at weeks_per_year: dated provision runs the school days it runs. Planned
    # weeks (p.weeks) are a ceiling, as planned.
    weeks = min(counted, Decimal(p.weeks)) if p.weeks else counted
    count = weeks_text(weeks, "term-time week" if held else "week")
    basis = f"{count}, {span(first, last)}"
    if year_end is not None and last == year_end:
        basis = (
            f"{count}, {format_date(first, 'long', locale)} to the end of the school year "
            f"({format_date(last, 'long', locale)})"
        )
    if not held:
        notes.append("no term dates held")
    if notes:
        basis += f" ({'; '.join(notes)})"
    return RunningWeeks(
        weeks,
        basis,
        start=first,
        end=last,
        to_leaving_date=to_leaving,
        count=count,
        notes=tuple(notes),
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

    @property
    def is_class_teaching(self) -> bool:
        """Part of ordinary class teaching: listed apart, not costed, no extra time."""
        return self.provision.is_class_teaching

    @property
    def adds_time(self) -> bool:
        """Whether this line adds to the pupil's additional time a week: it runs in the
        period, and an adult's time is given to it. Ordinary class teaching, and a
        resource used in lessons with no staff cost, happen in lessons the pupil has
        anyway: no extra time."""
        p = self.provision
        if not self.weeks.weeks or self.is_class_teaching:
            return False
        return not (p.setting is ProvisionSetting.IN_CLASS and not p.hourly_cost)

    @property
    def resources(self) -> Decimal:
        """This pupil's resources over the period (none when it does not run in it)."""
        if not self.weeks.weeks or self.is_class_teaching:
            return Decimal(0)
        return money(self.provision.other_costs)

    @property
    def staff_share(self) -> Decimal:
        """The pupil's share of the staff cost: the group's cost ÷ pupils, to the penny
        (the pupil's share less resources)."""
        return self.pupil_share - self.resources


def cost_provision(
    p: Provision,
    calendar: TermCalendar | None = None,
    weeks_per_year: int = 38,
    *,
    period: CostPeriod | None = None,
    leaving: dt.date | None = None,
    locale: str = DEFAULT_LOCALE,
    plan_start: dt.date | None = None,
) -> CostedProvision:
    """Cost one provision over the weeks it runs (inside ``period``, up to ``leaving``:
    :func:`running_weeks`). A provision with no weeks in the period costs nothing,
    resources included; nor does ordinary class teaching
    (:attr:`~sendocs.models.Provision.is_class_teaching`), which is no extra cost."""
    weeks = running_weeks(
        p,
        calendar,
        weeks_per_year,
        period=period,
        leaving=leaving,
        locale=locale,
        plan_start=plan_start,
    )
    hours = p.weekly_minutes * weeks.weeks / 60
    if p.is_class_teaching:
        return CostedProvision(
            provision=p,
            weeks=weeks,
            weekly_minutes=p.weekly_minutes,
            hours=hours,
            group_cost=Decimal(0),
            pupil_share=Decimal(0),
        )
    group_cost = money(p.hourly_cost * hours * p.staff_per_group)
    resources = money(p.other_costs) if weeks.weeks else Decimal(0)
    share = money(p.hourly_cost * hours * p.staff_per_group / p.group_size) + resources
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
        """Additional time a week in the period costed (:attr:`CostedProvision.adds_time`):
        a line that does not run in it (one that starts after the review) adds no time,
        as it adds no cost, and ordinary class teaching is no extra time."""
        return sum((i.weekly_minutes for i in self.items if i.adds_time), Decimal(0))

    @property
    def costed_items(self) -> list[CostedProvision]:
        """The additional provision, without ordinary class teaching."""
        return [i for i in self.items if not i.is_class_teaching]


@dataclass
class PupilCosting:
    """A pupil's costed provision, grouped by area, against the £6,000 threshold.

    ``period`` is what was costed (``None``: each provision over its own weeks,
    the older rule); ``school_year`` is the same provision costed over the
    school year, the figure set against the £6,000 a year threshold.
    """

    areas: list[AreaCosts]
    budget: Decimal
    weeks_per_year: int
    period: CostPeriod | None = None
    school_year: PupilCosting | None = None

    @property
    def items(self) -> list[CostedProvision]:
        return [i for a in self.areas for i in a.items]

    @property
    def class_teaching(self) -> list[CostedProvision]:
        """Lines that are part of ordinary class teaching: listed apart, never costed."""
        return [i for i in self.items if i.is_class_teaching]

    @property
    def total(self) -> Decimal:
        return sum((a.total for a in self.areas), Decimal(0))

    @property
    def weekly_minutes(self) -> Decimal:
        return sum((a.weekly_minutes for a in self.areas), Decimal(0))

    @property
    def yearly(self) -> PupilCosting:
        """The costing set against the threshold: the school year's when there is one."""
        return self.school_year or self

    @property
    def planned_span(self) -> tuple[dt.date, dt.date] | None:
        """First and last day of the staffed provision costed (lines whose cost grows
        with the weeks they run; a resource bought once does not), or ``None``."""
        spans = [
            (i.weeks.start, i.weeks.end)
            for i in self.items
            if i.weeks.weeks and i.provision.hourly_cost and i.weekly_minutes
        ]
        known = [(a, b) for a, b in spans if a is not None and b is not None]
        if not known:
            return None
        return min(a for a, _ in known), max(b for _, b in known)

    @property
    def planned_to_end(self) -> bool:
        """Whether the staffed provision runs to the end of the period costed: when it
        stops before, the figure is what is planned so far, not a year's cost."""
        span = self.planned_span
        return self.period is None or span is None or span[1] >= self.period.end

    @property
    def difference(self) -> Decimal:
        """Positive when the yearly figure is over the threshold, negative when under."""
        return self.yearly.total - self.budget

    @property
    def over_budget(self) -> bool:
        return self.yearly.total > self.budget


def leaving_date(child: Child, period: CostPeriod | None = None) -> tuple[dt.date | None, bool]:
    """The day after which a pupil's provision is not costed, and whether it is assumed.

    ``child.leaving_date`` when the case gives it. Otherwise, for a pupil in
    Year 11, the school leaving date (the last Friday in June of the school year
    in which they turn 16: Education Act 1996 s.8), assumed because the case does
    not say whether they stay on; the caller warns the user. Else ``None``.
    """
    if child.leaving_date is not None:
        return child.leaving_date, False
    if child.year_group == 11:
        return child.compulsory_school_age_ends, True
    return None, False


def cost_cycle(
    cycle: ReviewCycle,
    weeks_per_year: int = 38,
    budget: Decimal = NOTIONAL_SEN_BUDGET,
    calendar: TermCalendar | None = None,
    *,
    period: CostPeriod | None = None,
    school_year: CostPeriod | None = None,
    leaving: dt.date | None = None,
    locale: str = DEFAULT_LOCALE,
) -> PupilCosting:
    """Cost a plan's provision, grouped by the four broad areas in the Code's order.

    With ``period`` (e.g. :func:`plan_period`) each line is costed inside it;
    with ``school_year`` too, the same provision is also costed over that year
    for the £6,000 comparison.
    """
    calendar = calendar or default_term_calendar()
    areas = []
    for area in AreaOfNeed:
        items = [
            cost_provision(
                p,
                calendar,
                weeks_per_year,
                period=period,
                leaving=leaving,
                locale=locale,
                plan_start=cycle.start,
            )
            for p in cycle.provision
            if p.area is area
        ]
        if items:
            areas.append(AreaCosts(area=area, items=items))
    year = None
    if school_year is not None:
        year = cost_cycle(
            cycle,
            weeks_per_year,
            budget,
            calendar,
            period=school_year,
            leaving=leaving,
            locale=locale,
        )
    return PupilCosting(
        areas=areas,
        budget=budget,
        weeks_per_year=weeks_per_year,
        period=period,
        school_year=year,
    )


def budget_sentence(
    costing: PupilCosting,
    locale: str = DEFAULT_LOCALE,
    *,
    college: bool = False,
    top_up: str | None = None,
    ehc_plan: bool = False,
) -> str:
    """The total against the £6,000 threshold, worded as domain brief §2 requires: the
    period costed is named, and a plan's cost is set against the threshold only
    through the school year's figure, labelled as such.

    A college's map gives the costs only: §2's threshold is for schools' notional
    SEN budgets, and post-16 funding is not worked out here (the caller warns the
    user). ``top_up`` is the case's own record of top-up funding agreed (a
    sentence: :func:`top_up_sentence`); without it nothing is said of top-up at all,
    since a council's agreement is a fact only the case can give (the user is warned
    instead: :func:`sendocs.models.checks.check_case`); for a pupil with an EHC plan
    (``ehc_plan``), whose funding follows the plan, the map never says the school may ask.
    """
    total = format_money(costing.total, locale)
    period = costing.period
    if period is None:
        first = f"The provision in this map costs {total} over the weeks it runs."
    else:
        first = f"The provision in this map costs {total} for {period.label(locale)}."
    yearly = costing.yearly
    if college:
        return first
    budget = format_money(costing.budget, locale).removesuffix(".00")
    threshold = (
        f"A mainstream school is expected to meet the first {budget} a year of a pupil’s "
        "additional support from its notional SEN budget (element 2). This is a threshold "
        "for each pupil, not an amount set aside for each pupil, and it is not a condition "
        "for asking for an EHC needs assessment."
    )
    if yearly is not costing and yearly.period is not None:
        so_far = yearly.planned_to_end
        first += (
            (
                f" Over {yearly.period.label(locale)}, if it continues as planned, it comes "
                f"to {format_money(yearly.total, locale)}"
            )
            if so_far
            else (
                f" The provision planned so far in {yearly.period.name} comes to "
                f"{format_money(yearly.total, locale)} (no costed provision is planned after "
                "it yet)"
            )
        ) + ": this is the figure to set against the threshold."
    gap = format_money(abs(costing.difference), locale)
    recorded = f" {top_up}" if top_up else ""
    if costing.over_budget:
        if top_up or ehc_plan:
            return f"{first} {threshold} That figure is {gap} above the threshold.{recorded}"
        return (
            f"{first} {threshold} That figure is {gap} above the threshold; above it, the "
            "school may ask the local authority for high-needs top-up funding (element 3)."
        )
    return f"{first} {threshold} That figure is {gap} below the threshold.{recorded}"


def top_up_sentence(
    amount: Decimal,
    agreed_on: dt.date,
    agreed_by: str,
    locale: str = DEFAULT_LOCALE,
    *,
    ehc_plan: bool = False,
) -> str:
    """ "Northam Borough Council agreed high-needs top-up funding (element 3) of
    £1,200.00 a year on 4 November 2026.": only ever from the case's record. For a pupil
    with an EHC plan, the top-up is the plan's: "Top-up funding (element 3) agreed under
    the EHC plan: £2,870.00 a year, agreed by … on 2 October 2026."."""
    from sendocs.formatting import format_date

    if ehc_plan:
        return (
            "Top-up funding (element 3) agreed under the EHC plan: "
            f"{format_money(money(amount), locale)} a year, agreed by {agreed_by} on "
            f"{format_date(agreed_on, 'long', locale)}."
        )
    return (
        f"{agreed_by} agreed high-needs top-up funding (element 3) of "
        f"{format_money(money(amount), locale)} a year on "
        f"{format_date(agreed_on, 'long', locale)}."
    )

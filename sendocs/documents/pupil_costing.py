"""One pupil's costing, the one every document prints from.

The pupil's provision map, the support plan and the s.68 letter all cost a
line the same way: over the plan's own period (its start to its review), up
to the pupil's leaving date, with the same provision over the school year
for the £6,000 comparison (domain brief §2). Two documents that cost the same
line differently contradict each other in front of a parent or a tribunal, so
this module is the only place that chooses the period, and :func:`hours_text`
the only way contact hours are worded.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from sendocs.costing import (
    CostedProvision,
    PupilCosting,
    cost_cycle,
    leaving_date,
    plan_period,
    school_year_period,
)
from sendocs.dates.terms import default_term_calendar
from sendocs.documents.base import RenderOptions
from sendocs.formatting import plural
from sendocs.models import Case, Provision
from sendocs.models.rounding import round_hours

__all__ = [
    "costed_as",
    "costed_by_provision",
    "hours_text",
    "line_hours_text",
    "pupil_costing",
    "weekly_time",
]


def pupil_costing(case: Case, options: RenderOptions) -> PupilCosting:
    """The current plan's provision costed over the plan's period and over its school
    year (cut at the leaving date when the pupil leaves before the year ends)."""
    cycle = case.current_cycle
    calendar = options.terms or default_term_calendar()
    leaving, _ = leaving_date(case.child)
    year = school_year_period(cycle.start, calendar)
    if leaving is not None and year.start <= leaving < year.end:
        year = dataclasses.replace(year, end=leaving)  # the label says what was costed
    return cost_cycle(
        cycle,
        options.weeks_per_year,
        options.notional_budget,
        calendar,
        period=plan_period(cycle),
        school_year=year,
        leaving=leaving,
        locale=options.locale,
    )


def costed_by_provision(costing: PupilCosting) -> dict[int, CostedProvision]:
    """``id(provision)`` → its costed line, for documents that list provision in the
    plan's order rather than grouped by area."""
    return {id(item.provision): item for item in costing.items}


def line_hours_text(item: CostedProvision) -> str:
    """A line's contact hours as every document prints them: the hours over the weeks it
    runs, or, for ordinary class teaching and a resource used in lessons with no staff
    cost, that it is no extra time (the map lists and totals them so; the plan agrees)."""
    if item.weeks.weeks and not item.adds_time:
        if item.is_class_teaching:
            return "Part of class teaching: no extra time"
        return "In lessons: no extra time"
    return hours_text(item.weekly_minutes * item.weeks.weeks)


def hours_text(minutes: Decimal) -> str:
    """Contact time exactly, in the plans' words ("3 hours 20 minutes"), so hours x rate
    is the cost printed; a part minute (a part week of a short session) keeps one
    decimal place."""
    if minutes == minutes.to_integral_value():
        return weekly_time(minutes)
    whole = int(minutes // 60)
    rest = round_hours(minutes - whole * 60)  # a tenth of a minute, half up
    return (plural(whole, "hour") + " " if whole else "") + f"{rest} minutes"


def costed_as(p: Provision) -> str:
    """ "costed as 15 minutes a week of the exams officer's time": for provision whose
    "How often" is its schedule (an exam arrangement, a room to use), the time its cost
    stands for, so a reader can check the figure; "" for provision given as sessions
    (their sessions and minutes already say it), and "" when no staff cost is charged
    (time in lessons at no cost to the school is not what the figure stands for)."""
    if not p.schedule or not p.weekly_minutes or not p.hourly_cost:
        return ""
    who = p.delivered_by.strip()
    if who[:1].isupper() and who[1:] == who[1:].lower():
        who = who[0].lower() + who[1:]  # "exams officer"; never "SENCO" or "Mrs Patel"
    return f"costed as {weekly_time(p.weekly_minutes)} a week of the {who}’s time"


def weekly_time(minutes: Decimal | int) -> str:
    """ "1 hour 30 minutes", "45 minutes": whole minutes. Kept here beside
    :func:`hours_text` (and re-exported by ``views``) so every wording of contact
    time lives in one module that ``views`` imports, never the other way round."""
    total = int(Decimal(minutes).to_integral_value())
    hours, mins = divmod(total, 60)
    parts = []
    if hours:
        parts.append(plural(hours, "hour"))
    if mins or not hours:
        parts.append(plural(mins, "minute"))
    return " ".join(parts)

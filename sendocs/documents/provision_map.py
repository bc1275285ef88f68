"""Kind ``provision-map``: one pupil's costed provision map (Code 6.76-6.77).

Every provision with its weekly time, staff, group size and cost, grouped by
the four broad areas of need. Costs cover the plan's own period (its start to
its review; each line's dates are printed), the pupil's share beside the
school's spend on the group; the same provision over the school year is the
figure set against the £6,000 threshold (domain brief §2), labelled as such.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from sendocs.costing import (
    ROUNDING_NOTE,
    CostedProvision,
    PupilCosting,
    budget_sentence,
    cost_cycle,
    leaving_date,
    plan_period,
    school_year_period,
)
from sendocs.dates.terms import default_term_calendar
from sendocs.documents.base import DocumentKind, RenderOptions
from sendocs.documents.views import (
    describe_duration,
    describe_frequency,
    describe_group,
    outcome_links,
    weekly_time,
)
from sendocs.formatting import format_date, format_money, plural
from sendocs.models import Case


def _costing(case: Case, options: RenderOptions) -> PupilCosting:
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


def _dates(item: CostedProvision, locale: str) -> str:
    w = item.weeks
    if w.start is None or w.end is None:
        return "Not in this plan period" if not w.weeks else ""
    return f"{format_date(w.start, 'long', locale)} to {format_date(w.end, 'long', locale)}"


def build_context(case: Case, options: RenderOptions) -> dict[str, Any]:
    cycle = case.current_cycle
    costing = _costing(case, options)
    year = costing.yearly
    serves = outcome_links(cycle)
    locale = options.locale
    period = plan_period(cycle)
    areas: list[dict[str, Any]] = []
    for group in costing.areas:
        areas.append(
            {
                "area": group.area.label,
                "total": group.total,
                "weekly_time": weekly_time(group.weekly_minutes),
                "rows": [
                    {
                        "intervention": item.provision.intervention,
                        "description": item.provision.description or "",
                        "who": item.provision.delivered_by
                        + (f" ({item.provision.staff_name})" if item.provision.staff_name else ""),
                        "group": describe_group(item.provision),
                        "frequency": describe_frequency(item.provision),
                        "weekly_time": weekly_time(item.weekly_minutes),
                        "duration": describe_duration(item.provision, locale),
                        "dates": _dates(item, locale),
                        "hours_per_year": item.hours_per_year,
                        "hours": item.hours_per_year,
                        "weeks": item.weeks.weeks,
                        "weeks_text": item.weeks.basis,
                        "weeks_count": item.weeks.count or plural(item.weeks.weeks, "week"),
                        "weeks_note": _sentence("; ".join(item.weeks.notes)),
                        "hourly_cost": item.provision.hourly_cost,
                        "staff_cost_text": (
                            format_money(item.provision.hourly_cost, locale)
                            if item.provision.hourly_cost
                            else "No additional staff cost"
                        ),
                        "other_costs": item.provision.other_costs if item.weeks.weeks else 0,
                        "annual_cost": item.pupil_share,
                        "pupil_share": item.pupil_share,
                        "group_cost": item.group_cost,
                        "spend_note": (
                            f"one group of {item.provision.group_size}"
                            if item.is_group
                            else "one-to-one, staff only"
                        ),
                        "group_size": item.provision.group_size,
                        "is_group": item.is_group,
                        "outcomes": serves.get(id(item.provision), ""),
                        "entry_data": item.provision.entry_data or "",
                        "exit_data": item.provision.exit_data or "",
                        "impact": item.provision.impact or "",
                        "evidence_base": item.provision.evidence_base or "",
                    }
                    for item in group.items
                ],
            }
        )
    period_dates = (
        f"{format_date(period.start, 'long', locale)} to {format_date(period.end, 'long', locale)}"
    )
    year_period = year.period
    return {
        "case": case,
        "child": case.child,
        "school": case.school,
        "document_date": options.document_date,
        "plan_start": cycle.start,
        "plan_number": len(case.cycles),
        "review_date": cycle.review_date,
        "areas": areas,
        "total": costing.total,
        "period_dates": period_dates,
        "total_label": f"Cost of this plan, {period_dates}",
        "year_total": year.total,
        "year_label": (
            f"Cost over {year_period.label(locale)}, if the provision continues as planned"
            if year_period
            else "Cost over a school year"
        ),
        "budget": costing.budget,
        "budget_text": format_money(costing.budget, locale).removesuffix(".00"),
        "difference": abs(costing.difference),
        "over_budget": costing.over_budget,
        "weekly_time": weekly_time(costing.weekly_minutes),
        "weeks_per_year": costing.weeks_per_year,
        "budget_sentence": budget_sentence(costing, locale),
        "rounding_note": ROUNDING_NOTE,
        "leaving_note": _leaving_note(case, locale),
        "has_outcome_data": any(
            r["entry_data"] or r["exit_data"] or r["impact"] for a in areas for r in a["rows"]
        ),
    }


def _sentence(text: str) -> str:
    """First letter up, the rest as written (dates keep their capitals)."""
    return text[:1].upper() + text[1:]


def _leaving_note(case: Case, locale: str) -> str:
    day, assumed = leaving_date(case.child)
    if day is None:
        return ""
    name = case.child.known_as
    when = format_date(day, "long", locale)
    if assumed:
        return (
            f"{name} is in Year 11: nothing is costed after {when}, the school leaving date "
            "(the last Friday in June)."
        )
    return f"{name} leaves on {when}: nothing is costed after that date."


def warnings(case: Case, options: RenderOptions) -> list[str]:
    """Tell the user when a Year 11 pupil's leaving date was assumed, not read."""
    day, assumed = leaving_date(case.child)
    if not assumed or day is None:
        return []
    return [
        f"{case.child.known_as} is in Year 11 and the case gives no child.leaving_date: "
        f"provision is costed only to {format_date(day, 'long', options.locale)}, the school "
        "leaving date (last Friday in June). Set child.leaving_date if the pupil leaves at "
        "another date or stays on into Year 12"
    ]


def _plan_date(case: Case, options: RenderOptions) -> dt.date:
    return case.current_cycle.start


PROVISION_MAP = DocumentKind(
    name="provision-map",
    title="Provision map",
    description=(
        "One pupil's costed provision map for the plan's period, against the £6,000 threshold."
    ),
    template="provision_map.docx",
    build_context=build_context,
    file_label="provision_map",
    file_date=_plan_date,
    warnings=warnings,
)

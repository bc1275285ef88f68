"""Kind ``provision-map``: one pupil's costed provision map (Code 6.76-6.77).

Every provision with its weekly time, staff, group size and yearly cost per
pupil, grouped by the four broad areas of need, totalled against the £6,000
notional SEN budget (element 2) and stated in words.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sendocs.costing import ROUNDING_NOTE, budget_sentence, cost_cycle
from sendocs.documents.base import DocumentKind, RenderOptions
from sendocs.documents.views import (
    describe_duration,
    describe_frequency,
    describe_group,
    outcome_links,
    weekly_time,
)
from sendocs.models import Case


def build_context(case: Case, options: RenderOptions) -> dict[str, Any]:
    cycle = case.current_cycle
    costing = cost_cycle(cycle, options.weeks_per_year, options.notional_budget, options.terms)
    serves = outcome_links(cycle)
    locale = options.locale
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
                        "hours_per_year": item.hours_per_year,
                        "hours": item.hours_per_year,
                        "weeks": item.weeks.weeks,
                        "weeks_text": item.weeks.basis,
                        "hourly_cost": item.provision.hourly_cost,
                        "other_costs": item.provision.other_costs,
                        "annual_cost": item.pupil_share,
                        "pupil_share": item.pupil_share,
                        "group_cost": item.group_cost,
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
        "budget": costing.budget,
        "difference": abs(costing.difference),
        "over_budget": costing.over_budget,
        "weekly_time": weekly_time(costing.weekly_minutes),
        "weeks_per_year": costing.weeks_per_year,
        "budget_sentence": budget_sentence(costing, locale),
        "rounding_note": ROUNDING_NOTE,
        "has_outcome_data": any(
            r["entry_data"] or r["exit_data"] or r["impact"] for a in areas for r in a["rows"]
        ),
    }


def _plan_date(case: Case, options: RenderOptions) -> dt.date:
    return case.current_cycle.start


PROVISION_MAP = (
    DocumentKind(
        name="provision-map",
        title="Provision map",
        description="One pupil's costed provision map against the £6,000 notional SEN budget.",
        template="provision_map.docx",
        build_context=build_context,
        file_label="provision_map",
        file_date=_plan_date,
    )
)

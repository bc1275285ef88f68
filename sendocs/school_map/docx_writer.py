"""The Word provision map: the context ``templates/school_provision_map.docx`` uses.

The landscape layout lives in the template (built by
``templates/src/build_school_provision_map.py``); this module turns the map
into the rows and phrases the template shows, so the template does no
arithmetic or grammar.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sendocs.documents.views import describe_group, weekly_time
from sendocs.files import atomic_write_bytes, check_can_write
from sendocs.formatting import DEFAULT_LOCALE, format_money, plural
from sendocs.school_map.aggregate import flag_explanation
from sendocs.school_map.model import InterventionLine, SchoolProvisionMap, Subtotal

__all__ = ["TEMPLATE_NAME", "docx_context", "write_school_map_docx"]

TEMPLATE_NAME = "school_provision_map.docx"


def docx_context(
    school_map: SchoolProvisionMap, date: dt.date | None = None, locale: str = DEFAULT_LOCALE
) -> dict[str, Any]:
    """What ``school_provision_map.docx`` may use (see its build script)."""
    areas: list[dict[str, Any]] = []
    for sub in school_map.by_area:
        lines = [ln for ln in school_map.interventions if ln.area.label == sub.label]
        areas.append(
            {
                "area": sub.label,
                "total": sub.total,
                "pupils": sub.pupils,
                "rows": [_line_row(ln) for ln in lines],
            }
        )
    flagged = school_map.flagged
    return {
        "school_name": school_map.school_name,
        "several_schools": len(school_map.schools) > 1,
        "schools": school_map.schools,
        "document_date": date or dt.date.today(),
        "weeks_per_year": school_map.weeks_per_year,
        "budget": school_map.budget,
        "budget_text": format_money(school_map.budget, locale).removesuffix(".00"),
        "total": school_map.total,
        "pupil_count": plural(len(school_map.pupils), "pupil"),
        "intervention_count": plural(len(school_map.interventions), "intervention"),
        "flagged_count": len(flagged),
        "areas": areas,
        "pupils": [
            {
                "name": p.pupil,
                "year": p.year_label,
                "primary_area": p.primary_area,
                "interventions": p.interventions,
                "weekly_time": weekly_time(p.weekly_minutes),
                "total": p.total,
                "over_budget": p.over_budget,
                "above_budget": p.above_budget,
            }
            for p in school_map.pupils
        ],
        "flagged": [
            {
                "name": p.pupil,
                "year": p.year_label,
                "total": p.total,
                "above_budget": p.above_budget,
            }
            for p in flagged
        ],
        "by_area": [_subtotal_row(s) for s in school_map.by_area],
        "by_year": [_subtotal_row(s) for s in school_map.by_year_group],
        "flag_explanation": flag_explanation(school_map.budget, locale),
        "left_out": [str(p) for p in school_map.left_out],
    }


def _line_row(line: InterventionLine) -> dict[str, Any]:
    per_pupil = line.cost_per_pupil
    low, high = line.cost_range
    sizes = line.distinct("group_size")
    sessions = line.distinct("sessions_per_week")
    minutes = line.distinct("minutes_per_session")
    return {
        "intervention": line.intervention,
        "pupils": line.pupils,
        "pupil_count": line.pupil_count,
        "staff": ", ".join(line.distinct("delivered_by")),
        "group": describe_group(line.entries[0].provision)
        if len(sizes) == 1
        else "Groups of " + ", ".join(str(s) for s in sizes),
        "frequency": (
            f"{plural(sessions[0], 'session')} × {minutes[0]} min a week"
            if len(sessions) == 1 and len(minutes) == 1
            else "Varies by pupil"
        ),
        "cost_per_pupil": format_money(per_pupil)
        if per_pupil is not None
        else (f"{format_money(low)} to {format_money(high)}"),
        "total": line.total,
    }


def _subtotal_row(s: Subtotal) -> dict[str, Any]:
    return {
        "label": s.label,
        "pupils": s.pupils,
        "interventions": s.interventions,
        "total": s.total,
        "flagged": s.flagged,
    }


def write_school_map_docx(
    school_map: SchoolProvisionMap,
    output: str | Path,
    *,
    force: bool = False,
    date: dt.date | None = None,
    template: Path | None = None,
) -> Path:
    """Render the landscape Word provision map and write it atomically."""
    from sendocs.render.docx import DocxRenderer
    from sendocs.resources import template_path

    path = Path(output)
    check_can_write(path, force)
    source = template or template_path(TEMPLATE_NAME)
    data = DocxRenderer().render_bytes(source, docx_context(school_map, date))
    return atomic_write_bytes(path, data, force=force)

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

from sendocs.costing import ROUNDING_NOTE, weeks_text
from sendocs.documents.provision_map import group_text, resources_note, resources_only_wording
from sendocs.documents.pupil_costing import costed_as
from sendocs.documents.views import describe_frequency, weekly_time
from sendocs.files import atomic_write_bytes, check_can_write
from sendocs.formatting import DEFAULT_LOCALE, format_money, plural
from sendocs.school_map.aggregate import (
    TOP_UP_NOTE,
    flag_explanation,
    not_started_line,
    short_date,
    top_up_line,
)
from sendocs.school_map.model import (
    GroupRun,
    InterventionLine,
    SchoolProvisionMap,
    Subtotal,
)

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
                "spend": sub.spend,
                "pupils": sub.pupils,
                "rows": [
                    _run_row(ln, run, school_map.learner_word.lower())
                    for ln in lines
                    for run in ln.runs
                ],
            }
        )
    flagged = school_map.flagged
    learner = school_map.learner_word.lower()
    setting = school_map.setting_word.lower()
    return {
        "school_name": school_map.school_name,
        "is_college": school_map.college,
        "learner": learner,
        "Learner": learner.capitalize(),
        "learners": f"{learner}s",
        "Learners": f"{learner.capitalize()}s",
        "setting": setting,
        "Setting": setting.capitalize(),
        "several_schools": len(school_map.schools) > 1,
        "schools": school_map.schools,
        "document_date": date or dt.date.today(),
        "weeks_per_year": school_map.weeks_per_year,
        "period_label": school_map.period_label(locale),
        "period_name": school_map.period_name,
        "year_word": school_map.year_word,
        "budget": school_map.budget,
        "budget_text": format_money(school_map.budget, locale).removesuffix(".00"),
        "total": school_map.total,
        "school_spend": school_map.school_spend,
        "rounding_note": ROUNDING_NOTE,
        "pupil_count": plural(len(school_map.pupils), learner),
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
                "ehc_plan": p.ehc_plan,
                "top_up": p.top_up,
            }
            for p in flagged
        ],
        "by_area": [_subtotal_row(s) for s in school_map.by_area],
        "by_year": [_subtotal_row(s) for s in school_map.by_year_group],
        "flag_explanation": flag_explanation(school_map.budget, locale),
        # top-up the case records for a pupil not above the threshold (a flagged pupil's
        # is given beside them): the workbook's Notes list the same lines
        "top_up_below": [top_up_line(p) for p in school_map.top_ups if not p.over_budget],
        "top_up_note": TOP_UP_NOTE,
        # the Year 11 leaving date is explained only where the map lists a Year 11 pupil
        "has_year_11": school_map.has_year_11,
        "shared_groups": school_map.shared_groups,
        "left_out": [str(p) for p in school_map.left_out],
        "not_started": [not_started_line(e, locale) for e in school_map.not_started],
        "class_teaching": [
            {
                "pupil": f"{e.pupil} ({e.year_label.replace('Year ', 'Y')})",
                "intervention": e.provision.intervention,
                "area": e.provision.area.label,
                "staff": e.provision.delivered_by,
                "group": e.provision.group_label or "In class",
                "frequency": describe_frequency(e.provision),
            }
            for e in school_map.class_teaching
        ],
    }


def _run_row(line: InterventionLine, run: GroupRun, learner_word: str) -> dict[str, Any]:
    """One intervention taught on the same terms: the pupil's share and the school's spend."""
    p = run.provision
    groups = run.groups
    schedule = costed_as(p)  # a schedule in place of sessions: the time its cost stands for
    resources_only = resources_only_wording(run.costed)  # as the pupil's map words it
    return {
        "intervention": line.intervention,
        "resources_note": resources_note(run.costed),
        "pupils": [f"{e.pupil} ({e.year_label.replace('Year ', 'Y')})" for e in run.entries],
        "pupil_count": run.pupil_count,
        "staff": p.delivered_by,
        "group": group_text(p),
        "frequency": (
            resources_only[0]
            if resources_only
            else schedule[:1].upper() + schedule[1:]
            if schedule
            else f"{plural(p.sessions_per_week, 'session')} × {p.minutes_per_session} min a week"
        ),
        "weeks": _run_weeks(run),
        "group_cost": format_money(run.costed.group_cost),
        "resources": format_money(run.costed.resources),
        "cost_per_pupil": format_money(run.costed.pupil_share),
        "groups_run": (
            plural(groups, "group")
            if p.group_size > 1
            else f"{run.pupil_count}, one per {learner_word}"
        ),
        "spend": run.school_spend,
        "total": run.shares,
    }


def _run_weeks(run: GroupRun) -> str:
    """ "37.6 weeks, 7 Sep 2026 to 20 Jul 2027"; for a line with no staff time (a
    resource used in lessons) "No staff time: resources only", as the pupil's map says
    it (:func:`~sendocs.documents.provision_map.resources_only_wording`), since its cost
    does not grow with the weeks and it is not said to run to the year's end."""
    if wording := resources_only_wording(run.costed):
        return wording[1]
    return (
        weeks_text(run.costed.weeks.weeks)
        + (" (all year)" if run.costed.weeks.all_year else "")
        + _run_dates(run)
    )


def _run_dates(run: GroupRun) -> str:
    """ ", 7 Sep 2026 to 20 Jul 2027" (the workbook's date style) when every pupil in the
    run is costed over the same dates; else ", dates differ by pupil" (the Detail sheet of
    the workbook lists them)."""
    spans = {(e.costed.weeks.start, e.costed.weeks.end) for e in run.entries}
    if len(spans) != 1:
        return ", dates differ by pupil"
    start, end = spans.pop()
    if start is None or end is None:
        return ""
    return f", {short_date(start)} to {short_date(end)}"


def _subtotal_row(s: Subtotal) -> dict[str, Any]:
    return {
        "label": s.label,
        "pupils": s.pupils,
        "interventions": s.interventions,
        "total": s.total,
        "spend": s.spend,
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
    from sendocs.provenance import file_sha256, stamp_docx

    source = template or template_path(TEMPLATE_NAME)
    date = date or dt.date.today()
    data = DocxRenderer().render_bytes(source, docx_context(school_map, date))
    data = stamp_docx(data, map_provenance(school_map, date, file_sha256(source)))
    return atomic_write_bytes(path, data, force=force)


def map_provenance(school_map: SchoolProvisionMap, date: dt.date, template_sha256: str) -> Any:
    """What made the map (:mod:`sendocs.provenance`): the case SHA-256 covers every pupil."""
    from sendocs.provenance import Provenance
    from sendocs.version import __version__

    return Provenance(
        version=__version__,
        kind="school-provision-map",
        template_sha256=template_sha256,
        case_sha256=school_map.case_sha256,
        document_date=date,
    )

"""Kind ``provision-map``: one pupil's costed provision map (Code 6.76-6.77).

Every provision with its weekly time, staff, group size and cost, grouped by
the four broad areas of need. Costs cover the plan's own period (its start to
its review; each line's dates are printed), the pupil's share beside the
school's spend on the group; the same provision over the school year is the
figure set against the £6,000 threshold (domain brief §2), labelled as such.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sendocs.costing import (
    ROUNDING_NOTE,
    CostedProvision,
    PupilCosting,
    budget_sentence,
    leaving_date,
    plan_period,
    top_up_sentence,
)
from sendocs.documents.assessment_request import enclosed_map_warnings
from sendocs.documents.base import DocumentKind, RenderOptions
from sendocs.documents.pupil_costing import costed_as, line_hours_text, pupil_costing
from sendocs.documents.views import (
    describe_duration,
    describe_frequency,
    describe_group,
    outcome_links,
    outcome_rows,
    weekly_time,
)
from sendocs.formatting import format_date, format_money, plural
from sendocs.models import Case, Child, Provision, ProvisionSetting


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def named(child: Child) -> str:
    """ "Rebecca (Ruby) Clarke": the legal name, with the name the pupil uses when it
    differs, so "Total for Ruby" is tied to the pupil the records name."""
    if child.known_as != child.legal_forename:
        return f"{child.legal_forename} ({child.known_as}) {child.legal_surname}"
    return child.full_name


RESOURCES_ONLY = "No staff time: resources only"
"""Said for a resource used in lessons in place of its dates and weeks, in the pupil's
map and the whole-school map alike (:func:`resources_only_wording`): its cost is its
resources, whatever the weeks."""


def resources_only(item: CostedProvision) -> bool:
    """A line with no staff time that adds none (a resource used in lessons)."""
    return not item.provision.hourly_cost and not item.adds_time


def resources_only_wording(item: CostedProvision) -> tuple[str, str] | None:
    """How both maps describe a resource used in lessons (no staff time, adding none,
    costed in the period): ("Every lesson", "No staff time: resources only"), its "how
    often" in the case's words and, in place of its weeks and dates, that only its
    resources are costed. None for any other line. The pupil's map and the whole-school
    map both ask this one function, so a line is never described two ways (review s20)."""
    if not item.weeks.weeks or not resources_only(item):
        return None
    return describe_frequency(item.provision), RESOURCES_ONLY


def _dates(item: CostedProvision, locale: str) -> str:
    w = item.weeks
    p = item.provision
    if p.not_started:
        asked = (
            f": requested from {p.requested_from} on {format_date(p.requested_on, 'long', locale)}"
            if p.requested_from and p.requested_on
            else ""
        )
        return f"Not yet delivered{asked}; no sessions in this plan period."
    if wording := resources_only_wording(item):
        return wording[1]
    if w.start is None or w.end is None:
        return "Not in this plan period" if not w.weeks else ""
    # short months in the table's narrow column: a row two lines shorter per line
    short = "d MMM yyyy"
    return f"{format_date(w.start, short, locale)} to {format_date(w.end, short, locale)}"


def build_context(case: Case, options: RenderOptions) -> dict[str, Any]:
    cycle = case.current_cycle
    costing = pupil_costing(case, options)
    year = costing.yearly
    serves = outcome_links(cycle)
    locale = options.locale
    period = plan_period(cycle)
    areas: list[dict[str, Any]] = []
    for group in costing.areas:
        costed = [i for i in group.items if not i.is_class_teaching]
        if not costed:
            continue  # an area whose only lines are class teaching has nothing costed
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
                        "group": group_text(item.provision),
                        "frequency": describe_frequency(item.provision),
                        # a schedule in place of sessions: "Costed as 15 minutes a week of
                        # the exams officer's time", so the figure can be checked
                        "costed_as": _first_upper(costed_as(item.provision)) if item.hours else "",
                        "weekly_time": weekly_time(item.weekly_minutes),
                        "duration": describe_duration(item.provision, locale),
                        "dates": _dates(item, locale),
                        "hours_per_year": item.hours_per_year,
                        "hours": item.hours_per_year,
                        "hours_text": line_hours_text(item),
                        "weeks": item.weeks.weeks,
                        "weeks_text": item.weeks.basis,
                        "weeks_count": ""
                        if item.provision.not_started or resources_only(item)
                        else item.weeks.count or plural(item.weeks.weeks, "week"),
                        "weeks_note": ""
                        if item.provision.not_started or resources_only(item)
                        else _sentence("; ".join(item.weeks.notes)),
                        "hourly_cost": item.provision.hourly_cost,
                        "staff_cost_text": (
                            format_money(item.provision.hourly_cost, locale)
                            if item.provision.hourly_cost
                            else "No staff cost to the school"
                        ),
                        "other_costs": item.resources,
                        "resources_note": resources_note(item),
                        "resources": item.resources,
                        "annual_cost": item.pupil_share,
                        "pupil_share": item.pupil_share,
                        "group_cost": item.group_cost,
                        "spend_note": _spend_note(item),
                        "share_note": _share_note(item, locale),
                        "group_size": item.provision.group_size,
                        "is_group": item.is_group,
                        "outcomes": serves.get(id(item.provision), ""),
                        "serves_text": serves_text(item.provision.outcomes, locale),
                        "outcome_names": [
                            f"{n}. {cycle.outcomes[n - 1].outcome}"
                            for n in item.provision.outcomes
                            if 1 <= n <= len(cycle.outcomes)
                        ],
                        "entry_data": item.provision.entry_data or "",
                        "exit_data": item.provision.exit_data or "",
                        "impact": item.provision.impact or "",
                        "evidence_base": item.provision.evidence_base or "",
                    }
                    for item in costed
                ],
            }
        )
    class_rows = [
        {
            "intervention": item.provision.intervention,
            "description": item.provision.description or "",
            "who": item.provision.delivered_by,
            "group": item.provision.group_label or "In class",
            "frequency": describe_frequency(item.provision),
            "outcomes": serves.get(id(item.provision), ""),
            "area": item.provision.area.label,
        }
        for item in costing.class_teaching
        if item.weeks.weeks
    ]
    period_dates = (
        f"{format_date(period.start, 'long', locale)} to {format_date(period.end, 'long', locale)}"
    )
    year_period = year.period
    college = case.school.setting_type.is_college
    ehc = case.ehc_plan if case.has_ehc_plan else None
    outcomes = outcome_rows(cycle, locale)
    for row, outcome in zip(outcomes, cycle.outcomes, strict=True):
        row["ehc_outcome"] = (
            f"Section E outcome {outcome.ehc_outcome}" if ehc and outcome.ehc_outcome else ""
        )
    return {
        "case": case,
        "child": case.child,
        "pupil_name": named(case.child),
        "school": case.school,
        "document_date": options.document_date,
        "plan_start": cycle.start,
        "plan_number": len(case.cycles),
        "review_date": cycle.review_date,
        "areas": areas,
        "class_teaching": class_rows,
        "outcomes": outcomes,
        "is_college": college,
        "pupil_word": "Student" if college else "Pupil",
        "setting_word": "College" if college else "School",
        "staff_role": (case.school.senco.role or "SENCO") if college else "SENCO",
        "ehc_plan": ehc,
        "ehc_text": _ehc_text(case, locale),
        "total": costing.total,
        "period_dates": period_dates,
        "total_label": f"Cost of this plan, {period_dates}",
        "year_total": year.total,
        "year_label": _year_label(costing, locale) if year_period else "Cost over a school year",
        "budget": costing.budget,
        "budget_text": format_money(costing.budget, locale).removesuffix(".00"),
        "difference": abs(costing.difference),
        "over_budget": costing.over_budget and not college,
        "weekly_time": weekly_time(costing.weekly_minutes),
        "weeks_per_year": costing.weeks_per_year,
        "budget_sentence": budget_sentence(
            costing,
            locale,
            college=college,
            top_up=_top_up(case, locale),
            ehc_plan=ehc is not None,
        ),
        "rounding_note": ROUNDING_NOTE,
        "leaving_note": _leaving_note(case, locale),
        "has_outcome_data": any(
            r["entry_data"] or r["exit_data"] or r["impact"] for a in areas for r in a["rows"]
        ),
    }


def serves_text(numbers: list[int], locale: str) -> str:
    """ "Serves outcome 2", "Serves outcomes 1 and 3" (the locale's list words)."""
    if not numbers:
        return ""
    from babel.lists import format_list

    listed = format_list([str(n) for n in numbers], locale=locale)
    return f"Serves outcome{'s' if len(numbers) > 1 else ''} {listed}"


def group_text(p: Provision) -> str:
    """Who the pupil is with: never "One-to-one" for a line with no adult of its own (a
    resource used in class), which is "In class" unless the case words it. The pupil's
    map and the whole-school map both print it."""
    if not p.group_label and not p.hourly_cost and p.setting is ProvisionSetting.IN_CLASS:
        return "In class"
    return describe_group(p)


def resources_note(item: CostedProvision) -> str:
    """What the resources column's amount buys, printed under it: "Laminated time-out
    cards (one spare)", from the case (nothing when no resources are costed or none is
    described)."""
    described = item.provision.resources_description
    return described if item.resources and described else ""


def resources_described(item: CostedProvision, locale: str) -> str:
    """ "laminated time-out cards (one spare), £10.00", or nothing."""
    described = item.provision.resources_description
    if not item.resources or not described:
        return ""
    return f"{described[:1].lower() + described[1:]}, {format_money(item.resources, locale)}"


def _spend_note(item: CostedProvision) -> str:
    """What the staff cost column holds for this line, in words beside the figure."""
    p = item.provision
    if not p.hourly_cost:
        return ""
    adults = f", {p.staff_per_group} adults" if p.staff_per_group > 1 else ""
    if item.is_group:
        return f"one group of {p.group_size}{adults}"
    return f"one-to-one{adults}"


def _share_note(item: CostedProvision, locale: str) -> str:
    """How the pupil's share is made from the figures printed beside it, so a reader can
    check it: "£633.60 ÷ 5 + £30.00"; nothing when the share is the one figure shown."""
    parts = []
    if item.is_group and item.group_cost:
        parts.append(f"{format_money(item.group_cost, locale)} \u00f7 {item.provision.group_size}")
    elif item.group_cost and item.resources:
        parts.append(format_money(item.group_cost, locale))
    if item.resources and parts:
        parts.append(format_money(item.resources, locale))
    return " + ".join(parts)


def _top_up(case: Case, locale: str) -> str | None:
    """The top-up sentence, only from the case's own record of top-up agreed."""
    record = case.top_up_funding
    if record is None:
        return None
    return top_up_sentence(
        record.amount,
        record.agreed_on,
        record.agreed_by or case.local_authority.name,
        locale,
        ehc_plan=case.has_ehc_plan,
    )


def _year_label(costing: PupilCosting, locale: str) -> str:
    """The school-year figure, worded for what is really costed: when the staffed
    provision stops before the year ends, the provision planned so far."""
    year = costing.yearly
    period = year.period
    assert period is not None
    span = year.planned_span
    if span is not None and not year.planned_to_end:
        short = period.name.removeprefix("the school year ")
        return (
            f"Provision planned so far in {short} ({format_date(span[0], 'long', locale)} "
            f"to {format_date(span[1], 'long', locale)}; no costed provision is planned "
            "after it yet)"
        )
    return f"Cost over {period.label(locale)}, if the provision continues as planned"


def _ehc_text(case: Case, locale: str) -> str:
    """What the map says of the pupil's EHC plan: its reference and issue date, and the
    Section E outcomes the plan's outcomes step towards."""
    if not case.has_ehc_plan or case.ehc_plan is None:
        return ""
    plan = case.ehc_plan
    ref = f"reference {plan.reference}, " if plan.reference else ""
    text = (
        f"{case.child.known_as} has an EHC plan ({ref}issued "
        f"{format_date(plan.issued, 'long', locale)}). This map costs the "
        f"{'college' if case.school.setting_type.is_college else 'school'}\u2019s plan "
        "written to meet it"
    )
    links = [
        f"outcome {i} serves Section E outcome {o.ehc_outcome}"
        for i, o in enumerate(case.current_cycle.outcomes, start=1)
        if o.ehc_outcome
    ]
    return text + (": " + "; ".join(links) + "." if links else ".")


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
    """Tell the user when a Year 11 pupil's leaving date was assumed, not read, when
    a college's map leaves out the £6,000 comparison (set for schools only), and when
    the map is dated after the assessment request that encloses it."""
    found: list[str] = enclosed_map_warnings(case, options)
    if case.school.setting_type.is_college:
        found.append(
            f"{case.school.name} is a college: the provision map gives the costs without the "
            "£6,000 notional SEN budget comparison, which the SEND Code sets for schools; "
            "post-16 funding rules are not worked out by sendocs"
        )
    day, assumed = leaving_date(case.child)
    if not assumed or day is None:
        return found
    return [
        *found,
        f"{case.child.known_as} is in Year 11 and the case gives no child.leaving_date: "
        f"provision is costed only to {format_date(day, 'long', options.locale)}, the school "
        "leaving date (last Friday in June). Set child.leaving_date if the pupil leaves at "
        "another date or stays on into Year 12",
    ]


def _plan_date(case: Case, options: RenderOptions) -> dt.date:
    return case.current_cycle.start


PROVISION_MAP = DocumentKind(
    name="provision-map",
    title="Provision map",
    description=(
        "One pupil’s costed provision map for the plan’s period, against the £6,000 threshold."
    ),
    template="provision_map.docx",
    build_context=build_context,
    file_label="provision_map",
    file_date=_plan_date,
    warnings=warnings,
)

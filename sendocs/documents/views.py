"""Plain-English descriptions of case data shared by every document kind.

Templates should not do arithmetic or grammar; these functions turn model
values into the phrases a SENCO would write ("3 sessions of 30 minutes a
week", "one-to-one", "Primary need"), once, for every document.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from sendocs.costing import PupilCosting, end_after_weeks
from sendocs.dates.terms import default_term_calendar
from sendocs.documents.base import RenderOptions
from sendocs.documents.pupil_costing import (
    costed_by_provision,
    line_hours_text,
    pupil_costing,
    weekly_time,
)
from sendocs.formatting import (
    format_date,
    format_list,
    format_number,
    line_start,
    mid_sentence,
    plural,
)
from sendocs.models import Case, Need, Outcome, Provision, ReviewCycle
from sendocs.models.vocabulary import AreaOfNeed, ProvisionStatus

__all__ = [
    "describe_duration",
    "describe_frequency",
    "describe_frequency_in_all",
    "describe_group",
    "describe_status",
    "need_rows",
    "needs_by_area",
    "outcome_links",
    "outcome_rows",
    "partly_advice",
    "provision_rows",
    "section_f_status",
    "served_outcomes",
    "short_council_name",
    "suspected_prefix",
    "weekly_time",
]


def describe_frequency(p: Provision) -> str:
    """ "3 sessions of 30 minutes a week"; half sessions a week as "1 session a fortnight"
    (never "0.5 sessions"). Provision that is not sessions (a part-time timetable) is
    described as what it is, from the case's ``schedule`` (its days and hours)."""
    if p.schedule:
        return p.schedule
    sessions = Decimal(p.sessions_per_week)
    period = "week"
    if (
        sessions != sessions.to_integral_value()
        and (sessions * 2) == (sessions * 2).to_integral_value()
    ):
        sessions, period = sessions * 2, "fortnight"
    return f"{plural(sessions, 'session')} of {p.minutes_per_session} minutes a {period}"


def describe_frequency_in_all(p: Provision) -> str:
    """ "5 sessions of 60 minutes a week (5 hours a week)": the weekly total in words a
    person writes ("1 hour 30 minutes", never "1.5 hours"), when there is more than one
    session a week."""
    text = describe_frequency(p)
    if not p.schedule and p.sessions_per_week > 1 and text.endswith("a week"):
        text += f" ({weekly_time(p.weekly_minutes)} a week)"
    return text


def describe_group(p: Provision) -> str:
    """ "One-to-one", "Group of 4 (2 adults)", or the case's own words (``group_label``)
    where a size does not describe it (a whole-class resource is not one-to-one)."""
    if p.group_label:
        return p.group_label
    if p.group_size == 1:
        return (
            "One-to-one" if p.staff_per_group == 1 else f"One-to-one ({p.staff_per_group} adults)"
        )
    text = f"Group of {p.group_size}"
    if p.staff_per_group > 1:
        text += f" ({p.staff_per_group} adults)"
    return text


def describe_duration(p: Provision, locale: str, review_date: dt.date | None = None) -> str:
    """How long a provision runs. A start after the review (``review_date``) is said
    alone: "From 12 February 2027, until the next review" read as if it ended before
    it began (Kai's lunchtime base, s17 re-read)."""
    if p.start and p.end:
        return f"{format_date(p.start, 'long', locale)} to {format_date(p.end, 'long', locale)}"
    if p.start and p.weeks:
        # its end from the term calendar, as the costing counts it: "12 weeks from
        # 14 September" left the reader to work out that it ends on 11 December
        end = end_after_weeks(p.start, p.weeks, default_term_calendar())
        return (
            f"{format_date(p.start, 'long', locale)} to {format_date(end, 'long', locale)} "
            f"({p.weeks} term-time weeks)"
        )
    if p.start:
        if review_date is not None and review_date <= p.start:
            return f"From {format_date(p.start, 'long', locale)}"
        return f"From {format_date(p.start, 'long', locale)}, until the next review"
    if p.weeks:
        return plural(p.weeks, "week")
    return "Until the next review"


def need_rows(case: Case) -> list[dict[str, Any]]:
    """Needs in rank order (primary first), with census codes spelled out."""
    ranked = sorted(case.needs, key=lambda n: n.rank or 3)
    return [_need_row(n, case) for n in ranked]


def diagnosed_as(case: Case, n: Need) -> str:
    """The case's own diagnosis wording for an autistic need ("Autism spectrum
    condition"), where the census label ("Autistic spectrum disorder") would put a
    second name beside the diagnosis (Jordan, s18 I); "" when there is none."""
    if n.sen_type is None or n.sen_type.value != "ASD":
        return ""
    return next((d.condition for d in case.diagnoses if "autis" in d.condition.casefold()), "")


def _need_row(n: Need, case: Case | None = None) -> dict[str, Any]:
    return {
        "area": n.area.label,
        # the census code, as it is written in prose ("SpLD", never "SPLD")
        "code": ("SpLD" if n.sen_type.value == "SPLD" else n.sen_type.value) if n.sen_type else "",
        "type": (diagnosed_as(case, n) if case else "") or (n.sen_type.label if n.sen_type else ""),
        "rank": {1: "Primary need", 2: "Secondary need"}.get(n.rank or 0, ""),
        "description": suspected_prefix(n.suspected, n.description) + n.description,
        "suspected": n.suspected,
    }


def suspected_prefix(suspected: bool, description: str) -> str:
    """ "Suspected, not yet assessed. " before a suspected need's description, unless
    the school's own words already say it is suspected: Kai's plan read "Suspected, not
    yet assessed. … not yet assessed by an occupational therapist." (s18 C)."""
    if not suspected or "suspected" in description.casefold():
        return ""
    return "Suspected, not yet assessed. "


def needs_by_area(case: Case) -> list[dict[str, Any]]:
    """Needs grouped under the four broad areas, in the Code's order."""
    groups = []
    for area in AreaOfNeed:
        needs = [n for n in case.needs if n.area is area]
        if needs:
            groups.append({"area": area.label, "needs": [_need_row(n, case) for n in needs]})
    return groups


def outcome_rows(cycle: ReviewCycle, locale: str) -> list[dict[str, Any]]:
    return [_outcome_row(i, o, locale) for i, o in enumerate(cycle.outcomes, start=1)]


def _outcome_row(number: int, o: Outcome, locale: str) -> dict[str, Any]:
    return {
        "number": number,
        "outcome": o.outcome,
        "area": o.area.label if o.area else "",
        "baseline": o.baseline or "",  # an empty cell, never "Not recorded"
        "success_criteria": o.success_criteria or "To be agreed",
        "target_date": format_date(o.target_date, "long", locale)
        if o.target_date
        else "To be agreed",
        "responsible": line_start(o.responsible or "Class teacher"),  # a cell's start
        "status": o.status.label,
        "evidence": o.evidence or "",
    }


def outcome_links(cycle: ReviewCycle) -> dict[int, str]:
    """``id(provision)`` → "1, 2": the numbers of the outcomes each provision serves."""
    return {id(p): ", ".join(str(n) for n in p.outcomes) for p in cycle.provision}


def served_outcomes(p: Provision, cycle: ReviewCycle) -> list[dict[str, Any]]:
    """The outcomes ``p`` serves, by number and in the plan's words (empty when the case
    links none: ``validate`` warns, and the document prints nothing in their place). A plan
    with a single outcome needs no links: all its support serves that outcome."""
    if not p.outcomes and len(cycle.outcomes) == 1:
        return [{"number": 1, "outcome": cycle.outcomes[0].outcome}]
    return [
        {"number": n, "outcome": cycle.outcomes[n - 1].outcome}
        for n in p.outcomes
        if 1 <= n <= len(cycle.outcomes)
    ]


def describe_status(
    p: Provision, as_of: dt.date, locale: str, plan_start: dt.date | None = None
) -> str:
    """One status per provision, as it stands on ``as_of`` (the later of the plan's start
    and the date the document is written): a start already past is "In place since …",
    never "Planned"; "Planned, from …" only for a start still to come; "Stopped on …"."""
    status = p.status_on(as_of)
    if status is ProvisionStatus.PLANNED:
        return f"Planned, from {format_date(p.start, 'long', locale)}" if p.start else "Planned"
    if status is ProvisionStatus.STOPPED:
        return f"Stopped on {format_date(p.end, 'long', locale)}" if p.end else "Stopped"
    # no start of its own: it runs from the plan's start, never "since" the writing date
    since = p.start or plan_start or as_of
    return f"In place since {format_date(since, 'long', locale)}"


def partly_advice(case: Case, p: Provision) -> str | None:
    """What is still missing when advice this provision carries out is only partly in
    place (``delivered: partly``, linked by ``provision:`` to the intervention's name):
    the note ("" when the case gives none), or None when no such advice exists."""
    found = _partly_advice(case, p)
    return found[1] if found else None


def _partly_advice(case: Case, p: Provision) -> tuple[str, str] | None:
    """(who advised, the note) for advice this provision only partly carries out."""
    for professional in case.professionals:
        for rec in professional.recommendations:
            if rec.delivered == "partly" and rec.provision == p.intervention:
                return professional.name, (rec.note or "").strip()
    return None


def section_f_status(status: str, p: Provision) -> str:
    """The status against the EHC plan's Section F item(s) the provision delivers:
    "In place since … (Section F1)". Whether wider advice is fully in place is a
    separate line of the row (``missing``), never folded into this status."""
    if not p.section_f or not status.startswith("In place"):
        return status
    items = ", ".join(f"F{n}" for n in p.section_f)
    return f"{status} (Section {items})"


_COUNCIL_SUFFIX = re.compile(
    r"\s+(?:(?:Metropolitan\s+)?Borough|County|City|District)?\s*Council$", re.IGNORECASE
)


def short_council_name(name: str) -> str:
    """ "Anyshire County Council" → "Anyshire", for a narrow cell; a name with no such
    ending ("Royal Borough of Kingston upon Thames") is kept whole."""
    short = _COUNCIL_SUFFIX.sub("", name).strip()
    return short or name


def dates_phrase(days: list[dt.date], locale: str) -> str:
    """Dates in order, the year said once for a run in one year: "14 September and
    5 October 2026"; "20 December 2026 and 4 January 2027" across a year's end."""
    ordered = sorted(set(days))
    words = []
    for i, day in enumerate(ordered):
        full = format_date(day, "long", locale)
        last_of_year = i == len(ordered) - 1 or ordered[i + 1].year != day.year
        words.append(full if last_of_year else full.removesuffix(f" {day.year}"))
    return format_list(words)


def section_f_not_in_place(case: Case, p: Provision, locale: str) -> tuple[str, str]:
    """A Section F item not yet in place: (a short status, the explanation). The status
    fits the plan's narrow Status column ("Not in place. Requested 14 September 2026.
    Anyshire County Council must secure F2 (s.42)."); the explanation, for the row's
    first column, says who was asked to arrange it and when (``requested_from``,
    ``requested_on``) and that the local authority must secure it (s.42 CAFA 2014):
    "As the therapy service decides · Planned" named nobody acting (Sami, s17 F1), and
    the whole sentence in the Status cell ran to ~30 one-word lines (s18 H). Without a
    request recorded only the duty is said (``validate`` warns)."""
    items = ", ".join(f"F{n}" for n in p.section_f)
    la = case.local_authority.name
    duty = (
        f"{la} must secure the support in Section {items} "
        "(section 42 of the Children and Families Act 2014)."
    )
    short_duty = f"{short_council_name(la)} must secure {items} (s.42)."
    if p.requested_from and p.requested_on:
        asked = format_date(p.requested_on, "long", locale)
        # every request and chase the case records, not the first alone: "Requested
        # 14 September 2026" hid the requests of 5 October and 2 November (Sami, s19 A3)
        requested = dates_phrase([p.requested_on, *p.requested_again_on], locale)
        chased = f"; chased {dates_phrase(p.chased_on, locale)}" if p.chased_on else ""
        return (
            f"Not in place. Requested {requested}{chased}. {short_duty}",
            f"Not yet in place: we asked {p.requested_from} on {asked} to arrange it. {duty}",
        )
    return f"Not in place. {short_duty}", f"Not yet in place. {duty}"


def _status_and_missing(
    case: Case, p: Provision, as_of: dt.date, locale: str
) -> tuple[str, str, str, str]:
    """The provision's own status (from its dates), separately what wider advice it
    carries out is still missing and whose advice it is ("" and "" when none), and for
    a Section F item not yet in place the explanation its short status leaves out."""
    status = section_f_status(describe_status(p, as_of, locale, case.current_cycle.start), p)
    if p.section_f and p.status_on(as_of) is ProvisionStatus.PLANNED:
        status, note = section_f_not_in_place(case, p, locale)
        return status, "", "", note
    found = _partly_advice(case, p)
    if found is None or not status.startswith("In place"):
        return status, "", "", ""
    # run on after "… only partly in place: " and closed with a full stop by the plan
    # (Amara's "…, not daily" ended with none, s19 #5)
    return status, mid_sentence(found[1].rstrip(". ")), found[0], ""


def provision_rows(
    case: Case, options: RenderOptions, costing: PupilCosting | None = None
) -> list[dict[str, Any]]:
    """Each provision of the current plan as a plan prints it: who, how often, how long,
    its one status, the outcomes it serves, and its hours and cost from the pupil's
    provision map costing (:func:`~sendocs.documents.pupil_costing.pupil_costing`: the
    plan's period, its term-time weeks, the same rounding), so no document prints a
    figure for a line that the map prints differently."""
    cycle = case.current_cycle
    locale = options.locale
    costed = costed_by_provision(costing or pupil_costing(case, options))
    links = outcome_links(cycle)
    # status as it stands when the document is written (never before the plan starts)
    as_of = max(cycle.start, options.document_date)
    rows = []
    for p in cycle.provision:
        item = costed[id(p)]
        status, missing, missing_by, not_in_place = _status_and_missing(case, p, as_of, locale)
        rows.append(
            {
                "intervention": p.intervention,
                "description": p.description or "",
                "area": p.area.label,
                # starts its cell: "Learning mentor", however it was typed (s19 #9)
                "who": line_start(p.delivered_by)
                + (f" ({p.staff_name})" if p.staff_name else ""),
                "group": describe_group(p),
                "frequency": describe_frequency(p),
                "frequency_in_all": describe_frequency_in_all(p),
                "weekly_time": weekly_time(p.weekly_minutes),
                "duration": describe_duration(p, locale, cycle.review_date),
                "setting": p.setting.label,
                "status": status,
                # what the advice says is still missing ("" when fully in place)
                "missing": missing,
                # whose advice that is (a name), "" when none is missing
                "missing_by": missing_by,
                # a Section F item not in place: who was asked, and the duty (s18 H)
                "not_in_place": not_in_place,
                # ordinary class teaching: listed apart in the plan, no time or cost
                "class_teaching": p.is_class_teaching,
                "schedule": p.schedule or "",
                "next_steps": p.next_steps or "",
                "section_f": list(p.section_f),
                "outcomes": links.get(id(p), ""),
                "serves": served_outcomes(p, cycle),
                "weeks_text": item.weeks.basis,
                "weeks_count": item.weeks.count,
                "annual_cost": item.pupil_share,
                "pupil_share": item.pupil_share,
                "hours_per_year": format_number(item.hours_per_year),
                "hours_text": line_hours_text(item),  # the map's words: class teaching adds none
                "hours_per_year_text": line_hours_text(item),
            }
        )
    return rows

"""Building the whole-school map from pupils' current plans, and why pupils are flagged.

Interventions are grouped across pupils by name and broad area of need; each
pupil's yearly cost is set against the notional SEN budget. The flag
explanation and the line for provision not started live here, beside the rules
they explain, so the Word document and the workbook give the same careful wording.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from decimal import Decimal

from sendocs.costing import (
    NOTIONAL_SEN_BUDGET,
    CostPeriod,
    cost_provision,
    leaving_date,
    school_year_period,
    top_up_sentence,
)
from sendocs.dates.terms import TermCalendar, default_term_calendar
from sendocs.errors import Problem, SendocsError
from sendocs.formatting import DEFAULT_LOCALE, format_date, format_money
from sendocs.loading import LoadedCase
from sendocs.models import AreaOfNeed, Case, Provision
from sendocs.provenance import case_sha256
from sendocs.school_map.model import (
    InterventionLine,
    PupilCost,
    PupilProvision,
    SchoolProvisionMap,
)

__all__ = [
    "TOP_UP_NOTE",
    "build_school_map",
    "flag_explanation",
    "not_started_line",
    "school_key",
    "short_date",
    "split_by_school",
    "top_up_line",
]


def school_key(case: Case) -> str:
    """Which school a case belongs to: its URN when given, else its name (case and
    spacing ignored). A whole-school map holds one school's pupils only."""
    if case.school.urn:
        return f"urn:{case.school.urn}"
    return "name:" + " ".join(case.school.name.split()).casefold()


def split_by_school(
    cases: Iterable[LoadedCase | Case],
) -> list[list[LoadedCase | Case]]:
    """The cases grouped by school (:func:`school_key`), schools in the order first met.

    A provision map is one school's document: sending a map that lists another
    school's pupils, or adds their budgets together, discloses their data. Callers
    make one map per group.
    """
    groups: dict[str, list[LoadedCase | Case]] = {}
    for item in cases:
        case = item.case if isinstance(item, LoadedCase) else item
        groups.setdefault(school_key(case), []).append(item)
    return list(groups.values())


def _intervention_key(p: Provision) -> tuple[str, AreaOfNeed]:
    return " ".join(p.intervention.split()).casefold(), p.area


def build_school_map(
    cases: Iterable[LoadedCase | Case],
    *,
    weeks_per_year: int = 38,
    budget: Decimal = NOTIONAL_SEN_BUDGET,
    left_out: Sequence[Problem] = (),
    calendar: TermCalendar | None = None,
    on: dt.date | None = None,
    period: CostPeriod | None = None,
) -> SchoolProvisionMap:
    """Aggregate the current plan of every case into a whole-school map.

    Interventions with the same name (ignoring case and spacing) and broad
    area of need are one line. Each provision is costed over the weeks it runs
    (:func:`sendocs.costing.cost_provision`: its ``weeks``, or its dates in
    term-time weeks from ``calendar``; ``weeks_per_year`` only when it runs all
    year), inside ``period``: by default the school year holding ``on``
    (default today), first to last day of term, so every pupil is costed over
    the same dates whatever their plan's review date; a pupil's provision stops
    at their leaving date (:func:`sendocs.costing.leaving_date`). ``left_out``
    records inputs that could not be read, so the documents can say the map is
    incomplete.

    Every case must be at the same school (:func:`school_key`): one map never
    lists two schools' pupils or adds up their budgets. Split a mixed set with
    :func:`split_by_school` first; a mixed set is refused here.
    """
    calendar = calendar or default_term_calendar()
    period = period or school_year_period(on or dt.date.today(), calendar)
    digest = hashlib.sha256()
    if weeks_per_year < 1 or weeks_per_year > 52:
        raise SendocsError(f"weeks per year must be between 1 and 52, not {weeks_per_year}")
    cases = list(cases)
    if len(split_by_school(cases)) > 1:
        names = sorted({(c.case if isinstance(c, LoadedCase) else c).school.name for c in cases})
        raise SendocsError(
            f"these pupils are at {len(names)} different schools ({', '.join(names)}); "
            "a provision map is made for one school, so make one map per school"
        )
    college = any(
        (c.case if isinstance(c, LoadedCase) else c).school.setting_type.is_college for c in cases
    )
    lines: dict[tuple[str, AreaOfNeed], InterventionLine] = {}
    class_teaching: list[PupilProvision] = []
    not_started: list[PupilProvision] = []
    pupils: list[PupilCost] = []
    schools: list[str] = []
    for index, item in enumerate(cases):
        case = item.case if isinstance(item, LoadedCase) else item
        digest.update(case_sha256(case).encode())
        source = item.source if isinstance(item, LoadedCase) else f"case {index + 1}"
        child = case.child
        name = child.full_name
        if case.school.name not in schools:
            schools.append(case.school.name)
        total = Decimal(0)
        minutes = Decimal(0)
        provision = case.current_cycle.provision
        leaving, _ = leaving_date(child)
        for p in provision:
            costed = cost_provision(
                p,
                calendar,
                weeks_per_year,
                period=period,
                leaving=leaving,
                plan_start=case.current_cycle.start,
            )
            cost = costed.pupil_share
            entry = PupilProvision(
                pupil=name,
                year_group=child.year_group,
                year_label=child.year_label,
                source=source,
                provision=p,
                costed=costed,
            )
            if p.not_started:
                # asked for, not started (no amount set, no sessions yet): named, not
                # costed, not counted as an intervention
                not_started.append(entry)
                continue
            if costed.is_class_teaching:
                # ordinary class teaching: listed apart, no cost, no time, not counted
                if costed.weeks.weeks:
                    class_teaching.append(entry)
                continue
            key = _intervention_key(p)
            if key not in lines:
                lines[key] = InterventionLine(intervention=p.intervention.strip(), area=p.area)
            lines[key].entries.append(entry)
            total += cost
            if costed.adds_time:  # class teaching and in-lesson resources add no time
                minutes += p.weekly_minutes
        primary = case.primary_need
        pupils.append(
            PupilCost(
                pupil=name,
                year_group=child.year_group,
                year_label=child.year_label,
                source=source,
                primary_area=(primary.area.label if primary else case.needs[0].area.label),
                interventions=sum(
                    1 for p in provision if not p.is_class_teaching and not p.not_started
                ),
                weekly_minutes=minutes,
                total=total,
                budget=budget,
                ehc_plan=case.has_ehc_plan,
                top_up=_top_up(case),
            )
        )
    area_order = {area: i for i, area in enumerate(AreaOfNeed)}
    ordered = sorted(
        lines.values(), key=lambda line: (area_order[line.area], line.intervention.casefold())
    )
    for line in ordered:
        line.entries.sort(key=lambda e: (e.year_group, e.pupil.casefold()))
    pupils.sort(key=lambda p: (p.year_group, p.pupil.casefold()))
    return SchoolProvisionMap(
        interventions=ordered,
        pupils=pupils,
        weeks_per_year=weeks_per_year,
        budget=budget,
        schools=schools,
        left_out=list(left_out),
        case_sha256=digest.hexdigest(),
        period=period,
        class_teaching=sorted(
            class_teaching,
            key=lambda e: (e.year_group, e.pupil.casefold(), e.provision.intervention),
        ),
        college=college,
        not_started=not_started,
    )


def _top_up(case: Case) -> str:
    """The case's own record of top-up funding agreed, as a sentence; else nothing."""
    record = case.top_up_funding
    if record is None:
        return ""
    text = top_up_sentence(
        record.amount,
        record.agreed_on,
        record.agreed_by or case.local_authority.name,
        ehc_plan=case.has_ehc_plan,
    ).removesuffix(".")
    # it follows "; " in a pupil's line: "Top-up funding …" is said mid-sentence there
    return text[0].lower() + text[1:] if case.has_ehc_plan else text


def flag_explanation(budget: Decimal = NOTIONAL_SEN_BUDGET, locale: str = DEFAULT_LOCALE) -> str:
    """Why pupils are flagged, worded as domain brief §2 requires: a threshold per pupil,
    not a per-pupil allocation, and not a test for an EHC needs assessment."""
    amount = format_money(budget, locale).removesuffix(".00")
    return (
        f"A mainstream school is expected to meet the first {amount} a year of a pupil’s "
        "additional support from its notional SEN budget (element 2; SEND Code of Practice "
        f"6.95\u20136.99). {amount} is a threshold for each pupil, not an amount set aside for "
        "each pupil. Where a pupil’s costed provision goes above it, the school may ask the local "
        "authority for high-needs top-up funding (element 3). It is not a condition for an "
        "EHC needs assessment: a local authority must assess a child who has or may have "
        "special educational needs and may need provision through an EHC plan "
        "(Children and Families Act 2014, s.36(8)), whatever their support costs, and must "
        "not require a school to have spent it first."
    )


TOP_UP_NOTE = (
    "the local authority sets top-up funding itself: it is not worked out from the costs "
    "in this map"
)
"""Why a pupil below the threshold can have top-up agreed (element 3 is the local
authority's decision, domain brief §2): said beside the top-up lines in the Word map and
the workbook's Notes."""

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def short_date(day: dt.date) -> str:
    """ "7 Sep 2026": the workbook's date format (``d mmm yyyy``), so the Word map and the
    workbook print a date alike (babel's en_GB abbreviation is "Sept", Excel's "Sep")."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def top_up_line(p: PupilCost) -> str:
    """ "Sami Ahmed (Year 4, EHC plan): top-up funding (element 3) agreed under the EHC
    plan: £2,870.00 a year, agreed by … on 2 October 2026.": the case's own record, in the
    same words in the Word map and the workbook's Notes."""
    ehc = ", EHC plan" if p.ehc_plan else ""
    return f"{p.pupil} ({p.year_label}{ehc}): {p.top_up}."


def not_started_line(e: PupilProvision, locale: str = DEFAULT_LOCALE) -> str:
    """ "Sami Ahmed (Y3): Speech and language therapy – not started, requested from … on
    14 September 2026; no amount set in Section F; not counted"."""
    p = e.provision
    asked = (
        f", requested from {p.requested_from} on {format_date(p.requested_on, 'long', locale)}"
        if p.requested_from and p.requested_on
        else ""
    )
    section_f = "; no amount set in Section F" if p.section_f else ""
    return (
        f"{e.pupil} ({e.year_label.replace('Year ', 'Y')}): {p.intervention} \u2013 not "
        f"started{asked}{section_f}; not counted"
    )

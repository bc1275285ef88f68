"""Soft checks: things that are allowed but a careful SENCO would want to know.

Errors stop a document; warnings are printed with their location and the
document is still made. Nothing here is ever silent.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sendocs.models.case import Case
from sendocs.models.vocabulary import OutcomeStatus, ProvisionStatus, SenProvision, SenType


@dataclass(frozen=True)
class CaseWarning:
    """A warning about a case; ``path`` is the field path as in the case file."""

    path: tuple[str | int, ...]
    message: str


def expected_year_group(date_of_birth: dt.date, on: dt.date) -> int:
    """The National Curriculum year for a child's age on a date (0 = Reception).

    Children born 1 September to 31 August form one cohort, which starts
    Reception in the September after its oldest members turn 4.
    """
    cohort_start = date_of_birth.year if date_of_birth.month >= 9 else date_of_birth.year - 1
    academic_year = on.year if on.month >= 9 else on.year - 1
    return academic_year - (cohort_start + 5)


def check_case(case: Case, today: dt.date | None = None) -> list[CaseWarning]:
    """Every warning for a case, in file order."""
    today = today or dt.date.today()
    warnings: list[CaseWarning] = []
    child = case.child

    expected = expected_year_group(child.date_of_birth, today)
    if child.year_group != expected:
        warnings.append(
            CaseWarning(
                ("child", "year_group"),
                f"a child born on {child.date_of_birth:%d/%m/%Y} would usually be in "
                f"{_year_label(expected)} now, not {child.year_label}; check the date of birth "
                "(fine if the child is taught out of year group)",
            )
        )

    warnings.extend(_name_warnings(case))
    warnings.extend(_address_warnings(case))
    warnings.extend(_setting_warnings(case))
    if (
        case.school.setting_type.s68_applies
        and case.sen_status is SenProvision.SEN_SUPPORT
        and not case.school.sen_information_report_url
    ):
        # the s.68 letter points parents to it; without it the letter says nothing (s18 D)
        warnings.append(
            CaseWarning(
                ("school", "sen_information_report_url"),
                "no sen_information_report_url: the letter to parents cannot point them to "
                "the school's SEN information report (s.69 CAFA 2014, published on its "
                "website); give its web address",
            )
        )
    warnings.extend(_dpo_warnings(case))
    warnings.extend(_parent_views_warnings(case, today))
    warnings.extend(_retention_warnings(case))
    warnings.extend(_recommendation_warnings(case))
    warnings.extend(_typed_age_warnings(case))
    if case.has_ehc_plan and case.ehc_plan is None:
        warnings.append(
            CaseWarning(
                ("ehc_plan",),
                "sen_status is E but no ehc_plan (issued, last_review, section_e) is given: "
                "the plan cannot show the annual review date or the Section E outcomes",
            )
        )

    if case.has_ehc_plan and case.top_up_funding is None:
        # a map never prints a to-do for the council: it says nothing, and the user is told
        warnings.append(
            CaseWarning(
                ("top_up_funding",),
                "the pupil has an EHC plan but no top_up_funding is recorded: provision maps "
                "say nothing of high-needs top-up (element 3); confirm it with the council's "
                "high-needs team and give top_up_funding (amount a year, agreed_on, agreed_by)",
            )
        )

    warnings.extend(_plan_link_warnings(case))

    if not any(n.rank == 1 for n in case.needs):
        warnings.append(
            CaseWarning(("needs",), "no need has rank 1: the census needs a primary need")
        )
    for i, need in enumerate(case.needs):
        if need.sen_type and need.sen_type.area and need.sen_type.area is not need.area:
            warnings.append(
                CaseWarning(
                    ("needs", i, "sen_type"),
                    f"{need.sen_type.value} ({need.sen_type.label}) is usually under "
                    f"'{need.sen_type.area.label}', not '{need.area.label}'",
                )
            )
        if need.sen_type is SenType.NSA and case.sen_status is not SenProvision.SEN_SUPPORT:
            warnings.append(
                CaseWarning(
                    ("needs", i, "sen_type"),
                    "NSA is normally used only for pupils on SEN support (K) "
                    "(census rule not verified; check your census guidance)",
                )
            )

    for c, cycle in enumerate(case.cycles):
        is_current = c == len(case.cycles) - 1
        if not cycle.outcomes:
            warnings.append(CaseWarning(("cycles", c, "outcomes"), "this plan has no outcomes"))
        for o, outcome in enumerate(cycle.outcomes):
            path: tuple[str | int, ...] = ("cycles", c, "outcomes", o)
            missing = [
                name
                for name, value in (
                    ("success_criteria", outcome.success_criteria),
                    ("target_date", outcome.target_date),
                )
                if not value
            ]
            if missing:
                warnings.append(
                    CaseWarning(
                        path,
                        "outcome is not SMART: no "
                        + " or ".join(m.replace("_", " ") for m in missing)
                        + f" ({_short(outcome.outcome)})",
                    )
                )
            if outcome.target_date and outcome.target_date < cycle.start:
                warnings.append(
                    CaseWarning((*path, "target_date"), "target date is before the plan started")
                )
            if not is_current and cycle.review and outcome.status is OutcomeStatus.NOT_YET_REVIEWED:
                warnings.append(
                    CaseWarning(
                        (*path, "status"),
                        "this cycle was reviewed but the outcome has no status "
                        "(met, partly_met or not_met)",
                    )
                )
        if not is_current and cycle.review is None:
            warnings.append(
                CaseWarning(
                    ("cycles", c, "review"),
                    "an earlier cycle has no review record (Code 6.54-6.56)",
                )
            )
        if not cycle.provision:
            warnings.append(CaseWarning(("cycles", c, "provision"), "this plan lists no provision"))
        if is_current and not cycle.pupil_views:
            warnings.append(
                CaseWarning(("cycles", c, "pupil_views"), "the current plan has no pupil views")
            )
        if is_current and not cycle.parent_views and not cycle.parent_views_each:
            warnings.append(
                CaseWarning(("cycles", c, "parent_views"), "the current plan has no parent views")
            )
        if is_current:
            # the plan and its letters promise results "by the review": an outcome due
            # after the review contradicts that (expert read, Niamh and Elena)
            for o_i, outcome in enumerate(cycle.outcomes):
                if outcome.target_date and outcome.target_date > cycle.review_date:
                    warnings.append(
                        CaseWarning(
                            ("cycles", c, "outcomes", o_i, "target_date"),
                            f"outcome {o_i + 1} is due on {outcome.target_date}, after the "
                            f"review on {cycle.review_date}; set it on or before the review "
                            "date, or move the review",
                        )
                    )
    return warnings


def _plan_link_warnings(case: Case) -> list[CaseWarning]:
    """The current plan must hang together: it starts on or after the EHC plan it is
    written against, each provision names the outcome(s) it serves, and each step
    towards a Section E outcome names one that exists."""
    c = len(case.cycles) - 1
    cycle = case.current_cycle
    warnings = []
    plan = case.ehc_plan if case.has_ehc_plan else None
    if plan is not None and cycle.start < plan.issued:
        warnings.append(
            CaseWarning(
                ("cycles", c, "start"),
                f"the support plan starts on {cycle.start:%d/%m/%Y}, before the EHC plan it "
                f"is written against was issued ({plan.issued:%d/%m/%Y}); start it on or after "
                "the EHC plan's date (or keep the earlier plan as the previous cycle)",
            )
        )
    # With one outcome all the support serves it. A source that records no links at all
    # (an MIS export without the column) is not warned row by row; a plan that links some
    # provision and not the rest has most likely forgotten one.
    if len(cycle.outcomes) > 1 and any(p.outcomes for p in cycle.provision):
        for i, p in enumerate(cycle.provision):
            if not p.outcomes:
                warnings.append(
                    CaseWarning(
                        ("cycles", c, "provision", i, "outcomes"),
                        f"{p.intervention!r} does not say which outcome(s) it serves; add "
                        "'outcomes: [1]' (outcome numbers) so the plan can show why it is given",
                    )
                )
    warnings.extend(_section_f_warnings(case, c))
    count = len(plan.section_e) if plan is not None else 0
    for o, outcome in enumerate(cycle.outcomes):
        if outcome.ehc_outcome is not None and outcome.ehc_outcome > count:
            warnings.append(
                CaseWarning(
                    ("cycles", c, "outcomes", o, "ehc_outcome"),
                    f"is a step towards Section E outcome {outcome.ehc_outcome}, but the EHC "
                    f"plan lists {count} Section E outcome(s); the link is left out",
                )
            )
    return warnings


def _section_f_warnings(case: Case, c: int) -> list[CaseWarning]:
    """Every EHC plan Section F item is delivered by a support row of the current plan
    (``provision[].section_f``), and every link names an item that exists."""
    plan = case.ehc_plan if case.has_ehc_plan else None
    if plan is None or not plan.section_f:
        return []
    warnings = []
    numbers = [n for n, _ in plan.section_f_items]
    linked = {n for p in case.current_cycle.provision for n in p.section_f}
    for i, (n, item) in enumerate(plan.section_f_items):
        if n not in linked:
            warnings.append(
                CaseWarning(
                    ("ehc_plan", "section_f", i),
                    f"Section F item {n} ({_short(item)!r}) is delivered by no support in the "
                    f"current plan; add it as provision with 'section_f: [{n}]', or add "
                    f"{n} to the section_f list of the support that delivers it",
                )
            )
    start = case.current_cycle.start
    for i, p in enumerate(case.current_cycle.provision):
        # a Section F item not yet in place: the plan must say who was asked to arrange
        # it and when, as the LA must secure it (s.42 CAFA 2014; s17 F1)
        if (
            p.section_f
            and p.status_on(start) is ProvisionStatus.PLANNED
            and not (p.requested_from and p.requested_on)
        ):
            warnings.append(
                CaseWarning(
                    ("cycles", c, "provision", i),
                    f"{p.intervention!r} delivers Section F but is not yet in place; add "
                    "'requested_from' (who you asked to arrange it) and 'requested_on' (when), "
                    "so the plan says who is acting on it",
                )
            )
        for n in p.section_f:
            if n not in numbers:
                listed = ", ".join(f"F{m}" for m in numbers)
                warnings.append(
                    CaseWarning(
                        ("cycles", c, "provision", i, "section_f"),
                        f"names Section F item {n}, but the EHC plan lists {listed}; the link "
                        "is left out",
                    )
                )
    return warnings


def _address_warnings(case: Case) -> list[CaseWarning]:
    """A parent who gets letters (parental responsibility, or everyone when nobody is
    marked) with neither a postal address nor an email: their letter cannot be sent, and
    sendocs never assumes they live at another parent's address. A parent with only an
    email needs no warning: their letter says "By email to …"."""
    warnings = []
    with_pr = any(p.parental_responsibility for p in case.parents)
    for i, parent in enumerate(case.parents):
        if not parent.receives_letters or (with_pr and not parent.parental_responsibility):
            continue
        if (parent.address is not None and parent.address.all_lines) or parent.email:
            continue
        warnings.append(
            CaseWarning(
                ("parents", i, "address"),
                f"{parent.formal_name} has no address or email in the case, so their letters "
                "carry no address (sendocs never assumes a parent lives at another parent's "
                "address): add one, or give the letter by hand",
            )
        )
    return warnings


def _dpo_warnings(case: Case) -> list[CaseWarning]:
    """The data protection officer named on consent forms is the SENCO: a DPO must not
    hold a post that decides what personal data is used for (UK GDPR Art 38(6)), and the
    SENCO decides what SEND information is shared. A warning for the school, never text
    in a form."""
    dpo, senco = case.school.data_protection_officer, case.school.senco
    if dpo is None or senco is None:
        return []
    same_name = " ".join(dpo.name.casefold().split()) == " ".join(senco.name.casefold().split())
    dpo_email = getattr(dpo, "email", None)
    same_email = bool(dpo_email) and dpo_email == getattr(senco, "email", None)
    if not (same_name or same_email):
        return []
    return [
        CaseWarning(
            ("school", "data_protection_officer"),
            f"the data protection officer ({dpo.name}) is also the SENCO: a DPO must have "
            "no conflict of interest (UK GDPR Art 38(6)), and the SENCO decides what SEND "
            "information is shared; name the school's (or trust's) DPO instead",
        )
    ]


def _retention_warnings(case: Case) -> list[CaseWarning]:
    """Consent forms say how long the signed form and what is shared are kept (UK GDPR
    Art 13(2)(a)); sendocs never invents a period, so without one the form points to the
    school's retention schedule and this warning asks for the period."""
    given = case.school.data_protection.retention if case.school.data_protection else None
    if given and given.strip():
        return []
    return [
        CaseWarning(
            ("school", "data_protection", "retention"),
            "no retention period for consent forms: the form says 'for as long as our "
            "records retention schedule says for pupils' SEN records'; add the period "
            "from the school's retention schedule, in words for the family (e.g. 'until "
            "<the child's first name> is 25')",
        )
    ]


def _recommendation_warnings(case: Case) -> list[CaseWarning]:
    """A professional's recommendation the case says is in place must match the plan."""
    cycle = case.current_cycle
    by_name = {" ".join(p.intervention.split()).casefold(): p for p in cycle.provision}
    warnings = []
    for i, prof in enumerate(case.professionals):
        for r, rec in enumerate(prof.recommendations):
            if rec.provision is None:
                continue
            path: tuple[str | int, ...] = ("professionals", i, "recommendations", r)
            found = by_name.get(" ".join(rec.provision.split()).casefold())
            if found is None:
                warnings.append(
                    CaseWarning(
                        (*path, "provision"),
                        f"names the intervention {rec.provision!r}, which is not in the "
                        "current plan's provision",
                    )
                )
                continue
            in_place = found.status_on(cycle.start) is ProvisionStatus.IN_PLACE
            if rec.delivered in (True, "partly") and not in_place:
                warnings.append(
                    CaseWarning(
                        (*path, "delivered"),
                        f"{prof.name}'s recommendation is marked "
                        f"{'delivered' if rec.delivered is True else 'partly delivered'}, but "
                        f"{found.intervention!r} is {found.status_on(cycle.start).label.lower()} "
                        "in the current plan",
                    )
                )
            if rec.delivered is False and in_place:
                # the plan would print "not yet in place" beside the same support running
                warnings.append(
                    CaseWarning(
                        (*path, "delivered"),
                        f"{prof.name}'s recommendation is marked not delivered, but "
                        f"{found.intervention!r} is in place in the current plan; mark it "
                        "'delivered: partly' and say what is missing in 'note:', or "
                        "'delivered: true'",
                    )
                )
            if rec.delivered == "partly" and not rec.note:
                warnings.append(
                    CaseWarning(
                        (*path, "note"),
                        f"{prof.name}'s recommendation is partly delivered: say in 'note:' "
                        "what is not yet in place",
                    )
                )
    return warnings


_TYPED_AGE = re.compile(r"chronological age\s*(\d+)\s*y\s*(\d+)\s*m", re.IGNORECASE)


def _typed_age_warnings(case: Case) -> list[CaseWarning]:
    """A chronological age typed into attainment that is not the child's age at the
    cycle's start: plans compute it from the date of birth and print that instead."""
    born = case.child.date_of_birth
    warnings = []
    for c, cycle in enumerate(case.cycles):
        text = cycle.assess.attainment or ""
        on = cycle.start
        months = (on.year - born.year) * 12 + on.month - born.month - (on.day < born.day)
        for m in _TYPED_AGE.finditer(text):
            if (int(m.group(1)), int(m.group(2))) != divmod(max(months, 0), 12):
                years, rest = divmod(max(months, 0), 12)
                warnings.append(
                    CaseWarning(
                        ("cycles", c, "assess", "attainment"),
                        f"says {m.group(0)!r}, but a child born on {born:%d/%m/%Y} was "
                        f"{years}y {rest}m on {on:%d/%m/%Y}; give the reading age only, the "
                        "plan prints the chronological age from the date of birth",
                    )
                )
    return warnings


_SETTING_HINTS = ("college", "academy", "nursery", "pupil referral", "special school")


def _parent_views_warnings(case: Case, today: dt.date) -> list[CaseWarning]:
    """A young person's plan holds their parents' views only with their agreement: the
    plan leaves them out without a recorded date (Jordan, s18 I)."""
    child = case.child
    agreed = child.young_person_agreed_to_share_parent_views_on
    if today <= child.compulsory_school_age_ends or agreed:
        return []
    cycle = case.current_cycle
    if not (cycle.parent_views or cycle.parent_views_each):
        return []
    return [
        CaseWarning(
            ("child", "young_person_agreed_to_share_parent_views_on"),
            f"{child.known_as} is past compulsory school age and the plan is theirs: their "
            "parents' views are left out of it until young_person_agreed_to_share_parent_"
            f"views_on records the date {child.known_as} agreed to include them",
        )
    ]


def _setting_warnings(case: Case) -> list[CaseWarning]:
    """A setting whose name suggests another kind than the default ``maintained_school``.

    The type is never guessed from the name (it decides whether the s.68 letter
    applies); the user is only asked to state it.
    """
    school = case.school
    if "setting_type" in school.model_fields_set:
        return []
    name = school.name.lower()
    hint = next((word for word in _SETTING_HINTS if word in name), None)
    if hint is None and "trust" in school.model_dump_json().lower():
        # a trust named for the school (its DPO, its authority) while the school is left
        # a maintained school: letters signed "on behalf of the Governing Body" (s18 A3)
        return [
            CaseWarning(
                ("school", "setting_type"),
                "the school's details name a trust but no setting_type is given, so it is "
                "treated as a maintained school ('The Governing Body of' as the appropriate "
                "authority); if it is an academy, set setting_type: academy (the trust, as "
                "proprietor, is then the appropriate authority)",
            )
        ]
    if hint is None:
        return []
    return [
        CaseWarning(
            ("school", "setting_type"),
            f"the setting's name mentions '{hint}' but no setting_type is given, so it is "
            "treated as a maintained school (s.68 letter made, 'The Governing Body of' as "
            "the appropriate authority); state setting_type if it is another kind of setting",
        )
    ]


def _name_warnings(case: Case) -> list[CaseWarning]:
    """An old single ``name`` cannot give a greeting: say how to split it."""
    warnings = []
    for i, parent in enumerate(case.parents):
        if parent.has_structured_name:
            continue
        greeting = parent.greeting
        warnings.append(
            CaseWarning(
                ("parents", i, "name"),
                f"{parent.full_name!r} is one field, so letters greet '{greeting}' (the "
                "surname is never guessed); give it as 'forenames:' and 'surname:' instead "
                "(the surname exactly as the family writes it, e.g. 'de la Cruz' or "
                "'ap Gwilym'), with 'title:', and 'salutation:' if they prefer another greeting",
            )
        )
    return warnings


def _year_label(year: int) -> str:
    return {0: "Reception", -1: "Nursery"}.get(year, f"Year {year}")


def _short(text: str, limit: int = 50) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"

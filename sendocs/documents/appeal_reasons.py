"""The reasons for appeal, organised by the legal test of the appeal type.

Each appeal type has its skeleton (domain brief §5): the s.36(8) limbs for a
refusal to assess, s.37(1) for a refusal to issue, Sections B/F/I for a
contents appeal, s.45 for a cessation. Each ground becomes numbered
paragraphs closed by its pinpoint evidence references.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import partial
from typing import Any

from sendocs.documents.appeal_assessment import (
    la_reason_answers,
    la_reasons_summary,
    limb_one_paras,
    limb_one_summary,
    limb_two_paras,
    limb_two_summary,
    unanswered_reasons,
)
from sendocs.documents.appeal_deadline import LATE_HEADING, deadline_for, late_part
from sendocs.documents.appeal_evidence import citations
from sendocs.documents.appeal_paragraphs import (
    Appellants,
    Numberer,
    ReasonParagraph,
    ReasonPart,
    lower_first,
    upper_first,
)
from sendocs.documents.appeal_placement import (
    hsc_paras,
    placement_warnings,
    section_f_law,
    section_i_paras,
)
from sendocs.documents.base import RenderOptions
from sendocs.documents.letters import addressees
from sendocs.formatting import format_date, format_list, paragraphs
from sendocs.models import AppealType, Case, EvidenceRef, PlanSection, ProvisionStatus

__all__ = [
    "HSC_HEADING",
    "NOT_GROUNDS",
    "VIEWS_HEADING",
    "appellants",
    "child_views",
    "default_result_sought",
    "reasons_for_appeal",
    "reasons_warnings",
    "sections_phrase",
]

HSC_HEADING = "Health and social care recommendations (extended appeal)"
VIEWS_HEADING = "{name}\u2019s views"
_LA_HEADING = "The local authority\u2019s reasons, answered"
NOT_GROUNDS = ("Introduction", "Result sought", HSC_HEADING, LATE_HEADING)


def sections_phrase(sections: list[PlanSection]) -> str:
    """``Section B`` / ``Sections B, F and I``."""
    if not sections:
        return ""
    letters = format_list([s.value for s in sections])
    return f"Section {letters}" if len(sections) == 1 else f"Sections {letters}"


_SECTION_HEADINGS = {
    PlanSection.B: "Section B: special educational needs",
    PlanSection.F: "Section F: special educational provision",
    PlanSection.I: "Section I: placement",
}

_LIMB_HEADINGS = {
    1: "Limb (a): {name} has or may have special educational needs",
    2: "Limb (b): it may be necessary for special educational provision to be made "
    "through an EHC plan",
}


def appellants(case: Case) -> Appellants:
    """The appellant or appellants (parents with parental responsibility): named in full
    once, then by title and surname (:class:`Appellants`)."""
    parents = addressees(case)
    together = ""
    if len(parents) == 2 and all(p.title and p.surname for p in parents):
        first, second = parents
        if first.surname == second.surname:
            # "Mr and Mrs Ahmed": one surname, the titles in the usual order (Mr first)
            titles = sorted((first.title or "", second.title or ""), key=lambda t: t != "Mr")
            together = f"{titles[0]} and {titles[1]} {first.surname}"
    return Appellants(
        tuple(p.formal_name for p in parents),
        tuple(
            f"{p.title} {p.surname}" if p.title and p.surname else p.formal_name for p in parents
        ),
        together,
    )


def child_views(case: Case) -> str:
    """The child's own words about the appeal: given for it, else the latest recorded."""
    appeal = case.appeal
    if appeal is not None and appeal.child_views:
        return appeal.child_views.strip()
    for cycle in sorted(case.cycles, key=lambda c: c.start, reverse=True):
        for views in (cycle.review.pupil_views if cycle.review else None, cycle.pupil_views):
            if views is not None and views.strip():
                return views.strip()
    return (case.child.about_me or "").strip()


def default_result_sought(case: Case) -> str:
    """Standard wording for the result sought when the case gives none (edit it)."""
    appeal = case.appeal
    assert appeal is not None
    la, name = case.local_authority.name, case.child.full_name
    kind = appeal.appeal_type
    if kind is AppealType.REFUSAL_TO_ASSESS:
        return f"That the Tribunal orders {la} to carry out an EHC needs assessment for {name}."
    if kind is AppealType.REFUSAL_TO_ISSUE:
        return f"That the Tribunal orders {la} to make and maintain an EHC plan for {name}."
    if kind is AppealType.CONTENTS:
        sections = sections_phrase(appeal.sections) or "Section I"
        return (
            f"That the Tribunal orders {la} to amend {sections} of {name}\u2019s EHC plan as set "
            "out in these reasons and the working document."
        )
    if kind is AppealType.REFUSAL_TO_REASSESS:
        return f"That the Tribunal orders {la} to carry out a re-assessment of {name}\u2019s needs."
    if kind is AppealType.REFUSAL_TO_AMEND:
        return f"That the Tribunal orders {la} to amend {name}\u2019s EHC plan as set out here."
    return f"That the Tribunal orders {la} to continue to maintain {name}\u2019s EHC plan."


_PARENT_WORDS = ("mother", "father", "parent", "mum", "dad")


def _family(case: Case, who: Appellants) -> str:
    """Who takes part with the child (s.19): "his parents" when both appellants are the
    child's parents ("Sami and Mrs Ahmed and Mr Ahmed" stacks one "and" on another),
    else the appellants by name."""
    parents = addressees(case)
    if who.plural and all(
        any(w in (p.relationship or "").casefold() for w in _PARENT_WORDS) for p in parents
    ):
        first = (case.child.pronouns or "").split("/")[0].strip().casefold()
        owner = {"she": "her", "he": "his", "they": "their"}.get(
            first, f"{case.child.known_as}\u2019s"
        )
        return f"{owner} parents"
    return who.noun


def _ground_paras(
    numberer: Numberer, grounds: list[Any], case: Case, locale: str
) -> list[ReasonParagraph]:
    """Each ground as one or more numbered paragraphs; references close its last one."""
    out: list[ReasonParagraph] = []
    for ground in grounds:
        texts = paragraphs(ground.text) or [ground.text]
        for i, text in enumerate(texts):
            last = i == len(texts) - 1
            lead = (ground.title.rstrip(".") + ".") if ground.title and i == 0 else ""
            refs = citations(ground.evidence, case, locale) if last else ""
            out.append(numberer.para(text, lead, refs))
    return out


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else text + "."


def _section_summary(
    section: PlanSection, part: ReasonPart, grounds: list[Any], case: Case, who: Appellants
) -> str:
    """A contents ground in a sentence or two: the test that decides it and what the
    appellant says is wrong (the grounds' own titles, kept in their own words)."""
    titles = " ".join(_sentence(g.title) for g in grounds if g.title)
    appeal = case.appeal
    assert appeal is not None
    if section is PlanSection.I:
        school = appeal.preferred_school
        if school is None:
            return titles or "Section I must name a school or type of school."
        leads = {p.lead for p in part.paras}
        if "The test: section 39(4)." in leads:
            test = (
                f"{who.noun} asked for it and, as a school of a kind in section 38(3), it must "
                "be named unless section 39(4) applies, which it does not"
            )
            if "Section 33." in leads:
                test += "; section 33 also requires a mainstream school"
        elif "The test: section 33." in leads:
            test = (
                "section 33 requires a mainstream school, which is what "
                f"{who.noun} {who.verb('want', 'wants')}"
            )
        else:
            test = f"{who.noun} asked for it"
        return f"Section I should name {school.name}: {test}." + (f" {titles}" if titles else "")
    if section is PlanSection.F:
        law = "Section F must be detailed, specific and quantified (Code of Practice 9.69)"
        if any(p.lead == "Therapy belongs in Section F." for p in part.paras):
            law += ", and therapy that educates or trains belongs in it (section 21(5))"
        return f"{law}." + (f" {titles}" if titles else "")
    if titles or not part.paras:
        return titles
    return _sentence(part.paras[0].text.split(". ")[0])


def reasons_for_appeal(case: Case, options: RenderOptions) -> list[ReasonPart]:
    """The reasons, part by part, numbered throughout (domain brief §5 skeletons)."""
    appeal = case.appeal
    assert appeal is not None
    locale = options.locale
    n = Numberer()
    name, known_as, la = case.child.full_name, case.child.known_as, case.local_authority.name
    decided = format_date(appeal.decision.date_sent, "long", locale)
    who = appellants(case)
    verb = who.verb("appeal", "appeals")
    kind = appeal.appeal_type
    intro = ReasonPart("Introduction")
    parts = [intro]

    if kind is AppealType.REFUSAL_TO_ASSESS:
        intro.paras += [
            n.para(
                f"{who.named} {verb} against the decision of {la}, in its letter dated "
                f"{decided}, not to carry out an EHC needs assessment for {name}. The appeal is "
                "made under section 51(2)(a) of the Children and Families Act 2014."
                + _request_sentence(case, who, locale)
            ),
            n.para(
                "Under section 36(8) of the Act the local authority must secure an EHC needs "
                "assessment if (a) the child has or may have special educational needs, and "
                "(b) it may be necessary for special educational provision to be made for the "
                "child in accordance with an EHC plan. That is the only test: a higher "
                "threshold is not lawful. Both limbs are met, for the reasons below."
            ),
        ]
        for limb in (1, 2):
            part = ReasonPart(_LIMB_HEADINGS[limb].format(name=known_as))
            grounds = [g for g in appeal.grounds if g.limb == limb]
            if limb == 1:
                part.paras = limb_one_paras(n, case, locale)
                part.paras += _ground_paras(n, grounds, case, locale)
            else:
                part.paras = limb_two_paras(
                    n,
                    case,
                    options,
                    who,
                    partial(_ground_paras, n, grounds, case, locale),
                )
            part.summary = limb_one_summary(case, locale) if limb == 1 else limb_two_summary(case)
            parts.append(part)
    elif kind is AppealType.REFUSAL_TO_ISSUE:
        intro.paras += [
            n.para(
                f"{who.named} {verb} against the decision of {la}, in its letter dated "
                f"{decided}, not to issue an EHC plan for {name} after an EHC needs "
                "assessment. The appeal is made under section 51(2)(b) of the Children and "
                "Families Act 2014."
            ),
            n.para(
                "The question under section 37(1) of the Act is whether it is necessary for "
                "special educational provision to be made in accordance with an EHC plan (see "
                "Nottinghamshire County Council v SF [2020] EWCA Civ 226). It is necessary, for "
                "the reasons below."
            ),
        ]
        part = ReasonPart("Why an EHC plan is necessary")
        part.paras = _ground_paras(n, appeal.grounds, case, locale)
        parts.append(part)
    elif kind is AppealType.CONTENTS:
        plan_date = (
            f" dated {format_date(appeal.ehc_plan_date, 'long', locale)}"
            if appeal.ehc_plan_date
            else ""
        )
        challenged = sections_phrase(appeal.sections)
        about = f"{challenged} of" if challenged else "Section I of"
        intro.paras.append(
            n.para(
                f"{who.named} {verb} against {about} the final EHC plan{plan_date} that "
                f"{la} issued for {name} with its letter dated {decided}. The appeal is made under "
                "section 51(2)(c) of the Children and Families Act 2014."
            )
        )
        if appeal.amendments:
            intro.paras.append(
                n.para(
                    "The changes sought are shown, in the tribunal\u2019s format, in the "
                    "working document that accompanies these reasons."
                )
            )
        sections = list(appeal.sections)
        if appeal.no_school_named and PlanSection.I not in sections:
            sections.append(PlanSection.I)
        for section in sections:
            part = ReasonPart(_SECTION_HEADINGS[section])
            if section is PlanSection.F:
                part.paras += section_f_law(n, case)
            if section is PlanSection.I:
                part.paras += section_i_paras(n, case, locale, who)
            grounds = [g for g in appeal.grounds if g.section is section]
            part.paras += _ground_paras(n, grounds, case, locale)
            if section is PlanSection.F:
                part.paras += not_started_paras(n, case, locale, who)
            part.summary = _section_summary(section, part, grounds, case, who)
            parts.append(part)
    elif kind is AppealType.CEASE_TO_MAINTAIN:
        intro.paras += [
            n.para(
                f"{who.named} {verb} against the decision of {la}, in its letter dated "
                f"{decided}, to cease to maintain {name}\u2019s EHC plan. The appeal is made "
                "under section 51(2)(f) of the Children and Families Act 2014."
            ),
            n.para(
                "Under section 45 of the Act the question is whether it is no longer necessary "
                "for the EHC plan to be maintained. It is still necessary, for the reasons below."
            ),
        ]
        part = ReasonPart("Why the EHC plan is still necessary")
        part.paras = _ground_paras(n, appeal.grounds, case, locale)
        parts.append(part)
    else:
        what = (
            "not to carry out a re-assessment of"
            if kind is AppealType.REFUSAL_TO_REASSESS
            else "not to amend or replace, after a review or re-assessment,"
        )
        target = (
            f"{name}\u2019s education, health and care needs"
            if "re-assess" in what
            else (f"{name}\u2019s EHC plan")
        )
        intro.paras.append(
            n.para(
                f"{who.named} {verb} against the decision of {la}, in its letter dated "
                f"{decided}, {what} {target}. The appeal is made under {kind.statute} of the "
                "Children and Families Act 2014."
            )
        )
        part = ReasonPart("Grounds of appeal")
        part.paras = _ground_paras(n, appeal.grounds, case, locale)
        parts.append(part)

    if appeal.la_reasons:
        part = ReasonPart(_LA_HEADING)
        part.paras = la_reason_answers(n, case, options, who)
        part.summary = la_reasons_summary(case)
        parts.append(part)

    views = child_views(case)
    if views:
        part = ReasonPart(
            VIEWS_HEADING.format(name=known_as),
            # s.19 binds the local authority, never the Tribunal (#11 s17 item 6)
            summary=f"{known_as}\u2019s own views, which the local authority must have "
            "regard to (section 19).",
        )
        words = " ".join(paragraphs(views)) or views
        part.paras.append(
            n.para(
                f"{known_as} says: \u201c{words.rstrip()}\u201d Section 19 of the Children "
                f"and Families Act 2014 requires {case.local_authority.name} to have regard "
                f"to {known_as}\u2019s views, wishes and feelings, and to the importance of "
                f"{known_as} and {_family(case, who)} taking part as fully as possible in "
                f"decisions about {known_as}\u2019s education (section 19(a) and (b)). "
                f"{upper_first(who.noun)} {who.verb('ask', 'asks')} the Tribunal to take "
                f"{known_as}\u2019s views into account."
            )
        )
        parts.append(part)

    if appeal.health_social_care_recommendations:
        part = ReasonPart(HSC_HEADING)
        part.paras = hsc_paras(n, case, locale, who)
        parts.append(part)

    deadline = deadline_for(appeal, locale)
    # Lateness is judged on the day the appeal is lodged when that is known, else on
    # the document date.
    on = appeal.lodged_on or options.document_date
    if deadline.has_passed(on):
        parts.append(late_part(n, appeal, deadline, locale, who, on))

    result = ReasonPart("Result sought")
    result.paras.append(n.para(appeal.result_sought or default_result_sought(case)))
    parts.append(result)
    return parts


def _request_sentence(case: Case, who: Appellants, locale: str) -> str:
    """The request the refusal answers, and how long the decision took against reg 5(1)'s
    six weeks (s18 R6 #7): from ``appeal.decision.request_made_on``, else the case's
    own request (received, else sent)."""
    appeal = case.appeal
    assert appeal is not None
    request = case.assessment_request
    asked = appeal.decision.request_made_on or (
        (request.received_on or request.sent_on) if request else None
    )
    if asked is None:
        return ""
    la = case.local_authority.name
    text = (
        f" {upper_first(who.noun)} asked {la} for an EHC needs assessment under section 36(1) "
        f"of the Act on {format_date(asked, 'long', locale)}."
    )
    days = (appeal.decision.date_sent - asked).days
    if days > 42:
        # exact: "81 days (11 weeks and 4 days)", never "11 weeks" for nearly 12 (#11 s19)
        weeks, extra = divmod(days, 7)
        span = f"{weeks} weeks" + (f" and {extra} day{'s' if extra != 1 else ''}" if extra else "")
        text += (
            f" {la} decided {days} days ({span}) later, although regulation 5(1) of the SEND "
            "Regulations 2014 required its decision within 6 weeks of receiving the request, "
            f"that is by {format_date(asked + dt.timedelta(weeks=6), 'long', locale)}."
        )
    return text


def _dated_from(refs: list[EvidenceRef], case: Case, on: dt.date, *, after: bool) -> bool:
    """Whether one of ``refs`` points at a document dated on (or after) ``on``: a report
    written before an event cannot record it (#11 s19)."""
    for ref in refs:
        doc = case.evidence_ref(ref.document)
        if doc is not None and (doc.date > on if after else doc.date >= on):
            return True
    return False


def not_started_paras(
    n: Numberer, case: Case, locale: str, who: Appellants
) -> list[ReasonParagraph]:
    """Section F provision the school's plan records as not started: the tribunal hears
    from the case that nothing has been delivered, not left to infer it from "as
    required" (s18 R6 #4). The paragraph states only what its cited evidence shows
    (#11 s19): "none since the plan was issued" only when a cited document is dated
    after the plan; since when (``last_delivered``) as the evidence records it; who was
    asked and when only when ``requested_evidence`` holds a document dated on or after
    the request. The parents' own words about it close the paragraph."""
    if not case.cycles or not case.has_ehc_plan:
        return []
    cycle = case.current_cycle
    out: list[ReasonParagraph] = []
    issued = case.ehc_plan.issued if case.ehc_plan else None
    child = case.child.known_as
    for item in cycle.provision:
        if not (item.section_f and item.requested_on and item.requested_from):
            continue
        if item.status_on(cycle.start) is not ProvisionStatus.PLANNED:
            continue
        what = lower_first(item.intervention.split(" (", 1)[0].strip())
        shown = item.not_delivered_evidence
        since_plan = issued is not None and _dated_from(shown, case, issued, after=True)
        plan_on = format_date(issued, "long", locale) if issued else ""
        if item.last_delivered and shown:
            text = f"{child} has had no {what} since {item.last_delivered.strip().rstrip('.')}"
            text += f", and none since the plan was issued on {plan_on}" if since_plan else ""
        elif since_plan:
            text = f"{child} has had no {what} since the plan was issued on {plan_on}"
        else:
            text = f"The school\u2019s plan records that {child}\u2019s {what} has not started"
        refs = citations(shown, case, locale)
        text += f" {refs}." if refs else "."
        if item.requested_evidence and _dated_from(
            item.requested_evidence, case, item.requested_on, after=False
        ):
            who_delivers = (item.delivered_by or "").strip()
            allocated = ""
            if "not yet allocated" in who_delivers.casefold():
                role = who_delivers.split(" (", 1)[0].split(" from ", 1)[0].strip()
                allocated = f", and no {lower_first(role)} has been allocated"
            asked = format_date(item.requested_on, "long", locale)
            text += (
                f" The school asked {item.requested_from} to arrange it on {asked}{allocated} "
                f"{citations(item.requested_evidence, case, locale)}."
            )
        # the parents' quotation marks become single ones inside ours
        said = " ".join((cycle.parent_views or "").split())
        views = re.sub(r'"([^"]*)"', "\u2018\\1\u2019", said)
        if views:
            text += f" In {who.noun}\u2019s own words: \u201c{views}\u201d"
        out.append(n.para(text, f"The {what} has not started."))
    return out


def not_started_warnings(case: Case) -> list[str]:
    """A Section F item recorded as not started whose evidence the appeal cannot cite:
    the appeal leaves out what no cited document shows, and says so here."""
    if not case.cycles or not case.has_ehc_plan:
        return []
    cycle = case.current_cycle
    index = case.cycles.index(cycle)
    out: list[str] = []
    for i, item in enumerate(cycle.provision):
        if not (item.section_f and item.requested_on and item.requested_from):
            continue
        if item.status_on(cycle.start) is not ProvisionStatus.PLANNED:
            continue
        where = f"cycles[{index}].provision[{i}]"
        if not item.not_delivered_evidence:
            out.append(
                f"{where}.not_delivered_evidence is not given: the appeal says "
                f"{item.intervention} has not started without citing where the evidence "
                "records it (document, page, paragraph)"
            )
        if not _dated_from(item.requested_evidence, case, item.requested_on, after=False):
            out.append(
                f"{where}.requested_evidence: no cited document dated on or after "
                f"{item.requested_on.isoformat()} records the request, so the appeal does not "
                f"say the school asked {item.requested_from} to arrange it; cite the "
                "letter or email that asked"
            )
    return out


def reasons_warnings(case: Case, options: RenderOptions) -> list[str]:
    """What the user should check before sending the reasons (stderr, never printed)."""
    appeal = case.appeal
    if appeal is None:
        return []
    out: list[str] = []
    kind = appeal.appeal_type
    if kind is AppealType.REFUSAL_TO_ASSESS:
        for limb in (1, 2):
            if not any(g.limb == limb for g in appeal.grounds):
                out.append(
                    f"appeal.grounds: no ground of your own for limb {limb} of s.36(8); the "
                    "appeal argues it from the case only. Add one if you have more to say"
                )
    elif kind is AppealType.CONTENTS:
        for section in appeal.sections:
            if not any(g.section is section for g in appeal.grounds):
                out.append(f"appeal.grounds: no ground is recorded for Section {section.value}")
    elif not appeal.grounds:
        out.append("appeal.grounds is empty")
    # every appeal answers the council's own reasons, one paragraph each (#11 s19)
    if not appeal.la_reasons:
        out.append(
            "appeal.la_reasons is empty: list the reasons the decision letter gives, so the "
            "appeal answers each one"
        )
    for number in unanswered_reasons(case, options):
        out.append(
            f"appeal.la_reasons[{number - 1}] has no answer: give its topic (placement, "
            "notional_budget, ordinarily_available, graduated_approach, progress or no_sen) "
            "or an answer"
        )
    out.extend(placement_warnings(case))
    if kind is AppealType.CONTENTS:
        out.extend(not_started_warnings(case))
    deadline = deadline_for(appeal, options.locale)
    if deadline.has_passed(appeal.lodged_on or options.document_date) and not appeal.late_reasons:
        out.append(
            "the appeal is late and appeal.late_reasons is empty: the tribunal needs the reasons "
            "before it can extend time (HESC r.20(4))"
        )
    if deadline.has_passed(appeal.lodged_on or options.document_date) and not (
        appeal.late_prejudice
    ):
        out.append(
            "the appeal is late and appeal.late_prejudice is empty: the reasons say how many "
            "days late it is but make no submission on whether the delay harms the local "
            "authority; add yours if you want the tribunal to weigh it"
        )
    if appeal.result_sought is None:
        out.append(
            "appeal.result_sought is not given: the standard wording is used; check it says what "
            "you want the tribunal to order"
        )
    if not child_views(case):
        out.append("no views of the child are recorded (appeal.child_views)")
    out.extend(deadline.warnings)
    out.extend(deadline.assumptions)
    return out

"""The reasons for appeal, organised by the legal test of the appeal type.

Each appeal type has its skeleton (domain brief §5): the s.36(8) limbs for a
refusal to assess, s.37(1) for a refusal to issue, Sections B/F/I for a
contents appeal, s.45 for a cessation. Each ground becomes numbered
paragraphs closed by its pinpoint evidence references.
"""

from __future__ import annotations

from typing import Any

from sendocs.documents.appeal_deadline import LATE_HEADING, deadline_for, late_part
from sendocs.documents.appeal_evidence import citations
from sendocs.documents.appeal_paragraphs import (
    Numberer,
    ReasonParagraph,
    ReasonPart,
    lower_first,
)
from sendocs.documents.base import RenderOptions
from sendocs.documents.letters import addressees
from sendocs.formatting import format_date, format_list, paragraphs
from sendocs.models import AppealType, Case, PlanSection

__all__ = [
    "NOT_GROUNDS",
    "default_result_sought",
    "reasons_for_appeal",
    "sections_phrase",
]

_HSC_HEADING = "Health and social care recommendations (extended appeal)"
NOT_GROUNDS = ("Introduction", "Result sought", _HSC_HEADING, LATE_HEADING)


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
    1: "Limb 1: {name} has or may have special educational needs",
    2: "Limb 2: it may be necessary for special educational provision to be made "
    "through an EHC plan",
}


def _appellants(case: Case) -> str:
    return format_list([p.name for p in addressees(case)])


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


def reasons_for_appeal(case: Case, options: RenderOptions) -> list[ReasonPart]:
    """The reasons, part by part, numbered throughout (domain brief §5 skeletons)."""
    appeal = case.appeal
    assert appeal is not None
    locale = options.locale
    n = Numberer()
    name, known_as, la = case.child.full_name, case.child.known_as, case.local_authority.name
    decided = format_date(appeal.decision.date_sent, "long", locale)
    who = _appellants(case)
    kind = appeal.appeal_type
    intro = ReasonPart("Introduction")
    parts = [intro]

    if kind is AppealType.REFUSAL_TO_ASSESS:
        intro.paras += [
            n.para(
                f"{who} appeal against the decision of {la}, in its letter dated {decided}, not "
                f"to carry out an EHC needs assessment for {name}. The appeal is made under "
                f"section 51(2)(a) of the Children and Families Act 2014."
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
            part.paras = _ground_paras(n, grounds, case, locale)
            if not grounds:
                part.note = f"Drafting note: no grounds are recorded for limb {limb}."
            parts.append(part)
    elif kind is AppealType.REFUSAL_TO_ISSUE:
        intro.paras += [
            n.para(
                f"{who} appeal against the decision of {la}, in its letter dated {decided}, not "
                f"to issue an EHC plan for {name} after an EHC needs assessment. The appeal is "
                "made under section 51(2)(b) of the Children and Families Act 2014."
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
                f"{who} appeal against {about} the final EHC plan{plan_date} that {la} issued "
                f"for {name} with its letter dated {decided}. The appeal is made under "
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
                part.paras.append(
                    n.para(
                        "Provision in Section F must be specific and quantified, so that "
                        f"everyone knows what {known_as} will receive, how often, for how long "
                        "and from whom. The plan does not do this."
                    )
                )
            if section is PlanSection.I:
                part.paras += _section_i_paras(n, case, locale)
            grounds = [g for g in appeal.grounds if g.section is section]
            part.paras += _ground_paras(n, grounds, case, locale)
            if not grounds:
                part.note = f"Drafting note: no grounds are recorded for Section {section.value}."
            parts.append(part)
    elif kind is AppealType.CEASE_TO_MAINTAIN:
        intro.paras += [
            n.para(
                f"{who} appeal against the decision of {la}, in its letter dated {decided}, to "
                f"cease to maintain {name}\u2019s EHC plan. The appeal is made under section "
                "51(2)(f) of the Children and Families Act 2014."
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
                f"{who} appeal against the decision of {la}, in its letter dated {decided}, "
                f"{what} {target}. The appeal is made under {kind.statute} of the Children and "
                "Families Act 2014."
            )
        )
        part = ReasonPart("Grounds of appeal")
        part.paras = _ground_paras(n, appeal.grounds, case, locale)
        parts.append(part)

    if appeal.health_social_care_recommendations:
        part = ReasonPart(_HSC_HEADING)
        part.paras.append(
            n.para(
                "Because this appeal has education grounds, the appellants also ask the "
                "Tribunal to make the following recommendations. Recommendations are not "
                "binding, but a body that does not follow one must give written reasons."
            )
        )
        for request in appeal.health_social_care_recommendations:
            part.paras.append(
                n.para(
                    request.text,
                    f"{request.area_label}.",
                    citations(request.evidence, case, locale),
                )
            )
        parts.append(part)

    deadline = deadline_for(appeal, locale)
    if options.document_date > deadline.date:
        parts.append(late_part(n, appeal, deadline, locale))

    result = ReasonPart("Result sought")
    result.paras.append(n.para(appeal.result_sought or default_result_sought(case)))
    parts.append(result)
    return parts


def _section_i_paras(n: Numberer, case: Case, locale: str) -> list[ReasonParagraph]:
    appeal = case.appeal
    assert appeal is not None
    school = appeal.preferred_school
    if school is None:
        if appeal.no_school_named:
            return [
                n.para(
                    f"Section I of the plan does not name a school or other institution for "
                    f"{case.child.known_as}."
                )
            ]
        return []
    what = f", {lower_first(school.school_type)}" if school.school_type else ""
    paras = [
        n.para(
            f"The appellants ask that Section I names {school.name}{what}"
            + (f", {school.address.one_line}" if school.address else "")
            + "."
        )
    ]
    if school.consulted_on or school.response:
        consulted = (
            f"The school was asked on {format_date(school.consulted_on, 'long', locale)}. "
            if school.consulted_on
            else ""
        )
        paras.append(n.para(consulted + (school.response or "")))
    if school.independent:
        if school.confirms_place_and_can_meet_needs:
            paras.append(
                n.para(
                    "The school is an independent school and has confirmed in writing that it "
                    f"has a place for {case.child.known_as} and can meet their needs."
                )
            )
        else:
            paras.append(
                n.para(
                    "The school is an independent school. Its written confirmation that it has "
                    "a place and can meet the child\u2019s needs will follow."
                )
            )
    return paras

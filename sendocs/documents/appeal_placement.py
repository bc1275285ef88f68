"""The legal tests that decide a contents appeal's Sections I and F, and where
health and social care recommendations go (domain brief §11).

* Section I: a requested school of a kind in CAFA 2014 s.38(3) must be named
  unless s.39(4) applies (s.39(3)); where no such school is requested, s.33
  (mainstream unless incompatible with the parent's wishes or the efficient
  education of others). s.39 is considered first (ME v LB Southwark [2017]
  UKUT 73 (AAC)).
* Section F: provision that educates or trains is special educational
  provision even when a health or social care professional gives it (s.21(5)),
  and it must be detailed, specific and normally quantified (Code 9.69).
* Recommendations: to the Integrated Care Board for health (Sections C/G) and
  to the local authority's social care function (Sections D/H1/H2), never to a
  provider.
"""

from __future__ import annotations

import datetime as dt
import re

from sendocs.dates.deadlines import draft_representations_deadline
from sendocs.documents.appeal_evidence import citations
from sendocs.documents.appeal_paragraphs import (
    Appellants,
    Numberer,
    ReasonParagraph,
    lower_first,
    upper_first,
)
from sendocs.formatting import format_date
from sendocs.models import Case, EvidenceRef
from sendocs.models.appeals import HealthSocialCareRequest, PreferredSchool, SchoolKind

__all__ = [
    "THERAPY",
    "hsc_addressee",
    "hsc_paras",
    "placement_warnings",
    "section_f_law",
    "section_i_paras",
    "section_i_test",
]

THERAPY = re.compile(
    r"speech and language therap|occupational therap|physiotherap|\bSALT\b|\bSLT\b|\bOT\b",
    re.IGNORECASE,
)
_PROVIDER = re.compile(r"\b(services?|trust|clinic|provider|team)\b", re.IGNORECASE)


def school_kind(school: PreferredSchool) -> SchoolKind | None:
    if school.kind is not None:
        return school.kind
    return SchoolKind.INDEPENDENT if school.independent else None


def _reg13_last_day(school: PreferredSchool) -> dt.date | None:
    """The 15th day for representations on the draft plan, the day served being day 1
    (reg 13(1): at least 15 days; the authority may allow longer)."""
    if school.draft_plan_served_on is None:
        return None
    return draft_representations_deadline(school.draft_plan_served_on).date


def _draft_request_clause(school: PreferredSchool, locale: str) -> str:
    """The request in the representations on the draft plan, with the date the draft was
    served, so "within the period in regulation 13(1)" is shown, not asserted (#11 s19).
    Without the date the clause says so generally and :func:`placement_warnings` warns."""
    text = "in the representations on the draft plan"
    served = school.draft_plan_served_on
    last = _reg13_last_day(school)
    if served is None or last is None:
        return (
            text + ": a request under section 38(2)(b) of the Children and Families Act 2014, "
            "made within the period in regulation 13(1) of the SEND Regulations 2014"
        )
    text += (
        f" served on {format_date(served, 'long', locale)}: a request under section 38(2)(b) "
        "of the Children and Families Act 2014"
    )
    if school.requested_on is not None and school.requested_on <= last:
        text += (
            ", made within the 15 days regulation 13(1) of the SEND Regulations 2014 allows "
            f"(to {format_date(last, 'long', locale)})"
        )
    return text


def section_i_paras(n: Numberer, case: Case, locale: str, who: Appellants) -> list[ReasonParagraph]:
    """Section I: the school asked for, which test applies, the facts that meet it."""
    appeal = case.appeal
    assert appeal is not None
    child = case.child.known_as
    la = case.local_authority.name
    school = appeal.preferred_school
    if school is None:
        if appeal.no_school_named:
            return [
                n.para(
                    f"Section I of the plan does not name a school or other institution for "
                    f"{child}. It must name the school or type of school the child will attend."
                )
            ]
        return []
    Who = upper_first(who.noun)
    kind_text = lower_first(school.school_type) if school.school_type else ""
    article = "an" if kind_text[:1] in "aeiou" else "a"
    what = f", {article} {kind_text}" if kind_text else ""
    where = f", {school.address.one_line}" if school.address else ""
    paras = [
        n.para(f"{Who} {who.verb('ask', 'asks')} that Section I name {school.name}{what}{where}.")
    ]

    asked = []
    if school.requested_on:
        asked.append(
            f"{Who} asked {la} to name the school on "
            f"{format_date(school.requested_on, 'long', locale)}"
        )
    if school.requested_when_draft_issued is True:
        asked.append(_draft_request_clause(school, locale))
    elif school.requested_when_draft_issued is False:
        asked.append("after the draft plan had been issued")
    if asked:
        text = asked[0] if len(asked) == 1 else f"{asked[0]}, {asked[1]}"
        if not school.requested_on:
            text = f"{Who} asked for the school {asked[0]}"
        paras.append(n.para(upper_first(text) + "."))

    if school.consulted_on or school.response:
        consulted = ""
        if school.consulted_on:
            on = format_date(school.consulted_on, "long", locale)
            # who consulted, and how long after the final plan (s18 R6 #5)
            after = ""
            if appeal.ehc_plan_date and school.consulted_on > appeal.ehc_plan_date:
                days = (school.consulted_on - appeal.ehc_plan_date).days
                after = f", {days} day{'s' if days != 1 else ''} after the final plan was issued"
            consulted = (
                f"{school.consulted_by} consulted the school on {on}{after}. "
                if school.consulted_by
                else f"The school was consulted on {on}{after}. "
            )
        paras.append(
            n.para(
                consulted + (school.response or "").strip(),
                refs=citations(_response_evidence(school, case), case, locale),
            )
        )

    kind = school_kind(school)
    if kind is not None and kind.in_section_38:
        paras.append(
            n.para(
                f"{school.name} is {kind.label}, a kind of school listed in section 38(3) of the "
                f"Children and Families Act 2014. Because {who.noun} {who.verb('have', 'has')} "
                f"asked for it, section 39(3) requires {la} to name it in the plan unless "
                "section 39(4) applies: that the school is unsuitable for the child\u2019s age, "
                "ability, aptitude or special educational needs, or that attending it would be "
                "incompatible with the efficient education of others or the efficient use of "
                "resources. Section 39 is considered before section 33 (ME v London Borough of "
                "Southwark [2017] UKUT 73 (AAC)).",
                "The test: section 39(4).",
                mark="s39_test",
            )
        )
        says = (
            f"{school.name} has said that it can meet {child}\u2019s needs. "
            if school.response or school.confirms_place_and_can_meet_needs
            else ""
        )
        answer = school.resources_answer.strip() if school.resources_answer else ""
        others = (
            f" {_sentence(answer)}"
            if answer
            else " No reason has been given why attending it would be incompatible with the "
            "efficient education of others or the efficient use of resources."
        )
        paras.append(
            n.para(
                f"{says}Neither exception in section 39(4) applies. The school is suitable for "
                f"{child}\u2019s age, ability, aptitude and special educational needs, for the "
                f"reasons and evidence below.{others} {la} must therefore name it.",
                "The test is met.",
                citations(school.resources_evidence, case, locale) if answer else "",
                mark="s39_met",
            )
        )
        if school.mainstream and school.la_school_mainstream is False:
            paras.append(
                n.para(
                    f"The plan names a special school. Even if section 39(4) applied, section 33 "
                    f"would still require the plan to provide for {child} to be educated in a "
                    f"mainstream school, unless that is incompatible with {who.their} wishes or "
                    "with the provision of efficient education for others and no reasonable "
                    "steps could prevent the incompatibility (section 33(2)\u2013(4)). "
                    f"{upper_first(who.noun)} {who.verb('want', 'wants')} a mainstream school.",
                    "Section 33.",
                )
            )
    elif school.mainstream and kind is None:
        paras.append(_section_33(n, case, who))
    elif kind is SchoolKind.INDEPENDENT:
        paras.append(
            n.para(
                f"{school.name} is an independent school that is not approved under section 41, "
                "so section 39(3)\u2013(4) does not apply to it. "
                + (
                    "It has confirmed in writing that it has a place for "
                    f"{child} and can meet {child}\u2019s needs."
                    if school.confirms_place_and_can_meet_needs
                    else "Its written confirmation that it has a place and can meet the "
                    "child\u2019s needs is to follow."
                )
            )
        )
    return paras


def _sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


def section_i_test(school: PreferredSchool) -> str:
    """The test that decides Section I for this school, in a few words for the notice."""
    kind = school_kind(school)
    if kind is not None and kind.in_section_38:
        return (
            "CAFA 2014 s.39(3)\u2013(4): a school of a kind in s.38(3) that the parent asked for "
            "must be named unless s.39(4) applies"
        )
    if kind is None and school.mainstream:
        return "CAFA 2014 s.33: mainstream education"
    return ""


def _section_33(n: Numberer, case: Case, who: Appellants) -> ReasonParagraph:
    child = case.child.known_as
    return n.para(
        f"{upper_first(who.noun)} {who.verb('want', 'wants')} {child} to be educated in a "
        "mainstream school. Under section 33 of the Children and Families Act 2014 the plan "
        "must provide for that unless it is incompatible with the wishes of the parent or "
        "the provision of efficient education for others, and, as to the second, no "
        "reasonable steps could prevent the incompatibility (section 33(3)\u2013(4)).",
        "The test: section 33.",
        mark="s33_test",
    )


def section_i_mainstream_only(n: Numberer, case: Case, who: Appellants) -> list[ReasonParagraph]:
    """Section I with no particular school asked for but a mainstream placement wanted."""
    return [_section_33(n, case, who)]


def section_f_law(n: Numberer, case: Case) -> list[ReasonParagraph]:
    """Code 9.69 specificity, and s.21(5) where a therapy is at issue in Section F."""
    appeal = case.appeal
    assert appeal is not None
    child = case.child.known_as
    paras = [
        n.para(
            "Section F must set out the special educational provision for each need in "
            "Section B, and it must be detailed and specific and should normally be "
            "quantified: what help, how often, for how long and from whom (SEND Code of "
            f"Practice, paragraph 9.69), so that everyone knows what {child} will receive. "
            "Words such as \u201cas required\u201d or \u201cas appropriate\u201d do not meet "
            "that standard.",
            "The test: Code of Practice 9.69.",
        )
    ]
    f_texts = [g.text for g in appeal.grounds if g.section and g.section.value == "F"] + [
        (a.proposed or "") + " " + (a.original or "")
        for a in appeal.amendments
        if a.section.value == "F"
    ]
    therapy = next((m.group(0) for t in f_texts if (m := THERAPY.search(t))), None)
    if therapy:
        name = _therapy_name(therapy)
        if _therapy_in_section_g(case):
            tail = (
                "so it belongs in Section F, where the local authority must secure it under "
                "section 42, and not in Section G."
            )
        else:
            tail = (
                "so the local authority must secure it under section 42; it must therefore be "
                "specified and quantified in Section F."
            )
        paras.append(
            n.para(
                "Health or social care provision that educates or trains a child is special "
                "educational provision (Children and Families Act 2014, section 21(5)). The "
                f"{name} {child} needs educates and trains {child}, {tail}",
                "Therapy belongs in Section F.",
            )
        )
    return paras


def _therapy_in_section_g(case: Case) -> bool:
    """Whether the local authority put the therapy in Section G (health provision).

    Only then is "and not in Section G" an answer to something: a working-document
    paragraph in Section G that names a therapy, or a ground that says the plan puts
    it there. Otherwise the argument would be against what the plan does not do.
    """
    appeal = case.appeal
    assert appeal is not None
    g_texts = [
        (a.original or "") + " " + (a.proposed or "")
        for a in appeal.amendments
        if a.section.value == "G"
    ]
    if any(THERAPY.search(t) for t in g_texts):
        return True
    return any("Section G" in g.text and THERAPY.search(g.text) for g in appeal.grounds)


def _therapy_name(found: str) -> str:
    text = found.lower()
    if text.startswith(("speech", "salt", "slt")):
        return "speech and language therapy"
    if text.startswith(("occupational", "ot")):
        return "occupational therapy"
    return "physiotherapy"


def hsc_addressee(request: HealthSocialCareRequest, case: Case) -> str:
    """Who a recommendation is made to: the ICB for health, the LA's social care for social care."""
    if request.body:
        return request.body
    if request.area == "social_care":
        return f"{case.local_authority.name} (its social care functions)"
    return (
        f"the Integrated Care Board (ICB) responsible for commissioning "
        f"{case.child.known_as}\u2019s health care"
    )


def hsc_paras(n: Numberer, case: Case, locale: str, who: Appellants) -> list[ReasonParagraph]:
    """The health and social care recommendations sought, each to its responsible body."""
    appeal = case.appeal
    assert appeal is not None
    # name only the bodies the recommendations sought go to (s18 R6 #15)
    areas = {r.area for r in appeal.health_social_care_recommendations}
    bodies = []
    if areas & {"health", None}:
        bodies.append(
            "for health, the Integrated Care Board (ICB), which has commissioned "
            "children\u2019s health services since July 2022"
        )
    if areas & {"social_care", None}:
        bodies.append("for social care, the local authority\u2019s social care function")
    paras = [
        n.para(
            f"Because this appeal has education grounds, {who.noun} also "
            f"{who.verb('ask', 'asks')} the Tribunal to make the "
            f"recommendation{'s' if len(appeal.health_social_care_recommendations) > 1 else ''} "
            f"below, to the body responsible for the provision: {'; '.join(bodies)}. A "
            "recommendation is not binding, but a body that does not follow it must give "
            "written reasons."
        )
    ]
    for request in appeal.health_social_care_recommendations:
        text = request.text.strip().rstrip(".")
        paras.append(
            n.para(
                f"That the Tribunal recommends to {hsc_addressee(request, case)}, about "
                f"{request.plan_sections} of the plan, that it {lower_first(text)}.",
                f"{request.area_label}.",
                citations(request.evidence, case, locale),
            )
        )
    return paras


def placement_warnings(case: Case) -> list[str]:
    """Things the user should check about Section I and recommendations (stderr, never printed)."""
    appeal = case.appeal
    if appeal is None:
        return []
    out = []
    school = appeal.preferred_school
    if school is not None and school.requested_when_draft_issued is True:
        last = _reg13_last_day(school)
        if last is None:
            out.append(
                "appeal.preferred_school.draft_plan_served_on is not given: the appeal says the "
                "school was asked for within the period in reg 13(1) without the date the draft "
                "plan was served; add the date (YYYY-MM-DD) from the letter that came with it"
            )
        elif school.requested_on is not None and school.requested_on > last:
            out.append(
                f"appeal.preferred_school.requested_on ({school.requested_on.isoformat()}) is "
                f"after the 15th day from service of the draft plan ({last.isoformat()}): the "
                "appeal does not say the request was within reg 13(1); if the council allowed "
                "longer, say so in a ground"
            )
    if school is not None and appeal.challenges_section_i:
        kind = school_kind(school)
        if kind is None:
            out.append(
                "appeal.preferred_school.kind is not given: say whether the school is maintained, "
                "academy, further_education, non_maintained_special, section_41 or independent, "
                "so the appeal can name the Section I test (s.39(4) or s.33)"
            )
        elif kind is SchoolKind.INDEPENDENT:
            out.append(
                f"{school.name} is independent and not approved under s.41: neither s.39(4) nor "
                "s.33 gives a duty to name it; the test (parental wishes and public expenditure) "
                "is not written by sendocs. Take advice (IPSEA, SENDIASS or a solicitor)"
            )
        if (
            kind is not None
            and kind.in_section_38
            and school.mainstream
            and school.la_school_mainstream is None
        ):
            out.append(
                "appeal.preferred_school.la_school_mainstream is not given: say whether the "
                "school the council named is mainstream (true) or special (false); the s.33 "
                "argument is made only where the council named a special school"
            )
        if kind is not None and kind.in_section_38 and not school.resources_answer:
            out.append(
                "appeal.preferred_school.resources_answer is not given: answer, from the "
                "evidence, why naming the school is compatible with the efficient education of "
                "others and the efficient use of resources (s.39(4)(b))"
            )
        if school.requested_when_draft_issued is None:
            out.append(
                "appeal.preferred_school.requested_when_draft_issued is not recorded: say whether "
                "the school was asked for in the representations on the draft plan"
            )
    for i, request in enumerate(appeal.health_social_care_recommendations):
        if request.area is None:
            out.append(
                f"appeal.health_social_care_recommendations[{i}].area is not given (health or "
                "social_care): the recommendation cannot be addressed to the ICB or social care"
            )
        provider = _PROVIDER.search(request.text)
        if provider:
            out.append(
                f"appeal.health_social_care_recommendations[{i}].text seems to name a provider "
                f"({provider.group(0)!r}): the tribunal recommends to the ICB "
                "(health) or the LA's social care function, not to a provider; say what the body "
                "should do"
            )
    return out


def _response_evidence(school: PreferredSchool, case: Case) -> list[EvidenceRef]:
    """Where the school's reply is: the refs the case gives, else the school's own letter
    in the evidence list (its title or its author's role names the school, dated no
    earlier than the consultation), at p.1 when it is one page, so the reply is cited as
    every other fact is ("… in Section F. (E3 p.1 — Letter from St Mark’s …)")."""
    if school.response_evidence or not school.response:
        return list(school.response_evidence)

    def plain(text: str | None) -> str:
        return (text or "").replace("\u2019", "'").casefold()

    name = plain(school.name)
    for doc in case.evidence:
        if not doc.ref:
            continue
        if name not in plain(doc.title) and name not in plain(doc.role):
            continue
        if school.consulted_on and doc.date < school.consulted_on:
            continue
        return [EvidenceRef(document=doc.ref, page=1 if doc.pages == 1 else None)]
    return []

"""Kind ``appeal``: a SEND Tribunal appeal submission, ready to transcribe.

One Word document with four parts (domain brief §5, §6):

* the time limit, computed by :func:`sendocs.dates.appeal_deadline` with its
  rule and explanation, and a prominent warning with the late-appeal route
  (HESC r.20(4)) when the document date is after it;
* a draft notice of appeal holding what HESC r.20(2) and the official form
  (SEND35a for a refusal to assess, SEND35 for every other SEN appeal) ask
  for, laid out to be copied into the form or the online service; the
  official form itself is not reproduced;
* the reasons for appeal as numbered paragraphs, each ground followed by
  its pinpoint evidence references, organised by the legal test of the
  appeal type (s.36(8) limbs, s.37(1), Sections B/F/I, s.45);
* an attachments checklist ticked from the case's evidence, with missing
  items flagged (an appeal without them may be returned unregistered).

The wording that depends on data is built in the ``appeal_*`` modules beside
this one (:mod:`~sendocs.documents.appeal_deadline`,
:mod:`~sendocs.documents.appeal_notice`, :mod:`~sendocs.documents.appeal_reasons`,
:mod:`~sendocs.documents.appeal_paragraphs`, :mod:`~sendocs.documents.appeal_evidence`,
:mod:`~sendocs.documents.appeal_checklist`); this module gathers it into the
template's context, checks the case and registers the kind. The layout
lives in ``templates/appeal.docx`` (built by ``templates/src/build_appeal.py``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sendocs.dates import mediation_contact_deadline
from sendocs.documents.appeal_checklist import (
    CHECKED,
    NOT_NEEDED,
    UNCHECKED,
    ChecklistItem,
    attachments_checklist,
    find_mediation_certificate_copy,
)
from sendocs.documents.appeal_deadline import deadline_for, late_notice, letter_omissions
from sendocs.documents.appeal_evidence import (
    citations,
    evidence_citation,
    evidence_reference_problems,
)
from sendocs.documents.appeal_notice import (
    decision_details,
    grounds_summary,
    mediation_status,
    notice_form,
    party_details,
)
from sendocs.documents.appeal_paragraphs import ReasonParagraph, ReasonPart
from sendocs.documents.appeal_placement import hsc_addressee, section_i_test
from sendocs.documents.appeal_reasons import (
    HSC_HEADING,
    VIEWS_HEADING,
    child_views,
    default_result_sought,
    reasons_for_appeal,
    reasons_warnings,
    sections_phrase,
)
from sendocs.documents.appeal_reasons import (
    appellants as appellant_grammar,
)
from sendocs.documents.assessment_request import chronology
from sendocs.documents.base import DocumentKind, RenderOptions
from sendocs.documents.letters import addressees
from sendocs.formatting import format_date, format_list, mid_sentence
from sendocs.models import Case
from sendocs.models.appeals import PreferredSchool

__all__ = [
    "APPEAL",
    "APPEAL_AS_LODGED",
    "CHECKED",
    "NOT_NEEDED",
    "UNCHECKED",
    "ChecklistItem",
    "ReasonParagraph",
    "ReasonPart",
    "appeal_checks",
    "attachments_checklist",
    "build_context",
    "citations",
    "deadline_for",
    "default_result_sought",
    "evidence_citation",
    "evidence_reference_problems",
    "find_mediation_certificate_copy",
    "letter_omissions",
    "reasons_for_appeal",
    "sections_phrase",
    "signature_chain",
]


def build_context(case: Case, options: RenderOptions) -> dict[str, Any]:
    """Everything the appeal template uses (see docs/appeals.md)."""
    appeal = case.appeal
    if appeal is None:
        raise ValueError("the case has no appeal")
    locale = options.locale
    # An appeal with a lodging date is the copy being lodged that day: it is dated that
    # day and lateness runs to it; without one, lateness runs to the document date (H2).
    today = appeal.lodged_on or options.document_date
    deadline = deadline_for(appeal, locale)
    lodged = appeal.lodged_on
    passed = deadline.has_passed(lodged or today)
    parents = addressees(case)
    who = appellant_grammar(case)
    appellants = [
        {
            **party_details(
                p.formal_name,
                p.address.all_lines if p.address else [],
                p.email,
                p.phone,
            ),
            "relationship": p.relationship,
        }
        for p in parents
    ]
    rep = appeal.representative
    representative = None
    if rep:
        representative = {
            **party_details(
                rep.name, rep.address.all_lines if rep.address else [], rep.email, rep.phone
            ),
            "organisation": rep.organisation or "",
            "role": rep.role or "",
            "reference": rep.reference or "",
        }
    if appeal.send_documents_to_representative and representative:
        documents_to = {**representative, "who": "The representative"}
    elif len(appellants) > 1 and all(
        a["address_lines"] == appellants[0]["address_lines"] for a in appellants
    ):
        # Appellants at one address get documents together: name them all, not only
        # the first as if she were the only appellant.
        documents_to = {
            **appellants[0],
            "name": format_list([str(a["name"]) for a in appellants]),
            "who": "The appellants",
        }
    else:
        who_first = "The first appellant" if len(appellants) > 1 else "The appellant"
        documents_to = {**appellants[0], "who": who_first}
    interpreter = appeal.interpreter or next(
        (p.language for p in parents if p.language and p.language.lower() != "english"), None
    )
    la = case.local_authority
    reasons = reasons_for_appeal(case, options)
    checklist = attachments_checklist(case, locale)
    missing = [item for item in checklist if item.missing]
    mediation = mediation_status(case, locale)
    contact = (
        mediation_contact_deadline(appeal.decision.date_sent, locale=locale)
        if mediation["status"] == "missing"
        else None
    )
    school = appeal.preferred_school
    return {
        "case": case,
        "child": case.child,
        "school": case.school,
        "la": la,
        "document_date": today,
        "appeal": appeal,
        "form": notice_form(appeal),
        "appellants": appellants,
        "appellant_names": format_list([a["name"] for a in appellants]),
        "plural": who.plural,
        "the_appellants": who.role,
        "The_appellants": who.role[:1].upper() + who.role[1:],
        "ask": who.verb("ask", "asks"),
        "tribunal_reference": appeal.tribunal_reference or "",
        "child_views": child_views(case),
        "hearing": {
            "attend": appeal.attend_hearing,
            "interpreter": interpreter or "",
            # who needs it, by title and surname (s18 R6 #13)
            "interpreter_for": _interpreter_for(parents, interpreter, who.noun),
            # run on after "Access needs:", so lower-cased as any phrase after a colon
            # ("Access needs: step-free access for Mr Ahmed, …"), with its full stop
            "access_needs": _after_colon(appeal.access_needs),
            "witnesses": [
                {"name": w.name, "role": w.role or "", "about": w.about or ""}
                for w in appeal.witnesses
            ],
        },
        "representative": representative,
        "documents_to": documents_to,
        "respondent": party_details(
            la.name, la.address.all_lines if la.address else [], la.email, la.phone
        )
        | {"team": la.sen_team or ""},
        "decision": decision_details(case, locale),
        "mediation": mediation,
        "mediation_contact": contact,
        "deadline": deadline,
        "deadline_when": deadline.when(locale),
        "deadline_passed": passed,
        "deadline_today": today == deadline.date,
        "days_left": (deadline.date - today).days,
        # Lateness runs to the day the appeal was lodged once it has been, not to the
        # date this copy happens to be printed.
        "lodged_on": format_date(lodged, "long", locale) if lodged else "",
        "days_late": ((lodged or today) - deadline.date).days,
        "late_reasons": late_notice(appeal)["reasons"],
        "late_law": late_notice(appeal)["law"],
        "grounds_summary": grounds_summary(reasons),
        "result_sought": appeal.result_sought or default_result_sought(case),
        "result_is_default": appeal.result_sought is None,
        "section_i": appeal.challenges_section_i,
        "preferred_school": (
            {
                "name": school.name,
                "address": school.address.one_line if school.address else "",
                "type": school.school_type or "",
                "independent": school.independent,
                "consulted_on": format_date(school.consulted_on, "long", locale)
                if school.consulted_on
                else "",
                "response": school.response or "",
                "confirmation": (
                    "Given" if school.confirms_place_and_can_meet_needs else "To follow"
                ),
                "requested": _requested(school, locale),
                "test": section_i_test(school),
            }
            if school
            else None
        ),
        "hsc_requests": [
            {
                "area": r.area_label,
                "to": hsc_addressee(r, case),
                "sections": r.plan_sections,
                "text": r.text,
                "refs": citations(r.evidence, case, locale),
            }
            for r in appeal.health_social_care_recommendations
        ],
        "reasons": reasons,
        "signature_chain": signature_chain(reasons),
        # cross-references into the reasons, from the layout (s18 R6 #2)
        "hsc_span": part_span(reasons, HSC_HEADING),
        "views_span": part_span(reasons, VIEWS_HEADING.format(name=case.child.known_as)),
        "checklist": checklist,
        "checklist_missing": missing,
        # The tribunal reads the chronology against the bundle: only what is enclosed
        # (a row with an evidence reference) goes in; a diagnosis or review with no
        # document behind it would be a reference to nothing.
        "chronology": [row for row in chronology(case, locale) if row.ref],
        "sendiass": la.sendiass,
        # the draft (kind ``appeal``); ``appeal-as-lodged`` sets these (see below)
        "as_lodged": False,
        "signed_on": "",
        "enclosed": [item for item in checklist if item.mark == CHECKED],
    }


def _after_colon(text: str | None) -> str:
    """A recorded sentence run on after a label and a colon: its case as mid-sentence
    (a name or an acronym keeps its capital), ending in a full stop."""
    text = (text or "").strip()
    if not text:
        return ""
    text = mid_sentence(text)
    return text if text[-1] in ".!?" else text + "."


def _interpreter_for(parents: list[Any], language: str | None, everyone: str) -> str:
    """The appellant who speaks the language the interpreter is for ("Ms Owusu"), else
    the appellants together."""
    if not language:
        return ""
    for p in parents:
        if p.language and p.language.casefold() == language.casefold():
            return f"{p.title} {p.surname}" if p.title and p.surname else p.formal_name
    return everyone


def part_span(reasons: list[ReasonPart], heading: str) -> str:
    """Where a part of the reasons is, for a cross-reference computed from the layout:
    "paragraph 15" / "paragraphs 16–17" ("" when the reasons have no such part)."""
    for part in reasons:
        if part.heading == heading and part.paras:
            first, last = part.paras[0].number, part.paras[-1].number
            return f"paragraph {first}" if first == last else f"paragraphs {first}–{last}"
    return ""


def signature_chain(reasons: list[ReasonPart]) -> list[int]:
    """Paragraph numbers kept with what follows them: the last paragraph before the
    result sought, and the result sought itself, so "Result sought" and "Signed"
    never start a page alone.

    Not when that paragraph is its part's only one: a heading followed by a paragraph
    that itself keeps with what follows is left alone at the foot of a page by
    LibreOffice (Leo's "Time limit", #11 s19); the heading then keeps with its one
    paragraph by its style, and "Result sought" starts the next page with its paragraph
    and the signature."""
    numbers = [p.number for p in reasons[-1].paras] if reasons else []
    if len(reasons) > 1 and len(reasons[-2].paras) > 1:
        numbers.insert(0, reasons[-2].paras[-1].number)
    return numbers


def _requested(school: PreferredSchool, locale: str) -> str:
    when = format_date(school.requested_on, "long", locale) if school.requested_on else ""
    if school.requested_when_draft_issued is True:
        return (when + ", " if when else "") + "in the representations on the draft plan"
    if school.requested_when_draft_issued is False:
        return (when + ", " if when else "") + "after the draft plan was issued"
    return when


# -- checks and registration -------------------------------------------------------------


def appeal_checks(case: Case, options: RenderOptions) -> list[str]:
    """Reasons the case cannot make an appeal submission (errors, not warnings)."""
    appeal = case.appeal
    if appeal is None:
        return [
            "the case has no appeal: add an appeal: section (appeal_type, decision, grounds …; "
            "see docs/appeals.md)"
        ]
    problems: list[str] = []
    if appeal.needs_mediation_certificate and appeal.mediation_certificate is None:
        problems.append(
            "appeal.mediation_certificate is missing: a mediation certificate is required for "
            "this appeal type unless the appeal is only about Section I (CAFA 2014 s.55). "
            "Contact the mediation adviser named in the decision letter (reg 33: within 2 "
            "months of the decision), then add mediation_certificate: {issued_on: YYYY-MM-DD}"
        )
    if not appeal.grounds:
        problems.append(
            "appeal.grounds is empty: the notice of appeal must give the grounds (HESC r.20(2))"
        )
    problems.extend(evidence_reference_problems(case))
    return problems


def _file_date(case: Case, options: RenderOptions) -> dt.date:
    lodged = case.appeal.lodged_on if case.appeal else None
    return lodged or options.document_date


def build_lodged_context(case: Case, options: RenderOptions) -> dict[str, Any]:
    """The notice as lodged: the same notice, reasons and chronology without the
    draft's guidance (no "check, sign and send", no time-limit guide, no checklist to
    tick), the documents sent listed plainly, and, when ``appeal.signed_on`` is
    recorded, who signed and when instead of a blank line. This is the copy a bundle
    holds (s18 #11)."""
    context = build_context(case, options)
    appeal = case.appeal
    signed = appeal.signed_on if appeal is not None else None
    context["as_lodged"] = True
    context["signed_on"] = format_date(signed, "long", options.locale) if signed else ""
    return context


def lodged_checks(case: Case, options: RenderOptions) -> list[str]:
    """Reasons the case cannot make the notice *as lodged*: the appeal's own checks, and
    the lodging and signing dates. A notice presented as lodged but unsigned and
    undated is not what the tribunal received (HESC r.20(2) asks for a signed notice),
    so without both dates this is a user error, not a blank line (s18 #11)."""
    problems = appeal_checks(case, options)
    appeal = case.appeal
    if appeal is None:
        return problems
    missing = [
        name
        for name, value in (
            ("appeal.lodged_on", appeal.lodged_on),
            ("appeal.signed_on", appeal.signed_on),
        )
        if value is None
    ]
    if missing:
        problems.append(
            "record appeal.lodged_on and appeal.signed_on (YYYY-MM-DD) before making the notice "
            f"as lodged: {' and '.join(missing)} {'is' if len(missing) == 1 else 'are'} not "
            "given, and a notice of appeal is lodged signed (HESC r.20(2)). Until then, make "
            "the draft with kind appeal"
        )
    return problems


APPEAL_AS_LODGED = DocumentKind(
    name="appeal-as-lodged",
    title="SEND Tribunal notice of appeal as lodged",
    description="The notice of appeal, reasons and documents sent, as lodged (for a bundle).",
    template="appeal.docx",
    build_context=build_lodged_context,
    file_label="SEND_Tribunal_notice_of_appeal_as_lodged",
    file_date=_file_date,
    check=lodged_checks,
    warnings=reasons_warnings,
    audience="parent",
)


APPEAL = DocumentKind(
    name="appeal",
    title="SEND Tribunal appeal submission",
    description="Draft notice of appeal (SEND35/SEND35a), reasons, checklist and deadline.",
    template="appeal.docx",
    build_context=build_context,
    file_label="SEND_Tribunal_appeal",
    file_date=_file_date,
    check=appeal_checks,
    warnings=reasons_warnings,
    audience="parent",
)

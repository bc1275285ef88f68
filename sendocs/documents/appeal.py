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

The wording that depends on data is built here; the layout lives in
``templates/appeal.docx`` (built by ``templates/src/build_appeal.py``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sendocs.dates import Deadline, appeal_deadline, mediation_contact_deadline
from sendocs.documents.assessment_request import chronology
from sendocs.documents.base import DocumentKind, RenderOptions, register
from sendocs.documents.letters import addressees
from sendocs.formatting import format_date, format_list, paragraphs, plural
from sendocs.loading import format_field_path
from sendocs.models import (
    Appeal,
    AppealType,
    Case,
    EvidenceDocument,
    EvidenceKind,
    EvidenceRef,
    PlanSection,
)
from sendocs.models.appeals import unknown_evidence_refs

__all__ = [
    "CHECKED",
    "UNCHECKED",
    "ChecklistItem",
    "ReasonParagraph",
    "ReasonPart",
    "appeal_checks",
    "attachments_checklist",
    "build_context",
    "deadline_for",
    "default_result_sought",
    "evidence_citation",
    "evidence_reference_problems",
    "find_mediation_certificate_copy",
    "letter_omissions",
    "reasons_for_appeal",
]

CHECKED = "\u2612"  # ☒
UNCHECKED = "\u2610"  # ☐
NOT_NEEDED = "\u2013"  # –


# -- evidence references ---------------------------------------------------------------


def evidence_citation(ref: EvidenceRef, case: Case, locale: str = "en_GB") -> str:
    """``E3, p.4, para 2.1 — Educational psychology report, Dr Fiona Walsh, 2 March 2026``."""
    pin = [ref.document]
    if ref.page is not None:
        pin.append(f"p.{ref.page}")
    if ref.paragraph:
        pin.append(f"para {ref.paragraph}")
    doc = case.evidence_ref(ref.document)
    if doc is None:
        return ", ".join(pin)
    about = [
        doc.title,
        *([doc.author] if doc.author else []),
        format_date(doc.date, "long", locale),
    ]
    return ", ".join(pin) + " \u2014 " + ", ".join(about)


def citations(refs: list[EvidenceRef], case: Case, locale: str = "en_GB") -> str:
    """All of a ground's references in one bracket: ``(E2, p.4 — …; E1, p.6 — …)``."""
    if not refs:
        return ""
    return "(" + "; ".join(evidence_citation(r, case, locale) for r in refs) + ")"


def evidence_reference_problems(case: Case) -> list[str]:
    """Evidence refs cited by the appeal that are not in ``case.evidence``, with field paths."""
    if case.appeal is None:
        return []
    known = {doc.ref for doc in case.evidence if doc.ref}
    return [
        f"{format_field_path(path)}: {message}"
        for path, message in unknown_evidence_refs(case.appeal, known)
    ]


# -- the deadline ------------------------------------------------------------------------


def deadline_for(appeal: Appeal, locale: str = "en_GB") -> Deadline:
    """The appeal time limit from the decision letter and any mediation certificate."""
    certificate = appeal.mediation_certificate
    return appeal_deadline(
        appeal.decision.date_sent, certificate.issued_on if certificate else None, locale=locale
    )


# -- the reasons -------------------------------------------------------------------------


@dataclass(frozen=True)
class ReasonParagraph:
    """One numbered paragraph of the reasons: an optional bold lead, text, references."""

    number: int
    text: str
    lead: str = ""
    refs: str = ""


@dataclass
class ReasonPart:
    """A headed part of the reasons (e.g. "Section F: special educational provision")."""

    heading: str
    paras: list[ReasonParagraph] = field(default_factory=list)
    note: str = ""


class _Numberer:
    """Paragraph numbers run on through every part, as in a pleading."""

    def __init__(self) -> None:
        self.n = 0

    def para(self, text: str, lead: str = "", refs: str = "") -> ReasonParagraph:
        self.n += 1
        return ReasonParagraph(self.n, text, lead, refs)


_HSC_HEADING = "Health and social care recommendations (extended appeal)"
_LATE_HEADING = "Time limit"
_NOT_GROUNDS = ("Introduction", "Result sought", _HSC_HEADING, _LATE_HEADING)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


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
    numberer: _Numberer, grounds: list[Any], case: Case, locale: str
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
    n = _Numberer()
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
        parts.append(_late_part(n, appeal, deadline, locale))

    result = ReasonPart("Result sought")
    result.paras.append(n.para(appeal.result_sought or default_result_sought(case)))
    parts.append(result)
    return parts


def letter_omissions(appeal: Appeal) -> list[str]:
    """What the decision letter is recorded as not stating, of what it had to state.

    A refusal-to-assess letter need not mention health and social care
    recommendations (domain brief §5), so that omission is not counted there.
    """
    omissions = appeal.decision.omissions
    if appeal.appeal_type is AppealType.REFUSAL_TO_ASSESS:
        omissions = [o for o in omissions if "health and social care" not in o]
    return omissions


def _late_part(n: _Numberer, appeal: Appeal, deadline: Deadline, locale: str) -> ReasonPart:
    """Why time should be extended (HESC r.20(4)), with the letter's recorded omissions."""
    part = ReasonPart(_LATE_HEADING)
    part.paras.append(
        n.para(
            f"The time limit for this appeal ended at {deadline.when(locale)} "
            f"({deadline.rule}). The appellants ask the Tribunal to extend time under rule "
            "20(4) of the Tribunal Procedure (First-tier Tribunal) (Health, Education and "
            "Social Care Chamber) Rules 2008, for the reasons below."
        )
    )
    for text in paragraphs(appeal.late_reasons):
        part.paras.append(n.para(text))
    if not appeal.late_reasons:
        part.note = "Drafting note: no reasons for lateness are recorded (appeal.late_reasons)."
    omissions = letter_omissions(appeal)
    if omissions:
        part.paras.append(
            n.para(
                f"The decision letter did not state {format_list(omissions)}, which the "
                "regulations require it to state."
            )
        )
    return part


def _section_i_paras(n: _Numberer, case: Case, locale: str) -> list[ReasonParagraph]:
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
    what = f", {_lower_first(school.school_type)}" if school.school_type else ""
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


# -- the attachments checklist -----------------------------------------------------------


@dataclass(frozen=True)
class ChecklistItem:
    """One row of the attachments checklist."""

    mark: str
    item: str
    detail: str
    note: str = ""
    required: bool = True

    @property
    def missing(self) -> bool:
        return self.required and self.mark == UNCHECKED


def _describe(doc: EvidenceDocument, locale: str) -> str:
    who = f", {doc.author}" if doc.author else ""
    pages = f" ({plural(doc.pages, 'page')})" if doc.pages else ""
    return f"{doc.ref}: {doc.title}{who}, {format_date(doc.date, 'long', locale)}{pages}"


def find_mediation_certificate_copy(case: Case) -> EvidenceDocument | None:
    """The evidence item holding the certificate: the ref given, else one titled so."""
    appeal = case.appeal
    certificate = appeal.mediation_certificate if appeal else None
    if certificate and certificate.document:
        return case.evidence_ref(certificate.document)
    return next(
        (
            d
            for d in case.evidence
            if d.kind is EvidenceKind.MEDIATION_CERTIFICATE
            or "mediation certificate" in d.title.lower()
        ),
        None,
    )


def _decision_letter_copy(case: Case) -> EvidenceDocument | None:
    appeal = case.appeal
    if appeal and appeal.decision.document:
        return case.evidence_ref(appeal.decision.document)
    return next((d for d in case.evidence if d.kind is EvidenceKind.DECISION_LETTER), None)


_PLAN_APPEALS = (AppealType.CONTENTS, AppealType.CEASE_TO_MAINTAIN, AppealType.REFUSAL_TO_AMEND)


def attachments_checklist(case: Case, locale: str = "en_GB") -> list[ChecklistItem]:
    """What must go with the appeal, ticked from what ``case.evidence`` holds."""
    appeal = case.appeal
    assert appeal is not None
    items: list[ChecklistItem] = []
    used: set[str] = set()

    letter = _decision_letter_copy(case)
    date = format_date(appeal.decision.date_sent, "long", locale)
    if letter:
        used.add(letter.ref or "")
        items.append(
            ChecklistItem(
                CHECKED, "The local authority\u2019s decision letter", _describe(letter, locale)
            )
        )
    else:
        items.append(
            ChecklistItem(
                UNCHECKED,
                "The local authority\u2019s decision letter",
                f"Letter dated {date}",
                "Missing: add the signed, dated letter to the evidence (kind: decision_letter).",
            )
        )

    if appeal.needs_mediation_certificate:
        copy = find_mediation_certificate_copy(case)
        certificate = appeal.mediation_certificate
        if copy:
            used.add(copy.ref or "")
            items.append(ChecklistItem(CHECKED, "Mediation certificate", _describe(copy, locale)))
        elif certificate:
            items.append(
                ChecklistItem(
                    UNCHECKED,
                    "Mediation certificate",
                    f"Issued {format_date(certificate.issued_on, 'long', locale)}",
                    "Missing: add a copy of the certificate to the evidence.",
                )
            )
        else:
            items.append(
                ChecklistItem(
                    UNCHECKED,
                    "Mediation certificate",
                    "No certificate recorded",
                    "Missing: required unless the appeal is only about Section I (s.55).",
                )
            )
    else:
        items.append(
            ChecklistItem(
                NOT_NEEDED,
                "Mediation certificate",
                "Not needed: the appeal is only about Section I (CAFA 2014 s.55).",
                required=False,
            )
        )

    if appeal.appeal_type in _PLAN_APPEALS:
        plan = next((d for d in case.evidence if d.kind is EvidenceKind.EHC_PLAN), None)
        if plan:
            used.add(plan.ref or "")
            items.append(
                ChecklistItem(
                    CHECKED, "The final EHC plan with all its appendices", _describe(plan, locale)
                )
            )
        else:
            items.append(
                ChecklistItem(
                    UNCHECKED,
                    "The final EHC plan with all its appendices",
                    "Not in the evidence",
                    "Missing: add the final plan and appendices (kind: ehc_plan).",
                )
            )

    school = appeal.preferred_school
    if appeal.challenges_section_i and school and school.independent:
        confirmation = (
            case.evidence_ref(school.confirmation_document)
            if school.confirmation_document
            else None
        )
        if confirmation:
            used.add(confirmation.ref or "")
            items.append(
                ChecklistItem(
                    CHECKED,
                    "Independent school\u2019s written confirmation of a place",
                    _describe(confirmation, locale),
                )
            )
        else:
            items.append(
                ChecklistItem(
                    UNCHECKED,
                    "Independent school\u2019s written confirmation of a place",
                    school.name,
                    "Missing: written confirmation that the school has a place and can meet "
                    "the child\u2019s needs (set preferred_school.confirmation_document).",
                )
            )

    for doc in case.evidence_by_date:
        if doc.ref in used:
            continue
        items.append(
            ChecklistItem(CHECKED, "Supporting evidence", _describe(doc, locale), required=False)
        )
    return items


# -- the notice --------------------------------------------------------------------------


def _form(appeal: Appeal) -> dict[str, str]:
    kind = appeal.appeal_type
    if kind is AppealType.REFUSAL_TO_ASSESS:
        why = (
            "The appeal is against a refusal to carry out an EHC needs assessment "
            f"({kind.statute} of the Children and Families Act 2014). Form SEND35a is the form "
            "for that kind of appeal."
        )
    else:
        why = (
            f"The appeal is about: {_lower_first(kind.label)} ({kind.statute} of the Children and "
            "Families Act 2014). Form SEND35 is the form for every SEN appeal other than a "
            "refusal to assess (SEND35a), and has the boxes for health and social care "
            "recommendations."
        )
    return {"name": kind.form, "statute": kind.statute, "why": why}


def _person(name: str, lines: list[str], email: str | None, phone: str | None) -> dict[str, Any]:
    return {"name": name, "address_lines": lines, "email": email or "", "phone": phone or ""}


def _mediation(case: Case, locale: str) -> dict[str, Any]:
    appeal = case.appeal
    assert appeal is not None
    certificate = appeal.mediation_certificate
    if certificate:
        by = f" by {certificate.issued_by}" if certificate.issued_by else ""
        took = (
            "Mediation took place."
            if certificate.mediation_took_place
            else "The appellants considered mediation and did not go ahead with it."
        )
        return {
            "status": "certificate",
            "text": f"Certificate issued on {format_date(certificate.issued_on, 'long', locale)}"
            f"{by}. {took}",
        }
    if not appeal.needs_mediation_certificate:
        return {
            "status": "exempt",
            "text": "No mediation certificate is needed: the appeal is only about the school or "
            "other institution named in Section I, or that none is named (CAFA 2014 s.55).",
        }
    return {
        "status": "missing",
        "text": "MISSING: a mediation certificate is required for this appeal (CAFA 2014 s.55).",
    }


def _decision_rows(case: Case, locale: str) -> dict[str, Any]:
    appeal = case.appeal
    assert appeal is not None
    decision = appeal.decision
    flags = []
    for stated, what in (
        (decision.states_appeal_rights, "the right of appeal"),
        (decision.states_time_limit, "the time limit"),
        (decision.states_mediation, "mediation information"),
        (decision.states_health_social_care, "health and social care recommendations"),
    ):
        if stated is not None:
            flags.append(f"{what}: {'stated' if stated else 'NOT stated'}")
    return {
        "type": appeal.appeal_type.label,
        "statute": appeal.appeal_type.statute,
        "date": format_date(decision.date_sent, "long", locale),
        "made_by": decision.made_by or "",
        "reference": decision.reference or "",
        "summary": decision.summary or "",
        "sections": format_list([s.label for s in appeal.sections]),
        "no_school_named": appeal.no_school_named,
        "plan_date": format_date(appeal.ehc_plan_date, "long", locale)
        if appeal.ehc_plan_date
        else "",
        "letter_says": "; ".join(flags),
        "omissions": letter_omissions(appeal),
    }


def _grounds_summary(parts: list[ReasonPart]) -> list[dict[str, Any]]:
    """Part headings with their paragraph numbers, to copy into the form's grounds box."""
    summary = []
    for part in parts:
        if part.heading in _NOT_GROUNDS or not part.paras:
            continue
        first, last = part.paras[0].number, part.paras[-1].number
        span = f"paragraph {first}" if first == last else f"paragraphs {first} to {last}"
        leads = [p.lead.rstrip(".") for p in part.paras if p.lead]
        summary.append({"heading": part.heading, "span": span, "points": leads})
    return summary


def build_context(case: Case, options: RenderOptions) -> dict[str, Any]:
    """Everything the appeal template uses (see docs/appeals.md)."""
    appeal = case.appeal
    if appeal is None:
        raise ValueError("the case has no appeal")
    locale = options.locale
    today = options.document_date
    deadline = deadline_for(appeal, locale)
    passed = today > deadline.date
    parents = addressees(case)
    appellants = [
        {
            **_person(
                f"{p.title} {p.name}" if p.title else p.name,
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
            **_person(rep.name, rep.address.all_lines if rep.address else [], rep.email, rep.phone),
            "organisation": rep.organisation or "",
            "role": rep.role or "",
            "reference": rep.reference or "",
        }
    if appeal.send_documents_to_representative and representative:
        documents_to = {**representative, "who": "The representative"}
    else:
        documents_to = {**appellants[0], "who": "The appellant"}
    la = case.local_authority
    reasons = reasons_for_appeal(case, options)
    checklist = attachments_checklist(case, locale)
    missing = [item for item in checklist if item.missing]
    mediation = _mediation(case, locale)
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
        "form": _form(appeal),
        "appellants": appellants,
        "appellant_names": format_list([a["name"] for a in appellants]),
        "representative": representative,
        "documents_to": documents_to,
        "respondent": _person(
            la.name, la.address.all_lines if la.address else [], la.email, la.phone
        )
        | {"team": la.sen_team or ""},
        "decision": _decision_rows(case, locale),
        "mediation": mediation,
        "mediation_contact": contact,
        "deadline": deadline,
        "deadline_when": deadline.when(locale),
        "deadline_passed": passed,
        "deadline_today": today == deadline.date,
        "days_left": (deadline.date - today).days,
        "days_late": (today - deadline.date).days,
        "late_reasons": paragraphs(appeal.late_reasons) if appeal.late_reasons else [],
        "grounds_summary": _grounds_summary(reasons),
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
                    "Yes"
                    if school.confirms_place_and_can_meet_needs
                    else "Not yet"
                    if school.independent
                    else "Not applicable (not an independent school)"
                ),
            }
            if school
            else None
        ),
        "hsc_requests": [
            {
                "area": r.area_label,
                "text": r.text,
                "refs": citations(r.evidence, case, locale),
            }
            for r in appeal.health_social_care_recommendations
        ],
        "reasons": reasons,
        "checklist": checklist,
        "checklist_missing": missing,
        "chronology": chronology(case, locale),
        "sendiass": la.sendiass,
    }


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
    return options.document_date


APPEAL = register(
    DocumentKind(
        name="appeal",
        title="SEND Tribunal appeal submission",
        description="Draft notice of appeal (SEND35/SEND35a), reasons, checklist and deadline.",
        template="appeal.docx",
        build_context=build_context,
        file_label="SEND_Tribunal_appeal",
        file_date=_file_date,
        check=appeal_checks,
        audience="parent",
    )
)

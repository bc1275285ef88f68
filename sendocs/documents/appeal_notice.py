"""The draft notice of appeal: the facts the official form asks for, ready to copy.

HESC r.20(2) and the form (SEND35a for a refusal to assess, SEND35 for every
other SEN appeal) ask for the parties, the decision, mediation and the
grounds; these helpers turn the case into those entries. The official form
itself is not reproduced.
"""

from __future__ import annotations

from typing import Any

from sendocs.documents.appeal_deadline import letter_omissions
from sendocs.documents.appeal_paragraphs import ReasonPart, lower_first
from sendocs.documents.appeal_reasons import NOT_GROUNDS
from sendocs.formatting import format_date, format_list
from sendocs.models import Appeal, AppealType, Case

__all__ = [
    "decision_details",
    "grounds_summary",
    "mediation_status",
    "notice_form",
    "party_details",
]


def notice_form(appeal: Appeal) -> dict[str, str]:
    kind = appeal.appeal_type
    if kind is AppealType.REFUSAL_TO_ASSESS:
        why = (
            "The appeal is against a refusal to carry out an EHC needs assessment "
            f"({kind.statute} of the Children and Families Act 2014). Form SEND35a is the form "
            "for that kind of appeal."
        )
    else:
        why = (
            f"The appeal is about: {lower_first(kind.label)} ({kind.statute} of the Children and "
            "Families Act 2014). Form SEND35 is the form for every SEN appeal other than a "
            "refusal to assess (SEND35a), and has the boxes for health and social care "
            "recommendations."
        )
    return {"name": kind.form, "statute": kind.statute, "why": why}


def party_details(
    name: str, lines: list[str], email: str | None, phone: str | None
) -> dict[str, Any]:
    return {"name": name, "address_lines": lines, "email": email or "", "phone": phone or ""}


def mediation_status(case: Case, locale: str) -> dict[str, Any]:
    appeal = case.appeal
    assert appeal is not None
    certificate = appeal.mediation_certificate
    if certificate:
        by = f" by {certificate.issued_by}" if certificate.issued_by else ""
        took = (
            "Mediation took place."
            if certificate.mediation_took_place
            else f"{_who(case)} considered mediation and did not go ahead with it."
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


def _who(case: Case) -> str:
    from sendocs.documents.appeal_reasons import appellants

    role = appellants(case).role
    return role[:1].upper() + role[1:]


def decision_details(case: Case, locale: str) -> dict[str, Any]:
    appeal = case.appeal
    assert appeal is not None
    decision = appeal.decision
    stated, missing = [], []
    for flag, what in (
        (decision.states_appeal_rights, "the right of appeal"),
        (decision.states_time_limit, "the time limit"),
        (decision.states_mediation, "the mediation information"),
        (
            None
            if appeal.appeal_type is AppealType.REFUSAL_TO_ASSESS
            else decision.states_health_social_care,
            "that the tribunal can make health and social care recommendations",
        ),
    ):
        if flag is True:
            stated.append(what)
        elif flag is False:
            missing.append(what)
    says = []
    if stated:
        says.append(f"The letter gave {format_list(stated)}.")
    if missing:
        says.append(f"It did not give {format_list(missing)}.")
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
        "letter_says": " ".join(says),
        "omissions": letter_omissions(appeal),
    }


def grounds_summary(parts: list[ReasonPart]) -> list[dict[str, Any]]:
    """Each ground in a sentence, with its heading and paragraph numbers, to copy into
    the form's grounds box: the part's own summary, else its grounds' titles as
    sentences, else its first sentence (never a bare list of headings)."""
    summary = []
    for part in parts:
        if part.heading in NOT_GROUNDS or not part.paras:
            continue
        first, last = part.paras[0].number, part.paras[-1].number
        span = f"paragraph {first}" if first == last else f"paragraphs {first} to {last}"
        leads = [p.lead.rstrip(".") for p in part.paras if p.lead]
        text = part.summary or " ".join(f"{lead}." for lead in leads)
        if not text:
            first_sentence = part.paras[0].text.split(". ")[0].rstrip(".")
            text = f"{first_sentence}."
        summary.append({"heading": part.heading, "span": span, "points": leads, "text": text})
    return summary

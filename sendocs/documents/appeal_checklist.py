"""The attachments checklist: what must go with the appeal, ticked from the evidence.

An appeal sent without the decision letter, the mediation certificate (unless
only Section I is appealed, CAFA 2014 s.55), the final plan or an independent
school's confirmation may be returned unregistered, so missing items are
flagged; any other evidence is listed as supporting.
"""

from __future__ import annotations

from dataclasses import dataclass

from sendocs.documents.appeal_evidence import author_to_name
from sendocs.formatting import format_date, format_list, plural
from sendocs.models import AppealType, Case, EvidenceDocument, EvidenceKind

__all__ = [
    "CHECKED",
    "NOT_NEEDED",
    "UNCHECKED",
    "ChecklistItem",
    "attachments_checklist",
    "find_mediation_certificate_copy",
]

CHECKED = "\u2612"  # ☒
UNCHECKED = "\u2610"  # ☐
NOT_NEEDED = "\u2013"  # –


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
    author = author_to_name(doc)
    who = f", {author}" if author else ""
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
                "Missing: attach a copy of the signed, dated letter.",
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
                    "Missing: attach a copy of the certificate.",
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
                    "Missing: attach the final plan and all its appendices.",
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
                    "the child\u2019s needs.",
                )
            )

    if appeal.amendments:
        # The reasons say the changes sought are in the working document that
        # accompanies them, so it is one of the documents to send (H5).
        # It is made from this case with the appeal, so it is present: a box left
        # empty beside "every required document is in the case evidence" contradicted
        # itself, and the tool's command is no text for a parent's document (s18 #8).
        order = list(type(appeal.amendments[0].section))
        letters = sorted({a.section for a in appeal.amendments}, key=order.index)
        named = ("Section " if len(letters) == 1 else "Sections ") + format_list(
            [x.value for x in letters]
        )
        issued = case.ehc_plan.issued if case.ehc_plan is not None else None
        items.append(
            ChecklistItem(
                CHECKED,
                "Working document (changes sought to the plan)",
                f"Changes sought to {named} of the EHC plan"
                + (f" dated {format_date(issued, 'long', locale)}" if issued else ""),
                "Attach it with the reasons.",
                required=False,
            )
        )

    for doc in case.evidence_by_date:
        if doc.ref in used:
            continue
        items.append(
            ChecklistItem(CHECKED, "Supporting evidence", _describe(doc, locale), required=False)
        )
    return items

"""The appeal time limit, and the part of the reasons that asks to extend it.

The deadline itself is computed by :func:`sendocs.dates.appeal_deadline`
(with its rule and explanation); when the document date is after it, the
reasons gain a "Time limit" part asking for an extension (HESC r.20(4)),
citing what the decision letter failed to state.
"""

from __future__ import annotations

from sendocs.dates import Deadline, appeal_deadline
from sendocs.documents.appeal_paragraphs import Appellants, Numberer, ReasonPart
from sendocs.formatting import format_list, paragraphs
from sendocs.models import Appeal, AppealType

__all__ = ["LATE_HEADING", "deadline_for", "late_part", "letter_omissions"]

LATE_HEADING = "Time limit"

# The regulation that says what the decision notice must state (domain brief §5, §11:
# regs 5(3) and 10(3) checked); other decisions keep the general wording rather than
# a guessed regulation number.
_NOTICE_REGULATION = {
    AppealType.REFUSAL_TO_ASSESS: "regulation 5(3) of the SEND Regulations 2014",
    AppealType.REFUSAL_TO_ISSUE: "regulation 10(3) of the SEND Regulations 2014",
}


def deadline_for(appeal: Appeal, locale: str = "en_GB") -> Deadline:
    """The appeal time limit from the decision letter and any mediation certificate."""
    certificate = appeal.mediation_certificate
    return appeal_deadline(
        appeal.decision.date_sent, certificate.issued_on if certificate else None, locale=locale
    )


def letter_omissions(appeal: Appeal) -> list[str]:
    """What the decision letter is recorded as not stating, of what it had to state.

    A refusal-to-assess letter need not mention health and social care
    recommendations (domain brief §5), so that omission is not counted there.
    """
    omissions = appeal.decision.omissions
    if appeal.appeal_type is AppealType.REFUSAL_TO_ASSESS:
        omissions = [o for o in omissions if "health and social care" not in o]
    return omissions


def late_part(
    n: Numberer, appeal: Appeal, deadline: Deadline, locale: str, who: Appellants
) -> ReasonPart:
    """Why time should be extended (HESC r.20(4)), with the letter's recorded omissions."""
    part = ReasonPart(LATE_HEADING)
    part.paras.append(
        n.para(
            f"The time limit for this appeal ended at {deadline.when(locale)} "
            f"({deadline.rule}), and has passed. {who.noun[:1].upper()}{who.noun[1:]} "
            f"{who.verb('ask', 'asks')} the Tribunal to extend time under rule "
            "20(4) of the Tribunal Procedure (First-tier Tribunal) (Health, Education and "
            "Social Care Chamber) Rules 2008, for the reasons below."
        )
    )
    for text in paragraphs(appeal.late_reasons):
        part.paras.append(n.para(text))
    omissions = letter_omissions(appeal)
    if omissions:
        regulation = _NOTICE_REGULATION.get(appeal.appeal_type)
        required = (
            f"which {regulation} requires it to state"
            if regulation
            else "which the regulations require it to state"
        )
        part.paras.append(
            n.para(f"The decision letter did not state {format_list(omissions)}, {required}.")
        )
    return part

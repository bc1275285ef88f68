"""The appeal time limit, and the part of the reasons that asks to extend it.

The deadline itself is computed by :func:`sendocs.dates.appeal_deadline`
(with its rule and explanation); when the document date is after it, the
reasons gain a "Time limit" part asking for an extension (HESC r.5(3)(a), as r.20(4)
requires),
citing what the decision letter failed to state.
"""

from __future__ import annotations

import datetime as dt

from sendocs.dates import Deadline, appeal_deadline
from sendocs.documents.appeal_paragraphs import Appellants, Numberer, ReasonPart
from sendocs.formatting import format_list, paragraphs
from sendocs.models import Appeal, AppealType

__all__ = [
    "LATE_HEADING",
    "deadline_for",
    "late_notice",
    "late_part",
    "letter_omissions",
]

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
    n: Numberer,
    appeal: Appeal,
    deadline: Deadline,
    locale: str,
    who: Appellants,
    on: dt.date | None = None,
) -> ReasonPart:
    """The request to extend time, in one paragraph: rule 20(4) requires a late notice to
    include the request and the reasons; the power to extend is rule 5(3)(a).

    The reasons the appeal is late are given once, where the tribunal's form
    asks for them (the notice's "Reasons the appeal is late", see
    :func:`late_notice`); the reasons for appeal refer to them rather than
    repeat them.
    """
    part = ReasonPart(LATE_HEADING)
    where = (
        "given in the notice of appeal under \u201cReasons the appeal is late\u201d"
        if appeal.late_reasons or letter_omissions(appeal)
        else "to be given in the notice of appeal"
    )
    part.paras.append(
        n.para(
            f"The time limit for this appeal ended at {deadline.when(locale)} "
            f"({deadline.rule}), and has passed."
            # one limit, one basis (s18 finding 7): IPSEA (domain S14, S15) moves only a
            # deadline that ends in August; a longer "even if" reading is the CLI's
            # stderr warning, never a second deadline in the document
            + f" {who.noun[:1].upper()}{who.noun[1:]} "
            f"{who.verb('ask', 'asks')} the Tribunal to extend time under rule 5(3)(a) of the "
            "Tribunal Procedure (First-tier Tribunal) (Health, Education and Social Care "
            f"Chamber) Rules 2008, as rule 20(4) requires, for the reasons {where}."
            + _delay_sentence(appeal, deadline, on)
        )
    )
    return part


def _delay_sentence(appeal: Appeal, deadline: Deadline, on: dt.date | None) -> str:
    """How late, in days, and the appellant's own submission on prejudice: what a
    tribunal weighs when asked to extend time (s18 R6 #7). The submission is the
    appellant's (``appeal.late_prejudice``), never made up by the tool (#11 s19)."""
    if on is None or on <= deadline.date:
        return ""
    days = (on - deadline.date).days
    lodged = "lodged" if appeal.lodged_on else "dated"
    text = f" The appeal is {lodged} {days} day{'s' if days != 1 else ''} after the time limit."
    prejudice = " ".join((appeal.late_prejudice or "").split())
    if prejudice:
        text += " " + prejudice[:1].upper() + prejudice[1:]
        if not prejudice.endswith((".", "!", "?", "\u201d", '"')):
            text += "."
    return text


def late_notice(appeal: Appeal) -> dict[str, object]:
    """The reasons the appeal is late, said once, for the notice of appeal: the
    appellant's own reasons, then what the law required the decision letter to state
    and it did not (which supports an extension), without restating the fact twice."""
    omissions = letter_omissions(appeal)
    law = ""
    if omissions:
        regulation = _NOTICE_REGULATION.get(appeal.appeal_type)
        law = (
            f"{regulation[:1].upper()}{regulation[1:]} requires"
            if regulation
            else "The regulations require"
        ) + (
            f" the decision letter to state {format_list(omissions)}. The letter did not, "
            "and that supports an extension of time."
        )
    return {"reasons": paragraphs(appeal.late_reasons) if appeal.late_reasons else [], "law": law}

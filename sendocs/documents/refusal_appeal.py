"""What a school letter tells a parent about appealing a refused EHC needs assessment.

A right of appeal given without its time limit or the mediation step is no use
to a parent (Leo's letter gave neither). The words follow domain brief §5-6:
an appeal against a refusal to assess needs a mediation certificate first (the
parent must contact a mediation adviser, but need not go to mediation; only an
appeal about the school named in Section I is exempt, and a refusal to assess
never is), and must be made by the later of two months from the decision letter
and one month from the certificate (HESC r.20(1)(c) with r.12). The date comes
from the deadline code the appeal uses (:func:`sendocs.dates.appeal_deadline`);
uncertainty it records stays a warning to the user, not text.
"""

from __future__ import annotations

import datetime as dt

from sendocs.dates import add_months, appeal_deadline
from sendocs.formatting import format_date
from sendocs.models import AppealType, Case

__all__ = ["appealed", "refusal_appeal_text"]

_TRIBUNAL = "the First-tier Tribunal (Special Educational Needs and Disability)"


def appealed(case: Case, on: dt.date) -> bool:
    """Whether the case records that the appeal was lodged by ``on`` (its date, or a
    tribunal reference, which the Tribunal gives only once it has the appeal)."""
    appeal = case.appeal
    if appeal is None:
        return False
    if appeal.lodged_on is not None:
        return appeal.lodged_on <= on
    return bool(appeal.tribunal_reference)


def refusal_appeal_text(case: Case, on: dt.date, locale: str = "en_GB") -> str:
    """The paragraph after "decided … not to carry out an assessment": the right of
    appeal, the mediation step, the time limit and, as of ``on``, whether it has
    passed. "" when the case records no refusal sent by ``on``."""
    appeal = case.appeal
    if appeal is None or appeal.appeal_type is not AppealType.REFUSAL_TO_ASSESS:
        return ""
    if appeal.decision.date_sent > on:
        return ""
    if appealed(case, on):
        # the parent has already appealed: the appeal is under way, not a right to offer
        # again, and a time limit that has passed is no news to them (Leo, B6)
        return (
            f"We understand you have appealed to {_TRIBUNAL} against that decision. We will "
            "give you any evidence from the school that you need for the appeal."
        )
    certificate = appeal.mediation_certificate
    if certificate is not None and certificate.issued_on > on:
        certificate = None  # not issued yet on the letter's date
    deadline = appeal_deadline(
        appeal.decision.date_sent, certificate.issued_on if certificate else None, locale=locale
    )
    text = (
        f"You can appeal against that decision to {_TRIBUNAL}, under section 51 of the "
        "Children and Families Act 2014. Before you appeal you must contact a mediation "
        "adviser and get a mediation certificate; you do not have to go to mediation itself. "
        "The appeal "
        "must be made within two months of the date of the council\u2019s "
        "decision letter, or within one month of the date of the mediation certificate, "
        "whichever is later."
    )
    if certificate is not None:
        # both limbs, so the reasoning can be followed: the later of the two applies
        letter_limit = add_months(appeal.decision.date_sent, 2)
        certificate_limit = add_months(certificate.issued_on, 1)
        text += (
            " Two months from the council\u2019s letter of "
            f"{format_date(appeal.decision.date_sent, 'long', locale)} is "
            f"{format_date(letter_limit, 'long', locale)}; one month from your certificate "
            f"of {format_date(certificate.issued_on, 'long', locale)} is "
            f"{format_date(certificate_limit, 'long', locale)}. The later date applies, so "
            f"the time limit is {deadline.when(locale)}"
        )
    else:
        text += (
            " Without a certificate the time limit is two months from the decision letter: "
            f"{deadline.when(locale)}"
        )
    if deadline.has_passed(on):
        text += (
            ", and it has passed. The Tribunal can still accept a late appeal if it agrees to "
            "extend the time limit; the appeal must then say why it is late."
        )
    else:
        text += "."
    return text

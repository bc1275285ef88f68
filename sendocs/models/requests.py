"""The EHC needs assessment request (CAFA s.36) and a local authority's decisions.

Only the data: the letters and the deadline arithmetic live elsewhere.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from sendocs.models.base import CaseModel
from sendocs.models.vocabulary import DeliveryMethod, Requester


class ConsultPerson(CaseModel):
    """Someone the requester asks the LA to seek advice from (Reg 6(1)(h))."""

    name: str = Field(min_length=1)
    role: str = Field(min_length=1)
    organisation: str | None = None


class AssessmentRequest(CaseModel):
    """A request for an EHC needs assessment under s.36(1)."""

    requester: Requester = Requester.PARENT
    requester_name: str | None = Field(
        default=None, description="Defaults to the first parent, the young person or the SENCO."
    )
    sent_on: dt.date | None = Field(default=None, description="Date on the letter.")
    delivery: DeliveryMethod = DeliveryMethod.EMAIL
    sent_after_5pm: bool = False
    received_on: dt.date | None = Field(
        default=None, description="Date the LA received it, if known (else deemed from delivery)."
    )
    parent_agrees: bool | None = Field(
        default=None, description="School requests: whether the parent knows and agrees."
    )
    consult: list[ConsultPerson] = Field(default_factory=list)
    additional_reasons: str | None = Field(
        default=None, description="Anything else the requester wants the LA to know."
    )
    previous_request_on: dt.date | None = Field(
        default=None, description="Date of an earlier request, if any (s.36(6)-(7): 6 months)."
    )
    decision_exception: str | None = Field(
        default=None,
        description="An exception the LA has stated under reg 5(4); recorded, never assumed.",
    )


class Decision(CaseModel):
    """A local authority decision notice."""

    date_sent: dt.date = Field(description="The date on the decision letter.")
    made_by: str | None = Field(default=None, description="Officer or panel named on the letter.")
    reference: str | None = None
    summary: str | None = None
    states_appeal_rights: bool | None = Field(
        default=None,
        description="Whether the letter gave the right of appeal, time limit and mediation "
        "information (Regs 5(3), 10(3)); omissions support a late appeal.",
    )


class MediationCertificate(CaseModel):
    """A certificate from the mediation adviser (CAFA s.55)."""

    issued_on: dt.date
    issued_by: str | None = None
    mediation_took_place: bool = False

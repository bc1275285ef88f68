"""The EHC needs assessment request (CAFA s.36) and a local authority's decisions.

Only the data: the letters and the deadline arithmetic live elsewhere.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from sendocs.models.base import CaseModel
from sendocs.models.people import PostalAddress
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
    requester_address: PostalAddress | None = Field(
        default=None,
        description="Requester's address if not the first parent's (e.g. a young person's own).",
    )
    requester_email: str | None = None
    requester_phone: str | None = None
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
    la_reference: str | None = Field(
        default=None,
        description="The local authority's reference for the request, once it has given one.",
    )
    parent_agreed_on: dt.date | None = Field(
        default=None,
        description="School requests: the date the parent signed their agreement (enclosed).",
    )
    parent_views: str | None = Field(
        default=None,
        description="The parent's own words for this request (default: the current plan's).",
    )
    pupil_views: str | None = Field(
        default=None,
        description="The child's own words for this request (default: the current plan's).",
    )
    followed_up_on: dt.date | None = Field(
        default=None,
        description="Date of a follow-up letter chasing a late decision, if one was sent.",
    )
    follow_up_reply_by: dt.date | None = Field(
        default=None,
        description="The date that follow-up asked for the decision by: a later letter "
        "quotes it (never guessed), and the follow-up re-made on its own date gives it.",
    )
    letter_before_claim_sent_on: dt.date | None = Field(
        default=None,
        description="Date of a letter before claim already sent about the late decision: "
        "a later follow-up is refused, a later letter before claim refers to it.",
    )
    copy_to_sendiass: bool = Field(
        default=False,
        description="Letters chasing the decision are copied to the local SENDIASS "
        "(local_authority.sendiass) when the parent or young person wants that.",
    )


class Decision(CaseModel):
    """A local authority decision notice."""

    date_sent: dt.date = Field(description="The date on the decision letter.")
    request_made_on: dt.date | None = Field(
        default=None,
        description="The date of the s.36(1) request this decision answers (a refusal to "
        "assess): the appeal identifies the request and how long the decision took.",
    )
    made_by: str | None = Field(default=None, description="Officer or panel named on the letter.")
    reference: str | None = None
    summary: str | None = None
    states_appeal_rights: bool | None = Field(
        default=None,
        description="Whether the letter gave the right of appeal, time limit and mediation "
        "information (Regs 5(3), 10(3)); omissions support a late appeal.",
    )
    states_time_limit: bool | None = Field(
        default=None, description="Whether the letter said when an appeal must be made."
    )
    states_mediation: bool | None = Field(
        default=None,
        description="Whether the letter gave the mediation information (reg 32) and the "
        "mediation adviser's contact details.",
    )
    states_health_social_care: bool | None = Field(
        default=None,
        description="Whether the letter said the tribunal can make health and social care "
        "recommendations (not needed for a refusal to assess).",
    )
    document: str | None = Field(
        default=None,
        description="The evidence ref of the copy of the letter (e.g. 'E5'), for the "
        "attachments checklist; otherwise an evidence item of kind decision_letter is used.",
    )

    @property
    def omissions(self) -> list[str]:
        """What the letter is recorded as NOT having said (each supports a late appeal)."""
        flags = (
            (self.states_appeal_rights, "the right of appeal"),
            (self.states_time_limit, "the time limit for appealing"),
            (self.states_mediation, "the information about mediation"),
            (
                self.states_health_social_care,
                "that the tribunal can make health and social care recommendations",
            ),
        )
        return [what for stated, what in flags if stated is False]


class MediationCertificate(CaseModel):
    """A certificate from the mediation adviser (CAFA s.55)."""

    issued_on: dt.date
    issued_by: str | None = None
    mediation_took_place: bool = False
    document: str | None = Field(
        default=None,
        description="The evidence ref of the copy of the certificate (e.g. 'E6'), for the "
        "attachments checklist; otherwise an evidence item titled 'mediation certificate'.",
    )

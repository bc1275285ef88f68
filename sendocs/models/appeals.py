"""A SEND Tribunal appeal (CAFA s.51, HESC rule 20): the decision challenged,
mediation, grounds, the result sought, and the people involved."""

from __future__ import annotations

import datetime as dt

from pydantic import Field, model_validator

from sendocs.models.base import CaseModel
from sendocs.models.evidence import EvidenceRef
from sendocs.models.people import Contact, PostalAddress
from sendocs.models.requests import Decision, MediationCertificate
from sendocs.models.vocabulary import AppealType, PlanSection


class Ground(CaseModel):
    """One ground of appeal, tied to the evidence that supports it.

    For a refusal to assess, ``limb`` is 1 (has or may have SEN) or 2 (may
    need provision through a plan); for a contents appeal, ``section`` is B, F or I.
    """

    text: str = Field(min_length=1)
    limb: int | None = Field(default=None, ge=1, le=2)
    section: PlanSection | None = None
    evidence: list[EvidenceRef] = Field(default_factory=list)


class PreferredSchool(CaseModel):
    """Section I: the school the parent wants named."""

    name: str = Field(min_length=1)
    address: PostalAddress | None = None
    school_type: str | None = Field(default=None, description="e.g. 'independent special school'.")
    independent: bool = False
    consulted_on: dt.date | None = Field(default=None, description="Date the school was asked.")
    response: str | None = Field(default=None, description="What the school said.")
    confirms_place_and_can_meet_needs: bool | None = None


class Representative(Contact):
    """A solicitor, adviser or friend representing the appellant."""

    organisation: str | None = None
    address: PostalAddress | None = None


class Appeal(CaseModel):
    """An appeal to the First-tier Tribunal (SEND)."""

    appeal_type: AppealType
    sections: list[PlanSection] = Field(
        default_factory=list, description="Contents appeals: the sections challenged."
    )
    no_school_named: bool = Field(
        default=False,
        description="Contents appeal where Section I names no school (s.51(2)(c)(iv)).",
    )
    decision: Decision
    mediation_certificate: MediationCertificate | None = None
    grounds: list[Ground] = Field(default_factory=list)
    result_sought: str | None = None
    representative: Representative | None = None
    preferred_school: PreferredSchool | None = None
    health_social_care_recommendations: str | None = Field(
        default=None,
        description="What health or social care recommendations are sought (extended appeal).",
    )
    late_reasons: str | None = Field(default=None, description="Why the appeal is late (r.20(4)).")
    ehc_plan_date: dt.date | None = Field(default=None, description="Date of the final EHC plan.")

    @model_validator(mode="after")
    def _sections_fit_type(self) -> Appeal:
        if self.appeal_type is AppealType.CONTENTS and not (self.sections or self.no_school_named):
            raise ValueError("a contents appeal must name the sections challenged (B, F and/or I)")
        if self.appeal_type is not AppealType.CONTENTS and self.sections:
            raise ValueError("sections are only given for a contents appeal")
        return self

    @property
    def section_i_only(self) -> bool:
        """Section-I-only appeals need no mediation certificate (s.55(3))."""
        return self.appeal_type is AppealType.CONTENTS and (set(self.sections) <= {PlanSection.I})

    @property
    def needs_mediation_certificate(self) -> bool:
        return not self.section_i_only

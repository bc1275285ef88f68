"""The graduated approach: assess, plan, do, review (Code 6.44-6.56).

A case holds its cycles oldest first; the last one is the current plan.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field, model_validator

from sendocs.models.base import CaseModel
from sendocs.models.outcomes import Outcome, Provision


class Assessment(CaseModel):
    """The 'assess' step: where the child is and why."""

    summary: str | None = Field(default=None, description="Teacher assessment and analysis.")
    attainment: str | None = Field(
        default=None, description="Baseline attainment and rate of progress."
    )
    external_advice: str | None = None


class Review(CaseModel):
    """The 'review' step, held on or near the agreed date."""

    held_on: dt.date
    attendees: list[str] = Field(default_factory=list)
    effectiveness: str | None = Field(
        default=None, description="Impact and quality of the support and interventions."
    )
    pupil_views: str | None = None
    parent_views: str | None = None
    next_steps: str | None = None


class ReviewCycle(CaseModel):
    """One assess-plan-do-review cycle: the plan agreed at its start and its review."""

    start: dt.date = Field(description="Date the plan was agreed / starts.")
    review_date: dt.date = Field(description="The agreed review date (Code 6.48).")
    assess: Assessment = Field(default_factory=Assessment)
    pupil_views: str | None = Field(default=None, description="What the child says (pupil voice).")
    parent_views: str | None = None
    outcomes: list[Outcome] = Field(default_factory=list)
    provision: list[Provision] = Field(default_factory=list)
    agreed_with_parents: bool = True
    review: Review | None = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> ReviewCycle:
        if self.review_date <= self.start:
            raise ValueError(
                f"review_date ({self.review_date}) must be after the plan start ({self.start})"
            )
        if self.review and self.review.held_on < self.start:
            raise ValueError(
                f"review.held_on ({self.review.held_on}) is before the plan start ({self.start})"
            )
        return self

    @property
    def is_reviewed(self) -> bool:
        return self.review is not None

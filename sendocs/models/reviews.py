"""The graduated approach: assess, plan, do, review (Code 6.44-6.56).

A case holds its cycles oldest first; the last one is the current plan.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field, model_validator

from sendocs.models.base import CaseModel
from sendocs.models.evidence import EvidenceRef
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
    evidence: list[EvidenceRef] = Field(
        default_factory=list,
        description="Where the school's records hold this review (document, page): an appeal "
        "cites the pages, not only the document.",
    )


class ParentRequest(CaseModel):
    """Something the parents asked for, and how the plan answers it (or that it is open)."""

    request: str = Field(min_length=1)
    outcome: int | None = Field(default=None, ge=1, description="The outcome that answers it.")
    provision: str | None = Field(
        default=None, description="The intervention (by name) that answers it."
    )
    response: str | None = Field(default=None, description="The school's answer, in words.")


class ParentView(CaseModel):
    """One parent's own view of the plan, attributed by name: parents who live apart
    (or disagree) are not given one joint voice."""

    name: str = Field(min_length=1, description="The parent, as named in 'parents'.")
    views: str = Field(min_length=1)


class ReviewCycle(CaseModel):
    """One assess-plan-do-review cycle: the plan agreed at its start and its review."""

    start: dt.date = Field(description="Date the plan was agreed / starts.")
    review_date: dt.date = Field(description="The agreed review date (Code 6.48).")
    review_time: str | None = Field(
        default=None, description="Time of the review meeting, e.g. '3.30pm'."
    )
    review_place: str | None = Field(
        default=None, description="Where the review meeting is held, e.g. 'the SENCO's office'."
    )
    reply_by: dt.date | None = Field(
        default=None,
        description="The date the review's reply slip is to be returned by; default 3 school "
        "days before the review (weekdays that are not bank holidays).",
    )
    assess: Assessment = Field(default_factory=Assessment)
    pupil_views: str | None = Field(default=None, description="What the child says (pupil voice).")
    parent_views: str | None = None
    parent_views_each: list[ParentView] = Field(
        default_factory=list,
        description=(
            "Each parent's own view, by name, where one joint view would not be true "
            "(parents apart); printed in place of 'parent_views'."
        ),
    )
    agreed_on: dt.date | None = Field(
        default=None,
        description="The date the plan was agreed with the family; printed when given.",
    )
    outcomes: list[Outcome] = Field(default_factory=list)
    provision: list[Provision] = Field(default_factory=list)
    strategies_for_all_adults: list[str] = Field(
        default_factory=list,
        description="What every adult who works with the child does (Code 6.52: quality teaching).",
    )
    help_at_home: list[str] = Field(
        default_factory=list, description="How parents can help at home, agreed with them."
    )
    parent_requests: list[ParentRequest] = Field(
        default_factory=list,
        description="What the parents asked for, and which outcome or provision answers it.",
    )
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

    @model_validator(mode="after")
    def _links_exist(self) -> ReviewCycle:
        count = len(self.outcomes)
        for i, p in enumerate(self.provision, start=1):
            for number in p.outcomes:
                if not 1 <= number <= count:
                    raise ValueError(
                        f"provision {i} ({p.intervention}) serves outcome {number}, but this "
                        f"plan has {count} outcome(s)"
                    )
        for i, r in enumerate(self.parent_requests, start=1):
            if r.outcome is not None and not 1 <= r.outcome <= count:
                raise ValueError(f"parent request {i} names outcome {r.outcome}: no such outcome")
        return self

    @property
    def is_reviewed(self) -> bool:
        return self.review is not None

"""SMART outcomes and provision: what a plan aims for and what the school does."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import Field, model_validator

from sendocs.models.base import CaseModel
from sendocs.models.evidence import EvidenceRef
from sendocs.models.rounding import round_money
from sendocs.models.vocabulary import AreaOfNeed, OutcomeStatus, ProvisionSetting, ProvisionStatus


class Outcome(CaseModel):
    """A SMART outcome: specific, measurable, achievable, realistic, time-bound.

    A missing measure or target date is not an error (plans are drafted in
    stages) but is always reported as a warning: an outcome nobody can
    measure cannot be reviewed.
    """

    outcome: str = Field(min_length=1, description="What the child will be able to do.")
    area: AreaOfNeed | None = None
    baseline: str | None = Field(default=None, description="Where the child is now.")
    success_criteria: str | None = Field(
        default=None, description="How we will know: the measure and the target level."
    )
    target_date: dt.date | None = None
    responsible: str | None = Field(default=None, description="Who leads on it (role).")
    status: OutcomeStatus = OutcomeStatus.NOT_YET_REVIEWED
    evidence: str | None = Field(default=None, description="At review: what shows the result.")
    ehc_outcome: int | None = Field(
        default=None,
        ge=1,
        description=(
            "For a pupil with an EHC plan: the Section E outcome (1 = the first in "
            "ehc_plan.section_e) this outcome is a step towards."
        ),
    )


class Provision(CaseModel):
    """One piece of special educational provision: additional to or different from
    what other pupils get (Code 6.76), costed for the provision map."""

    intervention: str = Field(min_length=1)
    description: str | None = None
    area: AreaOfNeed
    delivered_by: str = Field(min_length=1, description="Role, e.g. 'Teaching assistant'.")
    staff_name: str | None = None
    setting: ProvisionSetting = ProvisionSetting.OUT_OF_CLASS
    group_size: int = Field(default=1, ge=1, description="Pupils in the group, 1 = one-to-one.")
    staff_per_group: int = Field(default=1, ge=1, description="Adults running each session.")
    sessions_per_week: Decimal = Field(gt=0)
    minutes_per_session: int = Field(gt=0, le=600)
    start: dt.date | None = None
    end: dt.date | None = None
    weeks: int | None = Field(
        default=None, ge=1, le=52, description="Length in school weeks, if not start/end."
    )
    hourly_cost: Decimal = Field(default=Decimal(0), ge=0, description="Staff cost per hour (£).")
    other_costs: Decimal = Field(
        default=Decimal(0), ge=0, description="Resources per year for this pupil (£)."
    )
    resources_description: str | None = Field(
        default=None,
        description=(
            "What ``other_costs`` buys, printed beside the amount on provision maps: "
            "'Laptop for exams and mocks'."
        ),
    )
    outcomes: list[int] = Field(
        default_factory=list,
        description="The outcome(s) of this plan it serves, by number (1 = the first outcome).",
    )
    schedule: str | None = Field(
        default=None,
        description=(
            "How it runs, in words, where sessions a week do not describe it: a part-time "
            "timetable's days and hours attended. Documents print it in place of the "
            "sessions (which still cost it)."
        ),
    )
    group_label: str | None = Field(
        default=None,
        description=(
            "Words for who it is given with, where a group size does not describe it: "
            "'Whole class', 'In every lesson'. Printed in place of 'One-to-one'."
        ),
    )
    next_steps: str | None = Field(
        default=None,
        description=(
            "How it will change and by when, e.g. a part-time timetable's planned return "
            "to full days; printed in the plan's support row."
        ),
    )
    section_f: list[int] = Field(
        default_factory=list,
        description="The EHC plan's Section F item(s) it delivers, by number (1 = the first).",
    )
    requested_from: str | None = Field(
        default=None,
        description=(
            "Who the school asked to arrange it, while it is not yet in place (a Section F "
            "item the service has not started): 'Anyshire County Council'. The plan says "
            "who was asked and when; without it ``validate`` warns."
        ),
    )
    requested_on: dt.date | None = Field(
        default=None, description="The date the school asked ``requested_from`` to arrange it."
    )
    requested_again_on: list[dt.date] = Field(
        default_factory=list,
        description="Each later date the school asked for it again in writing; the plan's "
        "Status cell lists every request date.",
    )
    chased_on: list[dt.date] = Field(
        default_factory=list,
        description="Each date the school chased the request; the plan's Status cell lists them.",
    )
    requested_evidence: list[EvidenceRef] = Field(
        default_factory=list,
        description=(
            "Where the evidence records the request itself (document, page, paragraph): an "
            "appeal says who was asked and when only with it, and only from a document dated "
            "on or after ``requested_on``; without it the appeal leaves the request out and "
            "warns."
        ),
    )
    last_delivered: str | None = Field(
        default=None,
        description=(
            "When it was last delivered, as the evidence records it, to run on after "
            "'since': 'an NHS block ended in July 2026'."
        ),
    )
    not_delivered_evidence: list[EvidenceRef] = Field(
        default_factory=list,
        description=(
            "Where the evidence records that it has not been delivered (document, page, "
            "paragraph): an appeal says it has not been delivered since the plan was issued "
            "only when one of these is dated after the plan."
        ),
    )
    status: ProvisionStatus | None = Field(
        default=None,
        description=(
            "planned, in_place or stopped; when left out: in place if it started on or "
            "before the plan, planned if it starts later, stopped if it has ended."
        ),
    )
    evidence_base: str | None = None
    entry_data: str | None = None
    exit_data: str | None = None
    impact: str | None = None
    class_teaching: bool | None = Field(
        default=None,
        description=(
            "Part of ordinary class teaching (whole-class, quality-first teaching at no "
            "extra cost): provision maps list it apart, not costed and not counted as "
            "extra time. Left out: true when it is given in class with no staff cost and "
            "no resources."
        ),
    )

    @model_validator(mode="after")
    def _dates_in_order(self) -> Provision:
        if self.start and self.end and self.end < self.start:
            raise ValueError(f"end ({self.end}) is before start ({self.start})")
        if self.class_teaching and (self.hourly_cost or self.other_costs):
            raise ValueError(
                "class_teaching is true but hourly_cost or other_costs is set: ordinary "
                "class teaching has no extra cost (leave class_teaching out to cost it)"
            )
        return self

    @property
    def is_class_teaching(self) -> bool:
        """Whether this is part of ordinary class teaching, not additional provision:
        ``class_teaching`` when given, else in class at no staff cost and no resources
        (a whole-class adaptation the teacher makes costs nothing and adds no time).
        Never for a line that delivers an EHC plan's Section F item: that is special
        educational provision (Children and Families Act 2014 s.21), listed and costed as such."""
        if self.section_f:
            return False
        if self.class_teaching is not None:
            return self.class_teaching
        return (
            self.setting is ProvisionSetting.IN_CLASS
            and not self.hourly_cost
            and not self.other_costs
        )

    @property
    def not_started(self) -> bool:
        """Asked for but not started: planned, with no start date (a service that has set
        no sessions). It runs no weeks, so it adds no time and no cost, and maps name it
        apart ("Not yet delivered")."""
        return self.status is ProvisionStatus.PLANNED and self.start is None

    def status_on(self, plan_start: dt.date) -> ProvisionStatus:
        """The one status the plan prints for this provision."""
        if self.status is not None:
            return self.status
        if self.end and self.end < plan_start:
            return ProvisionStatus.STOPPED
        if self.start and self.start > plan_start:
            return ProvisionStatus.PLANNED
        return ProvisionStatus.IN_PLACE

    @property
    def weekly_minutes(self) -> Decimal:
        return self.sessions_per_week * self.minutes_per_session

    def annual_hours(self, weeks_per_year: int = 38) -> Decimal:
        """Staff-contact hours in a school year for this pupil's group."""
        return self.weekly_minutes * weeks_per_year / 60

    def annual_cost(self, weeks_per_year: int = 38) -> Decimal:
        """Cost per pupil per year: staff hourly cost × hours × adults ÷ group size
        + resources, rounded to the penny."""
        staff = self.hourly_cost * self.annual_hours(weeks_per_year) * self.staff_per_group
        total = staff / self.group_size + self.other_costs
        return round_money(total)

"""The case: everything known about one child, the single source of truth
for every document sendocs makes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import Field, model_validator

from sendocs.models.appeals import Appeal, located_error, unknown_evidence_refs
from sendocs.models.base import CaseModel
from sendocs.models.evidence import EvidenceDocument
from sendocs.models.needs import Diagnosis, Need
from sendocs.models.people import Child, LocalAuthority, ParentCarer, Professional, School
from sendocs.models.requests import AssessmentRequest
from sendocs.models.reviews import ReviewCycle
from sendocs.models.vocabulary import AreaOfNeed, SenProvision

SCHEMA_VERSION = 1


class SectionItem(CaseModel):
    """One numbered item of an EHC plan section, with the plan's own number (F3)."""

    number: int = Field(ge=1, description="The item's number in the EHC plan (3 for F3).")
    text: str = Field(min_length=1, description="The item as written in the EHC plan.")


class EhcPlan(CaseModel):
    """The EHC plan a pupil has: the school plan is written against it (s.44 reviews)."""

    issued: dt.date = Field(description="Date the final plan was issued.")
    last_review: dt.date | None = Field(default=None, description="Last annual review meeting.")
    reference: str | None = Field(default=None, description="The local authority's reference.")
    section_e: list[str] = Field(
        default_factory=list, description="The outcomes in Section E of the plan, as written."
    )
    section_f: list[str | SectionItem] = Field(
        default_factory=list,
        description=(
            "The special educational provision in Section F of the plan, as written: the "
            "school plan lists it as what the school must deliver (s.42 duty on the LA). "
            "Item n of the list is F<n>; an item given as {number, text} keeps the EHC "
            "plan's own number (list only F2, F3 and F5 and they stay F2, F3 and F5)."
        ),
    )

    @property
    def section_f_items(self) -> list[tuple[int, str]]:
        """Each Section F item with the EHC plan's own number: its ``number`` when given,
        else its place in the list. Never renumbered: the appeal, the plan and the
        school's plan all say F3 for the same item (Sami, s18)."""
        return [
            (item.number, item.text) if isinstance(item, SectionItem) else (n, item)
            for n, item in enumerate(self.section_f, start=1)
        ]

    @model_validator(mode="after")
    def _section_f_numbers_unique(self) -> EhcPlan:
        numbers = [n for n, _ in self.section_f_items]
        twice = sorted({n for n in numbers if numbers.count(n) > 1})
        if twice:
            raise ValueError(
                f"section_f: item number(s) {', '.join(f'F{n}' for n in twice)} given more "
                "than once; give each item the number it has in the EHC plan"
            )
        return self

    @property
    def annual_review_due(self) -> dt.date:
        """The last day of the 12 months starting with the plan's date or its last review.

        CAFA 2014 s.44(1): the review falls "within the period of 12 months starting
        with" that date, and a period starting with a day counts that day, so a plan
        made on 2 October 2026 is reviewed by 1 October 2027, not 2 October.
        """
        base = self.last_review or self.issued
        try:
            anniversary = base.replace(year=base.year + 1)
        except ValueError:  # 29 February: the period ends on 28 February
            return base.replace(year=base.year + 1, day=28)
        return anniversary - dt.timedelta(days=1)


class TopUpFunding(CaseModel):
    """High-needs top-up funding (element 3) the local authority has agreed for the pupil.

    Documents speak of top-up only from this record: that a council agreed an amount
    is a fact of the case, never something sendocs assumes from an EHC plan.
    """

    amount: Decimal = Field(ge=0, description="Top-up agreed, in pounds a year.")
    agreed_on: dt.date = Field(description="Date the local authority agreed it.")
    agreed_by: str | None = Field(
        default=None, description="Who agreed it (default: the case's local authority)."
    )


class Case(CaseModel):
    """One child's SEND case file."""

    schema_version: int = Field(default=SCHEMA_VERSION, description="Case file format version.")
    child: Child
    parents: list[ParentCarer] = Field(min_length=1)
    school: School
    local_authority: LocalAuthority
    sen_status: SenProvision = SenProvision.SEN_SUPPORT
    ehc_plan: EhcPlan | None = Field(
        default=None, description="For sen_status E: the EHC plan's dates and Section E outcomes."
    )
    needs: list[Need] = Field(min_length=1)
    strengths: list[str] = Field(default_factory=list)
    diagnoses: list[Diagnosis] = Field(default_factory=list)
    professionals: list[Professional] = Field(default_factory=list)
    exam_access_arrangements: list[str] = Field(default_factory=list)
    class_teacher: str | None = Field(
        default=None, description="Class teacher or form tutor, for plans and sign-off."
    )
    cycles: list[ReviewCycle] = Field(
        min_length=1, description="Assess-plan-do-review cycles, oldest first; the last is current."
    )
    evidence: list[EvidenceDocument] = Field(default_factory=list)
    assessment_request: AssessmentRequest | None = None
    appeal: Appeal | None = None
    top_up_funding: TopUpFunding | None = Field(
        default=None,
        description=(
            "High-needs top-up funding (element 3) the local authority has agreed: amount a "
            "year and date. Provision maps mention top-up only when this is given."
        ),
    )

    @model_validator(mode="after")
    def _check_consistency(self) -> Case:
        if self.schema_version != SCHEMA_VERSION:
            raise ValueError(
                f"schema_version {self.schema_version} is not supported (expected {SCHEMA_VERSION})"
            )
        primaries = [n for n in self.needs if n.rank == 1]
        if len(primaries) > 1:
            raise ValueError("only one need may have rank 1 (the primary need)")
        for earlier, later in zip(self.cycles, self.cycles[1:], strict=False):
            if later.start < earlier.start:
                raise ValueError(
                    f"cycles must be oldest first: a cycle starting {later.start} comes after "
                    f"one starting {earlier.start}"
                )
        for cycle in self.cycles:
            if cycle.start < self.child.date_of_birth:
                raise ValueError(f"a cycle starts ({cycle.start}) before the child was born")
        self._assign_evidence_refs()
        if self.appeal is not None:
            known = {doc.ref for doc in self.evidence if doc.ref}
            problems = unknown_evidence_refs(self.appeal, known)
            if problems:
                raise located_error(problems)
        return self

    def _assign_evidence_refs(self) -> None:
        used = {doc.ref for doc in self.evidence if doc.ref}
        if len(used) != len([d for d in self.evidence if d.ref]):
            raise ValueError("evidence refs must be unique")
        number = 1
        for doc in self.evidence:
            if doc.ref is None:
                while f"E{number}" in used:
                    number += 1
                object.__setattr__(doc, "ref", f"E{number}")
                used.add(f"E{number}")

    # -- conveniences used by templates and documents -------------------------------

    @property
    def current_cycle(self) -> ReviewCycle:
        """The plan in force: the most recent cycle."""
        return self.cycles[-1]

    @property
    def previous_cycles(self) -> list[ReviewCycle]:
        return self.cycles[:-1]

    @property
    def primary_need(self) -> Need | None:
        return next((n for n in self.needs if n.rank == 1), None)

    @property
    def secondary_need(self) -> Need | None:
        return next((n for n in self.needs if n.rank == 2), None)

    @property
    def areas_of_need(self) -> list[AreaOfNeed]:
        """The broad areas the needs fall in, in the Code's order."""
        present = {n.area for n in self.needs}
        return [area for area in AreaOfNeed if area in present]

    @property
    def evidence_by_date(self) -> list[EvidenceDocument]:
        return sorted(self.evidence, key=lambda d: d.date)

    def evidence_ref(self, ref: str) -> EvidenceDocument | None:
        return next((d for d in self.evidence if d.ref == ref), None)

    @property
    def has_ehc_plan(self) -> bool:
        return self.sen_status is SenProvision.EHC_PLAN

    def next_review_date(self) -> dt.date:
        return self.current_cycle.review_date

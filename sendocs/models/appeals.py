"""A SEND Tribunal appeal (CAFA s.51, HESC rule 20): the decision challenged,
mediation, grounds, the result sought, the people involved, and the proposed
amendments that make up a contents appeal's working document.

Consistency rules that need the whole appeal (a limb on a contents appeal, a
section on a refusal to assess, …) are checked here and reported at the
field they concern (``appeal.grounds[2].limb``), not at the appeal as a whole.
Whether the evidence a ground cites exists is a question for the whole case:
see :func:`unknown_evidence_refs`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, ValidationError, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from sendocs.models.base import CaseModel
from sendocs.models.evidence import EvidenceRef
from sendocs.models.people import Contact, PostalAddress
from sendocs.models.requests import Decision, MediationCertificate
from sendocs.models.vocabulary import AppealType, PlanSection

__all__ = [
    "Appeal",
    "EhcPlanSection",
    "Ground",
    "HealthSocialCareRequest",
    "LaReason",
    "LaReasonTopic",
    "PreferredSchool",
    "ProposedAmendment",
    "Proposer",
    "Representative",
    "SchoolKind",
    "Witness",
    "located_error",
    "unknown_evidence_refs",
]

FieldPath = tuple[str | int, ...]


class EhcPlanSection(StrEnum):
    """The lettered sections of an EHC plan (SEND Code of Practice 9.62).

    A working document may amend any section, not only the B, F and I that
    a contents appeal challenges (e.g. outcomes in Section E that follow
    from new provision in F).
    """

    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"
    F = "F"
    G = "G"
    H1 = "H1"
    H2 = "H2"
    I = "I"  # noqa: E741 - the plan's own letter
    J = "J"
    K = "K"

    @property
    def label(self) -> str:
        return _SECTION_LABELS[self]

    def __str__(self) -> str:
        return self.label


_SECTION_LABELS = {
    EhcPlanSection.A: "Section A: views, interests and aspirations",
    EhcPlanSection.B: "Section B: special educational needs",
    EhcPlanSection.C: "Section C: health needs related to SEN",
    EhcPlanSection.D: "Section D: social care needs related to SEN",
    EhcPlanSection.E: "Section E: outcomes",
    EhcPlanSection.F: "Section F: special educational provision",
    EhcPlanSection.G: "Section G: health provision",
    EhcPlanSection.H1: "Section H1: social care provision (CSDPA 1970 s.2)",
    EhcPlanSection.H2: "Section H2: other social care provision",
    EhcPlanSection.I: "Section I: placement",
    EhcPlanSection.J: "Section J: personal budget",
    EhcPlanSection.K: "Section K: advice and information",
}


class Proposer(StrEnum):
    """Who proposes an amendment in the working document, which decides its typeface."""

    PARENT = "parent"
    LOCAL_AUTHORITY = "local_authority"
    AGREED = "agreed"

    @property
    def label(self) -> str:
        return {
            Proposer.PARENT: "Parent",
            Proposer.LOCAL_AUTHORITY: "Local authority",
            Proposer.AGREED: "Agreed",
        }[self]

    def __str__(self) -> str:
        return self.label

    @classmethod
    def _missing_(cls, value: object) -> Proposer | None:
        aliases = {"la": "local_authority", "parents": "parent", "appellant": "parent"}
        if isinstance(value, str):
            text = value.strip().lower().replace(" ", "_")
            text = aliases.get(text, text)
            return next((m for m in cls if m.value == text), None)
        return None


class Ground(CaseModel):
    """One ground of appeal, tied to the evidence that supports it.

    For a refusal to assess, ``limb`` is 1 (has or may have SEN) or 2 (may
    need provision through a plan); for a contents appeal, ``section`` is B, F
    or I; other appeals give neither.
    """

    title: str | None = Field(
        default=None, description="A short heading, e.g. 'Speech and language therapy'."
    )
    text: str = Field(min_length=1)
    limb: int | None = Field(default=None, ge=1, le=2)
    section: PlanSection | None = None
    evidence: list[EvidenceRef] = Field(default_factory=list)


class SchoolKind(StrEnum):
    """What kind of institution a requested school is, which decides the Section I test.

    The kinds listed in CAFA 2014 s.38(3) (maintained school or nursery, academy,
    further education institution, non-maintained special school, institution
    approved under s.41) must be named when the parent or young person asks for
    them unless s.39(4) applies; any other independent school is not.
    """

    MAINTAINED = "maintained"
    ACADEMY = "academy"
    FURTHER_EDUCATION = "further_education"
    NON_MAINTAINED_SPECIAL = "non_maintained_special"
    SECTION_41 = "section_41"
    INDEPENDENT = "independent"

    @property
    def in_section_38(self) -> bool:
        return self is not SchoolKind.INDEPENDENT

    @property
    def label(self) -> str:
        return {
            SchoolKind.MAINTAINED: "a maintained school",
            SchoolKind.ACADEMY: "an academy",
            SchoolKind.FURTHER_EDUCATION: "an institution within the further education sector",
            SchoolKind.NON_MAINTAINED_SPECIAL: "a non-maintained special school",
            SchoolKind.SECTION_41: "an independent institution approved under section 41",
            SchoolKind.INDEPENDENT: "an independent school not approved under section 41",
        }[self]


class PreferredSchool(CaseModel):
    """Section I: the school the parent wants named."""

    name: str = Field(min_length=1)
    address: PostalAddress | None = None
    school_type: str | None = Field(default=None, description="e.g. 'independent special school'.")
    kind: SchoolKind | None = Field(
        default=None,
        description="maintained, academy, further_education, non_maintained_special, "
        "section_41 or independent: decides whether s.39(4) applies (the kinds in s.38(3)).",
    )
    mainstream: bool | None = Field(
        default=None, description="True for a mainstream school (s.33), False for a special school."
    )
    requested_on: dt.date | None = Field(
        default=None, description="When the parent asked the LA to name this school."
    )
    requested_when_draft_issued: bool | None = Field(
        default=None,
        description="Whether the school was asked for in the representations on the draft "
        "plan (reg 13(1)); False if it was asked for only later.",
    )
    draft_plan_served_on: dt.date | None = Field(
        default=None,
        description="When the draft EHC plan was served: the appeal says the request was "
        "made within the 15 days reg 13(1) allows only from this date (a warning without it).",
    )
    independent: bool = False
    consulted_on: dt.date | None = Field(default=None, description="Date the school was asked.")
    consulted_by: str | None = Field(
        default=None,
        description="Who consulted the school, e.g. 'Anyshire County Council' (s.39(1)); the "
        "appeal says who and when, and how long after the final plan.",
    )
    response: str | None = Field(default=None, description="What the school said.")
    response_evidence: list[EvidenceRef] = Field(
        default_factory=list, description="Where the school's response is, e.g. its letter."
    )
    confirms_place_and_can_meet_needs: bool | None = Field(
        default=None,
        description="Independent schools: written confirmation that they have a place and "
        "can meet the child's needs.",
    )
    confirmation_document: str | None = Field(
        default=None, description="Evidence ref of the school's written confirmation, e.g. 'E7'."
    )
    la_school_mainstream: bool | None = Field(
        default=None,
        description="Whether the school (or type) the LA named in Section I is mainstream. "
        "s.33 is argued only where the LA named a special school and this school is mainstream.",
    )
    resources_answer: str | None = Field(
        default=None,
        description="The answer, from the evidence, to the s.39(4) limbs the LA might rely on "
        "(efficient education of others, efficient use of resources).",
    )
    resources_evidence: list[EvidenceRef] = Field(default_factory=list)


class Representative(Contact):
    """A solicitor, adviser or friend representing the appellant."""

    organisation: str | None = None
    address: PostalAddress | None = None
    reference: str | None = Field(default=None, description="The representative's reference.")


def _requests_from_text(value: object) -> object:
    """Older case files gave the recommendations sought as one piece of text."""
    if isinstance(value, str):
        return [{"text": value}] if value.strip() else []
    return value


class HealthSocialCareRequest(CaseModel):
    """A health or social care recommendation asked of the tribunal (extended appeal).

    Recommendations go to the body responsible, never to a provider: for health
    the Integrated Care Board (ICB) that commissions the child's health care,
    for social care the local authority's social care function (domain brief §11).
    """

    area: Literal["health", "social_care"] | None = Field(
        default=None, description="health (Sections C/G) or social_care (Sections D/H)."
    )
    text: str = Field(
        min_length=1,
        description="What the body should do and why, e.g. 'commission an occupational "
        "therapy assessment and specify the provision in Section G'.",
    )
    body: str | None = Field(
        default=None,
        description="The ICB's name for health (e.g. 'NHS Anyshire Integrated Care Board'); "
        "defaults to the LA's social care function for social care.",
    )
    evidence: list[EvidenceRef] = Field(default_factory=list)

    @property
    def plan_sections(self) -> str:
        """The sections of the plan the recommendation is about."""
        return {"health": "Sections C and G", "social_care": "Sections D, H1 and H2"}.get(
            self.area or "", "Sections C, D, G, H1 and H2"
        )

    @property
    def area_label(self) -> str:
        return {"health": "Health", "social_care": "Social care", None: "Health or social care"}[
            self.area
        ]


class LaReasonTopic(StrEnum):
    """What a reason the local authority gave is about, so the appeal can answer it
    from the case (e.g. the £6,000 threshold with the provision's cost)."""

    NO_SEN = "no_sen"
    PLACEMENT = "placement"
    """Another school or setting (the one the LA named) would be better, or can meet the
    needs: answered from the appeal's own section 39 paragraphs, numbered as generated."""
    NOTIONAL_BUDGET = "notional_budget"
    ORDINARILY_AVAILABLE = "ordinarily_available"
    GRADUATED_APPROACH = "graduated_approach"
    PROGRESS = "progress"
    OTHER = "other"


class LaReason(CaseModel):
    """One reason the local authority gave for its decision, to be answered in the appeal."""

    text: str = Field(min_length=1, description="The reason as the decision letter gives it.")
    topic: LaReasonTopic = LaReasonTopic.OTHER
    answer: str | None = Field(
        default=None, description="The appellant's own answer, added after the case's facts."
    )
    evidence: list[EvidenceRef] = Field(default_factory=list)


class Witness(CaseModel):
    """Someone who will give evidence at the hearing."""

    name: str = Field(min_length=1)
    role: str | None = Field(default=None, description="e.g. 'Speech and language therapist'.")
    about: str | None = Field(default=None, description="What they will speak about.")


class ProposedAmendment(CaseModel):
    """One paragraph of the working document.

    ``original`` is the final plan's text and ``proposed`` the text wanted
    instead: give only ``proposed`` for new text, only ``original`` for a
    deletion. With no ``proposed_by`` the entry is original text kept as it
    is (context for the reader), printed plain.
    """

    section: EhcPlanSection
    paragraph: str | None = Field(
        default=None, description="The plan's own paragraph number, e.g. 'F3'."
    )
    heading: str | None = Field(default=None, description="e.g. 'Speech and language therapy'.")
    original: str | None = None
    proposed: str | None = None
    proposed_by: Proposer | None = Field(
        default=None, description="parent, local_authority or agreed; omit for unchanged text."
    )
    evidence: list[EvidenceRef] = Field(default_factory=list)

    @model_validator(mode="after")
    def _has_a_change(self) -> ProposedAmendment:
        if self.proposed_by is None:
            if self.proposed:
                raise ValueError(
                    "proposed text needs proposed_by (parent, local_authority or agreed)"
                )
            if not self.original:
                raise ValueError("an unchanged paragraph (no proposed_by) needs its original text")
        elif not (self.original or self.proposed):
            raise ValueError("give the original text, the proposed text, or both")
        elif self.original and self.original == self.proposed:
            raise ValueError("the proposed text is the same as the original")
        return self

    @property
    def is_change(self) -> bool:
        return self.proposed_by is not None


def located_error(problems: list[tuple[FieldPath, str]]) -> ValidationError:
    """A validation error whose entries point at the fields concerned.

    pydantic merges a ValidationError raised in a validator into the
    enclosing one with each location prefixed, so the loader can report
    ``appeal.grounds[2].limb`` and its line instead of just ``appeal``.
    """
    return ValidationError.from_exception_data(
        "Appeal",
        [
            InitErrorDetails(
                type=PydanticCustomError("value_error", "{reason}", {"reason": message}),
                loc=path,
                input=None,
            )
            for path, message in problems
        ],
    )


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
    result_sought: str | None = Field(
        default=None, description="What the appellant asks the tribunal to order (r.20(2))."
    )
    representative: Representative | None = None
    documents_to: Literal["parent", "representative"] | None = Field(
        default=None,
        description="Where the tribunal should send documents; defaults to the representative "
        "if there is one, else the parent.",
    )
    preferred_school: PreferredSchool | None = None
    health_social_care_recommendations: Annotated[
        list[HealthSocialCareRequest], BeforeValidator(_requests_from_text)
    ] = Field(
        default_factory=list,
        description="Health or social care recommendations sought (extended appeal); only "
        "with a live education ground, never on a refusal to assess.",
    )
    late_reasons: str | None = Field(default=None, description="Why the appeal is late (r.20(4)).")
    late_prejudice: str | None = Field(
        default=None,
        description="The appellant's own submission on whether the delay harms the local "
        "authority (what a tribunal weighs when asked to extend time), printed after the "
        "days late; without it the reasons make no such submission and a warning asks for it.",
    )
    la_reasons: list[LaReason] = Field(
        default_factory=list,
        description="The reasons the local authority gave for its decision; the appeal "
        "answers each one.",
    )
    tribunal_reference: str | None = Field(
        default=None, description="The tribunal's appeal reference, once registered."
    )
    lodged_on: dt.date | None = Field(
        default=None,
        description="The date the appeal was sent to the Tribunal, once it has been; a school's "
        "letter then says the appeal is under way instead of offering the right to appeal.",
    )
    signed_on: dt.date | None = Field(
        default=None,
        description="The date the appellant(s) signed the notice of appeal; the 'as lodged' "
        "copy (kind appeal-as-lodged) prints who signed and when instead of a blank line.",
    )
    child_views: str | None = Field(
        default=None,
        description="The child's or young person's views on the appeal, in their words; "
        "defaults to the latest views recorded in the case.",
    )
    witnesses: list[Witness] = Field(default_factory=list)
    interpreter: str | None = Field(
        default=None, description="Language of an interpreter needed at the hearing."
    )
    access_needs: str | None = Field(
        default=None, description="Access or other needs at the hearing (e.g. step-free room)."
    )
    attend_hearing: bool = Field(
        default=True, description="Whether the appellant wants to attend the hearing."
    )
    ehc_plan_date: dt.date | None = Field(default=None, description="Date of the final EHC plan.")
    amendments: list[ProposedAmendment] = Field(
        default_factory=list,
        description="Contents appeals: the working document's paragraphs, section by section.",
    )

    @model_validator(mode="after")
    def _sections_fit_type(self) -> Appeal:
        if self.appeal_type is AppealType.CONTENTS and not (self.sections or self.no_school_named):
            raise ValueError("a contents appeal must name the sections challenged (B, F and/or I)")
        if self.appeal_type is not AppealType.CONTENTS and self.sections:
            raise ValueError("sections are only given for a contents appeal")
        problems = [*self._ground_problems(), *self._other_problems()]
        if problems:
            raise located_error(problems)
        return self

    def _ground_problems(self) -> list[tuple[FieldPath, str]]:
        problems: list[tuple[FieldPath, str]] = []
        kind = self.appeal_type
        for i, ground in enumerate(self.grounds):
            path: FieldPath = ("grounds", i)
            if kind is AppealType.REFUSAL_TO_ASSESS:
                if ground.section is not None:
                    problems.append(
                        (
                            (*path, "section"),
                            "a refusal-to-assess appeal has no plan sections: give limb 1 "
                            "(has or may have SEN) or limb 2 (may need an EHC plan) instead",
                        )
                    )
                elif ground.limb is None:
                    problems.append(
                        (
                            (*path, "limb"),
                            "say which limb of the s.36(8) test this ground is about: 1 (has or "
                            "may have SEN) or 2 (may need provision through an EHC plan)",
                        )
                    )
            elif kind is AppealType.CONTENTS:
                if ground.limb is not None:
                    problems.append(
                        (
                            (*path, "limb"),
                            "limbs belong to a refusal-to-assess appeal; a contents appeal "
                            "gives the section (B, F or I) instead",
                        )
                    )
                if ground.section is None:
                    problems.append(
                        ((*path, "section"), "say which section this ground is about (B, F or I)")
                    )
                elif self.sections and ground.section not in self.sections:
                    challenged = ", ".join(s.value for s in self.sections)
                    problems.append(
                        (
                            (*path, "section"),
                            f"Section {ground.section.value} is not among the sections "
                            f"challenged ({challenged}); add it to appeal.sections",
                        )
                    )
            else:
                for name, value in (("limb", ground.limb), ("section", ground.section)):
                    if value is not None:
                        problems.append(
                            (
                                (*path, name),
                                f"a {name} is only given for a "
                                + (
                                    "refusal-to-assess"
                                    if name == "limb"
                                    else "contents (Section B, F or I)"
                                )
                                + f" appeal, not for: {kind.label[:1].lower()}{kind.label[1:]}",
                            )
                        )
        return problems

    def _other_problems(self) -> list[tuple[FieldPath, str]]:
        problems: list[tuple[FieldPath, str]] = []
        if self.health_social_care_recommendations and (
            self.appeal_type is AppealType.REFUSAL_TO_ASSESS
        ):
            problems.append(
                (
                    ("health_social_care_recommendations",),
                    "health and social care recommendations cannot be sought in a "
                    "refusal-to-assess appeal (form SEND35a); they need an appeal with an "
                    "education ground on form SEND35",
                )
            )
        if self.amendments and self.appeal_type is not AppealType.CONTENTS:
            problems.append(
                (
                    ("amendments",),
                    "proposed amendments make the working document of a contents appeal; "
                    f"this appeal is about: {self.appeal_type.label[:1].lower()}"
                    f"{self.appeal_type.label[1:]}",
                )
            )
        if self.documents_to == "representative" and self.representative is None:
            problems.append(
                (("documents_to",), "documents can go to the representative only if one is given")
            )
        return problems

    @property
    def section_i_only(self) -> bool:
        """Section-I-only appeals need no mediation certificate (s.55(3))."""
        return self.appeal_type is AppealType.CONTENTS and (set(self.sections) <= {PlanSection.I})

    @property
    def needs_mediation_certificate(self) -> bool:
        return not self.section_i_only

    @property
    def challenges_section_i(self) -> bool:
        return self.appeal_type is AppealType.CONTENTS and (
            PlanSection.I in self.sections or self.no_school_named
        )

    @property
    def send_documents_to_representative(self) -> bool:
        if self.documents_to is None:
            return self.representative is not None
        return self.documents_to == "representative"

    def evidence_refs(self) -> list[tuple[FieldPath, str]]:
        """Every evidence ref the appeal cites, with its field path from the case root."""
        refs: list[tuple[FieldPath, str]] = []
        lists: tuple[tuple[str, list[list[EvidenceRef]]], ...] = (
            ("grounds", [g.evidence for g in self.grounds]),
            ("amendments", [a.evidence for a in self.amendments]),
            ("la_reasons", [r.evidence for r in self.la_reasons]),
            (
                "health_social_care_recommendations",
                [r.evidence for r in self.health_social_care_recommendations],
            ),
        )
        for list_name, evidence_lists in lists:
            for i, evidence in enumerate(evidence_lists):
                for j, ref in enumerate(evidence):
                    refs.append((("appeal", list_name, i, "evidence", j, "document"), ref.document))
        if self.preferred_school is not None:
            for field in ("resources_evidence", "response_evidence"):
                for j, ref in enumerate(getattr(self.preferred_school, field)):
                    at: FieldPath = ("appeal", "preferred_school", field, j)
                    refs.append(((*at, "document"), ref.document))
        singles: tuple[tuple[FieldPath, str | None], ...] = (
            (("appeal", "decision", "document"), self.decision.document),
            (
                ("appeal", "mediation_certificate", "document"),
                self.mediation_certificate.document if self.mediation_certificate else None,
            ),
            (
                ("appeal", "preferred_school", "confirmation_document"),
                self.preferred_school.confirmation_document if self.preferred_school else None,
            ),
        )
        refs.extend((path, ref) for path, ref in singles if ref)
        return refs


def unknown_evidence_refs(appeal: Appeal, known: Collection[str]) -> list[tuple[FieldPath, str]]:
    """Evidence refs the appeal cites that are not in the case's ``evidence``.

    Returns ``(path, message)`` pairs; the path starts at the case root
    (``("appeal", "grounds", 0, "evidence", 1, "document")``) so the caller
    can report the line. A case-level validator or a kind's check calls it.
    """
    listed = ", ".join(sorted(known)) or "none"
    return [
        (
            path,
            f"{ref!r} is not an evidence document in this case (evidence refs: {listed}); "
            "add it under evidence: or correct the ref",
        )
        for path, ref in appeal.evidence_refs()
        if ref not in known
    ]

"""The SEND system's controlled vocabularies, with the words users see.

Values are the codes used in the DfE school census (so an MIS export maps
straight on); ``label`` is what a document prints.
"""

from __future__ import annotations

from enum import StrEnum


class LabelledEnum(StrEnum):
    """A code with a human label; prints as its label in documents."""

    @property
    def label(self) -> str:
        return _LABELS[type(self)][self.value]

    def __str__(self) -> str:
        return self.label

    @classmethod
    def _missing_(cls, value: object) -> LabelledEnum | None:
        """Accept codes in any case, and the printed label (MIS exports vary)."""
        if not isinstance(value, str):
            return None
        wanted = value.strip().lower()
        for member in cls:
            if wanted in (member.value.lower(), member.label.lower(), member.name.lower()):
                return member
        return None


class SenProvision(LabelledEnum):
    """Census SEN provision (every census): one open provision per pupil."""

    EHC_PLAN = "E"
    SEN_SUPPORT = "K"
    NO_SEN = "N"


class AreaOfNeed(LabelledEnum):
    """The four broad areas of need of the SEND Code of Practice."""

    COMMUNICATION_AND_INTERACTION = "communication_and_interaction"
    COGNITION_AND_LEARNING = "cognition_and_learning"
    SEMH = "social_emotional_mental_health"
    SENSORY_AND_PHYSICAL = "sensory_and_physical"


class SenType(LabelledEnum):
    """Census SEN type codes (spring census; rank 1 primary, rank 2 secondary)."""

    SPLD = "SPLD"
    MLD = "MLD"
    SLD = "SLD"
    PMLD = "PMLD"
    SLCN = "SLCN"
    ASD = "ASD"
    SEMH = "SEMH"
    HI = "HI"
    VI = "VI"
    MSI = "MSI"
    PD = "PD"
    OTH = "OTH"
    NSA = "NSA"

    @property
    def area(self) -> AreaOfNeed | None:
        """The broad area the census places this type in (None for OTH, NSA)."""
        return _TYPE_AREA.get(self)


class OutcomeStatus(LabelledEnum):
    """Where an outcome stands at review."""

    NOT_YET_REVIEWED = "not_yet_reviewed"
    MET = "met"
    PARTLY_MET = "partly_met"
    NOT_MET = "not_met"


class ProvisionSetting(LabelledEnum):
    """Whether support happens in class or away from it (Code 6.52: the class
    teacher stays responsible either way)."""

    IN_CLASS = "in_class"
    OUT_OF_CLASS = "out_of_class"


class ProvisionStatus(LabelledEnum):
    """One status per provision: a plan never lists the same support as both."""

    PLANNED = "planned"
    IN_PLACE = "in_place"
    STOPPED = "stopped"


class Requester(LabelledEnum):
    """Who may request an EHC needs assessment (CAFA s.36(1))."""

    PARENT = "parent"
    YOUNG_PERSON = "young_person"
    SCHOOL = "school"


class DeliveryMethod(LabelledEnum):
    """How a letter reached the local authority (for deemed receipt)."""

    HAND = "hand"
    POST = "post"
    EMAIL = "email"


class AppealType(LabelledEnum):
    """Appealable decisions, CAFA s.51(2)(a)-(f)."""

    REFUSAL_TO_ASSESS = "refusal_to_assess"
    REFUSAL_TO_ISSUE = "refusal_to_issue"
    CONTENTS = "contents"
    REFUSAL_TO_REASSESS = "refusal_to_reassess"
    REFUSAL_TO_AMEND = "refusal_to_amend"
    CEASE_TO_MAINTAIN = "cease_to_maintain"

    @property
    def statute(self) -> str:
        return _APPEAL_STATUTE[self]

    @property
    def form(self) -> str:
        """SEND35a for refusal to assess, SEND35 for all other SEN appeals."""
        return "SEND35a" if self is AppealType.REFUSAL_TO_ASSESS else "SEND35"


class PlanSection(LabelledEnum):
    """EHC plan sections that a contents appeal may challenge."""

    B = "B"
    F = "F"
    I = "I"  # noqa: E741 - the tribunal's own letter


class SettingType(LabelledEnum):
    """What kind of setting the child attends, which decides duties the law ties to it.

    CAFA 2014 s.68 (tell parents that SEN provision is being made) binds only a
    maintained school, maintained nursery school, Academy, alternative provision
    Academy or pupil referral unit (domain brief §3); a maintained special school
    is a maintained school and a special academy or free school is an Academy.
    Colleges, independent schools, non-maintained special schools and early years
    providers are outside s.68.
    """

    MAINTAINED_SCHOOL = "maintained_school"
    MAINTAINED_NURSERY = "maintained_nursery"
    ACADEMY = "academy"
    ALTERNATIVE_PROVISION_ACADEMY = "alternative_provision_academy"
    PUPIL_REFERRAL_UNIT = "pupil_referral_unit"
    MAINTAINED_SPECIAL_SCHOOL = "maintained_special_school"
    SPECIAL_ACADEMY = "special_academy"
    NON_MAINTAINED_SPECIAL_SCHOOL = "non_maintained_special_school"
    INDEPENDENT_SCHOOL = "independent_school"
    FE_COLLEGE = "fe_college"
    SIXTH_FORM_COLLEGE = "sixth_form_college"
    EARLY_YEARS_PROVIDER = "early_years_provider"
    OTHER = "other"

    @property
    def s68_applies(self) -> bool:
        """Whether CAFA 2014 s.68's duty to inform parents binds this kind of setting."""
        return self in _S68_SETTINGS

    @property
    def is_college(self) -> bool:
        """A further education or sixth-form college: letters say "college", not "school"."""
        return self in (SettingType.FE_COLLEGE, SettingType.SIXTH_FORM_COLLEGE)

    @property
    def authority_role(self) -> str:
        """Who is the appropriate authority under s.68(2): the governing body of a
        maintained school or nursery, the proprietor of an Academy, the management
        committee of a PRU; for settings outside s.68, the governing body."""
        if self in (
            SettingType.ACADEMY,
            SettingType.ALTERNATIVE_PROVISION_ACADEMY,
            SettingType.SPECIAL_ACADEMY,
        ):
            return "The Proprietor"
        if self is SettingType.PUPIL_REFERRAL_UNIT:
            return "The Management Committee"
        return "The Governing Body"


class EvidenceKind(LabelledEnum):
    """What an evidence document is, as an LA or tribunal would group it."""

    REPORT = "report"
    EXPERT_REPORT = "expert_report"
    DIAGNOSIS = "diagnosis"
    SEN_SUPPORT_PLAN = "sen_support_plan"
    REVIEW = "review"
    PROVISION_MAP = "provision_map"
    ATTAINMENT = "attainment"
    ATTENDANCE = "attendance"
    EXCLUSIONS = "exclusions"
    VIEWS = "views"
    LETTER = "letter"
    DECISION_LETTER = "decision_letter"
    MEDIATION_CERTIFICATE = "mediation_certificate"
    EHC_PLAN = "ehc_plan"
    WITNESS_STATEMENT = "witness_statement"
    WORKING_DOCUMENT = "working_document"
    OTHER = "other"


_LABELS: dict[type[LabelledEnum], dict[str, str]] = {
    ProvisionStatus: {"planned": "Planned", "in_place": "In place", "stopped": "Stopped"},
    SenProvision: {"E": "EHC plan", "K": "SEN support", "N": "No special educational need"},
    AreaOfNeed: {
        "communication_and_interaction": "Communication and interaction",
        "cognition_and_learning": "Cognition and learning",
        "social_emotional_mental_health": "Social, emotional and mental health",
        "sensory_and_physical": "Sensory and/or physical needs",
    },
    SenType: {
        "SPLD": "Specific learning difficulty",
        "MLD": "Moderate learning difficulty",
        "SLD": "Severe learning difficulty",
        "PMLD": "Profound and multiple learning difficulty",
        "SLCN": "Speech, language and communication needs",
        "ASD": "Autistic spectrum disorder",
        "SEMH": "Social, emotional and mental health",
        "HI": "Hearing impairment",
        "VI": "Vision impairment",
        "MSI": "Multi-sensory impairment",
        "PD": "Physical disability",
        "OTH": "Other difficulty or disability",
        "NSA": "SEN support but no specialist assessment of type of need",
    },
    OutcomeStatus: {
        "not_yet_reviewed": "Not yet reviewed",
        "met": "Met",
        "partly_met": "Partly met",
        "not_met": "Not met",
    },
    ProvisionSetting: {"in_class": "In class", "out_of_class": "Out of class"},
    Requester: {
        "parent": "parent",
        "young_person": "young person",
        "school": "school",
    },
    DeliveryMethod: {"hand": "by hand", "post": "by first-class post", "email": "by email"},
    AppealType: {
        "refusal_to_assess": "Refusal to carry out an EHC needs assessment",
        "refusal_to_issue": "Refusal to issue an EHC plan",
        "contents": "Contents of an EHC plan",
        "refusal_to_reassess": "Refusal to carry out a re-assessment",
        "refusal_to_amend": "Refusal to amend or replace an EHC plan after review",
        "cease_to_maintain": "Decision to cease to maintain an EHC plan",
    },
    PlanSection: {
        "B": "Section B (special educational needs)",
        "F": "Section F (special educational provision)",
        "I": "Section I (placement)",
    },
    SettingType: {
        "maintained_school": "Maintained school",
        "maintained_nursery": "Maintained nursery school",
        "academy": "Academy (including free school)",
        "alternative_provision_academy": "Alternative provision academy",
        "pupil_referral_unit": "Pupil referral unit",
        "maintained_special_school": "Maintained special school",
        "special_academy": "Special academy",
        "non_maintained_special_school": "Non-maintained special school",
        "independent_school": "Independent school",
        "fe_college": "Further education college",
        "sixth_form_college": "Sixth-form college",
        "early_years_provider": "Early years provider",
        "other": "Other setting",
    },
    EvidenceKind: {
        "report": "Report",
        "expert_report": "Expert report",
        "diagnosis": "Diagnosis",
        "sen_support_plan": "SEN support plan",
        "review": "Review record",
        "provision_map": "Provision map",
        "attainment": "Attainment data",
        "attendance": "Attendance record",
        "exclusions": "Exclusions record",
        "views": "Views of the child or parent",
        "letter": "Letter",
        "decision_letter": "Decision letter",
        "mediation_certificate": "Mediation certificate",
        "ehc_plan": "EHC plan",
        "witness_statement": "Witness statement",
        "working_document": "Working document",
        "other": "Other",
    },
}

_TYPE_AREA: dict[SenType, AreaOfNeed] = {
    SenType.SPLD: AreaOfNeed.COGNITION_AND_LEARNING,
    SenType.MLD: AreaOfNeed.COGNITION_AND_LEARNING,
    SenType.SLD: AreaOfNeed.COGNITION_AND_LEARNING,
    SenType.PMLD: AreaOfNeed.COGNITION_AND_LEARNING,
    SenType.SLCN: AreaOfNeed.COMMUNICATION_AND_INTERACTION,
    SenType.ASD: AreaOfNeed.COMMUNICATION_AND_INTERACTION,
    SenType.SEMH: AreaOfNeed.SEMH,
    SenType.HI: AreaOfNeed.SENSORY_AND_PHYSICAL,
    SenType.VI: AreaOfNeed.SENSORY_AND_PHYSICAL,
    SenType.MSI: AreaOfNeed.SENSORY_AND_PHYSICAL,
    SenType.PD: AreaOfNeed.SENSORY_AND_PHYSICAL,
}

_S68_SETTINGS = frozenset(
    {
        SettingType.MAINTAINED_SCHOOL,
        SettingType.MAINTAINED_NURSERY,
        SettingType.ACADEMY,
        SettingType.ALTERNATIVE_PROVISION_ACADEMY,
        SettingType.PUPIL_REFERRAL_UNIT,
        SettingType.MAINTAINED_SPECIAL_SCHOOL,
        SettingType.SPECIAL_ACADEMY,
    }
)

_APPEAL_STATUTE: dict[AppealType, str] = {
    AppealType.REFUSAL_TO_ASSESS: "section 51(2)(a)",
    AppealType.REFUSAL_TO_ISSUE: "section 51(2)(b)",
    AppealType.CONTENTS: "section 51(2)(c)",
    AppealType.REFUSAL_TO_REASSESS: "section 51(2)(d)",
    AppealType.REFUSAL_TO_AMEND: "section 51(2)(e)",
    AppealType.CEASE_TO_MAINTAIN: "section 51(2)(f)",
}

"""The case model: pydantic v2 models for everything a SEND document needs.

The JSON Schema users get from ``sendocs schema`` is generated from these
classes, never written by hand.
"""

from sendocs.models.appeals import (
    Appeal,
    EhcPlanSection,
    Ground,
    HealthSocialCareRequest,
    PreferredSchool,
    ProposedAmendment,
    Proposer,
    Representative,
)
from sendocs.models.case import SCHEMA_VERSION, Case, EhcPlan, TopUpFunding
from sendocs.models.checks import CaseWarning, check_case, expected_year_group
from sendocs.models.evidence import EvidenceDocument, EvidenceRef
from sendocs.models.identifiers import LAESTAB, UPN, URN, upn_check_letter, validate_upn
from sendocs.models.needs import Diagnosis, Need
from sendocs.models.outcomes import Outcome, Provision
from sendocs.models.people import (
    Address,
    Child,
    Contact,
    LocalAuthority,
    ParentCarer,
    Professional,
    Recommendation,
    School,
    Service,
)
from sendocs.models.requests import (
    AssessmentRequest,
    ConsultPerson,
    Decision,
    MediationCertificate,
)
from sendocs.models.reviews import Assessment, ParentRequest, ParentView, Review, ReviewCycle
from sendocs.models.vocabulary import (
    AppealType,
    AreaOfNeed,
    DeliveryMethod,
    EvidenceKind,
    OutcomeStatus,
    PlanSection,
    ProvisionSetting,
    ProvisionStatus,
    Requester,
    SenProvision,
    SenType,
    SettingType,
)

__all__ = [
    "LAESTAB",
    "SCHEMA_VERSION",
    "UPN",
    "URN",
    "Address",
    "Appeal",
    "AppealType",
    "AreaOfNeed",
    "Assessment",
    "AssessmentRequest",
    "Case",
    "CaseWarning",
    "Child",
    "ConsultPerson",
    "Contact",
    "Decision",
    "DeliveryMethod",
    "Diagnosis",
    "EhcPlan",
    "EhcPlanSection",
    "EvidenceDocument",
    "EvidenceKind",
    "EvidenceRef",
    "Ground",
    "HealthSocialCareRequest",
    "LocalAuthority",
    "MediationCertificate",
    "Need",
    "Outcome",
    "OutcomeStatus",
    "ParentCarer",
    "ParentRequest",
    "ParentView",
    "PlanSection",
    "PreferredSchool",
    "Professional",
    "ProposedAmendment",
    "Proposer",
    "Provision",
    "ProvisionSetting",
    "ProvisionStatus",
    "Recommendation",
    "Representative",
    "Requester",
    "Review",
    "ReviewCycle",
    "School",
    "SenProvision",
    "SenType",
    "Service",
    "SettingType",
    "TopUpFunding",
    "check_case",
    "expected_year_group",
    "upn_check_letter",
    "validate_upn",
]

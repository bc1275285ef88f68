"""Kind ``letter-before-claim``: the parent's (or young person's) letter before claim
under the Pre-Action Protocol for Judicial Review when the local authority has not
decided, within 6 weeks, whether to carry out an EHC needs assessment.

Why a kind of its own: missing the regulation 5(1) limit is a breach of a
statutory duty (domain brief §11), and beside a complaint the usual next step is
this letter, which asks for a reply within 14 days. It follows the headings of
the protocol's model letter (the proposed claim, the claimant, references, the
matter challenged, the issues, the action expected, information sought, the
address for reply, the reply date) and says no more than the law in domain
§11: no claim forms and no costs warnings, only that the writer may apply for
judicial review without further notice if there is no reply.

A school can ask for an assessment, but the decision and the right to
challenge it are the parent's or young person's (reg 5(1), 5(3); s.51), so the
claimant here is always the parent(s) or the young person, even when the
school made the request.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sendocs.documents.assessment_request import build_context, follow_up_check
from sendocs.documents.base import DocumentKind, RenderOptions
from sendocs.documents.letters import is_young_person
from sendocs.formatting import format_date
from sendocs.models import AssessmentRequest, Case, Requester

__all__ = ["LETTER_BEFORE_CLAIM", "REPLY_DAYS"]

REPLY_DAYS = 14
"""The Pre-Action Protocol for Judicial Review: a reply normally within 14 days."""


def _as_claimant(case: Case) -> Case:
    """The case with the request re-voiced for its claimant: a school's request
    becomes the parent's letter (the decision and the right to challenge are theirs)."""
    request = case.assessment_request or AssessmentRequest()
    if request.requester is not Requester.SCHOOL:
        return case
    claimant = request.model_copy(
        update={
            "requester": Requester.PARENT,
            "requester_name": None,
            "requester_address": None,
            "requester_email": None,
            "requester_phone": None,
        }
    )
    return case.model_copy(update={"assessment_request": claimant})


def build_letter_context(case: Case, options: RenderOptions) -> dict[str, Any]:
    request = case.assessment_request or AssessmentRequest()
    if request.followed_up_on and request.followed_up_on >= options.document_date:
        # a follow-up dated on or after this letter was not sent before it: say nothing of it
        case = case.model_copy(
            update={"assessment_request": request.model_copy(update={"followed_up_on": None})}
        )
    context = build_context(_as_claimant(case), options)
    request = case.assessment_request or AssessmentRequest()
    earlier = _earlier_letter(request, options)
    # a further letter keeps the first letter's reply date: a new 14 days would tell
    # the council it had more time than the first letter gave it (s18 R5 finding 2)
    reply_by = (earlier or options.document_date) + dt.timedelta(days=REPLY_DAYS)
    context.update(
        {
            "made_by_school": request.requester is Requester.SCHOOL,
            # the details table names the person as the law does on this date
            "person_label": (
                "Young person" if is_young_person(case.child, options.document_date) else "Child"
            ),
            "reply_by": reply_by,
            "reply_by_full": format_date(reply_by, "full", options.locale),
            "reply_days": REPLY_DAYS,
            "days_late": (options.document_date - context["deadline"].date).days,
            "document_date_full": format_date(options.document_date, "full", options.locale),
            "lbc_enclosures": _enclosures(case, request, options, str(context["my"])),
            "copy_to": _copies(case, request),
            "earlier_lbc": format_date(earlier, "long", options.locale) if earlier else "",
            "litigation_friend_until": _litigation_friend_until(
                case, options, str(context["variant"])
            ),
        }
    )
    return context


def _earlier_letter(request: AssessmentRequest, options: RenderOptions) -> dt.date | None:
    """The date of a letter before claim sent before this one, if the case records one."""
    sent = request.letter_before_claim_sent_on
    return sent if sent is not None and sent < options.document_date else None


def eighteenth_birthday(born: dt.date) -> dt.date:
    """The day a person born on ``born`` turns 18 (29 February: 1 March)."""
    try:
        return born.replace(year=born.year + 18)
    except ValueError:
        return dt.date(born.year + 18, 3, 1)


def _litigation_friend_until(case: Case, options: RenderOptions, variant: str) -> str:
    """The young person's 18th birthday, in words, when they write their own letter
    before claim before it: a child (under 18) brings a claim through a litigation
    friend (CPR 21.2(2)), so the letter says so rather than promising a claim the
    writer cannot bring alone (s18 R5 finding 1). "" otherwise."""
    if variant != "young_person":
        return ""
    adult_on = eighteenth_birthday(case.child.date_of_birth)
    if options.document_date >= adult_on:
        return ""
    return format_date(adult_on, "long", options.locale)


def _enclosures(
    case: Case, request: AssessmentRequest, options: RenderOptions, my: str
) -> list[str]:
    """The letters the claim rests on: the request, and the letter chasing it when one
    was sent before this one (s18 finding 5: the council's lawyers need both)."""
    locale = options.locale
    school = request.requester is Requester.SCHOOL
    whose = f"{case.school.name}\u2019s" if school else my.capitalize()
    listed: list[str] = []
    if request.sent_on:
        listed.append(
            f"{whose} request for an EHC needs assessment, dated "
            f"{format_date(request.sent_on, 'long', locale)}"
        )
    chased = request.followed_up_on
    if chased and chased < options.document_date:
        listed.append(
            f"{whose} letter of {format_date(chased, 'long', locale)} asking for the decision"
        )
    earlier = _earlier_letter(request, options)
    if earlier is not None:
        listed.append(
            f"{my.capitalize()} letter before claim of {format_date(earlier, 'long', locale)}"
        )
    return listed


def _copies(case: Case, request: AssessmentRequest) -> list[str]:
    """Who gets a copy: the council's legal services (a claim is theirs to answer), the
    school when it made the request (it is told of the decision under reg 5(2)), and
    SENDIASS when the writer wants it to have one."""
    la = case.local_authority
    copies: list[str] = []
    if la.legal_services is not None:
        email = f" ({la.legal_services.email})" if la.legal_services.email else ""
        copies.append(f"{la.legal_services.name}, {la.name}{email}")
    if request.requester is Requester.SCHOOL:
        school = case.school
        address = school.senco.email or school.email
        copies.append(
            f"{school.senco.name}, SENCO, {school.name}" + (f" ({address})" if address else "")
        )
    if request.copy_to_sendiass and la.sendiass is not None:
        service = la.sendiass
        contact = service.email or service.phone
        copies.append(service.name + (f" ({contact})" if contact else ""))
    return copies


def _check(case: Case, options: RenderOptions) -> list[str]:
    problems = follow_up_check(case, options, "a letter before claim")
    request = case.assessment_request
    if request and request.decision_exception:
        problems.append(
            "the local authority has stated an exception under regulation 5(4) "
            f"({request.decision_exception.strip()}): take advice (SENDIASS or IPSEA) before "
            "sending a letter before claim"
        )
    if request and request.copy_to_sendiass and case.local_authority.sendiass is None:
        problems.append(
            "assessment_request.copy_to_sendiass is true but local_authority.sendiass is not "
            "given: add the SENDIASS's name and email or phone"
        )
    return problems


def _warnings(case: Case, options: RenderOptions) -> list[str]:
    request = case.assessment_request or AssessmentRequest()
    if case.local_authority.legal_services is None:
        notes0 = [
            "local_authority.legal_services is not given: the letter has no 'Copy to:' line "
            "for the council's legal services; add their name and email"
        ]
    else:
        notes0 = []
    notes = [
        *notes0,
        "a letter before claim is a step towards court: SENDIASS or IPSEA can check it "
        "with you before you send it; send it to the council's legal services as well as "
        "its SEN team",
    ]
    if not request.la_reference:
        notes.append(
            "assessment_request.la_reference is not given: the letter asks the council to "
            "quote the child's name and date of birth instead"
        )
    earlier = _earlier_letter(request, options)
    if earlier is not None and earlier + dt.timedelta(days=REPLY_DAYS) <= options.document_date:
        notes.append(
            "this letter keeps the reply date of your letter before claim of "
            f"{format_date(earlier, 'long', options.locale)}, which has passed: take advice "
            "(SENDIASS or IPSEA) on the next step before sending it"
        )
    if request.received_on is None:
        notes.append(
            "the 6 weeks are counted from the day the request is taken to have arrived, "
            "worked out from how it was sent; give assessment_request.received_on if the "
            "council confirmed the date it received it"
        )
    return notes


LETTER_BEFORE_CLAIM = DocumentKind(
    name="letter-before-claim",
    title="Letter before claim: late decision on an EHC needs assessment request",
    description=(
        "Pre-Action Protocol letter when the 6-week decision (reg 5(1)) is overdue; "
        "reply within 14 days."
    ),
    template="letter_before_claim.docx",
    build_context=build_letter_context,
    file_label="Letter_before_claim_EHC_assessment",
    file_date=lambda case, options: options.document_date,
    check=_check,
    audience="parent",
    warnings=_warnings,
)

"""What a support plan says about an EHC needs assessment request the case records.

A plan written after the request was sent must say so: who asked, when, and by
when the local authority must decide (6 weeks from receipt, SEND Regulations
2014 reg 5(1), worked out by the same deadline code as the request letter:
:func:`sendocs.documents.assessment_request.decision_deadline`). Otherwise the
plan reads as if the request were still to be made (Kai's and Ruby's plans did;
Ruby's last review said "SENCO to request an EHC needs assessment"). Facts are
those known on the day the plan is written: a request sent later is not
mentioned, and a refusal is said only once it was sent.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sendocs.dates.deadline import Deadline
from sendocs.documents.assessment_request import decision_deadline
from sendocs.documents.base import RenderOptions
from sendocs.documents.letters import assessment_refused_on
from sendocs.formatting import format_date
from sendocs.models import AssessmentRequest, Case, DeliveryMethod, ParentCarer, Requester

__all__ = ["decision_sentence", "plan_request"]


def _late_decision_help(case: Case) -> str:
    """The next step a plan names when the council's decision is late (expert read A16:
    "3 weeks late, no next step"): who can help, and that the setting supports it."""
    service = case.local_authority.sendiass
    if service is None:
        return ""
    phone = f" ({service.phone})" if service.phone else ""
    setting = "college" if case.school.setting_type.is_college else "school"
    return (
        f" {service.name}{phone} can help with a complaint to the council or a letter "
        f"before claim; the {setting} will support this."
    )


def _requested_by(case: Case, readers: list[ParentCarer] | None = None) -> str:
    """ "Ms Sarah Thompson (KJ's mother)", "Northbridge Primary School", "Jordan"; in a
    school letter to ``readers``: "We" for the school, "You" for a reader who asked."""
    request = case.assessment_request
    assert request is not None
    child = case.child
    letter = readers is not None
    if request.requester is Requester.SCHOOL:
        return "We" if letter else case.school.name
    if request.requester is Requester.YOUNG_PERSON:
        return request.requester_name or child.known_as
    if request.requester_name:
        return request.requester_name
    parent = next((p for p in case.parents if p.parental_responsibility), None)
    parent = parent or (case.parents[0] if case.parents else None)
    if parent is None:
        return f"{child.known_as}\u2019s parent"
    if readers is not None and parent in readers:
        return "You"
    return f"{parent.formal_name} ({child.known_as}\u2019s {parent.relationship.lower()})"


def _sender_again(case: Case, readers: list[ParentCarer] | None) -> str:
    """The requester named a second time, after :func:`_requested_by` has introduced
    them: "We", "You", "The school", "Jordan", "Ms Thompson"."""
    first = _requested_by(case, readers)
    request = case.assessment_request
    if first in ("We", "You") or request is None:
        return first
    if request.requester is Requester.SCHOOL:
        return "The college" if case.school.setting_type.is_college else "The school"
    parent = next((p for p in case.parents if first.startswith(p.formal_name)), None)
    return parent.addressed_as if parent is not None else first


def decision_sentence(
    request: AssessmentRequest,
    deadline: Deadline,
    locale: str,
    *,
    letter: bool,
    sender: str = "",
    on: dt.date | None = None,
) -> str:
    """When the council must decide, on the law's basis: reg 5(1) counts 6 weeks from the
    day the council *receives* the request, not the day it was sent. With
    ``received_on`` recorded the date is stated; otherwise it is given as what follows
    if the request arrived on its deemed day ("sent on 23 November 2026, so by Monday
    4 January 2027 if it arrived that day"): a letter that dates the decision from the
    day of sending states as fact what nobody knows (Kai's letter, s18). ``letter``:
    the school's letter to the parent ("tell you whether it will"), else the plan."""
    due = format_date(deadline.date, "full", locale)
    duty = (
        "The council must tell you whether it will carry out the assessment"
        if letter
        else "The council must decide whether to carry out the assessment"
    )
    if request.received_on is not None:
        received = format_date(request.received_on, "long", locale)
        return (
            f"{duty} within 6 weeks of receiving the request ({deadline.rule}). It received "
            f"the request on {received}, so the decision is due by {due}."
        )
    assert request.sent_on is not None
    arrived = deadline.date - dt.timedelta(weeks=6)
    if sender and request.delivery is DeliveryMethod.EMAIL and arrived == request.sent_on:
        # an email arrives the day it is sent: no "if it arrived that day" (s18 G, Ruby);
        # said in the past once the date has passed (Jordan's)
        passed = on is not None and deadline.has_passed(on)
        must = "had to" if passed else "must"
        act = "tell you" if letter else "decide"
        return (
            f"{duty} within 6 weeks of receiving the request ({deadline.rule}). {sender} "
            f"emailed the request on {format_date(request.sent_on, 'full', locale)}, so the "
            f"council {must} {act} by {due}."
        )
    when = (
        "that day" if arrived == request.sent_on else f"on {format_date(arrived, 'full', locale)}"
    )
    return (
        f"{duty} within 6 weeks of receiving the request ({deadline.rule}): it was sent on "
        f"{format_date(request.sent_on, 'long', locale)}, so by {due} if it arrived {when}."
    )


def plan_request(
    case: Case, options: RenderOptions, readers: list[ParentCarer] | None = None
) -> dict[str, Any] | None:
    """The plan's ``request``: ``text`` (who asked whom, when, and the decision date with
    its rule; in the voice of a school letter to ``readers`` when given), ``sent`` and
    ``after_review`` (the request was made after the last plan's
    review, whose next steps may have planned it), or None when the case records no
    request sent on or before the plan's date."""
    request = case.assessment_request
    on = options.document_date
    if request is None or request.sent_on is None or request.sent_on > on:
        return None
    plan = case.ehc_plan if case.has_ehc_plan else None
    if plan is not None and plan.issued >= request.sent_on:
        return None  # the assessment was done: the EHC plan it led to is the news
    locale = options.locale
    deadline = decision_deadline(case, options)
    sent = format_date(request.sent_on, "long", locale)
    # an emailed request's date is said once, where the decision is dated from it
    # ("We emailed the request on Friday 20 November 2026, so …", s19 A2 #5)
    emailed = (
        request.received_on is None
        and request.delivery is DeliveryMethod.EMAIL
        and deadline.date - dt.timedelta(weeks=6) == request.sent_on
    )
    text = (
        f"{_requested_by(case, readers)} asked {case.local_authority.name} for an "
        f"education, health and care (EHC) needs assessment{'' if emailed else ' on ' + sent}. "
        + decision_sentence(
            request,
            deadline,
            locale,
            letter=readers is not None,
            sender=_sender_again(case, readers),
            on=on,
        )
    )
    refused = assessment_refused_on(case, on)
    if refused is not None and refused >= request.sent_on:
        text += (
            f" It decided on {format_date(refused, 'long', locale)} not to carry out the "
            "assessment."
        )
    elif deadline.has_passed(on):
        chased = request.followed_up_on
        # who chased it, and where it stood on the plan's date (s17 F3): "a letter was
        # sent" left the reader to guess by whom and whether it was answered
        text += (
            f" No decision had come by then. {_requested_by(case, readers)} wrote on "
            f"{format_date(chased, 'long', locale)} asking for it, and no decision had "
            f"come by {format_date(on, 'long', locale)}."
            if chased is not None and chased <= on
            else " That date has passed."
        )
        text += _late_decision_help(case) if readers is None else ""
    previous = case.previous_cycles[-1] if case.previous_cycles else None
    reviewed: dt.date | None = None
    if previous is not None:
        reviewed = previous.review.held_on if previous.review else previous.review_date
    return {
        "text": text,
        "sent": sent,
        "after_review": reviewed is not None and request.sent_on >= reviewed,
    }

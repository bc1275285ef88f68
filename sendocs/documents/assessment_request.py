"""Kinds ``assessment-request`` and ``assessment-follow-up``: asking the local
authority for an EHC needs assessment, and chasing a late decision.

The request follows the structure of domain brief §4 (modelled on IPSEA's
model letter, paraphrased): the request under s.36(1); the current setting;
the two-limb test in s.36(8) as the only legal test; limb 1 (has or may have
SEN) from needs, diagnoses and reports; limb 2 (may need provision through
a plan) from the case's own assess-plan-do-review history; the reg 5(1)
six-week decision date, computed; the right of appeal; the people to ask
for advice (reg 6(1)); the enclosures; and an evidence chronology.

The letter's wording lives in the template; this module works out the facts
and the sentences that depend on the data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sendocs.costing import NOTIONAL_SEN_BUDGET, cost_cycle
from sendocs.dates import Deadline, assessment_decision_deadline
from sendocs.documents.base import DocumentKind, RenderOptions
from sendocs.documents.letters import addressees
from sendocs.documents.views import need_rows
from sendocs.formatting import format_date, format_list, format_money, plural
from sendocs.models import (
    AssessmentRequest,
    Case,
    OutcomeStatus,
    Requester,
    ReviewCycle,
    SenProvision,
)

__all__ = ["chronology", "decision_deadline", "limb_two"]


@dataclass(frozen=True)
class ChronologyRow:
    """One line of the evidence chronology appendix."""

    date: dt.date
    document: str
    author: str
    shows: str
    ref: str = ""


def chronology(case: Case, locale: str = "en_GB") -> list[ChronologyRow]:
    """Every dated piece of evidence in the case, oldest first.

    Evidence documents, diagnoses, professional reports and each reviewed
    cycle of SEN support, so a reader sees the history in one table.
    Reusable in an appeal.
    """
    rows: list[ChronologyRow] = []
    for doc in case.evidence:
        author = ", ".join(x for x in (doc.author, doc.role) if x)
        rows.append(
            ChronologyRow(
                date=doc.date,
                document=doc.title,
                author=author or "Not stated",
                shows=doc.summary or doc.kind.label,
                ref=doc.ref or "",
            )
        )
    documented = {(r.date, r.author.split(",")[0]) for r in rows}
    for diagnosis in case.diagnoses:
        who = diagnosis.diagnosed_by.split(",")[0]
        if (diagnosis.date, who) not in documented:
            rows.append(
                ChronologyRow(
                    date=diagnosis.date,
                    document=f"Diagnosis: {diagnosis.condition}",
                    author=diagnosis.diagnosed_by,
                    shows=f"Diagnosis of {diagnosis.condition.lower()}.",
                )
            )
    for number, cycle in enumerate(case.cycles, start=1):
        if cycle.review is None:
            continue
        rows.append(
            ChronologyRow(
                date=cycle.review.held_on,
                document=f"SEN support review (plan {number}, started "
                f"{format_date(cycle.start, 'long', locale)})",
                author=case.school.name,
                shows=_outcome_summary(cycle),
            )
        )
    rows.sort(key=lambda r: (r.date, r.document))
    return rows


def _outcome_summary(cycle: ReviewCycle) -> str:
    counts = {status: 0 for status in OutcomeStatus}
    for outcome in cycle.outcomes:
        counts[outcome.status] += 1
    parts = [
        plural(counts[s], "outcome") + " " + s.label.lower()
        for s in (OutcomeStatus.MET, OutcomeStatus.PARTLY_MET, OutcomeStatus.NOT_MET)
        if counts[s]
    ]
    return (format_list(parts) + ".") if parts else "Outcomes not recorded."


def limb_two(case: Case, options: RenderOptions) -> dict[str, Any]:
    """The facts for limb 2 (it may be necessary to make provision through a plan)."""
    locale = options.locale
    reviewed = [c for c in case.cycles if c.review is not None]
    unmet = []
    for number, cycle in enumerate(case.cycles, start=1):
        if cycle.review is None:
            continue
        for outcome in cycle.outcomes:
            if outcome.status in (OutcomeStatus.NOT_MET, OutcomeStatus.PARTLY_MET):
                unmet.append(
                    {
                        "plan": number,
                        "outcome": outcome.outcome,
                        "status": outcome.status.label.lower(),
                        "evidence": outcome.evidence or "",
                        "review_date": cycle.review.held_on,
                    }
                )
    tried: dict[str, dt.date] = {}
    for cycle in case.cycles:
        for provision in cycle.provision:
            tried.setdefault(provision.intervention, provision.start or cycle.start)
    costing = cost_cycle(case.current_cycle, options.weeks_per_year, options.notional_budget)
    not_delivered = [
        {
            "recommendation": rec.text,
            "by": f"{prof.name} ({prof.role.lower()})",
            "report_date": prof.latest_report,
            "note": rec.note or "",
        }
        for prof in case.professionals
        for rec in prof.recommendations
        if rec.delivered is False
    ]
    first = case.cycles[0].start
    return {
        "since": first,
        "cycles": len(case.cycles),
        "reviewed_cycles": len(reviewed),
        "cycles_text": (
            f"Since {format_date(first, 'long', locale)} the school has put in place "
            f"{plural(len(case.cycles), 'SEN support plan')} under the graduated approach "
            f"(assess, plan, do, review), of which {len(reviewed)} "
            f"{'has' if len(reviewed) == 1 else 'have'} been reviewed."
        ),
        "unmet_outcomes": unmet,
        "interventions_tried": [
            {"intervention": name, "since": since} for name, since in tried.items()
        ],
        "annual_cost": costing.total,
        "budget": costing.budget,
        "over_budget": costing.over_budget,
        "cost_text": _cost_text(costing.total, costing.budget, locale),
        "not_delivered": not_delivered,
    }


def _cost_text(total: Any, budget: Any, locale: str) -> str:
    cost = format_money(total, locale)
    line = format_money(budget, locale)
    if total > budget:
        return (
            f"The school's current SEN support costs {cost} a year, more than the {line} a "
            "school is expected to meet from its notional SEN budget. The school cannot keep "
            "this up without extra resources."
        )
    return (
        f"The school's current SEN support costs {cost} a year. The {line} notional SEN "
        "budget figure is a funding threshold, not a legal test: a child does not have to "
        "cost more than this to need an EHC needs assessment."
    )


def decision_deadline(case: Case, options: RenderOptions) -> Deadline:
    """The reg 5(1) date, from the request's receipt (known or deemed)."""
    request = case.assessment_request or AssessmentRequest()
    if request.received_on:
        return assessment_decision_deadline(
            request.received_on, exception=request.decision_exception, locale=options.locale
        )
    return assessment_decision_deadline(
        sent=request.sent_on or options.document_date,
        delivery=request.delivery.value,
        after_5pm=request.sent_after_5pm,
        exception=request.decision_exception,
        locale=options.locale,
    )


def _requester(case: Case, request: AssessmentRequest) -> dict[str, Any]:
    """Who signs the request, and where the LA should reply.

    Contact details given on the request itself (``requester_address``, …)
    win over those of the school or first parent: a young person may live
    elsewhere, a parent may want replies by email only.
    """
    kind = request.requester
    parents = addressees(case)
    first = parents[0]
    if kind is Requester.SCHOOL:
        senco = case.school.senco
        details: dict[str, Any] = {
            "name": request.requester_name or senco.name,
            "capacity": f"{senco.role or 'SENCO'}, {case.school.name}",
            "address_lines": case.school.address.all_lines if case.school.address else [],
            "email": senco.email or case.school.email or "",
            "phone": senco.phone or case.school.phone or "",
        }
    elif kind is Requester.YOUNG_PERSON:
        details = {
            "name": request.requester_name or case.child.full_name,
            "capacity": "young person",
            "address_lines": first.address.all_lines if first.address else [],
            "email": "",
            "phone": "",
        }
    else:
        details = {
            "name": request.requester_name
            or format_list([p.formal_name for p in parents]),
            "signatories": [request.requester_name]
            if request.requester_name
            else [p.name for p in parents],
            "capacity": "parent" if len(parents) == 1 else "parents",
            "address_lines": first.address.all_lines if first.address else [],
            "email": first.email or "",
            "phone": first.phone or "",
        }
    if request.requester_address:
        details["address_lines"] = request.requester_address.all_lines
    if request.requester_email:
        details["email"] = request.requester_email
    if request.requester_phone:
        details["phone"] = request.requester_phone
    return {"kind": kind.value, **details}


def _check(case: Case, options: RenderOptions) -> list[str]:
    problems = []
    if case.sen_status is SenProvision.EHC_PLAN:
        problems.append(
            "the child already has an EHC plan: ask for a review or re-assessment instead"
        )
    request = case.assessment_request
    if request is None:
        problems.append(
            "the case has no assessment_request: section; add one saying who asks and when, "
            "e.g. 'assessment_request: {requester: parent, sent_on: 2026-11-23, delivery: "
            "email}' (see docs/parent-guide.md)"
        )
    if request and request.requester is Requester.YOUNG_PERSON:
        age = case.child.age_on(options.document_date)
        if not 16 <= age <= 25:
            problems.append(
                f"requester is young_person but {case.child.full_name} is {age}: a young "
                "person is over compulsory school age and under 25 (s.83 CAFA 2014)"
            )
    if request and request.requester is Requester.SCHOOL and request.parent_agrees is False:
        problems.append(
            "a school request should be made with the parent's knowledge and agreement "
            "(Code 9.8); parent_agrees is false"
        )
    return problems


def build_context(case: Case, options: RenderOptions) -> dict[str, Any]:
    request = case.assessment_request or AssessmentRequest()
    locale = options.locale
    deadline = decision_deadline(case, options)
    consult = [
        {"name": p.name, "role": p.role, "organisation": p.organisation or ""}
        for p in request.consult
    ]
    previous = request.previous_request_on
    recent_previous = bool(
        previous and (options.document_date - previous).days < 183  # s.36(6)-(7): 6 months
    )
    return {
        "case": case,
        "child": case.child,
        "school": case.school,
        "la": case.local_authority,
        "document_date": options.document_date,
        "request": request,
        "requester": _requester(case, request),
        "variant": request.requester.value,
        "sent_on": request.sent_on or options.document_date,
        "delivery": request.delivery.label,
        "needs": need_rows(case),
        "suspected_needs": [n for n in need_rows(case) if n["suspected"]],
        "diagnoses": case.diagnoses,
        "reports": [
            {
                "title": d.title,
                "author": ", ".join(x for x in (d.author, d.role) if x),
                "date": d.date,
                "summary": d.summary or "",
                "ref": d.ref,
            }
            for d in case.evidence_by_date
            if d.kind.value in ("report", "expert_report", "diagnosis")
        ],
        "limb2": limb_two(case, options),
        "deadline": deadline,
        "deadline_date_full": format_date(deadline.date, "full", locale),
        "consult": consult,
        "enclosures": case.evidence_by_date,
        "chronology": chronology(case, locale),
        "previous_request_on": previous,
        "recent_previous_request": recent_previous,
        "sen_support_since": case.cycles[0].start,
        "notional_budget": NOTIONAL_SEN_BUDGET,
        "years_old": case.child.age_on(options.document_date),
    }


def _letter_date(case: Case, options: RenderOptions) -> dt.date:
    request = case.assessment_request
    return (request.sent_on if request and request.sent_on else None) or options.document_date


ASSESSMENT_REQUEST = (
    DocumentKind(
        name="assessment-request",
        title="EHC needs assessment request",
        description="Request to the local authority for an EHC needs assessment (s.36(1)).",
        template="assessment_request.docx",
        build_context=build_context,
        file_label="EHC_needs_assessment_request",
        file_date=_letter_date,
        check=_check,
        audience="parent",
    )
)


def build_follow_up_context(case: Case, options: RenderOptions) -> dict[str, Any]:
    context = build_context(case, options)
    reply_days = int(options.extra.get("reply_days", 14))
    context["reply_by"] = options.document_date + dt.timedelta(days=reply_days)
    context["reply_days"] = reply_days
    context["days_late"] = (options.document_date - context["deadline"].date).days
    return context


def _follow_up_check(case: Case, options: RenderOptions) -> list[str]:
    problems = _check(case, options)
    request = case.assessment_request
    if request is None or (request.sent_on is None and request.received_on is None):
        problems.append(
            "assessment_request.sent_on (or received_on) is needed: the follow-up letter "
            "counts the 6 weeks from the original request"
        )
        return problems
    deadline = decision_deadline(case, options)
    if options.document_date <= deadline.date:
        problems.append(
            "the local authority still has time: its decision is due by "
            f"{format_date(deadline.date, 'long', options.locale)} (reg 5(1)); a follow-up "
            "letter can be sent after that date"
        )
    return problems


ASSESSMENT_FOLLOW_UP = (
    DocumentKind(
        name="assessment-follow-up",
        title="Follow-up: late decision on an EHC needs assessment request",
        description="Letter chasing a decision not made within 6 weeks (reg 5(1)).",
        template="assessment_follow_up.docx",
        build_context=build_follow_up_context,
        file_label="EHC_assessment_follow_up",
        file_date=lambda case, options: options.document_date,
        check=_follow_up_check,
        audience="parent",
    )
)

"""Kind ``parent-notification``: the school's notice under s.68 CAFA 2014.

Where special educational provision is made for a child at a maintained
school, maintained nursery, academy, AP academy or PRU and no EHC plan is
maintained, the appropriate authority (governing body, proprietor or PRU
management committee) must inform the parent that SEP is being made
(domain brief §3). The Code asks that parents are formally notified and
met at least three times a year (6.65).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sendocs.dates import is_bank_holiday
from sendocs.documents.base import DocumentKind, RenderOptions
from sendocs.documents.letters import (
    areas_help_text,
    assessment_refused_on,
    letter_parts,
    letter_recipients,
    privacy_text,
)
from sendocs.documents.plan_request import plan_request
from sendocs.documents.provision_map import named
from sendocs.documents.refusal_appeal import refusal_appeal_text
from sendocs.documents.views import need_rows, outcome_rows, provision_rows
from sendocs.formatting import format_date
from sendocs.models import Case, ParentCarer, SenProvision
from sendocs.models.people import compared_name


def recipients(case: Case, options: RenderOptions) -> list[str]:
    """One letter per household with parental responsibility (or the young person)."""
    return [r.label for r in letter_recipients(case, _letter_date(case, options))]


def build_context(case: Case, options: RenderOptions) -> dict[str, Any]:
    """The letter for recipient ``options.extra["recipient"]`` (default the first)."""
    cycle = case.current_cycle
    everyone = letter_recipients(case, _letter_date(case, options))
    index = int(options.extra.get("recipient", 0))
    recipient = everyone[min(max(index, 0), len(everyone) - 1)]
    locale = options.locale
    areas = [a.label.lower() for a in case.areas_of_need]
    return {
        "case": case,
        "child": case.child,
        "school": case.school,
        "la": case.local_authority,
        "letter": letter_parts(recipient),
        "document_date": _letter_date(case, options),
        "needs": need_rows(case),
        "areas_text": areas_help_text(areas),
        "outcomes": outcome_rows(cycle, locale),
        # each outcome by its own date; one lead-in date only when they share one
        "outcomes_by": outcomes_by(case, locale),
        "opening": opening_facts(case, options, list(recipient.parents)),
        "meeting": meeting_facts(case, options, separate=meet_separately(case, everyone)),
        "provision": letter_provision(case, options, list(recipient.parents)),
        # "Rebecca (Ruby) Clarke": the heading and slip tie the known-as name to the legal one
        "child_named": named(case.child),
        "plan_start": cycle.start,
        "review_date": cycle.review_date,
        "review_date_full": format_date(cycle.review_date, "full", locale),
        "review_time": cycle.review_time or "",
        "review_place": cycle.review_place or "",
        "senco": case.school.senco,
        "authority": case.school.authority,
        "assessment_refused_on": _refused_text(case, options),
        # the appeal right with its mediation step and time limit ("" if no refusal)
        "refusal_appeal": refusal_appeal_text(case, _letter_date(case, options), options.locale),
        # a request already made is said, not the right to ask offered again (Kai, Ruby)
        "request": plan_request(case, options, list(recipient.parents)),
        # how the school uses the family's information, and its DPO (a DPO's read, s18)
        "privacy": privacy_text(case.school, case.child.known_as),
    }


def _to_the_reader(text: str, child: str, readers: list[ParentCarer]) -> str:
    """A provision text that names a reader by their tie to the child ("agreed with
    KJ's mother") says "you" in a letter to that reader: Kai's letter to his mother
    spoke of her in the third person (s19 A2 #3)."""
    for parent in readers:
        role = parent.relationship.lower()
        for mark in ("'", "\u2019"):
            text = text.replace(f"{child}{mark}s {role}", "you")
    return text


def letter_provision(
    case: Case, options: RenderOptions, readers: list[ParentCarer]
) -> list[dict[str, Any]]:
    """The plan's provision rows as the letter prints them. Support that starts after
    the letter's date says when in "How often" ("From Friday 12 February 2027: …"),
    so a parent does not read it as running now; a planned change (the row's
    ``next_steps``) is said in "What it is for"; a reader named by their tie to the
    child is "you" (s19 A2 #3)."""
    letter_date = _letter_date(case, options)
    child = case.child.known_as
    rows = []
    for p, row in zip(case.current_cycle.provision, provision_rows(case, options), strict=True):
        row = dict(row)
        row["description"] = _to_the_reader(row["description"], child, readers)
        if p.start is not None and p.start > letter_date:
            when = format_date(p.start, "full", options.locale)
            row["frequency_in_all"] = f"From {when}: {row['frequency_in_all']}"
        lines = involves(row)
        if row["next_steps"]:
            lines.append({"label": "", "text": _to_the_reader(row["next_steps"], child, readers)})
        row["involves"] = lines
        rows.append(row)
    return rows


def _has_met_the_school(case: Case, readers: list[ParentCarer]) -> bool:
    """Whether one of ``readers`` came to a review (named in its ``attendees``): only
    then does a letter begin "As you know" (Niamh's father, who came to no review, was
    told "As you know", s18 F). Views given to a plan (``parent_views_each``) do not
    count: the case does not say they were given at a meeting (a views form or an email
    will do), nor that the parent knows the support's history the opening states ("As
    you know, Elena has been getting … since 12 January 2026" to Dr ap Gwilym, who came
    to no review). A letter to the young person (no ``readers``) may: it is their own
    support."""
    if not readers:
        return True
    names = {
        compared_name(n) for p in readers for n in (p.formal_name, p.full_name, p.addressed_as) if n
    }
    for cycle in case.cycles:
        # an attendee may be recorded with more after the name ("Ms Baxter (mother)")
        for who in cycle.review.attendees if cycle.review else []:
            who = compared_name(who)
            if any(who == n or who.startswith(n + " ") for n in names):
                return True
    return False


def opening_facts(
    case: Case, options: RenderOptions, readers: list[ParentCarer] | None = None
) -> dict[str, str]:
    """What the letter's first paragraph needs. ``running_since`` is the first plan's
    start when support began before the letter: the letter then confirms formally, as
    s.68 requires, provision already running ("… has been getting … since …"), instead
    of announcing it as news; it is "" for a first plan the letter announces. ``lead``
    is "As you know, " only for a reader who has met the school about it
    (:func:`_has_met_the_school`)."""
    first = case.cycles[0].start
    locale = options.locale
    return {
        "lead": "As you know, " if _has_met_the_school(case, readers or []) else "",
        "running_since": format_date(first, "long", locale)
        if first < _letter_date(case, options)
        else "",
        "plan_from": format_date(case.current_cycle.start, "long", locale),
    }


def outcomes_by(case: Case, locale: str) -> dict[str, Any]:
    """Each outcome with the date it is due (its own, else the review's), with its
    weekday ("By Friday 4 December 2026:", s19 A2 #13). ``common`` is
    the one date they share ("By the review on …" only when that is the review's date),
    else "" and each bullet carries its own: an outcome due after the review is never
    said to be due "by the review" (Elena, Niamh)."""
    cycle = case.current_cycle
    dates = [o.target_date or cycle.review_date for o in cycle.outcomes]
    items = [
        {"outcome": o.outcome, "by": format_date(d, "full", locale)}
        for o, d in zip(cycle.outcomes, dates, strict=True)
    ]
    common = ""
    if dates and len(set(dates)) == 1:
        when = format_date(dates[0], "full", locale)
        common = f"the review on {when}" if dates[0] == cycle.review_date else when
    return {"rows": items, "common": common}


def meet_separately(case: Case, everyone: list[Any]) -> bool:
    """Parents in separate households meet the school separately when the case restricts
    any parent's details (a court order or a safeguarding concern): one meeting date for
    both could bring them to the same room at the same time (Elena, A1)."""
    return len(everyone) > 1 and any(
        not p.share_details or not p.receives_letters for p in case.parents
    )


def school_days_before(day: dt.date, count: int) -> dt.date:
    """``count`` weekdays that are not bank holidays before ``day``."""
    while count:
        day -= dt.timedelta(days=1)
        if day.weekday() < 5 and not is_bank_holiday(day):
            count -= 1
    return day


REPLY_FLOOR_WORKING_DAYS = 5
"""A reply slip is never due fewer than this many working days after the letter's
date: a slip due two days after a letter sent by post cannot be returned (s17 E2)."""


def working_days_after(day: dt.date, count: int) -> dt.date:
    """``count`` weekdays that are not bank holidays after ``day``."""
    while count:
        day += dt.timedelta(days=1)
        if day.weekday() < 5 and not is_bank_holiday(day):
            count -= 1
    return day


def meeting_facts(case: Case, options: RenderOptions, *, separate: bool) -> dict[str, Any]:
    """The review meeting as this letter offers it. ``separate``: a meeting of its own
    in the review's week, with no shared date or time. ``reply_by``: the case's date for
    the reply slip, else 3 school days before the review, only when it is at least
    :data:`REPLY_FLOOR_WORKING_DAYS` working days after the letter's date; when the
    review is too close for that, ``reply_by`` is "" and ``ring_by`` is the date by which
    the parent is asked to ring or email to arrange a time ("" when even that date is
    not after the letter: "as soon as you can"). ``ask_time``: the letter asks for a time
    (no time recorded, or a separate meeting), so the slip has a line for one."""
    cycle = case.current_cycle
    locale = options.locale
    letter_date = _letter_date(case, options)
    week_of = cycle.review_date - dt.timedelta(days=cycle.review_date.weekday())
    reply_by = cycle.reply_by or school_days_before(cycle.review_date, 3)
    slip_ok = reply_by >= working_days_after(letter_date, REPLY_FLOOR_WORKING_DAYS)
    ring = not slip_ok
    return {
        "separate": separate,
        "week_of": format_date(week_of, "full", locale),
        # separate households, nothing restricted: a separate meeting is offered
        "offer_separate": not separate and len(letter_recipients(case, letter_date)) > 1,
        "reply_by": format_date(reply_by, "full", locale) if slip_ok else "",
        "ring": ring,
        "ring_by": format_date(reply_by, "full", locale) if ring and reply_by > letter_date else "",
        "ask_time": separate or not cycle.review_time,
    }


def _refused_text(case: Case, options: RenderOptions) -> str:
    refused = assessment_refused_on(case, _letter_date(case, options))
    return format_date(refused, "long", options.locale) if refused else ""


def involves(row: dict[str, Any]) -> list[dict[str, str]]:
    """The letter's "What it is for" cell for one provision row, as paragraphs
    (``label`` bold, then ``text``): the support's description first, then the outcomes
    it works towards in a paragraph of their own, "For: " said once before them (run
    together, Elena's touch-typing course read as one muddled sentence with its
    outcome, s18). With no description the outcomes stand alone, each in its own words
    (the column already says what they are for); never empty (the area of need if the
    case says nothing more), so a parent never meets a blank cell."""
    outcomes = [o["outcome"] for o in row["serves"]]
    if row["description"]:
        lines = [{"label": "", "text": row["description"]}]
        if outcomes:
            lines.append({"label": "For: ", "text": " ".join(outcomes)})
        return lines
    if outcomes:
        return [{"label": "", "text": text} for text in outcomes]
    return [{"label": "", "text": f"Help with {row['area'][0].lower()}{row['area'][1:]}"}]


def check(case: Case, options: RenderOptions) -> list[str]:
    setting = case.school.setting_type
    if not setting.s68_applies:
        return [
            f"{case.school.name} is recorded as {setting.label.lower()} (school.setting_type: "
            f"{setting.value}): the s.68 CAFA 2014 duty to tell parents that SEN provision is "
            "being made applies only at a maintained school, maintained nursery school, "
            "Academy, alternative provision Academy or pupil referral unit. If the setting "
            "is one of those, set school.setting_type in the case file"
        ]
    if case.sen_status is SenProvision.EHC_PLAN:
        return [
            "the child has an EHC plan: the s.68 duty to notify parents applies only where "
            "no EHC plan is maintained"
        ]
    if case.sen_status is SenProvision.NO_SEN:
        return ["sen_status is N (no SEN): there is no special educational provision to notify"]
    return []


def _letter_date(case: Case, options: RenderOptions) -> dt.date:
    """The date given for the run, else today: the day the letter is made and sent.

    Not the plan's start: the letter encloses the plan, whose "written on" date is
    the run's date too, and a letter dated weeks before the plan it encloses (or
    before facts the plan records) is one a parent cannot trust.
    """
    return options.document_date


PARENT_NOTIFICATION = DocumentKind(
    name="parent-notification",
    title="Parental notification letter",
    description="Letter telling parents that SEN provision is being made (s.68 CAFA 2014).",
    template="parent_notification.docx",
    build_context=build_context,
    file_label="SEN_notification_letter",
    file_date=_letter_date,
    check=check,
    recipients=recipients,
)

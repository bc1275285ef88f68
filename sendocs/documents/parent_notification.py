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

from sendocs.documents.base import DocumentKind, RenderOptions
from sendocs.documents.letters import (
    areas_help_text,
    assessment_refused_on,
    letter_parts,
    letter_recipients,
)
from sendocs.documents.plan_request import plan_request
from sendocs.documents.refusal_appeal import refusal_appeal_text
from sendocs.documents.views import need_rows, outcome_rows, provision_rows
from sendocs.formatting import format_date
from sendocs.models import Case, SenProvision


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
        "provision": [
            {**row, "involves": involves(row)}
            for row in provision_rows(case, options)
        ],
        "plan_start": cycle.start,
        "review_date": cycle.review_date,
        "review_date_full": format_date(cycle.review_date, "full", locale),
        "review_time": cycle.review_time or "",
        "review_place": cycle.review_place or "",
        "senco": case.school.senco,
        "authority": case.school.authority,
        "assessment_refused_on": _refused_text(case, options),
        # the appeal right with its mediation step and time limit ("" if no refusal)
        "refusal_appeal": refusal_appeal_text(
            case, _letter_date(case, options), options.locale
        ),
        # a request already made is said, not the right to ask offered again (Kai, Ruby)
        "request": plan_request(case, options, readers=list(recipient.parents)),
    }


def _refused_text(case: Case, options: RenderOptions) -> str:
    refused = assessment_refused_on(case, _letter_date(case, options))
    return format_date(refused, "long", options.locale) if refused else ""


def involves(row: dict[str, Any]) -> list[str]:
    """The letter's "What it involves" lines for one provision row: its description, then
    the outcomes it works towards; never empty (the area of need if the case says nothing
    more), so a parent never meets a blank cell."""
    lines = [row["description"]] if row["description"] else []
    lines += [f"Working towards: {o['outcome']}" for o in row["serves"]]
    return lines or [f"Help with {row['area'][0].lower()}{row['area'][1:]}"]


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


PARENT_NOTIFICATION = (
    DocumentKind(
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
)

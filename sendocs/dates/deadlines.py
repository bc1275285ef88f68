"""Statutory deadlines of the EHC process and of a SEND tribunal appeal.

Each function returns a :class:`~sendocs.dates.deadline.Deadline` that names
its rule and explains the arithmetic in sentences a parent can check.
The law applied is the domain brief §6 (sources in §10):

* D1 reg 5(1) SEND Regulations 2014 [S5]: decide whether to assess, 6 weeks
  from receipt of the request;
* D2 reg 10(1) [S6]: tell the parent a plan will not be issued, 16 weeks from
  receipt;
* D3 reg 13(1) [S7]: at least 15 days for representations on a draft plan,
  the day it is served counting as day 1;
* D4 reg 13(2) [S7]: final plan, 20 weeks from receipt;
* D6 reg 33 [S8]: contact the mediation adviser within 2 months of the
  decision;
* D7 HESC Rules 2008 r.20(1)(c) with r.12 [S11, S13, S14]: appeal by the later
  of 2 months from the decision and 1 month from the mediation certificate,
  moved out of August and the Christmas period and onto a working day, 17:00.

"Within N weeks of X" is X + 7N days; the Regulations state no roll-over to a
working day (UNVERIFIED), so those dates are never moved, only flagged.
Exceptions under regs 5(4), 10(4) and 13(3) are recorded and explained, never
applied silently.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from sendocs.dates.bank_holidays import bank_holiday_name
from sendocs.dates.calendar import DEFAULT_LOCALE, add_months, add_weeks, format_long_date
from sendocs.dates.deadline import Deadline
from sendocs.dates.receipt import (
    DEFAULT_RECEIPT_ASSUMPTIONS,
    DeliveryMethod,
    ReceiptAssumptions,
    deemed_receipt,
)
from sendocs.dates.tribunal import in_christmas_period, next_working_day, non_working_reason
from sendocs.errors import CaseDataError

__all__ = [
    "APPEAL_TIME",
    "LATE_APPEAL_ROUTE",
    "appeal_deadline",
    "assessment_decision_deadline",
    "draft_representations_deadline",
    "final_plan_deadline",
    "mediation_contact_deadline",
    "no_plan_decision_deadline",
]

#: Appeals must reach the tribunal by 5pm on the last day.
APPEAL_TIME = dt.time(17, 0)

_NOT_MOVED = (
    "{day} is {what}. No rule found in the Regulations extends a period that ends on a "
    "weekend or bank holiday, so the date has not been moved; do not count on extra time."
)

#: What a parent can do once the local authority has missed a reg 5(1), 10(1) or 13(2) limit
#: (domain brief §11: a breach of a statutory duty; complaint, then a letter before claim).
_LA_LATE = (
    "If the local authority has not done this by then, it has not met its legal duty under "
    "regulation {regulation}. You can write to ask it to act now (sendocs makes a follow-up "
    "letter for the 6-week decision), complain, and, if that does not work, send a letter "
    "before claim under the Pre-Action Protocol for Judicial Review. Your local SENDIASS or "
    "IPSEA can help."
)

#: The late-appeal route, HESC r.20(4) (domain brief §5).
LATE_APPEAL_ROUTE = (
    "You can still appeal late. Send the appeal to the tribunal as soon as you can, and "
    "include a request to extend the time limit with your reasons why the appeal is late "
    "(rule 20(4) of the tribunal's rules). Good reasons include a decision letter that did "
    "not explain your right of appeal, the time limit or mediation, illness, or waiting for "
    "mediation. The tribunal decides whether to accept a late appeal, so do not wait: "
    "SENDIASS or IPSEA can help you write the reasons."
)


@dataclass(frozen=True)
class _Receipt:
    date: dt.date
    sentence: str


def _resolve_receipt(
    request_received: dt.date | None,
    sent: dt.date | None,
    delivery: DeliveryMethod | str | None,
    sent_time: dt.time | None,
    after_5pm: bool,
    assumptions: ReceiptAssumptions,
    locale: str,
) -> _Receipt:
    """Turn "received on X" or "sent on Y by Z" into a receipt date and a sentence."""
    if request_received is not None:
        if sent is not None and sent > request_received:
            raise CaseDataError(
                f"The request cannot have been received ({request_received.isoformat()}) "
                f"before it was sent ({sent.isoformat()}); check both dates."
            )
        text = format_long_date(request_received, locale)
        return _Receipt(request_received, f"The local authority received the request on {text}.")
    if sent is None or delivery is None:
        raise ValueError(
            "give either the date the request was received, or the date it was sent "
            "and how it was sent (hand, post or email)"
        )
    receipt = deemed_receipt(
        sent,
        delivery,
        sent_time=sent_time,
        after_5pm=after_5pm,
        assumptions=assumptions,
        locale=locale,
    )
    return _Receipt(receipt.date, receipt.explanation)


def _weekend_or_holiday_warning(day: dt.date, locale: str) -> list[str]:
    if day.weekday() >= 5:
        what = "a Saturday" if day.weekday() == 5 else "a Sunday"
    else:
        name = bank_holiday_name(day)
        if name is None:
            return []
        what = f"a bank holiday ({name})"
    return [_NOT_MOVED.format(day=format_long_date(day, locale), what=what)]


def _exception_sentence(
    regulation: str, limit: str, exception: str | None, due: dt.date, locale: str
) -> str:
    if not exception:
        return ""
    return (
        f" The local authority has stated an exception under {regulation}: "
        f"{exception.strip().rstrip('.')}. The {limit} limit does not apply while it lasts, "
        f"so {format_long_date(due, locale)} is the limit that would apply without the "
        "exception; that date has not been changed."
    )


def _week_limit(
    *,
    title: str,
    regulation: str,
    exception_regulation: str,
    weeks: int,
    action: str,
    receipt: _Receipt,
    exception: str | None,
    locale: str,
) -> Deadline:
    due = add_weeks(receipt.date, weeks)
    explanation = (
        f"{receipt.sentence} Regulation {regulation} gives the local authority {weeks} weeks "
        f"({weeks * 7} days) from receipt{action}, so it must do so by "
        f"{format_long_date(due, locale)}."
    )
    explanation += _exception_sentence(
        exception_regulation, f"{weeks}-week", exception, due, locale
    )
    return Deadline(
        date=due,
        rule=f"SEND Regulations 2014, reg {regulation}",
        explanation=explanation,
        assumptions=_weekend_or_holiday_warning(due, locale),
        exception=exception.strip() if exception else None,
        title=title,
        if_passed=_LA_LATE.format(regulation=regulation),
    )


def assessment_decision_deadline(
    request_received: dt.date | None = None,
    *,
    sent: dt.date | None = None,
    delivery: DeliveryMethod | str | None = None,
    sent_time: dt.time | None = None,
    after_5pm: bool = False,
    assumptions: ReceiptAssumptions = DEFAULT_RECEIPT_ASSUMPTIONS,
    exception: str | None = None,
    locale: str = DEFAULT_LOCALE,
) -> Deadline:
    """D1: the local authority must decide whether to assess within 6 weeks (reg 5(1)).

    Give ``request_received`` when the day of receipt is known; otherwise give
    ``sent`` and ``delivery`` ("hand", "post", "email") and deemed receipt is
    applied (an assumption, explained). ``exception`` records an exception the
    authority has stated under reg 5(4); the date is not moved.

    >>> assessment_decision_deadline(dt.date(2026, 11, 2)).date
    datetime.date(2026, 12, 14)
    """
    receipt = _resolve_receipt(
        request_received, sent, delivery, sent_time, after_5pm, assumptions, locale
    )
    return _week_limit(
        title="Decision whether to carry out an EHC needs assessment",
        regulation="5(1)",
        exception_regulation="reg 5(4)",
        weeks=6,
        action=" to decide whether to carry out an EHC needs assessment and tell you",
        receipt=receipt,
        exception=exception,
        locale=locale,
    )


def no_plan_decision_deadline(
    request_received: dt.date | None = None,
    *,
    sent: dt.date | None = None,
    delivery: DeliveryMethod | str | None = None,
    sent_time: dt.time | None = None,
    after_5pm: bool = False,
    assumptions: ReceiptAssumptions = DEFAULT_RECEIPT_ASSUMPTIONS,
    exception: str | None = None,
    locale: str = DEFAULT_LOCALE,
) -> Deadline:
    """D2: after assessing, a decision not to issue a plan is due within 16 weeks (reg 10(1)).

    Counted from receipt of the request; exceptions under reg 10(4) are
    recorded, not applied.
    """
    receipt = _resolve_receipt(
        request_received, sent, delivery, sent_time, after_5pm, assumptions, locale
    )
    return _week_limit(
        title="Decision not to issue an EHC plan",
        regulation="10(1)",
        exception_regulation="reg 10(4)",
        weeks=16,
        action=" to tell you if it decides, after the assessment, not to issue an EHC plan",
        receipt=receipt,
        exception=exception,
        locale=locale,
    )


def final_plan_deadline(
    request_received: dt.date | None = None,
    *,
    sent: dt.date | None = None,
    delivery: DeliveryMethod | str | None = None,
    sent_time: dt.time | None = None,
    after_5pm: bool = False,
    assumptions: ReceiptAssumptions = DEFAULT_RECEIPT_ASSUMPTIONS,
    exception: str | None = None,
    locale: str = DEFAULT_LOCALE,
) -> Deadline:
    """D4: the final EHC plan must be issued within 20 weeks of the request (reg 13(2)).

    Exceptions under reg 13(3) are recorded, not applied.
    """
    receipt = _resolve_receipt(
        request_received, sent, delivery, sent_time, after_5pm, assumptions, locale
    )
    return _week_limit(
        title="Final EHC plan issued",
        regulation="13(2)",
        exception_regulation="reg 13(3)",
        weeks=20,
        action=" to issue the final EHC plan",
        receipt=receipt,
        exception=exception,
        locale=locale,
    )


def draft_representations_deadline(
    draft_served: dt.date, *, locale: str = DEFAULT_LOCALE
) -> Deadline:
    """D3: at least 15 days to comment on a draft plan, the day served being day 1 (reg 13(1)).

    The last day is therefore ``draft_served + 14`` days. The authority may
    allow longer; this is the minimum.
    """
    due = draft_served + dt.timedelta(days=14)
    explanation = (
        f"The draft EHC plan was served on {format_long_date(draft_served, locale)}. "
        "Regulation 13(1) gives you at least 15 days to make representations about it, "
        "counting the day it was served as day 1, so the 15th day is "
        f"{format_long_date(due, locale)}. The local authority may allow longer; "
        "check the letter that came with the draft plan."
    )
    return Deadline(
        date=due,
        rule="SEND Regulations 2014, reg 13(1)",
        explanation=explanation,
        assumptions=_weekend_or_holiday_warning(due, locale),
        title="Representations on the draft EHC plan",
        if_passed=(
            "If you have missed it, send your comments to the local authority at once and ask "
            "it to take them into account before the plan is finalised; it may still do so."
        ),
    )


def mediation_contact_deadline(decision_sent: dt.date, *, locale: str = DEFAULT_LOCALE) -> Deadline:
    """D6: contact the mediation adviser within 2 months of the decision (reg 33).

    Months are counted by the corresponding date rule (:func:`add_months`).
    """
    due = add_months(decision_sent, 2)
    explanation = (
        f"The local authority's decision letter was sent on "
        f"{format_long_date(decision_sent, locale)}. Regulation 33 says that if you want to "
        "appeal, you must contact the mediation adviser named in the letter within 2 months "
        f"of the decision, so by {format_long_date(due, locale)}. You do not need to do this "
        "if your appeal is only about the school or other institution named in Section I "
        "of the plan."
    )
    return Deadline(
        date=due,
        rule="SEND Regulations 2014, reg 33",
        explanation=explanation,
        assumptions=_weekend_or_holiday_warning(due, locale),
        title="Contact the mediation adviser",
        if_passed=(
            "If this date has passed, contact the mediation adviser anyway and ask SENDIASS or "
            "IPSEA for help at once: you normally need a mediation certificate to appeal, and "
            "the appeal has its own deadline (sendocs deadlines appeal)."
        ),
    )


def _spans(start: dt.date, end: dt.date) -> tuple[bool, bool]:
    """Whether the days after ``start`` up to ``end`` include August / the Christmas period."""
    august = christmas = False
    day = start + dt.timedelta(days=1)
    while day <= end and not (august and christmas):
        august = august or day.month == 8
        christmas = christmas or in_christmas_period(day)
        day += dt.timedelta(days=1)
    return august, christmas


_SPAN_WARNING = (
    "The period for appealing runs through {what}. Rule 12(3) of the tribunal's rules says "
    "those days must not be counted in SEN cases, but whether that extends a time limit "
    "expressed in months (rather than only moving a deadline that falls in them) is not "
    "settled. This date follows IPSEA's practice: only a deadline that falls "
    "{inside} is moved ({to}). Do not rely on a later date; lodge the appeal by the date shown, "
    "or ask the tribunal or an adviser."
)


def appeal_deadline(
    decision_sent: dt.date,
    mediation_certificate: dt.date | None = None,
    *,
    extra_closures: Collection[dt.date] = (),
    locale: str = DEFAULT_LOCALE,
) -> Deadline:
    """D7: the last day (and 5pm) to lodge an appeal with the SEND tribunal.

    HESC r.20(1)(c) with r.12, as set out in the domain brief §6:

    1. the later of ``decision_sent`` + 2 months and, if a mediation
       certificate was issued, ``mediation_certificate`` + 1 month;
    2. a date in August moves to the first working day of September, a date
       from 25 December to 1 January to the next working day in January;
    3. any other non-working day moves to the next working day; the time is 17:00.

    A certificate dated before the decision is accepted (the 2-month term then
    wins) with a warning to check the dates. An assumption is recorded whenever
    the period actually counted (from the decision, or from the certificate
    when that term wins) runs through August or the Christmas period, because
    whether such a period is extended is not settled (UNVERIFIED in the domain
    brief; IPSEA practice is applied). ``if_passed`` gives the r.20(4) route.

    >>> appeal_deadline(dt.date(2025, 10, 1), dt.date(2025, 11, 29)).date
    datetime.date(2026, 1, 2)
    """

    def fmt(day: dt.date) -> str:
        return format_long_date(day, locale)

    warnings: list[str] = []
    by_decision = add_months(decision_sent, 2)
    parts = [
        f"The local authority's decision letter was sent on {fmt(decision_sent)}. "
        f"Two months from then is {fmt(by_decision)}."
    ]
    start = by_decision
    counted_from = decision_sent
    if mediation_certificate is None:
        warnings.append(
            "No mediation certificate date was given, so only the 2-month limit has been "
            "used. You need a certificate to appeal unless the appeal is only about the "
            "school or other institution named in Section I. If a certificate is issued, "
            "the deadline becomes the later of 2 months from the decision and 1 month from "
            "the certificate: work it out again then."
        )
    else:
        by_certificate = add_months(mediation_certificate, 1)
        parts.append(
            f"The mediation certificate was issued on {fmt(mediation_certificate)}; "
            f"one month from then is {fmt(by_certificate)}."
        )
        if by_certificate > by_decision:
            start = by_certificate
            counted_from = mediation_certificate
            parts.append(
                f"The later of the two dates counts, so the starting point is {fmt(start)}."
            )
        elif by_certificate == by_decision:
            parts.append(f"Both give the same date, {fmt(start)}.")
        else:
            parts.append(
                f"The later of the two dates counts, so the 2-month date, {fmt(start)}, applies."
            )
        if mediation_certificate < decision_sent:
            warnings.append(
                f"The mediation certificate ({fmt(mediation_certificate)}) is dated before the "
                f"decision letter ({fmt(decision_sent)}). That is unusual: check both dates. "
                "The deadline has been worked out from the later limit, the 2-month one."
            )
    final = next_working_day(start, extra_closures)
    if final != start:
        reason = non_working_reason(start, extra_closures)
        if start.month == 8:
            where = "the first working day of September"
        elif in_christmas_period(start):
            where = "the next working day in January"
        else:
            where = "the next working day"
        parts.append(
            f"{fmt(start)} is not a tribunal working day because {reason}, so the deadline "
            f"moves to {where}: {fmt(final)}."
        )
    parts.append(f"The appeal must reach the tribunal by 5pm on {fmt(final)}.")
    assumptions: list[str] = []
    august, christmas = _spans(counted_from, start)
    if august:
        assumptions.append(
            _SPAN_WARNING.format(
                what="August", inside="in August", to="to the first working day of September"
            )
        )
    if christmas:
        assumptions.append(
            _SPAN_WARNING.format(
                what="the Christmas period (25 December to 1 January)",
                inside="in that period",
                to="to the next working day in January",
            )
        )
    return Deadline(
        date=final,
        rule="HESC Rules 2008, r.20(1)(c) and r.12",
        explanation=" ".join(parts),
        time=APPEAL_TIME,
        warnings=warnings,
        title="Appeal to the SEND tribunal",
        assumptions=assumptions,
        if_passed=LATE_APPEAL_ROUTE,
    )

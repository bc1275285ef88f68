"""Review dates for roster rows: the next termly review when the roster leaves it blank,
and a warning when a typed review date is not a school day."""

from __future__ import annotations

import datetime as dt

from sendocs.dates import TermCalendar
from sendocs.errors import CaseDataError, FieldPath, Location, Problem
from sendocs.models import Case
from sendocs.roster.census import entry_value
from sendocs.roster.column_map import ColumnMap
from sendocs.roster.sheets import CYCLE, Leaf

__all__ = ["REVIEW_DATE", "START", "review_warnings", "set_review_date"]

REVIEW_DATE: FieldPath = (*CYCLE, "review_date")
START: FieldPath = (*CYCLE, "start")


def set_review_date(
    entries: dict[FieldPath, Leaf],
    claimed: dict[FieldPath, Problem],
    calendar: TermCalendar | None,
    location: Location,
    column_map: ColumnMap,
) -> None:
    if entry_value(entries, REVIEW_DATE) is not None or REVIEW_DATE in claimed:
        return
    origin = entries[REVIEW_DATE].origin if REVIEW_DATE in entries else location
    start = entry_value(entries, START)
    if calendar is None:
        claimed[REVIEW_DATE] = Problem(
            origin,
            "no review date: fill it in, or let sendocs set the next termly review from the "
            "school's term dates (leave out --no-set-review-dates)",
        )
        return
    if not isinstance(start, dt.date):
        return  # the start date's own problem is reported
    try:
        review = calendar.next_review_date(start)
    except CaseDataError as exc:
        claimed[REVIEW_DATE] = Problem(origin, exc.message)
        return
    entries[REVIEW_DATE] = Leaf(review, origin)


def review_warnings(
    case: Case,
    calendar: TermCalendar | None,
    origins: dict[FieldPath, Location],
    location: Location,
) -> list[Problem]:
    """A review date typed into the roster that falls outside school days."""
    if calendar is None:
        return []
    review = case.current_cycle.review_date
    if calendar.is_school_day(review) or review > calendar.terms[-1].end:
        return []
    return [
        Problem(
            origins.get(REVIEW_DATE, location),
            f"the review date {review:%d/%m/%Y} is not a school day in the term calendar; check it",
            severity="warning",
        )
    ]

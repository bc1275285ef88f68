"""The EHC plan's annual review date: the last day of the 12 months starting with the plan."""

from __future__ import annotations

import datetime as dt

import pytest

from sendocs.models.case import EhcPlan


@pytest.mark.parametrize(
    ("issued", "last_review", "due"),
    [
        (dt.date(2026, 10, 2), None, dt.date(2027, 10, 1)),
        (dt.date(2026, 10, 30), None, dt.date(2027, 10, 29)),
        (dt.date(2025, 3, 1), dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
        (dt.date(2028, 2, 29), None, dt.date(2029, 2, 28)),
        (dt.date(2027, 3, 1), None, dt.date(2028, 2, 29)),
    ],
)
def test_review_due_ends_the_twelve_months_starting_with_the_plan(
    issued: dt.date, last_review: dt.date | None, due: dt.date
) -> None:
    plan = EhcPlan(issued=issued, last_review=last_review)
    assert plan.annual_review_due == due

"""Deemed receipt: a configurable ASSUMPTION, always said to be one."""

from __future__ import annotations

from datetime import date, time

import pytest

from sendocs.dates import (
    DeliveryMethod,
    ReceiptAssumptions,
    assessment_decision_deadline,
    deemed_receipt,
    parse_delivery,
)

D = date


@pytest.mark.parametrize(
    ("sent", "method", "kwargs", "expected"),
    [
        pytest.param(D(2026, 11, 2), "hand", {}, D(2026, 11, 2), id="hand Mon -> same day"),
        pytest.param(D(2026, 11, 7), "hand", {}, D(2026, 11, 7), id="hand Sat -> same day"),
        pytest.param(D(2026, 11, 2), "post", {}, D(2026, 11, 4), id="post Mon -> Wed"),
        pytest.param(D(2026, 11, 6), "post", {}, D(2026, 11, 10), id="post Fri -> Mon, Tue"),
        pytest.param(D(2026, 11, 7), "post", {}, D(2026, 11, 10), id="post Sat -> Mon, Tue"),
        # Thu 2 Apr 2026: Good Friday, weekend, Easter Monday skipped -> Tue 7 (1), Wed 8 (2).
        pytest.param(D(2026, 4, 2), "post", {}, D(2026, 4, 8), id="post before Easter"),
        pytest.param(
            D(2026, 11, 2), "email", {"sent_time": time(16, 59)}, D(2026, 11, 2), id="email 4:59pm"
        ),
        pytest.param(
            D(2026, 11, 2), "email", {"sent_time": time(17, 0)}, D(2026, 11, 3), id="email 5pm"
        ),
        pytest.param(
            D(2026, 11, 6), "email", {"after_5pm": True}, D(2026, 11, 9), id="email Fri late -> Mon"
        ),
        pytest.param(D(2026, 11, 7), "email", {}, D(2026, 11, 9), id="email Sat -> Mon"),
        # Thu 24 Dec 2026 late: Fri 25 Christmas, weekend, Mon 28 Boxing Day (observed) -> Tue 29.
        pytest.param(
            D(2026, 12, 24), "email", {"after_5pm": True}, D(2026, 12, 29), id="email Christmas Eve"
        ),
        pytest.param(
            D(2026, 4, 3), "email", {"sent_time": time(10, 0)}, D(2026, 4, 7), id="email Good Fri"
        ),
    ],
)
def test_deemed_receipt_defaults(
    sent: date, method: str, kwargs: dict[str, object], expected: date
) -> None:
    receipt = deemed_receipt(sent, method, **kwargs)  # type: ignore[arg-type]
    assert receipt.date == expected
    assert "ASSUMPTION" in receipt.explanation
    assert "you can change it" in receipt.explanation


def test_post_explanation_names_its_basis() -> None:
    text = deemed_receipt(D(2026, 11, 2), DeliveryMethod.POST).explanation
    assert "first class post on Monday 2 November 2026" in text
    assert "Wednesday 4 November 2026" in text
    assert "Interpretation Act 1978 s.7" in text
    assert "not a rule in the SEND Regulations" in text


def test_email_without_time_says_it_assumed_before_5pm() -> None:
    text = deemed_receipt(D(2026, 11, 2), "email").explanation
    assert "before 5pm (no time was given, so we have assumed this)" in text


def test_assumptions_are_configurable() -> None:
    slow_post = ReceiptAssumptions(post_business_days=3)
    assert deemed_receipt(D(2026, 11, 2), "post", assumptions=slow_post).date == D(2026, 11, 5)
    hand_next_day = ReceiptAssumptions(hand_business_days=1)
    receipt = deemed_receipt(D(2026, 11, 6), "hand", assumptions=hand_next_day)
    assert receipt.date == D(2026, 11, 9)
    early_cutoff = ReceiptAssumptions(email_cutoff=time(16, 30))
    late = deemed_receipt(D(2026, 11, 2), "email", sent_time=time(16, 45), assumptions=early_cutoff)
    assert late.date == D(2026, 11, 3)
    assert "4:30pm" in late.explanation


@pytest.mark.parametrize("word", ["first class post", "First-Class Post", "1st class post"])
def test_delivery_method_aliases(word: str) -> None:
    assert parse_delivery(word) is DeliveryMethod.POST


def test_unknown_delivery_method() -> None:
    with pytest.raises(ValueError, match="hand, post, email"):
        parse_delivery("pigeon")


def test_assessment_deadline_from_sent_date() -> None:
    # Posted Fri 6 Nov 2026 -> deemed received Tue 10 Nov -> +42 days = Tue 22 Dec 2026.
    deadline = assessment_decision_deadline(sent=D(2026, 11, 6), delivery="post")
    assert deadline.date == D(2026, 12, 22)
    assert "Tuesday 10 November 2026" in deadline.explanation
    assert "ASSUMPTION" in deadline.explanation
    assert deadline.explanation.endswith("by Tuesday 22 December 2026.")


def test_known_receipt_beats_assumption() -> None:
    deadline = assessment_decision_deadline(D(2026, 11, 3), sent=D(2026, 11, 2), delivery="post")
    assert deadline.date == D(2026, 12, 15)
    assert "ASSUMPTION" not in deadline.explanation

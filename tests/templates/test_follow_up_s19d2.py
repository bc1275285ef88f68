"""The IPSEA adviser's read of the follow-ups (#11 s19, lane D2): a second follow-up
quotes the first one's reply date as the case records it (``follow_up_reply_by``) and
never guesses one; it gives a week, not more than the first, and says plainly that a
letter before claim follows without further notice. The demo re-makes the recorded
follow-up with the reply date it gave, by the same rule."""

from __future__ import annotations

import datetime as dt

from sendocs.api import _demo_options
from sendocs.documents.assessment_request import ASSESSMENT_FOLLOW_UP
from sendocs.documents.base import RenderOptions
from sendocs.loading import load_case
from sendocs.models import Case
from sendocs.resources import fixtures_dir

from .helpers import all_text, load, render_kind

SECOND = dt.date(2026, 11, 30)


def _flat(data: bytes) -> str:
    return " ".join(all_text(data).split())


def _without_reply_date(case: Case) -> Case:
    request = case.assessment_request
    assert request is not None
    return case.model_copy(
        update={"assessment_request": request.model_copy(update={"follow_up_reply_by": None})}
    )


def test_the_second_follow_up_quotes_the_date_the_first_gave() -> None:
    jordan = load("jordan-mills")
    first = _flat(render_kind(jordan, ASSESSMENT_FOLLOW_UP, date=dt.date(2026, 11, 10)))
    assert "send it to me by Tuesday 17 November 2026." in first
    second = _flat(render_kind(jordan, ASSESSMENT_FOLLOW_UP, date=SECOND))
    assert (
        "Further to my letter of 10 November 2026, which asked for your decision by "
        "Tuesday 17 November 2026: that date has passed and I have had no reply." in second
    )
    assert "24 November 2026" not in second


def test_the_demo_makes_the_recorded_follow_up_with_its_recorded_reply_date() -> None:
    loaded = load_case(fixtures_dir() / "cases" / "jordan-mills.yaml", today=SECOND)
    options = _demo_options("assessment-follow-up", loaded, dt.date(2026, 11, 23))
    assert options.date == dt.date(2026, 11, 10) and "reply_days" not in options.extra
    text = _flat(render_kind(loaded.case, ASSESSMENT_FOLLOW_UP, date=options.date))
    assert "send it to me by Tuesday 17 November 2026." in text


def test_an_unrecorded_reply_date_is_not_guessed_and_the_user_is_told() -> None:
    jordan = _without_reply_date(load("jordan-mills"))
    text = _flat(render_kind(jordan, ASSESSMENT_FOLLOW_UP, date=SECOND))
    assert (
        "Further to my letter of 10 November 2026, to which I have had no reply, I am "
        "writing again." in text
    )
    assert "which asked for your decision by" not in text
    warnings = ASSESSMENT_FOLLOW_UP.warnings(jordan, RenderOptions(date=SECOND))  # type: ignore[misc]
    assert any(
        "does not record the date your follow-up of 10 November 2026 asked for a reply by "
        "(assessment_request.follow_up_reply_by), so this letter names none" in w
        for w in warnings
    )


def test_a_second_chase_gives_a_week_and_says_a_letter_before_claim_follows() -> None:
    text = _flat(render_kind(load("jordan-mills"), ASSESSMENT_FOLLOW_UP, date=SECOND))
    assert "send it to me by Monday 7 December 2026." in text
    assert (
        "If I do not receive your decision by Monday 7 December 2026, I will send a letter "
        "before claim under the Pre-Action Protocol for Judicial Review without further "
        "notice." in text
    )
    assert "I may send a letter before claim" not in text
    # the first chase keeps its 14 days and its "may"
    kai = _flat(render_kind(load("kai-thompson"), ASSESSMENT_FOLLOW_UP, date=dt.date(2027, 1, 20)))
    assert "send it to me by Wednesday 3 February 2027" in kai
    assert "I may send a letter before claim" in kai and "without further notice" not in kai


def test_a_schools_second_chase_supports_the_parents_letter_before_claim() -> None:
    text = _flat(render_kind(load("ruby-clarke"), ASSESSMENT_FOLLOW_UP, date=dt.date(2027, 2, 10)))
    assert (
        "If we do not receive your decision by Wednesday 17 February 2027, we will support "
        "Ruby\u2019s parents in sending a letter before claim under the Pre-Action Protocol "
        "for Judicial Review" in text
    )

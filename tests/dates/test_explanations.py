"""What each Deadline says: rule, explanation, warnings, exceptions."""

from __future__ import annotations

from datetime import date, time

import pytest

import sendocs.dates as dates
from sendocs.dates import (
    Deadline,
    appeal_deadline,
    assessment_decision_deadline,
    draft_representations_deadline,
    final_plan_deadline,
    mediation_contact_deadline,
    no_plan_decision_deadline,
)
from sendocs.errors import CaseDataError

D = date


def test_reg_5_explanation_reads_as_brief_example() -> None:
    deadline = assessment_decision_deadline(D(2026, 11, 2))
    assert deadline.rule == "SEND Regulations 2014, reg 5(1)"
    assert deadline.explanation.startswith(
        "The local authority received the request on Monday 2 November 2026. "
        "Regulation 5(1) gives the local authority 6 weeks (42 days) from receipt"
    )
    assert deadline.explanation.endswith("so it must do so by Monday 14 December 2026.")
    assert deadline.warnings == []
    assert deadline.exception is None


def test_rules_are_cited() -> None:
    received = D(2026, 11, 2)
    assert no_plan_decision_deadline(received).rule == "SEND Regulations 2014, reg 10(1)"
    assert final_plan_deadline(received).rule == "SEND Regulations 2014, reg 13(2)"
    assert draft_representations_deadline(received).rule == "SEND Regulations 2014, reg 13(1)"
    assert mediation_contact_deadline(received).rule == "SEND Regulations 2014, reg 33"
    assert appeal_deadline(received).rule == "HESC Rules 2008, r.20(1)(c) and r.12"


@pytest.mark.parametrize(
    ("function", "regulation", "limit"),
    [
        (assessment_decision_deadline, "reg 5(4)", "6-week"),
        (no_plan_decision_deadline, "reg 10(4)", "16-week"),
        (final_plan_deadline, "reg 13(3)", "20-week"),
    ],
)
def test_exception_is_recorded_and_never_moves_the_date(
    function: object, regulation: str, limit: str
) -> None:
    assert callable(function)
    plain: Deadline = function(D(2026, 11, 2))
    text = "the head teacher was asked for advice during the summer closure"
    claimed: Deadline = function(D(2026, 11, 2), exception=text)
    assert claimed.date == plain.date
    assert claimed.exception == text
    assert f"stated an exception under {regulation}: {text}." in claimed.explanation
    assert f"The {limit} limit does not apply while it lasts" in claimed.explanation


def test_weekend_or_bank_holiday_is_flagged_not_moved() -> None:
    good_friday = assessment_decision_deadline(D(2026, 2, 20))
    assert good_friday.date == D(2026, 4, 3)
    assert good_friday.warnings == []
    assert len(good_friday.assumptions) == 1
    assert "bank holiday (Good Friday)" in good_friday.assumptions[0]
    assert "has not been moved" in good_friday.assumptions[0]
    assert "UNVERIFIED" not in good_friday.assumptions[0]
    saturday = assessment_decision_deadline(D(2026, 11, 7))
    assert "Saturday 19 December 2026 is a Saturday" in saturday.assumptions[0]


def test_received_before_sent_is_a_case_data_error() -> None:
    with pytest.raises(CaseDataError, match="before it was sent"):
        assessment_decision_deadline(D(2026, 11, 2), sent=D(2026, 11, 4), delivery="post")


def test_receipt_or_sent_date_is_required() -> None:
    with pytest.raises(ValueError, match="received"):
        assessment_decision_deadline()


def test_draft_representations_counts_the_day_served() -> None:
    deadline = draft_representations_deadline(D(2026, 6, 1))
    assert "counting the day it was served as day 1" in deadline.explanation
    assert "Monday 15 June 2026" in deadline.explanation


def test_mediation_mentions_section_i_exemption() -> None:
    deadline = mediation_contact_deadline(D(2026, 6, 30))
    assert "Section I" in deadline.explanation
    assert any("Sunday" in w for w in deadline.assumptions)


# --- appeal ------------------------------------------------------------------------


def test_ipsea_example_explained_step_by_step() -> None:
    deadline = appeal_deadline(D(2025, 10, 1), D(2025, 11, 29))
    assert deadline.date == D(2026, 1, 2)
    assert deadline.time == time(17, 0)
    text = deadline.explanation
    for fragment in (
        "decision letter was sent on Wednesday 1 October 2025",
        "Two months from then is Monday 1 December 2025",
        "certificate was issued on Saturday 29 November 2025",
        "one month from then is Monday 29 December 2025",
        "The later of the two dates counts",
        "Christmas period (25 December to 1 January)",
        "next working day in January: Friday 2 January 2026",
        "by 5pm on Friday 2 January 2026",
    ):
        assert fragment in text
    assert deadline.when() == "5pm on Friday 2 January 2026"
    assert any("Christmas period" in w and "IPSEA" in w for w in deadline.assumptions)
    assert "rule 20(4)" in deadline.if_passed


def test_august_deadline_moves_to_september_with_warning() -> None:
    deadline = appeal_deadline(D(2026, 6, 15))
    assert deadline.date == D(2026, 9, 1)
    assert "it is in August" in deadline.explanation
    assert "first working day of September: Tuesday 1 September 2026" in deadline.explanation
    august = [w for w in deadline.assumptions if "runs through August" in w]
    assert len(august) == 1
    assert "not settled" in august[0] and "IPSEA" in august[0]


def test_period_spanning_august_warns_even_when_not_moved() -> None:
    deadline = appeal_deadline(D(2026, 7, 1))
    assert deadline.date == D(2026, 9, 1)
    assert "not a tribunal working day" not in deadline.explanation
    assert any("runs through August" in w for w in deadline.assumptions)


def test_period_not_spanning_august_has_no_august_warning() -> None:
    deadline = appeal_deadline(D(2026, 5, 31), D(2026, 6, 10))
    assert deadline.date == D(2026, 7, 31)
    assert deadline.warnings == []
    assert deadline.assumptions == []


def test_missing_certificate_is_warned_about() -> None:
    deadline = appeal_deadline(D(2026, 2, 10))
    assert any("No mediation certificate date was given" in w for w in deadline.warnings)


def test_certificate_before_letter_is_handled_gracefully() -> None:
    deadline = appeal_deadline(D(2026, 3, 10), D(2026, 3, 1))
    assert deadline.date == D(2026, 5, 11)
    assert "so the 2-month date, Sunday 10 May 2026, applies" in deadline.explanation
    assert "it is a Sunday" in deadline.explanation
    assert any("dated before the decision letter" in w for w in deadline.warnings)


def test_equal_terms_say_so() -> None:
    deadline = appeal_deadline(D(2026, 2, 1), D(2026, 3, 1))
    assert "Both give the same date, Wednesday 1 April 2026." in deadline.explanation


def test_bank_holiday_move_names_the_holiday() -> None:
    deadline = appeal_deadline(D(2026, 3, 4))
    assert "it is a bank holiday (May Day)" in deadline.explanation
    assert "next working day: Tuesday 5 May 2026" in deadline.explanation


def test_extra_closures_are_respected() -> None:
    deadline = appeal_deadline(D(2026, 2, 10), extra_closures={D(2026, 4, 10)})
    assert deadline.date == D(2026, 4, 13)


def test_to_dict_is_json_ready() -> None:
    data = appeal_deadline(D(2025, 10, 1), D(2025, 11, 29)).to_dict()
    assert data["deadline"] == "2026-01-02"
    assert data["time"] == "17:00"
    assert data["rule"] == "HESC Rules 2008, r.20(1)(c) and r.12"
    assert isinstance(data["warnings"], list)


def test_deadline_is_frozen() -> None:
    deadline = appeal_deadline(D(2026, 2, 10))
    with pytest.raises(AttributeError):
        deadline.date = D(2030, 1, 1)  # type: ignore[misc]


def test_public_api_names() -> None:
    required = {
        "Deadline", "add_months", "appeal_deadline", "assessment_decision_deadline",
        "no_plan_decision_deadline", "final_plan_deadline", "draft_representations_deadline",
        "mediation_contact_deadline", "deemed_receipt", "is_tribunal_working_day",
        "add_tribunal_working_days", "TermCalendar", "Term", "load_term_calendar",
        "default_term_calendar",
    }  # fmt: skip
    assert required <= set(dates.__all__)
    assert list(dates.__all__) == sorted(dates.__all__)
    for name in dates.__all__:
        assert hasattr(dates, name), name


def test_status_says_passed_or_days_left() -> None:
    deadline = appeal_deadline(D(2026, 8, 28))  # Wed 28 October 2026, 5pm
    assert deadline.has_passed(D(2026, 10, 29))
    assert not deadline.has_passed(D(2026, 10, 28))
    assert deadline.status(D(2026, 10, 28)) == (
        "This deadline is today, Wednesday 28 October 2026: 5pm on Wednesday 28 October 2026."
    )
    assert deadline.status(D(2026, 10, 27)).startswith("1 day left on Tuesday 27 October 2026")
    assert deadline.status(D(2026, 10, 29)) == (
        "This deadline has passed: it was 5pm on Wednesday 28 October 2026, "
        "1 day before Thursday 29 October 2026."
    )

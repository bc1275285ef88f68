"""s.68 letter findings of the s17 expert read (issue #10): the opening for support
already running, each outcome by its own date, separate review meetings where a
parent's details are restricted, review time and place, the reply slip's return date,
the SENCO's short name, and the reply slip kept with the signature."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from sendocs.documents.parent_notification import PARENT_NOTIFICATION, school_days_before
from sendocs.models import Case

from .helpers import all_text, load, render_kind


def text_of(case: Case, **extra: Any) -> str:
    return " ".join(all_text(render_kind(case, PARENT_NOTIFICATION, **extra)).split())


def with_current_cycle(name: str, **changes: Any) -> Case:
    data = load(name).model_dump()
    data["cycles"][-1].update(changes)
    return Case.model_validate(data)


def test_support_already_running_is_confirmed_a_first_plan_is_announced() -> None:
    amara = text_of(load("amara-okafor"))
    assert "As you know, Amara has been getting special educational needs (SEN) support" in (amara)
    assert "This letter confirms formally, as section 68 of the Children and Families Act" in (
        amara
    )
    assert "I am writing to let you know" not in amara
    # one plan, starting after the letter: the letter announces it
    data = load("amara-okafor").model_dump()
    data["cycles"] = data["cycles"][-1:]
    data["cycles"][0].update(start=dt.date(2026, 11, 30), review_date=dt.date(2027, 3, 22))
    for o in data["cycles"][0]["outcomes"]:
        o["target_date"] = None
    first = text_of(Case.model_validate(data))
    assert (
        "I am writing to let you know that Brookfield Primary School is making special "
        "educational provision for Amara." in first
    )
    assert "As you know" not in first


def test_each_outcome_by_its_own_date_never_by_the_review_when_due_after_it() -> None:
    data = load("niamh-oconnor").model_dump()
    outcomes = data["cycles"][-1]["outcomes"]
    outcomes[0]["target_date"] = dt.date(2026, 12, 4)
    outcomes[1]["target_date"] = dt.date(2026, 12, 11)  # after the review on 7 December
    text = text_of(Case.model_validate(data))
    assert "each by the date shown" in text
    assert "By Friday 4 December 2026: " in text and "By Friday 11 December 2026: " in text
    assert "By the review" not in text
    # all due on the review's date: one lead-in, said to be the review
    for o in outcomes:
        o["target_date"] = dt.date(2026, 12, 7)
    same = text_of(Case.model_validate(data))
    assert "By the review on Monday 7 December 2026, we want Niamh to be able to do" in same
    assert "By 7 December 2026:" not in same


def test_review_time_place_and_the_reply_slips_return_date() -> None:
    amara = text_of(load("amara-okafor"))
    assert (
        "We will review Amara\u2019s support with you on Monday 7 December 2026 at 3.30pm, in "
        "the SENCO\u2019s office." in amara
    )
    # letters dated Monday 23 November: 3 school days before Monday 7 December is
    # Wednesday 2 December, 7 working days after the letter: the slip's date stands
    assert "and return it by Wednesday 2 December 2026" in amara
    assert "Please return this slip to Mr Reid at Brookfield Primary School by Wednesday 2" in (
        amara
    )
    assert "ring or email" not in amara
    # the same letter dated Monday 30 November: 2 working days before the slip's date is
    # too close for a slip by post (s17 E2), so the parent rings or emails (the time is
    # set: to say whether they can come) and the slip gives no return date
    late_letter = " ".join(
        all_text(
            render_kind(load("amara-okafor"), PARENT_NOTIFICATION, date=dt.date(2026, 11, 30))
        ).split()
    )
    assert (
        "Please ring or email Mr Reid by Wednesday 2 December 2026 to tell us whether you "
        "can come" in late_letter
    )
    assert "return it by" not in late_letter
    assert "Please return this slip to Mr Reid at Brookfield Primary School." in late_letter
    given = text_of(with_current_cycle("amara-okafor", reply_by=dt.date(2026, 12, 1)))
    assert "return it by Tuesday 1 December 2026" in given
    # exactly 5 working days after the letter (Mon 23 Nov -> Mon 30 Nov): the slip's date;
    # one day less: ring or email by then
    floor = text_of(with_current_cycle("amara-okafor", reply_by=dt.date(2026, 11, 30)))
    assert "return it by Monday 30 November 2026" in floor
    short = text_of(with_current_cycle("amara-okafor", reply_by=dt.date(2026, 11, 27)))
    assert "Please ring or email Mr Reid by Friday 27 November 2026" in short
    # a return date already past when the letter goes: as soon as they can, no past date
    late = text_of(with_current_cycle("amara-okafor", reply_by=dt.date(2026, 11, 20)))
    assert "Please ring or email Mr Reid as soon as you can" in late
    assert "20 November" not in late


def test_school_days_skip_weekends_and_bank_holidays() -> None:
    assert school_days_before(dt.date(2026, 12, 7), 3) == dt.date(2026, 12, 2)
    # Monday 25 May 2026 is the spring bank holiday
    assert school_days_before(dt.date(2026, 5, 27), 3) == dt.date(2026, 5, 21)


def test_restricted_parents_get_separate_meetings_others_are_offered_one() -> None:
    elena = load("elena-ap-gwilym")
    for recipient in (0, 1):
        text = text_of(elena, recipient=recipient)
        assert "We will arrange a separate review meeting with you at school in the week of" in text
        assert "We will review Elena\u2019s support with you on" not in text
        assert (
            "We will arrange a separate meeting with you about Elena ap Gwilym\u2019s support "
            "at school in the week of" in text
        )
    niamh = text_of(load("niamh-oconnor"), recipient=1)
    assert "We will review Niamh\u2019s support with you on Monday 7 December 2026" in niamh
    assert (
        "If you would rather meet us on your own, tell us and we will arrange a separate "
        "meeting." in niamh
    )
    assert "rather meet us on your own" not in text_of(load("amara-okafor"))


def test_the_senco_is_named_in_full_once_then_short() -> None:
    text = text_of(load("elena-ap-gwilym"))
    assert "Mrs Joanna Price is our SENCO" in text
    assert "You can contact Mrs Price during the school day" in text
    # nothing recorded: the full name again, never a surname guessed from it
    data = load("elena-ap-gwilym").model_dump()
    data["school"]["senco"]["addressed_as"] = None
    full = text_of(Case.model_validate(data))
    assert "You can contact Mrs Joanna Price during the school day" in full


@pytest.mark.libreoffice
def test_the_reply_slip_keeps_with_the_signature(tmp_path: Path) -> None:
    """Ruby's reply slip stood alone on page 3 (s17); since s19 #1 it may start a page
    as a tear-off, but it says whose slip it is, the school and the return details."""
    from pypdf import PdfReader

    from sendocs.render.libreoffice import LibreOfficeConverter

    source = tmp_path / "letter.docx"
    source.write_bytes(
        render_kind(load("ruby-clarke"), PARENT_NOTIFICATION, date=dt.date(2026, 11, 30))
    )
    with LibreOfficeConverter(mode="batch", workers=1) as converter:
        (pdf,) = converter.convert([source], tmp_path)
    last = PdfReader(pdf).pages[-1].extract_text()
    assert "Reply slip: review meeting" in last
    flat = " ".join(last.split())
    assert "Please return this slip to Mrs Finch at Northbridge Primary School" in flat
    assert "Rebecca (Ruby) Clarke\u2019s support" in flat

"""The IPSEA adviser's read of the follow-ups (#11 s19, lane D2): a second follow-up
quotes the first one's reply date as the case records it (``follow_up_reply_by``) and
never guesses one; it gives a week, not more than the first, and says plainly that a
letter before claim follows without further notice. The demo re-makes the recorded
follow-up with the reply date it gave, by the same rule."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sendocs.api import _demo_options
from sendocs.documents.assessment_request import ASSESSMENT_FOLLOW_UP
from sendocs.documents.base import RenderOptions
from sendocs.documents.provision_map import PROVISION_MAP
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


# -- the requests (items 3 to 8) ---------------------------------------------------------


def test_a_map_the_request_encloses_is_dated_as_its_enclosure_list_gives_it() -> None:
    from sendocs.documents.assessment_request import ASSESSMENT_REQUEST

    demo_day = dt.date(2026, 11, 23)
    loaded = load_case(fixtures_dir() / "cases" / "ruby-clarke.yaml", today=demo_day)
    options = _demo_options("provision-map", loaded, demo_day)
    assert options.date == dt.date(2026, 11, 20)  # the request's date, not the demo's
    request = _flat(render_kind(loaded.case, ASSESSMENT_REQUEST, date=demo_day))
    assert (
        "8 Costed provision map for the current SEN support plan Northbridge Primary "
        "School 20 November 2026" in request
    )
    ruby_map = _flat(render_kind(loaded.case, PROVISION_MAP, date=options.date))
    assert "Prepared on 20 November 2026" in ruby_map
    warnings = ASSESSMENT_REQUEST.warnings(loaded.case, RenderOptions(date=demo_day))  # type: ignore[misc]
    assert any(
        "costed provision map as an enclosure dated 20 November 2026: make it with that "
        "date, 'sendocs render provision-map CASE --date 2026-11-20'" in w
        for w in warnings
    )


def test_kais_request_asks_for_the_occupational_therapy_advice_dr_walsh_advised() -> None:
    from sendocs.documents.assessment_request import ASSESSMENT_REQUEST

    text = _flat(render_kind(load("kai-thompson"), ASSESSMENT_REQUEST))
    assert (
        "Westshire Children's Occupational Therapy Service, for KJ's sensory needs, as Dr "
        "Walsh advised" in text
    )
    # a role mid-list is lower-cased, in the advice list, enclosures and chronology
    assert "Dr Fiona Walsh, educational psychologist, Westshire Educational Psychology" in text
    assert "Dr Maria Lopez, consultant community paediatrician" in text
    assert "Dr Fiona Walsh, Educational psychologist" not in text
    assert "Mr Ben Hart, Clinical psychologist" not in text


def test_kais_attendance_figures_each_have_their_own_period() -> None:
    from sendocs.documents.assessment_request import ASSESSMENT_REQUEST

    text = _flat(render_kind(load("kai-thompson"), ASSESSMENT_REQUEST))
    assert (
        "81% in autumn 2025, 78% in the half-term to 9 February 2026, 71% in the half-term "
        "to 18 May 2026, 76% so far in autumn 2026." in text
    )
    assert "between 71% and 81% each half-term" not in text


def test_jordans_request_names_camhs_and_preparing_for_adulthood() -> None:
    from sendocs.documents.assessment_request import ASSESSMENT_REQUEST

    text = _flat(render_kind(load("jordan-mills"), ASSESSMENT_REQUEST))
    assert "My plan's outcomes are not being met yet: I still leave the room" in text
    assert "The needs my plan is for" not in text
    assert (
        "you must seek the advice and information set out in regulation 6(1) of the SEND "
        "Regulations, including advice on preparing for adulthood and independent living, "
        "as I am in Year 12. Under regulation 6(1)(h), I also ask you to seek advice from: "
        "Ms Nadia Karim, clinical psychologist, Southshire CAMHS" in text
    )
    # a child below year 9: no preparing-for-adulthood sentence
    kai = _flat(render_kind(load("kai-thompson"), ASSESSMENT_REQUEST))
    assert "preparing for adulthood" not in kai


@pytest.mark.libreoffice
def test_the_enclosure_and_support_tables_split_after_two_rows_or_move_whole(
    tmp_path: Path,
) -> None:
    """Ruby's enclosure list (heading, intro and row 1 were left at page 4's foot) and
    Jordan's support table (header and one row at page 2's foot) move whole; neither
    letter gains a page."""
    from pypdf import PdfReader

    from sendocs.documents.assessment_request import ASSESSMENT_REQUEST
    from sendocs.render.libreoffice import LibreOfficeConverter

    sources = []
    for name in ("ruby-clarke", "jordan-mills"):
        source = tmp_path / f"{name}.docx"
        source.write_bytes(render_kind(load(name), ASSESSMENT_REQUEST))
        sources.append(source)
    with LibreOfficeConverter(mode="batch", workers=1) as converter:
        ruby_pdf, jordan_pdf = converter.convert(sources, tmp_path)

    def pages(pdf: Path) -> list[str]:
        return [" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages]

    def page_of(all_pages: list[str], text: str) -> int:
        (number,) = [i for i, p in enumerate(all_pages) if text in p]
        return number

    ruby = pages(ruby_pdf)
    assert len(ruby) == 5
    heading = page_of(ruby, "Copies of these documents are enclosed")
    assert page_of(ruby, "Written agreement to this request") == heading
    assert page_of(ruby, "SEN support plans and reviews, 2025-26 Mrs Laura Finch") == heading
    jordan = pages(jordan_pdf)
    assert len(jordan) == 4
    first = page_of(jordan, "Weekly mentor check-in")
    assert page_of(jordan, "A structured work-experience placement with a job coach") == first

"""Whole-school maps after the s20 read by a school business manager: every workbook sheet
prints one page wide; the Year 11 leaving date is explained only where a Year 11 pupil is
listed; top-up below the threshold says the council sets it; the Notes say "none" for no
pupil above the threshold; one date style ("7 Sep 2026") in both maps; typographic
apostrophes from the case text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from sendocs.school_map import write_school_map
from sendocs.school_map.aggregate import TOP_UP_NOTE, short_date
from tests.school_map.test_s20_expert_read import map_of, word_text

DATE = dt.date(2026, 11, 23)
YEAR_11 = "for Year 11, the school leaving date, the last Friday in June"


def _notes(path: Path) -> str:
    book = openpyxl.load_workbook(path)
    return "\n".join(str(c.value) for (c,) in book["Notes"].iter_rows(max_col=1) if c.value)


def test_every_sheet_prints_landscape_and_no_wider_than_two_pages(tmp_path: Path) -> None:
    """Narrow sheets fit one page wide; the three wide ones two pages (one page wide shrank
    Interventions to 5 pt, which no one can read: s20 read), as many pages tall as needed."""
    path = write_school_map(map_of("sami-ahmed"), tmp_path / "m.xlsx", date=DATE)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[-1] == "Notes" and "Inputs" in book.sheetnames
    wide = {"Interventions", "Detail", "Inputs"}
    for ws in book.worksheets:
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True, ws.title
        assert ws.page_setup.fitToWidth == (2 if ws.title in wide else 1), ws.title
        assert ws.page_setup.fitToHeight == 0, ws.title
        assert ws.page_setup.orientation == "landscape", ws.title


def test_year_11_leaving_date_only_where_a_year_11_pupil_is_listed(tmp_path: Path) -> None:
    greenfield = map_of("sami-ahmed")  # Year 4
    assert not greenfield.has_year_11
    assert YEAR_11 not in word_text(write_school_map(greenfield, tmp_path / "g.docx", date=DATE))
    assert YEAR_11 not in _notes(write_school_map(greenfield, tmp_path / "g.xlsx", date=DATE))
    high = map_of("niamh-oconnor")  # Year 11
    assert high.has_year_11
    assert YEAR_11 in word_text(write_school_map(high, tmp_path / "h.docx", date=DATE))
    assert YEAR_11 in _notes(write_school_map(high, tmp_path / "h.xlsx", date=DATE))


def test_top_up_below_the_threshold_says_the_council_sets_it(tmp_path: Path) -> None:
    """Sami's top-up (£2,870 a year) is below the £6,000 threshold: the heading says the
    council sets top-up itself, not from this map's costs; the Notes say it too."""
    assert "local authority sets top-up funding itself" in TOP_UP_NOTE
    m = map_of("sami-ahmed")
    word = word_text(write_school_map(m, tmp_path / "s.docx", date=DATE))
    assert (
        "Top-up funding already agreed for pupils below the threshold (the local authority "
        "sets top-up funding itself: it is not worked out from the costs in this map):"
    ) in word
    notes = _notes(write_school_map(m, tmp_path / "s.xlsx", date=DATE))
    assert "The local authority sets top-up funding itself: it is not worked out" in notes


def test_notes_say_none_and_no_longer_as_the_word_map(tmp_path: Path) -> None:
    notes = _notes(write_school_map(map_of("sami-ahmed"), tmp_path / "s.xlsx", date=DATE))
    assert "(as the Word map)" not in notes
    assert "as in the Word version of this map" in notes
    count = 'COUNTIF(Pupils!G:G,"Yes")'
    assert f'IF({count}=0,"none.",{count}&" (Yes in the Pupils sheet’s column G).")' in notes


def test_one_date_style_in_both_maps(tmp_path: Path) -> None:
    """The workbook's cells print "7 Sep 2026" (d mmm yyyy); the Word map now does too,
    not babel's "7 Sept 2026"."""
    assert short_date(dt.date(2026, 9, 7)) == "7 Sep 2026"
    assert short_date(dt.date(2027, 7, 20)) == "20 Jul 2027"
    m = map_of("sami-ahmed")
    word = word_text(write_school_map(m, tmp_path / "s.docx", date=DATE))
    assert "Sept 20" not in word and " Sep 20" in word
    book = openpyxl.load_workbook(write_school_map(m, tmp_path / "s.xlsx", date=DATE))
    dates = [
        c
        for ws in book.worksheets
        for row in ws.iter_rows()
        for c in row
        if getattr(c, "is_date", False)
    ]
    assert dates and all(c.number_format == "d mmm yyyy" for c in dates)


def test_case_text_apostrophes_are_typographic(tmp_path: Path) -> None:
    """Sami's case (Greenfield) and Ella's (Northam) type ’ in their prose."""
    greenfield = word_text(write_school_map(map_of("sami-ahmed"), tmp_path / "g.docx", date=DATE))
    assert "Council’s" in greenfield and "Council's" not in greenfield
    northam = word_text(write_school_map(map_of("ella-owusu"), tmp_path / "n.docx", date=DATE))
    assert "teacher’s" in northam and "class’s" in northam
    assert "'" not in greenfield + northam

"""The whole-school map as a SENCO and a school business manager read it (s18 findings).

Ordinary class teaching listed apart (never costed, counted or timed), resources in
their own column so a share is never above the costs printed beside it, top-up only
from the case's record, no word broken inside a table cell, and the workbook's amount
above the threshold rounded to the penny. Figures hand-worked in each test.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
import pytest

from sendocs.loading import LoadedCase, load_case
from sendocs.models import check_case
from sendocs.school_map import build_school_map, write_school_map
from tests.conftest import CASES, TODAY

DATE = dt.date(2026, 11, 30)
WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019]{3,}[A-Za-z]")


def _map(*names: str):  # type: ignore[no-untyped-def]
    return build_school_map([load_case(CASES / f"{n}.yaml", today=TODAY) for n in names])


def _tables(path: Path) -> list[list[list[str]]]:
    document = docx.Document(str(path))
    return [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]


def test_class_teaching_is_listed_apart_not_costed_counted_or_timed(tmp_path: Path) -> None:
    """Ella: Makaton is whole-class teaching at no cost. Her visual phonics resources
    deliver Section F(2), so they are special educational provision, never class
    teaching: no staff cost, £24.00 resources, no extra time. With the TA's two lines (5 h
    a week each from 7 September 2026 to 20 July 2027, 188 school days = 37.6 weeks = 188 h
    x £18.20 = £3,421.60 a line): £6,867.20 in all, £867.20 above £6,000; 10 hours a
    week, 3 interventions."""
    m = _map("ella-owusu")
    assert [e.provision.intervention for e in m.class_teaching] == [
        "Makaton signing with spoken words in class",
    ]
    assert [line.intervention for line in m.interventions] == [
        "Teaching assistant support in literacy lessons",
        "Teaching assistant support in maths lessons",
        "Visual phonics resources in whole-class phonics",
    ]
    (ella,) = m.pupils
    assert ella.interventions == 3 and ella.weekly_minutes == 600
    assert ella.total == Decimal("6867.20") and ella.above_budget == Decimal("867.20")
    out = write_school_map(m, tmp_path / "map.docx", date=DATE)
    tables = _tables(out)
    apart = next(t for t in tables if t[0][1] == "What the class teacher does")
    assert [r[1] for r in apart[1:]] == ["Makaton signing with spoken words in class"]
    assert all(r[4] == "Whole class" for r in apart[1:])
    pupils = next(t for t in tables if t[0][:2] == ["Pupil", "Year group"])
    assert pupils[1][3:6] == ["3", "10 hours", "£6,867.20"]
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "Part of ordinary class teaching \u2014 not costed, not counted as extra time" in text
    # the top-up Ella's case records, as the plan's (s19 B2 item 1)
    flat = " ".join(text.split())
    assert (
        "Ella Owusu (Year 2, EHC plan): £6,867.20, £867.20 above £6,000; top-up funding "
        "(element 3) agreed under the EHC plan: £3,216.00 a year, agreed by the high-needs "
        "team at Northam Borough Council on 30 October 2026" in flat
    )
    assert "not recorded" not in flat and "the pupil’s case" not in flat
    assert "Top-up the local authority has already agreed is given beside the pupil:" in flat
    book = write_school_map(m, tmp_path / "map.xlsx", date=DATE)
    notes = " ".join(str(c.value) for c in openpyxl.load_workbook(book)["Notes"]["A"] if c.value)
    assert "Ella Owusu (Year 2): Makaton signing with spoken words in class" in notes


def test_top_up_only_from_the_case_record(tmp_path: Path) -> None:
    """With no top_up_funding the map says nothing of top-up (no to-do for the council
    reaches it: s19 B2 item 1); the user is warned at load (validate, render)."""
    loaded = load_case(CASES / "ella-owusu.yaml", today=TODAY)
    case = loaded.case.model_copy(update={"top_up_funding": None})
    m = build_school_map([LoadedCase(case, loaded.source)])
    out = write_school_map(m, tmp_path / "map.docx", date=DATE)
    text = " ".join("\n".join(p.text for p in docx.Document(str(out)).paragraphs).split())
    assert "Ella Owusu (Year 2, EHC plan): £6,867.20, £867.20 above £6,000" in text
    assert "above £6,000;" not in text
    assert "top-up funding (element 3) agreed" not in text and "not recorded" not in text
    assert [w.message for w in check_case(case, today=TODAY) if w.path == ("top_up_funding",)] == [
        "the pupil has an EHC plan but no top_up_funding is recorded: provision maps say "
        "nothing of high-needs top-up (element 3); confirm it with the council's high-needs "
        "team and give top_up_funding (amount a year, agreed_on, agreed_by)"
    ]


def test_resources_have_their_own_column_so_a_share_never_tops_the_costs_shown(
    tmp_path: Path,
) -> None:
    """Niamh's exam access practice, one-to-one, to the school leaving date (25 June 2027:
    171 school days = 34.2 weeks): 15 min x 34.2 = 8.55 h x £24 = £205.20 staff, £120.00
    resources, share £205.20 + £120.00 = £325.20 (printed beside a staff cost of £205.20,
    it read as more than the group cost). Every row: share = staff cost ÷ group size,
    rounded, + resources, and never above staff cost + resources."""
    m = _map("niamh-oconnor", "elena-ap-gwilym")
    out = write_school_map(m, tmp_path / "map.docx", date=DATE)
    rows = [r for t in _tables(out) if t[0][0] == "Intervention" for r in t[1:]]
    header = next(t for t in _tables(out) if t[0][0] == "Intervention")[0]
    assert header[5:8] == ["Staff cost of a group", "Resources per pupil", "Share per pupil"]
    exam = next(r for r in rows if r[0] == "Exam access arrangements practice")
    assert exam[3] == "Individual arrangement"
    # the resources say what they are, under the amount (s19)
    assert exam[5:] == [
        "£205.20",
        "£120.00\nLaptop for exams and mocks (spell-check off)",
        "£325.20",
        "1, one per pupil",
        "£325.20",
    ]

    def pounds(text: str) -> Decimal:
        # the amount's first line: what the resources buy is printed under it
        return Decimal(text.split("\n")[0].removeprefix("£").replace(",", ""))

    for row in rows:
        if row[0] == "Total":
            continue
        staff, resources, share = (pounds(c) for c in row[5:8])
        size = 1 if row[3] != "Group of 3" and row[3] != "Group of 4" else int(row[3][-1])
        assert share <= staff + resources
        assert abs(share - (staff / size + resources)) <= Decimal("0.01")


@pytest.mark.libreoffice
def test_no_word_breaks_inside_a_cell_in_any_schools_map(tmp_path: Path) -> None:
    """Every school's map (each fixture school and the roster school): every word of
    four letters or more in a table cell is whole in the PDF's text ("Individual
    arrangemen/t" in a 2.1 cm Group column was the finding). A break after a hyphen
    is allowed; the parts are checked."""
    from pypdf import PdfReader

    from sendocs.render.libreoffice import LibreOfficeConverter
    from sendocs.school_map import build_school_maps, read_school_cases

    loaded, _ = read_school_cases([CASES], today=TODAY)
    sources = []
    for index, m in enumerate(build_school_maps(loaded, on=DATE)):
        sources.append(write_school_map(m, tmp_path / f"map{index}.docx", date=DATE))
    roster = Path(__file__).resolve().parents[2] / "fixtures" / "roster" / "roster.csv"
    roster_cases, _ = read_school_cases([roster], today=TODAY)
    sources.append(
        write_school_map(
            build_school_map(roster_cases, on=DATE), tmp_path / "roster.docx", date=DATE
        )
    )
    with LibreOfficeConverter(mode="batch", workers=1) as converter:
        pdfs = converter.convert(sources, tmp_path)
    assert len(pdfs) == len(sources) >= 9
    for source, pdf in zip(sources, pdfs, strict=True):
        printed = set(WORD.findall("\n".join(p.extract_text() for p in PdfReader(pdf).pages)))
        words = {
            part
            for table in _tables(source)
            for row in table
            for cell in row
            for token in cell.split()
            for part in WORD.findall(token)
        }
        assert words - printed == set(), source.name


def test_workbook_amount_above_is_rounded_to_the_penny(tmp_path: Path) -> None:
    book = write_school_map(_map("ella-owusu"), tmp_path / "map.xlsx", date=DATE)
    sheet = openpyxl.load_workbook(book)["Pupils"]
    header = [c.value for c in sheet[1]]
    column = header.index("Amount above the threshold")
    formula = sheet.cell(row=2, column=column + 1).value
    assert formula.startswith("=ROUND(MAX(0,F2-") and formula.endswith(",2)")


def test_a_schedule_in_place_of_sessions_is_costed_as_the_adults_time(tmp_path: Path) -> None:
    """The whole-school map's row for Niamh's exam access (a schedule, not sessions) gives
    the time its cost stands for, not "1 session × 15 min" (#10 s18 FX4 item 12)."""
    path = write_school_map(_map("niamh-oconnor"), tmp_path / "m.docx")
    cells = [c for t in _tables(path) for r in t for c in r]
    assert any("Costed as 15 minutes a week of the exams officer\u2019s time" in c for c in cells)
    assert any("2 sessions × 50 min a week" in c for c in cells)  # the literacy group

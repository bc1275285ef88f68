"""The costed provision map: rendered from every fixture and read back."""

from __future__ import annotations

import pytest
from docx.oxml.ns import qn
from docx.table import Table

from sendocs.documents.provision_map import PROVISION_MAP
from sendocs.models import Case

from .helpers import CASES, all_text, assert_clean, load, open_docx, render_kind

FIXTURES = sorted(p.stem for p in CASES.glob("*.yaml"))


@pytest.fixture(scope="module")
def kai() -> bytes:
    return render_kind(load("kai-thompson"), PROVISION_MAP)


def rows(table: Table) -> list[list[str]]:
    """Cell texts per row, merged cells once (python-docx repeats them)."""
    out = []
    for row in table.rows:
        cells: list[str] = []
        for tc in row._tr.iter(qn("w:tc")):
            cells.append(
                "\n".join(
                    "".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.iter(qn("w:p"))
                )
            )
        out.append(cells)
    return out


def test_landscape_a4(kai: bytes) -> None:
    section = open_docx(kai).sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert round(section.page_width.cm, 1) == 29.7 and round(section.page_height.cm, 1) == 21.0


def test_title_and_plan_period(kai: bytes) -> None:
    text = assert_clean(kai)
    assert text.startswith("Provision map\nKai Thompson · Westbury Academy")
    assert "7 September 2026 to 14 December 2026 (review)" in text


def test_rows_grouped_by_area_with_subtotals_and_total(kai: bytes) -> None:
    table = open_docx(kai).tables[1]
    got = rows(table)
    assert got[0] == [
        "Intervention",
        "Who",
        "Group",
        "How often",
        "Weekly time",
        "Hours a year",
        "Staff cost per hour",
        "Resources a year",
        "Cost per pupil a year",
    ]
    assert got[1] == ["Communication and interaction"]
    assert got[2] == [
        "Adult support in practical lessons",
        "Teaching assistant (Miss Green)",
        "One-to-one",
        "4 sessions of 60 minutes a week",
        "4 hours",
        "152",
        "£19.20",
        "£0.00",
        "£2,918.40",
    ]
    assert got[3][-1] == "£729.60" and got[3][2] == "Group of 5"
    assert got[4] == ["Subtotal: communication and interaction", "9 hours", "", "£3,648.00"]
    assert got[5] == ["Social, emotional and mental health"]
    assert got[6][4:6] == ["1 hour 40 minutes", "63.3"]
    assert got[8][0] == (
        "Reduced timetable with planned increase\n"
        "Agreed with parent and CAMHS; reviewed every two weeks."
    )
    assert got[8][7:] == ["£150.00", "£758.00"]
    assert got[9] == [
        "Subtotal: social, emotional and mental health",
        "2 hours 55 minutes",
        "",
        "£2,583.90",
    ]
    assert got[10] == ["Total for KJ", "11 hours 55 minutes", "", "£6,231.90"]
    assert len(got) == 11


def test_totals_box_highlights_going_over_the_budget_line(kai: bytes) -> None:
    table = open_docx(kai).tables[2]
    got = rows(table)
    assert got[:3] == [
        ["Total weekly time", "11 hours 55 minutes"],
        ["Total cost a year", "£6,231.90"],
        ["Notional SEN budget (element 2)", "£6,000.00 per pupil a year"],
    ]
    assert got[3] == [
        "Over the budget line by",
        "£231.90\nThe provision costs £6,231.90 a year, £231.90 more than the £6,000.00 a "
        "school is expected to meet from its notional SEN budget (element 2). The school may "
        "ask the local authority for top-up funding (element 3).",
    ]
    value_cell = table.rows[3]._tr.findall(qn("w:tc"))[1]
    assert value_cell.find(qn("w:tcPr")).find(qn("w:shd")).get(qn("w:fill")) == "FCE3B0"
    assert len(got) == 4


def test_under_budget_is_not_highlighted() -> None:
    data = render_kind(load("amara-okafor"), PROVISION_MAP)
    table = open_docx(data).tables[2]
    got = rows(table)
    assert got[3] == [
        "Against the budget line",
        "The provision costs £1,036.75 a year, £4,963.25 less than the £6,000.00 a school is "
        "expected to meet from its notional SEN budget (element 2).",
    ]
    assert "FCE3B0" not in table._tbl.xml
    assert "Over the budget line" not in all_text(data)


def test_footnote_states_weeks_and_formula(kai: bytes) -> None:
    text = all_text(kai)
    assert "a school year is taken as 38 weeks" in text
    assert (
        "staff cost per hour × hours a year × number of adults ÷ group size, plus resources" in text
    )
    assert "SEND Code of Practice 6.76–6.77" in text


def test_outcome_data_table_only_when_there_is_data(kai: bytes) -> None:
    assert "Entry and exit data" not in all_text(kai)
    case = load("kai-thompson")
    cycle = case.cycles[-1]
    first = cycle.provision[0].model_copy(
        update={
            "entry_data": "Attendance 76%",
            "exit_data": "Attendance 84%",
            "impact": "Calmer starts & fewer late marks.",
            "evidence_base": "Check-in/check-out",
        }
    )
    cycle = cycle.model_copy(update={"provision": [first, *cycle.provision[1:]]})
    case = case.model_copy(update={"cycles": [*case.cycles[:-1], cycle]})
    data = render_kind(case, PROVISION_MAP)
    text = assert_clean(data)
    assert "Entry and exit data, and impact" in text
    got = rows(open_docx(data).tables[3])
    assert got[0] == ["Intervention", "Entry data", "Exit data", "Impact"]
    flat = ["|".join(r) for r in got]
    assert (
        "Key adult check-in and check-out\nEvidence base: Check-in/check-out|Attendance 76%|"
        "Attendance 84%|Calmer starts & fewer late marks." in flat
    )
    assert "Adult support in practical lessons|Not recorded|Not recorded|Not yet reviewed" in flat


def test_no_provision_says_so() -> None:
    data = load("niamh-oconnor").model_dump()
    data["cycles"][-1]["provision"] = []
    text = assert_clean(render_kind(Case.model_validate(data), PROVISION_MAP))
    assert "No provision is recorded for this plan yet." in text
    assert "Total cost a year\n£0.00" in text


@pytest.mark.parametrize("name", FIXTURES)
def test_every_fixture_renders_cleanly(name: str) -> None:
    text = assert_clean(render_kind(load(name), PROVISION_MAP))
    assert "Notional SEN budget (element 2)" in text

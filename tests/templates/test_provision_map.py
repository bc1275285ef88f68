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
        "Serves outcome",
        "Weeks it runs",
        "Hours",
        "Staff cost per hour",
        "Pupil\u2019s share",
    ]
    assert got[1] == ["Communication and interaction"]
    # Starts 7 Sep 2026 with no end: runs to the end of the school year, capped at 38 weeks.
    # 4 x 60 min = 4 h a week x 38 = 152 h x £19.20 = £2,918.40.
    assert got[2][:4] == [
        "Adult support in practical lessons",
        "Teaching assistant (Miss Green)",
        "One-to-one",
        "4 sessions of 60 minutes a week",
    ]
    assert got[2][5].startswith("38 term-time weeks, 7 September 2026 to the end of the school")
    assert got[2][6:] == ["152", "£19.20", "£2,918.40"]
    # Group of 5: 10 x 30 min = 5 h a week x 38 = 190 h x £19.20 = £3,648.00 a group; ÷ 5 = £729.60.
    assert got[3][2] == "Group of 5"
    assert got[3][-1] == "£729.60\n£3,648.00 for the group ÷ 5"
    assert got[4] == ["Subtotal: communication and interaction", "£3,648.00"]
    assert got[5] == ["Social, emotional and mental health"]
    assert got[6][6] == "63.3"  # 10 x 10 min x 38 weeks = 63.33 h
    assert got[8][0] == (
        "Reduced timetable with planned increase\n"
        "Agreed with parent and CAMHS; reviewed every two weeks."
    )
    # 30 min x 38 = 19 h x £32 = £608.00 + £150 resources = £758.00.
    assert got[8][-1] == "£758.00\nincl. £150.00 resources"
    assert got[9] == ["Subtotal: social, emotional and mental health", "£2,583.90"]
    assert got[10] == ["Total for KJ (11 hours 55 minutes a week)", "£6,231.90"]
    assert len(got) == 11


def test_totals_box_words_the_threshold_as_the_code_does(kai: bytes) -> None:
    table = open_docx(kai).tables[2]
    got = rows(table)
    assert got[:2] == [
        ["Total weekly time", "11 hours 55 minutes"],
        ["Total cost of this plan", "£6,231.90"],
    ]
    assert got[2][0] == "Above the threshold by"
    assert got[2][1].startswith("£231.90\nThe provision in this map costs £6,231.90")
    assert "not an amount set aside for each pupil" in got[2][1]
    assert "not a condition for asking for an EHC needs assessment" in got[2][1]
    assert "per pupil budget" not in all_text(kai) and "a pupil a year" not in all_text(kai)
    value_cell = table.rows[2]._tr.findall(qn("w:tc"))[1]
    assert value_cell.find(qn("w:tcPr")).find(qn("w:shd")).get(qn("w:fill")) == "FCE3B0"
    assert len(got) == 3


def test_under_budget_is_not_highlighted() -> None:
    data = render_kind(load("amara-okafor"), PROVISION_MAP)
    table = open_docx(data).tables[2]
    got = rows(table)
    assert got[2][0] == "Notional SEN budget threshold"
    assert "FCE3B0" not in table._tbl.xml
    assert "Above the threshold" not in all_text(data)


def test_footnote_states_weeks_rounding_and_formula(kai: bytes) -> None:
    text = all_text(kai)
    assert "costed over the weeks it runs" in text
    assert "a whole school year of 38 weeks when it runs all year" in text
    assert "rounded to the nearest penny (halves rounded up) on its own line" in text
    assert "totals are the sums of the lines as printed" in text
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
    assert "Total cost of this plan\n£0.00" in text


@pytest.mark.parametrize("name", FIXTURES)
def test_every_fixture_renders_cleanly(name: str) -> None:
    text = assert_clean(render_kind(load(name), PROVISION_MAP))
    assert "notional SEN budget (element 2)" in text
    assert "per pupil budget" not in text

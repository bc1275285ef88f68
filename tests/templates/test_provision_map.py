"""The costed provision map: rendered from every fixture and read back."""

from __future__ import annotations

import datetime as dt

import pytest
from docx.oxml.ns import qn
from docx.table import Table

from sendocs.documents.base import RenderOptions
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


HEADER = [
    "Intervention",
    "Who",
    "Group",
    "How often",
    "Serves outcome",
    "Dates costed",
    "Hours",
    "Staff cost per hour",
    "School\u2019s spend on the group",
    "Pupil\u2019s share",
]


def test_rows_costed_over_the_plan_with_dates_and_both_figures(kai: bytes) -> None:
    """Kai's plan runs 7 September to 14 December 2026 (review): 14 term-time weeks
    (half term 26-30 October is not counted; the week of the review counts)."""
    got = rows(open_docx(kai).tables[1])
    assert got[0] == HEADER
    assert got[1] == ["Communication and interaction"]
    # 4 x 60 min = 4 h a week x 14 weeks = 56 h x £19.20 = £1,075.20; one-to-one.
    assert got[2][:4] == [
        "Adult support in practical lessons",
        "Teaching assistant (Miss Green)",
        "One-to-one",
        "4 sessions of 60 minutes a week",
    ]
    assert got[2][5] == (
        "7 September 2026 to 14 December 2026\n14 term-time weeks\nContinues after the review"
    )
    assert got[2][6:] == ["56", "£19.20", "£1,075.20\none-to-one, staff only", "£1,075.20"]
    # Group of 5: 10 x 30 min = 5 h a week x 14 = 70 h x £19.20 = £1,344.00 a group; ÷ 5.
    assert got[3][2] == "Group of 5"
    assert got[3][-2:] == ["£1,344.00\none group of 5", "£268.80\ngroup ÷ 5"]
    assert got[4] == ["Subtotal: communication and interaction (pupil\u2019s share)", "£1,344.00"]
    assert got[5] == ["Social, emotional and mental health"]
    # 10 x 10 min x 14 weeks = 23.33 h x £19.20 = £448.00
    assert got[6][6] == "23.3" and got[6][-1] == "£448.00"
    # ELSA: 45 min x 14 = 10.5 h x £21.40 = £224.70
    assert got[7][-1] == "£224.70"
    assert got[8][0] == (
        "Reduced timetable with planned increase\n"
        "Agreed with parent and CAMHS; reviewed every two weeks."
    )
    # 30 min x 14 = 7 h x £32 = £224.00 + £150 resources = £374.00.
    assert got[8][-1] == "£374.00\nincl. £150.00 resources"
    assert got[9] == [
        "Subtotal: social, emotional and mental health (pupil\u2019s share)",
        "£1,046.70",
    ]
    assert got[10] == [
        "Total for KJ, 7 September 2026 to 14 December 2026 (11 hours 55 minutes a week)",
        "£2,390.70",
    ]
    assert len(got) == 11


def test_totals_name_the_period_and_set_the_school_year_against_the_threshold(
    kai: bytes,
) -> None:
    """Over the school year (to 20 July 2027, capped at 38 weeks) the same provision is
    £6,231.90: 152 h x £19.20 = £2,918.40; 190 h x £19.20 ÷ 5 = £729.60; 63.33 h x
    £19.20 = £1,216.00; 28.5 h x £21.40 = £609.90; 19 h x £32 + £150 = £758.00."""
    table = open_docx(kai).tables[2]
    got = rows(table)
    assert got[:3] == [
        ["Total weekly time", "11 hours 55 minutes"],
        ["Cost of this plan, 7 September 2026 to 14 December 2026", "£2,390.70"],
        [
            "Cost over the school year 2026/27, 3 September 2026 to 20 July 2027, if the "
            "provision continues as planned",
            "£6,231.90",
        ],
    ]
    assert got[3][0] == "Above the £6,000 a year threshold by"
    assert got[3][1].startswith(
        "£231.90\nThe provision in this map costs £2,390.70 for this plan, 7 September 2026 "
        "to 14 December 2026. Over the school year 2026/27, 3 September 2026 to 20 July 2027, "
        "if it continues as planned, it comes to £6,231.90: this is the figure to set against "
        "the threshold."
    )
    assert "not an amount set aside for each pupil" in got[3][1]
    assert "not a condition for asking for an EHC needs assessment" in got[3][1]
    assert "£231.90 above the threshold" in got[3][1]
    assert "per pupil budget" not in all_text(kai) and "a pupil a year" not in all_text(kai)
    value_cell = table.rows[3]._tr.findall(qn("w:tc"))[1]
    assert value_cell.find(qn("w:tcPr")).find(qn("w:shd")).get(qn("w:fill")) == "FCE3B0"
    assert len(got) == 4


def test_under_budget_is_not_highlighted() -> None:
    data = render_kind(load("amara-okafor"), PROVISION_MAP)
    table = open_docx(data).tables[2]
    got = rows(table)
    assert got[3][0] == "Notional SEN budget threshold"
    assert "FCE3B0" not in table._tbl.xml
    assert "Above the" not in all_text(data)


def test_twelve_week_line_prints_its_dates() -> None:
    """Elena's touch-typing: 12 weeks from 14 September 2026 end in the week of 7 December
    (half term not counted); inside the plan (to 7 December) all 12 weeks are costed:
    30 min x 12 = 6 h x £24 = £144.00 a group of 4, £36.00 her share. Literacy: 13 weeks
    to the review x 100 min = 21.67 h x £38 = £823.33 a group, ÷ 3 = £274.44."""
    got = rows(open_docx(render_kind(load("elena-ap-gwilym"), PROVISION_MAP)).tables[1])
    typing = next(r for r in got if r[0].startswith("Touch-typing programme"))
    assert typing[5] == (
        "14 September 2026 to 7 December 2026\n12 term-time weeks\n"
        "Continues after the review, to 11 December 2026"
    )
    assert typing[6:] == ["6", "£24.00", "£144.00\none group of 4", "£36.00\ngroup ÷ 4"]
    literacy = next(r for r in got if r[0].startswith("Small-group literacy"))
    assert literacy[-2:] == ["£823.33\none group of 3", "£274.44\ngroup ÷ 3"]
    assert got[-1][-1] == "£310.44"


def test_year_11_is_costed_to_the_school_leaving_date() -> None:
    """Niamh (born 2 November 2010, Year 11) reaches the school leaving date on Friday
    25 June 2027: her exam-practice line (15 min a week from 7 September 2026, no end)
    is costed in the school year for 35 term-time weeks, not to 20 July: 8.75 h x £24 =
    £210.00 + £120 resources = £330.00; with literacy (14 weeks to 18 December, 23.33 h
    x £38 ÷ 3 = £295.56) the school-year figure is £625.56."""
    case = load("niamh-oconnor")
    data = render_kind(case, PROVISION_MAP)
    got = rows(open_docx(data).tables[2])
    assert got[2] == [
        "Cost over the school year 2026/27, 3 September 2026 to 25 June 2027, if the "
        "provision continues as planned",
        "£625.56",
    ]
    text = all_text(data)
    assert "nothing is costed after 25 June 2027, the school leaving date" in text
    warnings = PROVISION_MAP.warnings(case, RenderOptions()) if PROVISION_MAP.warnings else []
    assert len(warnings) == 1 and "child.leaving_date" in warnings[0]
    left = case.model_copy(
        update={"child": case.child.model_copy(update={"leaving_date": dt.date(2027, 5, 21)})}
    )
    assert PROVISION_MAP.warnings(left, RenderOptions()) == []  # type: ignore[misc]
    got = rows(open_docx(render_kind(left, PROVISION_MAP)).tables[2])
    # to 21 May 2027: 31 term-time weeks x 15 min = 7.75 h x £24 = £186.00 + £120 = £306.00
    assert got[2] == [
        "Cost over the school year 2026/27, 3 September 2026 to 21 May 2027, if the "
        "provision continues as planned",
        "£601.56",
    ]


def test_no_staff_cost_reads_as_no_additional_cost() -> None:
    got = rows(open_docx(render_kind(load("amara-okafor"), PROVISION_MAP)).tables[1])
    visual = next(r for r in got if r[0].startswith("Visual timetable"))
    assert visual[7] == "No additional staff cost"
    assert "£0.00" not in visual[7]


def test_footnote_states_weeks_rounding_and_formula(kai: bytes) -> None:
    text = all_text(kai)
    assert "costed over the term-time weeks it runs within this plan" in text
    assert "(7 September 2026 to 14 December 2026)" in text
    assert "up to 38 weeks" in text
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
    assert "Cost of this plan, 7 September 2026 to 7 December 2026\n£0.00" in text


@pytest.mark.parametrize("name", FIXTURES)
def test_every_fixture_renders_cleanly(name: str) -> None:
    text = assert_clean(render_kind(load(name), PROVISION_MAP))
    assert "notional SEN budget (element 2)" in text
    assert "per pupil budget" not in text

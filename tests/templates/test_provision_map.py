"""The costed provision map: rendered from every fixture and read back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

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
    assert text.startswith("Provision map\nKai (KJ) Thompson · Westbury Academy")
    assert "7 September 2026 to 14 December 2026 (review)" in text


HEADER = [
    "Intervention",
    "Who",
    "Group",
    "How often",
    "Dates costed",
    "Hours",
    "Staff cost per hour",
    "Staff cost",
    "Resources",
    "Pupil\u2019s share",
]


def test_rows_costed_over_the_plan_with_dates_and_both_figures(kai: bytes) -> None:
    """Kai's plan runs 7 September to 14 December 2026 (review): 66 school days (35 to
    23 October, half term 26-30 October not counted, 30 to 11 December, and Monday 14
    December) / 5 = 13.2 term-time weeks: the review's week counts for its one day."""
    got = rows(open_docx(kai).tables[1])
    assert got[0] == HEADER
    assert got[1] == ["Communication and interaction"]
    # 4 x 60 min = 240 min a week x 13.2 = 3,168 min = 52 h 48 min x £19.20 = £1,013.76.
    assert got[2][:4] == [
        "Adult support in practical lessons\nServes outcome 2",
        "Teaching assistant (Miss Green)",
        "One-to-one",
        "4 sessions of 60 minutes a week",
    ]
    assert (
        got[2][4] == "7 Sept 2026 to 14 Dec 2026\n13.2 term-time weeks\nContinues after the review"
    )
    assert got[2][5:] == [
        "52 hours 48 minutes",
        "£19.20",
        "£1,013.76\none-to-one",
        "£0.00",
        "£1,013.76",
    ]
    # Quiet base at morning break (KJ attends mornings only), group of 5: 5 x 30 min =
    # 150 min a week x 13.2 = 1,980 min = 33 h x £19.20 = £633.60 a group; ÷ 5 = £126.72.
    assert got[3][0] == "Quiet base at morning break\nServes outcome 3"
    assert got[3][2:4] == ["Group of 5", "5 sessions of 30 minutes a week"]
    assert got[3][-3:] == ["£633.60\none group of 5", "£0.00", "£126.72\n£633.60 ÷ 5"]
    # lunchtime starts with full days (12 February 2027), after this plan's review: no
    # weeks in this plan, so nothing costed here
    assert got[4][0].startswith("Quiet base at lunchtime")
    assert got[4][4] == "Not in this plan period\n0 weeks\nStarts 12 February 2027"
    assert got[4][-1] == "£0.00"
    # 1,013.76 + 126.72 + 0.00 = 1,140.48
    assert got[5] == ["Subtotal: communication and interaction (pupil\u2019s share)", "£1,140.48"]
    assert got[6] == ["Social, emotional and mental health"]
    # 10 x 10 min x 13.2 weeks = 1,320 min = 22 h x £19.20 = £422.40 (hours x rate = cost)
    assert got[7][5] == "22 hours" and got[7][-1] == "£422.40"
    # ELSA: 45 min x 13.2 = 594 min = 9 h 54 min x £21.40 = £211.86
    assert got[8][5] == "9 hours 54 minutes" and got[8][-1] == "£211.86"
    assert got[9][0] == (
        "Reduced timetable with planned increase\n"
        "A part-time timetable agreed with KJ’s mother and CAMHS (child and adolescent mental "
        "health services), reviewed with KJ by the "
        "Head of Year for 30 minutes each week.\nServes outcome 1"
    )
    # 30 min x 13.2 = 6 h 36 min x £32 = £211.20 staff + £150 resources = £361.20: the
    # resources have their own column, so the share is never above the costs shown
    assert got[9][-3:] == [
        "£211.20\none-to-one",
        "£150.00\nPrinted work packs for the afternoons he learns at home",  # what it buys (s19)
        "£361.20\n£211.20 + £150.00",
    ]
    assert got[10] == [
        "Subtotal: social, emotional and mental health (pupil\u2019s share)",
        "£995.46",
    ]
    # 1,140.48 + 995.46 = 2,135.94; a week in this plan: 240 + 150 + 100 + 45 + 30 = 565
    # min = 9 h 25 min (the lunchtime line adds no time before it starts)
    assert got[11] == [
        "Total for KJ, 7 September 2026 to 14 December 2026 (9 hours 25 minutes a week)",
        "£2,135.94",
    ]
    assert len(got) == 12


def test_totals_name_the_period_and_set_the_school_year_against_the_threshold(
    kai: bytes,
) -> None:
    """Over the school year (7 September 2026, his start, to 20 July 2027: 188 school
    days / 5 = 37.6 weeks, no cap) the same provision is £5,691.72: 150.4 h x £19.20 =
    £2,887.68; quiet base at morning break 150 min x 37.6 = 94 h x £19.20 = £1,804.80
    ÷ 5 = £360.96; quiet base at lunch from 12 February 2027 (full days) to 20 July
    2027: 25 school days in spring (Friday 12 February, half term 15-19 February, 22
    February to 25 March) + 65 in summer (12 April to 28 May less the 3 May bank
    holiday: 34; 8 June to 20 July, 7 June closed: 31) = 90 / 5 = 18 weeks x 150 min =
    45 h x £19.20 = £864.00 ÷ 5 = £172.80; 62 h 40 min x £19.20 = £1,203.20; 28.2 h x
    £21.40 = £603.48; the reduced timetable until full days start (7 September 2026 to 11
    February 2027: 98 school days / 5 = 19.6 weeks) 9.8 h x £32 + £150 = £463.60. Below
    £6,000 by £308.28."""
    table = open_docx(kai).tables[2]
    got = rows(table)
    assert got[:3] == [
        ["Total weekly time", "9 hours 25 minutes"],
        ["Cost of this plan, 7 September 2026 to 14 December 2026", "£2,135.94"],
        [
            "Cost over the school year 2026/27, 3 September 2026 to 20 July 2027, if the "
            "provision continues as planned",
            "£5,691.72",
        ],
    ]
    assert got[3][0] == "Notional SEN budget threshold"
    assert got[3][1].startswith(
        "The provision in this map costs £2,135.94 for this plan, 7 September 2026 to 14 "
        "December 2026. Over the school year 2026/27, 3 September 2026 to 20 July 2027, if "
        "it continues as planned, it comes to £5,691.72: this is the figure to set against "
        "the threshold."
    )
    assert got[3][1].endswith("That figure is £308.28 below the threshold.")
    assert "FCE3B0" not in table._tbl.xml
    assert "Above the" not in all_text(kai)
    assert len(got) == 4


def test_above_the_threshold_is_highlighted_and_framed() -> None:
    """KJ on full days from his start (the quiet base at break and lunch, 10 sessions of
    30 minutes a week from 7 September 2026): plan 300 min x 13.2 = 66 h x £19.20 =
    £1,267.20 ÷ 5 = £253.44, total £1,013.76 + 253.44 + 995.46 = £2,262.66; school year
    188 h x £19.20 ÷ 5 = £721.92, total 2,887.68 + 721.92 + 1,203.20 + 603.48 + 751.60
    = £6,167.88, above £6,000 by £167.88."""
    case = load("kai-thompson").model_copy(deep=True)
    cycle = case.current_cycle
    reduced = next(p for p in cycle.provision if p.intervention.startswith("Reduced timetable"))
    # KJ on full days from his start: the reduced timetable's weekly review runs all year
    cycle.provision[cycle.provision.index(reduced)] = reduced.model_copy(update={"end": None})
    morning = next(p for p in cycle.provision if p.intervention == "Quiet base at morning break")
    full_days = morning.model_copy(
        update={"intervention": "Quiet base at break and lunch", "sessions_per_week": 10}
    )
    cycle.provision[:] = [
        full_days if p is morning else p
        for p in cycle.provision
        if not p.intervention.startswith("Quiet base at lunch")
    ]
    data = render_kind(case, PROVISION_MAP)
    table = open_docx(data).tables[2]
    got = rows(table)
    assert got[:3] == [
        ["Total weekly time", "11 hours 55 minutes"],
        ["Cost of this plan, 7 September 2026 to 14 December 2026", "£2,262.66"],
        [
            "Cost over the school year 2026/27, 3 September 2026 to 20 July 2027, if the "
            "provision continues as planned",
            "£6,167.88",
        ],
    ]
    assert got[3][0] == "Above the £6,000 a year threshold by"
    assert got[3][1].startswith(
        "£167.88\nThe provision in this map costs £2,262.66 for this plan, 7 September 2026 "
        "to 14 December 2026. Over the school year 2026/27, 3 September 2026 to 20 July 2027, "
        "if it continues as planned, it comes to £6,167.88: this is the figure to set against "
        "the threshold."
    )
    assert "not an amount set aside for each pupil" in got[3][1]
    assert "not a condition for asking for an EHC needs assessment" in got[3][1]
    assert "£167.88 above the threshold" in got[3][1]
    assert "the school may ask the local authority" in got[3][1]  # no EHC plan
    assert "per pupil budget" not in all_text(data) and "a pupil a year" not in all_text(data)
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
    """Elena's touch-typing started a week into term: 12 weeks from 14 September 2026
    end on 11 December (half term not counted); inside the plan (to Monday 7 December)
    56 school days are costed, 11.2 weeks: 30 min x 11.2 = 5 h 36 min x £24 = £134.40 a
    group of 4, £33.60 her share. Literacy: 7 September to 7 December, 61 school days =
    12.2 weeks x 100 min = 20 h 20 min x £38 = £772.67 a group, ÷ 3 = 257.555... =
    £257.56. Exam access: 15 min x 12.2 weeks = £73.20; in all £364.36. (The fixture's
    course now starts on 7 September and ends on 4 December, the day its outcome is
    due: 12 weeks, 6 hours, £144.00 a group, £36.00 her share, £366.76 in all.)"""
    fixture = rows(open_docx(render_kind(load("elena-ap-gwilym"), PROVISION_MAP)).tables[1])
    typing = next(r for r in fixture if r[0].startswith("Touch-typing programme"))
    assert typing[4] == "7 Sept 2026 to 4 Dec 2026\n12 term-time weeks"
    assert typing[-1] == "£36.00\n£144.00 ÷ 4"
    assert fixture[-1][-1] == "£366.76"
    data = load("elena-ap-gwilym").model_dump()
    data["cycles"][-1]["provision"][1]["start"] = dt.date(2026, 9, 14)
    got = rows(open_docx(render_kind(Case.model_validate(data), PROVISION_MAP)).tables[1])
    typing = next(r for r in got if r[0].startswith("Touch-typing programme"))
    assert typing[4] == (
        "14 Sept 2026 to 7 Dec 2026\n11.2 term-time weeks\n"
        "Continues after the review, to 11 December 2026"
    )
    assert typing[5:] == [
        "5 hours 36 minutes",
        "£24.00",
        "£134.40\none group of 4",
        "£0.00",
        "£33.60\n£134.40 ÷ 4",
    ]
    literacy = next(r for r in got if r[0].startswith("Key words and reading group"))
    assert literacy[5] == "20 hours 20 minutes"
    assert literacy[-3:] == ["£772.67\none group of 3", "£0.00", "£257.56\n£772.67 ÷ 3"]
    # her exam access arrangements: 15 min x 12.2 weeks = 3 h 3 min x £24 = £73.20
    exams = next(r for r in got if r[0].startswith("Exam access arrangements"))
    assert exams[-1] == "£73.20"
    assert got[-1][-1] == "£364.36"


def test_year_11_is_costed_to_the_school_leaving_date() -> None:
    """Niamh (born 2 November 2010, Year 11) reaches the school leaving date on Friday
    25 June 2027: her exam-practice line (15 min a week from 7 September 2026, no end)
    is costed in the school year for 171 school days = 34.2 weeks, not to 20 July:
    513 min = 8.55 h x £24 = £205.20 + £120 resources = £325.20; with literacy (14 weeks
    to 18 December, 23 h 20 min x £38 ÷ 3 = £295.56) the school-year figure is £620.76."""
    case = load("niamh-oconnor")
    data = render_kind(case, PROVISION_MAP)
    got = rows(open_docx(data).tables[2])
    assert got[2] == [
        "Cost over the school year 2026/27, 3 September 2026 to 25 June 2027, if the "
        "provision continues as planned",
        "£620.76",
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
    # to 21 May 2027: 152 school days = 30.4 weeks x 15 min = 456 min = 7.6 h x £24 =
    # £182.40 + £120 = £302.40; + £295.56 = £597.96
    assert got[2] == [
        "Cost over the school year 2026/27, 3 September 2026 to 21 May 2027, if the "
        "provision continues as planned",
        "£597.96",
    ]


def test_no_staff_cost_reads_as_no_additional_cost() -> None:
    """Amara's visual timetable: the class teacher, in lessons, £25 of resources. Never
    "One-to-one", no staff cost, and no extra time: Amara's week is 3 x 20 + 3 x 20 +
    2 x 30 = 180 min = 3 hours (the 50 minutes in lessons are not added)."""
    data = render_kind(load("amara-okafor"), PROVISION_MAP)
    got = rows(open_docx(data).tables[1])
    visual = next(r for r in got if r[0].startswith("Visual timetable"))
    assert visual[2] == "In class"
    assert visual[5] == "In lessons: no extra time"
    assert visual[6] == "No staff cost to the school"
    assert visual[7:] == ["£0.00", "£25.00\nPrinted symbol cards and a timetable strip", "£25.00"]
    assert got[-1][0].endswith("(3 hours a week)")


def test_footnote_states_weeks_rounding_and_formula(kai: bytes) -> None:
    text = all_text(kai)
    assert "costed over the term-time weeks it runs within this plan" in text
    assert "(7 September 2026 to 14 December 2026)" in text
    assert "school days in those dates ÷ 5 (190 days are 38 weeks" in text
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
    got = rows(open_docx(data).tables[4])
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
    case = load(name)
    text = assert_clean(render_kind(case, PROVISION_MAP))
    if case.school.setting_type.is_college:
        # the £6,000 framing is for schools (domain brief §2): a college's map gives costs
        assert "notional SEN budget" not in text and "£6,000" not in text
        assert "Student\n" in text and "College\n" in text and "SENCO" not in text
    else:
        assert "notional SEN budget (element 2)" in text
    assert "per pupil budget" not in text
    assert "Serves outcome" in text and "Outcomes the provision serves" in text
    # the costed table never labels a line with no adult of its own "one-to-one"
    for row in rows(open_docx(render_kind(case, PROVISION_MAP)).tables[1])[1:]:
        if len(row) == 10 and row[6].startswith("No staff cost"):
            assert "one-to-one" not in row[7]  # no adult of the school's: no "one-to-one" cost
            assert row[2] != "One-to-one" or "therapist" in row[1]  # a therapist's sessions are


def test_ehc_plan_pupil_map_names_the_plan_and_the_top_up_the_case_records() -> None:
    """Ella has an EHC plan: the map names it (reference, issue date) and links outcome 1
    to Section E outcome 1. Her case records the top-up the council agreed with the plan,
    printed as the plan's (s19 B2 item 1); funding follows the plan, so no "may ask"."""
    text = assert_clean(render_kind(load("ella-owusu"), PROVISION_MAP))
    assert "Ella has an EHC plan (reference NBC/EHCP/2026/077, issued 30 October 2026)" in text
    assert "outcome 1 serves Section E outcome 1" in text
    assert "Step towards Section E outcome 1 of the EHC plan" in text
    assert (
        "That figure is £867.20 above the threshold. Top-up funding (element 3) agreed under "
        "the EHC plan: £3,216.00 a year, agreed by the high-needs team at Northam Borough "
        "Council on 30 October 2026." in " ".join(text.split())
    )
    assert "may ask" not in text


def test_no_top_up_recorded_prints_nothing_of_top_up() -> None:
    """s19 B2 item 1: "not recorded — confirm with the council's high-needs team" was a
    to-do reaching the council. With no top_up_funding the map says nothing of top-up;
    the user is warned at load instead (check_case: validate and render)."""
    from sendocs.models import check_case

    case = load("sami-ahmed").model_copy(update={"top_up_funding": None})
    text = " ".join(assert_clean(render_kind(case, PROVISION_MAP)).split())
    assert "top-up" not in text.lower() and "not recorded" not in text
    assert "below the threshold." in text or "above the threshold." in text
    assert any(
        w.path == ("top_up_funding",) and "no top_up_funding is recorded" in w.message
        for w in check_case(case)
    )
    sami = " ".join(assert_clean(render_kind(load("sami-ahmed"), PROVISION_MAP)).split())
    assert (
        "Top-up funding (element 3) agreed under the EHC plan: £2,870.00 a year, agreed by "
        "the high-needs funding panel at Anyshire County Council on 2 October 2026." in sami
    )


def test_top_up_is_printed_from_the_case_record() -> None:
    """A pupil on SEN support with top-up agreed (no EHC plan): the council's agreement."""
    from decimal import Decimal

    from sendocs.models import SenProvision, TopUpFunding

    case = load("ella-owusu").model_copy(
        update={
            "sen_status": SenProvision.SEN_SUPPORT,
            "ehc_plan": None,
            "top_up_funding": TopUpFunding(amount=Decimal("850"), agreed_on=dt.date(2026, 11, 4)),
        }
    )
    text = " ".join(assert_clean(render_kind(case, PROVISION_MAP)).split())
    assert (
        "That figure is £867.20 above the threshold. Northam Borough Council agreed "
        "high-needs top-up funding (element 3) of £850.00 a year on 4 November 2026." in text
    )
    assert "the school may ask the local authority" not in text


def test_class_teaching_is_listed_apart_never_costed_nor_counted_as_time() -> None:
    """Ella's Makaton (5 x 10 min) is whole-class teaching at no cost (her visual
    phonics resources deliver Section F(2), so they are costed provision): listed apart,
    not "one-to-one", not in the hours or the weekly time. Her additional time is the
    TA's 2 x 5 x 60 min = 10 hours a week; 6 weeks
    (2 November to 11 December 2026, 30 school days) x 5 h = 30 h x £18.20 = £546.00 a
    line, £1,092.00 + £24.00 visual phonics resources (Section F(2), so costed, not class
    teaching) = £1,116.00 for the plan; the school year from 7 September 2026 (188 school
    days = 37.6 weeks) x 5 h = 188 h x £18.20 = £3,421.60 a line, £6,867.20, £867.20 above
    £6,000."""
    data = render_kind(load("ella-owusu"), PROVISION_MAP)
    doc = open_docx(data)
    costed = rows(doc.tables[1])
    assert [r[0].split("\n")[0] for r in costed if len(r) == 10][1:] == [
        "Teaching assistant support in literacy lessons",
        "Teaching assistant support in maths lessons",
        "Visual phonics resources in whole-class phonics",  # Section F(2): never class teaching
    ]
    assert costed[-1] == [
        "Total for Ella, 2 November 2026 to 11 December 2026 (10 hours a week)",
        "£1,116.00",
    ]
    apart = rows(doc.tables[2])
    assert apart[0] == [
        "What the class teacher does",
        "Area of need",
        "Who",
        "With",
        "How often",
        "Serves outcome",
    ]
    assert [r[0].split("\n")[0] for r in apart[1:]] == [
        "Makaton signing with spoken words in class",
    ]
    assert all(r[3] == "Whole class" for r in apart[1:])
    text = all_text(data)
    assert "Part of ordinary class teaching \u2014 not costed, not counted as extra time" in text
    totals = rows(doc.tables[3])
    assert totals[0] == ["Total weekly time", "10 hours"]
    assert totals[1][1] == "£1,116.00" and totals[2][1] == "£6,867.20"
    assert totals[3][1].startswith("£867.20\n")
    assert "one-to-one" not in " ".join(" ".join(r) for r in apart)


def test_planned_service_with_no_start_adds_no_time() -> None:
    """Sami's NHS speech and language therapy is planned, with no sessions set: no weeks,
    no time. His week: 5 x 60 + 3 x 30 = 390 min = 6 h 30 min (the visual timetable, his
    Section F(5) provision, is used in lessons: no extra time, £18.00 resources). Plan: 9
    weeks (5 October to 11 December 2026, 45 school days): 45 h x £18.50 = £832.50; 13 h
    30 min x £18.50 = £249.75 ÷ 4 = £62.44; + £18.00 = £912.94."""
    doc = open_docx(render_kind(load("sami-ahmed"), PROVISION_MAP))
    got = rows(doc.tables[1])
    nhs = next(r for r in got if r[0].startswith("Speech and language therapy"))
    assert nhs[4].startswith(
        "Not yet delivered: requested from Anyshire County Council’s SEND Statutory "
        "Assessment and Review Service on 14 September 2026; no sessions in this plan period."
    )
    assert nhs[6] == "No staff cost to the school" and nhs[-1] == "£0.00"
    assert got[-1] == [
        "Total for Sami, 5 October 2026 to 11 December 2026 (6 hours 30 minutes a week)",
        "£912.94",
    ]


def test_outcomes_table_prints_what_the_provision_serves() -> None:
    got = rows(open_docx(render_kind(load("ruby-clarke"), PROVISION_MAP)).tables[3])
    assert got[0] == ["No.", "Outcome", "Baseline", "Success criteria", "Target date"]
    assert got[1] == [
        "1",
        "Ruby will read 40 and spell 20 of the first 100 high-frequency words.",
        "Reads 24, spells 11.",
        "40 of the 100 read and 20 spelt in a check.",
        "4 December 2026",
    ]


def test_known_as_is_tied_to_the_legal_name() -> None:
    text = assert_clean(render_kind(load("ruby-clarke"), PROVISION_MAP))
    assert text.startswith("Provision map\nRebecca (Ruby) Clarke · Northbridge Primary School")
    assert "Total for Ruby," in text


def test_college_map_leaves_out_the_threshold_and_says_why_on_stderr() -> None:
    case = load("jordan-mills")
    text = assert_clean(render_kind(case, PROVISION_MAP))
    assert "Additional learning support manager\nMr Tom Bright" in text
    assert "Student\u2019s share" in text
    assert "What the costs cover" in text
    warnings = PROVISION_MAP.warnings(case, RenderOptions()) if PROVISION_MAP.warnings else []
    assert any("is a college" in w and "£6,000" in w for w in warnings)


def test_year_figure_says_when_nothing_is_planned_after() -> None:
    """Amara's staffed provision ends on 11 December 2026: the school-year figure is
    what is planned so far, labelled with its dates, not 'if it continues as planned'."""
    got = rows(open_docx(render_kind(load("amara-okafor"), PROVISION_MAP)).tables[2])
    assert got[2] == [
        "Provision planned so far in 2026/27 (14 September 2026 to 11 December 2026; no "
        "costed provision is planned after it yet)",
        "£344.50",
    ]
    assert "continues as planned" not in got[3][1]
    assert "(no costed provision is planned after it yet)" in got[3][1]


def _keeps(tr: object) -> bool:
    """Whether a table row's paragraphs keep with the next row."""
    found = [p.find(qn("w:pPr")) for p in tr.iter(qn("w:p"))]  # type: ignore[attr-defined]
    return bool(found) and all(
        ppr is not None
        and ppr.find(qn("w:keepNext")) is not None
        and ppr.find(qn("w:keepNext")).get(qn("w:val")) in (None, "1", "true")
        for ppr in found
    )


def test_an_areas_last_row_keeps_with_its_subtotal_and_only_the_last_subtotal_with_the_total(
    kai: bytes,
) -> None:
    """Kai: communication and interaction (3 lines), social, emotional and mental health
    (3 lines). A page never starts with a subtotal cut off from its rows, and no chain of
    kept rows pushes the table off a half-empty page."""
    table = next(t for t in open_docx(kai).tables if t.rows[0].cells[0].text == "Intervention")
    texts = [r[0].split("\n")[0] for r in rows(table)]
    keeps = [_keeps(tr) for tr in table._tbl.iter(qn("w:tr"))]
    by_text = dict(zip(texts, keeps, strict=True))
    assert by_text["Adult support in practical lessons"] is False
    assert by_text["Quiet base at morning break"] is False
    assert by_text["Quiet base at lunchtime"] is True  # last of its area
    assert by_text["Subtotal: communication and interaction (pupil’s share)"] is False
    assert by_text["Key adult check-in and check-out"] is False
    assert by_text["Reduced timetable with planned increase"] is True
    assert by_text["Subtotal: social, emotional and mental health (pupil’s share)"] is True


@pytest.mark.libreoffice
def test_kais_pdf_keeps_subtotals_with_their_rows_and_no_lone_last_row(
    kai: bytes, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    from sendocs.render.libreoffice import LibreOfficeConverter

    source = tmp_path / "map.docx"
    source.write_bytes(kai)
    with LibreOfficeConverter(mode="batch", workers=1) as converter:
        (pdf,) = converter.convert([source], tmp_path)
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages]
    page_of = {
        text: next(i for i, page in enumerate(pages) if text in page)
        for text in (
            "Quiet base at lunchtime",
            "Subtotal: communication and interaction",
            "Reduced timetable with planned increase",
            "Total for KJ",
            "How the costs are worked out",
            "sums of the lines as printed",
            "Outcomes the provision serves",
            "sensory break plan",
        )
    }
    assert page_of["Quiet base at lunchtime"] == page_of["Subtotal: communication and interaction"]
    assert page_of["Reduced timetable with planned increase"] == page_of["Total for KJ"]
    # page 1 is not left half empty: the first area runs to its subtotal there
    assert page_of["Subtotal: communication and interaction"] == 0
    # the cost note is not split over a page, and the outcomes table is whole
    assert page_of["How the costs are worked out"] == page_of["sums of the lines as printed"]
    assert page_of["Outcomes the provision serves"] == page_of["sensory break plan"]
    assert len(pages) == 3


def test_the_totals_box_is_kept_together(kai: bytes) -> None:
    """The totals box is short: every row but the last keeps with the next, so its last
    row ("Notional SEN budget threshold") never starts a page alone (#10 s18 FX4 item 10)."""
    tables = open_docx(kai).tables
    table = next(t for t in tables if t.rows[0].cells[0].text == "Total weekly time")
    trs = list(table._tbl.iter(qn("w:tr")))
    got = [(r[0], _keeps(tr)) for r, tr in zip(rows(table), trs, strict=True)]
    assert got[-1][0] == "Notional SEN budget threshold" and got[-1][1] is False
    assert all(keep for _, keep in got[:-1]), got


@pytest.mark.libreoffice
def test_samis_pdf_keeps_his_totals_box_on_one_page(tmp_path: Path) -> None:
    from pypdf import PdfReader

    from sendocs.render.libreoffice import LibreOfficeConverter

    source = tmp_path / "map.docx"
    source.write_bytes(render_kind(load("sami-ahmed"), PROVISION_MAP))
    with LibreOfficeConverter(mode="batch", workers=1) as converter:
        (pdf,) = converter.convert([source], tmp_path)
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages]
    page_of = {
        text: next(i for i, page in enumerate(pages) if text in page)
        for text in (
            "Totals and the notional SEN budget threshold",
            "Total weekly time 6 hours 30 minutes",
            "Notional SEN budget threshold The provision in this map costs",
        )
    }
    assert len(set(page_of.values())) == 1, page_of


def test_a_schedule_in_place_of_sessions_says_what_it_is_costed_as() -> None:
    """Niamh's exam access and Jordan's quiet room are a schedule, not sessions: the row
    says the time its cost stands for (#10 s18 FX4 item 12); rows given as sessions
    do not."""
    niamh = all_text(render_kind(load("niamh-oconnor"), PROVISION_MAP))
    assert "Costed as 15 minutes a week of the exams officer\u2019s time" in niamh
    assert niamh.count("Costed as") == 1  # the literacy group's sessions say it already
    jordan = all_text(render_kind(load("jordan-mills"), PROVISION_MAP))
    assert "Costed as 50 minutes a week of the learning support assistant\u2019s time" in jordan


def test_costed_as_keeps_a_name_or_acronym_as_written() -> None:
    from sendocs.documents.pupil_costing import costed_as

    exam = load("niamh-oconnor").current_cycle.provision[-1]
    assert costed_as(exam) == "costed as 15 minutes a week of the exams officer\u2019s time"
    for who in ("SENCO", "Mrs Patel"):
        assert costed_as(exam.model_copy(update={"delivered_by": who})) == (
            f"costed as 15 minutes a week of the {who}\u2019s time"
        )
    assert costed_as(exam.model_copy(update={"schedule": None})) == ""

"""Whole-school provision map: arithmetic, Word and Excel output, CLI."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner

from sendocs.cli.provision_map import provision_map
from sendocs.errors import OutputExistsError, SendocsError
from sendocs.loading import LoadedCase, load_case
from sendocs.school_map import (
    MONEY_FORMAT,
    SchoolProvisionMap,
    build_school_map,
    build_school_maps,
    flag_explanation,
    read_school_cases,
    write_school_map,
)
from tests.conftest import CASES, INVALID, TODAY

THREE = [CASES / "amara-okafor.yaml", CASES / "kai-thompson.yaml", CASES / "niamh-oconnor.yaml"]
DATE = dt.date(2026, 11, 23)


def at_one_school(paths: list[Path]) -> list[LoadedCase]:
    """The cases moved to the first one's school (a map is one school's pupils)."""
    loaded = [load_case(p, today=TODAY) for p in paths]
    school = loaded[0].case.school
    return [
        LoadedCase(item.case.model_copy(update={"school": school}), item.source) for item in loaded
    ]


@pytest.fixture(scope="module")
def school_map() -> SchoolProvisionMap:
    return build_school_map(at_one_school(THREE))


def test_pupils_of_several_schools_are_never_one_map() -> None:
    loaded = [load_case(p, today=TODAY) for p in THREE]
    with pytest.raises(SendocsError, match="3 different schools"):
        build_school_map(loaded)
    maps = build_school_maps(loaded)
    assert [m.schools for m in maps] == [
        ["Brookfield Primary School"],
        ["Westbury Academy"],
        ["St Anne\u2019s Church of England High School"],
    ]
    assert [[p.pupil for p in m.pupils] for m in maps] == [
        ["Amara Okafor"],
        ["Kai Thompson"],
        ["Niamh O\u2019Connor"],
    ]
    assert maps[1].total == Decimal("5691.72")  # Kai's own, no other school's budget


def pupil(m: SchoolProvisionMap, name: str):  # type: ignore[no-untyped-def]
    return next(p for p in m.pupils if p.pupil == name)


def test_kai_hand_worked_total_is_under_the_threshold(school_map: SchoolProvisionMap) -> None:
    kai = pupil(school_map, "Kai Thompson")
    # 7 September 2026 (his start) to 20 July 2027: 188 school days / 5 = 37.6 weeks.
    # key adult 100 min x 37.6 = 3,760 min = 62 h 40 min x £19.20 = 1203.20; ELSA 45 min
    # x 37.6 = 28.2 h x £21.40 = 603.48; practical support 240 min x 37.6 = 150.4 h x
    # £19.20 = 2887.68; quiet base at morning break (he attends mornings only) 150 min x
    # 37.6 = 94 h x £19.20 = 1804.80 / 5 = 360.96; quiet base at lunchtime from full days,
    # 12 February 2027 to 20 July 2027: 25 spring school days (12 Feb; 22 Feb-25 Mar) +
    # 65 summer (12 Apr-28 May less 3 May bank holiday: 34; 8 Jun-20 Jul: 31) = 90 / 5 =
    # 18 weeks x 150 min = 45 h x £19.20 = 864.00 / 5 = 172.80; reduced timetable until
    # full days start (7 September 2026 to 11 February 2027: 70 autumn school days + 28
    # spring, 4 January an INSET day = 98 / 5 = 19.6 weeks) 30 min x 19.6 = 9.8 h x £32 =
    # 313.60 + £150 resources = 463.60. Total 5691.72: £308.28 under £6,000, so no pupil
    # is flagged
    assert kai.total == Decimal("5691.72")
    assert not kai.over_budget
    assert kai.above_budget == Decimal(0)
    assert school_map.flagged == []


def test_amara_and_niamh_not_flagged(school_map: SchoolProvisionMap) -> None:
    amara, niamh = pupil(school_map, "Amara Okafor"), pupil(school_map, "Niamh O\u2019Connor")
    assert not amara.over_budget and not niamh.over_budget
    assert amara.above_budget == Decimal(0)
    # Amara's provision runs 12 term-time weeks (14 September to 11 December 2026):
    # speech programme 3 x 20 min x 12 = 12 h x £18.50 = 222.00; vocabulary group (of 4)
    # 222.00 / 4 = 55.50; visual timetable resources 25.00; social group (of 6)
    # 2 x 30 min x 12 = 12 h x £21.00 = 252.00 / 6 = 42.00. 222 + 55.50 + 25 + 42 = 344.50
    assert amara.total == Decimal("344.50")
    # Niamh (Year 11) is costed to the school leaving date, Friday 25 June 2027: exam
    # practice from 7 September 2026, 171 school days / 5 = 34.2 weeks x 15 min = 513 min
    # = 8.55 h x £24 = 205.20 + £120 = 325.20; literacy group (of 3) 2 x 50 min x 14 weeks
    # (70 school days, 7 Sep-18 Dec) = 23 h 20 min x £38 = 886.67, share 886.666.../3 =
    # 295.555... -> 295.56 (half up). 620.76.
    assert niamh.total == Decimal("620.76")


def test_school_spend_counts_groups_run(school_map: SchoolProvisionMap) -> None:
    # Each group is paid for in full: Kai's quiet base at morning break (group of 5, one
    # pupil here) costs the school 5 x 30 min x 37.6 weeks = 94 h x £19.20 = 1804.80
    # against his share of 360.96, and at lunchtime 5 x 30 min x 18 weeks = 45 h x
    # £19.20 = 864.00 against 172.80. Kai 1203.20 + 603.48 + 2887.68 + 1804.80 + 864.00
    # + 463.60 = 7826.76; Amara 222.00 + 222.00 + 25.00 + 252.00 = 721.00; Niamh (to 25
    # June 2027, her school leaving date) 205.20 + 120 + 886.67 = 1211.87. 9759.63
    assert school_map.school_spend == Decimal("9759.63")
    assert school_map.total == Decimal("6656.98")  # 5691.72 + 344.50 + 620.76
    assert sum(s.spend for s in school_map.by_area) == school_map.school_spend


def test_six_pupils_in_groups_of_four_are_two_groups() -> None:
    from tests.conftest import ROOT

    loaded, _ = read_school_cases([ROOT / "fixtures" / "roster" / "roster.csv"], today=TODAY)
    m = build_school_map(loaded)
    (line,) = [ln for ln in m.interventions if ln.intervention == "Talk Boost language group"]
    (run,) = line.runs
    # 3 sessions x 30 min x 12 weeks = 18 h x £18.50 = £333.00 a group; share 333 / 4 = 83.25;
    # 6 pupils need 2 groups: the school spends 2 x 333.00 = 666.00 (shares add to 499.50)
    assert run.pupil_count == 6 and run.groups == 2
    assert run.costed.group_cost == Decimal("333.00")
    assert run.costed.pupil_share == Decimal("83.25")
    assert run.school_spend == Decimal("666.00") and run.shares == Decimal("499.50")


def test_totals_add_up(school_map: SchoolProvisionMap) -> None:
    total = sum(p.total for p in school_map.pupils)
    assert school_map.total == total
    assert sum(s.total for s in school_map.by_area) == total
    assert sum(s.total for s in school_map.by_year_group) == total
    assert sum(line.total for line in school_map.interventions) == total
    years = {s.label: s.total for s in school_map.by_year_group}
    assert years["Year 8"] == Decimal("5691.72")
    assert [s.label for s in school_map.by_year_group] == ["Year 3", "Year 8", "Year 11"]
    assert school_map.schools == ["Brookfield Primary School"]


def test_same_intervention_is_one_line_across_pupils() -> None:
    kai = load_case(CASES / "kai-thompson.yaml", today=TODAY)
    twin = kai.case.model_copy(deep=True)
    object.__setattr__(twin.child, "legal_forename", "Kit")
    m = build_school_map([kai, twin])
    (elsa,) = [line for line in m.interventions if line.intervention == "ELSA sessions"]
    assert elsa.pupil_count == 2
    assert elsa.cost_per_pupil == Decimal("603.48")
    assert elsa.total == Decimal("1206.96")


def test_weeks_per_year_is_only_for_provision_that_runs_all_year() -> None:
    amara = load_case(CASES / "amara-okafor.yaml", today=TODAY)
    # a 12-week intervention stays 12 weeks; only the all-year visual timetable
    # (resources only) would scale, and it has no staff time
    assert build_school_map([amara], weeks_per_year=39).total == Decimal("344.50")


def test_wording_never_calls_the_budget_a_legal_test() -> None:
    text = flag_explanation()
    assert "£6,000 is a threshold for each pupil, not an amount set aside for each pupil" in text
    assert "It is not a condition for an EHC needs assessment" in text
    assert "s.36(8)" in text
    assert "element 3" in text
    assert "per pupil budget" not in text and "notional SEN budget of" not in text


def test_bad_files_are_left_out_with_their_location(tmp_path: Path) -> None:
    for p in [*THREE, INVALID / "broken-yaml.yaml"]:
        shutil.copy(p, tmp_path / p.name)
    loaded, left_out = read_school_cases([tmp_path], today=TODAY)
    assert len(loaded) == 3
    (problem,) = left_out
    assert "broken-yaml.yaml" in str(problem)
    assert problem.location.line is not None


# -- Word ---------------------------------------------------------------------------------


def table_texts(path: Path) -> list[list[list[str]]]:
    document = docx.Document(str(path))
    return [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]


def test_docx_has_rows_and_totals(school_map: SchoolProvisionMap, tmp_path: Path) -> None:
    out = write_school_map(school_map, tmp_path / "map.docx", date=DATE)
    document = docx.Document(str(out))
    section = document.sections[0]
    assert section.page_width > section.page_height  # landscape
    text = "\n".join(p.text for p in document.paragraphs)
    assert "The school’s spend: £9,759.63" in text
    assert "Total of pupils’ shares: £6,656.98" in text
    assert (
        "Each pupil’s own total (in the Pupils table) is the figure set against the £6,000 a "
        "year threshold for that pupil." in text
    )
    assert "halves rounded up" in text
    # Kai's £5,691.72 is £308.28 under: no one is listed above the threshold
    assert "No pupil’s costed provision is above £6,000 a year." in text
    assert "It is not a condition for an EHC needs assessment" in text
    tables = table_texts(out)
    by_area = tables[0]
    assert by_area[0] == [
        "Area of need",
        "Interventions",
        "Pupils receiving",
        "Pupils’ shares",
        "School’s spend",
    ]
    assert by_area[-1] == ["Whole school", "", "", "£6,656.98", "£9,759.63"]
    pupils = next(t for t in tables if t[0][0] == "Pupil")
    kai_row = next(r for r in pupils if r[0] == "Kai Thompson")
    assert kai_row[5] == "£5,691.72" and kai_row[6] == "No"
    assert pupils[-1][5] == "£6,656.98"
    intervention_rows = [r for t in tables if t[0][0] == "Intervention" for r in t[1:]]
    quiet = next(r for r in intervention_rows if r[0] == "Quiet base at morning break")
    # staff cost of a group, resources per pupil, share per pupil, groups run, spend
    assert quiet[1] == "Kai Thompson (Y8)"
    assert quiet[5:] == ["£1,804.80", "£0.00", "£360.96", "1 group", "£1,804.80"]
    assert "37.6 weeks" in quiet[4]
    lunch = next(r for r in intervention_rows if r[0] == "Quiet base at lunchtime")
    assert lunch[5:] == ["£864.00", "£0.00", "£172.80", "1 group", "£864.00"]
    assert "18 weeks, 12 Feb 2027 to 20 Jul 2027" in lunch[4]
    for table in tables:
        for row in table:
            assert not any("{{" in cell or "{%" in cell for cell in row)


def test_no_overwrite_without_force(school_map: SchoolProvisionMap, tmp_path: Path) -> None:
    out = tmp_path / "map.xlsx"
    out.write_text("keep me")
    with pytest.raises(OutputExistsError):
        write_school_map(school_map, out)
    assert out.read_text() == "keep me"
    write_school_map(school_map, out, force=True)
    assert openpyxl.load_workbook(out).sheetnames[0] == "Interventions"


# -- Excel ---------------------------------------------------------------------------------


def test_xlsx_costs_are_live_formulas(school_map: SchoolProvisionMap, tmp_path: Path) -> None:
    out = write_school_map(school_map, tmp_path / "map.xlsx", date=DATE)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == [
        "Interventions",
        "Pupils",
        "By area",
        "By year group",
        "Detail",
        "Inputs",
        "Notes",
    ]
    # the inputs are typed once, on the Inputs sheet: one row per group run
    inputs = wb["Inputs"]
    assert [c.value for c in inputs[1]] == [
        "Group ref",
        "Area of need",
        "Intervention",
        "Delivered by",
        "Group size",
        "Adults per group",
        "Sessions a week",
        "Minutes a session",
        "Weeks it runs (input)",
        "Hourly cost",
        "Resources per pupil",
        "Adds time (1/0)",
        "From (for information)",
        "To (for information)",
        "Pupils in this group",
    ]
    # the wide sheets print two pages wide with their names on every page (page 2 says
    # whose row it is): one page wide shrank Interventions to 5 pt (s20 read)
    assert inputs.print_title_cols == "$A:$C"
    assert wb["Interventions"].print_title_cols == "$A:$B"
    assert wb["Detail"].print_title_cols == "$A:$D"  # pupil, year, area, intervention
    assert {
        ws.title: ws.page_setup.fitToWidth
        for ws in wb.worksheets
        if ws.title in ("Interventions", "Detail", "Inputs")
    } == {"Interventions": 2, "Detail": 2, "Inputs": 2}
    q = next(
        r
        for r in range(2, inputs.max_row)
        if inputs[f"C{r}"].value == "Quiet base at morning break"
    )
    # group of 5, 1 adult, 5 sessions x 30 min, 37.6 weeks, £19.20
    assert [inputs.cell(q, c).value for c in range(5, 12)] == [5, 1, 5, 30, 37.6, 19.2, 0]
    assert inputs[f"E{q}"].fill.fgColor.rgb.endswith("FFF2CC")  # a yellow input cell
    ref = inputs[f"A{q}"].value
    threshold = next(r for r in range(2, inputs.max_row + 1) if inputs[f"D{r}"].value == 6000)
    assert "Threshold a pupil a year" in inputs[f"B{threshold}"].value
    # every other sheet looks its figures up by the group's reference
    ws = wb["Interventions"]
    header = [c.value for c in ws[1]]
    assert header[:4] == ["Area of need", "Intervention", "Delivered by", "Group size"]
    assert header[7:17] == [
        "Weeks it runs",
        "Hours per group",
        "Hourly cost",
        "Cost of a group",
        "Resources per pupil",
        "Pupil’s share",
        "Places",
        "Groups run",
        "School’s spend",
        "Pupils’ shares",
    ]
    assert header[18:21] == ["From", "To", "Group ref"]
    assert ws.column_dimensions["V"].hidden  # the helper that counts interventions once
    row = next(r for r in range(2, ws.max_row) if ws[f"U{r}"].value == ref)
    assert ws[f"J{row}"].value == f"=INDEX(Inputs!$J:$J,MATCH($U{row},Inputs!$A:$A,0))"
    assert ws[f"B{row}"].value.endswith('&""')  # text looked up, never typed twice
    assert ws[f"I{row}"].value == f"=F{row}*G{row}*H{row}/60"
    assert ws[f"K{row}"].value == f"=ROUND(I{row}*J{row}*E{row},2)"
    assert ws[f"M{row}"].value == f"=ROUND(I{row}*J{row}*E{row}/D{row},2)+ROUND(L{row},2)"
    assert ws[f"N{row}"].value.startswith("=SUMPRODUCT((Detail!$R$2:$R$")
    assert ws[f"O{row}"].value == f"=IF(N{row}=0,0,ROUNDUP(N{row}/D{row},0))"
    assert ws[f"P{row}"].value == f"=O{row}*K{row}+N{row}*ROUND(L{row},2)"
    assert ws[f"K{row}"].number_format == MONEY_FORMAT
    last = ws.max_row
    assert ws[f"A{last}"].value == "Total"
    assert ws[f"P{last}"].value == f"=SUM(P2:P{last - 1})"
    detail = wb["Detail"]
    assert detail["N2"].value == "=ROUND(K2*L2*G2/F2,2)+ROUND(M2,2)"
    assert detail["L2"].value == "=INDEX(Inputs!$J:$J,MATCH($R2,Inputs!$A:$A,0))"
    pupils = wb["Pupils"]
    kai = next(r for r in range(2, pupils.max_row) if pupils[f"A{r}"].value == "Kai Thompson")
    assert str(pupils[f"F{kai}"].value).startswith("=Detail!N")
    assert str(pupils[f"E{kai}"].value).startswith("=Detail!Q")
    assert pupils[f"G{kai}"].value == f'=IF(F{kai}>Inputs!$D${threshold},"Yes","No")'
    # no figure is typed outside the Inputs sheet: every number cell is a formula
    for sheet in wb.worksheets:
        if sheet.title in ("Inputs", "Notes"):
            continue
        for line in sheet.iter_rows(min_row=2):
            for cell in line:
                assert not isinstance(cell.value, int | float), (sheet.title, cell.coordinate)
    assert wb["By area"]["B2"].value.startswith("=SUMPRODUCT((Interventions!$A$2:$A$")
    for sheet in wb.worksheets:
        assert sheet.oddHeader.left.text == "Confidential"
        assert sheet.oddHeader.center.text == "Brookfield Primary School"
        assert sheet.oddFooter.right.text == "Page &P of &N"
    assert ws.print_title_rows == "$1:$1"
    notes = "\n".join(str(c.value) for c in wb["Notes"]["A"] if c.value)
    assert "halves rounded up" in notes and "Type figures only on the Inputs sheet" in notes
    assert "not a condition for an EHC needs assessment" in notes
    assert 'COUNTIF(Pupils!G:G,"Yes")' in notes


def _libreoffice_csv(book: Path, tmp_path: Path) -> dict[str, list[list[str]]]:
    """Every sheet as LibreOffice computes it (openpyxl stores no cached values)."""
    import csv

    profile = (tmp_path / "profile").as_uri()
    out = tmp_path / "csv"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
            "--outdir",
            str(out),
            str(book),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    sheets = {}
    for path in out.glob("*.csv"):
        sheet = path.stem.removeprefix(book.stem + "-")
        sheets[sheet] = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
    return sheets


@pytest.mark.libreoffice
def test_libreoffice_recalculates_the_hand_worked_totals(
    school_map: SchoolProvisionMap, tmp_path: Path
) -> None:
    sheets = _libreoffice_csv(write_school_map(school_map, tmp_path / "map.xlsx"), tmp_path)
    interventions = sheets["Interventions"]
    quiet = next(r for r in interventions if r[1] == "Quiet base at morning break")
    # hours 94, cost of a group 1804.80, share 360.96, 1 pupil, 1 group, spend 1804.80
    assert quiet[8:17] == ["94", "19.2", "1804.8", "0", "360.96", "1", "1", "1804.8", "360.96"]
    assert interventions[-1][0] == "Total"
    assert interventions[-1][15:17] == ["9759.63", "6656.98"]
    pupils = {r[0]: r for r in sheets["Pupils"]}
    assert pupils["Kai Thompson"][5:] == ["5691.72", "No", "0"]
    assert pupils["Amara Okafor"][5:] == ["344.5", "No", "0"]
    assert pupils["Niamh O\u2019Connor"][5] == "620.76"
    assert pupils["Total"][5] == "6656.98"
    assert sheets["By area"][-1][3:] == ["6656.98", "9759.63"]
    assert sheets["By year group"][-1][3:] == ["0", "6656.98"]
    assert sheets["Detail"][-1][13] == "6656.98"
    # the counts, now formulas over the sheets: 6 + 2 + 4 interventions by area
    assert [r[:3] for r in sheets["By area"][1:]] == [
        ["Communication and interaction", "6", "2"],
        ["Cognition and learning", "2", "1"],
        ["Social, emotional and mental health", "4", "2"],
        ["Total", "12", ""],
    ]
    assert [r[:4] for r in sheets["By year group"][1:4]] == [
        ["Year 3", "1", "4", "0"],
        ["Year 8", "1", "6", "0"],
        ["Year 11", "1", "2", "0"],
    ]
    assert pupils["Kai Thompson"][3] == "6"
    notes = " ".join(r[0] for r in sheets["Notes"] if r)
    assert "above the threshold of £6,000 a year: none." in notes


@pytest.mark.libreoffice
def test_libreoffice_counts_two_groups_for_six_pupils_in_fours(tmp_path: Path) -> None:
    from tests.conftest import ROOT

    loaded, _ = read_school_cases([ROOT / "fixtures" / "roster" / "roster.csv"], today=TODAY)
    roster_map = build_school_map(loaded)
    book = write_school_map(roster_map, tmp_path / "roster.xlsx")
    sheets = _libreoffice_csv(book, tmp_path)
    # 30 pupils: the workbook's counts (formulas) are the map's own, area by area and
    # year by year (interventions and pupils each counted once)
    assert [r[:3] for r in sheets["By area"][1:-1]] == [
        [s.label, str(s.interventions), str(s.pupils)] for s in roster_map.by_area
    ]
    assert [r[:4] for r in sheets["By year group"][1:-1]] == [
        [s.label, str(s.pupils), str(s.interventions), str(s.flagged)]
        for s in roster_map.by_year_group
    ]
    talk = next(r for r in sheets["Interventions"] if r[1] == "Talk Boost language group")
    # 3 x 30 min x 12 weeks = 18 h; x £18.50 = 333 a group; 333 / 4 = 83.25 each;
    # 6 pupils -> 2 groups -> the school spends 666; the shares add to 499.50
    assert talk[7:17] == ["12", "18", "18.5", "333", "0", "83.25", "6", "2", "666", "499.5"]


# -- CLI -------------------------------------------------------------------------------------


def test_cli_makes_both_formats_and_reports_bad_files(tmp_path: Path) -> None:
    inputs = tmp_path / "cases"
    inputs.mkdir()
    for p in [*THREE, INVALID / "broken-yaml.yaml"]:
        shutil.copy(p, inputs / p.name)
    runner = CliRunner()
    out = tmp_path / "map.xlsx"
    result = runner.invoke(provision_map, [str(inputs), "-o", str(out), "--date", "2026-11-23"])
    # The maps are made from the readable inputs; the left-out file makes the exit status 1.
    # Three schools' pupils: one map per school, named after it, each with its own pupil.
    assert result.exit_code == 1, result.output
    assert not out.exists()
    made = sorted(f.name for f in tmp_path.glob("map_*.xlsx"))
    assert made == [
        "map_Brookfield_Primary_School.xlsx",
        "map_St_Annes_Church_of_England_High_School.xlsx",
        "map_Westbury_Academy.xlsx",
    ]
    assert "broken-yaml.yaml" in result.output
    assert "1 input(s) left out" in result.output
    assert "3 different schools" in result.output
    kai = openpyxl.load_workbook(tmp_path / "map_Westbury_Academy.xlsx")
    cells = " ".join(str(c.value) for ws in kai for row in ws.iter_rows() for c in row if c.value)
    assert "Kai Thompson" in cells
    assert "Amara" not in cells and "Niamh" not in cells and "Brookfield" not in cells
    notes = "\n".join(str(c.value) for c in kai["Notes"]["A"] if c.value)
    assert "broken-yaml.yaml" in notes
    again = runner.invoke(provision_map, [str(inputs), "-o", str(out)])
    assert again.exit_code != 0
    docx_out = tmp_path / "map.docx"
    result = runner.invoke(
        provision_map,
        [str(THREE[1]), "-o", str(docx_out), "--weeks-per-year", "39", "--date", "2026-11-23"],
    )
    assert result.exit_code == 0, result.output
    text = "\n".join(p.text for p in docx.Document(str(docx_out)).paragraphs)
    assert "school days ÷ 5 (190 days are 38 weeks; a week cut short counts in part)" in text
    assert "costed for the school year 2026/27, 3 September 2026 to 20 July 2027" in text
    assert "Incomplete" not in text


def test_cli_help_has_example() -> None:
    result = CliRunner().invoke(provision_map, ["--help"])
    assert result.exit_code == 0
    assert "sendocs provision-map fixtures/cases/ -o provision-map.docx" in result.output


def test_shipped_template_is_what_its_build_script_makes(tmp_path: Path) -> None:
    import importlib
    import sys

    from sendocs.resources import template_path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "templates" / "src"))
    try:
        build = importlib.import_module("build_school_provision_map").build
    finally:
        sys.path.pop(0)
    rebuilt = tmp_path / "rebuilt.docx"
    size = build(rebuilt)
    assert size < 20_000  # lean: no default python-docx styles
    assert rebuilt.read_bytes() == template_path("school_provision_map.docx").read_bytes()


def test_both_formats_record_what_made_them(school_map: SchoolProvisionMap, tmp_path: Path) -> None:
    from sendocs.provenance import read_provenance

    for suffix in (".docx", ".xlsx"):
        found = read_provenance(write_school_map(school_map, tmp_path / f"m{suffix}", date=DATE))
        assert found["sendocs kind"] == "school-provision-map"
        assert found["sendocs document date"] == "2026-11-23"
        assert found["sendocs case SHA-256"] == school_map.case_sha256
        assert len(school_map.case_sha256) == 64


def test_term_dates_decide_the_year_costed(tmp_path: Path) -> None:
    """The school's own term dates (no half terms given) decide the year and the weeks.
    Kai's 'Adult support in practical lessons' (4 x 60 min a week from 7 September 2026,
    no end) runs on school days: autumn 7 Sep-30 Oct, 40 days; spring 4 Jan-26 Mar, 60
    less Good Friday (26 March 2027), 59; summer 12 Apr-16 Jul, 70 less the bank
    holidays of 3 and 31 May, 68: 167 days / 5 = 33.4 weeks -> 240 min x 33.4 = 133.6 h
    x £19.20 = £2,565.12 (37.6 weeks with the example calendar)."""
    terms = tmp_path / "terms.yaml"
    terms.write_text(
        "name: Short autumn\nterms:\n"
        "  - {name: Autumn 2026, start: 2026-09-01, end: 2026-10-30}\n"
        "  - {name: Spring 2027, start: 2027-01-04, end: 2027-03-26}\n"
        "  - {name: Summer 2027, start: 2027-04-12, end: 2027-07-16}\n",
        encoding="utf-8",
    )
    out = tmp_path / "map.xlsx"
    result = CliRunner().invoke(
        provision_map,
        [
            str(THREE[0].parent / "kai-thompson.yaml"),
            "-o",
            str(out),
            "--date",
            "2026-11-23",
            "--term-dates",
            str(terms),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "costed for the school year 2026/27, 1 September 2026 to 16 July 2027" in (
        " ".join(result.output.split())
    )
    import openpyxl

    ws = openpyxl.load_workbook(out)["Inputs"]  # figures are typed on the Inputs sheet
    header = [c.value for c in ws[1]]
    row = next(
        r for r in ws.iter_rows(values_only=True) if r[2] == "Adult support in practical lessons"
    )
    weeks = row[header.index("Weeks it runs (input)")]
    assert weeks == 33.4
    sessions, minutes = row[header.index("Sessions a week")], row[header.index("Minutes a session")]
    hours = sessions * minutes * weeks / 60
    assert (
        round(hours, 6) == 133.6 and round(hours * row[header.index("Hourly cost")], 2) == 2565.12
    )


@pytest.mark.libreoffice
def test_libreoffice_every_sheet_follows_an_edited_input(
    school_map: SchoolProvisionMap, tmp_path: Path
) -> None:
    """One input sheet: change Kai's quiet base (morning break) hourly cost to £30 and his
    practical support weeks to 39 on the Inputs sheet, and the threshold to £5,900;
    LibreOffice's recalculated Interventions, Detail, Pupils, By area, By year group and
    Notes all follow."""
    book = write_school_map(school_map, tmp_path / "map.xlsx")
    wb = openpyxl.load_workbook(book)
    ws = wb["Inputs"]
    rows = {ws[f"C{r}"].value: r for r in range(2, ws.max_row + 1) if ws[f"C{r}"].value}
    ws[f"J{rows['Quiet base at morning break']}"] = 30
    ws[f"I{rows['Adult support in practical lessons']}"] = 39
    threshold = next(r for r in range(2, ws.max_row + 1) if ws[f"D{r}"].value == 6000)
    ws[f"D{threshold}"] = 5900
    wb.save(book)
    sheets = _libreoffice_csv(book, tmp_path)
    quiet = next(r for r in sheets["Interventions"] if r[1] == "Quiet base at morning break")
    # 94 h x £30 = £2,820.00 a group (was £1,804.80): spend up by £1,015.20; share
    # 2,820 / 5 = £564.00 (was £360.96): up by £203.04
    assert quiet[9:13] == ["30", "2820", "0", "564"]
    practical = next(
        r for r in sheets["Interventions"] if r[1] == "Adult support in practical lessons"
    )
    # 4 x 60 min x 39 weeks = 156 h x £19.20 = £2,995.20 (was 150.4 h, £2,887.68): +107.52
    assert practical[7:11] == ["39", "156", "19.2", "2995.2"]
    # spend 9759.63 + 1015.20 + 107.52 = 10882.35; shares 6656.98 + 203.04 + 107.52 = 6967.54
    assert sheets["Interventions"][-1][15:17] == ["10882.35", "6967.54"]
    detail = {r[3]: r for r in sheets["Detail"] if r[0] == "Kai Thompson"}
    assert detail["Quiet base at morning break"][11:14] == ["30", "0", "564"]
    assert detail["Adult support in practical lessons"][9:11] == ["39", "156"]
    assert sheets["Detail"][-1][13] == "6967.54"
    pupils = {r[0]: r for r in sheets["Pupils"]}
    # Kai 5691.72 + 203.04 + 107.52 = 6002.28: above £5,900 by 102.28
    assert pupils["Kai Thompson"][5:7] == ["6002.28", "Yes"]
    # the amount above is F - threshold in a money-formatted cell (shown £102.28); the CSV
    # holds the raw spreadsheet subtraction (90.2799999...), so compare to the penny
    assert round(float(pupils["Kai Thompson"][7]), 2) == 102.28
    assert pupils["Total"][5] == "6967.54"
    area = {r[0]: r for r in sheets["By area"]}
    # shares: Kai 2995.20 + 564.00 + 172.80, Amara 222.00 + 55.50 + 25.00 = 4034.50;
    # spend: 2995.20 + 2820.00 + 864.00 + 222.00 + 222.00 + 25.00 = 7148.20
    assert area["Communication and interaction"][3:] == ["4034.5", "7148.2"]
    assert area["Total"][3:] == ["6967.54", "10882.35"]
    year = {r[0]: r for r in sheets["By year group"]}
    assert year["Year 8"][3:] == ["1", "6002.28"]
    notes = " ".join(r[0] for r in sheets["Notes"] if r)
    assert "Total school’s spend: £10,882.35; total of pupils’ shares: £6,967.54." in notes
    assert "above the threshold of £5,900 a year: 1 (Yes" in notes


@pytest.mark.libreoffice
def test_libreoffice_moving_a_pupil_to_another_group_moves_the_counts(
    school_map: SchoolProvisionMap, tmp_path: Path
) -> None:
    """Detail's Group ref is the link: point Amara's Word Aware line (group of four) at
    Kai's quiet base group at morning break (G of the quiet base) and the places, shares
    and counts follow."""
    book = write_school_map(school_map, tmp_path / "map.xlsx")
    wb = openpyxl.load_workbook(book)
    inputs = wb["Inputs"]
    quiet = next(
        inputs[f"A{r}"].value
        for r in range(2, inputs.max_row)
        if inputs[f"C{r}"].value == "Quiet base at morning break"
    )
    detail = wb["Detail"]
    word_aware = _ref(inputs, "Word Aware vocabulary group")
    word = next(r for r in range(2, detail.max_row) if detail[f"R{r}"].value == word_aware)
    detail[f"R{word}"] = quiet
    wb.save(book)
    sheets = _libreoffice_csv(book, tmp_path)
    rows = {r[1]: r for r in sheets["Interventions"]}
    assert rows["Quiet base at morning break"][13] == "2"  # places: Kai and Amara
    assert rows["Word Aware vocabulary group"][13:15] == ["0", "0"]  # no group run
    amara = {r[0]: r for r in sheets["Pupils"]}["Amara Okafor"]
    # the morning-break group's share is 94 h x £19.20 / 5 = 360.96:
    # 344.50 - 55.50 + 360.96 = 649.96
    assert amara[5] == "649.96"


def _ref(inputs: object, intervention: str) -> str:
    ws = inputs
    return next(
        ws[f"A{r}"].value  # type: ignore[index]
        for r in range(2, ws.max_row)  # type: ignore[attr-defined]
        if ws[f"C{r}"].value == intervention  # type: ignore[index]
    )


# -- A college -------------------------------------------------------------------------------


def test_a_colleges_map_has_no_6000_comparison(tmp_path: Path) -> None:
    """§2's threshold is for schools' notional SEN budgets: a college's whole-school map
    (Word and Excel) gives the costs for its students and sets nothing against £6,000."""
    jordan = CASES / "jordan-mills.yaml"
    loaded = load_case(jordan, today=TODAY)
    assert loaded.case.school.setting_type.is_college
    college_map = build_school_map([loaded])
    assert college_map.college and college_map.flagged == []
    runner = CliRunner()
    word = tmp_path / "college.docx"
    result = runner.invoke(provision_map, [str(jordan), "-o", str(word), "--date", "2026-11-23"])
    assert result.exit_code == 0, result.output
    assert "is a college: its map gives the costs without the £6,000 comparison" in (
        " ".join(result.output.split())
    )
    assert "above the £6,000 a year threshold" not in result.output
    document = docx.Document(str(word))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    for found in (text, cells):
        assert "6,000" not in found and "threshold" not in found and "notional" not in found
        assert "Pupil" not in found
    assert "Total of students’ shares" in text and "The college’s spend" in text
    # the map is the college's: no tool name in its text (s19), the estimate note in the
    # opening small print, in the college's words
    assert "sendocs" not in text and "sendocs" not in cells
    assert (
        "Figures are estimates from the provision recorded in each student’s current plan "
        "(SEN support or EHC plan); check them against the college’s own budget" in text
    )
    assert "runs all the academic year" in text and "college days" in text
    assert "Jordan Mills" in cells and "Whole college" in cells and "Student’s shares" in cells
    book = tmp_path / "college.xlsx"
    result = runner.invoke(provision_map, [str(jordan), "-o", str(book), "--date", "2026-11-23"])
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(book)
    everything = " ".join(
        str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value is not None
    )
    assert "6,000" not in everything and "threshold" not in everything.lower()
    assert "6000" not in everything and "Pupils!G" not in everything
    # a college's workbook speaks of students and its academic year (#10 s18 FX4 item 11)
    assert "Pupils" not in wb.sheetnames and "Students" in wb.sheetnames
    notes = " ".join(str(c.value) for c in wb["Notes"]["A"] if c.value)
    assert "Costed for the academic year 2026/27" in notes
    assert "runs all the academic year), in term-time weeks of college days" in notes
    assert "school year" not in notes and "school days" not in notes
    assert [c.value for c in wb["Students"][1]] == [
        "Student",
        "Year group",
        "Primary area of need",
        "Interventions",
        "Time a week (h:mm)",
        "Total of the student’s shares",
    ]
    assert "College’s spend" in [c.value for c in wb["Interventions"][1]]


@pytest.mark.libreoffice
def test_libreoffice_recalculates_a_colleges_workbook(tmp_path: Path) -> None:
    loaded = load_case(CASES / "jordan-mills.yaml", today=TODAY)
    college_map = build_school_map([loaded], on=DATE)
    sheets = _libreoffice_csv(write_school_map(college_map, tmp_path / "c.xlsx"), tmp_path)
    total = sheets["Students"][-1]
    assert total[0] == "Total" and Decimal(total[5]) == college_map.total
    assert sheets["By year group"][1][:2] == ["Year 12", "1"]  # counted on the Students sheet
    assert Decimal(sheets["Interventions"][-1][15]) == college_map.school_spend
    assert len(sheets["By year group"][0]) == 4  # no "above the threshold" column
    assert not any("Err" in c or "#" in c for rows in sheets.values() for r in rows for c in r)


@pytest.mark.libreoffice
def test_libreoffice_weekly_time_is_the_word_maps(tmp_path: Path) -> None:
    """The workbook's time a week follows the Word maps' rule (#10 s18 FX4 item 6): a line
    in lessons with no staff cost (Inputs "Adds time" 0) or with no weeks adds no time.
    Amara: 3 x 60-minute lines = 3 hours (her visual timetable, in lessons, none); Sami:
    Talk Boost 1 h 30 + literacy support 5 h = 6 h 30 (visual supports none); Maya:
    ELSA 45 min (time-out card none). Typing 1 in Amara's visual timetable's Adds time
    (and weeks: a resources-only line has 0) adds its 50 minutes; typing 0 weeks for
    her Word Aware group takes its hour away."""
    expected = {"amara-okafor": 180, "sami-ahmed": 390, "maya-kowalczyk-oneill": 45}
    for name, minutes in expected.items():
        loaded = load_case(CASES / f"{name}.yaml", today=TODAY)
        one = build_school_map([loaded], on=DATE)
        assert one.pupils[0].weekly_minutes == minutes  # the Word map's figure
        book = write_school_map(one, tmp_path / f"{name}.xlsx")
        inputs = openpyxl.load_workbook(book)["Inputs"]
        adds = {inputs[f"C{r}"].value: inputs[f"L{r}"].value for r in range(2, len(one.runs) + 2)}
        assert set(adds.values()) == {0, 1}, adds  # each has a line in lessons, no staff cost
        sheets = _libreoffice_csv(book, tmp_path / name)
        pupil = sheets["Pupils"][1]
        assert pupil[0] == one.pupils[0].pupil and _minutes(pupil[4]) == minutes, pupil
    book = tmp_path / "amara-okafor.xlsx"
    wb = openpyxl.load_workbook(book)
    ws = wb["Inputs"]
    rows = {ws[f"C{r}"].value: r for r in range(2, ws.max_row + 1) if ws[f"C{r}"].value}
    assert ws[f"L{rows['Visual timetable and chunked instructions']}"].value == 0
    # a resources-only line types no weeks (s19 B2 item 5): giving it time takes its weeks too
    assert ws[f"I{rows['Visual timetable and chunked instructions']}"].value == 0
    ws[f"L{rows['Visual timetable and chunked instructions']}"] = 1
    ws[f"I{rows['Visual timetable and chunked instructions']}"] = 37.6
    ws[f"I{rows['Word Aware vocabulary group']}"] = 0
    wb.save(book)
    sheets = _libreoffice_csv(book, tmp_path / "edited")
    assert _minutes(sheets["Pupils"][1][4]) == 170  # 3:00 + 0:50 - 1:00


def _minutes(shown: str) -> int:
    """A time-a-week cell as LibreOffice's CSV writes it ("03:00:00 AM", "12:45:00 AM",
    "06:30:00 PM" for 18:30) in minutes."""
    clock, half = shown.split()
    hours, minutes, _ = (int(x) for x in clock.split(":"))
    return (hours % 12 + (12 if half == "PM" else 0)) * 60 + minutes

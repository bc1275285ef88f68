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
from sendocs.errors import OutputExistsError
from sendocs.loading import load_case
from sendocs.school_map import (
    MONEY_FORMAT,
    SchoolProvisionMap,
    build_school_map,
    flag_explanation,
    read_school_cases,
    write_school_map,
)
from tests.conftest import CASES, INVALID, TODAY

THREE = [CASES / "amara-okafor.yaml", CASES / "kai-thompson.yaml", CASES / "niamh-oconnor.yaml"]
DATE = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def school_map() -> SchoolProvisionMap:
    return build_school_map([load_case(p, today=TODAY) for p in THREE])


def pupil(m: SchoolProvisionMap, name: str):  # type: ignore[no-untyped-def]
    return next(p for p in m.pupils if p.pupil == name)


def test_kai_is_flagged_with_hand_worked_total(school_map: SchoolProvisionMap) -> None:
    kai = pupil(school_map, "Kai Thompson")
    # key adult 1216.00 + ELSA 609.90 + practical support 2918.40 + quiet base 729.60
    # (190 h x £19.20 / 5) + reduced timetable 608.00 + £150 resources
    assert kai.total == Decimal("6231.90")
    assert kai.over_budget
    assert kai.above_budget == Decimal("231.90")
    assert [p.pupil for p in school_map.flagged] == ["Kai Thompson"]


def test_amara_and_niamh_not_flagged(school_map: SchoolProvisionMap) -> None:
    amara, niamh = pupil(school_map, "Amara Okafor"), pupil(school_map, "Niamh O'Connor")
    assert not amara.over_budget and not niamh.over_budget
    assert amara.above_budget == Decimal(0)
    # Amara: speech programme 703.00 + vocabulary group 175.75 + visual timetable 25.00
    # + social group 133.00
    assert amara.total == Decimal("1036.75")


def test_totals_add_up(school_map: SchoolProvisionMap) -> None:
    total = sum(p.total for p in school_map.pupils)
    assert school_map.total == total
    assert sum(s.total for s in school_map.by_area) == total
    assert sum(s.total for s in school_map.by_year_group) == total
    assert sum(line.total for line in school_map.interventions) == total
    years = {s.label: s.total for s in school_map.by_year_group}
    assert years["Year 8"] == Decimal("6231.90")
    assert [s.label for s in school_map.by_year_group] == ["Year 3", "Year 8", "Year 11"]
    assert school_map.schools == [
        "Brookfield Primary School",
        "Westbury Academy",
        "St Anne's Church of England High School",
    ]


def test_same_intervention_is_one_line_across_pupils() -> None:
    kai = load_case(CASES / "kai-thompson.yaml", today=TODAY)
    twin = kai.case.model_copy(deep=True)
    object.__setattr__(twin.child, "legal_forename", "Kit")
    m = build_school_map([kai, twin])
    (elsa,) = [line for line in m.interventions if line.intervention == "ELSA sessions"]
    assert elsa.pupil_count == 2
    assert elsa.cost_per_pupil == Decimal("609.90")
    assert elsa.total == Decimal("1219.80")


def test_weeks_per_year_is_configurable() -> None:
    kai = load_case(CASES / "kai-thompson.yaml", today=TODAY)
    m = build_school_map([kai], weeks_per_year=39)
    # every staff cost scales by 39/38; the £150 resources do not
    assert m.total == ((Decimal("6231.90") - 150) * 39 / 38).quantize(Decimal("0.01")) + 150


def test_wording_never_calls_the_budget_a_legal_test() -> None:
    text = flag_explanation()
    assert "£6,000 is a funding threshold, not a legal test" in text
    assert "s.36(8)" in text
    assert "element 3" in text


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
    assert "Whole-school total: £8,418.87 a year." in text
    assert "Kai Thompson (Year 8): £6,231.90 a year, £231.90 above £6,000" in text
    assert "£6,000 is a funding threshold, not a legal test" in text
    tables = table_texts(out)
    by_area = tables[0]
    assert by_area[0] == ["Area of need", "Interventions", "Pupils receiving", "Yearly cost"]
    assert by_area[-1][0] == "Whole school" and by_area[-1][-1] == "£8,418.87"
    pupils = next(t for t in tables if t[0][0] == "Pupil")
    kai_row = next(r for r in pupils if r[0] == "Kai Thompson")
    assert kai_row[5] == "£6,231.90" and kai_row[6] == "Yes, by £231.90"
    assert pupils[-1][5] == "£8,418.87"
    intervention_rows = [r for t in tables if t[0][0] == "Intervention" for r in t[1:]]
    elsa = next(r for r in intervention_rows if r[0] == "ELSA sessions")
    assert elsa[1] == "Kai Thompson (Y8)" and elsa[-1] == "£609.90"
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


def test_xlsx_values_formulas_and_formats(school_map: SchoolProvisionMap, tmp_path: Path) -> None:
    out = write_school_map(school_map, tmp_path / "map.xlsx", date=DATE)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[:4] == ["Interventions", "Pupils", "By area", "By year group"]
    for name, money_col in (
        ("Interventions", "J"),
        ("Pupils", "F"),
        ("By area", "D"),
        ("By year group", "E"),
        ("Detail", "M"),
    ):
        ws = wb[name]
        assert ws["A1"].font.bold
        assert ws.freeze_panes is not None
        last = ws.max_row
        assert ws[f"A{last}"].value == "Total"
        assert ws[f"{money_col}{last}"].value == f"=SUM({money_col}2:{money_col}{last - 1})"
        values = [ws[f"{money_col}{r}"].value for r in range(2, last)]
        assert all(isinstance(v, int | float) for v in values)
        assert ws[f"{money_col}2"].number_format == MONEY_FORMAT
        assert ws[f"{money_col}{last}"].number_format == MONEY_FORMAT
        # what the SUM formula will show, recomputed from the rows
        assert round(sum(Decimal(str(v)) for v in values), 2) == Decimal("8418.87")
        assert ws.column_dimensions["A"].width >= 10
    pupils = wb["Pupils"]
    kai = next(r for r in pupils.iter_rows(min_row=2, values_only=True) if r[0] == "Kai Thompson")
    assert kai[5] == pytest.approx(6231.90) and kai[6] == "Yes" and kai[7] == pytest.approx(231.9)
    notes = "\n".join(str(c.value) for c in wb["Notes"]["A"] if c.value)
    assert "not a legal test" in notes and "Kai Thompson (Year 8)" in notes


@pytest.mark.libreoffice
def test_libreoffice_opens_the_workbook(school_map: SchoolProvisionMap, tmp_path: Path) -> None:
    out = write_school_map(school_map, tmp_path / "map.xlsx", date=DATE)
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(out),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "map.pdf"
    assert pdf.stat().st_size > 0
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    # LibreOffice computed the SUM formulas itself (openpyxl stores no cached values)
    assert text.count("£8,418.87") >= 4
    assert "£6,231.90" in text


# -- CLI -------------------------------------------------------------------------------------


def test_cli_makes_both_formats_and_reports_bad_files(tmp_path: Path) -> None:
    inputs = tmp_path / "cases"
    inputs.mkdir()
    for p in [*THREE, INVALID / "broken-yaml.yaml"]:
        shutil.copy(p, inputs / p.name)
    runner = CliRunner()
    out = tmp_path / "map.xlsx"
    result = runner.invoke(provision_map, [str(inputs), "-o", str(out), "--date", "2026-11-23"])
    assert result.exit_code == 0, result.output
    assert "broken-yaml.yaml" in result.output
    assert "1 left out" in result.output
    assert "3 pupil(s)" in result.output
    notes = "\n".join(str(c.value) for c in openpyxl.load_workbook(out)["Notes"]["A"] if c.value)
    assert "broken-yaml.yaml" in notes
    again = runner.invoke(provision_map, [str(inputs), "-o", str(out)])
    assert again.exit_code != 0
    docx_out = tmp_path / "map.docx"
    result = runner.invoke(
        provision_map, [*map(str, THREE), "-o", str(docx_out), "--weeks-per-year", "39"]
    )
    assert result.exit_code == 0, result.output
    text = "\n".join(p.text for p in docx.Document(str(docx_out)).paragraphs)
    assert "school year of 39 weeks" in text
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

"""Spreadsheet injection: text typed into a case reaches the workbook as text, never a formula;
control characters are cleaned as in Word output."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from click.testing import CliRunner

from sendocs.cli.provision_map import provision_map
from sendocs.loading import load_case
from sendocs.school_map import build_school_map, write_school_map
from sendocs.spreadsheet_cells import csv_escape, csv_unescape
from tests.conftest import CASES, TODAY

HOSTILE = ["=1+1", "@SUM(A1)", "+1+1", "-2+3", '=HYPERLINK("http://example.org","click")']


def _hostile_case(folder: Path) -> Path:
    data: dict[str, Any] = yaml.safe_load((CASES / "amara-okafor.yaml").read_text())
    current = data["cycles"][-1]["provision"]
    template = current[0]
    current[:] = [dict(template, intervention=name) for name in HOSTILE]
    current[0]["delivered_by"] = "=cmd|' /C calc'!A0"
    path = folder / "hostile.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _cells(workbook: Any) -> list[Any]:
    return [cell for ws in workbook.worksheets for row in ws.iter_rows() for cell in row]


def test_typed_formulas_are_text_and_our_totals_stay_formulas(tmp_path: Path) -> None:
    case = _hostile_case(tmp_path)
    out = tmp_path / "map.xlsx"
    result = CliRunner().invoke(provision_map, [str(case), "-o", str(out), "--date", "2026-11-23"])
    assert result.exit_code == 0, result.output
    workbook = openpyxl.load_workbook(out)
    cells = _cells(workbook)
    by_value = {c.value: c for c in cells if isinstance(c.value, str)}
    for text in [*HOSTILE, "=cmd|' /C calc'!A0"]:
        cell = by_value[text]  # exactly as typed
        assert cell.data_type == "s", (text, cell.coordinate)
    inputs = workbook["Inputs"]  # typed once, on the Inputs sheet; other sheets look it up
    listed = [inputs.cell(row=r, column=3).value for r in range(2, len(HOSTILE) + 2)]
    assert sorted(listed) == sorted(HOSTILE)
    # the only formulas in the workbook are our own costs and totals: cell references,
    # numbers and our function names, never typed text
    formulas = [c.value for c in cells if c.data_type == "f"]
    ours = re.compile(
        r"=(?:\$?[A-Z]{1,2}\$?\d*(?::\$?[A-Z]{1,2}\$?\d*)?|\d+(?:\.\d+)?|SUM|ROUND|ROUNDUP|IF"
        r"|MAX|SUMPRODUCT|INDEX|MATCH|ISNUMBER|COUNTIF|TEXT|Detail!|Pupils!|Interventions!"
        r'|Inputs!|"Yes"|"No"|""|[-+*/(),:<>=&]'
        # the Notes sheet's sentences: our own words around cells
        r'|"Total school’s spend: "|"; total of pupils’ shares: "|"\[\$£-809\]#,##0\.00"|"\."'
        r'|"Pupils whose costed provision is above the threshold of "|"\[\$£-809\]#,##0"'
        r'|" a year: "|"none\."|" \(Yes in the Pupils sheet’s column G\)\."'
        r")+"
    )
    assert formulas and all(ours.fullmatch(f) for f in formulas), formulas


@pytest.mark.libreoffice
def test_libreoffice_shows_typed_formulas_as_text(tmp_path: Path) -> None:
    case = load_case(_hostile_case(tmp_path), today=TODAY)
    out = write_school_map(build_school_map([case]), tmp_path / "map.xlsx")
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "csv",
            "--outdir",
            str(tmp_path),
            str(out),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    text = (tmp_path / "map.csv").read_text(encoding="utf-8", errors="replace")
    for typed in ("=1+1", "@SUM(A1)", "+1+1", "-2+3", "=HYPERLINK"):
        assert typed in text, text
    assert "click" not in text.replace('"click"', "")  # the link was not made


def test_a_control_character_in_a_name_is_cleaned_not_a_crash(tmp_path: Path) -> None:
    loaded = load_case(CASES / "amara-okafor.yaml", today=TODAY)
    case = loaded.case.model_copy(deep=True)
    object.__setattr__(case.child, "legal_surname", "Oka\x07for\x1b")
    provision = case.cycles[-1].provision[0]
    object.__setattr__(provision, "intervention", "Word\x00 Aware\x0b group")
    out = write_school_map(
        build_school_map([loaded.__class__(case, loaded.source)]), tmp_path / "m.xlsx"
    )
    values = [c.value for c in _cells(openpyxl.load_workbook(out)) if isinstance(c.value, str)]
    assert "Amara Okafor" in values
    assert "Word Aware group" in values
    assert not any(ch in v for v in values for ch in "\x00\x07\x0b\x1b")
    # and the Word map copes the same way
    docx_out = write_school_map(
        build_school_map([loaded.__class__(case, loaded.source)]), tmp_path / "m.docx"
    )
    assert docx_out.is_file()


def test_csv_escape_follows_owasp() -> None:
    for typed in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx"):
        assert csv_escape(typed) == "'" + typed
        assert csv_unescape(csv_escape(typed)) == typed
    assert csv_escape("\rx") == "\nx"  # line ends normalised as in Word, then not a trigger
    assert csv_escape("O'Brien") == "O'Brien" == csv_unescape("O'Brien")
    assert csv_escape("Smith\x07") == "Smith"
    assert csv_escape(-5) == -5  # numbers stay numbers

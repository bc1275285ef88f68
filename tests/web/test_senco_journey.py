"""The SENCO's journey in Chromium: roster in, row problems shown, zip and provision map out."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest

from tests.conftest import ROOT
from tests.web.conftest import Pages, wait_for_job

pytestmark = pytest.mark.browser

ROSTER = ROOT / "fixtures" / "roster"


def test_senco_journey(page: Any, pages: Pages, tmp_path: Path) -> None:
    page.goto("/")
    page.get_by_role("link", name="Start a school run").click()
    pages.check("senco-upload")

    page.get_by_role("button", name="Upload and check").click()  # nothing chosen
    assert "Select your MIS export" in page.inner_text(".govuk-error-summary")
    page.set_input_files("#roster", str(ROSTER / "roster-with-bad-rows.csv"))
    page.set_input_files("#school", str(ROSTER / "school.yaml"))
    page.get_by_role("button", name="Upload and check").click()

    pages.check("senco-check")
    table = page.inner_text("table")
    assert "6 pupils found" in page.inner_text("main")
    assert "3 cannot be made" in page.inner_text("main")
    assert "the check letter should be K, not A" in table
    assert "'31/02/2019' is not a real date" in table
    assert "Amelia" in table

    page.get_by_label("SEN support plan").first.check()
    page.get_by_label("Word documents").check()
    page.get_by_role("button", name="Make the documents").click()
    wait_for_job(page, "/result")

    pages.check("senco-result")
    assert "3 made" in page.inner_text("main")
    with page.expect_download() as info:
        page.get_by_role("link", name="Download all the documents (zip)").click()
    zip_path = tmp_path / "documents.zip"
    info.value.save_as(zip_path)
    with zipfile.ZipFile(zip_path) as archive:
        names = archive.namelist()
        plans = [n for n in names if n.endswith(".docx")]
        assert len(plans) == 3
        manifest = next(n for n in names if n.endswith("manifest.csv"))
        rows = list(csv.DictReader(io.StringIO(archive.read(manifest).decode("utf-8-sig"))))
        assert len(rows) == 6
        amelia = next(n for n in plans if "Adeyemi_Amelia" in n)
        archive.extract(amelia, tmp_path)
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / amelia)).paragraphs)
    assert "Amelia" in text

    with page.expect_download() as info:
        page.get_by_role("link", name="Download the provision map (Word)").click()
    map_path = tmp_path / "map.docx"
    info.value.save_as(map_path)
    cells = [c.text for t in docx.Document(str(map_path)).tables for r in t.rows for c in r.cells]
    assert any("Adeyemi" in c for c in cells)

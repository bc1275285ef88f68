"""The solicitor's journey in Chromium: documents in, details set and reordered, bundle out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader, PdfWriter

from tests.conftest import ROOT
from tests.web.conftest import Pages, wait_for_job

pytestmark = pytest.mark.browser

EVIDENCE = ROOT / "fixtures" / "bundle" / "evidence"


def _locked_pdf(folder: Path) -> Path:
    writer = PdfWriter(clone_from=EVIDENCE / "school-report.pdf")
    writer.encrypt("secret", algorithm="AES-128")
    path = folder / "locked report.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def test_solicitor_journey(page: Any, pages: Pages, tmp_path: Path) -> None:
    page.goto("/")
    page.get_by_role("link", name="Start a bundle").click()
    pages.check("bundle-start")
    page.fill("#title", "Appeal bundle — Ahmed v Anyshire County Council")
    page.fill("#reference", "EH999/25/00001")
    inputs = ["decision-letter.pdf", "ep-report.pdf", "salt-report.pdf"]
    page.set_input_files(
        "#files", [str(EVIDENCE / n) for n in inputs] + [str(_locked_pdf(tmp_path))]
    )
    page.get_by_role("button", name="Upload and continue").click()

    pages.check("bundle-documents")
    rows = page.locator("tbody tr")
    assert rows.count() == 4
    # Set the decision letter's details and put it in section A.
    rows.nth(0).get_by_role("link", name="Change").click()
    pages.check("bundle-document")
    page.fill("#title", "Decision not to amend the EHC plan")
    page.fill("#author", "Anyshire County Council")
    page.fill("#date-day", "2")
    page.fill("#date-month", "3")
    page.fill("#date-year", "2026")
    page.select_option("#section", "A")
    page.select_option("#kind", "decision_letter")
    page.get_by_role("button", name="Save").click()
    # Reorder: the SALT report (third in section D) moves up above the EP report.
    titles = page.locator("tbody tr td:nth-child(2)").all_inner_texts()
    salt = next(n for n, t in enumerate(titles) if "salt" in t.lower())
    page.locator("tbody tr").nth(salt).get_by_role("button", name="Up").click()
    titles_after = page.locator("tbody tr td:nth-child(2)").all_inner_texts()
    assert titles_after.index(titles[salt]) == salt - 1

    page.get_by_role("button", name="Build the bundle").click()
    wait_for_job(page, "/result")
    pages.check("bundle-result")
    main = page.inner_text("main")
    assert "Practice Direction checks" in main
    assert "Documents left out" in main and "locked report.pdf" in main
    with page.expect_download() as info:
        page.get_by_role("link", name="Download the bundle (PDF)").click()
    bundle = tmp_path / "bundle.pdf"
    info.value.save_as(bundle)
    reader = PdfReader(bundle)
    assert f"{len(reader.pages)} pages" in page.inner_text("#page-count")
    expected = sum(len(PdfReader(EVIDENCE / n).pages) for n in inputs)
    assert len(reader.pages) > expected  # the index pages come first
    first = reader.pages[0].extract_text()
    assert "Decision not to amend the EHC plan" in first

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


PASSWORD = "Tr0ub4dor &3 kept-secret"  # a space inside: kept as typed


def _locked_pdf(folder: Path, name: str, password: str) -> Path:
    writer = PdfWriter(clone_from=EVIDENCE / "school-report.pdf")
    writer.encrypt(password, algorithm="AES-128")
    path = folder / name
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def _holds(folder: Path, secret: bytes) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and secret in p.read_bytes()]


def test_solicitor_journey(page: Any, pages: Pages, tmp_path: Path, web_data: Path) -> None:
    page.goto("/")
    page.get_by_role("link", name="Start a bundle").click()
    pages.check("bundle-start")
    page.fill("#title", "Appeal bundle — Ahmed v Anyshire County Council")
    page.fill("#reference", "EH999/25/00001")
    inputs = ["decision-letter.pdf", "ep-report.pdf", "salt-report.pdf"]
    locked = [
        _locked_pdf(tmp_path, "locked report.pdf", PASSWORD),
        _locked_pdf(tmp_path, "other locked.pdf", "not given"),
    ]
    page.set_input_files("#files", [str(EVIDENCE / n) for n in inputs] + [str(p) for p in locked])
    page.get_by_role("button", name="Upload and continue").click()

    pages.check("bundle-documents")
    rows = page.locator("tbody tr")
    assert rows.count() == 5
    assert page.locator("tbody .govuk-tag", has_text="Password needed").count() == 2

    # The password for one encrypted PDF, typed on its page: never shown again.
    rows.filter(has_text="locked report.pdf").get_by_role("link", name="Change").click()
    pages.check()
    pages.screenshot("bundle-password", scroll_to="#password")
    assert "protected by a password" in page.inner_text("main")
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Save").click()
    assert rows.filter(has_text="locked report.pdf").locator(".govuk-tag").inner_text() == (
        "Password given"
    )
    rows.filter(has_text="locked report.pdf").get_by_role("link", name="Change").click()
    assert "A password has been given" in page.inner_text("main")
    assert PASSWORD not in page.content() and page.input_value("#password") == ""
    page.get_by_role("link", name="Back").click()
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
    assert "Documents left out" in main and "other locked.pdf" in main
    assert "locked report.pdf" not in main  # opened with its password, so included
    assert PASSWORD not in page.content()
    with page.expect_download() as info:
        page.get_by_role("link", name="Download the bundle (PDF)").click()
    bundle = tmp_path / "bundle.pdf"
    info.value.save_as(bundle)
    reader = PdfReader(bundle)
    assert f"{len(reader.pages)} pages" in page.inner_text("#page-count")
    expected = sum(len(PdfReader(EVIDENCE / n).pages) for n in [*inputs, "school-report.pdf"])
    assert len(reader.pages) > expected  # the index pages come first
    first = reader.pages[0].extract_text()
    assert "Decision not to amend the EHC plan" in first
    # The password was never written to the app's data folder (nor its bundle.yaml).
    assert not _holds(web_data, PASSWORD.encode())

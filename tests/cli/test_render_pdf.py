"""`sendocs render --format pdf` with the real LibreOffice: no fakes here."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from sendocs.cli import main
from tests.conftest import CASES

pytestmark = pytest.mark.libreoffice


def test_render_pdf_reads_like_the_plan(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "render",
            "iep",
            str(CASES / "amara-okafor.yaml"),
            "-o",
            str(tmp_path),
            "--format",
            "both",
            "--date",
            "2026-11-23",
        ],
    )
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "Okafor_Amara_SEN_support_plan_2026-09-14.pdf"
    docx = pdf.with_suffix(".docx")
    assert docx.exists()
    assert (pdf.stat().st_mode & 0o777) == (docx.stat().st_mode & 0o777)
    reader = PdfReader(pdf)
    pages = [page.extract_text() for page in reader.pages]
    text = "\n".join(pages)
    assert "SEN support plan" in pages[0]
    assert "Amara Okafor" in pages[0]
    assert "14 March 2019" in text  # date of birth, en_GB
    assert "Monday 7 December 2026" in text  # the review date in full
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
    assert "{{" not in text and "None" not in text
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []

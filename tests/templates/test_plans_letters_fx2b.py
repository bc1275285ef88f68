"""Plans and s.68 letters, the rest of the second four-reader read (issue #10, s18 FX2b):
the letter's closing, signature and reply slip in one block that cannot split, so the
text above flows and the slip never stands alone."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sendocs.documents.parent_notification import PARENT_NOTIFICATION

from .helpers import load, open_docx, render_kind

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_the_privacy_paragraph_flows_and_the_closing_block_cannot_split() -> None:
    """E: only the closing block holds together; the privacy line keeps with nothing."""
    doc = open_docx(render_kind(load("leo-baxter"), PARENT_NOTIFICATION))
    privacy = [p for p in doc.paragraphs if p.text.startswith("Our privacy notice")]
    assert len(privacy) == 1
    assert privacy[0]._p.pPr is None or privacy[0]._p.pPr.keepNext_val is not True
    block = doc.tables[-1]
    assert block.rows[0]._tr.trPr.find(f"{W}cantSplit") is not None
    texts = [p.text for p in block.rows[0].cells[0].paragraphs]
    assert texts[0] == "Yours sincerely"
    assert "Mrs Anita Shah" in texts and "Enclosed: Leo\u2019s support plan" in texts
    assert block.rows[0].cells[0].tables[0].rows[0].cells[0].paragraphs[0].text == (
        "Reply slip: review meeting"
    )


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", ["leo-baxter", "ruby-clarke", "niamh-oconnor"])
def test_signature_and_slip_share_the_last_page(name: str, tmp_path: Path) -> None:
    from pypdf import PdfReader

    from sendocs.render.libreoffice import LibreOfficeConverter

    source = tmp_path / "letter.docx"
    source.write_bytes(render_kind(load(name), PARENT_NOTIFICATION, date=dt.date(2026, 11, 23)))
    with LibreOfficeConverter(mode="batch", workers=1) as converter:
        (pdf,) = converter.convert([source], tmp_path)
    pages = [page.extract_text() for page in PdfReader(pdf).pages]
    assert "Yours sincerely" in pages[-1] and "Reply slip: review meeting" in pages[-1]
    assert not any("Reply slip" in page for page in pages[:-1])

"""PDF output end to end with the real LibreOffice: a batch and a bundle with a DOCX.

Unit tests of the batch and bundle layers use a fake converter; these make sure
the real one is wired in where users run it.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from sendocs import RenderOptions, build_bundle, render_batch, render_document
from tests.conftest import CASES

pytestmark = pytest.mark.libreoffice


def test_batch_pdf_with_libreoffice(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    cases.mkdir()
    for name in ("amara-okafor.yaml", "niamh-oconnor.yaml"):
        shutil.copy(CASES / name, cases / name)
    report = render_batch(
        "parent-notification",
        cases,
        tmp_path / "out",
        options=RenderOptions(date=dt.date(2026, 11, 23)),
        jobs=1,
        fmt="pdf",
    )
    assert report.exit_code == 0
    pdfs = sorted((tmp_path / "out").glob("*.pdf"))
    # Niamh's parents live apart: one letter each, at their own address; Amara's share one.
    assert [p.name for p in pdfs] == [
        "OConnor_Niamh_SEN_notification_letter_2026-11-23_to_Mr_OConnor.pdf",
        "OConnor_Niamh_SEN_notification_letter_2026-11-23_to_Mrs_OConnor.pdf",
        "Okafor_Amara_SEN_notification_letter_2026-11-23.pdf",
    ]
    assert not list((tmp_path / "out").glob("*.docx"))  # pdf only

    def read(pdf: Path) -> str:
        return " ".join("\n".join(p.extract_text() for p in PdfReader(pdf).pages).split())

    father, mother, amara = (read(p) for p in pdfs)
    assert "Dear Mr O\u2019Connor" in father and "19 Harbour View" in father
    assert "Rose & Crown" not in father and "07700 900789" not in father
    assert "siobhan.oconnor@example.org" not in father
    assert "Dear Mrs O\u2019Connor" in mother and "2 Rose & Crown Cottages" in mother
    assert "Harbour View" not in mother
    for text in (father, mother):
        assert "Special educational provision for Niamh O\u2019Connor" in text
        assert "section 68 of the Children and Families Act 2014" in text
    assert "Dear Mr and Mrs Okafor" in amara
    assert "section 68 of the Children and Families Act 2014" in amara
    assert "Monday 7 December 2026" in amara


def test_bundle_with_a_docx_converted_by_libreoffice(tmp_path: Path) -> None:
    plan = render_document(
        "iep",
        CASES / "amara-okafor.yaml",
        tmp_path,
        options=RenderOptions(date=dt.date(2026, 11, 23)),
    ).path
    letter = tmp_path / "decision.pdf"
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(letter))
    canvas.drawString(72, 720, "Decision letter from Anyshire County Council")
    canvas.showPage()
    canvas.save()
    spec = tmp_path / "bundle.yaml"
    spec.write_text(
        f"""title: Appeal bundle - Okafor v Anyshire County Council
sections:
  - title: Appeal documents
    documents:
      - {{path: {letter.name}, title: Decision letter, date: 2026-10-01}}
  - title: School evidence
    documents:
      - {{path: {plan.name}, title: SEN support plan, date: 2026-09-14, author: Mr Tom Reid}}
"""
    )
    report = build_bundle(spec, tmp_path / "bundle.pdf")
    reader = PdfReader(tmp_path / "bundle.pdf")
    assert len(reader.pages) == report.pages == 1 + 1 + 4  # index, letter, 4-page plan
    plan_first = reader.pages[2].extract_text()
    assert "Amara Okafor" in plan_first and "SEN support plan" in plan_first
    for index, page in enumerate(reader.pages):
        assert str(index + 1) in page.extract_text().split()  # the stamped page number
    assert reader.page_labels == [str(n) for n in range(1, 7)]

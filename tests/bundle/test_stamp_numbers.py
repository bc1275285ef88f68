"""Every page's stamp is its own bundle page number, checked where chance cannot help.

The other bundle tests look for ``"2"`` in a page's text; a date or a page of
the evidence that says "page 2" would pass too. Here the evidence pages carry
decoy numbers of their own, the pages checked are numbered in the hundreds,
and the stamp's own content stream (drawn last, on top) must read exactly
the bundle page number.
"""

from __future__ import annotations

from pathlib import Path

from pypdf import PageObject, PdfReader
from pypdf.generic import NameObject
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from sendocs.bundle import build_bundle

from .conftest import doc, write_spec

REPORT_PAGES = 130


def make_report(path: Path, pages: int) -> Path:
    """A report whose page k says "Report page k of N": numbers that are not bundle pages."""
    path.parent.mkdir(parents=True, exist_ok=True)
    canvas = Canvas(str(path), pagesize=A4, invariant=True)
    for k in range(1, pages + 1):
        canvas.setFont("Helvetica", 12)
        canvas.drawString(60, A4[1] - 80, f"Report page {k} of {pages}")
        canvas.showPage()
    canvas.save()
    return path


def stamp_text(page: PageObject) -> str:
    """The text of the page's last content stream alone: the stamp sendocs drew."""
    contents = page["/Contents"]
    last = contents[-1].get_object() if isinstance(contents, list) else contents.get_object()
    probe = PageObject.create_blank_page(width=float(page.mediabox.width), height=100)
    probe[NameObject("/Resources")] = page["/Resources"]
    probe.replace_contents(last)
    return probe.extract_text().strip()


def test_stamps_are_the_bundle_page_numbers_not_the_evidences_own(tmp_path: Path) -> None:
    make_report(tmp_path / "ev" / "report.pdf", REPORT_PAGES)
    make_report(tmp_path / "ev" / "letter.pdf", 3)
    spec = {
        "title": "Appeal bundle",
        "appeal_reference": "EH999/25/00001",
        "hearing_date": "2026-11-23",
        "sections": [
            {
                "title": "Evidence",
                "order": "as_listed",
                "documents": [
                    doc("ev/report.pdf", "Educational psychology report", "2026-06-10"),
                    doc("ev/letter.pdf", "Letter", "2026-07-01"),
                ],
            }
        ],
    }
    out = tmp_path / "bundle.pdf"
    report = build_bundle(write_spec(tmp_path, spec), out)
    reader = PdfReader(out)
    index = report.index_pages
    assert len(reader.pages) == index + REPORT_PAGES + 3

    for number in (index + 1, 117, 118, index + REPORT_PAGES, len(reader.pages)):
        page = reader.pages[number - 1]
        assert stamp_text(page) == str(number), number
        text = page.extract_text()
        assert str(number) in text
    # page 117 is the report's own page 117 - index: its decoy says another number
    own = 117 - index
    assert f"Report page {own} of {REPORT_PAGES}" in reader.pages[116].extract_text()
    assert own != 117
    # the letter after the report restarts its own numbering; the bundle's does not
    assert "Report page 1 of 3" in reader.pages[index + REPORT_PAGES].extract_text()
    assert stamp_text(reader.pages[index + REPORT_PAGES]) == str(index + REPORT_PAGES + 1)


def test_stamp_streams_are_flate_data_every_decoder_reads() -> None:
    """The stamps are stored deflate blocks: zlib, qpdf and pypdf all read back the text."""
    import io
    import zlib

    import pikepdf

    from sendocs.bundle.stamp import _small_stream

    text = b"\nQ q BT 0 g /SdStamp 10 Tf 523.4 22 Td <0102> Tj ET Q"
    pdf = pikepdf.new()
    pdf.add_blank_page()
    stream = _small_stream(pdf, text)
    pdf.pages[0].obj.Contents = stream
    assert stream.stream_dict.Filter == pikepdf.Name.FlateDecode
    assert zlib.decompress(stream.read_raw_bytes()) == text
    assert stream.read_bytes() == text
    out = io.BytesIO()
    pdf.save(out)
    page = PdfReader(io.BytesIO(out.getvalue())).pages[0]
    assert page.get_contents().get_data() == text  # type: ignore[union-attr]

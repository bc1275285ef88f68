"""Pages whose text reads sideways are turned upright in the bundle (review D item 1)."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from sendocs.bundle import build_bundle
from sendocs.bundle.orientation import page_ranges, text_direction
from tests.bundle.conftest import doc, make_pdf, write_spec


def _spec(tmp_path: Path) -> Path:
    make_pdf(tmp_path / "ev" / "letter.pdf", 1)
    # three portrait pages saved with /Rotate 90: the text reads top to bottom
    make_pdf(tmp_path / "ev" / "report.pdf", 3, rotate=90)
    # a page saved properly turned: its text reads upright, it must stay as it is
    make_pdf(tmp_path / "ev" / "chart.pdf", 1, rotate=270, upright=True)
    spec = {
        "title": "Appeal bundle — orientation",
        "appeal_reference": "EH999/25/00002",
        "sections": [
            {
                "title": "Evidence",
                "order": "as_listed",
                "documents": [
                    doc("ev/letter.pdf", "Letter", "2026-03-02"),
                    doc("ev/report.pdf", "Therapy report", "2026-06-10"),
                    doc("ev/chart.pdf", "Chart", "2026-06-11"),
                ],
            }
        ],
    }
    return write_spec(tmp_path, spec)


def test_sideways_pages_are_turned_upright_and_reported_once(tmp_path: Path) -> None:
    out = tmp_path / "bundle.pdf"
    report = build_bundle(_spec(tmp_path), out)
    reader = PdfReader(out)
    report_pages = [
        p for p in range(len(reader.pages)) if "Sample evidence" in reader.pages[p].extract_text()
    ]
    assert len(report_pages) == 5  # letter, three report pages, chart
    for i in report_pages:
        page = reader.pages[i]
        assert text_direction(page) == page.rotation % 360, i  # reads upright as viewed
    assert [reader.pages[i].rotation for i in report_pages] == [0, 0, 0, 0, 270]
    turned = [w for w in report.warnings if w.code == "pages_turned_upright"]
    assert [w.message for w in turned] == [
        "'Therapy report': pages 1–3 read sideways and were turned upright."
    ]


def test_stamp_stays_upright_on_a_turned_page(tmp_path: Path) -> None:
    out = tmp_path / "bundle.pdf"
    build_bundle(_spec(tmp_path), out)
    reader = PdfReader(out)
    page = reader.pages[2]  # index, letter, then the first turned report page
    found: list[tuple[float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip() == "3":
            found.append((tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3]))

    page.extract_text(visitor_text=visit)
    assert found and found[-1][0] > 0 and abs(found[-1][1]) < 1e-6
    assert page.rotation == 0


def test_page_ranges_reads_as_people_write_it() -> None:
    assert page_ranges([0]) == "page 1"
    assert page_ranges([0, 1, 2]) == "pages 1–3"
    assert page_ranges([0, 1, 2, 4, 7, 8]) == "pages 1–3, 5 and 8–9"


def test_a_page_without_rotate_is_not_read_for_direction(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading text is the costly part: only pages saved with /Rotate are examined,
    and the bundle's reading of the content stream agrees with pypdf's text visitor."""
    import sendocs.bundle.orientation as orientation

    make_pdf(tmp_path / "plain.pdf", 1)
    make_pdf(tmp_path / "turned.pdf", 1, rotate=90)
    make_pdf(tmp_path / "upright.pdf", 1, rotate=270, upright=True)
    calls: list[int] = []
    original = orientation.content_direction

    def counted(page: pikepdf.Page) -> int | None:
        calls.append(1)
        return original(page)

    monkeypatch.setattr(orientation, "content_direction", counted)
    with pikepdf.open(tmp_path / "plain.pdf") as pdf:
        assert orientation.upright_rotation(pdf.pages[0]) is None
    assert calls == []
    # portrait text saved with /Rotate 90 reads upright again at /Rotate 0
    with pikepdf.open(tmp_path / "turned.pdf") as pdf:
        assert orientation.upright_rotation(pdf.pages[0]) == 0
    with pikepdf.open(tmp_path / "upright.pdf") as pdf:
        assert orientation.upright_rotation(pdf.pages[0]) is None
    assert calls == [1, 1]
    for name in ("plain", "turned", "upright"):
        with pikepdf.open(tmp_path / f"{name}.pdf") as pdf:
            fast = original(pdf.pages[0])
        assert fast == text_direction(PdfReader(tmp_path / f"{name}.pdf").pages[0]), name


_LINE = b"(The local authority has not specified the provision in section F) Tj"
_TRICKY_STREAMS = {
    # (content stream, direction the page's text runs)
    "upright": (b"BT /F1 10 Tf 1 0 0 1 50 700 Tm " + _LINE + b" ET", 0),
    "scaled upright": (b"q 2 0 0 2 0 0 cm BT /F1 5 Tf 1 0 0 1 9 9 Tm " + _LINE + b" ET Q", 0),
    "turned by cm": (b"q 0 1 -1 0 600 0 cm BT /F1 10 Tf 1 0 0 1 50 70 Tm " + _LINE + b" ET Q", 90),
    "turned by Tm": (b"BT /F1 10 Tf 0 -1 1 0 50 700 Tm " + _LINE + b" ET", 270),
    "upside down": (b"BT /F1 10 Tf -1 0 0 -1 500 700 Tm " + _LINE + b" ET", 180),
    "mirrored": (b"BT /F1 10 Tf 1 0 0 -1 50 700 Tm " + _LINE + b" ET", 0),
    "turned cm after Q": (
        b"q 0 1 -1 0 600 0 cm Q BT /F1 10 Tf 1 0 0 1 50 70 Tm " + _LINE + b" ET",
        0,
    ),
    "operator names in a string": (
        b"BT /F1 10 Tf 0 1 -1 0 50 70 Tm (see 0 1 -1 0 5 5 Tm and 1 0 0 1 0 0 cm) Tj ET",
        90,
    ),
    "hex and TJ": (
        b"BT /F1 10 Tf 0 1 -1 0 50 70 Tm <00410042004300440045004600470048> Tj "
        b"[(Speech and) -250 (language therapy)] TJ ET",
        90,
    ),
    "too little text": (b"BT /F1 10 Tf 1 0 0 1 50 700 Tm (p. 3) Tj ET", None),
    "no text": (b"q 100 0 0 100 0 0 cm /Im0 Do Q", None),
}


@pytest.mark.parametrize("name", sorted(_TRICKY_STREAMS))
def test_quick_reading_of_the_content_agrees_with_parsing_it(name: str) -> None:
    """The byte-level shortcut for upright pages (sendocs.bundle.orientation._upright_text)
    gives what parsing the stream gives, and never answers for a page it is unsure of."""
    from sendocs.bundle import orientation

    data, expected = _TRICKY_STREAMS[name]
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    page = pdf.pages[0]
    page.obj.Contents = pdf.make_stream(data)
    page.obj.Rotate = 90
    assert orientation._parsed_direction(page) == expected, name
    assert orientation.content_direction(page) == expected, name
    if orientation._upright_text(data):
        assert expected == 0, name


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the pages :mod:`sendocs.bundle.orientation` reads (content_direction calls)."""
    import sendocs.bundle.orientation as orientation

    calls: list[int] = []
    original = orientation.content_direction

    def counted(page: pikepdf.Page) -> int | None:
        calls.append(1)
        return original(page)

    monkeypatch.setattr(orientation, "content_direction", counted)
    return calls


def test_a_document_of_alike_pages_is_read_from_three(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Typed pages sharing one font dictionary and one /Rotate: the first, middle and
    last are read, and when they agree every page is turned (as reading each would)."""
    from sendocs.bundle import orientation

    make_pdf(tmp_path / "turned.pdf", 9, rotate=90)
    make_pdf(tmp_path / "upright.pdf", 9, rotate=270, upright=True)
    calls = _counting(monkeypatch)
    with pikepdf.open(tmp_path / "turned.pdf") as pdf:
        assert orientation._turns(pdf) == dict.fromkeys(range(9), 0)
        assert len(calls) == 3
        # what reading every page says
        assert [orientation.upright_rotation(p) for p in pdf.pages] == [0] * 9
    calls.clear()
    with pikepdf.open(tmp_path / "upright.pdf") as pdf:
        assert orientation._turns(pdf) == {}
    assert len(calls) == 3
    reader = PdfReader(tmp_path / "turned.pdf")
    assert {text_direction(page) for page in reader.pages} == {0}  # pypdf's reading agrees


def test_pages_that_differ_are_each_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page drawing an image, a page with another /Rotate, or a short document: every
    page saved with /Rotate is read, so one sideways page among upright ones is found."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    from sendocs.bundle import orientation

    upright = make_pdf(tmp_path / "upright.pdf", 6, rotate=270, upright=True)
    sideways = make_pdf(tmp_path / "sideways.pdf", 1, rotate=270)
    with pikepdf.open(upright) as pdf, pikepdf.open(sideways) as other:
        pdf.pages.insert(3, other.pages[0])  # its own font dictionary: not alike
        pdf.save(tmp_path / "mixed.pdf")
    calls = _counting(monkeypatch)
    with pikepdf.open(tmp_path / "mixed.pdf") as pdf:
        assert orientation._turns(pdf) == {3: 0}
    assert len(calls) == 7
    # a page drawing an image: read on its own, like every page of its document
    from io import BytesIO

    from PIL import Image

    png = BytesIO()
    Image.new("L", (8, 8), 128).save(png, "PNG")
    canvas = Canvas(str(tmp_path / "pictured.pdf"))
    for _ in range(5):
        canvas.setFont("Helvetica", 12)
        canvas.drawString(60, 760, "The local authority has not specified the provision")
        canvas.drawImage(ImageReader(BytesIO(png.getvalue())), 60, 600, 40, 40)
        canvas.showPage()
    canvas.save()
    with pikepdf.open(tmp_path / "pictured.pdf") as pdf:
        for page in pdf.pages:
            page.obj.Rotate = 90
        calls.clear()
        assert orientation._turns(pdf) == dict.fromkeys(range(5), 0)
    assert len(calls) == 5

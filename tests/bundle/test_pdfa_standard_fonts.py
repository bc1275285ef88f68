"""``--pdfa``: the standard 14 fonts embedded from URW base-35, other fonts through Ghostscript.

Issue 12: Ghostscript left 40 standard fonts unembedded in ten corpus documents
and rewrote each such document in turn. The standard fonts are now embedded on
the assembled bundle (no page rewritten, one program per font); Ghostscript
only sees documents with other unembedded fonts, several at once.
"""

from __future__ import annotations

import io
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

import sendocs.bundle.pdfa as pdfa_module
from sendocs.bundle import build_bundle
from sendocs.bundle.base14 import embed_standard_font, urw_available
from tests.bundle.conftest import doc, write_spec

pytestmark = pytest.mark.skipif(not urw_available(), reason="needs fonts-urw-base35")

FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


def standard_fonts_pdf(path: Path, fonts: list[str], pages: int = 2) -> Path:
    """A PDF naming standard fonts without embedding them (as reportlab does)."""
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=A4)
    for page in range(pages):
        y = 760
        for font in fonts:
            canvas.setFont(font, 12)
            canvas.drawString(60, y, f"Page {page + 1} in {font}: Sami needs speech therapy")
            y -= 20
        canvas.showPage()
    canvas.save()
    path.write_bytes(buf.getvalue())
    return path


def unembedded_truetype_pdf(path: Path, text: str) -> Path:
    """A PDF whose text uses Arial, a TrueType font not embedded (an office letter's habit)."""
    standard_fonts_pdf(path, ["Helvetica"], pages=1)
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        font = pdf.pages[0].obj.Resources.Font["/F1"]
        font.Subtype = Name.TrueType
        font.BaseFont = Name("/Arial")
        font.FirstChar, font.LastChar = 32, 126
        font.Widths = Array([round(stringWidth(chr(c), "Helvetica", 1000)) for c in range(32, 127)])
        font.FontDescriptor = pdf.make_indirect(
            Dictionary(
                Type=Name.FontDescriptor,
                FontName=Name("/Arial"),
                Flags=32,
                FontBBox=Array([-665, -325, 2000, 1040]),
                ItalicAngle=0,
                Ascent=905,
                Descent=-212,
                CapHeight=716,
                StemV=80,
            )
        )
        page = pdf.pages[0]
        page.Contents = pdf.make_stream(f"BT /F1 12 Tf 60 760 Td ({text}) Tj ET".encode("latin-1"))
        pdf.save(path)
    return path


def pdffonts_unembedded(path: Path) -> list[str]:
    lines = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    emb = lines[0].index(" emb ") + 1
    return [line for line in lines[2:] if line[emb : emb + 3] != "yes"]


def font_dicts(pdf: pikepdf.Pdf) -> list[Any]:
    return [
        obj for obj in pdf.objects if isinstance(obj, Dictionary) and obj.get("/Type") == Name.Font
    ]


def test_standard_fonts_are_embedded_without_ghostscript(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_ghostscript(source: Path, output: Path) -> None:
        raise AssertionError(f"Ghostscript ran on {source}")

    monkeypatch.setattr(pdfa_module, "_ghostscript_embed", no_ghostscript)
    fonts = ["Helvetica", "Helvetica-Bold", "Times-Roman", "Courier-Oblique", "Symbol"]
    standard_fonts_pdf(tmp_path / "a.pdf", fonts)
    standard_fonts_pdf(tmp_path / "b.pdf", ["Helvetica", "ZapfDingbats"], pages=3)
    spec = write_spec(
        tmp_path,
        {
            "title": "Standard fonts",
            "sections": [
                {"title": "Decisions", "documents": [doc("a.pdf", "Decision", "2026-01-01")]},
                {"title": "Reports", "documents": [doc("b.pdf", "Report", "2026-02-01")]},
            ],
        },
    )
    out = tmp_path / "bundle.pdf"
    report = build_bundle(spec, out, pdfa=True)

    assert pdffonts_unembedded(out) == []
    assert "pdfa_fonts_not_embedded" not in report.warning_codes()
    with pikepdf.open(out) as pdf:
        assert pdf.open_metadata().pdfa_status == "2B"
        by_name: dict[str, set[tuple[int, int]]] = {}
        for font in font_dicts(pdf):
            descriptor = font.get("/FontDescriptor")
            if font.get("/Subtype") == Name.Type0:
                descriptor = font.DescendantFonts[0].FontDescriptor
            assert isinstance(descriptor, Dictionary), font
            present = [k for k in FONT_FILES if k in descriptor]
            assert present, font.get("/BaseFont")
            if font.get("/Subtype") == Name.Type1:
                name = str(font.BaseFont)
                stream = descriptor[present[0]]
                by_name.setdefault(name, set()).add(stream.objgen)
                assert int(stream.Length1) > 0 and int(stream.Length2) > 0
                assert len(font.Widths) == int(font.LastChar) - int(font.FirstChar) + 1
                assert "/CharSet" not in descriptor
        # every standard font is there, each program stored once for the whole bundle
        assert set(by_name) == {"/" + f for f in {*fonts, "ZapfDingbats"}}
        assert all(len(streams) == 1 for streams in by_name.values()), by_name
    reader = PdfReader(out)
    assert reader.page_labels == [str(i + 1) for i in range(len(reader.pages))]
    text = reader.pages[report.documents[1].first_page - 1].extract_text()  # type: ignore[operator]
    assert "Page 1 in Helvetica: Sami needs speech therapy" in text


def test_documents_with_other_fonts_go_through_ghostscript_in_parallel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = pdfa_module._ghostscript_embed
    running: list[int] = []
    most = [0]
    lock = threading.Lock()

    def counting(source: Path, output: Path) -> None:
        with lock:
            running.append(1)
            most[0] = max(most[0], len(running))
        time.sleep(0.3)  # long enough for a second run to start beside it
        try:
            real(source, output)
        finally:
            with lock:
                running.pop()

    monkeypatch.setattr(pdfa_module, "_ghostscript_embed", counting)
    monkeypatch.setattr("sendocs.bundle.pdfa.os.cpu_count", lambda: 2)
    unembedded_truetype_pdf(tmp_path / "a.pdf", "Letter from the council")
    unembedded_truetype_pdf(tmp_path / "b.pdf", "Letter from the school")
    standard_fonts_pdf(tmp_path / "c.pdf", ["Helvetica"])
    spec = write_spec(
        tmp_path,
        {
            "title": "Office letters",
            "sections": [
                {
                    "title": "Correspondence",
                    "documents": [
                        doc("a.pdf", "Council letter", "2026-01-01"),
                        doc("b.pdf", "School letter", "2026-01-02"),
                        doc("c.pdf", "Report", "2026-01-03"),
                    ],
                }
            ],
        },
    )
    out = tmp_path / "bundle.pdf"
    report = build_bundle(spec, out, pdfa=True)
    assert most[0] == 2  # two Ghostscript runs at once; the Helvetica report not rewritten
    assert pdffonts_unembedded(out) == []
    reader = PdfReader(out)
    pages = {d.title: d.first_page for d in report.documents}
    assert "Letter from the council" in reader.pages[pages["Council letter"] - 1].extract_text()  # type: ignore[operator]
    assert "Letter from the school" in reader.pages[pages["School letter"] - 1].extract_text()  # type: ignore[operator]
    targets = {
        reader.get_page_number(a.get_object()["/Dest"][0].get_object())
        for a in reader.pages[0]["/Annots"]  # type: ignore[attr-defined]
    }
    assert {p - 1 for p in pages.values() if p is not None} <= targets  # index links kept


def test_missing_widths_come_from_the_urw_metrics(tmp_path: Path) -> None:
    with pikepdf.new() as pdf:
        font = pdf.make_indirect(
            Dictionary(
                Type=Name.Font,
                Subtype=Name.Type1,
                BaseFont=Name("/Times-Roman"),
                Encoding=Dictionary(
                    BaseEncoding=Name.WinAnsiEncoding, Differences=Array([65, Name("/Eacute")])
                ),
            )
        )
        shared: dict[str, pikepdf.Object] = {}
        assert embed_standard_font(pdf, font, shared)
        first = int(font.FirstChar)
        widths = [int(w) for w in font.Widths]
        assert widths[ord("B") - first] == 667  # Adobe's Times-Roman B
        assert widths[65 - first] == 611  # code 65 redrawn as Eacute
        assert widths[0x93 - first] == 444  # WinAnsi quotedblleft
        assert int(font.FontDescriptor.Flags) & 2  # serif
        assert font.FontDescriptor.FontFile.objgen == shared["Times-Roman"].objgen
        other = Dictionary(Type=Name.Font, Subtype=Name.TrueType, BaseFont=Name("/Arial"))
        assert not embed_standard_font(pdf, other, shared)


def test_a_forms_default_fonts_are_embedded_too(tmp_path: Path) -> None:
    standard_fonts_pdf(tmp_path / "a.pdf", ["Helvetica"], pages=1)
    with pikepdf.open(tmp_path / "a.pdf") as pdf:
        # the default fonts Word and Acrobat give a form, for fields typed later
        helv = pdf.make_indirect(
            Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica)
        )
        zadb = pdf.make_indirect(
            Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.ZapfDingbats)
        )
        pdf.Root.AcroForm = Dictionary(
            Fields=Array(), DR=Dictionary(Font=Dictionary(Helv=helv, ZaDb=zadb))
        )
        assert pdfa_module.embed_standard_fonts(pdf) == set()
        page_font = pdf.pages[0].obj.Resources.Font["/F1"]
        assert helv.FontDescriptor.FontFile.objgen == page_font.FontDescriptor.FontFile.objgen
        assert int(zadb.FontDescriptor.Flags) & 4  # symbolic

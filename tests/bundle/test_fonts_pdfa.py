"""Embedded fonts on every page sendocs draws, and PDF/A-2b bundles (``--pdfa``).

``pdffonts`` (poppler) is the judge of embedding, as a court's IT would use it;
pikepdf reads the XMP declaration and the output intent. veraPDF is not packaged
for Debian, so full validation is not run here.
"""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pikepdf
from click.testing import CliRunner
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.pdfgen.canvas import Canvas

from sendocs.bundle import build_bundle, load_bundle_spec
from sendocs.cli.bundle import bundle as bundle_command
from sendocs.fonts import register_fonts
from sendocs.forms.continuation import Overflow, continuation_sheets
from tests.bundle.conftest import doc, make_pdf, write_spec

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "bundle" / "bundle.yaml"


def pdffonts(path: Path) -> list[tuple[str, str, bool]]:
    """(name, type, embedded) for every font object ``pdffonts`` lists."""
    lines = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    header = lines[0]
    emb = header.index(" emb ") + 1
    kind = header.index("type")
    rows = []
    for line in lines[2:]:
        name = line[:kind].strip()
        rows.append(
            (name, line[kind : header.index("encoding")].strip(), line[emb : emb + 3] == "yes")
        )
    return rows


def embedded_evidence(path: Path, pages: int, size: tuple[float, float] = A4) -> Path:
    """An evidence PDF whose own text uses an embedded font, as a PDF/A source would."""
    regular, _ = register_fonts()
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=size, initialFontName=regular)
    for _ in range(pages):
        canvas.setFont(regular, 12)
        canvas.drawString(60, size[1] - 80, "Evidence with an embedded font")
        canvas.showPage()
    canvas.save()
    path.write_bytes(buf.getvalue())
    return path


def test_nothing_is_left_unembedded_when_the_inputs_embed_theirs(tmp_path: Path) -> None:
    embedded_evidence(tmp_path / "a.pdf", 3)
    embedded_evidence(tmp_path / "b.pdf", 2, size=LETTER)
    spec = write_spec(
        tmp_path,
        {
            "title": "Appeal bundle — Łukasz Żółć and Ayşe Yılmaz",
            "child_name": "Zoë Ní Bhriain",
            "numbering": "section",
            "sections": [
                {"title": "Decisions", "documents": [doc("a.pdf", "Décision – LA", "2026-01-01")]},
                {"title": "Reports", "documents": [doc("b.pdf", "Report", "2026-02-01")]},
            ],
        },
    )
    out = tmp_path / "bundle.pdf"
    build_bundle(spec, out)
    fonts = pdffonts(out)
    assert fonts and all(embedded for _, _, embedded in fonts), fonts
    # one stamp font, embedded once and shared by all six pages
    with pikepdf.open(out) as pdf:
        stamp_fonts = {page.obj.Resources.Font["/SdStamp"].objgen for page in pdf.pages}
        assert len(stamp_fonts) == 1
        (stamp_font,) = (pdf.get_object(*objgen) for objgen in stamp_fonts)
        assert "/FontFile2" in stamp_font.FontDescriptor
    reader = PdfReader(out)
    assert "Łukasz Żółć" in reader.pages[0].extract_text()
    assert [p.extract_text().split()[-1] for p in reader.pages[1:]] == [
        "A1",
        "A2",
        "A3",
        "B1",
        "B2",
    ]


def test_fixture_bundle_embeds_every_font_sendocs_draws(tmp_path: Path) -> None:
    out = tmp_path / "bundle.pdf"
    build_bundle(FIXTURE, out)
    fonts = pdffonts(out)
    ours = [(name, embedded) for name, _, embedded in fonts if "LiberationSans" in name]
    assert ours and all(embedded for _, embedded in ours)
    # what is left unembedded comes from the evidence files themselves (Helvetica)
    assert {name for name, _, embedded in fonts if not embedded} <= {"Helvetica", "Helvetica-Bold"}


def test_continuation_sheets_embed_their_font(tmp_path: Path) -> None:
    data = continuation_sheets(
        [Overflow(1, "needs", "Needs", (2,), "Łukasz needs support – weekly.\n\nMore text.")],
        "SEND35",
        A4,
    )
    path = tmp_path / "sheets.pdf"
    path.write_bytes(data)
    fonts = pdffonts(path)
    assert fonts and all(embedded for _, _, embedded in fonts), fonts
    assert all("LiberationSans" in name for name, _, _ in fonts)


def test_pdfa_bundle_declares_pdfa2b_and_embeds_every_font(tmp_path: Path) -> None:
    out = tmp_path / "bundle.pdf"
    spec = load_bundle_spec(FIXTURE)
    report = build_bundle(spec, out, pdfa=True)

    fonts = pdffonts(out)
    assert fonts and all(embedded for _, _, embedded in fonts), fonts
    with pikepdf.open(out) as pdf:
        meta = pdf.open_metadata()
        assert meta.pdfa_status == "2B"
        assert meta["dc:title"] == spec.title
        assert pdf.pdf_version == "1.7"
        assert not pdf.is_encrypted
        (intent,) = pdf.Root.OutputIntents
        assert intent.S == "/GTS_PDFA1"
        assert int(intent.DestOutputProfile.N) == 3
        assert len(intent.DestOutputProfile.read_bytes()) > 1000
        assert "/JavaScript" not in pdf.Root.get("/Names", {})
        for page in pdf.pages:
            for annot in page.obj.get("/Annots", []):
                assert int(annot.F) & 4  # printable

    # navigation and numbers survive the conversion
    reader = PdfReader(out)
    assert len(reader.pages) == report.pages == 73  # a two-page index, then 71 pages
    assert reader.page_labels == [str(i + 1) for i in range(73)]
    for i in (0, 5, 25):
        assert str(i + 1) in reader.pages[i].extract_text().split()
    links = [len(reader.pages[i].get("/Annots", [])) for i in (0, 1)]
    assert sum(links) == 17 and min(links) >= 4  # 5 sections, 12 documents, on both pages
    assert len(reader.outline) > 5
    assert "Sami Ahmed" in reader.pages[0].extract_text()


def test_cli_pdfa_flag(tmp_path: Path) -> None:
    make_pdf(tmp_path / "a.pdf", 2)  # Helvetica, not embedded: Ghostscript embeds it
    spec = write_spec(
        tmp_path,
        {
            "title": "CLI",
            "sections": [{"title": "S", "documents": [doc("a.pdf", "A", "2026-01-01")]}],
        },
    )
    out = tmp_path / "b.pdf"
    result = CliRunner().invoke(bundle_command, [str(spec), "-o", str(out), "--pdfa"])
    assert result.exit_code == 0, result.output
    assert all(embedded for _, _, embedded in pdffonts(out))
    with pikepdf.open(out) as pdf:
        assert pdf.open_metadata().pdfa_status == "2B"

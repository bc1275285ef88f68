"""OCR for real: a scanned page the test makes is read by tesseract through ocrmypdf.

The scan is an image of typed text (rendered with Pillow at 300 dpi, no text
layer at all); with ``ocr=True`` its words must come back out of the bundle's
text layer, and the stamp, page label and index link must still be right.
"""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest
from PIL import Image, ImageDraw, ImageFont
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from sendocs.bundle import build_bundle
from sendocs.bundle.textlayer import image_only_pages, image_only_pages_qpdf
from sendocs.errors import BundleError
from sendocs.fonts import FONT_DIR
from tests.bundle.conftest import doc, make_pdf, write_spec

LINES = [
    "Anyshire County Council",
    "Decision not to issue an EHC plan",
    "The tribunal appeal deadline is two months",
    "Speech and language therapy weekly",
]
WORDS = ["Anyshire", "Council", "Decision", "tribunal", "deadline", "therapy", "weekly"]


def scanned_page(path: Path, lines: list[str] = LINES) -> Path:
    """An A4 PDF page that is only a 300 dpi greyscale image of typed text."""
    dpi = 300
    width, height = round(A4[0] / 72 * dpi), round(A4[1] / 72 * dpi)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT_DIR / "LiberationSans-Regular.ttf"), 50)  # 12 pt
    y = 300
    for line in lines:
        draw.text((250, y), line, font=font, fill=0)
        y += 90
    png = io.BytesIO()
    image.save(png, format="PNG", dpi=(dpi, dpi))
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    canvas.drawImage(ImageReader(io.BytesIO(png.getvalue())), 0, 0, A4[0], A4[1])
    canvas.showPage()
    canvas.save()
    path.write_bytes(out.getvalue())
    return path


def _spec(tmp_path: Path) -> Path:
    make_pdf(tmp_path / "typed.pdf", 2, text="Typed letter from the school")
    scanned_page(tmp_path / "scan.pdf")
    return write_spec(
        tmp_path,
        {
            "title": "OCR bundle",
            "sections": [
                {
                    "title": "Local authority",
                    "documents": [
                        doc("typed.pdf", "School letter", "2026-01-05"),
                        doc("scan.pdf", "Scanned decision letter", "2026-01-06"),
                    ],
                }
            ],
        },
    )


def test_the_generated_scan_has_no_text_layer(tmp_path: Path) -> None:
    reader = PdfReader(scanned_page(tmp_path / "scan.pdf"))
    assert image_only_pages(reader) == [0]
    with pikepdf.open(tmp_path / "scan.pdf") as pdf:  # the finder the bundle's vetting uses
        assert image_only_pages_qpdf(pdf) == [0]
    assert reader.pages[0].extract_text().strip() == ""


def test_ocr_puts_the_scans_words_into_the_bundle(tmp_path: Path) -> None:
    out = tmp_path / "bundle.pdf"
    report = build_bundle(_spec(tmp_path), out, ocr=True)
    assert "no_text_layer" not in report.warning_codes()
    reader = PdfReader(out)
    assert len(reader.pages) == 1 + 2 + 1
    scan_text = reader.pages[3].extract_text()
    for word in WORDS:
        assert word in scan_text, (word, scan_text)
    # still stamped with its own number, labelled the same, linked from the index
    assert "4" in scan_text.split()
    assert reader.page_labels == ["1", "2", "3", "4"]
    targets = []
    for ref in reader.pages[0]["/Annots"]:
        dest = ref.get_object()["/Dest"][0]
        targets.append(reader.get_page_number(dest.get_object()))
    assert targets == [1, 1, 3]
    # the typed pages were not OCRed (their text is as it was, once)
    assert reader.pages[1].extract_text().count("Typed letter from the school") == 1
    assert report.documents[1].page_range == "4"


def test_without_ocr_the_scan_is_reported(tmp_path: Path) -> None:
    report = build_bundle(_spec(tmp_path), tmp_path / "bundle.pdf")
    assert "no_text_layer" in report.warning_codes()
    assert "Anyshire" not in PdfReader(tmp_path / "bundle.pdf").pages[3].extract_text()


def test_ocr_without_ocrmypdf_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = _spec(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path))  # neither ocrmypdf nor tesseract here
    with pytest.raises(BundleError, match="apt-get install ocrmypdf tesseract-ocr"):
        build_bundle(spec, tmp_path / "bundle.pdf", ocr=True)
    assert not (tmp_path / "bundle.pdf").exists()


def test_cli_ocr_flag_reaches_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from sendocs.cli.bundle import bundle

    spec = _spec(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path))  # no ocrmypdf: the flag must reach OCR and say so
    result = CliRunner().invoke(bundle, [str(spec), "-o", str(tmp_path / "b.pdf"), "--ocr"])
    assert result.exit_code == 1
    assert "tesseract-ocr-eng" in result.output
    assert "Traceback" not in result.output

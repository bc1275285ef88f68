"""Helpers for bundle tests: generated evidence PDFs, specs, a fake DOCX converter.

Sample pages carry no digits of their own, so a page's extracted text
containing ``"17"`` can only come from the stamp.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
import yaml
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

WORDS = "Sample evidence page for the appeal bundle tests"


def make_pdf(
    path: Path,
    pages: int = 1,
    *,
    size: tuple[float, float] = A4,
    rotate: int = 0,
    text: str = WORDS,
    upright: bool = False,
) -> Path:
    """A text PDF of ``pages`` pages (optionally saved with /Rotate).

    With ``upright`` the text is drawn turned by ``rotate`` so that it reads
    upright as viewed (a page saved properly turned); without it a /Rotate page
    reads sideways, and the bundle turns it back (:mod:`sendocs.bundle.orientation`).
    """
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=size, pageCompression=1)
    for _ in range(pages):
        canvas.setFont("Helvetica", 12)
        if upright and rotate:
            canvas.saveState()
            canvas.translate(size[0] / 2, size[1] / 2)
            canvas.rotate(rotate)
            canvas.drawString(-150, 0, text)
            canvas.restoreState()
        else:
            canvas.drawString(60, size[1] - 80, text)
        canvas.showPage()
    canvas.save()
    data = buf.getvalue()
    if rotate:
        reader = PdfReader(io.BytesIO(data))
        writer = PdfWriter()
        for page in reader.pages:
            page.rotate(rotate)
            writer.add_page(page)
        out = io.BytesIO()
        writer.write(out)
        data = out.getvalue()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def write_spec(folder: Path, spec: dict[str, Any], name: str = "bundle.yaml") -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(spec, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def doc(path: str, title: str, date: str, **extra: Any) -> dict[str, Any]:
    return {"path": path, "title": title, "date": date, **extra}


class FakeConverter:
    """Stands in for LibreOffice: each "docx" file holds a page count as text."""

    def __init__(self) -> None:
        self.calls: list[list[Path]] = []

    def convert(self, sources: Sequence[Path], out_dir: Path, *, pdfa: bool = False) -> list[Path]:
        self.calls.append(list(sources))
        outputs = []
        for src in sources:
            pages = int(src.read_text(encoding="utf-8").strip() or "1")
            outputs.append(make_pdf(out_dir / f"{src.stem}.pdf", pages, text="Converted letter"))
        return outputs


@pytest.fixture
def fake_converter() -> FakeConverter:
    return FakeConverter()


@pytest.fixture
def pdf_factory(tmp_path: Path) -> Callable[..., Path]:
    def factory(name: str, pages: int = 1, **kw: Any) -> Path:
        return make_pdf(tmp_path / name, pages, **kw)

    return factory

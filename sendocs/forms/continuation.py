"""Continuation sheets: the full text of every box that was too small.

Each overflowing field gets its own numbered sheet, starting on a new page
at the end of the form, headed with the form's name, the field's label and
where the box is, so a reader can match "… continued on sheet 2" to it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer

__all__ = ["Overflow", "continuation_sheets"]

_FONT_DIRS = (
    Path("/usr/share/fonts/truetype/liberation2"),
    Path("/usr/share/fonts/truetype/liberation"),
)


@dataclass(frozen=True)
class Overflow:
    """A field whose text did not fit: which sheet holds it, and the full text."""

    sheet: int
    field: str
    label: str
    pages: tuple[int, ...]
    text: str


def _fonts() -> tuple[str, str]:
    """Liberation Sans (covers more than Latin-1: names in other scripts) if installed."""
    for folder in _FONT_DIRS:
        regular, bold = folder / "LiberationSans-Regular.ttf", folder / "LiberationSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            if "SendocsSans" not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont("SendocsSans", str(regular)))
                pdfmetrics.registerFont(TTFont("SendocsSans-Bold", str(bold)))
            return "SendocsSans", "SendocsSans-Bold"
    return "Helvetica", "Helvetica-Bold"


def continuation_sheets(
    overflows: list[Overflow], form_title: str, page_size: tuple[float, float]
) -> bytes:
    """A PDF with one continuation sheet per overflow, sized like the form's pages."""
    regular, bold = _fonts()
    ink = HexColor("#1a1a1a")
    accent = HexColor("#1f4e79")
    title = ParagraphStyle("title", fontName=bold, fontSize=15, leading=19, textColor=accent)
    meta = ParagraphStyle(
        "meta", fontName=regular, fontSize=9.5, leading=13, textColor=HexColor("#555555")
    )
    label = ParagraphStyle(
        "label", fontName=bold, fontSize=11.5, leading=15, textColor=ink, spaceBefore=6
    )
    body = ParagraphStyle(
        "body", fontName=regular, fontSize=11, leading=15.5, textColor=ink, spaceAfter=6
    )
    story: list[object] = []
    for index, item in enumerate(overflows):
        if index:
            story.append(PageBreak())
        story.append(Paragraph(f"Continuation sheet {item.sheet}", title))
        where = ", ".join(str(p) for p in item.pages)
        page_note = f" on page {where}" if where else ""
        story.append(
            Paragraph(f"{escape(form_title)}: continues the box{page_note} named below.", meta)
        )
        story.append(Spacer(1, 4 * mm))
        story.append(Paragraph(escape(item.label), label))
        for paragraph in item.text.replace("\r\n", "\n").split("\n\n"):
            if paragraph.strip():
                story.append(Paragraph(escape(paragraph.strip()).replace("\n", "<br/>"), body))
    buffer = io.BytesIO()

    def footer(canvas: object, doc: object) -> None:
        canvas.saveState()  # type: ignore[attr-defined]
        canvas.setFont(regular, 8.5)  # type: ignore[attr-defined]
        canvas.setFillColor(HexColor("#666666"))  # type: ignore[attr-defined]
        canvas.drawString(  # type: ignore[attr-defined]
            20 * mm, 12 * mm, f"{form_title}: continuation sheet"
        )
        canvas.restoreState()  # type: ignore[attr-defined]

    document = SimpleDocTemplate(
        buffer,
        pagesize=page_size,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=22 * mm,
        title=f"{form_title}: continuation sheets",
    )
    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()

"""Continuation sheets: the full text of every box that was too small.

Each overflowing field gets its own numbered sheet, starting on a new page
at the end of the form, headed with the form's name, the field's label and
where the box is, so a reader can match "… continued on sheet 2" to it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer

from sendocs.fonts import register_fonts

__all__ = ["Overflow", "continuation_sheets"]


@dataclass(frozen=True)
class Overflow:
    """A field whose text did not fit: which sheet holds it, and the full text."""

    sheet: int
    field: str
    label: str
    pages: tuple[int, ...]
    text: str
    marker: str = ""  # the short mark in a box too small for words ("*2"), else ""


def _fonts() -> tuple[str, str]:
    """Liberation Sans, shipped and embedded (covers names in most European scripts)."""
    return register_fonts()


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
        mark = f" (the box shows “{escape(item.marker)}”)" if item.marker else ""
        story.append(
            Paragraph(
                f"{escape(form_title)}: continues the box{page_note}{mark} named below.", meta
            )
        )
        if item.label != item.field:
            story.append(Paragraph(f"Form field: {escape(item.field)}", meta))
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
        initialFontName=regular,  # written into every page's fonts: the embedded one
    )
    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()

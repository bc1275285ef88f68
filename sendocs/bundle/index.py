"""The bundle's index pages, drawn with reportlab, and where their links go.

Two passes: :func:`paginate_index` measures the rows (their heights do not
depend on page numbers, the page column has a fixed width), which fixes how
many pages the index takes; :func:`draw_index` then draws them with the final
numbers and records each row's rectangle as it is drawn, so the links are put
exactly on the rows without searching the rendered text.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from sendocs.bundle.inputs import BadDocument
from sendocs.bundle.layout import BundleLayout, PlacedDocument, PlacedSection
from sendocs.bundle.spec import BundleSpec
from sendocs.bundle.stamp import StampFont, reserve_stamp_codes
from sendocs.fonts import register_fonts
from sendocs.formatting import format_date

__all__ = ["IndexLink", "IndexPagination", "draw_index", "format_uk_date", "paginate_index"]

PAGE_W, PAGE_H = A4
MARGIN_X = 50.0
MARGIN_TOP = 56.0
MARGIN_BOTTOM = 64.0  # leaves room for the page-number stamp
COL_NO, COL_DATE, COL_PAGES = 30.0, 102.0, 78.0
COL_DESC = PAGE_W - 2 * MARGIN_X - COL_NO - COL_DATE - COL_PAGES
PAD = 4.0
BODY, SMALL, HEAD = 10.0, 8.5, 10.5
LEADING, SMALL_LEADING = 12.5, 10.5


def _index_fonts() -> tuple[str, str]:
    """(regular, bold) font names for the index: Liberation Sans, embedded (see sendocs.fonts)."""
    return register_fonts()


@lru_cache(maxsize=4096)  # babel's formatting is slow; a bundle repeats its dates
def format_uk_date(value: dt.date) -> str:
    """``23 November 2026``, as courts and tribunals write dates."""
    return format_date(value, "long", "en_GB")


@dataclass(frozen=True)
class _Row:
    """One row of the index table: a section heading or a document."""

    section: int
    document: int | None  # None for the section heading row
    height: float


@dataclass(frozen=True)
class IndexPagination:
    """Rows split over index pages (first pass: measured, not yet numbered)."""

    pages: list[list[_Row]]

    @property
    def page_count(self) -> int:
        return len(self.pages)


@dataclass(frozen=True)
class IndexLink:
    """A rectangle on an index page that jumps to a bundle page (0-based indices)."""

    index_page: int
    rect: tuple[float, float, float, float]
    target_page: int


def _header_lines(spec: BundleSpec, layout: BundleLayout | None = None) -> list[str]:
    """The first page's heading lines under the title: the tribunal, the parties, the
    references, who prepared the bundle and when, and, when the specification gives
    the appeal's evidence numbers, where each is in the bundle. The number of lines
    depends on the specification alone (pagination measures them before the pages are
    numbered; ``layout`` fills in the pages)."""
    regular, _ = _index_fonts()
    width = PAGE_W - 2 * MARGIN_X
    lines: list[str] = []
    if spec.tribunal:
        lines += simpleSplit(spec.tribunal, regular, BODY, width)
    if spec.appellants:
        lines += simpleSplit(f"Appellants: {spec.appellants}", regular, BODY, width)
    if spec.respondent:
        lines += simpleSplit(f"Respondent: {spec.respondent}", regular, BODY, width)
    lines += _reference_lines(spec)
    if spec.prepared_by or spec.prepared_on or spec.version:
        prepared = "Prepared" + (f" by {spec.prepared_by}" if spec.prepared_by else "")
        if spec.prepared_on:
            prepared += f" on {format_uk_date(spec.prepared_on)}"
        if spec.version:
            prepared += f", version {spec.version}"
        lines += simpleSplit(prepared, regular, BODY, width)
    lines += _evidence_lines(spec, layout)
    return lines


_REFS_PER_LINE = 4


def _evidence_lines(spec: BundleSpec, layout: BundleLayout | None) -> list[str]:
    """The appeal's evidence numbers (E1 …) and the bundle pages holding each, four to
    a line, in number order; pages are blank until the layout is known."""
    places: dict[str, str] = {}
    for si, section in enumerate(spec.sections):
        for document in section.documents:
            if document.ref:
                places[document.ref] = ""
                if layout is not None:
                    for placed in layout.sections[si].documents:
                        if placed.entry.spec is document and placed.first_page is not None:
                            places[document.ref] = layout.page_range(
                                placed.first_page, placed.last_page
                            )
    if not places:
        return []

    def order(ref: str) -> tuple[str, int]:
        digits = "".join(c for c in ref if c.isdigit())
        return ref.rstrip("0123456789"), int(digits) if digits else 0

    refs = sorted(places, key=order)
    cells = [f"{ref}: p. {places[ref]}" if places[ref] else f"{ref}: \u2013" for ref in refs]
    rows = [
        "    ".join(cells[i : i + _REFS_PER_LINE]) for i in range(0, len(cells), _REFS_PER_LINE)
    ]
    return ["Evidence numbers in the notice of appeal, and their bundle pages:", *rows]


def _reference_lines(spec: BundleSpec) -> list[str]:
    lines = []
    if spec.appeal_reference:
        lines.append(f"Appeal reference: {spec.appeal_reference}")
    if spec.child_name:
        lines.append(f"Child or young person: {spec.child_name}")
    if spec.hearing_date:
        lines.append(f"Hearing date: {format_uk_date(spec.hearing_date)}")
    return lines


def _title_lines(spec: BundleSpec) -> list[str]:
    _, bold = _index_fonts()
    lines: list[str] = simpleSplit(spec.title, bold, 16, PAGE_W - 2 * MARGIN_X)
    return lines


INDEX_HEADING = "Index"
"""The heading over the table on the index's first page (continuation pages say
"Index (continued)"), so a reader sees the page is the index, not a cover sheet."""


def _first_page_header_height(spec: BundleSpec) -> float:
    """The title, the case's lines, the gap under them and the "Index" heading: what
    :func:`draw_index` draws above the table on the first page, measured the same way."""
    return len(_title_lines(spec)) * 20 + len(_header_lines(spec)) * 14 + 18 + _CONTINUED_H


def _section_text(section: PlacedSection) -> str:
    return f"Section {section.label}: {section.spec.title}"


def _description_lines(doc: PlacedDocument) -> list[tuple[str, str, float]]:
    """(text, font, size) lines of a document's description cell."""
    regular, bold = _index_fonts()
    spec = doc.entry.spec
    lines = [(t, regular, BODY) for t in simpleSplit(spec.title, regular, BODY, COL_DESC - 2 * PAD)]
    if spec.author:
        lines += [
            (t, regular, SMALL)
            for t in simpleSplit(spec.author, regular, SMALL, COL_DESC - 2 * PAD)
        ]
    if isinstance(doc.entry, BadDocument):
        note = f"Not included: {doc.entry.reason}"
        lines += [(t, bold, SMALL) for t in simpleSplit(note, bold, SMALL, COL_DESC - 2 * PAD)]
    return lines


def _row_height(lines: list[tuple[str, str, float]]) -> float:
    return sum(LEADING if size == BODY else SMALL_LEADING for _, _, size in lines) + 2 * PAD


def paginate_index(spec: BundleSpec, sections: list[PlacedSection]) -> IndexPagination:
    """First pass: split the index rows over A4 pages (page numbers not needed yet).

    ``sections`` may come from a provisional layout: only titles, authors and
    reasons are measured here.
    """
    pages: list[list[_Row]] = [[]]
    top = PAGE_H - MARGIN_TOP - _first_page_header_height(spec) - _COLUMN_HEAD_H
    room = top - MARGIN_BOTTOM
    for si, section in enumerate(sections):
        heading = _Row(si, None, _heading_height(section))
        rows = [heading] + [
            _Row(si, di, _row_height(_description_lines(doc)))
            for di, doc in enumerate(section.documents)
        ]
        for ri, row in enumerate(rows):
            # keep a section heading with its first document
            need = row.height + (rows[1].height if ri == 0 and len(rows) > 1 else 0)
            if need > room and pages[-1]:
                pages.append([])
                room = PAGE_H - MARGIN_TOP - _CONTINUED_H - _COLUMN_HEAD_H - MARGIN_BOTTOM
            pages[-1].append(row)
            room -= row.height
    _fill_last_page(pages)
    return IndexPagination(pages)


_LAST_PAGE_ROWS = 4
"""The fewest rows a continuation page of the index carries: a page holding a single row
reads as blank and looks like a mistake, so rows are carried over to it."""


def _fill_last_page(pages: list[list[_Row]]) -> None:
    """Carry rows from the foot of the index's next-to-last page to its last page until
    that holds :data:`_LAST_PAGE_ROWS` rows (a page's foot never ends on a section
    heading). The last page only gains rows it had room for on a continuation page:
    it held a few rows, and the rows carried over fitted on a page with the title."""
    if len(pages) < 2:
        return
    before, last = pages[-2], pages[-1]
    room = PAGE_H - MARGIN_TOP - _CONTINUED_H - _COLUMN_HEAD_H - MARGIN_BOTTOM
    while len(last) < _LAST_PAGE_ROWS and len(before) > _LAST_PAGE_ROWS:
        carried = [before[-1]]
        if len(before) > 1 and before[-2].document is None:  # no heading left alone at a foot
            carried.insert(0, before[-2])
        if sum(r.height for r in [*carried, *last]) > room:
            return
        del before[-len(carried) :]
        last[:0] = carried


_COLUMN_HEAD_H = 20.0
_HEADING_W = PAGE_W - 2 * MARGIN_X - 2 * PAD - COL_PAGES
_CONTINUED_H = 24.0


def _heading_height(section: PlacedSection) -> float:
    _, bold = _index_fonts()
    lines = simpleSplit(_section_text(section), bold, HEAD, _HEADING_W)
    return len(lines) * LEADING + 2 * PAD + 4


def draw_index(
    spec: BundleSpec, layout: BundleLayout, pagination: IndexPagination
) -> tuple[bytes, list[IndexLink], tuple[str, StampFont]]:
    """Second pass: draw the index with final page numbers; return it, its links, and
    the stamp font: the index's own regular font, whose subset also holds every
    character of the page labels, so the bundle embeds it once for both (its name in
    the index pages' ``/Font`` resources, and the labels' codes).

    Each page's text is one text object (positioned strings), drawn over the page's
    rules and shading: reportlab's ``drawString`` makes a text object per string,
    which took about a third of the index's time."""
    regular, bold = _index_fonts()
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4, pageCompression=1, invariant=True, initialFontName=regular)
    stamp_font = reserve_stamp_codes(canvas, layout.labels)  # before drawing: codes first
    canvas.setTitle(spec.title)
    links: list[IndexLink] = []
    for pi, rows in enumerate(pagination.pages):
        text = canvas.beginText()
        text.setFillGray(0)  # drawn last: the shading's grey is the page's fill by then
        y = PAGE_H - MARGIN_TOP
        if pi == 0:
            text.setFont(bold, 16)
            for line in _title_lines(spec):
                y -= 16
                _put(text, MARGIN_X, y, line)
                y -= 4
            text.setFont(regular, BODY)
            for line in _header_lines(spec, layout):
                y -= 14
                _put(text, MARGIN_X, y, line)
            y -= 18
        text.setFont(bold, 12)
        y -= 14
        _put(text, MARGIN_X, y, INDEX_HEADING if pi == 0 else f"{INDEX_HEADING} (continued)")
        y -= _CONTINUED_H - 14
        y = _draw_column_heads(canvas, text, y)
        canvas.setStrokeGray(0.8)
        canvas.setLineWidth(0.5)
        for row in rows:
            section = layout.sections[row.section]
            x0, x1 = MARGIN_X, PAGE_W - MARGIN_X
            if row.document is None:
                _draw_heading(canvas, text, layout, section, y, row.height)
                target = section.first_page
            else:
                doc = section.documents[row.document]
                _draw_document(text, layout, doc, y)
                target = doc.first_page
            canvas.line(x0, y - row.height, x1, y - row.height)
            if target is not None:
                links.append(IndexLink(pi, (x0, y - row.height, x1, y), target))
            y -= row.height
        canvas.drawText(text)
        canvas.showPage()
    canvas.save()
    return out.getvalue(), links, stamp_font


def _put(text: PDFTextObject, x: float, y: float, string: str) -> None:
    text.setTextOrigin(x, y)
    text.textOut(string)


def _put_right(
    text: PDFTextObject, font: str, size: float, x: float, y: float, string: str
) -> None:
    """``string`` ending at ``x`` (reportlab's ``drawRightString``, in a text object)."""
    _put(text, x - stringWidth(string, font, size), y, string)


def _draw_column_heads(canvas: Canvas, text: PDFTextObject, y: float) -> float:
    _, bold = _index_fonts()
    text.setFont(bold, SMALL + 0.5)
    base = y - _COLUMN_HEAD_H + 6
    x = MARGIN_X + PAD
    for label, width in (("No.", COL_NO), ("Date", COL_DATE), ("Description", COL_DESC)):
        _put(text, x, base, label)
        x += width
    _put_right(text, bold, SMALL + 0.5, PAGE_W - MARGIN_X - PAD, base, "Pages")
    canvas.setStrokeGray(0)
    canvas.setLineWidth(0.8)
    canvas.line(MARGIN_X, y - _COLUMN_HEAD_H, PAGE_W - MARGIN_X, y - _COLUMN_HEAD_H)
    return y - _COLUMN_HEAD_H


def _draw_heading(
    canvas: Canvas,
    text: PDFTextObject,
    layout: BundleLayout,
    section: PlacedSection,
    y: float,
    height: float,
) -> None:
    regular, bold = _index_fonts()
    canvas.setFillGray(0.92)
    canvas.rect(MARGIN_X, y - height, PAGE_W - 2 * MARGIN_X, height, stroke=0, fill=1)
    text.setFillGray(0)
    text.setFont(bold, HEAD)
    lines = simpleSplit(_section_text(section), bold, HEAD, _HEADING_W)
    ty = y - PAD - HEAD - 1
    for line in lines:
        _put(text, MARGIN_X + PAD, ty, line)
        ty -= LEADING
    text.setFont(regular, BODY)
    first = section.first_page
    last = None if first is None else first + section.page_count - 1
    _put_right(
        text,
        regular,
        BODY,
        PAGE_W - MARGIN_X - PAD,
        y - PAD - HEAD - 1,
        layout.page_range(first, last),
    )


def _draw_document(
    text: PDFTextObject, layout: BundleLayout, doc: PlacedDocument, y: float
) -> None:
    regular, _ = _index_fonts()
    base = y - PAD - BODY + 1
    text.setFillGray(0)
    text.setFont(regular, BODY)
    _put(text, MARGIN_X + PAD, base, str(doc.number))
    _put(text, MARGIN_X + COL_NO + PAD, base, format_uk_date(doc.entry.spec.date))
    ty = base
    for string, font, size in _description_lines(doc):
        text.setFont(font, size)
        text.setFillGray(0 if size == BODY else 0.25)
        _put(text, MARGIN_X + COL_NO + COL_DATE + PAD, ty, string)
        ty -= LEADING if size == BODY else SMALL_LEADING
    text.setFillGray(0)
    text.setFont(regular, BODY)
    _put_right(
        text,
        regular,
        BODY,
        PAGE_W - MARGIN_X - PAD,
        base,
        layout.page_range(doc.first_page, doc.last_page),
    )

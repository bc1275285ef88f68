"""Page-number stamps, added by appending a tiny content stream to each page.

Merging a reportlab overlay onto every page (``merge_page``) rewrites each
page's content uncompressed and costs ×1.5–4 the merge time; wrapping the
original content in ``q … Q`` with two small shared/per-page streams costs a
few percent (measured: ENGINEERING.md, "Bundle stamping"). The original
content streams are not touched at all.

The number is drawn upright at the bottom right of the page *as viewed*: for
a page with ``/Rotate`` the stamp gets one matrix mapping the viewed
orientation onto the page's own coordinates. Positions are measured against
each page's crop box (the visible area), so A4, Letter and odd sizes all work.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pypdf import PageObject, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    RectangleObject,
    StreamObject,
)
from reportlab.pdfbase.pdfmetrics import stringWidth

__all__ = [
    "A4_SIZE",
    "STAMP_FONT_NAME",
    "stamp_pages",
    "viewed_to_user_matrix",
    "visible_box",
]

A4_SIZE = (595.2756, 841.8898)
STAMP_FONT_NAME = "/SdStamp"
_A4_TOLERANCE = 3.0
_BOXES = ("/CropBox", "/TrimBox", "/BleedBox", "/ArtBox")

Matrix = tuple[float, float, float, float, float, float]


def viewed_to_user_matrix(box: tuple[float, float, float, float], rotate: int) -> Matrix:
    """Matrix from viewed coordinates (origin at the viewed bottom left) to user space.

    ``rotate`` is the page's ``/Rotate`` (clockwise, a multiple of 90).
    """
    x0, y0, x1, y1 = box
    r = rotate % 360
    if r == 90:
        return (0, 1, -1, 0, x1, y0)
    if r == 180:
        return (-1, 0, 0, -1, x1, y1)
    if r == 270:
        return (0, -1, 1, 0, x0, y1)
    return (1, 0, 0, 1, x0, y0)


def _fmt(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _pdf_string(text: str) -> str:
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def _resolved(obj: DictionaryObject, key: str) -> Any:
    """``obj[key]`` followed through an indirect reference; None when absent."""
    value = obj.get(key)  # dict.get: does not resolve indirect references by itself
    return None if value is None else value.get_object()


def visible_box(page: PageObject) -> tuple[float, float, float, float]:
    """The crop box (else media box) as (x0, y0, x1, y1), normalised.

    Read directly: pypdf's ``page.cropbox`` property writes a default /CropBox
    into every page it is asked about, which adds ~40 bytes a page.
    """
    raw = _resolved(page, "/CropBox") or _resolved(page, "/MediaBox")
    values = [float(v) for v in raw] if raw is not None else [0.0, 0.0, *A4_SIZE]
    xs = sorted((values[0], values[2]))
    ys = sorted((values[1], values[3]))
    return xs[0], ys[0], xs[1], ys[1]


def _is_a4(width: float, height: float) -> bool:
    w, h = sorted((width, height))
    return abs(w - A4_SIZE[0]) <= _A4_TOLERANCE and abs(h - A4_SIZE[1]) <= _A4_TOLERANCE


def _fit_on_a4(page: PageObject, box: tuple[float, float, float, float]) -> tuple[str, tuple]:  # type: ignore[type-arg]
    """Scale and centre a non-A4 page on an A4 sheet of the same orientation.

    Returns the content prefix (matrix + clip to the old visible area) and the
    new box. Annotation rectangles are moved with the content.
    """
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    aw, ah = A4_SIZE if h >= w else (A4_SIZE[1], A4_SIZE[0])
    scale = min(aw / w, ah / h)
    ox, oy = (aw - w * scale) / 2, (ah - h * scale) / 2
    e, f = ox - x0 * scale, oy - y0 * scale
    prefix = (
        f"{_fmt(scale)} 0 0 {_fmt(scale)} {_fmt(e)} {_fmt(f)} cm "
        f"{_fmt(x0)} {_fmt(y0)} {_fmt(w)} {_fmt(h)} re W n\n"
    )
    for annot_ref in _resolved(page, "/Annots") or []:
        annot = annot_ref.get_object()
        if "/Rect" in annot:
            ax0, ay0, ax1, ay1 = (float(v) for v in annot["/Rect"])
            annot[NameObject("/Rect")] = RectangleObject(
                [ax0 * scale + e, ay0 * scale + f, ax1 * scale + e, ay1 * scale + f]
            )
    page[NameObject("/MediaBox")] = RectangleObject([0, 0, aw, ah])
    for name in _BOXES:
        if name in page:
            del page[name]
    return prefix, (0.0, 0.0, aw, ah)


def _stamp_ops(label: str, box: tuple[float, float, float, float], rotate: int) -> str:
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    view_w, view_h = (h, w) if rotate % 180 == 90 else (w, h)
    size = max(5.0, min(10.0, view_w / 30, view_h / 30))
    margin_x = min(36.0, view_w * 0.06)
    margin_y = min(22.0, view_h * 0.03)
    x = view_w - margin_x - stringWidth(label, "Helvetica", size)
    m = viewed_to_user_matrix(box, rotate)
    cm = "" if m == (1, 0, 0, 1, 0, 0) else " ".join(_fmt(v) for v in m) + " cm "
    # kept short: one of these is written for every page of the bundle
    return (
        f"q {cm}BT 0 g {STAMP_FONT_NAME} {_fmt(size)} Tf "
        f"{_fmt(x)} {_fmt(margin_y)} Td {_pdf_string(label)} Tj ET Q"
    )


def stamp_pages(writer: PdfWriter, labels: Sequence[str], *, a4: bool = False) -> None:
    """Stamp ``labels[i]`` on page ``i`` of ``writer``; with ``a4`` put other sizes on A4."""
    if len(labels) != len(writer.pages):
        raise ValueError(f"{len(labels)} labels for {len(writer.pages)} pages")
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }
    )
    font_ref = writer._add_object(font)
    open_ref = writer._add_object(_stream("q\n"))
    for page, label in zip(writer.pages, labels, strict=True):
        box = visible_box(page)
        rotate = int(page.rotation) % 360
        if rotate % 90:
            rotate = 0
        prefix_ref = open_ref
        if a4 and not _is_a4(box[2] - box[0], box[3] - box[1]):
            prefix, box = _fit_on_a4(page, box)
            prefix_ref = writer._add_object(_stream("q\n" + prefix))
        original = _contents_refs(writer, page)
        stamp_ref = writer._add_object(
            _stream(("\nQ " if original else "") + _stamp_ops(label, box, rotate))
        )
        parts = [prefix_ref, *original, stamp_ref] if original else [stamp_ref]
        page[NameObject("/Contents")] = ArrayObject(parts)
        _add_font(page, font_ref)


def _stream(text: str) -> StreamObject:
    stream = DecodedStreamObject()
    stream.set_data(text.encode("latin-1"))
    return stream


def _contents_refs(writer: PdfWriter, page: PageObject) -> list[IndirectObject]:
    """The page's content streams as indirect references (what an array must hold)."""
    raw = page.raw_get("/Contents") if "/Contents" in page else None
    if raw is None:
        return []
    if isinstance(raw, IndirectObject):
        target = raw.get_object()
        if isinstance(target, ArrayObject):
            return [_as_ref(writer, item) for item in target]
        return [raw]
    if isinstance(raw, ArrayObject):
        return [_as_ref(writer, item) for item in raw]
    if isinstance(raw, StreamObject):
        return [writer._add_object(raw)]
    return []


def _as_ref(writer: PdfWriter, item: object) -> IndirectObject:
    if isinstance(item, IndirectObject):
        return item
    assert isinstance(item, StreamObject)
    return writer._add_object(item)


def _add_font(page: PageObject, font_ref: IndirectObject) -> None:
    """Make the shared stamp font visible to the page (resources may be shared: harmless)."""
    resources = _resolved(page, "/Resources")
    if not isinstance(resources, DictionaryObject):
        resources = DictionaryObject()
        page[NameObject("/Resources")] = resources
    fonts = _resolved(resources, "/Font")
    if not isinstance(fonts, DictionaryObject):
        fonts = DictionaryObject()
        resources[NameObject("/Font")] = fonts
    fonts[NameObject(STAMP_FONT_NAME)] = font_ref

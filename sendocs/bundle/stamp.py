"""Page-number stamps, added by appending a tiny content stream to each page.

Merging a reportlab overlay onto every page rewrites each page's content and
costs ×1.5–4 the merge time; wrapping the original content in ``q … Q`` with
two small shared/per-page streams costs a few percent (measured:
ENGINEERING.md, "Bundle stamping"). The original content streams are not
touched at all.

The stamp font is Liberation Sans (``sendocs.fonts``), embedded once and shared
by every page: the index's own regular font, whose subset is made to hold the
labels' characters too (:func:`reserve_stamp_codes`), or, without an index, a
subset made on a scratch page and copied in. Labels are written in its codes.

The number is drawn upright at the bottom right of the page *as viewed*: for
a page with ``/Rotate`` the stamp gets one matrix mapping the viewed
orientation onto the page's own coordinates. Positions are measured against
each page's crop box (the visible area), so A4, Letter and odd sizes all work.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeGuard

import pikepdf
from pikepdf import Array, Dictionary
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from sendocs.fonts import register_fonts

__all__ = [
    "A4_SIZE",
    "STAMP_FONT_NAME",
    "StampFont",
    "page_rotation",
    "reserve_stamp_codes",
    "stamp_font",
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


def visible_box(page: pikepdf.Page) -> tuple[float, float, float, float]:
    """The crop box (else media box) of a page as (x0, y0, x1, y1), normalised.

    A box that is missing, malformed or degenerate reads as A4.
    """
    try:
        rect = pikepdf.Rectangle(page.cropbox)  # qpdf: crop box, else the (inherited) media box
        xs = sorted((rect.llx, rect.urx))
        ys = sorted((rect.lly, rect.ury))
    except (TypeError, ValueError, pikepdf.PdfError):
        raw = page.obj.get("/CropBox")
        if not _is_box(raw):
            raw = page.obj.get("/MediaBox")
        values = [float(v) for v in raw] if _is_box(raw) else [0.0, 0.0, *A4_SIZE]
        xs = sorted((values[0], values[2]))
        ys = sorted((values[1], values[3]))
    if xs[1] - xs[0] < 1 or ys[1] - ys[0] < 1:  # degenerate box: show it as A4
        return 0.0, 0.0, *A4_SIZE
    return xs[0], ys[0], xs[1], ys[1]


def _is_box(raw: Any) -> TypeGuard[Array]:
    return isinstance(raw, Array) and len(raw) == 4 and all(_is_number(v) for v in raw)


def _is_number(value: Any) -> bool:
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return True


def page_rotation(page: Dictionary) -> int:
    """The page's ``/Rotate`` normalised to 0, 90, 180 or 270 (odd values read as 0)."""
    raw = page.get("/Rotate")  # (a default argument costs five times the lookup)
    if raw is None:
        return 0
    try:
        rotate = int(raw) % 360
    except (TypeError, ValueError):
        return 0
    return rotate if rotate % 90 == 0 else 0


def _is_a4(width: float, height: float) -> bool:
    w, h = sorted((width, height))
    return abs(w - A4_SIZE[0]) <= _A4_TOLERANCE and abs(h - A4_SIZE[1]) <= _A4_TOLERANCE


def _fit_on_a4(
    page: Dictionary, box: tuple[float, float, float, float]
) -> tuple[str, tuple[float, float, float, float]]:
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
    annots = page.get("/Annots")
    for annot in annots if isinstance(annots, Array) else []:
        rect = annot.get("/Rect") if isinstance(annot, Dictionary) else None
        if _is_box(rect):
            ax0, ay0, ax1, ay1 = (float(v) for v in rect)
            annot.Rect = Array([ax0 * scale + e, ay0 * scale + f, ax1 * scale + e, ay1 * scale + f])
    page.MediaBox = Array([0, 0, aw, ah])
    for name in _BOXES:
        if name in page:
            del page[name]
    return prefix, (0.0, 0.0, aw, ah)


@dataclass(frozen=True)
class StampFont:
    """The shared stamp font in the bundle, and each label in its subset's codes."""

    font: pikepdf.Object | None  # an indirect font dictionary of the bundle
    codes: dict[str, bytes]
    widths: dict[str, float]  # at 1 pt

    def width(self, label: str, size: float) -> float:
        return self.widths[label] * size


def reserve_stamp_codes(canvas: Canvas, labels: Sequence[str]) -> tuple[str, StampFont]:
    """Give every character of ``labels`` a code in ``canvas``'s regular font subset.

    Call it before anything is drawn, so the labels' characters come first in the
    subset. Returns the subset's name in the canvas pages' ``/Font`` resources and
    the labels' codes and widths; the bundle then stamps with that same embedded
    font object (``StampFont.font`` is filled in by :func:`stamp_pages`).
    """
    regular, _ = register_fonts()
    font = pdfmetrics.getFont(regular)
    doc = canvas._doc
    # a subset code and a width per character (a dozen), not per label (hundreds):
    # reportlab's TrueType subsets code and measure text one character at a time
    char_code: dict[str, bytes] = {}
    char_width: dict[str, float] = {}
    for char in dict.fromkeys("".join(labels)):
        parts = font.splitString(char, doc)
        if any(subset != 0 for subset, _ in parts):  # over 200 distinct characters
            raise ValueError("page labels use too many different characters")
        char_code[char] = b"".join(part for _, part in parts)
        char_width[char] = pdfmetrics.stringWidth(char, regular, 1)
    # each character's code is one byte (subset 0): a label's codes are one translate
    to_codes = str.maketrans({c: code.decode("latin-1") for c, code in char_code.items()})
    width_of = char_width.__getitem__
    codes: dict[str, bytes] = {}
    widths: dict[str, float] = {}
    for label in dict.fromkeys(labels):
        codes[label] = label.translate(to_codes).encode("latin-1")
        widths[label] = sum(map(width_of, label))
    return font.getSubsetInternalName(0, doc), StampFont(None, codes, widths)


def stamp_font(pdf: pikepdf.Pdf, labels: Sequence[str]) -> StampFont:
    """Embed a subset of the stamp font holding every character of ``labels`` into ``pdf``."""
    regular, _ = register_fonts()
    buf = io.BytesIO()
    canvas = Canvas(buf, invariant=True, pageCompression=1, initialFontName=regular)
    internal, reserved = reserve_stamp_codes(canvas, labels)
    canvas.setFont(regular, 10)
    canvas.drawString(0, 0, " ")
    canvas.showPage()
    canvas.save()
    with pikepdf.open(io.BytesIO(buf.getvalue())) as scratch:
        copied = pdf.copy_foreign(scratch.pages[0].obj.Resources.Font[internal])
    return StampFont(copied, reserved.codes, reserved.widths)


@dataclass(frozen=True)
class _Placement:
    """Where stamps go on pages of one size and rotation (shared by most pages)."""

    head: str  # "q <matrix> cm BT 0 g /SdStamp <size> Tf "
    size: float
    right: float  # the label ends here (viewed x)
    baseline: str


def _placement(box: tuple[float, float, float, float], rotate: int) -> _Placement:
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    view_w, view_h = (h, w) if rotate % 180 == 90 else (w, h)
    size = max(5.0, min(10.0, view_w / 30, view_h / 30))
    margin_x = min(36.0, view_w * 0.06)
    margin_y = min(22.0, view_h * 0.03)
    m = viewed_to_user_matrix(box, rotate)
    cm = "" if m == (1, 0, 0, 1, 0, 0) else " ".join(_fmt(v) for v in m) + " cm "
    head = f"q {cm}BT 0 g {STAMP_FONT_NAME} {_fmt(size)} Tf "
    return _Placement(head, size, view_w - margin_x, _fmt(margin_y))


def _stamp_ops(label: str, font: StampFont, place: _Placement) -> bytes:
    # kept short: one of these is written for every page of the bundle
    x = place.right - font.width(label, place.size)
    return (
        f"{place.head}{_fmt(x)} {place.baseline} Td <{font.codes[label].hex()}> Tj ET Q"
    ).encode("ascii")


def stamp_pages(
    pdf: pikepdf.Pdf,
    labels: Sequence[str],
    *,
    a4: bool = False,
    font: StampFont | None = None,
) -> None:
    """Stamp ``labels[i]`` on page ``i`` of ``pdf``; with ``a4`` put other sizes on A4.

    ``font``: the labels' font already in ``pdf`` (the index's, see
    :func:`reserve_stamp_codes`); else a subset is embedded for them.
    """
    if len(labels) != len(pdf.pages):
        raise ValueError(f"{len(labels)} labels for {len(pdf.pages)} pages")
    if font is None or font.font is None:
        font = stamp_font(pdf, labels)
    font_ref = font.font
    if font_ref is None:  # stamp_font always embeds one
        raise RuntimeError("no stamp font")
    open_ref = _small_stream(pdf, b"q\n")
    placements: dict[tuple[tuple[float, float, float, float], int], _Placement] = {}
    fonts_done: set[tuple[int, int]] = set()
    for page_object, label in zip(list(pdf.pages), labels, strict=True):
        page = page_object.obj
        box = visible_box(page_object)
        rotate = page_rotation(page)
        prefix_ref = open_ref
        if a4 and not _is_a4(box[2] - box[0], box[3] - box[1]):
            prefix, box = _fit_on_a4(page, box)
            prefix_ref = _small_stream(pdf, b"q\n" + prefix.encode("ascii"))
        place = placements.get((box, rotate))
        if place is None:
            place = placements[box, rotate] = _placement(box, rotate)
        original = _contents(page)
        ops = _stamp_ops(label, font, place)
        stamp = _small_stream(pdf, b"\nQ " + ops if original else ops)
        page.Contents = Array([prefix_ref, *original, stamp] if original else [stamp])
        _add_font(page, font_ref, fonts_done)


def _small_stream(pdf: pikepdf.Pdf, data: bytes) -> pikepdf.Stream:
    """A new stream of a few dozen bytes, already in Flate form (one stored block).

    Saving compresses every stream that has no filter, and qpdf sets up a full
    zlib compressor (256 KiB of state) for each: for a stamp on each of 650 pages
    that was about half of the save time (benchmarks/bundle.py). Text this short
    does not compress (a stamp's 82 bytes deflate to 85), so the data is wrapped
    as one *stored* deflate block, which every Flate decoder reads, in a tenth of
    the time of even the smallest compressor; qpdf then copies it as it is (it
    never recompresses Flate data unless asked).
    """
    size = len(data)  # under 64 KiB: one stored block holds it
    packed = (
        b"\x78\x01\x01"  # zlib header; a final, stored block
        + size.to_bytes(2, "little")
        + (size ^ 0xFFFF).to_bytes(2, "little")
        + data
        + zlib.adler32(data).to_bytes(4, "big")
    )
    stream = pikepdf.Stream(pdf, packed)
    # through stream_dict: Stream.__setattr__ costs twice as much as the whole stream
    stream.stream_dict.Filter = _FLATE
    return stream


_FLATE = pikepdf.Name.FlateDecode


def _contents(page: Dictionary) -> list[pikepdf.Object]:
    """The page's content streams (what the new /Contents array must hold)."""
    raw = page.get("/Contents")
    if isinstance(raw, pikepdf.Stream):
        return [raw]
    if isinstance(raw, Array):
        return [item for item in raw if isinstance(item, pikepdf.Stream)]
    return []


def _add_font(
    page: Dictionary, font: pikepdf.Object, done: set[tuple[int, int]] | None = None
) -> None:
    """Make the shared stamp font visible to the page (resources may be shared: harmless).

    ``done``: the indirect ``/Font`` dictionaries already given it; most documents'
    pages share one (reportlab, LibreOffice, Word), so it is set once per document."""
    resources = page.get("/Resources")
    if not isinstance(resources, Dictionary):
        page.Resources = Dictionary(Font=Dictionary({STAMP_FONT_NAME: font}))
        return
    fonts = resources.get("/Font")
    if not isinstance(fonts, Dictionary):
        resources.Font = Dictionary({STAMP_FONT_NAME: font})
        return
    if done is not None and fonts.is_indirect:
        if fonts.objgen in done:
            return
        done.add(fonts.objgen)
    fonts[STAMP_FONT_NAME] = font

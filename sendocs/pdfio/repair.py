"""Repairs with pikepdf (qpdf) and, as a last resort, poppler's rasteriser.

Each function fixes one way real PDFs arrive broken and returns what it did
in words a solicitor can read ("page 3 had no usable page size; set to A4"),
so the bundle report can say the document was repaired and how.
"""

from __future__ import annotations

import io
import math
import re
import shutil
import subprocess
import tempfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pikepdf
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from sendocs.pdfio.limits import PdfLimits

__all__ = [
    "bomb_reason",
    "decode_brotli",
    "fix_pages",
    "has_brotli",
    "is_signed",
    "may_have_images",
    "rasterise",
    "rebuild_page_tree",
    "sanitise_numbers",
]

A4_BOX = (0, 0, 595.2756, 841.8898)
_MAX_PAGE_SIDE = 14400.0  # PDF's largest page side without a user unit (200 inches)
_MAX_TREE_DEPTH = 64
_INHERITABLE = ("/MediaBox", "/CropBox", "/Resources", "/Rotate")
ZLIB_MAX_RATIO = 1032  # deflate cannot expand more than about this much


def _objgen(obj: Any) -> tuple[int, int]:
    return tuple(obj.objgen) if obj.is_indirect else (id(obj), -1)


def _page_leaves(pdf: pikepdf.Pdf) -> Iterator[tuple[pikepdf.Dictionary, dict[str, Any]]]:
    """Every page dictionary reachable from /Root /Pages once, with what it inherits.

    Tolerates loops, /Kids that are a single dictionary, and nodes without /Type.
    """
    seen: set[tuple[int, int]] = set()
    stack: list[tuple[Any, dict[str, Any], int]] = [(pdf.Root.get("/Pages"), {}, 0)]
    while stack:
        node, inherited, depth = stack.pop()
        if not isinstance(node, pikepdf.Dictionary) or depth > _MAX_TREE_DEPTH:
            continue
        key = _objgen(node)
        if key in seen:
            continue
        seen.add(key)
        kids = node.get("/Kids")
        if kids is None and node.get("/Type") != "/Pages":
            yield node, inherited
            continue
        here = dict(inherited)
        for name in _INHERITABLE:
            if name in node:
                here[name] = node[name]
        children = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
        for child in reversed(children):
            stack.append((child, here, depth + 1))


def rebuild_page_tree(pdf: pikepdf.Pdf) -> int:
    """Replace a broken page tree (loop, dictionary /Kids, no pages found) with a flat one.

    Inherited attributes are copied onto each page first. Returns the number of pages.
    """
    leaves = list(_page_leaves(pdf))
    kids = pikepdf.Array()
    root_pages = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Pages))
    for page, inherited in leaves:
        for name, value in inherited.items():
            if name not in page:
                page[name] = value
        page.Type = pikepdf.Name.Page
        page.Parent = root_pages
        kids.append(page if page.is_indirect else pdf.make_indirect(page))
    root_pages.Kids = kids
    root_pages.Count = len(kids)
    pdf.Root.Pages = root_pages
    return len(kids)


def _good_box(value: Any) -> bool:
    if not isinstance(value, pikepdf.Array) or len(value) != 4:
        return False
    try:
        nums = [float(v) for v in value]
    except (TypeError, ValueError, pikepdf.PdfError):
        return False
    if not all(math.isfinite(n) for n in nums):
        return False
    width, height = abs(nums[2] - nums[0]), abs(nums[3] - nums[1])
    return 1 <= width <= _MAX_PAGE_SIDE and 1 <= height <= _MAX_PAGE_SIDE


def _inherited(page: pikepdf.Dictionary, key: str) -> Any:
    node: Any = page
    seen: set[tuple[int, int]] = set()
    while isinstance(node, pikepdf.Dictionary) and _objgen(node) not in seen:
        seen.add(_objgen(node))
        if key in node:
            return node[key]
        node = node.get("/Parent")
    return None


# qpdf warnings about something it read one definite way, with nothing lost or guessed
_HARMLESS_WARNINGS = re.compile(r"dictionary has duplicated key /\S+; last occurrence overrides")


def damage_warnings(warnings: list[str]) -> list[str]:
    """Those of qpdf's ``warnings`` (``Pdf.get_warnings()``, which empties the list) that
    say the file is damaged, so that what qpdf read may be a guess.

    A dictionary that names a key twice (LaTeX tools write /Author twice in the
    document information) is read by every reader the same way, the last one
    winning: that is not damage, and rebuilding a 3 MB manual for it cost a
    second (a page count and a full read with pypdf) for nothing.
    """
    return [w for w in warnings if not _HARMLESS_WARNINGS.search(w)]


_OTHER_BOXES = ("/CropBox", "/TrimBox", "/BleedBox", "/ArtBox")


def fix_pages(pdf: pikepdf.Pdf, limits: PdfLimits) -> list[str]:
    """Give every page a usable size and a clean annotation list; what was done, per page.

    Each page's keys are read once, and a box is judged once per distinct
    value (most documents repeat one or two page sizes): this runs for every
    page of every input, so it is kept to a few qpdf calls per page.
    """
    notes: list[str] = []
    verdicts: dict[bytes, bool] = {}

    def good(box: Any) -> bool:
        if not isinstance(box, pikepdf.Array):
            return False
        key = box.unparse()
        verdict = verdicts.get(key)
        if verdict is None:
            verdict = verdicts[key] = _good_box(box)
        return verdict

    for number, page in enumerate(list(pdf.pages), start=1):  # (listed once: linear)
        obj = page.obj
        keys = obj.keys()  # a set
        media = obj.get("/MediaBox") if "/MediaBox" in keys else _inherited(obj, "/MediaBox")
        if not good(media):
            obj.MediaBox = pikepdf.Array(A4_BOX)
            notes.append(f"page {number} had no usable page size; it was set to A4")
        for key in _OTHER_BOXES:
            if key in keys and not good(obj[key]):
                del obj[key]
        if "/Annots" in keys:
            notes += _fix_annotations(obj, number, limits)
    return notes


def _fix_annotations(page: pikepdf.Dictionary, number: int, limits: PdfLimits) -> list[str]:
    annots = page.get("/Annots")
    if annots is None:
        return []
    if isinstance(annots, pikepdf.Dictionary):
        page.Annots = pikepdf.Array([annots])
        return [f"page {number}: its annotation list was a single item, not a list; fixed"]
    if not isinstance(annots, pikepdf.Array):
        del page["/Annots"]
        return [f"page {number}: an unreadable annotation list was removed"]
    kept = [a for a in annots if isinstance(a, pikepdf.Dictionary)]
    notes: list[str] = []
    if len(kept) != len(annots):
        notes.append(f"page {number}: {len(annots) - len(kept)} empty annotation entries removed")
    if len(kept) > limits.max_annotations:
        before = len(kept)
        kept = [a for a in kept if a.get("/Subtype") != "/Link"]
        if before != len(kept):
            notes.append(
                f"page {number}: {before - len(kept):,} link annotations removed "
                f"(more than {limits.max_annotations:,} annotations on one page)"
            )
    if notes:
        page.Annots = pikepdf.Array(kept)
    return notes


def _filters(stream: pikepdf.Stream) -> list[str]:
    value = stream.get("/Filter")
    if isinstance(value, pikepdf.Array):
        return [str(v) for v in value]
    return [str(value)] if value is not None else []


def _flate_too_big(stream: pikepdf.Stream, limit: int) -> bool:
    """Whether a Flate stream expands past ``limit`` bytes (checked without keeping the data)."""
    raw = stream.read_raw_bytes()
    if len(raw) * ZLIB_MAX_RATIO <= limit:
        return False
    inflater = zlib.decompressobj()
    total = 0
    chunk = raw
    try:
        while chunk:
            out = inflater.decompress(chunk, 1 << 20)
            total += len(out)
            if total > limit:
                return True
            chunk = inflater.unconsumed_tail
    except zlib.error:
        return False
    return False


def _page_streams(pdf: pikepdf.Pdf, *, contents: bool = True) -> Iterator[pikepdf.Stream]:
    """Every stream a page draws: its contents and the XObjects its resources reach
    (forms followed to any depth, once each). What no page reaches is never copied."""
    seen: set[tuple[int, int]] = set()  # XObjects and shared resource dictionaries
    for page in pdf.pages:
        if contents:
            raw = page.obj.get("/Contents")
            items = list(raw) if isinstance(raw, pikepdf.Array) else [raw]
            yield from (c for c in items if isinstance(c, pikepdf.Stream))
        stack: list[Any] = [page.obj.get("/Resources")]
        while stack:
            resources = stack.pop()
            if not isinstance(resources, pikepdf.Dictionary):
                continue
            if resources.is_indirect:  # pages often share one: walk it once
                if _objgen(resources) in seen:
                    continue
                seen.add(_objgen(resources))
            xobjects = resources.get("/XObject")
            if not isinstance(xobjects, pikepdf.Dictionary):
                continue
            for _, xobject in xobjects.items():
                if not isinstance(xobject, pikepdf.Stream) or _objgen(xobject) in seen:
                    continue
                seen.add(_objgen(xobject))
                yield xobject
                if xobject.get("/Subtype") == "/Form":
                    stack.append(xobject.get("/Resources"))


def bomb_reason(pdf: pikepdf.Pdf, limits: PdfLimits, file_bytes: int | None = None) -> str | None:
    """Why the file looks like a decompression bomb (declared or real), or None.

    ``file_bytes``: the file's size. When even the whole file, inflated at
    deflate's greatest ratio, stays under ``max_stream_mb``, no stream can
    expand past it, so only the images' declared sizes are checked (no
    stream is read at all).
    """
    stream_limit = limits.max_stream_mb * 1024 * 1024
    small = file_bytes is not None and file_bytes * ZLIB_MAX_RATIO <= stream_limit
    for obj in _page_streams(pdf, contents=not small):
        if obj.get("/Subtype") == "/Image":
            try:
                width, height = int(obj.get("/Width", 0)), int(obj.get("/Height", 0))
            except (TypeError, ValueError, pikepdf.PdfError):
                continue
            if width * height > limits.max_image_pixels:
                return (
                    f"refused for safety: an image in it claims to be {width:,} × {height:,} "
                    "pixels, far larger than any real page (a “decompression bomb”)"
                )
            continue
        if small:
            continue
        filters = _filters(obj)
        if filters[:1] == ["/FlateDecode"] and _flate_too_big(obj, stream_limit):
            return (
                "refused for safety: part of it expands to more than "
                f"{stream_limit // (1024 * 1024):,} MB when opened (a “decompression bomb”)"
            )
    return None


_BROTLI = pikepdf.Name("/BrotliDecode")


def _brotli_streams(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Stream]:
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream):
            value = obj.get("/Filter")
            if value == _BROTLI or (isinstance(value, pikepdf.Array) and _BROTLI in list(value)):
                yield obj


# a name written with an escape, e.g. /Im#61ge for /Image (names end at a delimiter or
# whitespace, and never hold "/", so the search stays linear in the file's size)
_ESCAPED_NAME = re.compile(rb"/[^\x00-\x20/()<>\[\]{}%#]*#[0-9A-Fa-f]{2}")


def may_have_images(raw: bytes) -> bool:
    """Whether a file (its whole ``raw`` bytes) may hold an image XObject.

    False only when every object is in plain sight (no object streams), no name
    is written with ``#`` escapes, and the name ``/Image`` appears nowhere (``/ImageB``
    in a ``/ProcSet`` is another name): then no stream can be an image, so there is no
    declared image size to check and no page that is only an image. Anything unusual
    answers True (look properly).
    """
    return (
        b"/ObjStm" in raw
        or (b"/Image" in raw and _IMAGE_NAME.search(raw) is not None)
        or _ESCAPED_NAME.search(raw) is not None
    )


# the name /Image itself (a name ends at whitespace or a delimiter), not /ImageB, /ImageC,
# /ImageI, which almost every generator lists in a page's /ProcSet whether or not it draws one
_IMAGE_NAME = re.compile(rb"/Image(?![^\x00-\x20/()<>\[\]{}%])")


def has_brotli(pdf: pikepdf.Pdf, raw: bytes | None = None) -> bool:
    """Whether any stream declares /BrotliDecode (which qpdf and poppler cannot decode).

    Given the file's ``raw`` bytes without object streams or ``#``-escaped names, a byte
    search answers (every dictionary is then in plain sight, every name spelt out); else
    every object is looked at.
    """
    if raw is not None and b"/ObjStm" not in raw and _ESCAPED_NAME.search(raw) is None:
        return b"Brotli" in raw
    return next(_brotli_streams(pdf), None) is not None


# in one pass: an object stream, the name /Image, a name written with a # escape, or a
# name holding "Brotli" (each alternative is one of the searches above)
_ANYTHING_TO_LOOK_AT = re.compile(
    rb"/(?:ObjStm|Image(?![^\x00-\x20/()<>\[\]{}%])"
    rb"|[^\x00-\x20/()<>\[\]{}%#]*#[0-9A-Fa-f]{2}|[^\x00-\x20/()<>\[\]{}%#]*Brotli)"
)


def plainly_without_images_or_brotli(raw: bytes) -> bool:
    """True when a file's ``raw`` bytes show it holds no image and no Brotli stream.

    Equivalent to ``not may_have_images(raw) and not has_brotli(pdf, raw)`` when true, in
    one pass over the bytes instead of four: reading the file's bytes is the larger part of
    vetting a clean document. False means "look properly", not "there is one".
    """
    return _ANYTHING_TO_LOOK_AT.search(raw) is None


def decode_brotli(pdf: pikepdf.Pdf, limits: PdfLimits) -> tuple[list[str], str | None]:
    """Decode every /BrotliDecode stream (PDF 2.0 extension) and store it plainly.

    qpdf and poppler cannot decode Brotli, so such a page would be copied as
    it is and show blank in almost every viewer. With the ``brotli`` package
    each stream is decoded (bounded by ``max_stream_mb``: a Brotli bomb is
    refused) and written back without the filter; the bundle is saved with
    Flate, which every viewer reads. Returns (what was done, refusal reason).
    """
    streams = list(_brotli_streams(pdf))
    if not streams:
        return [], None
    try:
        import brotli
    except ImportError:
        return [_BROTLI_KEPT], None
    limit = limits.max_stream_mb * 1024 * 1024
    decoded = failed = 0
    for stream in streams:
        filters = _filters(stream)
        if filters[:1] != ["/BrotliDecode"]:
            failed += 1  # Brotli after another filter: too rare to handle
            continue
        try:
            inflater = brotli.Decompressor()
            data = inflater.process(stream.read_raw_bytes(), output_buffer_limit=limit + 1)
            if len(data) > limit or not inflater.is_finished():
                if len(data) > limit:
                    return [], (
                        "refused for safety: part of it expands to more than "
                        f"{limits.max_stream_mb:,} MB when opened (a “decompression bomb”)"
                    )
                failed += 1
                continue
        except brotli.error:
            failed += 1
            continue
        rest = filters[1:]
        params = stream.get("/DecodeParms")
        rest_params = list(params)[1:] if isinstance(params, pikepdf.Array) else None
        if rest:
            stream.write(
                data,
                filter=[pikepdf.Name(f) for f in rest],
                decode_parms=rest_params,  # type: ignore[arg-type]
            )
        else:
            stream.write(data)
        decoded += 1
    notes = []
    if decoded:
        notes.append(
            f"{decoded} part{'s' if decoded != 1 else ''} compressed with Brotli (which most "
            "PDF viewers cannot show) re-compressed in the standard way"
        )
    if failed:
        notes.append(_BROTLI_KEPT)
    return notes, None


_BROTLI_KEPT = (
    "part of it uses Brotli compression that could not be decoded; that part may show blank "
    "in the bundle, so check those pages against the original"
)


def is_signed(pdf: pikepdf.Pdf) -> bool:
    """A digital signature is present: /Perms /DocMDP, or a signature field with a value."""
    perms = pdf.Root.get("/Perms")
    if isinstance(perms, pikepdf.Dictionary) and "/DocMDP" in perms:
        return True
    form = pdf.Root.get("/AcroForm")
    if not isinstance(form, pikepdf.Dictionary):
        return False
    stack: list[tuple[Any, Any]] = [(f, None) for f in form.get("/Fields", pikepdf.Array())]
    seen: set[tuple[int, int]] = set()
    while stack and len(seen) < 10000:
        node, field_type = stack.pop()
        if not isinstance(node, pikepdf.Dictionary) or _objgen(node) in seen:
            continue
        seen.add(_objgen(node))
        field_type = node.get("/FT", field_type)
        if field_type == "/Sig" and isinstance(node.get("/V"), pikepdf.Dictionary):
            return True
        kids = node.get("/Kids")
        if isinstance(kids, pikepdf.Array):
            stack += [(k, field_type) for k in kids]
    return False


_HUGE_NUMBER = re.compile(rb"(?<![0-9A-Za-z.])[+-]?[0-9]{40,}(?:\.[0-9]*)?")


def sanitise_numbers(data: bytes) -> bytes | None:
    """``data`` with numbers of 40+ digits (larger than any real PDF value) set to 0, or None."""
    fixed, count = _HUGE_NUMBER.subn(b"0", data)
    return fixed if count else None


def rasterise(source: Path, out: Path, limits: PdfLimits, password: str | None = None) -> int:
    """Re-draw each page as a JPEG image through poppler (``pdftoppm``); pages written.

    Pages keep their shape; the longer side becomes A4's (842 pt). The text
    layer is lost, which the caller must say.
    """
    exe = shutil.which("pdftoppm")
    if exe is None:
        return 0
    long_side = round(11.69 * limits.raster_dpi)
    with tempfile.TemporaryDirectory(prefix="sendocs-raster-") as tmp:
        try:
            subprocess.run(
                [
                    exe,
                    "-q",
                    "-scale-to",
                    str(long_side),
                    "-jpeg",
                    "-jpegopt",
                    "quality=80",
                    *(["-opw", password, "-upw", password] if password else []),
                    str(source),
                    str(Path(tmp) / "p"),
                ],
                capture_output=True,
                timeout=limits.seconds,
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            return 0
        images = sorted(Path(tmp).glob("p-*.jpg"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        buffer = io.BytesIO()
        canvas = Canvas(buffer, pageCompression=1)
        pages = 0
        for image_path in images:
            image = ImageReader(str(image_path))
            width, height = image.getSize()
            if min(width, height) < 16:  # an empty or degenerate page
                continue
            scale = 841.8898 / max(width, height)
            canvas.setPageSize((width * scale, height * scale))
            canvas.drawImage(image, 0, 0, width * scale, height * scale)
            canvas.showPage()
            pages += 1
        if pages:
            canvas.save()
            out.write_bytes(buffer.getvalue())
    return pages

"""Flattening: draw every field's appearance into its page, then remove the form.

pypdf's ``flatten=True`` draws values but leaves the widgets in place, so a
"flat" copy still has live fields that a viewer shows on top and a reader
can change. A truly flat PDF has the values in the page content and no
widget annotations and no /AcroForm at all, which is what a tribunal bundle
or an email to a local authority should carry.
"""

from __future__ import annotations

from typing import Any, cast

from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    ContentStream,
    DictionaryObject,
    NameObject,
    StreamObject,
)

__all__ = ["ANNOT_HIDDEN", "flatten_form"]

ANNOT_HIDDEN = 1 << 1
"""Annotation flag bit 2 (Hidden): a viewer neither shows nor prints the widget."""
_NO_VIEW = 1 << 5


def flatten_form(writer: PdfWriter) -> int:
    """Draw every visible widget into its page and remove widgets and form; returns the count."""
    drawn = 0
    for page in writer.pages:
        annots = page.get("/Annots")
        if annots is None:
            continue
        annots = cast(ArrayObject, annots.get_object())
        keep = ArrayObject()
        operations: list[bytes] = []
        for ref in annots:
            annot = ref.get_object()
            if annot.get("/Subtype") != "/Widget":
                keep.append(ref)
                continue
            appearance = _appearance(annot)
            if appearance is None:
                continue
            name = _register_xobject(page, appearance, drawn)
            operations.append(_draw(annot, appearance, name))
            drawn += 1
        if keep:
            page[NameObject("/Annots")] = keep
        else:
            del page["/Annots"]
        if operations:
            _append_content(writer, page, b"\n".join(operations))
    root = writer.root_object
    if "/AcroForm" in root:
        del root["/AcroForm"]
    return drawn


def _appearance(annot: DictionaryObject) -> StreamObject | None:
    flags = int(annot.get("/F", 0))
    if flags & (ANNOT_HIDDEN | _NO_VIEW):
        return None
    ap = annot.get("/AP")
    if ap is None:
        return None
    normal = ap.get_object().get("/N")
    if normal is None:
        return None
    normal = normal.get_object()
    if isinstance(normal, StreamObject):
        return normal
    if isinstance(normal, DictionaryObject):
        state = annot.get("/AS")
        if state is None or state == "/Off" or state not in normal:
            return None
        stream = normal[state].get_object()
        return stream if isinstance(stream, StreamObject) else None
    return None


def _register_xobject(page: Any, stream: StreamObject, number: int) -> str:
    if "/Resources" not in page:
        page[NameObject("/Resources")] = DictionaryObject()
    resources = page["/Resources"].get_object()
    if "/XObject" not in resources:
        resources[NameObject("/XObject")] = DictionaryObject()
    xobjects = resources["/XObject"].get_object()
    stream[NameObject("/Type")] = NameObject("/XObject")
    stream[NameObject("/Subtype")] = NameObject("/Form")
    name = f"/SendocsField{number}"
    while name in xobjects:
        number += 1000
        name = f"/SendocsField{number}"
    ref = stream.indirect_reference
    xobjects[NameObject(name)] = ref if ref is not None else stream
    return name


def _draw(annot: DictionaryObject, stream: StreamObject, name: str) -> bytes:
    """``q <matrix> cm /Name Do Q`` placing the appearance's box on the widget's /Rect
    (PDF 32000-1, 12.5.5, algorithm for appearance streams)."""
    rect = [float(x) for x in cast(ArrayObject, annot["/Rect"].get_object())]
    rx0, rx1 = sorted((rect[0], rect[2]))
    ry0, ry1 = sorted((rect[1], rect[3]))
    bbox = [float(x) for x in stream.get("/BBox", [0, 0, rx1 - rx0, ry1 - ry0])]
    m = [float(x) for x in stream.get("/Matrix", [1, 0, 0, 1, 0, 0])]
    corners = [
        (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
        for x in (bbox[0], bbox[2])
        for y in (bbox[1], bbox[3])
    ]
    bx0, bx1 = min(c[0] for c in corners), max(c[0] for c in corners)
    by0, by1 = min(c[1] for c in corners), max(c[1] for c in corners)
    sx = (rx1 - rx0) / (bx1 - bx0) if bx1 > bx0 else 1.0
    sy = (ry1 - ry0) / (by1 - by0) if by1 > by0 else 1.0
    tx, ty = rx0 - bx0 * sx, ry0 - by0 * sy
    return f"q {sx:.6g} 0 0 {sy:.6g} {tx:.6g} {ty:.6g} cm {name} Do Q".encode()


def _append_content(writer: PdfWriter, page: Any, operations: bytes) -> None:
    existing = page.get_contents()
    original = existing.get_data() if existing is not None else b""
    stream = ContentStream(None, writer)
    stream.set_data(b"q\n" + original + b"\nQ\n" + operations + b"\n")
    page.replace_contents(cast(Any, stream))

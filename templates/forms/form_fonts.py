"""Embedded fonts for sendocs's own fillable forms (used by ``build_consent_form.py``).

The letters use Carlito (metric-compatible with Calibri); the forms should too, and
with every font embedded: a form printed or archived on a machine without Helvetica
must look the same, and PDF/A and many councils' portals reject unembedded fonts.

Two kinds of text need it:

* the printed wording, drawn by reportlab with the registered TrueType fonts
  (reportlab embeds the subset it uses);
* the text *filled in later* by ``sendocs form fill`` (pypdf draws each value with
  the font in the form's ``/AcroForm /DR``). That font cannot be a subset of only
  the glyphs used at build time, so the field font is Carlito cut down to every
  Windows-1252 character (all a WinAnsi simple font can show), embedded whole.
  Values outside Windows-1252 make ``form fill`` ask the viewer to redraw.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import cast

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NumberObject,
    StreamObject,
)
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIRS = (
    Path("/usr/share/fonts/truetype/crosextra"),
    Path("/usr/share/fonts/truetype/carlito"),
)
REGULAR = "Carlito"
BOLD = "Carlito-Bold"


def font_file(name: str) -> Path:
    """The TrueType file for ``name`` (Debian package fonts-crosextra-carlito)."""
    for folder in FONT_DIRS:
        path = folder / f"{name}-Regular.ttf" if name == REGULAR else folder / f"{name}.ttf"
        if path.is_file():
            return path
    raise SystemExit(f"{name} not found: install fonts-crosextra-carlito to build the forms")


def register() -> None:
    """Register Carlito and Carlito-Bold with reportlab (embedded when drawn)."""
    for name in (REGULAR, BOLD):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(font_file(name))))


def _winansi_font(writer: PdfWriter) -> IndirectObject:
    """A TrueType simple font dictionary for Carlito, WinAnsiEncoding, the font embedded."""
    from fontTools import subset
    from fontTools.ttLib import TTFont as FTFont

    chars = [bytes([b]).decode("cp1252", "replace") for b in range(32, 256)]
    font = FTFont(str(font_file(REGULAR)))
    options = subset.Options()
    options.notdef_outline = True
    options.name_IDs = ["*"]
    options.layout_features = []
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in chars if c != "\ufffd"])
    subsetter.subset(font)
    data = io.BytesIO()
    font.save(data)

    cmap = font.getBestCmap()
    hmtx = font["hmtx"]
    scale = 1000 / font["head"].unitsPerEm
    widths = ArrayObject()
    for c in chars:
        glyph = cmap.get(ord(c)) if c != "\ufffd" else None
        widths.append(NumberObject(round(hmtx[glyph][0] * scale) if glyph else 0))
    head, os2 = font["head"], font["OS/2"]

    stream = StreamObject()
    stream._data = data.getvalue()
    stream[NameObject("/Length1")] = NumberObject(len(stream._data))
    stream = stream.flate_encode()
    descriptor = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/FontDescriptor"),
            NameObject("/FontName"): NameObject("/Carlito"),
            NameObject("/Flags"): NumberObject(32),
            NameObject("/FontBBox"): ArrayObject(
                NumberObject(round(v * scale))
                for v in (head.xMin, head.yMin, head.xMax, head.yMax)
            ),
            NameObject("/ItalicAngle"): NumberObject(0),
            NameObject("/Ascent"): NumberObject(round(os2.sTypoAscender * scale)),
            NameObject("/Descent"): NumberObject(round(os2.sTypoDescender * scale)),
            NameObject("/CapHeight"): NumberObject(round(getattr(os2, "sCapHeight", 632) * scale)),
            NameObject("/StemV"): FloatObject(80),
            NameObject("/FontFile2"): writer._add_object(stream),
        }
    )
    return writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/TrueType"),
                NameObject("/BaseFont"): NameObject("/Carlito"),
                NameObject("/FirstChar"): NumberObject(32),
                NameObject("/LastChar"): NumberObject(255),
                NameObject("/Widths"): widths,
                NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
                NameObject("/FontDescriptor"): writer._add_object(descriptor),
            }
        )
    )


def embed_field_font(path: Path) -> None:
    """Make every form field of the PDF at ``path`` draw in embedded Carlito.

    The field font resource keeps its name (``/Helv``, which the fields' ``/DA``
    strings use) but now points to the embedded font, in ``/AcroForm /DR`` (what
    ``form fill`` draws with) and in every appearance stream already in the form.
    """
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(path.read_bytes())))
    carlito = _winansi_font(writer)
    acro_form = cast(DictionaryObject, writer.root_object["/AcroForm"].get_object())
    resources = cast(DictionaryObject, acro_form["/DR"].get_object())
    fonts = cast(DictionaryObject, resources["/Font"].get_object())
    helv = {NameObject(n) for n in fonts}
    for name in list(fonts):
        fonts[NameObject(name)] = carlito
    for page in writer.pages:
        for ref in page.get("/Annots", []) or []:
            annot = ref.get_object()
            ap = annot.get("/AP")
            if ap is None:
                continue
            for appearance in ap.get_object().values():
                appearance = appearance.get_object()
                streams = (
                    [appearance]
                    if isinstance(appearance, StreamObject)
                    else [s.get_object() for s in appearance.values()]
                )
                for stream in streams:
                    res = stream.get("/Resources")
                    font_dict = res.get_object().get("/Font") if res is not None else None
                    if font_dict is None:
                        continue
                    font_dict = font_dict.get_object()
                    for name in list(font_dict):
                        if name in helv:
                            font_dict[NameObject(name)] = carlito
    with path.open("wb") as handle:
        writer.write(handle)

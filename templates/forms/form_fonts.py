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
  Values outside Windows-1252 make ``form fill`` ask the viewer to redraw; the file
  also holds Latin Extended-A, which pypdf uses to draw such values itself.
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
    TextStringObject,
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
    # Windows-1252 for the simple font, and Latin Extended-A (Polish, Welsh, Czech, …) in
    # the file too: pypdf draws a value the simple font cannot encode with a font it
    # makes from this file, so "Łucja" or "Dŵr" is drawn, not dropped, when flattened
    latin_a = list(range(0x100, 0x180))
    subsetter.populate(unicodes=[ord(c) for c in chars if c != "\ufffd"] + latin_a)
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
                NumberObject(round(v * scale)) for v in (head.xMin, head.yMin, head.xMax, head.yMax)
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


FIELD_FONT = "/Carlito"
"""The name fields' /DA strings and /AcroForm /DR use for the embedded field font."""


def _to_unicode(writer: PdfWriter, chars: list[str]) -> IndirectObject:
    """A ToUnicode CMap for codes 32-255 (Windows-1252), so text filled in the field font
    can be searched and copied, and ``pdffonts`` reports it as mapped."""
    # tab, line feed and carriage return too: multi-line values hold line breaks, and a
    # font that cannot "encode" them makes pypdf draw the value in a font of its own
    entries = [f"<{code:02X}> <{code:04X}>" for code in (9, 10, 13)]
    entries += [
        f"<{code:02X}> <{ord(ch):04X}>" for code, ch in enumerate(chars, start=32) if ch != "\ufffd"
    ]
    body = "\n".join(
        f"{len(block)} beginbfchar\n" + "\n".join(block) + "\nendbfchar"
        for block in (entries[i : i + 100] for i in range(0, len(entries), 100))
    )
    cmap = (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<00> <FF>\nendcodespacerange\n"
        f"{body}\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    )
    stream = StreamObject()
    stream._data = cmap.encode("ascii")
    return writer._add_object(stream.flate_encode())


def embed_field_font(path: Path) -> None:
    """Make every form field of the PDF at ``path`` draw in embedded Carlito.

    reportlab names fields' fonts ``/Helv`` (Helvetica, never embedded). Here the
    embedded Carlito replaces it under the name ``/Carlito`` everywhere: in
    ``/AcroForm /DR`` (what ``form fill`` and viewers draw values with), in the form's
    and every field's ``/DA``, and in every appearance stream already in the form, so
    no field, blank, filled or flattened, names or draws an unembedded font.
    """
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(path.read_bytes())))
    carlito = _winansi_font(writer)
    chars = [bytes([b]).decode("cp1252", "replace") for b in range(32, 256)]
    cast(DictionaryObject, carlito.get_object())[NameObject("/ToUnicode")] = _to_unicode(
        writer, chars
    )
    acro_form = cast(DictionaryObject, writer.root_object["/AcroForm"].get_object())
    resources = cast(DictionaryObject, acro_form["/DR"].get_object())
    old = {str(n) for n in cast(DictionaryObject, resources["/Font"].get_object())}
    resources[NameObject("/Font")] = DictionaryObject({NameObject(FIELD_FONT): carlito})

    def rename(da: object) -> TextStringObject:
        text = str(da)
        for name in old:
            text = text.replace(f"{name} ", f"{FIELD_FONT} ")
        return TextStringObject(text)

    if "/DA" in acro_form:
        acro_form[NameObject("/DA")] = rename(acro_form["/DA"])
    for page in writer.pages:
        for ref in page.get("/Annots", []) or []:
            annot = ref.get_object()
            for holder in (annot, annot.get("/Parent")):
                holder = holder.get_object() if holder is not None else None
                if holder is not None and "/DA" in holder:
                    holder[NameObject("/DA")] = rename(holder["/DA"])
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
                    _rename_in_stream(stream, old, carlito)
    with path.open("wb") as handle:
        writer.write(handle)


def _rename_in_stream(stream: StreamObject, old: set[str], carlito: IndirectObject) -> None:
    """Point an appearance stream's field font at embedded Carlito, named ``/Carlito``."""
    res = stream.get("/Resources")
    font_dict = res.get_object().get("/Font") if res is not None else None
    if font_dict is None:
        return
    font_dict = font_dict.get_object()
    names = [n for n in list(font_dict) if n in old]
    if not names:
        return
    for name in names:
        del font_dict[name]
    font_dict[NameObject(FIELD_FONT)] = carlito
    data = stream.get_data()
    for name in names:
        data = data.replace(f"{name} ".encode(), f"{FIELD_FONT} ".encode())
    stream.set_data(data)

"""Embedding the PDF standard 14 fonts (Helvetica, Times, Courier, Symbol, ZapfDingbats).

Many PDFs name a standard font without embedding it: every viewer is meant to
have one. PDF/A forbids that. Ghostscript could embed them, but (Ghostscript
10.0, measured on the issue 12 corpus) it left 40 standard fonts unembedded in
ten documents, and it re-writes every page of every such document, which cost
most of a corpus run. So they are embedded here, directly, on the assembled
bundle: each font dictionary gets a font descriptor pointing at the matching
URW base-35 Type 1 program (Debian ``fonts-urw-base35``, which Ghostscript
itself depends on), one shared copy per font for the whole bundle.

The URW fonts are metric-compatible with Adobe's: every width of the 14
fonts' standard glyphs is the same as Adobe's metrics (checked against
reportlab's tables; only ``fraction`` differs, 278 against 167 units, in
Helvetica). Nothing else on the page changes: the text, its positions, links
and the document's own widths stay as they were; missing ``/Widths`` are
filled from the URW metrics so the widths agree with the program embedded.
"""

from __future__ import annotations

import binascii
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name

__all__ = [
    "STANDARD_FONTS",
    "URW_DIRS",
    "can_embed",
    "embed_standard_font",
    "urw_available",
]

URW_DIRS = (
    Path("/usr/share/fonts/type1/urw-base35"),  # Debian, Ubuntu: fonts-urw-base35
    Path("/usr/share/fonts/urw-base35"),  # Fedora: urw-base35-fonts
)

STANDARD_FONTS = {
    "Courier": "NimbusMonoPS-Regular",
    "Courier-Bold": "NimbusMonoPS-Bold",
    "Courier-Oblique": "NimbusMonoPS-Italic",
    "Courier-BoldOblique": "NimbusMonoPS-BoldItalic",
    "Helvetica": "NimbusSans-Regular",
    "Helvetica-Bold": "NimbusSans-Bold",
    "Helvetica-Oblique": "NimbusSans-Italic",
    "Helvetica-BoldOblique": "NimbusSans-BoldItalic",
    "Times-Roman": "NimbusRoman-Regular",
    "Times-Bold": "NimbusRoman-Bold",
    "Times-Italic": "NimbusRoman-Italic",
    "Times-BoldItalic": "NimbusRoman-BoldItalic",
    "Symbol": "StandardSymbolsPS",
    "ZapfDingbats": "D050000L",
}
"""Each standard font and the URW base-35 font Ghostscript's own Fontmap gives it."""

_SYMBOLIC = {"Symbol", "ZapfDingbats"}
_FIXED, _SERIF, _SYMBOLIC_FLAG, _NONSYMBOLIC, _ITALIC = 1, 2, 4, 32, 64
_FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")
_AFM_CHAR = re.compile(rb"^C\s+(-?\d+)\s*;\s*WX\s+(\d+)\s*;\s*N\s+(\S+)\s*;", re.MULTILINE)


@dataclass(frozen=True)
class _Program:
    """One URW Type 1 font: its program split as FontFile wants it, and its metrics."""

    clear: bytes
    encrypted: bytes
    trailer: bytes
    widths: dict[str, int]
    builtin: dict[int, str]  # the font's own encoding (code → glyph name)
    bbox: tuple[int, int, int, int]
    italic_angle: float
    cap_height: int
    x_height: int
    stem_v: int


def _urw_dir() -> Path | None:
    for folder in URW_DIRS:
        if (folder / "NimbusSans-Regular.t1").is_file():
            return folder
    return None


def urw_available() -> bool:
    """Whether the URW base-35 Type 1 fonts are installed (``fonts-urw-base35``)."""
    return _urw_dir() is not None


def _standard_name(font: Any) -> str | None:
    """The standard-14 name a simple Type 1 font dictionary uses, or None."""
    if font.get("/Subtype") != Name.Type1:
        return None
    base = str(font.get("/BaseFont", "")).lstrip("/")
    return base if base in STANDARD_FONTS else None


def can_embed(font: Any) -> bool:
    """Whether :func:`embed_standard_font` can embed this unembedded font."""
    return _standard_name(font) is not None and urw_available()


@functools.cache
def _program(stem: str) -> _Program:
    folder = _urw_dir()
    if folder is None:  # callers check urw_available() first
        raise FileNotFoundError("fonts-urw-base35 is not installed")
    data = (folder / f"{stem}.t1").read_bytes()
    at = data.index(b"eexec") + len(b"eexec")
    while data[at : at + 1] in (b"\r", b"\n", b" ", b"\t"):
        at += 1
    zeros = re.search(rb"[\r\n]+0{64}", data[at:])
    end = at + zeros.start() if zeros else len(data)
    hex_part = re.sub(rb"\s+", b"", data[at:end])
    is_hex = re.fullmatch(rb"[0-9A-Fa-f]+", hex_part) is not None
    encrypted = binascii.unhexlify(hex_part) if is_hex else data[at:end]
    afm = (folder / f"{stem}.afm").read_bytes()
    widths: dict[str, int] = {}
    builtin: dict[int, str] = {}
    for code, width, glyph in _AFM_CHAR.findall(afm):
        name = glyph.decode("ascii")
        widths[name] = int(width)
        if 0 <= int(code) <= 255:
            builtin[int(code)] = name

    def number(key: bytes, default: float) -> float:
        found = re.search(rb"^" + key + rb"\s+(-?[\d.]+)", afm, re.MULTILINE)
        return float(found.group(1)) if found else default

    box = re.search(rb"^FontBBox\s+(-?\d+)\s+(-?\d+)\s+(-?\d+)\s+(-?\d+)", afm, re.MULTILINE)
    bbox = tuple(int(v) for v in box.groups()) if box else (0, -250, 1000, 900)
    return _Program(
        clear=data[:at],
        encrypted=encrypted,
        trailer=data[end:],
        widths=widths,
        builtin=builtin,
        bbox=bbox,  # type: ignore[arg-type]
        italic_angle=number(b"ItalicAngle", 0.0),
        cap_height=int(number(b"CapHeight", bbox[3])),
        x_height=int(number(b"XHeight", bbox[3] // 2)),
        stem_v=int(number(b"StdVW", 80)),
    )


def _font_file(pdf: pikepdf.Pdf, program: _Program) -> pikepdf.Stream:
    stream = pdf.make_stream(program.clear + program.encrypted + program.trailer)
    stream.Length1 = len(program.clear)
    stream.Length2 = len(program.encrypted)
    stream.Length3 = len(program.trailer)
    return stream


def _code_to_glyph(font: Any, program: _Program) -> dict[int, str]:
    """What each character code of ``font`` draws, by glyph name (for /Widths)."""
    from reportlab.pdfbase._fontdata import encodings

    glyphs = dict(program.builtin)  # Standard encoding, or the symbol font's own
    encoding = font.get("/Encoding")
    base_encoding = encoding.get("/BaseEncoding") if isinstance(encoding, Dictionary) else encoding
    if isinstance(base_encoding, Name) and str(base_encoding)[1:] in encodings:
        table = encodings[str(base_encoding)[1:]]
        glyphs = {c: g for c, g in enumerate(table) if g}
    differences = encoding.get("/Differences") if isinstance(encoding, Dictionary) else None
    if isinstance(differences, Array):
        code = 0
        for item in differences:
            if isinstance(item, Name):
                glyphs[code] = str(item)[1:]
                code += 1
            else:
                try:
                    code = int(item)
                except (TypeError, ValueError):
                    break
    return glyphs


def embed_standard_font(
    pdf: pikepdf.Pdf, font: Dictionary, shared: dict[str, pikepdf.Object]
) -> bool:
    """Embed the URW program for one unembedded standard font; False if it is not one.

    ``shared`` maps each standard font to its FontFile stream already in
    ``pdf``, so a bundle carries one copy per font however many documents use it.
    """
    base = _standard_name(font)
    if base is None or not urw_available():
        return False
    program = _program(STANDARD_FONTS[base])
    if base not in shared:
        shared[base] = pdf.make_indirect(_font_file(pdf, program))
    descriptor = font.get("/FontDescriptor")
    if not isinstance(descriptor, Dictionary):
        flags = _SYMBOLIC_FLAG if base in _SYMBOLIC else _NONSYMBOLIC
        if base.startswith("Courier"):
            flags |= _FIXED
        if base.startswith("Times"):
            flags |= _SERIF
        if program.italic_angle:
            flags |= _ITALIC
        descriptor = pdf.make_indirect(
            Dictionary(
                Type=Name.FontDescriptor,
                FontName=Name("/" + base),
                Flags=flags,
                FontBBox=Array(list(program.bbox)),
                ItalicAngle=program.italic_angle,
                Ascent=program.bbox[3],
                Descent=program.bbox[1],
                CapHeight=program.cap_height,
                XHeight=program.x_height,
                StemV=program.stem_v,
            )
        )
        font.FontDescriptor = descriptor
    for key in _FONT_FILES:
        if key in descriptor:
            del descriptor[key]
    if "/CharSet" in descriptor:  # PDF/A-2: a CharSet must list every glyph of the program
        del descriptor["/CharSet"]
    descriptor.FontFile = shared[base]
    if not isinstance(font.get("/Widths"), Array):
        glyphs = _code_to_glyph(font, program)
        if glyphs:
            first, last = min(glyphs), max(glyphs)
            font.FirstChar, font.LastChar = first, last
            font.Widths = Array(
                [program.widths.get(glyphs.get(c, ""), 0) for c in range(first, last + 1)]
            )
    return True

"""PDF/A-2b bundles (``sendocs bundle --pdfa``): archival PDF a court system can keep.

Two steps, chosen after trying the alternatives on this project's bundles:

1. **Fonts.** The standard 14 fonts (Helvetica, Times, Courier, Symbol,
   ZapfDingbats), which most unembedded fonts are, are embedded on the
   assembled bundle by :mod:`sendocs.bundle.base14` (URW base-35 programs, one
   copy each): no page is rewritten. Before assembly, only documents using
   *other* unembedded fonts go through Ghostscript (``pdfwrite``, nothing left
   unembedded, pages not auto-rotated), several at once (one per core), which
   embeds a substitute. Ghostscript 10.0 had left standard fonts unembedded in
   ten corpus documents (issue 12) and rewriting every such document cost
   most of a ``--pdfa`` run. Running the *whole bundle* through Ghostscript's
   PDF/A mode was rejected: it drops the open action and page mode and turns
   the index's embedded TrueType text into CID fonts without a Unicode map, so
   dashes and accented names no longer search or copy.
2. **After assembly**, pikepdf makes the bundle conform: XMP metadata declaring
   PDF/A-2 level B (kept in step with the document information), an sRGB
   output intent (ICC profile shipped in ``sendocs/data/icc``, Zlib licence),
   no JavaScript, launch actions, additional actions or embedded files,
   annotations printable and visible, LZW streams re-compressed with Flate,
   image interpolation off, PDF 1.7 header, no encryption.

No validator runs here (veraPDF is not packaged for Debian); the tests check
the declarations, the output intent and, with ``pdffonts``, that every font is
embedded.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import zlib
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pikepdf
from pikepdf import Array, Dictionary, Name

from sendocs.bundle.base14 import can_embed, embed_standard_font
from sendocs.errors import BundleError

if TYPE_CHECKING:
    from sendocs.bundle.inputs import BadDocument, LoadedDocument

__all__ = [
    "PDFA_VERSION",
    "SRGB_PROFILE",
    "embed_missing_fonts",
    "embed_standard_fonts",
    "make_pdfa",
    "unembedded_fonts",
]

log = logging.getLogger(__name__)

PDFA_VERSION = "1.7"  # PDF/A-2 is based on ISO 32000-1 (PDF 1.7)
SRGB_PROFILE = Path(__file__).resolve().parent.parent / "data" / "icc" / "sRGB.icc"
_GS_TIMEOUT_S = 600
_GS_HINT = (
    "--pdfa needs Ghostscript to embed the fonts some documents leave out; "
    "on Debian or Ubuntu: sudo apt-get install ghostscript"
)
_FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")
_FORBIDDEN_ANNOTS = {"/Sound", "/Movie", "/Screen", "/3D", "/RichMedia", "/FileAttachment"}
_FORBIDDEN_ACTIONS = {"/JavaScript", "/Launch", "/Sound", "/Movie", "/ImportData", "/ResetForm"}
_ANNOT_INVISIBLE, _ANNOT_HIDDEN, _ANNOT_PRINT, _ANNOT_NOVIEW = 1, 2, 4, 32
_MAX_DEPTH = 8


# ---------------------------------------------------------------- fonts


def unembedded_fonts(pdf: pikepdf.Pdf) -> set[str]:
    """Names of the fonts that pages (their forms and annotation appearances) use unembedded."""
    return {name for name, _ in _unembedded(pdf)}


def _unembedded(pdf: pikepdf.Pdf) -> Iterator[tuple[str, Dictionary]]:
    """(name, font dictionary) of every unembedded font the pages use, each once."""
    seen: set[tuple[int, int]] = set()
    for page in pdf.pages:
        for font in _fonts_of(page.obj, seen, 0):
            name = _unembedded_name(font)
            if name is not None:
                yield name, font


def _ghostscript_needed(pdf: pikepdf.Pdf) -> set[str]:
    """Unembedded fonts only Ghostscript can embed (not a standard 14 font, see base14)."""
    return {name for name, font in _unembedded(pdf) if not can_embed(font)}


def embed_standard_fonts(pdf: pikepdf.Pdf) -> set[str]:
    """Embed every unembedded standard 14 font of the bundle; the names still unembedded.

    Run on the assembled bundle, so each font program is stored once however
    many documents use it.
    """
    shared: dict[str, pikepdf.Object] = {}
    left: set[str] = set()
    for name, font in list(_unembedded(pdf)):
        if not embed_standard_font(pdf, font, shared):
            left.add(name)
    # a form's default fonts (/Helv, /ZaDb) draw fields typed later: embedded too
    form = pdf.Root.get("/AcroForm")
    resources = form.get("/DR") if isinstance(form, Dictionary) else None
    defaults = resources.get("/Font") if isinstance(resources, Dictionary) else None
    for default in list(defaults.values()) if isinstance(defaults, Dictionary) else []:
        if isinstance(default, Dictionary) and _unembedded_name(default) is not None:
            embed_standard_font(pdf, default, shared)
    if shared:
        log.debug("embedded %d standard font(s): %s", len(shared), sorted(shared))
    return left


def _fonts_of(holder: Any, seen: set[tuple[int, int]], depth: int) -> Iterator[Dictionary]:
    """Every font dictionary reachable from a page, form XObject or Type 3 font."""
    if depth > _MAX_DEPTH:
        return
    resources = holder.get("/Resources")
    if isinstance(resources, Dictionary):
        fonts = resources.get("/Font")
        if isinstance(fonts, Dictionary):
            for key in list(fonts.keys()):
                font = fonts[key]
                if isinstance(font, Dictionary) and _first_visit(font, seen):
                    yield font
                    if font.get("/Subtype") == Name.Type3:
                        yield from _fonts_of(font, seen, depth + 1)
        xobjects = resources.get("/XObject")
        if isinstance(xobjects, Dictionary):
            for key in list(xobjects.keys()):
                xobj = xobjects[key]
                if (
                    isinstance(xobj, pikepdf.Stream)
                    and xobj.get("/Subtype") == Name.Form
                    and _first_visit(xobj, seen)
                ):
                    yield from _fonts_of(xobj, seen, depth + 1)
    annots = holder.get("/Annots")
    for annot in annots if isinstance(annots, Array) else []:
        appearance = annot.get("/AP") if isinstance(annot, Dictionary) else None
        if isinstance(appearance, Dictionary):
            for state in list(appearance.keys()):
                yield from _appearance_fonts(appearance[state], seen, depth + 1)


def _appearance_fonts(value: Any, seen: set[tuple[int, int]], depth: int) -> Iterator[Dictionary]:
    if isinstance(value, pikepdf.Stream):
        if _first_visit(value, seen):
            yield from _fonts_of(value, seen, depth)
    elif isinstance(value, Dictionary):  # appearance states: /On, /Off…
        for key in list(value.keys()):
            yield from _appearance_fonts(value[key], seen, depth)


def _first_visit(obj: Any, seen: set[tuple[int, int]]) -> bool:
    if not obj.is_indirect:
        return True
    key = obj.objgen
    if key in seen:
        return False
    seen.add(key)
    return True


def _unembedded_name(font: Any) -> str | None:
    subtype = font.get("/Subtype")
    if subtype == Name.Type3:
        return None  # glyphs are drawn by the font's own procedures
    if subtype == Name.Type0:
        descendants = font.get("/DescendantFonts")
        if not isinstance(descendants, Array) or len(descendants) == 0:
            return str(font.get("/BaseFont", "(unnamed)"))
        font = descendants[0]
    descriptor = font.get("/FontDescriptor")
    if isinstance(descriptor, Dictionary) and any(k in descriptor for k in _FONT_FILES):
        return None
    return str(font.get("/BaseFont", "(unnamed)"))


def embed_missing_fonts(
    entries: Sequence[Sequence[LoadedDocument | BadDocument]], work_dir: Path
) -> int:
    """Rewrite, through Ghostscript, each document whose unembedded fonts need it; return how many.

    Standard 14 fonts are left for :func:`embed_standard_fonts` on the bundle
    (no rewrite); only documents with other unembedded fonts (an office
    letter's Arial, a CID font) go through Ghostscript, several at a time
    (one per core): each run is one single-threaded process.
    """
    from sendocs.bundle.inputs import LoadedDocument

    out_dir = work_dir / "pdfa"
    out_dir.mkdir(parents=True, exist_ok=True)
    jobs: list[tuple[LoadedDocument, Path]] = []
    for n, entry in enumerate(e for section in entries for e in section):
        if not isinstance(entry, LoadedDocument):
            continue
        missing = _ghostscript_needed(entry.opened())
        if missing:
            log.debug("document %d: embedding %d font(s) with Ghostscript", n, len(missing))
            jobs.append((entry, out_dir / f"{n}-embedded.pdf"))
    if not jobs:
        return 0
    if shutil.which("gs") is None:
        raise BundleError(_GS_HINT)
    workers = max(1, min(len(jobs), os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=workers) as pool:  # each thread waits on one gs
        list(pool.map(lambda job: _ghostscript_embed(job[0].path, job[1]), jobs))
    for entry, output in jobs:
        with pikepdf.open(output) as pdf:
            pages = len(pdf.pages)
        if pages != entry.page_count:
            raise BundleError(
                f"document {entry.spec.title!r}: embedding its fonts for PDF/A changed its "
                f"page count ({entry.page_count} → {pages}); build the bundle without --pdfa",
            )
        entry.path = output  # drops the old reader; scanned pages stay as they were
    return len(jobs)


def _ghostscript_embed(source: Path, output: Path) -> None:
    exe = shutil.which("gs")
    if exe is None:
        raise BundleError(_GS_HINT)
    command = [
        exe,
        "-q",
        "-dBATCH",
        "-dNOPAUSE",
        "-dSAFER",
        "-sDEVICE=pdfwrite",
        "-dCompatibilityLevel=1.7",
        "-dEmbedAllFonts=true",
        "-dSubsetFonts=true",
        "-dAutoRotatePages=/None",  # never turn a page the author did not turn
        f"-sOutputFile={output}",
        "-c",
        "<</NeverEmbed []>> setdistillerparams",  # the standard 14 too
        "-f",
        str(source),
    ]
    try:
        done = subprocess.run(command, capture_output=True, timeout=_GS_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired:
        raise BundleError(
            f"Ghostscript took longer than {_GS_TIMEOUT_S // 60} minutes embedding the fonts "
            f"of {source.name}; build the bundle without --pdfa"
        ) from None
    if done.returncode != 0 or not output.is_file():
        log.debug("gs exit %s: %s", done.returncode, done.stderr[-2000:])
        raise BundleError(
            f"Ghostscript could not embed the fonts of {source.name} (exit status "
            f"{done.returncode}); build the bundle without --pdfa"
        )


# ---------------------------------------------------------------- conformance


def make_pdfa(pdf: pikepdf.Pdf, title: str) -> set[str]:
    """Make the assembled bundle PDF/A-2b in place; the names of fonts still unembedded.

    Standard 14 fonts are embedded here (:func:`embed_standard_fonts`); other
    fonts must have been embedded before assembly (:func:`embed_missing_fonts`).
    """
    left = embed_standard_fonts(pdf)
    root = pdf.Root
    for key in ("/AA", "/Perms", "/Collection", "/Threads", "/SpiderInfo"):
        if key in root:
            del root[key]
    names = root.get("/Names")
    if isinstance(names, Dictionary):
        for key in ("/JavaScript", "/EmbeddedFiles", "/AlternatePresentations"):
            if key in names:
                del names[key]
    form = root.get("/AcroForm")
    if isinstance(form, Dictionary):
        for key in ("/XFA", "/NeedAppearances"):
            if key in form:
                del form[key]
    for page in pdf.pages:
        _clean_page(page.obj)
    _clean_objects(pdf)
    _clean_outline(root.get("/Outlines"))
    root.OutputIntents = Array([_output_intent(pdf)])
    if not isinstance(pdf.docinfo.get("/Title"), pikepdf.String):
        pdf.docinfo.Title = pikepdf.String(title)
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta.load_from_docinfo(pdf.docinfo)
        meta["pdfaid:part"] = "2"
        meta["pdfaid:conformance"] = "B"
    return left


def _clean_page(page: Dictionary) -> None:
    if "/AA" in page:
        del page["/AA"]
    annots = page.get("/Annots")
    if not isinstance(annots, Array):
        return
    kept = []
    for annot in annots:
        if not isinstance(annot, Dictionary) or annot.get("/Subtype") in _FORBIDDEN_ANNOTS:
            continue
        flags = int(annot.get("/F", 0))
        annot.F = (flags | _ANNOT_PRINT) & ~(_ANNOT_INVISIBLE | _ANNOT_HIDDEN | _ANNOT_NOVIEW)
        if "/AA" in annot:
            del annot["/AA"]
        _drop_forbidden_action(annot)
        kept.append(annot)
    page.Annots = Array(kept)


def _drop_forbidden_action(holder: Dictionary) -> None:
    action = holder.get("/A")
    if isinstance(action, Dictionary) and action.get("/S") in _FORBIDDEN_ACTIONS:
        del holder["/A"]


def _clean_outline(outlines: Any) -> None:
    """Outline items may carry actions too (JavaScript in a bookmark)."""
    stack = [outlines.get("/First")] if isinstance(outlines, Dictionary) else []
    seen: set[tuple[int, int]] = set()
    while stack:
        item = stack.pop()
        if not isinstance(item, Dictionary) or not _first_visit(item, seen):
            continue
        _drop_forbidden_action(item)
        stack += [item.get("/First"), item.get("/Next")]


def _clean_objects(pdf: pikepdf.Pdf) -> None:
    """LZW is not allowed in PDF/A-2: re-compress with Flate; images must not interpolate."""
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Stream):
            continue
        interpolate = obj.get("/Interpolate")
        if interpolate is not None and bool(interpolate):
            obj.Interpolate = False
        filters = obj.get("/Filter")
        chain = list(filters) if isinstance(filters, Array) else [filters]
        if chain != [Name.LZWDecode]:  # LZW under another filter: too rare to handle
            continue
        try:
            data = obj.read_bytes()  # decoded, predictor undone
        except pikepdf.PdfError:
            log.debug("PDF/A: an LZW stream could not be decoded; left as it was")
            continue
        obj.write(zlib.compress(data), filter=Name.FlateDecode)


def _output_intent(pdf: pikepdf.Pdf) -> Dictionary:
    profile = pdf.make_stream(SRGB_PROFILE.read_bytes())
    profile.N = 3
    return Dictionary(
        Type=Name.OutputIntent,
        S=Name.GTS_PDFA1,
        OutputConditionIdentifier=pikepdf.String("sRGB IEC61966-2.1"),
        Info=pikepdf.String("sRGB IEC61966-2.1"),
        DestOutputProfile=profile,
    )

"""Turning each document of a specification into an opened PDF, or a reason it can't be.

PDFs are opened as they are; Word/ODT files go through one converter call for
the whole bundle; images become one A4 page each. A document that is missing,
empty, encrypted or corrupt becomes a :class:`BadDocument` carrying a reason a
solicitor can act on; the builder either stops on it or, with ``skip_bad``,
lists it in the index as not included.
"""

from __future__ import annotations

import hashlib
import io
import logging
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from sendocs.bundle.converter import (
    CONVERTIBLE_SUFFIXES,
    DocumentConverter,
    default_document_converter,
)
from sendocs.bundle.spec import BundleSpec, DocumentSpec
from sendocs.bundle.textlayer import image_only_pages
from sendocs.errors import ConversionError

__all__ = [
    "IMAGE_SUFFIXES",
    "BadDocument",
    "LoadedDocument",
    "SectionEntries",
    "load_documents",
]

log = logging.getLogger(__name__)

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg"})
_OCR_TIMEOUT_S = 600


@dataclass
class LoadedDocument:
    """A document opened as a PDF, ready to be appended to the bundle."""

    spec: DocumentSpec
    source: Path
    reader: PdfReader
    sha256: str
    scanned_pages: list[int] = field(default_factory=list)  # 0-based, without a text layer
    ocr_applied: bool = False

    @property
    def page_count(self) -> int:
        return len(self.reader.pages)


@dataclass(frozen=True)
class BadDocument:
    """A document that cannot go into the bundle, and why (in the user's words)."""

    spec: DocumentSpec
    source: Path
    reason: str


SectionEntries = list[LoadedDocument | BadDocument]


def load_documents(
    spec: BundleSpec, work_dir: Path, converter: DocumentConverter | None
) -> list[SectionEntries]:
    """Open every document of ``spec``, section by section, in bundle order."""
    plan: list[list[tuple[DocumentSpec, Path]]] = [
        [(doc, spec.resolve(doc)) for doc in section.ordered_documents()]
        for section in spec.sections
    ]
    to_convert = [
        source
        for section in plan
        for _, source in section
        if source.suffix.lower() in CONVERTIBLE_SUFFIXES and _present(source) is None
    ]
    converted = _convert_all(to_convert, work_dir, converter) if to_convert else {}
    return [
        [_load_one(doc, source, converted, work_dir) for doc, source in section] for section in plan
    ]


def _present(source: Path) -> str | None:
    """Why ``source`` cannot be read at all, or None."""
    if not source.exists():
        return "file not found"
    if not source.is_file():
        return "not a file"
    if source.stat().st_size == 0:
        return "file is empty (0 bytes)"
    return None


def _convert_all(
    sources: Sequence[Path], work_dir: Path, converter: DocumentConverter | None
) -> dict[Path, Path | None]:
    """Convert every Word/ODT file in one call; map each source to its PDF (None: failed)."""
    if converter is None:
        converter = default_document_converter()
    out_dir = work_dir / "converted"
    out_dir.mkdir(parents=True, exist_ok=True)
    unique = list(dict.fromkeys(sources))
    results = converter.convert(unique, out_dir)
    if len(results) != len(unique):
        raise ConversionError(
            f"the converter returned {len(results)} PDFs for {len(unique)} documents"
        )
    return {
        src: (pdf if pdf.is_file() and pdf.stat().st_size > 0 else None)
        for src, pdf in zip(unique, results, strict=True)
    }


def _load_one(
    doc: DocumentSpec, source: Path, converted: dict[Path, Path | None], work_dir: Path
) -> LoadedDocument | BadDocument:
    missing = _present(source)
    if missing:
        return BadDocument(doc, source, missing)
    suffix = source.suffix.lower()
    raw = source.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if suffix in CONVERTIBLE_SUFFIXES:
        pdf_path = converted.get(source)
        if pdf_path is None:
            return BadDocument(doc, source, "conversion to PDF produced no output")
        data = pdf_path.read_bytes()
    elif suffix in IMAGE_SUFFIXES:
        try:
            data = image_to_pdf(raw)
        except Exception as exc:  # Pillow/reportlab raise many kinds on bad images
            log.debug("image %s unreadable: %r", source, exc)
            return BadDocument(doc, source, "image is corrupt or not a PNG/JPEG")
    elif suffix == ".pdf":
        data = raw
    else:
        return BadDocument(doc, source, f"unsupported file type {suffix or '(none)'}")
    opened = _open_pdf(data)
    if isinstance(opened, str):
        return BadDocument(doc, source, opened)
    loaded = LoadedDocument(doc, source, opened, digest, image_only_pages(opened))
    if suffix == ".pdf" and loaded.scanned_pages:
        _try_ocr(loaded, work_dir)
    return loaded


def _open_pdf(data: bytes) -> PdfReader | str:
    """An opened, readable PDF with at least one page, or the reason it isn't one."""
    if not data.lstrip()[:5].startswith(b"%PDF"):
        return "not a PDF file (corrupt or wrong extension)"
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    return "encrypted: it needs a password to open; supply an unprotected copy"
            except (DependencyError, NotImplementedError):
                return (
                    "encrypted with a method that cannot be opened here; supply an unprotected copy"
                )
        count = len(reader.pages)
        for page in reader.pages:
            _ = page.mediabox  # touch each page so broken page trees fail here, not mid-bundle
    except FileNotDecryptedError:
        return "encrypted: it needs a password to open; supply an unprotected copy"
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        log.debug("corrupt PDF: %r", exc)
        return "corrupt PDF: it cannot be read; re-save or re-scan it"
    if count == 0:
        return "the PDF has no pages"
    return reader


def image_to_pdf(raw: bytes) -> bytes:
    """One A4 page (landscape for wide images) with the image fitted inside 1 cm margins."""
    image = ImageReader(io.BytesIO(raw))
    width, height = image.getSize()
    if width <= 0 or height <= 0:
        raise ValueError("empty image")
    page = landscape(A4) if width > height else A4
    margin = 28.35
    scale = min((page[0] - 2 * margin) / width, (page[1] - 2 * margin) / height)
    w, h = width * scale, height * scale
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=page, pageCompression=1)
    canvas.drawImage(image, (page[0] - w) / 2, (page[1] - h) / 2, w, h)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def _try_ocr(loaded: LoadedDocument, work_dir: Path) -> None:
    """Add a text layer with ocrmypdf when it is installed; never required."""
    exe = shutil.which("ocrmypdf")
    if exe is None:
        return
    ocr_dir = work_dir / "ocr"
    ocr_dir.mkdir(parents=True, exist_ok=True)
    out = ocr_dir / f"{loaded.sha256[:16]}.pdf"
    try:
        subprocess.run(
            [exe, "--skip-text", "--quiet", str(loaded.source), str(out)],
            check=True,
            capture_output=True,
            timeout=_OCR_TIMEOUT_S,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        log.debug("ocrmypdf failed: %r", exc)
        return
    opened = _open_pdf(out.read_bytes()) if out.is_file() else "no output"
    if isinstance(opened, PdfReader) and len(opened.pages) == loaded.page_count:
        loaded.reader = opened
        loaded.ocr_applied = True
        loaded.scanned_pages = image_only_pages(opened)

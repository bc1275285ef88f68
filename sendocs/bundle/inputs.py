"""Turning each document of a specification into an opened PDF, or a reason it can't be.

Every PDF goes through :func:`sendocs.pdfio.open_pdf` (repaired with qpdf,
decrypted with its password, bounded in time and memory, rasterised through
poppler as a last resort); Word/ODT files go through one converter call for
the whole bundle; images become one A4 page each. A document no engine can
open becomes a :class:`BadDocument` carrying a reason a solicitor can act on;
the builder either stops on it or, with ``skip_bad``, lists it in the index
as not included.

What the assembler gets (see /work/notes/pdfio-interface.md): ``path``, a PDF
file that is unencrypted and already repaired, which pypdf and pikepdf both
open; ``reader``, pypdf opened on it (lazily); ``page_count`` pages; ``handle``,
pikepdf already open on it when it was vetted in this process (else None).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from sendocs.bundle.converter import (
    CONVERTIBLE_SUFFIXES,
    DocumentConverter,
    default_document_converter,
)
from sendocs.bundle.spec import BundleSpec, DocumentSpec
from sendocs.bundle.textlayer import image_only_pages_qpdf
from sendocs.bundle.xfa import DYNAMIC_XFA_REASON, xfa_kind
from sendocs.errors import ConversionError
from sendocs.pdfio import (
    DEFAULT_LIMITS,
    BoundedWorker,
    OpenedPdf,
    PdfLimits,
    UnreadablePdf,
)
from sendocs.pdfio.open import OpenRequest, open_pdfs, small_file_bytes

__all__ = [
    "IMAGE_SUFFIXES",
    "BadDocument",
    "LoadedDocument",
    "SectionEntries",
    "close_handles",
    "load_documents",
]

log = logging.getLogger(__name__)

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg"})
PASSWORD_HINT = (
    "add `password:` (or `password_env:`) to its entry in the bundle specification, "
    "or give a --password-file"
)


@dataclass
class LoadedDocument:
    """A document opened as a PDF, ready to be appended to the bundle.

    ``path`` is unencrypted and repaired; ``sha256`` is of the original input
    file. ``repairs`` says what was fixed (empty: nothing), ``log`` what the
    PDF libraries said while reading it. ``path`` and ``reader`` may be
    replaced (e.g. by OCR); setting ``path`` drops the old reader.
    """

    spec: DocumentSpec
    source: Path
    path: Path
    page_count: int
    sha256: str
    scanned_pages: list[int] = field(default_factory=list)  # 0-based, without a text layer
    ocr_applied: bool = False
    repairs: list[str] = field(default_factory=list)
    rasterised: bool = False
    signed: bool = False
    decrypted: bool = False
    xfa: bool = False
    """A static XFA form: its /XFA layer is dropped when copied (:mod:`sendocs.bundle.xfa`)."""
    log: list[str] = field(default_factory=list)
    _reader: PdfReader | None = field(default=None, repr=False, compare=False)
    handle: pikepdf.Pdf | None = field(default=None, repr=False, compare=False)
    """:attr:`path` already open with pikepdf (from vetting), or None: open it to copy."""

    @property
    def reader(self) -> PdfReader:
        """pypdf opened on :attr:`path` (on first use)."""
        if self._reader is None:
            self._reader = PdfReader(self.path)
        return self._reader

    @reader.setter
    def reader(self, value: PdfReader) -> None:
        self._reader = value

    def __setattr__(self, name: str, value: object) -> None:
        if name == "path" and "path" in self.__dict__:
            super().__setattr__("_reader", None)
            handle = self.__dict__.get("handle")
            if handle is not None:
                handle.close()
                super().__setattr__("handle", None)
        super().__setattr__(name, value)

    @property
    def repaired(self) -> bool:
        return bool(self.repairs)

    def opened(self) -> pikepdf.Pdf:
        """:attr:`path` open with pikepdf: the vetting's handle, else opened now and kept.

        Every later step (turning pages, fonts, copying) uses this one parse: opening a
        6 MB manual costs qpdf 0.17 s each time. :func:`close_handles` closes them all.
        """
        if self.handle is None:
            self.handle = pikepdf.open(self.path)
        return self.handle


def close_handles(entries: list[SectionEntries]) -> None:
    """Close every document's pikepdf handle (once the bundle is saved: qpdf copies
    stream data from them only then)."""
    for entry in (e for section in entries for e in section):
        if isinstance(entry, LoadedDocument) and entry.handle is not None:
            entry.handle.close()


@dataclass(frozen=True)
class BadDocument:
    """A document that cannot go into the bundle, and why (in the user's words)."""

    spec: DocumentSpec
    source: Path
    reason: str


SectionEntries = list[LoadedDocument | BadDocument]


def load_documents(
    spec: BundleSpec,
    work_dir: Path,
    converter: DocumentConverter | None,
    *,
    limits: PdfLimits = DEFAULT_LIMITS,
) -> list[SectionEntries]:
    """Open every document of ``spec``, section by section, in bundle order.

    Each PDF is read within ``limits``; a breach makes that document a
    :class:`BadDocument` (left out with ``skip_bad``), never a stopped run.
    """
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
    keep_bytes = small_file_bytes(limits)
    prepared = [
        [_prepare(doc, source, converted, work_dir, keep_bytes) for doc, source in section]
        for section in plan
    ]
    requests = [p for section in prepared for p in section if isinstance(p, _ToOpen)]
    with BoundedWorker(limits) as first, BoundedWorker(limits) as second:
        # bounded children read them all, two at a time, a few queued ahead each
        opened = open_pdfs(
            [r.request for r in requests],
            work_dir / "inputs",
            workers=[first, second] if len(requests) > 1 else [first],
            limits=limits,
            password_hint=PASSWORD_HINT,
            find_scans=image_only_pages_qpdf,
            pypdf_must_read=False,  # assembled with pikepdf; repaired copies are still checked
            keep_open=True,  # a file vetted in-process is copied from the same opened file
        )
    done = dict(zip(map(id, requests), opened, strict=True))
    return [[_finish(p, done) for p in section] for section in prepared]


@dataclass(frozen=True)
class _ToOpen:
    doc: DocumentSpec
    source: Path
    digest: str
    request: OpenRequest


def _finish(
    prepared: _ToOpen | BadDocument, done: dict[int, OpenedPdf | UnreadablePdf]
) -> LoadedDocument | BadDocument:
    if isinstance(prepared, BadDocument):
        return prepared
    result = done[id(prepared)]
    if isinstance(result, UnreadablePdf):
        return BadDocument(prepared.doc, prepared.source, result.reason)
    kind = None if result.rasterised else _xfa_of(result)
    if kind == "dynamic":
        if result.handle is not None:
            result.handle.close()
        return BadDocument(prepared.doc, prepared.source, DYNAMIC_XFA_REASON)
    loaded = _loaded(prepared.doc, prepared.source, prepared.digest, result)
    loaded.xfa = kind == "static"
    return loaded


def _xfa_of(result: OpenedPdf) -> str | None:
    """The document's kind of XFA form (see :func:`sendocs.bundle.xfa.xfa_kind`), or None.

    A file vetted in this process is already open; one read by a bounded child
    is opened here and kept open (``handle``): the bundle copies from it.
    """
    if result.handle is None:
        try:
            result.handle = pikepdf.open(result.path)
        except (pikepdf.PdfError, OSError, ValueError) as exc:  # vetted already: copying will say
            log.debug("XFA check failed: %r", exc)
            return None
    return xfa_kind(result.handle)


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
    out_dir = work_dir / "converted"
    out_dir.mkdir(parents=True, exist_ok=True)
    unique = list(dict.fromkeys(sources))
    with contextlib.ExitStack() as stack:
        if converter is None:  # ours: LibreOffice stops once these are converted
            converter = stack.enter_context(default_document_converter())
        results = converter.convert(unique, out_dir)
    if len(results) != len(unique):
        raise ConversionError(
            f"the converter returned {len(results)} PDFs for {len(unique)} documents"
        )
    return {
        src: (pdf if pdf.is_file() and pdf.stat().st_size > 0 else None)
        for src, pdf in zip(unique, results, strict=True)
    }


def _prepare(
    doc: DocumentSpec,
    source: Path,
    converted: dict[Path, Path | None],
    work_dir: Path,
    keep_bytes: int = 0,
) -> _ToOpen | BadDocument:
    """Everything before the PDF is opened: the file's hash, password, conversion.

    A PDF of at most ``keep_bytes`` goes to the reader with the bytes read here for the
    hash, so a small clean file is read from disk once."""
    missing = _present(source)
    if missing:
        return BadDocument(doc, source, missing)
    suffix = source.suffix.lower()
    try:
        raw = source.read_bytes()
    except OSError as exc:
        return BadDocument(doc, source, f"the file cannot be read ({exc.strerror or exc})")
    digest = hashlib.sha256(raw).hexdigest()
    password: str | None = None
    if suffix in CONVERTIBLE_SUFFIXES:
        pdf_path = converted.get(source)
        if pdf_path is None:
            return BadDocument(doc, source, "conversion to PDF produced no output")
    elif suffix in IMAGE_SUFFIXES:
        try:
            data = image_to_pdf(raw)
        except Exception as exc:  # Pillow/reportlab raise many kinds on bad images
            log.debug("image %s unreadable: %r", source, exc)
            if "DecompressionBomb" in type(exc).__name__ or "decompression bomb" in str(exc):
                return BadDocument(
                    doc,
                    source,
                    "refused for safety: the image claims far more pixels than any real scan "
                    "(a “decompression bomb”)",
                )
            return BadDocument(doc, source, "image is corrupt or not a PNG/JPEG")
        pdf_path = work_dir / "images" / f"{digest[:16]}.pdf"
        pdf_path.parent.mkdir(parents=True, exist_ok=True)
        pdf_path.write_bytes(data)
    elif suffix == ".pdf":
        pdf_path = source
        password, problem = _password(doc)
        if problem:
            return BadDocument(doc, source, problem)
    else:
        return BadDocument(doc, source, f"unsupported file type {suffix or '(none)'}")
    kept = raw if pdf_path == source and len(raw) <= keep_bytes else None
    return _ToOpen(doc, source, digest, OpenRequest(pdf_path, password, kept))


def _loaded(doc: DocumentSpec, source: Path, digest: str, opened: OpenedPdf) -> LoadedDocument:
    return LoadedDocument(
        spec=doc,
        source=source,
        path=opened.path,
        page_count=opened.page_count,
        sha256=digest,
        scanned_pages=opened.scanned_pages,
        repairs=opened.repairs,
        rasterised=opened.rasterised,
        signed=opened.signed,
        decrypted=opened.decrypted,
        log=opened.log,
        handle=opened.handle,
    )


def _password(doc: DocumentSpec) -> tuple[str | None, str | None]:
    """The document's password (from the spec, its environment variable, or a password file),
    or the reason it cannot be had. Never logged."""
    if doc.password is not None:
        return doc.password.get_secret_value(), None
    if doc.password_env:
        value = os.environ.get(doc.password_env)
        if value is None:
            return None, (
                f"its password_env names the environment variable {doc.password_env}, "
                "which is not set"
            )
        return value, None
    return None, None


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

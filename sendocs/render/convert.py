"""Turning rendered Word documents into PDFs: the ``Converter`` protocol and two implementations.

Everything above this layer (batches, bundles, the CLI) asks a
:class:`Converter` for PDFs and never talks to LibreOffice itself, so tests of
those layers can pass a :class:`FakeConverter` and run in milliseconds:

* :class:`~sendocs.render.libreoffice.LibreOfficeConverter` — the real one:
  tagged PDF or PDF/A-2b from a long-lived LibreOffice.
* :class:`FakeConverter` — a one-page reportlab PDF that lists the source's
  file name and paragraph text. For tests of other layers only; never for users.

A converter is a context manager: enter it once per batch so LibreOffice starts
once, and leave it so no LibreOffice process outlives the batch.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Protocol, Self, runtime_checkable

from sendocs.closing import ClosedOnExit
from sendocs.errors import ConversionError
from sendocs.files import publish_file
from sendocs.render.convert_paths import SUPPORTED_SUFFIXES, partial_path, plan_outputs, publish
from sendocs.render.libreoffice import LibreOfficeConverter, find_soffice
from sendocs.staging import staging_dir

__all__ = [
    "SUPPORTED_SUFFIXES",
    "ConversionCall",
    "Converter",
    "FakeConverter",
    "LibreOfficeConverter",
    "convert_one",
    "find_soffice",
    "open_converter",
]


@runtime_checkable
class Converter(Protocol):
    """Something that turns Word-processing documents into PDFs.

    Implementations must write each PDF atomically (never a half-written file
    at the final path) and raise :class:`~sendocs.errors.ConversionError`
    naming the document when one cannot be converted.
    """

    def convert(self, sources: Sequence[Path], out_dir: Path, *, pdfa: bool = False) -> list[Path]:
        """Convert each DOCX (or ODT/RTF/DOC) to a PDF in out_dir with the same stem; return the PDF paths in the same order."""  # noqa: E501
        ...

    def close(self) -> None:
        """Release whatever the converter started (LibreOffice processes). Idempotent."""
        ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...


def open_converter(*, workers: int | None = None, timeout: float = 120.0) -> Converter:
    """The converter sendocs uses unless told otherwise: LibreOffice, started on first use.

    Use it in a ``with`` block, so LibreOffice starts once for everything converted
    inside and no LibreOffice process outlives the block::

        with sendocs.open_converter() as converter:
            pdfs = converter.convert(docx_files, out_dir)

    ``workers``: LibreOffice instances converting side by side (default: one per
    core, at most two); ``timeout``: seconds allowed per document.
    """
    return LibreOfficeConverter(workers=workers, timeout=timeout)


def convert_one(
    docx: Path, pdf_path: Path, *, pdfa: bool = False, converter: Converter | None = None
) -> Path:
    """Convert one document to exactly ``pdf_path`` (any name), atomically.

    Starts and stops a LibreOffice of its own unless ``converter`` is given; for
    more than a handful of documents, use one converter and :meth:`Converter.convert`.
    """
    pdf_path = Path(pdf_path)
    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.ExitStack() as stack:
        if converter is None:
            converter = stack.enter_context(LibreOfficeConverter(workers=1))
        staging = stack.enter_context(staging_dir("pdf"))
        (produced,) = converter.convert([Path(docx)], staging, pdfa=pdfa)
        publish_file(produced, pdf_path, force=True)
    return pdf_path


# --------------------------------------------------------------------------- test double


@dataclass(frozen=True)
class ConversionCall:
    """One call a :class:`FakeConverter` received, for assertions in tests."""

    sources: tuple[Path, ...]
    out_dir: Path
    pdfa: bool


class FakeConverter(ClosedOnExit):
    """A stand-in for LibreOffice in tests of other layers: one simple page per document.

    Each PDF shows the source's file name and, for a .docx, its paragraph and
    table-cell text (read with python-docx), so a test can check that the right
    content reached the right PDF. Inputs are checked exactly as the real
    converter checks them. ``fail_on`` names (file names) make it raise
    :class:`ConversionError` for those documents, to test error paths.
    """

    def __init__(self, *, fail_on: Sequence[str] = ()) -> None:
        self.calls: list[ConversionCall] = []
        self.closed = False
        self._fail_on = set(fail_on)

    def close(self) -> None:
        self.closed = True

    def convert(self, sources: Sequence[Path], out_dir: Path, *, pdfa: bool = False) -> list[Path]:
        """Write one page per source into ``out_dir``; see the class docstring."""
        sources = [Path(s) for s in sources]
        self.calls.append(ConversionCall(tuple(sources), Path(out_dir), pdfa))
        targets = plan_outputs(sources, Path(out_dir))
        with staging_dir("fake-pdf") as staging:
            for source, target in zip(sources, targets, strict=True):
                if source.name in self._fail_on:
                    raise ConversionError(
                        f"Could not convert {source}: (FakeConverter told to fail)"
                    )
                partial = partial_path(target, staging)
                _draw_page(partial, source.name, _document_text(source))
                publish(partial, target)
        return targets


def _document_text(source: Path) -> list[str]:
    if source.suffix.lower() != ".docx":
        return []
    import docx

    try:
        document = docx.Document(str(source))
    except Exception as exc:  # python-docx raises several unrelated types
        raise ConversionError(f"Could not convert {source}: {exc}") from exc
    lines = [p.text for p in document.paragraphs if p.text.strip()]
    for table in document.tables:
        for row in table.rows:
            cells = [cell.text for cell in row.cells]
            if any(c.strip() for c in cells):
                lines.append(" | ".join(cells))
    return lines


def _draw_page(path: Path, title: str, lines: list[str]) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen import canvas

    width, height = A4
    margin, leading = 56.0, 13.0
    page = canvas.Canvas(str(path), pagesize=A4, invariant=True)
    page.setTitle(title)
    page.setFont("Helvetica-Bold", 12)
    page.drawString(margin, height - margin, title)
    page.setFont("Helvetica", 10)
    y = height - margin - 2 * leading
    for line in lines:
        for part in simpleSplit(line, "Helvetica", 10, width - 2 * margin) or [""]:
            if y < margin:
                break
            page.drawString(margin, y, part)
            y -= leading
    page.showPage()
    page.save()

"""The one thing the bundle needs from a DOCX→PDF converter.

Defined here, not imported from ``sendocs.render``, so the bundle depends on a
shape rather than on LibreOffice: tests pass a tiny fake, production passes
the LibreOffice converter from :func:`sendocs.render.convert.default_converter`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

from sendocs.errors import BundleError

__all__ = ["CONVERTIBLE_SUFFIXES", "DocumentConverter", "default_document_converter"]

#: Word-processor formats converted to PDF before bundling.
CONVERTIBLE_SUFFIXES = frozenset({".docx", ".doc", ".odt", ".rtf"})


@runtime_checkable
class DocumentConverter(Protocol):
    """Converts word-processor files to PDF, all in one call (starting LibreOffice is slow).

    Returns the PDFs in the order of ``sources``, written into ``out_dir``.
    """

    def convert(
        self, sources: Sequence[Path], out_dir: Path, *, pdfa: bool = False
    ) -> list[Path]: ...


def default_document_converter() -> DocumentConverter:
    """The project's LibreOffice converter, imported only when a Word file needs it."""
    try:
        from sendocs.render.convert import default_converter  # type: ignore[attr-defined,unused-ignore]
    except ImportError as exc:
        raise BundleError(
            "this bundle contains Word/ODT documents but LibreOffice conversion is not "
            "available; convert them to PDF yourself or install LibreOffice"
        ) from exc
    converter: DocumentConverter = default_converter()
    return converter

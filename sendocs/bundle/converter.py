"""What the bundle needs from a DOCX→PDF converter: sendocs' one ``Converter`` protocol.

The bundle sits above the converter layer, so it uses
:class:`sendocs.render.convert.Converter` itself (there used to be a second,
narrower protocol here); tests pass :class:`sendocs.testing.FakeConverter`.
``DocumentConverter`` remains as another name for the same protocol.
"""

from __future__ import annotations

from sendocs.errors import BundleError
from sendocs.render.convert import SUPPORTED_SUFFIXES, Converter

__all__ = ["CONVERTIBLE_SUFFIXES", "DocumentConverter", "default_document_converter"]

#: Word-processor formats converted to PDF before bundling (those the converter takes).
CONVERTIBLE_SUFFIXES = SUPPORTED_SUFFIXES

DocumentConverter = Converter
"""The :class:`~sendocs.render.convert.Converter` protocol, under the bundle's old name."""


def default_document_converter() -> Converter:
    """The project's LibreOffice converter; LibreOffice starts when a Word file needs it.

    Imported here, when a Word file needs it, so a build without the converter
    says so plainly (LibreOffice itself missing is the converter's own error).
    """
    try:
        from sendocs.render.convert import open_converter
    except ImportError as exc:
        raise BundleError(
            "this bundle contains Word/ODT documents but LibreOffice conversion is not "
            "available; convert them to PDF yourself or install LibreOffice"
        ) from exc
    return open_converter()

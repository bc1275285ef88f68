"""sendocs: documents for England's SEND system from structured case data.

The public API, re-exported here; the command line (``sendocs``) calls
nothing else::

    import sendocs
    loaded = sendocs.load_case("fixtures/cases/amara-okafor.yaml")
    result = sendocs.render_document("iep", loaded, "out/")
"""

from sendocs.api import RenderResult, case_schema, render_document, write_schema
from sendocs.documents import DocumentKind, RenderOptions, all_kinds, get_kind, register
from sendocs.errors import (
    BundleError,
    CaseDataError,
    ConversionError,
    FormError,
    InputPdfError,
    OutputExistsError,
    RosterError,
    SendocsError,
    TemplateError,
)
from sendocs.loading import LoadedCase, load_case, load_cases
from sendocs.models import Case

__version__ = "0.1.0"

__all__ = [
    "BundleError",
    "Case",
    "CaseDataError",
    "ConversionError",
    "DocumentKind",
    "FormError",
    "InputPdfError",
    "LoadedCase",
    "OutputExistsError",
    "RenderOptions",
    "RenderResult",
    "RosterError",
    "SendocsError",
    "TemplateError",
    "all_kinds",
    "case_schema",
    "get_kind",
    "load_case",
    "load_cases",
    "register",
    "render_document",
    "write_schema",
]

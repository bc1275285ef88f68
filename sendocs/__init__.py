"""sendocs: documents for England's SEND system from structured case data.

The public API, re-exported here; the command line (``sendocs``) calls
nothing else::

    import sendocs
    loaded = sendocs.load_case("fixtures/cases/amara-okafor.yaml")
    result = sendocs.render_document("iep", loaded, "out/")
"""

from sendocs.api import RenderResult, case_schema, render_document, write_schema
from sendocs.batch import BatchReport, render_batch
from sendocs.bundle import BundleReport, build_bundle, load_bundle_spec
from sendocs.dates import Deadline, appeal_deadline, assessment_decision_deadline
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
from sendocs.forms import FillResult, fill_form
from sendocs.loading import LoadedCase, load_case, load_cases
from sendocs.models import Case
from sendocs.roster import read_roster

__version__ = "0.1.0"

__all__ = [
    "BatchReport",
    "BundleError",
    "BundleReport",
    "Case",
    "CaseDataError",
    "ConversionError",
    "Deadline",
    "DocumentKind",
    "FillResult",
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
    "appeal_deadline",
    "assessment_decision_deadline",
    "build_bundle",
    "case_schema",
    "fill_form",
    "get_kind",
    "load_bundle_spec",
    "load_case",
    "load_cases",
    "read_roster",
    "register",
    "render_batch",
    "render_document",
    "write_schema",
]

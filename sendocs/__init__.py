"""sendocs: documents for England's SEND system from structured case data.

The public API, re-exported here with every type its signatures use; the
command line (``sendocs``) calls nothing else. Modules below are private
in the sense that their layout may change: import from ``sendocs``::

    import sendocs
    loaded = sendocs.load_case("fixtures/cases/amara-okafor.yaml")
    result = sendocs.render_document("iep", loaded, "out/")

Tests that must not start LibreOffice pass ``converter=FakeConverter()``
from :mod:`sendocs.testing`.
"""

from sendocs.api import (
    DemoResult,
    OutputFormat,
    RenderResult,
    case_schema,
    render_document,
    run_demo,
    write_schema,
)
from sendocs.batch import BatchItem, BatchReport, BatchRow, render_batch
from sendocs.bundle import (
    BundleReport,
    BundleSpec,
    BundleWarning,
    DocumentSummary,
    SectionSummary,
    SkippedDocument,
    build_bundle,
    load_bundle_spec,
)
from sendocs.dates import (
    Deadline,
    ReceiptAssumptions,
    TermCalendar,
    appeal_deadline,
    assessment_decision_deadline,
)
from sendocs.documents import (
    DocumentCopy,
    DocumentKind,
    RenderOptions,
    all_kinds,
    get_kind,
    register,
)
from sendocs.errors import (
    BundleError,
    CaseDataError,
    ConversionError,
    FormError,
    InputPdfError,
    Location,
    OutputExistsError,
    Problem,
    RosterError,
    SendocsError,
    TemplateError,
)
from sendocs.forms import FillResult, FormMap, Overflow, SkippedField, fill_form, load_map
from sendocs.lint import LintProblem, check_template
from sendocs.loading import LoadedCase, load_case, load_cases
from sendocs.models import Case, DeliveryMethod
from sendocs.render.convert import Converter, open_converter
from sendocs.render.docx import DocxRenderer
from sendocs.roster import (
    ColumnMap,
    Roster,
    RosterRow,
    SchoolSettings,
    load_column_map,
    load_school_settings,
    read_roster,
)
from sendocs.version import __version__ as __version__  # re-exported: sendocs.__version__

__all__ = [
    "BatchItem",
    "BatchReport",
    "BatchRow",
    "BundleError",
    "BundleReport",
    "BundleSpec",
    "BundleWarning",
    "Case",
    "CaseDataError",
    "ColumnMap",
    "ConversionError",
    "Converter",
    "Deadline",
    "DeliveryMethod",
    "DemoResult",
    "DocumentCopy",
    "DocumentKind",
    "DocumentSummary",
    "DocxRenderer",
    "FillResult",
    "FormError",
    "FormMap",
    "InputPdfError",
    "LintProblem",
    "LoadedCase",
    "Location",
    "OutputExistsError",
    "OutputFormat",
    "Overflow",
    "Problem",
    "ReceiptAssumptions",
    "RenderOptions",
    "RenderResult",
    "Roster",
    "RosterError",
    "RosterRow",
    "SchoolSettings",
    "SectionSummary",
    "SendocsError",
    "SkippedDocument",
    "SkippedField",
    "TemplateError",
    "TermCalendar",
    "all_kinds",
    "appeal_deadline",
    "assessment_decision_deadline",
    "build_bundle",
    "case_schema",
    "check_template",
    "fill_form",
    "get_kind",
    "load_bundle_spec",
    "load_case",
    "load_cases",
    "load_column_map",
    "load_map",
    "load_school_settings",
    "open_converter",
    "read_roster",
    "register",
    "render_batch",
    "render_document",
    "run_demo",
    "write_schema",
]

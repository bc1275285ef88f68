"""sendocs: documents for England's SEND system from structured case data.

The public API, re-exported here with every type its signatures use; the
command line (``sendocs``) calls nothing else. Modules below are private
in the sense that their layout may change: import from ``sendocs``::

    import sendocs
    loaded = sendocs.load_case("fixtures/cases/amara-okafor.yaml")
    result = sendocs.render_document("iep", loaded, "out/")

Tests that must not start LibreOffice pass ``converter=FakeConverter()``
from :mod:`sendocs.testing`.

Each name is imported from its module the first time it is used (PEP 562
``__getattr__``), not when ``sendocs`` is: the command line imports this
package, and importing every module eagerly (reportlab, pypdf, python-docx,
the web app) cost each command about two CPU seconds before it started.
"""

import importlib
from typing import TYPE_CHECKING, Any

from sendocs.version import __version__ as __version__  # re-exported: sendocs.__version__

if TYPE_CHECKING:
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

_EXPORTS: dict[str, str] = {
    "BatchItem": "sendocs.batch",
    "BatchReport": "sendocs.batch",
    "BatchRow": "sendocs.batch",
    "BundleError": "sendocs.errors",
    "BundleReport": "sendocs.bundle",
    "BundleSpec": "sendocs.bundle",
    "BundleWarning": "sendocs.bundle",
    "Case": "sendocs.models",
    "CaseDataError": "sendocs.errors",
    "ColumnMap": "sendocs.roster",
    "ConversionError": "sendocs.errors",
    "Converter": "sendocs.render.convert",
    "Deadline": "sendocs.dates",
    "DeliveryMethod": "sendocs.models",
    "DemoResult": "sendocs.api",
    "DocumentCopy": "sendocs.documents",
    "DocumentKind": "sendocs.documents",
    "DocumentSummary": "sendocs.bundle",
    "DocxRenderer": "sendocs.render.docx",
    "FillResult": "sendocs.forms",
    "FormError": "sendocs.errors",
    "FormMap": "sendocs.forms",
    "InputPdfError": "sendocs.errors",
    "LintProblem": "sendocs.lint",
    "LoadedCase": "sendocs.loading",
    "Location": "sendocs.errors",
    "OutputExistsError": "sendocs.errors",
    "OutputFormat": "sendocs.api",
    "Overflow": "sendocs.forms",
    "Problem": "sendocs.errors",
    "ReceiptAssumptions": "sendocs.dates",
    "RenderOptions": "sendocs.documents",
    "RenderResult": "sendocs.api",
    "Roster": "sendocs.roster",
    "RosterError": "sendocs.errors",
    "RosterRow": "sendocs.roster",
    "SchoolSettings": "sendocs.roster",
    "SectionSummary": "sendocs.bundle",
    "SendocsError": "sendocs.errors",
    "SkippedDocument": "sendocs.bundle",
    "SkippedField": "sendocs.forms",
    "TemplateError": "sendocs.errors",
    "TermCalendar": "sendocs.dates",
    "all_kinds": "sendocs.documents",
    "appeal_deadline": "sendocs.dates",
    "assessment_decision_deadline": "sendocs.dates",
    "build_bundle": "sendocs.bundle",
    "case_schema": "sendocs.api",
    "check_template": "sendocs.lint",
    "fill_form": "sendocs.forms",
    "get_kind": "sendocs.documents",
    "load_bundle_spec": "sendocs.bundle",
    "load_case": "sendocs.loading",
    "load_cases": "sendocs.loading",
    "load_column_map": "sendocs.roster",
    "load_map": "sendocs.forms",
    "load_school_settings": "sendocs.roster",
    "open_converter": "sendocs.render.convert",
    "read_roster": "sendocs.roster",
    "register": "sendocs.documents",
    "render_batch": "sendocs.batch",
    "render_document": "sendocs.api",
    "run_demo": "sendocs.api",
    "write_schema": "sendocs.api",
}

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


if not TYPE_CHECKING:  # for mypy the names above are imported; at run time, on first use

    def __getattr__(name: str) -> Any:
        """Import a public name's module the first time the name is used (PEP 562)."""
        module = _EXPORTS.get(name)
        if module is None:
            raise AttributeError(f"module 'sendocs' has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        globals()[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*globals(), *__all__})

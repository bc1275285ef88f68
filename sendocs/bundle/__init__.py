"""Tribunal appeal bundles: one indexed, paginated, bookmarked PDF from a folder of evidence.

Describe the bundle in YAML (sections, documents, dates), then::

    from sendocs.bundle import build_bundle
    report = build_bundle("bundle.yaml", "bundle.pdf")
    for warning in report.warnings:
        print(warning)

See ``docs/solicitor-guide.md`` for the specification format and the checks.
"""

from sendocs.bundle.build import build_bundle
from sendocs.bundle.converter import DocumentConverter
from sendocs.bundle.report import (
    BundleReport,
    BundleWarning,
    DocumentSummary,
    SectionSummary,
    SkippedDocument,
)
from sendocs.bundle.spec import (
    BundleSpec,
    DocumentSpec,
    Numbering,
    PageLimits,
    Party,
    SectionOrder,
    SectionRole,
    SectionSpec,
    load_bundle_spec,
)

__all__ = [
    "BundleReport",
    "BundleSpec",
    "BundleWarning",
    "DocumentConverter",
    "DocumentSpec",
    "DocumentSummary",
    "Numbering",
    "PageLimits",
    "Party",
    "SectionOrder",
    "SectionRole",
    "SectionSpec",
    "SectionSummary",
    "SkippedDocument",
    "build_bundle",
    "load_bundle_spec",
]

"""What a bundle build tells its user: pages, sections, warnings, what was left out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "QUIET_CODES",
    "REPAIR_CODES",
    "BundleReport",
    "BundleWarning",
    "DocumentSummary",
    "SectionSummary",
    "SkippedDocument",
]


@dataclass(frozen=True)
class BundleWarning:
    """A check that did not pass. ``code`` is stable (for scripts), ``message`` is for people.

    ``details`` are lines for ``--verbose`` only (e.g. what a PDF library said
    while repairing a document); they never hold passwords or case data.
    """

    code: str
    message: str
    details: tuple[str, ...] = ()

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class SkippedDocument:
    """A document left out with ``skip_bad``; it is listed in the index as not included."""

    title: str
    path: Path
    section: str
    reason: str


@dataclass(frozen=True)
class DocumentSummary:
    """One index entry. Page numbers are 1-based PDF page numbers (None when left out)."""

    number: int
    section: str
    title: str
    date: dt.date
    kind: str
    first_page: int | None
    last_page: int | None
    page_count: int
    page_range: str
    included: bool


@dataclass(frozen=True)
class SectionSummary:
    """One section, with its page count and the limit it was checked against."""

    label: str
    title: str
    role: str
    party: str | None
    first_page: int | None
    last_page: int | None
    page_count: int
    page_range: str
    page_limit: int | None


@dataclass
class BundleReport:
    """The result of :func:`~sendocs.bundle.build_bundle`."""

    output: Path
    pages: int
    index_pages: int
    sections: list[SectionSummary] = field(default_factory=list)
    documents: list[DocumentSummary] = field(default_factory=list)
    warnings: list[BundleWarning] = field(default_factory=list)
    skipped: list[SkippedDocument] = field(default_factory=list)

    @property
    def section_page_counts(self) -> dict[str, int]:
        """Pages per section label."""
        return {s.label: s.page_count for s in self.sections}

    def warning_codes(self) -> list[str]:
        return [w.code for w in self.warnings]

    @property
    def repaired(self) -> list[BundleWarning]:
        """One warning per document that had to be repaired to go in."""
        return [w for w in self.warnings if w.code in REPAIR_CODES]


REPAIR_CODES = frozenset({"repaired", "rasterised"})
"""Warnings saying a document went in only after repair (summarised in one line by the CLI)."""
QUIET_CODES = frozenset({"repaired", "reader_messages"})
"""Warnings the CLI shows only with --verbose: repairs are counted in one line
(:data:`REPAIR_CODES`); harmless reader messages are not mentioned otherwise."""

"""Where every document lands and what number every page carries.

The second pass of the two-pass layout: once the index has been measured
(``index_pages``), every later page number is fixed. The same
:class:`BundleLayout` then drives the index text, the stamps, the page labels,
the links and the bookmarks, so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sendocs.bundle.inputs import BadDocument, LoadedDocument, SectionEntries
from sendocs.bundle.spec import BundleSpec, Numbering, SectionSpec

__all__ = ["BundleLayout", "LabelRange", "PlacedDocument", "PlacedSection", "plan_layout"]

INDEX_PREFIX = "Index "


@dataclass(frozen=True)
class PlacedDocument:
    """A document at its place in the bundle. ``first_page`` is a 0-based PDF page index."""

    entry: LoadedDocument | BadDocument
    number: int
    first_page: int | None
    page_count: int

    @property
    def last_page(self) -> int | None:
        return None if self.first_page is None else self.first_page + self.page_count - 1

    @property
    def included(self) -> bool:
        return isinstance(self.entry, LoadedDocument)


@dataclass(frozen=True)
class PlacedSection:
    """A section at its place in the bundle, with its documents in bundle order."""

    spec: SectionSpec
    label: str
    documents: list[PlacedDocument]
    first_page: int | None
    page_count: int


@dataclass(frozen=True)
class LabelRange:
    """One /PageLabels range: pages from ``start_page`` (0-based) read ``prefix`` + n, n ≥ first."""

    start_page: int
    end_page: int
    prefix: str
    first_number: int


@dataclass
class BundleLayout:
    """Every page's number, every document's and section's pages."""

    index_pages: int
    sections: list[PlacedSection]
    labels: list[str] = field(default_factory=list)
    label_ranges: list[LabelRange] = field(default_factory=list)

    @property
    def total_pages(self) -> int:
        return len(self.labels)

    def page_range(self, first: int | None, last: int | None) -> str:
        """The printed page range, e.g. ``"12–19"``, ``"B3"``; "—" for no pages."""
        if first is None or last is None:
            return "—"
        if first == last:
            return self.labels[first]
        return f"{self.labels[first]}–{self.labels[last]}"


def plan_layout(spec: BundleSpec, entries: list[SectionEntries], index_pages: int) -> BundleLayout:
    """Number every page, given how many pages the index takes."""
    sectioned = spec.numbering == Numbering.SECTION
    labels = [f"{INDEX_PREFIX}{i + 1}" if sectioned else str(i + 1) for i in range(index_pages)]
    ranges = [LabelRange(0, index_pages - 1, INDEX_PREFIX if sectioned else "", 1)]
    sections: list[PlacedSection] = []
    page = index_pages
    number = 0
    for section, label, section_entries in zip(
        spec.sections, spec.section_labels(), entries, strict=True
    ):
        section_first = page
        placed: list[PlacedDocument] = []
        for entry in section_entries:
            number += 1
            if isinstance(entry, LoadedDocument):
                placed.append(PlacedDocument(entry, number, page, entry.page_count))
                page += entry.page_count
            else:
                placed.append(PlacedDocument(entry, number, None, 0))
        count = page - section_first
        for k in range(count):
            labels.append(f"{label}{k + 1}" if sectioned else str(section_first + k + 1))
        if sectioned and count:
            ranges.append(LabelRange(section_first, page - 1, label, 1))
        sections.append(
            PlacedSection(section, label, placed, section_first if count else None, count)
        )
    if not sectioned:
        ranges = [LabelRange(0, page - 1, "", 1)]
    return BundleLayout(index_pages, sections, labels, ranges)

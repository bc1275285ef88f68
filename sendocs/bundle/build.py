"""Building the bundle PDF: index, documents, stamps, labels, links, bookmarks, checks.

The order matters. The index is measured first (its length fixes every later
page number), then drawn with final numbers; documents are appended; then, on
the final writer only, pages are stamped and the links, bookmarks and page
labels added (links through ``append`` are fragile). The file is written to a
temporary file beside the output and renamed into place, so a failed build
leaves nothing behind and never half-overwrites an earlier bundle.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.annotations import Link
from pypdf.constants import PageLabelStyle
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NullObject,
)
from pypdf.generic import Fit as PdfFit

from sendocs.bundle.checks import run_checks
from sendocs.bundle.converter import DocumentConverter
from sendocs.bundle.index import draw_index, format_uk_date, paginate_index
from sendocs.bundle.inputs import BadDocument, LoadedDocument, SectionEntries, load_documents
from sendocs.bundle.layout import BundleLayout, plan_layout
from sendocs.bundle.report import (
    BundleReport,
    DocumentSummary,
    SectionSummary,
    SkippedDocument,
)
from sendocs.bundle.spec import BundleSpec, load_bundle_spec
from sendocs.bundle.stamp import stamp_pages, viewed_to_user_matrix, visible_box
from sendocs.errors import InputPdfError, OutputExistsError

__all__ = ["build_bundle"]

log = logging.getLogger(__name__)


def build_bundle(
    spec_or_path: BundleSpec | str | Path,
    output: str | Path,
    *,
    converter: DocumentConverter | None = None,
    skip_bad: bool = False,
    force: bool = False,
) -> BundleReport:
    """Build the appeal bundle PDF described by a specification.

    ``converter`` turns Word/ODT documents into PDF (all in one call); when the
    bundle has such documents and none is given, the project's LibreOffice
    converter is used. A missing, empty, encrypted or corrupt document raises
    :class:`~sendocs.errors.InputPdfError` naming it, unless ``skip_bad``: then
    it is left out, listed in the index as not included, and reported.
    An existing ``output`` is only replaced with ``force``.
    """
    spec = spec_or_path if isinstance(spec_or_path, BundleSpec) else load_bundle_spec(spec_or_path)
    output = Path(output)
    if output.exists() and not force:
        raise OutputExistsError(f"{output} already exists; use --force to replace it")
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="sendocs-bundle-") as work:
        entries = load_documents(spec, Path(work), converter)
        _refuse_bad(spec, entries, skip_bad)
        layout, index_pdf, links = _lay_out(spec, entries)
        writer = _assemble(spec, layout, index_pdf, links)
        _write_atomically(writer, output, force)
    report = _report(spec, layout, output)
    report.warnings = run_checks(spec, layout)
    log.debug("bundle written: %d pages, %d warnings", report.pages, len(report.warnings))
    return report


def _refuse_bad(spec: BundleSpec, entries: list[SectionEntries], skip_bad: bool) -> None:
    bad = [
        (label, e)
        for label, section in zip(spec.section_labels(), entries, strict=True)
        for e in section
        if isinstance(e, BadDocument)
    ]
    if bad and not skip_bad:
        label, first = bad[0]
        others = f" ({len(bad) - 1} other document(s) also have problems)" if len(bad) > 1 else ""
        raise InputPdfError(
            f"document {first.spec.title!r} in section {label}: {first.reason}{others}. "
            "Fix it, or use --skip-bad to leave it out and list it as not included.",
            path=str(first.source),
        )
    if not any(isinstance(e, LoadedDocument) for section in entries for e in section):
        raise InputPdfError("the bundle has no readable documents")


def _lay_out(
    spec: BundleSpec, entries: list[SectionEntries]
) -> tuple[BundleLayout, bytes, list[tuple[int, tuple[float, float, float, float], int]]]:
    """Two passes: measure the index on a provisional layout, then number and draw it."""
    provisional = plan_layout(spec, entries, index_pages=1)
    pagination = paginate_index(spec, provisional.sections)
    layout = plan_layout(spec, entries, index_pages=pagination.page_count)
    index_pdf, links = draw_index(spec, layout, pagination)
    return layout, index_pdf, [(lk.index_page, lk.rect, lk.target_page) for lk in links]


def _assemble(
    spec: BundleSpec,
    layout: BundleLayout,
    index_pdf: bytes,
    links: list[tuple[int, tuple[float, float, float, float], int]],
) -> PdfWriter:
    import io

    writer = PdfWriter()
    index_reader = PdfReader(io.BytesIO(index_pdf))
    if len(index_reader.pages) != layout.index_pages:  # the two passes must agree
        raise RuntimeError("index page count changed between layout passes")
    writer.append(index_reader, import_outline=False)
    for section in layout.sections:
        for placed in section.documents:
            entry = placed.entry
            if not isinstance(entry, LoadedDocument):
                continue
            try:
                writer.append(entry.reader, import_outline=False)
            except Exception as exc:  # pypdf raises many kinds on damaged files
                log.debug("append failed: %r", exc)
                raise InputPdfError(
                    f"document {entry.spec.title!r} in section {section.label}: "
                    "corrupt PDF: its pages cannot be copied; re-save or re-scan it",
                    path=str(entry.source),
                ) from exc
            if len(writer.pages) != placed.first_page + placed.page_count:  # type: ignore[operator]
                raise RuntimeError("page count drifted while appending documents")
    stamp_pages(writer, layout.labels, a4=spec.a4)
    for rng in layout.label_ranges:
        writer.set_page_label(
            rng.start_page,
            rng.end_page,
            style=PageLabelStyle.DECIMAL,
            prefix=rng.prefix or None,
            start=rng.first_number,
        )
    for index_page, rect, target in links:
        writer.add_annotation(
            index_page,
            Link(
                rect=rect,
                border=[0, 0, 0],
                target_page_index=target,
                fit=_top_of(writer.pages[target]),
            ),
        )
    _add_outline(writer, layout)
    _set_view(writer, spec)
    return writer


def _top_of(page: PageObject) -> PdfFit:
    """A destination showing the page from its top-left corner as viewed, zoom unchanged."""
    x0, y0, x1, y1 = visible_box(page)
    _, _, c, d, e, f = viewed_to_user_matrix((x0, y0, x1, y1), int(page.rotation))
    view_h = (x1 - x0) if int(page.rotation) % 180 == 90 else (y1 - y0)
    # viewed top-left is (0, view_h) in viewed coordinates
    left, top = c * view_h + e, d * view_h + f
    return PdfFit.xyz(left=left, top=top, zoom=None)


def _add_outline(writer: PdfWriter, layout: BundleLayout) -> None:
    writer.add_outline_item(title="Index", page_number=0, fit=_top_of(writer.pages[0]))
    for section in layout.sections:
        if section.first_page is None:
            continue
        parent = writer.add_outline_item(
            title=f"Section {section.label}: {section.spec.title}",
            page_number=section.first_page,
            fit=_top_of(writer.pages[section.first_page]),
            bold=True,
        )
        for placed in section.documents:
            if placed.first_page is None:
                continue
            doc = placed.entry.spec
            page_label = layout.labels[placed.first_page]
            writer.add_outline_item(
                title=f"{doc.title}, {format_uk_date(doc.date)} (p. {page_label})",
                page_number=placed.first_page,
                parent=parent,
                fit=_top_of(writer.pages[placed.first_page]),
            )


def _set_view(writer: PdfWriter, spec: BundleSpec) -> None:
    """Open on the index at 100 % with the bookmarks shown; show the title, not the file name."""
    writer.add_metadata({"/Title": spec.title, "/Producer": "sendocs"})
    root = writer._root_object
    first = writer.pages[0]
    fit = _top_of(first)
    left, top = fit.fit_args[0], fit.fit_args[1]
    root[NameObject("/OpenAction")] = ArrayObject(
        [
            first.indirect_reference,
            NameObject("/XYZ"),
            NullObject() if left is None else FloatObject(left),
            NullObject() if top is None else FloatObject(top),
            FloatObject(1),
        ]
    )
    root[NameObject("/PageMode")] = NameObject("/UseOutlines")
    root[NameObject("/ViewerPreferences")] = DictionaryObject(
        {NameObject("/DisplayDocTitle"): BooleanObject(True)}
    )


def _write_atomically(writer: PdfWriter, output: Path, force: bool) -> None:
    fd, tmp_name = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=output.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            writer.write(fh)
        if output.exists() and not force:
            raise OutputExistsError(f"{output} already exists; use --force to replace it")
        os.replace(tmp, output)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _report(spec: BundleSpec, layout: BundleLayout, output: Path) -> BundleReport:
    report = BundleReport(output=output, pages=layout.total_pages, index_pages=layout.index_pages)

    def one_based(page: int | None) -> int | None:
        return None if page is None else page + 1

    for section in layout.sections:
        last = None if section.first_page is None else section.first_page + section.page_count - 1
        report.sections.append(
            SectionSummary(
                label=section.label,
                title=section.spec.title,
                role=section.spec.effective_role.value,
                party=section.spec.party.value if section.spec.party else None,
                first_page=one_based(section.first_page),
                last_page=one_based(last),
                page_count=section.page_count,
                page_range=layout.page_range(section.first_page, last),
                page_limit=section.spec.page_limit,
            )
        )
        for placed in section.documents:
            doc = placed.entry.spec
            report.documents.append(
                DocumentSummary(
                    number=placed.number,
                    section=section.label,
                    title=doc.title,
                    date=doc.date,
                    kind=doc.kind.value,
                    first_page=one_based(placed.first_page),
                    last_page=one_based(placed.last_page),
                    page_count=placed.page_count,
                    page_range=layout.page_range(placed.first_page, placed.last_page),
                    included=placed.included,
                )
            )
            if isinstance(placed.entry, BadDocument):
                report.skipped.append(
                    SkippedDocument(
                        doc.title, placed.entry.source, section.label, placed.entry.reason
                    )
                )
    return report

"""Building the bundle PDF: index, documents, stamps, labels, links, bookmarks, checks.

The order matters. The index is measured first (its length fixes every later
page number), then drawn with final numbers; documents are appended; then, on
the final writer only, pages are stamped and the links, bookmarks and page
labels added (links through ``append`` are fragile). The file is written to a
temporary file beside the output and renamed into place, so a failed build
leaves nothing behind and never half-overwrites an earlier bundle.
"""

from __future__ import annotations

import io
import logging
import tempfile
import warnings
from contextlib import ExitStack
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

import pikepdf
import pikepdf.settings
from pikepdf import Array, Dictionary, Name

from sendocs.bundle.ascii85 import unwrap_ascii85_contents
from sendocs.bundle.checks import run_checks
from sendocs.bundle.converter import DocumentConverter
from sendocs.bundle.index import draw_index, format_uk_date, paginate_index
from sendocs.bundle.inputs import (
    BadDocument,
    LoadedDocument,
    SectionEntries,
    close_handles,
    load_documents,
)
from sendocs.bundle.layout import BundleLayout, plan_layout
from sendocs.bundle.orientation import straighten_documents
from sendocs.bundle.pdfa import PDFA_VERSION, embed_missing_fonts, make_pdfa
from sendocs.bundle.report import (
    BundleReport,
    BundleWarning,
    DocumentSummary,
    SectionSummary,
    SkippedDocument,
)
from sendocs.bundle.spec import BundleSpec, load_bundle_spec
from sendocs.bundle.stamp import (
    StampFont,
    page_rotation,
    stamp_pages,
    viewed_to_user_matrix,
    visible_box,
)
from sendocs.bundle.textlayer import ocr_scanned_documents
from sendocs.bundle.xfa import drop_xfa
from sendocs.errors import InputPdfError, OutputExistsError
from sendocs.files import atomic_output

__all__ = ["build_bundle"]

log = logging.getLogger(__name__)


def build_bundle(
    spec_or_path: BundleSpec | str | Path,
    output: str | Path,
    *,
    converter: DocumentConverter | None = None,
    skip_bad: bool = False,
    force: bool = False,
    ocr: bool = False,
    pdfa: bool = False,
) -> BundleReport:
    """Build the appeal bundle PDF described by a specification.

    ``converter`` turns Word/ODT documents into PDF (all in one call); when the
    bundle has such documents and none is given, the project's LibreOffice
    converter is used. A missing, empty, encrypted or corrupt document raises
    :class:`~sendocs.errors.InputPdfError` naming it, unless ``skip_bad``: then
    it is left out, listed in the index as not included, and reported.
    An existing ``output`` is only replaced with ``force``.

    ``ocr`` runs OCR (ocrmypdf with tesseract) on pages that are images without
    text, so the tribunal can search them; ``pdfa`` writes a PDF/A-2b bundle.
    """
    spec = spec_or_path if isinstance(spec_or_path, BundleSpec) else load_bundle_spec(spec_or_path)
    output = Path(output)
    if output.exists() and not force:
        raise OutputExistsError(f"{output} already exists; use --force to replace it")
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="sendocs-bundle-") as work, ExitStack() as opened:
        entries = load_documents(spec, Path(work), converter)
        opened.callback(close_handles, entries)  # once the bundle is saved
        _refuse_bad(spec, entries, skip_bad)
        if ocr:
            ocr_scanned_documents(entries, Path(work))
        turned = straighten_documents(entries)  # no page sideways
        if pdfa:
            embed_missing_fonts(entries, Path(work))
        layout, index_pdf, links, stamp_font = _lay_out(spec, entries)
        pdf = _assemble(spec, layout, index_pdf, links, stamp_font, opened)
        unembedded = make_pdfa(pdf, spec.title) if pdfa else set()
        _write_atomically(pdf, output, force, pdfa=pdfa)
    report = _report(spec, layout, output)
    report.warnings = [*turned, *run_checks(spec, layout)]
    if unembedded:
        report.warnings.append(
            BundleWarning(
                "pdfa_fonts_not_embedded",
                f"{len(unembedded)} font(s) could not be embedded "
                f"({', '.join(sorted(n.lstrip('/') for n in unembedded)[:5])}), so the bundle "
                "is not valid PDF/A-2b; install fonts-urw-base35 and ghostscript and build again.",
            )
        )
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
) -> tuple[BundleLayout, bytes, list[_Link], tuple[str, StampFont]]:
    """Two passes: measure the index on a provisional layout, then number and draw it."""
    provisional = plan_layout(spec, entries, index_pages=1)
    pagination = paginate_index(spec, provisional.sections)
    layout = plan_layout(spec, entries, index_pages=pagination.page_count)
    index_pdf, links, stamp_font = draw_index(spec, layout, pagination)
    return (
        layout,
        index_pdf,
        [(lk.index_page, lk.rect, lk.target_page) for lk in links],
        stamp_font,
    )


_Link = tuple[int, tuple[float, float, float, float], int]


def _assemble(
    spec: BundleSpec,
    layout: BundleLayout,
    index_pdf: bytes,
    links: list[_Link],
    stamp_font: tuple[str, StampFont],
    opened: ExitStack,
) -> pikepdf.Pdf:
    """The bundle as one pikepdf document: index, documents, stamps, labels, links, bookmarks.

    pikepdf (qpdf) copies pages about six times faster than pypdf's ``append``
    and keeps their streams as they were (benchmarks/bundle.py). Each document
    is copied from the handle it was first opened with (vetting, or the XFA
    check), not parsed again; the handles stay open until the bundle is saved
    (qpdf copies stream data then), as does the index (in ``opened``).
    """
    pdf = opened.enter_context(pikepdf.open(io.BytesIO(index_pdf)))
    if len(pdf.pages) != layout.index_pages:  # the two passes must agree
        raise RuntimeError("index page count changed between layout passes")
    with warnings.catch_warnings():  # once for all documents: entering costs ~0.2 ms
        warnings.simplefilter("ignore", pikepdf.PageCopyWarning)
        _append_documents(pdf, layout)
    # else qpdf inflates and deflates them again on saving
    unwrap_ascii85_contents(pdf, _page_runs(layout))
    font_name, codes = stamp_font
    index_fonts = pdf.pages[0].obj.Resources.Font
    font = replace(codes, font=index_fonts[font_name]) if font_name in index_fonts else None
    stamp_pages(pdf, layout.labels, a4=spec.a4, font=font)
    _set_page_labels(pdf, layout)
    top_of = _TopOf(pdf)
    _add_links(pdf, links, top_of)
    _add_outline(pdf, layout, top_of)
    _set_view(pdf, spec)
    return pdf


def _page_runs(layout: BundleLayout) -> list[range]:
    """The index's pages, then each included document's, as page ranges of the bundle."""
    runs = [range(layout.index_pages)]
    for section in layout.sections:
        for placed in section.documents:
            if placed.first_page is not None and isinstance(placed.entry, LoadedDocument):
                runs.append(range(placed.first_page, placed.first_page + placed.page_count))
    return runs


def _append_documents(pdf: pikepdf.Pdf, layout: BundleLayout) -> None:
    """Every loaded document's pages, in bundle order, after the index."""
    for section in layout.sections:
        for placed in section.documents:
            entry = placed.entry
            if not isinstance(entry, LoadedDocument):
                continue
            try:
                source = entry.opened()
                if entry.xfa:  # viewers then show what it prints (sendocs.bundle.xfa)
                    drop_xfa(source)
                _copy_pages(pdf, source)
            except (pikepdf.PdfError, OSError, ValueError) as exc:
                log.debug("append failed: %r", exc)
                raise InputPdfError(
                    f"document {entry.spec.title!r} in section {section.label}: "
                    "corrupt PDF: its pages cannot be copied; re-save or re-scan it",
                    path=str(entry.source),
                ) from exc
            if len(pdf.pages) != placed.first_page + placed.page_count:  # type: ignore[operator]
                raise RuntimeError("page count drifted while appending documents")


def _copy_pages(pdf: pikepdf.Pdf, source: pikepdf.Pdf) -> None:
    """Append every page of ``source`` (its own bookmarks are replaced by the bundle's).

    A document with form fields or layers goes through ``add_pages_from``
    (pikepdf ≥ 10.15), which carries what its pages use so fields keep
    working; the others are copied page by page, which is what most evidence
    needs and is faster, and their links to named destinations are made
    explicit (:func:`_resolve_named_links`) so they still resolve.
    """
    root = source.Root
    names = root.get("/Names")
    named_dests = "/Dests" in root or (isinstance(names, Dictionary) and "/Dests" in names)
    needs_document_parts = "/AcroForm" in root or "/OCProperties" in root
    if needs_document_parts and hasattr(pdf, "add_pages_from"):
        pdf.add_pages_from(source, outlines="ignore")
        return
    start = len(pdf.pages)
    _append_pages(pdf, source)
    if named_dests:  # (listing the bundle's pages costs ~1 ms per 2,000: only when needed)
        _resolve_named_links(source, [page.obj for page in list(pdf.pages)[start:]])


def _append_pages(pdf: pikepdf.Pdf, source: pikepdf.Pdf) -> None:
    """Copy ``source``'s pages to the end of ``pdf``.

    ``pdf.pages.extend`` looks up both page lists again for every page it adds,
    so each page costs time in proportion to the pages already in the bundle:
    the last of 5,600 real pages took eight times as long as the first. qpdf's
    own ``addPage`` (pikepdf's ``Pdf._add_page``, which its ``add_blank_page``
    uses) appends in constant time and copies a foreign page the same way
    (``copyForeignObject``, inherited attributes pushed down first). Listing the
    pages once with ``list()`` is linear; slicing ``pdf.pages`` is not.
    """
    pages = list(source.pages)
    add = getattr(pdf, "_add_page", None)
    if add is not None:
        try:
            add(pages[0].obj, first=False)
        except TypeError:  # a pikepdf whose private method changed: the public way below
            log.debug("Pdf._add_page is not qpdf's addPage here; pages.extend instead")
        else:
            for page in pages[1:]:
                add(page.obj, first=False)
            return
    pdf.pages.extend(pages)


def _named_destinations(source: pikepdf.Pdf) -> dict[str, pikepdf.Object]:
    """Every named destination of ``source`` (old /Dests dictionary and /Names /Dests tree)."""
    found: dict[str, pikepdf.Object] = {}
    old = source.Root.get("/Dests")
    if isinstance(old, Dictionary):
        for key, value in old.items():
            found[key.lstrip("/")] = value
    names = source.Root.get("/Names")
    tree = names.get("/Dests") if isinstance(names, Dictionary) else None
    if isinstance(tree, Dictionary):
        for key, value in pikepdf.NameTree(tree).items():
            found[str(key)] = value
    return found


def _resolve_named_links(source: pikepdf.Pdf, copied: list[pikepdf.Object]) -> None:
    """Point the copied pages' links to named destinations at the bundle's own pages.

    ``copied``: the bundle's copies of ``source``'s pages, in order.

    A named destination lives in the document's name tree, which copying pages leaves
    behind; pikepdf's ``add_pages_from`` carries it over, but merging each name into the
    bundle's tree took 25 s for one 2,415-page manual (5× the copy itself). Each link is
    instead given the explicit destination (page and view) its name stood for, which every
    viewer follows; a name that points outside the document is left as it was.
    """
    targets = _named_destinations(source)
    if not targets:
        return
    index_of = {page.obj.objgen: i for i, page in enumerate(list(source.pages))}
    explicit: dict[str, Array | None] = {}

    def resolve(name: pikepdf.Object) -> Array | None:
        key = str(name).lstrip("/") if isinstance(name, Name) else str(name)
        if key not in explicit:
            target = targets.get(key)
            if isinstance(target, Dictionary):
                target = target.get("/D")
            explicit[key] = None
            if isinstance(target, Array) and len(target) >= 2:
                first = target[0]
                objgen = first.objgen if isinstance(first, Dictionary) else None
                rest = list(target)[1:]
                if objgen in index_of and not any(
                    isinstance(x, pikepdf.Object) and x.is_indirect for x in rest
                ):
                    explicit[key] = Array([copied[index_of[objgen]], *rest])
        return explicit[key]

    # (a manual's pages hold tens of thousands of links: names and types made once)
    link, go_to, named = Name.Link, Name.GoTo, (Name, pikepdf.String)
    for page in copied:
        annots = page.get("/Annots")
        if not isinstance(annots, Array):
            continue
        for annot in annots:
            if not isinstance(annot, Dictionary) or annot.get("/Subtype") != link:
                continue
            dest = annot.get("/Dest")
            if isinstance(dest, named) and (found := resolve(dest)) is not None:
                annot[_DEST] = found
            action = annot.get("/A")
            if isinstance(action, Dictionary) and action.get("/S") == go_to:
                dest = action.get("/D")
                if isinstance(dest, named) and (found := resolve(dest)) is not None:
                    action[_D] = found


_DEST, _D = Name.Dest, Name.D


def _set_page_labels(pdf: pikepdf.Pdf, layout: BundleLayout) -> None:
    nums = Array()
    for rng in layout.label_ranges:
        label = Dictionary(S=Name.D, St=rng.first_number)
        if rng.prefix:
            label.P = pikepdf.String(rng.prefix)
        nums.append(rng.start_page)
        nums.append(label)
    pdf.Root.PageLabels = Dictionary(Nums=nums)


def _add_links(
    pdf: pikepdf.Pdf,
    links: list[tuple[int, tuple[float, float, float, float], int]],
    top_of: _TopOf,
) -> None:
    by_page: dict[int, list[pikepdf.Object]] = {}
    for index_page, rect, target in links:
        annot = Dictionary(
            Type=Name.Annot,
            Subtype=Name.Link,
            Rect=Array(list(rect)),
            Border=Array([0, 0, 0]),
            F=4,  # printable: PDF/A requires it
            Dest=top_of(target),
        )
        by_page.setdefault(index_page, []).append(pdf.make_indirect(annot))
    for index_page, annots in by_page.items():
        page = top_of.pages[index_page].obj
        existing = page.get("/Annots")
        page.Annots = Array([*(existing if isinstance(existing, Array) else []), *annots])


class _TopOf:
    """:func:`_top_of` for many destinations: each page's box and rotation read once
    (the index links and the bookmarks point at the same first pages), and the pages
    listed once (``pdf.pages[i]`` costs as much as listing them all: ~25 µs for 650)."""

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        self.pages = list(pdf.pages)
        self.corner: dict[int, tuple[pikepdf.Object, float, float]] = {}

    def __call__(self, page_index: int) -> Array:
        found = self.corner.get(page_index)
        if found is None:
            page = self.pages[page_index]
            found = self.corner[page_index] = (page.obj, *_top_left(page))
        obj, left, top = found
        return Array([obj, Name.XYZ, left, top, None])


def _top_of(pdf: pikepdf.Pdf, page_index: int, zoom: float | None = None) -> Array:
    """A destination showing the page from its top-left corner as viewed (zoom unchanged)."""
    page = pdf.pages[page_index]
    left, top = _top_left(page)
    return Array([page.obj, Name.XYZ, left, top, None if zoom is None else zoom])


def _top_left(page: pikepdf.Page) -> tuple[float, float]:
    """The page's top-left corner as viewed, in its user space."""
    x0, y0, x1, y1 = visible_box(page)
    rotate = page_rotation(page.obj)
    _, _, c, d, e, f = viewed_to_user_matrix((x0, y0, x1, y1), rotate)
    view_h = (x1 - x0) if rotate % 180 == 90 else (y1 - y0)
    # viewed top-left is (0, view_h) in viewed coordinates
    return c * view_h + e, d * view_h + f


def _add_outline(pdf: pikepdf.Pdf, layout: BundleLayout, top_of: _TopOf) -> None:
    """Bookmarks: the index, each section (bold), each document under its section.

    Every bookmark reads the same way, a short description and its first page
    ("Index (p. 1)", "Section A: Appeal documents (p. 2)", "Decision letter,
    2 October 2026 (p. 2)"), as the judiciary's e-bundle guidance asks."""
    labels = layout.labels
    tree: list[tuple[str, int, bool, list[tuple[str, int]]]] = [
        (f"Index (p. {labels[0]})", 0, False, [])
    ]
    for section in layout.sections:
        if section.first_page is None:
            continue
        children = [
            (
                f"{placed.entry.spec.title}, {format_uk_date(placed.entry.spec.date)} "
                f"(p. {labels[placed.first_page]})",
                placed.first_page,
            )
            for placed in section.documents
            if placed.first_page is not None
        ]
        tree.append(
            (
                f"Section {section.label}: {section.spec.title} (p. {labels[section.first_page]})",
                section.first_page,
                True,
                children,
            )
        )
    root = pdf.make_indirect(Dictionary(Type=Name.Outlines))
    items = []
    for title, page, bold, children in tree:
        item = _outline_item(pdf, root, title, top_of(page), bold)
        kids = [_outline_item(pdf, item, t, top_of(p), False) for t, p in children]
        _chain(item, kids)
        items.append(item)
    _chain(root, items)
    pdf.Root.Outlines = root


def _outline_item(
    pdf: pikepdf.Pdf, parent: pikepdf.Object, title: str, dest: Array, bold: bool
) -> pikepdf.Object:
    item = Dictionary(Title=pikepdf.String(title), Parent=parent, Dest=dest)
    if bold:
        item.F = 2
    return pdf.make_indirect(item)


def _chain(parent: pikepdf.Object, kids: list[pikepdf.Object]) -> None:
    """Link ``kids`` under ``parent`` (open: positive /Count of visible descendants)."""
    if not kids:
        return
    parent.First, parent.Last = kids[0], kids[-1]
    for before, after in pairwise(kids):
        before.Next, after.Prev = after, before
    parent.Count = len(kids) + sum(int(k.get("/Count", 0)) for k in kids)


def _set_view(pdf: pikepdf.Pdf, spec: BundleSpec) -> None:
    """Open on the index at 100 % with the bookmarks shown; show the title, not the file name."""
    pdf.docinfo = pdf.make_indirect(
        Dictionary(Title=pikepdf.String(spec.title), Producer=pikepdf.String("sendocs"))
    )
    pdf.Root.OpenAction = _top_of(pdf, 0, zoom=1)
    pdf.Root.PageMode = Name.UseOutlines
    pdf.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)


def _write_atomically(pdf: pikepdf.Pdf, output: Path, force: bool, *, pdfa: bool) -> None:
    """Save through :func:`sendocs.files.atomic_output`, like every other output."""
    with atomic_output(output, force) as tmp, warnings.catch_warnings():
        # e.g. widgets outside /AcroForm: told, not fatal
        warnings.simplefilter("ignore", pikepdf.PageCopyWarning)
        # object streams pack the page, font and link dictionaries: the bundle is
        # about a quarter smaller than with every object written out. What qpdf
        # compresses is those and a few new streams (the evidence's own are copied as
        # they are): zlib's fastest level saves about a fifth of the save for 0.3 %
        # in size. The level is qpdf's global setting, so it is put back after.
        mode = pikepdf.ObjectStreamMode.generate
        pikepdf.settings.set_flate_compression_level(1)
        try:
            if pdfa:
                pdf.save(tmp, object_stream_mode=mode, force_version=PDFA_VERSION)
            else:
                pdf.save(tmp, object_stream_mode=mode)
        finally:
            pikepdf.settings.set_flate_compression_level(-1)  # qpdf's default


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

"""The one path from a case to its documents, shared by every front end.

``sendocs.render_document`` (the CLI's ``render``, the demo, the web app) and
the workers of ``sendocs.render_batch`` all make documents here, so a kind's
rules — whether it applies (:attr:`DocumentKind.check`), one file per letter
recipient (:meth:`DocumentKind.copies`), file names, the context it builds,
the warnings it gives (:attr:`DocumentKind.warnings`) — are applied the same
way however a document is asked for. Before this module the batch workers kept
a copy of ``render_document``'s loop, and the two had drifted (file names of
recipients' copies were cut differently).

The steps, each a function here:

1. :func:`check_applies` — refuse a case the kind cannot be made for;
2. :func:`document_filename` — the file name (unique in a batch with ``tag``);
3. :func:`render_documents` — build each copy's context and render its Word
   bytes (:class:`MadeDocument`); the only caller of a DOCX renderer for a case;
4. :func:`document_warnings` — what the user should check before sending;
5. :func:`convert_documents` — Word files to PDFs with one
   :class:`~sendocs.render.convert.Converter`, a failing group retried one
   document at a time so one bad document never fails the others
   (:func:`convert_each`), each PDF given its Word file's provenance
   (:func:`carry_provenance`).

Publishing (moving a finished file into the user's folder) is
:func:`sendocs.files.publish_file` for every path; staging folders come from
:mod:`sendocs.staging`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sendocs.documents import DocumentKind, RenderOptions, with_recipient
from sendocs.documents.base import recipient_part
from sendocs.errors import CaseDataError, ConversionError, Location, Problem
from sendocs.loading import LoadedCase
from sendocs.models import Case
from sendocs.provenance import carry_to_pdf, for_document, stamp_docx
from sendocs.render.convert import Converter
from sendocs.render.docx import DocxRenderer
from sendocs.render.fast_docx import FastDocxRenderer

__all__ = [
    "MadeDocument",
    "carry_provenance",
    "check_applies",
    "convert_documents",
    "convert_each",
    "document_filename",
    "document_warnings",
    "render_documents",
]


@dataclass(frozen=True)
class MadeDocument:
    """One Word file made for a case: the whole document, or one recipient's copy."""

    filename: str
    """The ``.docx`` file name (with the recipient's part for a letter's copies)."""
    data: bytes
    label: str = ""
    """The recipient, for one of several copies of a letter; ``""`` otherwise."""


def check_applies(kind: DocumentKind, loaded: LoadedCase, options: RenderOptions) -> None:
    """Raise :class:`CaseDataError` with the kind's reasons if it cannot be made for the case."""
    reasons = kind.check(loaded.case, options)
    if reasons:
        raise CaseDataError(
            f"{loaded.source}: cannot make a {kind.title} for this case",
            [Problem(Location(file=loaded.source), reason) for reason in reasons],
        )


def document_filename(
    kind: DocumentKind, case: Case, options: RenderOptions, *, tag: str = ""
) -> str:
    """The ``.docx`` name for ``case`` before any recipient's part is added.

    Room is kept for the longest recipient's part (:func:`with_recipient`), so
    every copy of a letter shares one stem. ``tag`` (a UPN, a number) keeps
    names unique within a batch.
    """
    labels = [copy.label for copy in kind.copies(case, options) if copy.label]
    reserve = max((len(recipient_part(label).encode("utf-8")) + 1 for label in labels), default=0)
    return kind.filename(case, options, tag=tag, reserve=reserve)


def render_documents(
    kind: DocumentKind,
    loaded: LoadedCase,
    options: RenderOptions,
    renderer: DocxRenderer,
    *,
    filename: str | None = None,
) -> list[MadeDocument]:
    """Check the case, then render one Word document per copy (one per letter recipient).

    ``filename``: the base ``.docx`` name (default :func:`document_filename`);
    each recipient's copy adds its part to it. Nothing is written: the caller
    publishes the bytes (directly, or through a staging folder and a converter).
    """
    check_applies(kind, loaded, options)
    case = loaded.case
    base = filename or document_filename(kind, case, options)
    template = kind.template_path(options)
    made = []
    for copy in kind.copies(case, options):
        context = kind.build_context(case, copy.options)
        stamp = for_document(kind.name, template, case, kind.file_date(case, copy.options))
        if isinstance(renderer, FastDocxRenderer):  # the same bytes, written in one pass
            data = renderer.render_stamped(template, context, stamp)
        else:
            data = stamp_docx(renderer.render_bytes(template, context), stamp)  # provenance
        made.append(MadeDocument(with_recipient(base, copy.label), data, copy.label))
    return made


def document_warnings(
    kind: DocumentKind, loaded: LoadedCase, options: RenderOptions
) -> list[Problem]:
    """The case file's own warnings and the kind's: things to check before sending."""
    messages = kind.warnings(loaded.case, options) if kind.warnings is not None else []
    return [
        *loaded.warnings,
        *(Problem(Location(file=loaded.source), m, severity="warning") for m in messages),
    ]


def convert_documents(
    converter: Converter, sources: Sequence[Path], out_dir: Path, *, pdfa: bool = False
) -> list[Path | ConversionError]:
    """Convert ``sources`` to PDFs in ``out_dir`` (a staging folder), each carrying the
    provenance of its Word file: :func:`convert_each`, then :func:`carry_provenance`.

    The caller publishes the PDFs with :func:`sendocs.files.publish_file`.
    """
    sources = list(sources)
    return carry_provenance(sources, convert_each(converter, sources, out_dir, pdfa=pdfa), pdfa)


def convert_each(
    converter: Converter, sources: Sequence[Path], out_dir: Path, *, pdfa: bool = False
) -> list[Path | ConversionError]:
    """Convert ``sources`` with one call; return, in order, each PDF or its error.

    When the call fails, each document is tried again on its own so only the bad
    ones fail. Provenance is not added (:func:`carry_provenance`), so a batch can
    stamp one group's PDFs while LibreOffice converts the next.
    """
    sources = list(sources)
    if not sources:
        return []
    try:
        return list(converter.convert(sources, out_dir, pdfa=pdfa))
    except ConversionError as exc:
        if len(sources) == 1:
            return [exc]
    results: list[Path | ConversionError] = []
    for source in sources:
        try:
            (pdf,) = converter.convert([source], out_dir, pdfa=pdfa)
            results.append(pdf)
        except ConversionError as exc:
            results.append(exc)
    return results


def carry_provenance(
    sources: Sequence[Path], results: list[Path | ConversionError], pdfa: bool
) -> list[Path | ConversionError]:
    """Each PDF gets its Word file's provenance (LibreOffice does not carry it over)."""
    for source, result in zip(sources, results, strict=True):
        if isinstance(result, Path):
            carry_to_pdf(source, result, pdfa=pdfa)
    return results

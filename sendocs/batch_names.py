"""File names for a batch's documents, unique within the run.

Two pupils with the same name and date (or long names that are the same once
cut to length) get their UPN, or their input number, added to the name, so
one pupil's document never overwrites another's. Names are compared without
case, as Windows and macOS file systems compare them.
"""

from __future__ import annotations

from collections.abc import Iterable

from sendocs.batch_inputs import BatchItem
from sendocs.documents import DocumentKind, RenderOptions
from sendocs.pipeline import document_filename

__all__ = ["unique_filenames"]


def unique_filenames(
    kind: DocumentKind, items: Iterable[BatchItem], options: RenderOptions
) -> dict[int, str]:
    """The ``.docx`` name of each item (by index), unique in the run.

    Each name keeps room for a letter's recipient, added per copy by
    :func:`sendocs.pipeline.render_documents`.
    """
    names: dict[int, str] = {}
    taken: set[str] = set()
    for item in items:
        assert item.loaded is not None
        case = item.loaded.case
        name = document_filename(kind, case, options)
        extra = item.upn or str(item.index + 1)
        counter = 1
        while name.casefold() in taken:
            tag = extra if counter == 1 else f"{extra}-{counter}"
            name = document_filename(kind, case, options, tag=tag)
            counter += 1
        taken.add(name.casefold())
        names[item.index] = name
    return names

"""Title, author and date from a document's own metadata, to prefill the bundle's index."""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["DocumentMetadata", "read_metadata"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DocumentMetadata:
    title: str
    author: str
    date: dt.date


def _title_from_name(label: str) -> str:
    stem = re.sub(r"[_\-]+", " ", Path(label).stem).strip()
    return stem[:1].upper() + stem[1:] if stem else "Untitled document"


def read_metadata(path: Path, label: str) -> DocumentMetadata:
    """What the file says about itself; the file's own name and today where it says nothing.

    A file whose metadata cannot be read (damaged, encrypted) still gets the
    fallbacks: the bundle build reports real problems with it later.
    """
    title = author = ""
    date: dt.date | None = None
    try:
        if path.suffix == ".pdf":
            from pypdf import PdfReader

            info = PdfReader(path).metadata
            if info is not None:
                title, author = str(info.title or ""), str(info.author or "")
                created = info.creation_date
                date = created.date() if created else None
        elif path.suffix == ".docx":
            from docx import Document

            props = Document(str(path)).core_properties
            title, author = props.title or "", props.author or ""
            date = props.created.date() if props.created else None
    except Exception:  # unreadable metadata is not an error here
        log.debug("no metadata read from an uploaded document", exc_info=True)
    return DocumentMetadata(
        title=title.strip() or _title_from_name(label),
        author=author.strip(),
        date=date or dt.date.today(),
    )

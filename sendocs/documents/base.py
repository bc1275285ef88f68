"""What a document kind is: its name, template, context builder and file name.

Adding a kind is one module here (a :class:`DocumentKind`), an entry in
:data:`sendocs.documents.builtin.BUILTIN_KINDS`, one template in
``templates/`` and its tests. The CLI, ``sendocs demo`` and batches find
kinds only through :mod:`sendocs.documents.registry`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from sendocs.formatting import DEFAULT_LOCALE
from sendocs.models import Case

__all__ = [
    "DocumentCopy",
    "DocumentKind",
    "RenderOptions",
    "safe_filename_part",
    "with_recipient",
]


@dataclass(frozen=True)
class RenderOptions:
    """Choices that are not case data: the date on a letter, the locale, costing rules."""

    date: dt.date | None = None
    locale: str = DEFAULT_LOCALE
    weeks_per_year: int = 38
    notional_budget: Decimal = Decimal(6000)
    template: Path | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def document_date(self) -> dt.date:
        return self.date or dt.date.today()


@dataclass(frozen=True)
class DocumentCopy:
    """One file a kind makes for a case: the whole document, or one recipient's copy.

    ``label`` tells copies apart in file names ("" when there is only one);
    ``options`` carry ``extra["recipient"]``, the recipient's position, to
    the kind's context builder.
    """

    label: str
    options: RenderOptions


RECIPIENT_LABEL_LIMIT = 60
"""Longest recipient part of a file name, in characters (names stay readable)."""


@dataclass(frozen=True)
class DocumentKind:
    """One kind of document: its name on the command line, template and context builder.

    ``check`` returns reasons the case cannot make this document (e.g. a
    parental notification for a child with an EHC plan): raised as errors
    before anything is rendered.
    """

    name: str
    title: str
    description: str
    template: str
    build_context: Callable[[Case, RenderOptions], dict[str, Any]]
    file_label: str
    file_date: Callable[[Case, RenderOptions], dt.date]
    check: Callable[[Case, RenderOptions], list[str]] = lambda case, options: []
    audience: str = "SENCO"
    recipients: Callable[[Case, RenderOptions], list[str]] | None = None
    """For letters: one label per recipient ("Mrs Okafor and Mr Okafor", "Mr Okafor");
    each recipient gets their own file. ``None``: one document per case."""

    def copies(self, case: Case, options: RenderOptions) -> list[DocumentCopy]:
        """The files to make for ``case``: one, or one per recipient of a letter."""
        if self.recipients is None:
            return [DocumentCopy("", options)]
        labels = self.recipients(case, options)
        return [
            DocumentCopy(
                label if len(labels) > 1 else "",
                replace(options, extra={**options.extra, "recipient": index}),
            )
            for index, label in enumerate(labels)
        ]

    def filename(
        self, case: Case, options: RenderOptions, suffix: str = ".docx", recipient: str = ""
    ) -> str:
        """``Surname_Forename_SEN_support_plan_2026-11-23.docx``; a recipient's copy
        ends ``…_to_Mr-Okafor.docx``."""
        child = case.child
        parts = [
            safe_filename_part(child.legal_surname),
            safe_filename_part(child.legal_forename),
            self.file_label,
            self.file_date(case, options).isoformat(),
        ]
        return with_recipient("_".join(p for p in parts if p) + suffix, recipient)

    def template_path(self, options: RenderOptions) -> Path:
        if options.template is not None:
            return options.template
        from sendocs.resources import template_path

        return template_path(self.template)


def with_recipient(filename: str, label: str) -> str:
    """``…_2026-11-23.docx`` → ``…_2026-11-23_to_Dr-ap-Gwilym.docx`` (unchanged if no label).

    The recipient's greeting name, made safe like every other part and cut to
    :data:`RECIPIENT_LABEL_LIMIT` characters.
    """
    if not label:
        return filename
    stem, _, ext = filename.rpartition(".")
    part = safe_filename_part(label)[:RECIPIENT_LABEL_LIMIT].rstrip("-")
    return f"{stem}_to_{part}.{ext}"


def safe_filename_part(text: str) -> str:
    """A name made safe for every file system.

    Accents are folded (Zoë → Zoe), apostrophes dropped (O'Connor → OConnor),
    letters of other scripts kept (so two children never both become "pupil"),
    anything else becomes a hyphen.
    """
    text = text.replace("'", "").replace("\u2019", "")
    decomposed = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    cleaned = re.sub(r"[^\w-]+|_", "-", folded).strip("-")
    return unicodedata.normalize("NFC", cleaned) or "pupil"

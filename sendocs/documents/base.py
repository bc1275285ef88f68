"""What a document kind is: its name, template, context builder and file name.

Adding a kind is one module here (a :class:`DocumentKind`), an entry in
:data:`sendocs.documents.builtin.BUILTIN_KINDS`, one template in
``templates/`` and its tests. The CLI, ``sendocs demo`` and batches find
kinds only through :mod:`sendocs.documents.registry`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from sendocs.dates.terms import TermCalendar
from sendocs.documents.filenames import FILENAME_STEM_BYTES, fit_filename, safe_filename_part
from sendocs.formatting import DEFAULT_LOCALE
from sendocs.models import Case

__all__ = [
    "SCHOOL_FILE_COPY",
    "DocumentCopy",
    "DocumentKind",
    "RenderOptions",
    "recipient_part",
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
    terms: TermCalendar | None = None
    """The school's term dates, for costing provision over the weeks it runs
    (default: the shipped example calendar)."""
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


RECIPIENT_LABEL_LIMIT = 40
"""Longest recipient part of a file name, in UTF-8 bytes (names stay readable)."""


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
    case_file_label: Callable[[Case], str] | None = None
    """A file label that depends on the case (an EHC-plan pupil's plan is not an
    "SEN support plan"); ``None``: always ``file_label``."""
    warnings: Callable[[Case, RenderOptions], list[str]] | None = None
    """Things the user should check before sending (shown on stderr, never printed in
    the document): e.g. a recommendation and the plan that disagree. ``None``: none."""
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
        self,
        case: Case,
        options: RenderOptions,
        suffix: str = ".docx",
        recipient: str = "",
        *,
        tag: str = "",
        reserve: int = 0,
    ) -> str:
        """``Surname_Forename_SEN_support_plan_2026-11-23.docx``; a recipient's copy
        ends ``…_to_Mr_Okafor.docx``; ``tag`` (a UPN, a number) keeps names unique.

        The names are made safe and cut so the name before the extension fits
        :data:`FILENAME_STEM_BYTES` less ``reserve`` bytes (room kept for a
        recipient added later with :func:`with_recipient`).
        """
        child = case.child
        names = [
            safe_filename_part(child.legal_surname, fallback=""),
            safe_filename_part(child.legal_forename, fallback=""),
        ]
        names = [n for n in names if n] or [safe_filename_part(child.upn or "")]
        fixed = [
            self.case_file_label(case) if self.case_file_label else self.file_label,
            self.file_date(case, options).isoformat(),
            safe_filename_part(tag, fallback=""),
            recipient_part(recipient),
        ]
        return fit_filename(names, fixed, suffix, FILENAME_STEM_BYTES - reserve)

    def template_path(self, options: RenderOptions) -> Path:
        if options.template is not None:
            return options.template
        from sendocs.resources import template_path

        return template_path(self.template)


SCHOOL_FILE_COPY = "school file copy"
"""The label of a copy kept on the school's file and never sent (a plan holding both
parents' details when each has their own copy): its file name says so
(``…_school_file_copy.docx``, s19 #2), not ``to_…``."""


def recipient_part(label: str) -> str:
    """``Dr ap Gwilym`` → ``to_Dr_ap_Gwilym`` (at most :data:`RECIPIENT_LABEL_LIMIT`
    bytes of name); :data:`SCHOOL_FILE_COPY` → ``school_file_copy``; ``""`` for no label."""
    if not label:
        return ""
    if label == SCHOOL_FILE_COPY:
        return safe_filename_part(label)
    return "to_" + safe_filename_part(label, limit=RECIPIENT_LABEL_LIMIT)


def with_recipient(filename: str, label: str) -> str:
    """``…_2026-11-23.docx`` → ``…_2026-11-23_to_Dr_ap_Gwilym.docx`` (unchanged if no label).

    The recipient's greeting name, made safe like every other part; make
    ``filename`` with ``reserve=`` room for it so the whole name stays short.
    """
    if not label:
        return filename
    stem, _, ext = filename.rpartition(".")
    return f"{stem}_{recipient_part(label)}.{ext}"

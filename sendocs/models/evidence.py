"""Evidence documents: reports, plans, letters, data that a request or appeal relies on."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import Field

from sendocs.models.base import CaseModel
from sendocs.models.vocabulary import EvidenceKind


class EvidenceDocument(CaseModel):
    """A document on file, cited by reference (e.g. "E3") in letters and appeals."""

    ref: str | None = Field(
        default=None, description="Short reference used in letters, e.g. 'E3'. Assigned if omitted."
    )
    title: str = Field(min_length=1)
    author: str | None = None
    role: str | None = Field(
        default=None, description="Author's role, e.g. 'Educational psychologist'."
    )
    date: dt.date
    kind: EvidenceKind = EvidenceKind.OTHER
    summary: str | None = Field(default=None, description="What the document shows, in a sentence.")
    summary_paragraphs: list[str] = Field(
        default_factory=list,
        description=(
            "The document's paragraphs the summary rests on ('5.3', '5.6'): chronologies "
            "print them after the summary ('(paras 5.3, 5.6)'), so no reference is typed "
            "into the summary itself."
        ),
    )
    path: Path | None = Field(default=None, description="The file, relative to the case file.")
    pages: int | None = Field(default=None, ge=1)


class EvidenceRef(CaseModel):
    """A pinpoint reference into an evidence document (for tribunal grounds)."""

    document: str = Field(min_length=1, description="The evidence document's ref, e.g. 'E3'.")
    section: str | None = Field(
        default=None,
        pattern=r"^[A-K]$",
        description=(
            "For a reference into an EHC plan: the plan's section ('B'), cited as "
            "'Section B'; validate warns if the document is not an EHC plan."
        ),
    )
    page: int | None = Field(default=None, ge=1)
    paragraph: str | None = None

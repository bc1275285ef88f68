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
    path: Path | None = Field(default=None, description="The file, relative to the case file.")
    pages: int | None = Field(default=None, ge=1)


class EvidenceRef(CaseModel):
    """A pinpoint reference into an evidence document (for tribunal grounds)."""

    document: str = Field(min_length=1, description="The evidence document's ref, e.g. 'E3'.")
    page: int | None = Field(default=None, ge=1)
    paragraph: str | None = None

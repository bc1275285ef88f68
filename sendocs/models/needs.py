"""Special educational needs, strengths and diagnoses."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from sendocs.models.base import CaseModel
from sendocs.models.evidence import EvidenceRef
from sendocs.models.vocabulary import AreaOfNeed, SenType


class Need(CaseModel):
    """One identified need, in a broad area, with its census SEN type."""

    area: AreaOfNeed
    sen_type: SenType | None = Field(default=None, description="Census SEN type code, e.g. SLCN.")
    rank: Literal[1, 2] | None = Field(
        default=None, description="Census rank: 1 = primary need, 2 = secondary need."
    )
    description: str = Field(min_length=1, description="What the need looks like for this child.")
    in_my_words: str | None = Field(
        default=None,
        description=(
            "The need in the young person's own voice ('I am autistic. …'), for the "
            "letters they write themselves (their EHC needs assessment request); "
            "'description' stays the school's or college's words for its plans."
        ),
    )
    identified: dt.date | None = None
    suspected: bool = Field(
        default=False, description="True if suspected but not yet assessed (limb 1: 'may have')."
    )


class Diagnosis(CaseModel):
    """A formal diagnosis: what, by whom, when."""

    condition: str = Field(min_length=1)
    diagnosed_by: str = Field(
        min_length=1, description="Name and role, e.g. 'Dr A Khan, paediatrician'."
    )
    date: dt.date
    notes: str | None = None
    evidence: list[EvidenceRef] = Field(
        default_factory=list,
        description="Where the report records the diagnosis (document, page, paragraph): an "
        "appeal cites the page, not only the document.",
    )

"""The base class every case model derives from.

Unknown keys are errors (``extra="forbid"``): a misspelt field in a case file
must be reported, not silently dropped, or a plan would go out with a blank.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class CaseModel(BaseModel):
    """Base for all case-data models: strict about unknown keys, tidy about whitespace."""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        validate_assignment=True,
        use_enum_values=False,
        populate_by_name=True,
    )

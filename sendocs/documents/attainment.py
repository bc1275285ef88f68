"""Attainment as a plan prints it: a reading (or spelling) age beside the child's
chronological age, computed from the date of birth at the assessment date.

A chronological age typed into a case file goes stale or is simply wrong (a
SENCO read found "Reading age 7y 0m (chronological age 8y 6m)" for a girl who
was 7y 6m that day), so it is never printed as typed: any typed
"(chronological age …)" is dropped and the computed one is printed instead.
``sendocs validate`` warns where a typed one disagrees (``typed_age_mismatches``).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from sendocs.formatting import format_date
from sendocs.models import ReviewCycle

__all__ = ["assess_view", "chronological_age", "typed_age_mismatches", "with_chronological_age"]

_TYPED = re.compile(r"\s*\(\s*chronological age[^)]*\)", re.IGNORECASE)
_TYPED_VALUE = re.compile(r"chronological age\s*(\d+)\s*y\s*(\d+)\s*m", re.IGNORECASE)
_AGE_MEASURE = re.compile(r"\b((?:reading|spelling|comprehension) age\s+\d+\s*y\s*\d+\s*m)", re.I)


def chronological_age(born: dt.date, on: dt.date) -> tuple[int, int]:
    """Whole years and months from ``born`` to ``on``."""
    months = (on.year - born.year) * 12 + on.month - born.month - (1 if on.day < born.day else 0)
    years, rest = divmod(max(months, 0), 12)
    return years, rest


def with_chronological_age(text: str, born: dt.date, on: dt.date) -> str:
    """``text`` with each reading/spelling age followed by the computed chronological
    age at ``on``, labelled with that date ("Reading age 7y 0m (chronological age 7y 6m
    at 14 September 2026)": the plan prints the child's age today elsewhere, and two
    unlabelled ages read as a contradiction), typed ones dropped."""
    if not _AGE_MEASURE.search(text):
        return text
    years, months = chronological_age(born, on)
    cleaned = _TYPED.sub("", text)
    when = format_date(on, "long")
    return _AGE_MEASURE.sub(
        lambda m: f"{m.group(1)} (chronological age {years}y {months}m at {when})", cleaned
    )


def typed_age_mismatches(text: str, born: dt.date, on: dt.date) -> list[str]:
    """Typed chronological ages in ``text`` that are not the child's age at ``on``."""
    years, months = chronological_age(born, on)
    return [
        m.group(0)
        for m in _TYPED_VALUE.finditer(text)
        if (int(m.group(1)), int(m.group(2))) != (years, months)
    ]


def assess_view(cycle: ReviewCycle, born: dt.date) -> dict[str, Any]:
    """The cycle's 'assess' step for a template, attainment with computed ages at the
    cycle's start (the assessment date)."""
    a = cycle.assess
    return {
        "summary": a.summary,
        "attainment": (
            with_chronological_age(a.attainment, born, cycle.start) if a.attainment else None
        ),
        "external_advice": a.external_advice,
    }

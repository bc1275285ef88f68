"""Building one validated case from a roster row's cells.

The row's cells (and the school's defaults) are completed — plan start,
census areas of need (:mod:`sendocs.roster.census`), review date
(:mod:`sendocs.roster.review_dates`) — nested into a case dict and validated
with :func:`sendocs.loading.parse_case_data`; every problem is moved back to its
cell (:mod:`sendocs.roster.locations`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sendocs.dates import TermCalendar
from sendocs.errors import CaseDataError, FieldPath, Location, Problem
from sendocs.loading import LoadedCase, parse_case_data
from sendocs.models import Case
from sendocs.roster.census import derive_need_areas, entry_value
from sendocs.roster.column_map import ColumnMap
from sendocs.roster.locations import problem_path, relocate
from sendocs.roster.review_dates import START, review_warnings, set_review_date
from sendocs.roster.settings import SchoolSettings
from sendocs.roster.sheets import Leaf, add_cell

__all__ = ["build_case", "nest_entries"]


def nest_entries(
    entries: Iterable[tuple[FieldPath, Leaf]],
) -> tuple[Any, dict[FieldPath, Location]]:
    """Nest flat field paths into a case dict; drop blanks and empty list items, and
    renumber list items so a blank 'Parent 1' column set leaves no hole."""
    tree: dict[Any, Any] = {}
    for path, leaf in entries:
        node = tree
        for part in path[:-1]:
            node = node.setdefault(part, {})
        node[path[-1]] = leaf
    origins: dict[FieldPath, Location] = {}
    return _finish(tree, (), origins), origins


def _finish(node: Any, path: FieldPath, origins: dict[FieldPath, Location]) -> Any:
    if isinstance(node, Leaf):
        origins[path] = node.origin
        return node.value
    if node and all(isinstance(k, int) for k in node):
        items: list[Any] = []
        for key in sorted(node):
            local: dict[FieldPath, Location] = {}
            value = _finish(node[key], (), local)
            if value is not None:
                index = len(items)
                items.append(value)
                origins.update({(*path, index, *sub): loc for sub, loc in local.items()})
        return items or None
    result = {}
    for key, child in node.items():
        local = {}
        value = _finish(child, (), local)
        origins.update({(*path, key, *sub): loc for sub, loc in local.items()})
        if value is not None:
            result[key] = value
    return result or None


def build_case(
    entries: dict[FieldPath, Leaf],
    claimed: dict[FieldPath, Problem],
    settings: SchoolSettings,
    source: str,
    location: Location,
    review_calendar: TermCalendar | None,
    plan_start: dt.date,
    today: dt.date,
    column_map: ColumnMap,
) -> tuple[LoadedCase | None, list[Problem]]:
    """Complete one row's entries (school defaults, plan start, census areas, review date),
    nest them into a case and validate it; returns the case or the row's problems, each
    pointing at the cell (or row) it came from."""
    for path, (name, value) in settings.defaults.items():
        if entries.get(path) is None or entries[path].value is None:
            origin = Location(file=settings.source, field=("defaults", name))
            kept = entries.get(path)
            add_cell(entries, claimed, path, value, origin, Case)
            if kept is not None and entries[path].value is None:
                entries[path] = kept
    if entry_value(entries, START) is None and START not in claimed:
        origin = entries[START].origin if START in entries else location
        entries[START] = Leaf(plan_start, origin)
    derive_need_areas(entries, claimed, column_map)
    set_review_date(entries, claimed, review_calendar, location, column_map)
    data, origins = nest_entries(sorted(entries.items(), key=lambda item: _sort_key(item[0])))
    data = dict(data or {})
    data["school"] = settings.school
    data["local_authority"] = settings.local_authority
    problems = list(claimed.values())
    loaded: LoadedCase | None = None
    try:
        loaded = parse_case_data(data, source, today=today)
    except CaseDataError as exc:
        for problem in exc.problems or [Problem(location, exc.message)]:
            where = problem_path(problem)
            if where is not None and any(where[: len(c)] == c for c in claimed):
                continue  # already reported, from the cell itself
            problems.append(relocate(problem, where, origins, location))
    if problems:
        return None, problems
    assert loaded is not None
    loaded.warnings = [relocate(w, problem_path(w), origins, location) for w in loaded.warnings] + [
        w for w in review_warnings(loaded.case, review_calendar, origins, location)
    ]
    return loaded, []


def _sort_key(path: FieldPath) -> tuple[tuple[int, Any], ...]:
    return tuple((0, p) if isinstance(p, int) else (1, p) for p in path)

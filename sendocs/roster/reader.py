"""Reading a school's MIS export (CSV or XLSX) into validated cases, one per row.

Each row is turned into a case dict through the column map, merged with the
school settings, and validated with :func:`sendocs.loading.parse_case_data`.
A bad row never stops the others: it becomes a :class:`RosterRow` carrying a
:class:`~sendocs.errors.RosterError` whose problems name the file, the sheet,
the 1-based spreadsheet row and the column header, because that is what the
SENCO has open in Excel. Only a problem with the whole file (a required column
missing, no school details) is raised.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from sendocs.dates import TermCalendar, default_term_calendar
from sendocs.errors import CaseDataError, FieldPath, Location, Problem, RosterError
from sendocs.loading import LoadedCase
from sendocs.models import Case
from sendocs.roster.cases import build_case
from sendocs.roster.column_map import COMBINE_FIELD, ColumnMap, default_column_map
from sendocs.roster.settings import (
    SchoolSettings,
    find_school_settings,
    load_school_settings,
    settings_from_column_map,
)
from sendocs.roster.sheets import (
    UPN_PATH,
    Leaf,
    ListSource,
    add_cell,
    open_tables,
    resolve_columns,
    row_key,
    shared_keys,
)
from sendocs.roster.tables import combine_columns

__all__ = ["ROSTER_SUFFIXES", "Roster", "RosterRow", "read_roster"]

ROSTER_SUFFIXES = (".csv", ".xlsx", ".xlsm")


@dataclass
class RosterRow:
    """One pupil row: the validated case, or the error that stopped it."""

    source: str
    location: Location
    upn: str | None
    loaded: LoadedCase | None = None
    error: CaseDataError | None = None


@dataclass
class Roster:
    """Every row of a roster, and warnings about the file as a whole."""

    source: str
    rows: list[RosterRow]
    warnings: list[Problem] = field(default_factory=list)


def read_roster(
    path: str | Path,
    *,
    column_map: ColumnMap | None = None,
    settings: SchoolSettings | None = None,
    set_review_dates: bool = True,
    review_calendar: TermCalendar | None = None,
    plan_start: dt.date | None = None,
    today: dt.date | None = None,
) -> Roster:
    """Read a CSV or XLSX roster into one :class:`RosterRow` per pupil.

    School details come from ``settings``, else the column map, else a
    ``school.yaml`` beside the roster. With ``set_review_dates`` (the default)
    a blank review date is set to the next termly review after the plan start
    from ``review_calendar`` (default: the shipped example calendar), never in
    a holiday; without it a blank review date is an error on that row.
    ``plan_start`` is used for a blank plan start (default: ``today``).

    Raises :class:`RosterError` only for problems with the whole file.
    """
    path = Path(path)
    column_map = column_map or default_column_map()
    settings = settings or settings_from_column_map(column_map)
    beside = find_school_settings(path)
    if settings is None and beside is not None:
        settings = load_school_settings(beside)
    if settings is None:
        raise RosterError(
            f"{path}: no school details: pass a school settings file (--school school.yaml, "
            "or a school.yaml beside the roster) with school: and local_authority: sections"
        )
    if set_review_dates and review_calendar is None:
        review_calendar = default_term_calendar()
    elif not set_review_dates:
        review_calendar = None
    pupils, outcomes, provision = open_tables(path, column_map)
    pupils = combine_columns(pupils, column_map.combine, COMBINE_FIELD)
    sheet = resolve_columns(pupils, column_map)
    lists = {
        "outcomes": ListSource(column_map.outcomes, sheet, outcomes),
        "provision": ListSource(column_map.provision, sheet, provision),
    }
    shared = shared_keys(sheet, lists)
    today = today or dt.date.today()
    rows: list[RosterRow] = []
    for number, cells in pupils.rows:
        upn = row_key(cells, sheet.columns.get(UPN_PATH))
        location = Location(file=pupils.file, sheet=pupils.sheet, row=number)
        source = str(location)
        if number in shared:
            rows.append(RosterRow(source, location, upn, error=shared[number]))
            continue
        entries: dict[FieldPath, Leaf] = {}
        claimed: dict[FieldPath, Problem] = {}
        for path_, (position, header) in sheet.columns.items():
            value = cells[position] if position < len(cells) else None
            add_cell(entries, claimed, path_, value, sheet.origin(number, header), Case)
        for name, source_list in lists.items():
            source_list.add_entries(name, number, cells, entries, claimed)
        loaded, problems = build_case(
            entries,
            claimed,
            settings,
            source,
            location,
            review_calendar,
            plan_start or today,
            today,
            column_map,
        )
        if problems:
            count = len(problems)
            error = RosterError(f"{source}: {count} problem{'s' if count != 1 else ''}", problems)
            rows.append(RosterRow(source, location, upn, error=error))
        else:
            rows.append(RosterRow(source, location, upn, loaded=loaded))
    warnings = [w for s in lists.values() for w in s.unused_warning()]
    return Roster(str(path), rows, warnings)

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
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from sendocs.dates import TermCalendar, default_term_calendar
from sendocs.errors import CaseDataError, Location, Problem, RosterError
from sendocs.loading import LoadedCase, format_field_path, parse_case_data
from sendocs.models import Case, SenType
from sendocs.roster.column_map import (
    COMBINE_FIELD,
    ColumnMap,
    FieldPath,
    ListMap,
    default_column_map,
    parse_field_path,
    value_kind,
)
from sendocs.roster.settings import (
    SchoolSettings,
    find_school_settings,
    load_school_settings,
    settings_from_column_map,
)
from sendocs.roster.tables import Table, combine_columns, read_csv_table, read_xlsx_tables
from sendocs.roster.values import CellError, convert_cell, is_blank

__all__ = ["ROSTER_SUFFIXES", "Roster", "RosterRow", "read_roster"]

logger = logging.getLogger(__name__)

ROSTER_SUFFIXES = (".csv", ".xlsx", ".xlsm")

_CYCLE = ("cycles", 0)
_REVIEW_DATE: FieldPath = (*_CYCLE, "review_date")
_START: FieldPath = (*_CYCLE, "start")
_LIST_OFFSET = 10_000  # sheet rows come after repeated columns in the same list
_UPN: FieldPath = ("child", "upn")


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


@dataclass(frozen=True)
class _Leaf:
    value: Any
    origin: Location


@dataclass
class _Sheet:
    """A table with the map's fields resolved to column positions."""

    table: Table
    columns: dict[FieldPath, tuple[int, str]]

    def origin(self, row: int, header: str) -> Location:
        return Location(
            file=self.table.file, sheet=self.table.sheet, row=row, field=f'column "{header}"'
        )


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
    pupils, outcomes, provision = _open_tables(path, column_map)
    pupils = combine_columns(pupils, column_map.combine, COMBINE_FIELD)
    sheet = _resolve(pupils, column_map)
    lists = {
        "outcomes": _ListSource(column_map.outcomes, sheet, outcomes),
        "provision": _ListSource(column_map.provision, sheet, provision),
    }
    shared = _shared_keys(sheet, lists)
    today = today or dt.date.today()
    rows: list[RosterRow] = []
    for number, cells in pupils.rows:
        upn = _key(cells, sheet.columns.get(_UPN))
        location = Location(file=pupils.file, sheet=pupils.sheet, row=number)
        source = str(location)
        if number in shared:
            rows.append(RosterRow(source, location, upn, error=shared[number]))
            continue
        entries: dict[FieldPath, _Leaf] = {}
        claimed: dict[FieldPath, Problem] = {}
        for path_, (position, header) in sheet.columns.items():
            value = cells[position] if position < len(cells) else None
            _add(entries, claimed, path_, value, sheet.origin(number, header), Case)
        for name, source_list in lists.items():
            source_list.add_entries(name, number, cells, entries, claimed)
        rows.append(
            _make_row(
                entries,
                claimed,
                settings,
                source,
                location,
                upn,
                review_calendar,
                plan_start or today,
                today,
                column_map,
            )
        )
    warnings = [w for s in lists.values() for w in s.unused_warning()]
    return Roster(str(path), rows, warnings)


# -- files and columns ----------------------------------------------------------------------


def _open_tables(path: Path, column_map: ColumnMap) -> tuple[Table, Table | None, Table | None]:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        pupils = read_csv_table(path)
        extra = []
        for list_map in (column_map.outcomes, column_map.provision):
            beside = path.parent / list_map.file if list_map.file else None
            extra.append(read_csv_table(beside) if beside and beside.is_file() else None)
        return pupils, extra[0], extra[1]
    if suffix in (".xlsx", ".xlsm"):
        tables = read_xlsx_tables(path)
        if not tables:
            raise RosterError(f"{path}: the workbook has no sheets")
        pupils = tables.get(column_map.pupils_sheet) or next(iter(tables.values()))
        return (
            pupils,
            tables.get(column_map.outcomes.sheet or "") if column_map.outcomes.sheet else None,
            tables.get(column_map.provision.sheet or "") if column_map.provision.sheet else None,
        )
    raise RosterError(
        f"{path}: unknown roster type {path.suffix!r}; export the pupil list as .csv or .xlsx"
    )


def _resolve(table: Table, column_map: ColumnMap) -> _Sheet:
    """Find every mapped column; one error for the file listing every missing required one."""
    columns: dict[FieldPath, tuple[int, str]] = {}
    problems: list[Problem] = []
    for path, headers in column_map.columns.items():
        found = table.find(headers)
        if found is not None:
            columns[path] = found
        elif path in column_map.required:
            wanted = " or ".join(f'"{h}"' for h in headers)
            problems.append(
                Problem(
                    Location(file=table.file, sheet=table.sheet, row=1),
                    f"no column {wanted}, which the column map ({column_map.source}) needs for "
                    f"{column_map.entry_name(path)}; rename the column in the export or change "
                    "that entry in your column map (--columns)",
                )
            )
    if problems:
        raise RosterError(
            f"{table.where}: {len(problems)} required column(s) missing; no rows were read",
            problems,
        )
    return _Sheet(table, columns)


def _key(cells: list[Any], key_column: tuple[int, str] | None) -> str | None:
    if key_column is None or key_column[0] >= len(cells) or is_blank(cells[key_column[0]]):
        return None
    return str(cells[key_column[0]]).strip().upper()


def _shared_keys(sheet: _Sheet, lists: dict[str, _ListSource]) -> dict[int, RosterError]:
    """Rows that share a UPN, or a key that joins another sheet, with the error for each.

    Two rows with one key are two children the file cannot tell apart: every
    outcome and provision row keyed by it would go to both. So all of them
    fail, naming each other, and the rows keyed by it go to no one.
    """
    columns: dict[int, tuple[str, str, str]] = {}  # position → (header, label, joins)
    upn = sheet.columns.get(_UPN)
    if upn is not None:
        columns[upn[0]] = (upn[1], "UPN", "")
    for name, source in lists.items():
        if source.key_column is None or source.sheet is None:
            continue
        position, header = source.key_column
        header_, label, joins = columns.get(position, (header, f'"{header}"', ""))
        columns[position] = (header_, label, f"{joins} and {name}" if joins else name)
    errors: dict[int, RosterError] = {}
    for position, (header, label, joins) in columns.items():
        rows_by_key: dict[str, list[int]] = defaultdict(list)
        for number, cells in sheet.table.rows:
            key = _key(cells, (position, header))
            if key:
                rows_by_key[key].append(number)
        for key, numbers in rows_by_key.items():
            if len(numbers) < 2:
                continue
            listed = _and(f"{n}" for n in numbers)
            neither = "neither" if len(numbers) == 2 else "none"
            message = (
                f"rows {listed} share {label} {key}; {neither} was rendered so that no child "
                "gets another's outcomes"
                + (f", and the {joins} rows with this {label} went to no one" if joins else "")
                + f"; give each pupil their own {label} (each pupil must appear once)"
            )
            for number in numbers:
                if number in errors:
                    errors[number].problems.append(Problem(sheet.origin(number, header), message))
                    continue
                errors[number] = RosterError(
                    f"{sheet.table.where}, row {number}: rows {listed} share {label} {key}",
                    [Problem(sheet.origin(number, header), message)],
                )
    return errors


def _and(items: Iterable[str]) -> str:
    """``2, 5 and 9``."""
    words = list(items)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _add(
    entries: dict[FieldPath, _Leaf],
    claimed: dict[FieldPath, Problem],
    path: FieldPath,
    value: Any,
    origin: Location,
    model: type[BaseModel],
    relative: FieldPath | None = None,
) -> None:
    """Convert one cell and record it with where it came from (blank cells too, for errors)."""
    if is_blank(value):
        entries.setdefault(path, _Leaf(None, origin))
        return
    try:
        converted = convert_cell(value, value_kind(model, relative or path))
    except CellError as exc:
        claimed[path] = Problem(origin, str(exc))
        entries[path] = _Leaf(None, origin)
        return
    entries[path] = _Leaf(converted, origin)


class _ListSource:
    """Outcomes or provision for a pupil: repeated columns, then rows of their own sheet."""

    def __init__(self, list_map: ListMap, pupils_sheet: _Sheet, table: Table | None) -> None:
        self.map = list_map
        self.pupils = pupils_sheet
        pupils = pupils_sheet.table
        self.repeated: list[tuple[int, dict[str, tuple[int, str]]]] = []
        for n in range(1, 100):
            found = {}
            for name, patterns in list_map.repeated.items():
                hit = pupils.find([p.replace("{n}", str(n)) for p in patterns])
                if hit:
                    found[name] = hit
            if found:
                self.repeated.append((n, found))
        self.sheet: _Sheet | None = None
        self.by_key: dict[str, list[tuple[int, list[Any]]]] = defaultdict(list)
        self.unkeyed: list[int] = []
        self.key_column = pupils.find((list_map.key,))
        if table is not None and table.headers:
            if self.key_column is None:
                raise RosterError(
                    f'{pupils.where}: no column "{list_map.key}" to find each pupil\'s rows in '
                    f"{table.where}; add it to the export or change the key in your column map"
                )
            key = table.find((list_map.key,))
            if key is None:
                raise RosterError(
                    f'{table.where}: no key column "{list_map.key}" to say which pupil each '
                    "row belongs to"
                )
            columns: dict[FieldPath, tuple[int, str]] = {}
            for name, headers in list_map.columns.items():
                hit = table.find(headers)
                if hit:
                    columns[(name,)] = hit
            self.sheet = _Sheet(table, columns)
            for number, cells in table.rows:
                row_key = _key(cells, key)
                if row_key:
                    self.by_key[row_key].append((number, cells))
                else:
                    self.unkeyed.append(number)

    def add_entries(
        self,
        section: str,
        row: int,
        cells: list[Any],
        entries: dict[FieldPath, _Leaf],
        claimed: dict[FieldPath, Problem],
    ) -> None:
        """Add this pupil's items from repeated columns and from the list's own sheet."""
        base: FieldPath = (*_CYCLE, section)
        for n, found in self.repeated:
            if all(is_blank(cells[pos] if pos < len(cells) else None) for pos, _ in found.values()):
                continue
            for name, (position, header) in found.items():
                value = cells[position] if position < len(cells) else None
                origin = self.pupils.origin(row, header)
                _add(entries, claimed, (*base, n - 1, name), value, origin, self.map.model, (name,))
        if self.sheet is None or self.key_column is None:
            return
        key = _key(cells, self.key_column)
        if key is None:
            header = self.key_column[1]
            claimed[base] = Problem(
                self.pupils.origin(row, header),
                f"no {header}: this pupil's {section} are found in {self.sheet.table.where} by "
                f"{header}, so without one the pupil cannot be rendered; fill it in",
            )
            return
        for i, (number, extra) in enumerate(self.by_key.get(key, [])):
            for field_path, (position, header) in self.sheet.columns.items():
                name = str(field_path[0])
                value = extra[position] if position < len(extra) else None
                _add(
                    entries,
                    claimed,
                    (*base, _LIST_OFFSET + i, name),
                    value,
                    self.sheet.origin(number, header),
                    self.map.model,
                    (name,),
                )

    def unused_warning(self) -> list[Problem]:
        """Rows of this sheet that name no pupil: an unknown key, or none at all.

        (Rows of a key shared by two pupils are reported on the pupils' rows.)"""
        if self.sheet is None or self.key_column is None:
            return []
        used = {_key(cells, self.key_column) for _, cells in self.pupils.table.rows}
        where = Location(file=self.sheet.table.file, sheet=self.sheet.table.sheet)
        unused = sorted(n for k, rows in self.by_key.items() if k not in used for n, _ in rows)
        warnings = []
        if unused:
            warnings.append(
                Problem(
                    where,
                    f"{len(unused)} row(s) name a {self.map.key} that is not in this roster "
                    f"(rows {_shown(unused)}); they were not used",
                    severity="warning",
                )
            )
        if self.unkeyed:
            warnings.append(
                Problem(
                    where,
                    f"{len(self.unkeyed)} row(s) have no {self.map.key} "
                    f"(rows {_shown(self.unkeyed)}); they were not used",
                    severity="warning",
                )
            )
        return warnings


def _shown(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers[:10]) + (" …" if len(numbers) > 10 else "")


# -- building and validating one case -------------------------------------------------------


def _build(entries: Iterable[tuple[FieldPath, _Leaf]]) -> tuple[Any, dict[FieldPath, Location]]:
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
    if isinstance(node, _Leaf):
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


def _make_row(
    entries: dict[FieldPath, _Leaf],
    claimed: dict[FieldPath, Problem],
    settings: SchoolSettings,
    source: str,
    location: Location,
    key: str | None,
    review_calendar: TermCalendar | None,
    plan_start: dt.date,
    today: dt.date,
    column_map: ColumnMap,
) -> RosterRow:
    for path, (name, value) in settings.defaults.items():
        if entries.get(path) is None or entries[path].value is None:
            origin = Location(file=settings.source, field=f"defaults.{name}")
            kept = entries.get(path)
            _add(entries, claimed, path, value, origin, Case)
            if kept is not None and entries[path].value is None:
                entries[path] = kept
    if _value(entries, _START) is None and _START not in claimed:
        origin = entries[_START].origin if _START in entries else location
        entries[_START] = _Leaf(plan_start, origin)
    _derive_need_areas(entries, claimed, column_map)
    _set_review_date(entries, claimed, review_calendar, location, column_map)
    data, origins = _build(sorted(entries.items(), key=lambda item: _sort_key(item[0])))
    data = dict(data or {})
    data["school"] = settings.school
    data["local_authority"] = settings.local_authority
    problems = list(claimed.values())
    loaded: LoadedCase | None = None
    try:
        loaded = parse_case_data(data, source, today=today)
    except CaseDataError as exc:
        for problem in exc.problems or [Problem(location, exc.message)]:
            where = _problem_path(problem)
            if where is not None and any(where[: len(c)] == c for c in claimed):
                continue  # already reported, from the cell itself
            problems.append(_relocate(problem, where, origins, location))
    if problems:
        count = len(problems)
        return RosterRow(
            source,
            location,
            key,
            error=RosterError(f"{source}: {count} problem{'s' if count != 1 else ''}", problems),
        )
    assert loaded is not None
    loaded.warnings = [
        _relocate(w, _problem_path(w), origins, location) for w in loaded.warnings
    ] + [w for w in _review_warnings(loaded.case, review_calendar, origins, location)]
    return RosterRow(source, location, key, loaded=loaded)


def _sort_key(path: FieldPath) -> tuple[tuple[int, Any], ...]:
    return tuple((0, p) if isinstance(p, int) else (1, p) for p in path)


def _value(entries: dict[FieldPath, _Leaf], path: FieldPath) -> Any:
    leaf = entries.get(path)
    return None if leaf is None else leaf.value


def _derive_need_areas(
    entries: dict[FieldPath, _Leaf], claimed: dict[FieldPath, Problem], column_map: ColumnMap
) -> None:
    """An MIS gives census type codes; the broad area of need follows from the code.

    A blank description is filled with the type's name, since a plan needs one;
    ``needs[1]`` and ``needs[2]`` of the map are the census primary and
    secondary need (rank 1 and 2) unless a rank column says otherwise.
    """
    for path, leaf in list(entries.items()):
        if len(path) != 3 or path[0] != "needs" or path[2] != "sen_type" or leaf.value is None:
            continue
        index = path[1]
        try:
            sen_type = SenType(leaf.value)
        except ValueError:
            continue  # the model reports the bad code against this column
        area_path: FieldPath = ("needs", index, "area")
        if _value(entries, area_path) is None and area_path not in claimed:
            if sen_type.area is None:
                entry = column_map.entry_name(area_path)
                claimed[area_path] = Problem(
                    leaf.origin,
                    f"{sen_type.value} does not say which broad area of need it is in: give "
                    f"the area in the column mapped to {entry}",
                )
            else:
                entries[area_path] = _Leaf(sen_type.area.value, leaf.origin)
        description: FieldPath = ("needs", index, "description")
        if _value(entries, description) is None:
            entries[description] = _Leaf(sen_type.label, leaf.origin)
        rank: FieldPath = ("needs", index, "rank")
        if _value(entries, rank) is None and rank not in claimed and index in (0, 1):
            entries[rank] = _Leaf(index + 1, leaf.origin)  # census rank: 1 primary, 2 secondary


def _set_review_date(
    entries: dict[FieldPath, _Leaf],
    claimed: dict[FieldPath, Problem],
    calendar: TermCalendar | None,
    location: Location,
    column_map: ColumnMap,
) -> None:
    if _value(entries, _REVIEW_DATE) is not None or _REVIEW_DATE in claimed:
        return
    origin = entries[_REVIEW_DATE].origin if _REVIEW_DATE in entries else location
    start = _value(entries, _START)
    if calendar is None:
        claimed[_REVIEW_DATE] = Problem(
            origin,
            "no review date: fill it in, or let sendocs set the next termly review from the "
            "school's term dates (leave out --no-set-review-dates)",
        )
        return
    if not isinstance(start, dt.date):
        return  # the start date's own problem is reported
    try:
        review = calendar.next_review_date(start)
    except CaseDataError as exc:
        claimed[_REVIEW_DATE] = Problem(origin, exc.message)
        return
    entries[_REVIEW_DATE] = _Leaf(review, origin)


def _review_warnings(
    case: Case,
    calendar: TermCalendar | None,
    origins: dict[FieldPath, Location],
    location: Location,
) -> list[Problem]:
    """A review date typed into the roster that falls outside school days."""
    if calendar is None:
        return []
    review = case.current_cycle.review_date
    if calendar.is_school_day(review) or review > calendar.terms[-1].end:
        return []
    return [
        Problem(
            origins.get(_REVIEW_DATE, location),
            f"the review date {review:%d/%m/%Y} is not a school day in the term calendar; check it",
            severity="warning",
        )
    ]


def _problem_path(problem: Problem) -> FieldPath | None:
    if not problem.location.field:
        return ()
    try:
        return parse_field_path(problem.location.field)
    except ValueError:
        return None


def _relocate(
    problem: Problem,
    path: FieldPath | None,
    origins: dict[FieldPath, Location],
    row: Location,
) -> Problem:
    """Point a problem found on the case at the cell it came from (or at least the row)."""
    if path is not None:
        for end in range(len(path), 0, -1):
            origin = origins.get(path[:end])
            if origin is not None:
                return Problem(origin, problem.message, problem.severity)
    field_name = format_field_path(path) if path else None
    if path:  # a group of fields (an outcome, a parent): point at the row its cells are on
        inside = next((loc for p, loc in origins.items() if p[: len(path)] == path), None)
        if inside is not None:
            row = inside
    return Problem(
        Location(file=row.file, sheet=row.sheet, row=row.row, field=field_name),
        problem.message,
        problem.severity,
    )

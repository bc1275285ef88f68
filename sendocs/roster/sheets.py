"""A roster's files and columns: which sheet holds what, and each cell with where it came from.

The column map (:mod:`sendocs.roster.column_map`) says which headers hold which
case field; this module opens the export (CSV, or an XLSX workbook with
optional outcomes and provision sheets), finds the mapped columns (one error
listing every missing required column), converts each cell and records the
cell it came from (:class:`Leaf`), so a problem found later on the case points
at the SENCO's row and column. Rows that share a UPN (or a key joining another
sheet) are found here too: neither child can be trusted to get their own rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from sendocs.errors import FieldPath, Location, Problem, RosterError
from sendocs.roster.column_map import ColumnMap, ListMap, value_kind
from sendocs.roster.tables import Table, read_csv_table, read_xlsx_tables
from sendocs.roster.values import CellError, convert_cell, is_blank

__all__ = [
    "CYCLE",
    "LIST_OFFSET",
    "UPN_PATH",
    "Leaf",
    "ListSource",
    "Sheet",
    "add_cell",
    "open_tables",
    "resolve_columns",
    "row_key",
    "shared_keys",
]

CYCLE: FieldPath = ("cycles", 0)
LIST_OFFSET = 10_000  # sheet rows come after repeated columns in the same list
UPN_PATH: FieldPath = ("child", "upn")


@dataclass(frozen=True)
class Leaf:
    value: Any
    origin: Location


@dataclass
class Sheet:
    """A table with the map's fields resolved to column positions."""

    table: Table
    columns: dict[FieldPath, tuple[int, str]]

    def origin(self, row: int, header: str) -> Location:
        return Location(
            file=self.table.file,
            sheet=self.table.sheet,
            row=row,
            field=(f'column "{header}"',),  # a label, not a case field
        )


def open_tables(path: Path, column_map: ColumnMap) -> tuple[Table, Table | None, Table | None]:
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


def resolve_columns(table: Table, column_map: ColumnMap) -> Sheet:
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
    return Sheet(table, columns)


def row_key(cells: list[Any], key_column: tuple[int, str] | None) -> str | None:
    if key_column is None or key_column[0] >= len(cells) or is_blank(cells[key_column[0]]):
        return None
    return str(cells[key_column[0]]).strip().upper()


def shared_keys(sheet: Sheet, lists: dict[str, ListSource]) -> dict[int, RosterError]:
    """Rows that share a UPN, or a key that joins another sheet, with the error for each.

    Two rows with one key are two children the file cannot tell apart: every
    outcome and provision row keyed by it would go to both. So all of them
    fail, naming each other, and the rows keyed by it go to no one.
    """
    columns: dict[int, tuple[str, str, str]] = {}  # position → (header, label, joins)
    upn = sheet.columns.get(UPN_PATH)
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
            key = row_key(cells, (position, header))
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


def add_cell(
    entries: dict[FieldPath, Leaf],
    claimed: dict[FieldPath, Problem],
    path: FieldPath,
    value: Any,
    origin: Location,
    model: type[BaseModel],
    relative: FieldPath | None = None,
) -> None:
    """Convert one cell and record it with where it came from (blank cells too, for errors)."""
    if is_blank(value):
        entries.setdefault(path, Leaf(None, origin))
        return
    try:
        converted = convert_cell(value, value_kind(model, relative or path))
    except CellError as exc:
        claimed[path] = Problem(origin, str(exc))
        entries[path] = Leaf(None, origin)
        return
    entries[path] = Leaf(converted, origin)


class ListSource:
    """Outcomes or provision for a pupil: repeated columns, then rows of their own sheet."""

    def __init__(self, list_map: ListMap, pupils_sheet: Sheet, table: Table | None) -> None:
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
        self.sheet: Sheet | None = None
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
            self.sheet = Sheet(table, columns)
            for number, cells in table.rows:
                found_key = row_key(cells, key)
                if found_key:
                    self.by_key[found_key].append((number, cells))
                else:
                    self.unkeyed.append(number)

    def add_entries(
        self,
        section: str,
        row: int,
        cells: list[Any],
        entries: dict[FieldPath, Leaf],
        claimed: dict[FieldPath, Problem],
    ) -> None:
        """Add this pupil's items from repeated columns and from the list's own sheet."""
        base: FieldPath = (*CYCLE, section)
        for n, found in self.repeated:
            if all(is_blank(cells[pos] if pos < len(cells) else None) for pos, _ in found.values()):
                continue
            for name, (position, header) in found.items():
                value = cells[position] if position < len(cells) else None
                origin = self.pupils.origin(row, header)
                path: FieldPath = (*base, n - 1, name)
                add_cell(entries, claimed, path, value, origin, self.map.model, (name,))
        if self.sheet is None or self.key_column is None:
            return
        key = row_key(cells, self.key_column)
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
                add_cell(
                    entries,
                    claimed,
                    (*base, LIST_OFFSET + i, name),
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
        used = {row_key(cells, self.key_column) for _, cells in self.pupils.table.rows}
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

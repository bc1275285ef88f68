"""Reading the sheets of a roster: CSV files and XLSX workbooks as rows of cells.

Both become a :class:`Table`: a header row and data rows, each with its
1-based spreadsheet row number (the header is row 1), so every error can name
the row a SENCO sees in Excel. XLSX files are opened read-only, which streams
rows instead of loading the whole workbook into memory.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sendocs.errors import RosterError

__all__ = [
    "Table",
    "combine_columns",
    "normalise_header",
    "read_csv_table",
    "read_xlsx_tables",
]


def normalise_header(text: str) -> str:
    """Headers match ignoring case, spaces and a trailing colon."""
    return re.sub(r"\s+", " ", str(text)).strip().rstrip(":").strip().casefold()


@dataclass
class Table:
    """One sheet: where it came from, its headers and its rows."""

    file: str
    sheet: str | None
    headers: list[str]
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._index: dict[str, int] = {}
        for position, header in enumerate(self.headers):
            self._index.setdefault(normalise_header(header), position)

    def find(self, alternatives: Sequence[str]) -> tuple[int, str] | None:
        """The position and header text of the first alternative present."""
        for wanted in alternatives:
            position = self._index.get(normalise_header(wanted))
            if position is not None:
                return position, self.headers[position]
        return None

    @property
    def where(self) -> str:
        return f"{self.file} [sheet {self.sheet}]" if self.sheet else self.file


def _decode(data: bytes, source: str) -> str:
    """UTF-8 (with or without the BOM Excel adds); else Windows-1252, which Excel
    on Windows writes when asked for plain 'CSV'."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _is_empty(cells: Sequence[Any]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def read_csv_table(path: Path) -> Table:
    """A CSV export as a table (comma, semicolon or tab separated)."""
    source = str(path)
    try:
        text = _decode(path.read_bytes(), source)
    except FileNotFoundError:
        raise RosterError(f"{source}: no such file") from None
    except OSError as exc:
        raise RosterError(f"{source}: cannot be read ({exc.strerror})") from None
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        records = list(reader)
    except csv.Error as exc:
        raise RosterError(f"{source}, row {reader.line_num}: not valid CSV ({exc})") from None
    if not records or _is_empty(records[0]):
        raise RosterError(f"{source}: the file is empty or has no header row")
    table = Table(source, None, [h.strip() for h in records[0]])
    for number, record in enumerate(records[1:], start=2):
        if not _is_empty(record):
            table.rows.append((number, list(record)))
    return table


def _unescape(cell: Any) -> Any:
    """Excel stores a character XML cannot hold as ``_x001B_`` (OOXML's ST_Xstring
    escape); openpyxl hands it over as typed, so a name would print ``_x0007_``."""
    if isinstance(cell, str) and "_x" in cell:
        from openpyxl.utils.escape import unescape

        return unescape(cell)
    return cell


def read_xlsx_tables(path: Path) -> dict[str, Table]:
    """Every sheet of a workbook, by name, in workbook order (read-only, values not formulas)."""
    import zipfile

    import openpyxl

    source = str(path)
    if not path.is_file():
        raise RosterError(f"{source}: no such file")
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise RosterError(
            f"{source}: cannot be opened as an Excel workbook ({exc}); save it as .xlsx"
        ) from None
    tables: dict[str, Table] = {}
    try:
        for sheet in workbook.worksheets:
            rows = sheet.iter_rows(values_only=True)
            header: Sequence[Any] | None = None
            number = 0
            for number, cells in enumerate(rows, start=1):  # noqa: B007 - used after
                if not _is_empty(cells):
                    header = cells
                    break
            if header is None:
                tables[sheet.title] = Table(source, sheet.title, [])
                continue
            table = Table(
                source, sheet.title, ["" if h is None else str(h).strip() for h in header]
            )
            for row_number, cells in enumerate(rows, start=number + 1):
                if not _is_empty(cells):
                    table.rows.append((row_number, [_unescape(cell) for cell in cells]))
            tables[sheet.title] = table
    finally:
        workbook.close()
    return tables


def combine_columns(table: Table, patterns: dict[str, str], field: re.Pattern[str]) -> Table:
    """Add columns made from others, e.g. "Parent 1 Name" from "{Contact 1 Forename}
    {Contact 1 Surname}", for MIS exports that split what a case holds in one field.

    A new column is added only when the export lacks it and has every column the
    pattern names; blank parts are left out and spaces tidied, so a row whose
    parts are all blank gets a blank cell.
    """
    added = False
    headers = list(table.headers)
    sources: list[tuple[str, list[tuple[str, int]]]] = []
    for header, pattern in patterns.items():
        if table.find([header]) is not None:
            continue
        names = field.findall(pattern)
        found = [(name, table.find([name])) for name in names]
        if any(position is None for _, position in found):
            continue
        sources.append((pattern, [(name, pos[0]) for name, pos in found if pos is not None]))
        headers.append(header)
        added = True
    if not added:
        return table
    rows = []
    for number, cells in table.rows:
        extra = []
        for pattern, parts in sources:
            text = pattern
            for name, position in parts:
                value = cells[position] if position < len(cells) else None
                text = text.replace("{" + name + "}", "" if _is_empty([value]) else str(value))
            extra.append(re.sub(r"\s+", " ", text).strip(" ,") or None)
        rows.append((number, [*cells, *([None] * (len(table.headers) - len(cells))), *extra]))
    return Table(table.file, table.sheet, headers, rows)

"""Turning spreadsheet cells into case values.

A cell arrives as text (CSV), or as a number, datetime or text (XLSX). MIS
exports write dates the UK way (14/03/2019); Excel may hold a real date, or a
serial number when the column lost its date format. Everything else is handed
to the case model as text, which validates it with its own messages.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from sendocs.roster.column_map import ValueKind

__all__ = ["CellError", "convert_cell", "is_blank"]

_UK_DATE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]00:00(?::00)?)?$")
_TRUE = {"yes", "y", "true", "t", "1", "x", "✓"}
_FALSE = {"no", "n", "false", "f", "0"}
_EXCEL_EPOCH = dt.date(1899, 12, 30)


class CellError(ValueError):
    """A cell that cannot be read as what its column holds; the message says why."""


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _real_date(year: int, month: int, day: int, given: str) -> dt.date:
    if not 1 <= month <= 12:
        raise CellError(f"{given!r} is not a real date: there is no month {month}")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        month_name = dt.date(year, month, 1).strftime("%B %Y")
        raise CellError(f"{given!r} is not a real date: {month_name} has {last} days")
    return dt.date(year, month, day)


def parse_date(value: Any) -> dt.date:
    """A date from a cell: an Excel date, a serial number, ``dd/mm/yyyy`` or ``yyyy-mm-dd``."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 2958466:  # Excel's serial day numbers (1900 date system)
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise CellError(f"{value!r} is not a date")
    text = str(value).strip()
    match = _UK_DATE.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        return _real_date(year, month, day, text)
    match = _ISO_DATE.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
        return _real_date(year, month, day, text)
    raise CellError(f"{text!r} is not a date; write it as dd/mm/yyyy (e.g. 14/03/2019)")


def _number(value: Any) -> int | Decimal:
    if isinstance(value, bool):
        raise CellError(f"expected a number, got {value!r}")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        number = Decimal(repr(value))
    else:
        text = str(value).strip().replace(",", "").removeprefix("£").strip()
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise CellError(f"expected a number, got {str(value).strip()!r}") from None
    return int(number) if number == number.to_integral_value() else number


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel keeps 100001 as 100001.0
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value).strip()


def convert_cell(value: Any, kind: ValueKind) -> Any:
    """The case value for a non-blank cell; :class:`CellError` if it cannot be one."""
    if kind is ValueKind.DATE:
        return parse_date(value)
    if kind is ValueKind.NUMBER:
        try:
            return _number(value)
        except CellError:
            return _text(value)  # the model may accept it ("Year 3", "R") or say why not
    if kind is ValueKind.BOOL:
        if isinstance(value, bool):
            return value
        text = _text(value).lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise CellError(f"expected yes or no, got {_text(value)!r}")
    if kind is ValueKind.TEXT_LIST:
        return [part.strip() for part in re.split(r"[;\n]", _text(value)) if part.strip()]
    return _text(value)

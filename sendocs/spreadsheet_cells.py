"""Text for spreadsheet cells (CSV and XLSX): always shown as typed, never run as a formula.

Names, interventions and file names come from case data a school does not
control (a parent's email, an MIS export). Excel, LibreOffice and Google
Sheets treat a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, in
some, a tab or carriage return) as a formula, so an intervention called
``=HYPERLINK(...)`` would become a live link in the school's provision map.
Following OWASP's CSV injection guidance:

* XLSX: every text cell is written with the string type, so nothing typed
  becomes a formula and the text shows exactly as typed; only the writer's own
  totals (``=SUM(...)``) are formulas.
* CSV has no cell types, so a text value starting with one of those
  characters gets a ``'`` in front (``'=1+1``), which spreadsheet programs
  show as the text ``=1+1``; :func:`csv_unescape` undoes it for a program
  reading the file back.

Control characters are removed exactly as in Word output
(:func:`sendocs.formatting.clean_text`), so a stray ``\\x07`` in a surname
neither breaks the file nor is kept.
"""

from __future__ import annotations

from typing import Any

from sendocs.formatting import clean_text

__all__ = [
    "FORMULA_TRIGGERS",
    "cell_text",
    "csv_escape",
    "csv_unescape",
    "set_text_cell",
]

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet program read a cell as a formula (OWASP)."""


def cell_text(text: str) -> str:
    """Text cleaned the way Word output is: no control characters, ``\\n`` line ends."""
    return clean_text(text)


def csv_escape(value: Any) -> Any:
    """A value for a CSV cell: text cleaned and, if it would start a formula, prefixed
    with ``'``; numbers and other values unchanged."""
    if not isinstance(value, str):
        return value
    text = clean_text(value)
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def csv_unescape(text: str) -> str:
    """The value :func:`csv_escape` was given (for text it cleaned) back from a CSV cell."""
    if text.startswith("'") and text[1:].startswith(FORMULA_TRIGGERS):
        return text[1:]
    return text


def set_text_cell(cell: Any, text: str) -> None:
    """Put ``text`` in an openpyxl cell as a string: shown as typed, never a formula.

    Text that looks like a formula is also marked "quote prefix", as Excel marks
    text typed after ``'``, so editing the cell later keeps it text.
    """
    cell.value = clean_text(text)
    cell.data_type = "s"
    if cell.value.startswith(FORMULA_TRIGGERS):
        cell.quotePrefix = True

"""One error hierarchy for everything sendocs reports to a user.

Every error a user can cause is a :class:`SendocsError`; the CLI prints its
message (never a traceback, unless ``--debug``) and exits with status 1.
Anything else escaping the package is a bug.

::

    SendocsError
    ├── CaseDataError          case file / roster row: file, line, column, field
    │   └── RosterError        a row of a CSV / XLSX roster: file, sheet, row, column
    ├── TemplateError          a Word template or PDF form: template, field, nearby text
    ├── OutputExistsError      refusing to overwrite without --force
    ├── ConversionError        LibreOffice failed, timed out or is missing
    ├── FormError              a fillable PDF form: unknown field, bad choice value, encrypted
    └── BundleError            an appeal bundle specification
        └── InputPdfError      one input document: missing, encrypted, corrupt, empty

Errors are plain data (strings, numbers, :class:`Problem` lists) and keep
their structured fields (``template``, ``line``, ``path``, ``problems``…)
through pickling: batches render in worker processes and send failures back
to the parent, which must still be able to say which file and line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

__all__ = [
    "BundleError",
    "CaseDataError",
    "ConversionError",
    "FieldPath",
    "FormError",
    "InputPdfError",
    "Location",
    "OutputExistsError",
    "Problem",
    "RosterError",
    "SendocsError",
    "TemplateError",
    "format_field_path",
    "parse_field_text",
]

FieldPath = tuple[str | int, ...]
"""Where a value is inside a case: ``("cycles", 0, "outcomes", 2, "target_date")``
(list positions 0-based, as in the data)."""


@dataclass(frozen=True)
class Location:
    """Where a problem is in a user's file, in the user's own terms.

    ``field`` is the path of the value inside the case
    (``("outcomes", 2, "target_date")``), kept as data so code can compare and
    walk it; it is formatted for people (``outcomes[3].target_date``, 1-based)
    only when printed (:attr:`field_text`; the empty path is the whole file). A
    place that is not a case field (a roster column, a settings key) is a path of
    one label, printed as it is. A string given for ``field`` is read back into
    a path (:func:`parse_field_text`).
    ``row`` is a 1-based spreadsheet row.
    """

    file: str | None = None
    line: int | None = None
    column: int | None = None
    field: FieldPath | None = None
    sheet: str | None = None
    row: int | None = None

    def __post_init__(self) -> None:
        if isinstance(self.field, str):
            object.__setattr__(self, "field", parse_field_text(self.field) if self.field else None)
        elif self.field is not None and not isinstance(self.field, tuple):
            object.__setattr__(self, "field", tuple(self.field))

    @property
    def field_text(self) -> str:
        """The field as people read it: ``outcomes[3].target_date``; ``""`` for none."""
        return "" if self.field is None else format_field_path(self.field)

    def __str__(self) -> str:
        parts: list[str] = []
        if self.file:
            where = self.file
            if self.sheet:
                where += f" [sheet {self.sheet}]"
            if self.row is not None:
                where += f", row {self.row}"
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            parts.append(where)
        elif self.row is not None:
            parts.append(f"row {self.row}")
        if self.field is not None:
            parts.append(self.field_text)
        return ": ".join(parts)


_PATH_PIECE = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)((?:\[\d+\])*)$")


def parse_field_text(text: str) -> FieldPath:
    """``"cycles[1].outcomes[3]"`` → ``("cycles", 0, "outcomes", 2)``: the inverse of
    :func:`format_field_path`. Text that is not a field path (``column "Name"``) becomes
    a path of one label, printed back unchanged."""
    parts: list[str | int] = []
    for piece in text.split("."):
        match = _PATH_PIECE.match(piece)
        if not match:
            return (text,)
        parts.append(match.group(1))
        for index in re.findall(r"\[(\d+)\]", match.group(2)):
            if int(index) < 1:
                return (text,)
            parts.append(int(index) - 1)
    return tuple(parts)


def format_field_path(path: Iterable[str | int]) -> str:
    """``("cycles", 0, "outcomes", 2, "target_date")`` → ``cycles[1].outcomes[3].target_date``.

    List positions are shown 1-based: people count from one. It lives beside
    :class:`Location`, whose ``field`` it writes, so every layer can use it.
    """
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "(the whole file)"


class SendocsError(Exception):
    """Base of every error a user can cause and fix."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuilt without calling the subclass's __init__ (which may decorate the
        # message again), then every attribute is restored: no field is lost.
        return (_rebuild, (type(self), self.message), dict(self.__dict__))


@dataclass(frozen=True)
class Problem:
    """One located error or warning about case data."""

    location: Location
    message: str
    severity: str = "error"  # "error" or "warning"

    def __str__(self) -> str:
        where = str(self.location)
        return f"{where}: {self.message}" if where else self.message


class CaseDataError(SendocsError):
    """Case data that does not fit the case model.

    Carries every problem found (not only the first), so a SENCO can fix a
    file in one pass.
    """

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems: list[Problem] = list(problems or [])

    def __str__(self) -> str:
        if not self.problems:
            return self.message
        lines = [self.message] + [f"  {p}" for p in self.problems]
        return "\n".join(lines)


class RosterError(CaseDataError):
    """A problem in one row of a roster (CSV or XLSX export from a school MIS)."""


class TemplateError(SendocsError):
    """A template that cannot be rendered: syntax error, unknown field, bad file.

    ``template`` is the file, ``context`` the document text near the problem,
    ``line`` the template line when Jinja knows it; ``reason`` is the message
    without them.
    """

    def __init__(
        self,
        message: str,
        template: str | None = None,
        context: str = "",
        *,
        line: int | None = None,
    ) -> None:
        full = message
        if template:
            full = f"{template}: {message}"
        if line is not None:
            full += f" (line {line})"
        if context:
            full += f"\n  near: {context}"
        super().__init__(full)
        self.reason = message
        self.template = template
        self.context = context
        self.line = line


class OutputExistsError(SendocsError):
    """The output file exists and ``--force`` was not given."""


class ConversionError(SendocsError):
    """DOCX to PDF conversion failed (LibreOffice missing, timed out, or produced nothing).

    ``path`` is the document that failed, when one did.
    """

    def __init__(self, message: str, path: str | None = None) -> None:
        super().__init__(message)
        self.path = path


class FormError(SendocsError):
    """A fillable PDF form could not be read or filled as asked."""


class BundleError(SendocsError):
    """An appeal bundle specification that cannot be built."""


class InputPdfError(BundleError):
    """One input document of a bundle is missing, encrypted, corrupt or empty."""

    def __init__(self, message: str, path: str | None = None) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.reason = message
        self.path = path


def _rebuild(cls: type[SendocsError], message: str) -> SendocsError:
    """Unpickle an error without its constructor (which may decorate the message)."""
    err = cls.__new__(cls)
    SendocsError.__init__(err, message)
    return err

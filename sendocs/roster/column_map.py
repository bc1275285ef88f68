"""The column map: which column of a school's MIS export holds which case field.

MIS systems (SIMS, Arbor, Bromcom, …) all export a pupil list, but each names
its columns differently. Rather than guess, sendocs reads a small YAML map
(``sendocs/data/default_column_map.yaml`` is the shipped default) from case
field paths written the way error messages print them (``parents[1].email``,
1-based) to column headers. The map is checked against the case model when it
is loaded, so a misspelt field is reported once, against the map, not as a
failure on every row.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import types
import typing
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from sendocs.errors import CaseDataError, Location, Problem, parse_field_text
from sendocs.models import Address, Case, Outcome, Provision

__all__ = [
    "DEFAULT_COLUMN_MAP_PATH",
    "ColumnMap",
    "FieldPath",
    "ListMap",
    "ValueKind",
    "default_column_map",
    "load_column_map",
    "parse_field_path",
]

DEFAULT_COLUMN_MAP_PATH = (
    Path(__file__).resolve().parent.parent / "data" / "default_column_map.yaml"
)

FieldPath = tuple[str | int, ...]
"""A case field path, 0-based: ``("parents", 0, "email")``."""


class ValueKind(StrEnum):
    """How a cell is turned into a case value, decided by the field's type in the model."""

    TEXT = "text"
    DATE = "date"
    NUMBER = "number"
    BOOL = "bool"
    TEXT_LIST = "text_list"
    OTHER = "other"  # enums, identifiers, addresses: passed to the model as text


_PATH_PART = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)((?:\[\d+\])*)$")


def parse_field_path(text: str) -> FieldPath:
    """``"parents[2].email"`` → ``("parents", 1, "email")`` (the map counts from 1)."""
    parts: list[str | int] = []
    for piece in text.strip().split("."):
        match = _PATH_PART.match(piece.strip())
        if not match:
            raise ValueError(f"{text!r} is not a field path like child.upn or parents[1].email")
        parts.append(match.group(1))
        for index in re.findall(r"\[(\d+)\]", match.group(2)):
            if int(index) < 1:
                raise ValueError(f"{text!r}: list positions count from 1")
            parts.append(int(index) - 1)
    return tuple(parts)


def _unwrap(annotation: Any) -> Any:
    """Strip ``Annotated``, ``Optional`` and unions with None down to the real type."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0] if len(args) == 1 else annotation
            if len(args) != 1:
                return annotation
        else:
            return annotation


def _kind_of(annotation: Any) -> ValueKind:
    annotation = _unwrap(annotation)
    if typing.get_origin(annotation) is list:
        (item,) = typing.get_args(annotation)
        return ValueKind.TEXT_LIST if _unwrap(item) is str else ValueKind.OTHER
    if annotation is dt.date:
        return ValueKind.DATE
    if annotation is bool:
        return ValueKind.BOOL
    if annotation in (int, Decimal, float):
        return ValueKind.NUMBER
    if annotation is str:
        return ValueKind.TEXT
    return ValueKind.OTHER


@cache
def value_kind(model: type[BaseModel], path: FieldPath) -> ValueKind:
    """The kind of value at ``path`` inside ``model``; ``KeyError`` naming the bad part."""
    annotation: Any = model
    for part in path:
        annotation = _unwrap(annotation)
        if isinstance(part, int):
            if typing.get_origin(annotation) is not list:
                raise KeyError(f"[{part + 1}] (not a list)")
            annotation = typing.get_args(annotation)[0]
            continue
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
            raise KeyError(part)
        info = annotation.model_fields.get(part)
        if info is None:
            close = difflib.get_close_matches(part, list(annotation.model_fields), n=1)
            raise KeyError(f"{part}" + (f" (did you mean {close[0]!r}?)" if close else ""))
        annotation = info.annotation
    unwrapped = _unwrap(annotation)
    is_group = isinstance(unwrapped, type) and issubclass(unwrapped, BaseModel)
    if is_group and unwrapped is not Address:  # an address may be written on one line
        raise KeyError(f"{path[-1]} (a group of fields: map its parts, e.g. {path[-1]}.name)")
    return _kind_of(annotation)


Headers = tuple[str, ...]


COMBINE_FIELD = re.compile(r"\{([^{}]+)\}")
"""A column named in a ``combine:`` pattern, e.g. ``{Contact 1 Surname}``."""


@dataclass(frozen=True)
class ListMap:
    """Outcomes or provision: their own sheet/file, and/or repeated columns."""

    model: type[BaseModel]
    sheet: str | None = None
    file: str | None = None
    key: str = "UPN"
    columns: dict[str, Headers] = field(default_factory=dict)
    repeated: dict[str, Headers] = field(default_factory=dict)


@dataclass(frozen=True)
class ColumnMap:
    """A validated column map; see ``default_column_map.yaml`` for every entry explained."""

    columns: dict[FieldPath, Headers]
    names: dict[FieldPath, str]
    required: tuple[FieldPath, ...] = ()
    pupils_sheet: str = "Pupils"
    outcomes: ListMap = field(default_factory=lambda: ListMap(Outcome))
    provision: ListMap = field(default_factory=lambda: ListMap(Provision))
    school: dict[str, Any] | None = None
    local_authority: dict[str, Any] | None = None
    combine: dict[str, str] = field(default_factory=dict)
    source: str = "(built-in column map)"

    def entry_name(self, path: FieldPath) -> str:
        """The map entry as the user wrote it, e.g. ``parents[1].email``."""
        return self.names.get(path, ".".join(str(p) for p in path))


def _headers(value: Any) -> Headers | None:
    if isinstance(value, str) and value.strip():
        return (value.strip(),)
    if isinstance(value, list) and value and all(isinstance(v, str) and v.strip() for v in value):
        return tuple(v.strip() for v in value)
    return None


def load_column_map(path: str | Path | None = None) -> ColumnMap:
    """Read and check a column map YAML; ``None`` reads the shipped default.

    Raises :class:`~sendocs.errors.CaseDataError` listing every bad entry.
    """
    source_path = Path(path) if path is not None else DEFAULT_COLUMN_MAP_PATH
    source = str(source_path)
    try:
        data = yaml.safe_load(source_path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise CaseDataError(f"{source}: column map not found") from None
    except UnicodeDecodeError:
        raise CaseDataError(f"{source}: not a text file (save it as UTF-8 YAML)") from None
    except OSError as exc:
        raise CaseDataError(f"{source}: cannot read the column map ({exc.strerror})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise CaseDataError(
            f"{source}: the column map is not valid YAML",
            [Problem(Location(file=source, line=mark.line + 1 if mark else None), str(exc))],
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("columns"), dict):
        raise CaseDataError(f"{source}: a column map needs a 'columns:' mapping of field: header")
    problems: list[Problem] = []

    def bad(where: str, message: str) -> None:
        problems.append(Problem(Location(file=source, field=parse_field_text(where)), message))

    columns: dict[FieldPath, Headers] = {}
    names: dict[FieldPath, str] = {}
    for name, value in data["columns"].items():
        where = f"columns.{name}"
        try:
            parsed = parse_field_path(str(name))
            value_kind(Case, parsed)
        except ValueError as exc:
            bad(where, str(exc))
            continue
        except KeyError as exc:
            bad(where, f"not a case field: {exc.args[0]}; see `sendocs schema`")
            continue
        if parsed[0] in ("school", "local_authority"):
            bad(where, "school-wide details go in the school settings file, not in columns")
            continue
        headers = _headers(value)
        if headers is None:
            bad(where, "give a column header, or a list of alternative headers")
            continue
        columns[parsed] = headers
        names[parsed] = str(name)

    required: list[FieldPath] = []
    for name in data.get("required") or []:
        try:
            parsed = parse_field_path(str(name))
        except ValueError as exc:
            bad("required", str(exc))
            continue
        if parsed not in columns:
            bad("required", f"{name!r} is required but has no entry under columns:")
            continue
        required.append(parsed)

    lists = {}
    for section, model in (("outcomes", Outcome), ("provision", Provision)):
        lists[section] = _load_list_map(data.get(section), section, model, bad)

    for block in ("school", "local_authority"):
        if data.get(block) is not None and not isinstance(data[block], dict):
            bad(block, "expected a mapping of fields")
    combine: dict[str, str] = {}
    raw_combine = data.get("combine") or {}
    if not isinstance(raw_combine, dict):
        bad("combine", 'expected new column: "{First header} {Second header}" lines')
    else:
        for header, pattern in raw_combine.items():
            if not isinstance(pattern, str) or not COMBINE_FIELD.search(pattern):
                bad(
                    f"combine.{header}",
                    "expected a pattern naming columns in braces, e.g. "
                    '"{Contact 1 Forename} {Contact 1 Surname}"',
                )
            else:
                combine[str(header)] = pattern
    if problems:
        raise CaseDataError(f"{source}: {len(problems)} problem(s) in the column map", problems)
    return ColumnMap(
        columns=columns,
        names=names,
        required=tuple(required),
        pupils_sheet=str(data.get("pupils_sheet") or "Pupils"),
        outcomes=lists["outcomes"],
        provision=lists["provision"],
        school=data.get("school"),
        local_authority=data.get("local_authority"),
        combine=combine,
        source=source,
    )


def _load_list_map(
    data: Any, section: str, model: type[BaseModel], bad: typing.Callable[[str, str], None]
) -> ListMap:
    if data is None:
        return ListMap(model)
    if not isinstance(data, dict):
        bad(section, "expected a mapping with sheet, file, key, columns and/or repeated")
        return ListMap(model)
    parts: dict[str, dict[str, Headers]] = {"columns": {}, "repeated": {}}
    for part in parts:
        entries = data.get(part) or {}
        if not isinstance(entries, dict):
            bad(f"{section}.{part}", "expected a mapping of field: header")
            continue
        for name, value in entries.items():
            where = f"{section}.{part}.{name}"
            if name not in model.model_fields:
                close = difflib.get_close_matches(str(name), list(model.model_fields), n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                bad(where, f"not a field of {model.__name__.lower()}{hint}")
                continue
            headers = _headers(value)
            if headers is None:
                bad(where, "give a column header, or a list of alternative headers")
                continue
            if part == "repeated" and not all("{n}" in h for h in headers):
                bad(where, "a repeated column header must contain {n}, e.g. 'Outcome {n}'")
                continue
            parts[part][str(name)] = headers
    return ListMap(
        model=model,
        sheet=data.get("sheet"),
        file=data.get("file"),
        key=str(data.get("key") or "UPN"),
        columns=parts["columns"],
        repeated=parts["repeated"],
    )


@cache
def default_column_map() -> ColumnMap:
    """The shipped column map (SIMS/Arbor-style headers)."""
    return load_column_map(None)

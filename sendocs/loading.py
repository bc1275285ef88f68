"""Reading case files (YAML or JSON) into :class:`~sendocs.models.Case`.

Pydantic reports errors as field paths; a SENCO needs the line in the file.
We compose the YAML node tree once, record where every key and list item
starts, and translate each pydantic error back into ``file:line:column``
with the field path written the way the user wrote it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import json
import re
import typing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from sendocs.errors import CaseDataError, Location, Problem
from sendocs.models import Case, check_case
from sendocs.models.citations import citation_warnings

__all__ = [
    "CASE_SUFFIXES",
    "FieldLocations",
    "LoadedCase",
    "find_case_files",
    "load_case",
    "load_cases",
    "parse_case_data",
    "parse_yaml",
    "problems_from_validation_error",
]

CASE_SUFFIXES = (".yaml", ".yml", ".json")

PathKey = tuple[str | int, ...]


@dataclass
class LoadedCase:
    """A validated case with where it came from and its warnings."""

    case: Case
    source: str
    warnings: list[Problem] = field(default_factory=list)


class FieldLocations:
    """Maps field paths to (line, column), both 1-based."""

    def __init__(self, marks: dict[PathKey, tuple[int, int]] | None = None) -> None:
        self.marks = marks or {}

    def find(self, path: PathKey) -> tuple[int | None, int | None]:
        """Location of the deepest part of ``path`` that the file contains.

        A missing field is reported at its parent mapping, which is where the
        user has to add it.
        """
        for end in range(len(path), -1, -1):
            mark = self.marks.get(tuple(path[:end]))
            if mark:
                return mark
        return None, None


def _walk(node: yaml.Node, path: PathKey, marks: dict[PathKey, tuple[int, int]]) -> None:
    marks.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
            child = (*path, key)
            marks[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            _walk(value_node, child, marks)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), marks)


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe loader with YAML 1.2 scalars that refuses duplicate keys.

    PyYAML follows YAML 1.1, where ``no`` is ``False``, ``10:30`` is the number
    630 and ``2016-13-01`` crashes the date parser. Case files are typed by
    people, so only ``true``/``false``, plain decimal numbers and null are
    resolved; dates stay text and are parsed by the model, which reports an
    impossible date against its field and line.
    """

    yaml_implicit_resolvers: dict[str, list[tuple[str, re.Pattern[str]]]] = {}  # noqa: RUF012


for _first, _tag, _pattern in (
    ("tTfF", "tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$"),
    ("-+0123456789", "tag:yaml.org,2002:int", r"^[-+]?(?:0|[1-9][0-9]*)$"),
    (
        "-+0123456789.",
        "tag:yaml.org,2002:float",
        r"^[-+]?(?:(?:0|[1-9][0-9]*)\.[0-9]+(?:[eE][-+]?[0-9]+)?|\.(?:inf|Inf|INF))$",
    ),
    ("~nN", "tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL)$"),
):
    _UniqueKeyLoader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))
_UniqueKeyLoader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^$"), [""])


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: dict[Any, yaml.Node] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"duplicate key {key!r} (first at line {seen[key].start_mark.line + 1})",
                key_node.start_mark,
            )
        seen[key] = key_node
    loader.flatten_mapping(node)
    return dict(loader.construct_pairs(node))


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,
)


def parse_yaml(text: str, source: str) -> tuple[Any, FieldLocations]:
    """Parse YAML text (YAML 1.2 scalars, no duplicate keys) and where each field is.

    Raises :class:`CaseDataError` with the line and column of a syntax error.
    """
    try:
        loader = _UniqueKeyLoader(text)
    except yaml.reader.ReaderError as exc:  # a control character, found before parsing
        bad_line = text.count("\n", 0, exc.position) + 1
        raise CaseDataError(
            f"{source}: this is not valid YAML",
            [
                Problem(
                    Location(file=source, line=bad_line),
                    f"it contains a control character (#x{exc.character:04x}); delete it"
                    if isinstance(exc.character, int)
                    else "it contains a character that is not text; delete it",
                )
            ],
        ) from None
    try:
        node = loader.get_single_node()
        if node is None:
            return None, FieldLocations()
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        reason = exc.problem or str(exc)
        if "block" in reason or "indentation" in reason:
            reason = (
                "the indentation is inconsistent here: each field must line up with the "
                "fields beside it, using spaces, not tabs"
            )
        elif "tab" in reason:
            reason = "a tab character is used for indentation; use spaces"
        elif exc.context and "duplicate" not in reason:
            reason = f"{exc.context}: {reason}"
        raise CaseDataError(
            f"{source}: this is not valid YAML",
            [Problem(Location(file=source, line=line, column=column), reason)],
        ) from None
    except yaml.YAMLError as exc:
        raise CaseDataError(f"{source}: this is not valid YAML: {exc}") from None
    finally:
        loader.dispose()
    marks: dict[PathKey, tuple[int, int]] = {}
    _walk(node, (), marks)
    return data, FieldLocations(marks)


def _parse_json(text: str, source: str) -> tuple[Any, FieldLocations]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CaseDataError(
            f"{source}: this is not valid JSON",
            [Problem(Location(file=source, line=exc.lineno, column=exc.colno), exc.msg)],
        ) from None
    # JSON is (almost always) YAML too: reuse the YAML composer for line numbers.
    try:
        _, locations = parse_yaml(text, source)
    except CaseDataError:
        locations = FieldLocations()
    return data, locations


def _describe(error: ErrorDetails) -> str:
    """A pydantic error message reworded for people who do not read Python."""
    kind = error["type"]
    message: str = error["msg"]
    given = error.get("input")
    if kind == "missing":
        return "this field is required but missing"
    if kind == "extra_forbidden":
        name = str(error["loc"][-1]) if error["loc"] else ""
        close = difflib.get_close_matches(name, _all_field_names(), n=1, cutoff=0.75)
        hint = f"did you mean {close[0]!r}?" if close else "see `sendocs schema` for the fields"
        return f"unknown field {name!r} ({hint})"
    if kind.startswith("date") or kind == "date_from_datetime_parsing":
        return f"expected a date written as YYYY-MM-DD, got {given!r}"
    if kind == "enum":
        expected = error.get("ctx", {}).get("expected", "")
        return f"{given!r} is not allowed; expected one of {expected}"
    if kind == "value_error":
        return message.removeprefix("Value error, ")
    if kind == "string_pattern_mismatch" and isinstance(given, str) and "@" not in given:
        return f"{given!r} does not look like an email address"
    if kind in ("string_type", "int_type", "int_parsing", "decimal_parsing", "bool_type"):
        return f"{message.lower()}, got {given!r}"
    return message[0].lower() + message[1:] if message else kind


@functools.cache
def _all_field_names() -> list[str]:
    """Every field name anywhere in the case model, for spelling suggestions."""
    names: set[str] = set()

    def visit(model: type[BaseModel]) -> None:
        for name, info in model.model_fields.items():
            if name in names:
                continue
            names.add(name)
            for arg in _model_args(info.annotation):
                visit(arg)

    visit(Case)
    return sorted(names)


def _model_args(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in typing.get_args(annotation):
        yield from _model_args(arg)


def _clean_loc(loc: tuple[Any, ...]) -> PathKey:
    """Drop pydantic's validator names (e.g. 'function-after[...]') from a location."""
    return tuple(p for p in loc if isinstance(p, int) or not ("[" in p and "]" in p))


def problems_from_validation_error(
    exc: ValidationError, source: str, locations: FieldLocations | None = None
) -> list[Problem]:
    """Turn pydantic's errors into located problems, one per error, in file order."""
    locations = locations or FieldLocations()
    problems: list[Problem] = []
    for error in exc.errors(include_url=False):
        path = _clean_loc(tuple(error["loc"]))
        line, column = locations.find(path)
        problems.append(
            Problem(
                Location(file=source, line=line, column=column, field=path),
                _describe(error),
            )
        )
    problems.sort(key=lambda p: (p.location.line or 0, p.location.column or 0))
    return problems


def parse_case_data(
    data: Any, source: str, locations: FieldLocations | None = None, today: dt.date | None = None
) -> LoadedCase:
    """Validate already-parsed data (a dict) as a case, with located errors and warnings."""
    if not isinstance(data, dict):
        raise CaseDataError(
            f"{source}: a case file must be a mapping of fields (child:, school:, …), "
            f"not {type(data).__name__}"
        )
    try:
        case = Case.model_validate(data)
    except ValidationError as exc:
        problems = problems_from_validation_error(exc, source, locations)
        count = len(problems)
        raise CaseDataError(
            f"{source}: {count} problem{'s' if count != 1 else ''} in the case data", problems
        ) from None
    locations = locations or FieldLocations()
    warnings = []
    for warning in [*check_case(case, today=today), *citation_warnings(case)]:
        line, column = locations.find(warning.path)
        warnings.append(
            Problem(
                Location(file=source, line=line, column=column, field=tuple(warning.path)),
                warning.message,
                severity="warning",
            )
        )
    return LoadedCase(case=case, source=source, warnings=warnings)


def load_case(path: str | Path, today: dt.date | None = None) -> LoadedCase:
    """Read and validate one YAML or JSON case file.

    Raises :class:`~sendocs.errors.CaseDataError` listing every problem with
    its line, column and field.
    """
    path = Path(path)
    source = str(path)
    if not path.exists():
        raise CaseDataError(f"{source}: no such file")
    if path.is_dir():
        raise CaseDataError(f"{source}: is a folder; give a case file (.yaml, .yml or .json)")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CaseDataError(
            f"{source}: not UTF-8 text (byte {exc.start}); save the file as UTF-8"
        ) from None
    except OSError as exc:
        raise CaseDataError(f"{source}: cannot be read ({exc.strerror})") from None
    if path.suffix.lower() == ".json":
        data, locations = _parse_json(text, source)
    elif path.suffix.lower() in (".yaml", ".yml"):
        data, locations = parse_yaml(text, source)
    else:
        raise CaseDataError(
            f"{source}: unknown file type {path.suffix!r}; case files are .yaml, .yml or .json"
        )
    if data is None:
        raise CaseDataError(f"{source}: the file is empty")
    loaded = parse_case_data(data, source, locations, today=today)
    _resolve_evidence_paths(loaded.case, path.parent)
    return loaded


def _resolve_evidence_paths(case: Case, base: Path) -> None:
    """Evidence paths in a case file are relative to the file, wherever it is run from."""
    for doc in case.evidence:
        if doc.path is not None and not doc.path.is_absolute():
            object.__setattr__(doc, "path", (base / doc.path).resolve())


def find_case_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Expand folders into the case files they contain (sorted), keep files as given."""
    for given in paths:
        p = Path(given)
        if p.is_dir():
            yield from sorted(
                f for f in p.iterdir() if f.suffix.lower() in CASE_SUFFIXES and f.is_file()
            )
        else:
            yield p


def load_cases(paths: Iterable[str | Path], today: dt.date | None = None) -> list[LoadedCase]:
    """Load several case files; raises on the first bad one (batches handle errors per row)."""
    return [load_case(p, today=today) for p in find_case_files(paths)]

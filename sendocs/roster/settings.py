"""School settings: the details an MIS pupil export does not carry on every row.

A roster row is one pupil; the school, its SENCO and the local authority are
the same for all of them, so they live in one small YAML file::

    school:
      name: Brookfield Primary School
      senco: {name: Mr Tom Reid, email: senco@brookfield.example.sch.uk}
    local_authority:
      name: Anyshire County Council
    defaults:                       # optional: values for blank cells
      parents[1].relationship: Parent

They are checked once, when the file is read, so a mistake is reported once
with its line rather than on every pupil's row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from sendocs.errors import CaseDataError, Location, Problem
from sendocs.loading import parse_yaml, problems_from_validation_error
from sendocs.models import Case, LocalAuthority, School
from sendocs.roster.column_map import ColumnMap, FieldPath, parse_field_path, value_kind

__all__ = [
    "SchoolSettings",
    "find_school_settings",
    "load_school_settings",
    "settings_from_column_map",
]

SETTINGS_FILE_NAME = "school.yaml"


def find_school_settings(roster: str | Path) -> Path | None:
    """The ``school.yaml`` beside a roster, if there is one (used when none is given)."""
    candidate = Path(roster).parent / SETTINGS_FILE_NAME
    return candidate if candidate.is_file() else None


@dataclass(frozen=True)
class SchoolSettings:
    """School-wide case data (as plain dicts, merged into every row) and defaults."""

    school: dict[str, Any]
    local_authority: dict[str, Any]
    defaults: dict[FieldPath, tuple[str, Any]] = field(default_factory=dict)
    source: str = ""


def _check(
    model: type[BaseModel], data: Any, key: str, source: str, locations: Any
) -> list[Problem]:
    if not isinstance(data, dict):
        return [Problem(Location(file=source, field=(key,)), f"expected the {key} details here")]
    try:
        model.model_validate(data)
    except ValidationError as exc:
        problems = problems_from_validation_error(exc, source, locations)
        # the errors' paths are relative to the block: put the block name in front
        return [
            Problem(
                Location(
                    file=p.location.file,
                    line=p.location.line,
                    column=p.location.column,
                    field=(key, *(p.location.field or ())),
                ),
                p.message,
            )
            for p in problems
        ]
    return []


class _Prefixed:
    """Look up YAML line numbers for paths inside one block of the file."""

    def __init__(self, locations: Any, prefix: str) -> None:
        self.locations = locations
        self.prefix = prefix

    def find(self, path: tuple[str | int, ...]) -> tuple[int | None, int | None]:
        result: tuple[int | None, int | None] = self.locations.find((self.prefix, *path))
        return result


def load_school_settings(path: str | Path) -> SchoolSettings:
    """Read and check a school settings YAML (``school:``, ``local_authority:``, ``defaults:``)."""
    path = Path(path)
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CaseDataError(f"{source}: school settings file not found") from None
    except UnicodeDecodeError:
        raise CaseDataError(f"{source}: not a text file (save it as UTF-8 YAML)") from None
    except OSError as exc:
        raise CaseDataError(f"{source}: cannot be read ({exc.strerror})") from None
    data, locations = parse_yaml(text, source)
    if not isinstance(data, dict):
        raise CaseDataError(f"{source}: expected school: and local_authority: sections")
    problems: list[Problem] = []
    for key, model in (("school", School), ("local_authority", LocalAuthority)):
        problems += _check(model, data.get(key), key, source, _Prefixed(locations, key))
    defaults = _parse_defaults(data.get("defaults") or {}, source, problems)
    if problems:
        raise CaseDataError(
            f"{source}: {len(problems)} problem(s) in the school settings", problems
        )
    return SchoolSettings(data["school"], data["local_authority"], defaults, source)


def _parse_defaults(
    raw: Any, source: str, problems: list[Problem]
) -> dict[FieldPath, tuple[str, Any]]:
    defaults: dict[FieldPath, tuple[str, Any]] = {}
    if not isinstance(raw, dict):
        problems.append(
            Problem(Location(file=source, field=("defaults",)), "expected field: value")
        )
        return defaults
    for name, value in raw.items():
        try:
            parsed = parse_field_path(str(name))
            value_kind(Case, parsed)
        except (ValueError, KeyError) as exc:
            problems.append(
                Problem(
                    Location(file=source, field=("defaults", str(name))), f"not a case field: {exc}"
                )
            )
            continue
        defaults[parsed] = (str(name), value)
    return defaults


def settings_from_column_map(column_map: ColumnMap) -> SchoolSettings | None:
    """School details written into the column map itself, if it has both blocks."""
    if column_map.school is None or column_map.local_authority is None:
        return None
    problems = _check(School, column_map.school, "school", column_map.source, None)
    problems += _check(
        LocalAuthority, column_map.local_authority, "local_authority", column_map.source, None
    )
    if problems:
        raise CaseDataError(f"{column_map.source}: problems in the school details", problems)
    return SchoolSettings(column_map.school, column_map.local_authority, {}, column_map.source)

"""Questions on a page: how each is shown, read back and checked.

A :class:`Field` names where its answer lives in the case data (a path into
the same dictionary a case YAML file holds), so a page edits the case file
directly and an uploaded case file fills the pages in. Messages follow the
GOV.UK Design System's error message patterns ("Enter …", "… must be a real
date").
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

__all__ = ["Field", "Option", "Path", "get_path", "parse_fields", "set_path", "show_value"]

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    hint: str = ""


@dataclass(frozen=True)
class Field:
    """One question. ``required`` is the message when it is left blank."""

    id: str
    label: str
    path: Path
    kind: str = "text"  # text, textarea, date, radios, checkbox, select, number, email, tel
    required: str = ""
    hint: str = ""
    options: tuple[Option, ...] = ()
    width: str = ""
    autocomplete: str = ""
    rows: int = 5
    accept: str = ""
    inline: bool = False
    integer: bool = False
    minimum: float | None = None
    maximum: float | None = None
    lines: bool = False  # a textarea whose lines become a list
    summary_label: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)


def get_path(data: Any, path: Path) -> Any:
    for key in path:
        if isinstance(key, int):
            if not isinstance(data, list) or not data or key >= len(data) or key < -len(data):
                return None
            data = data[key]
        else:
            if not isinstance(data, dict):
                return None
            data = data.get(key)
    return data


def set_path(data: dict[str, Any], path: Path, value: Any) -> None:
    """Set ``value`` at ``path``, making dictionaries (and a list's one element) on the way.

    ``None`` removes the key, so a blank optional answer leaves no empty field.
    """
    target: Any = data
    for key, nxt in itertools.pairwise(path):
        empty: Any = [] if isinstance(nxt, int) else {}
        if isinstance(key, int):
            if not target:
                target.append(empty)
            target = target[key]
        else:
            if not isinstance(target.get(key), type(empty)):
                target[key] = empty
            target = target[key]
    last = path[-1]
    if isinstance(last, int) and value is None:
        if -len(target) <= last < len(target):
            del target[last]  # a blank optional date in a list leaves no null behind
    elif isinstance(last, int):
        if last == len(target):  # the list's first (or next) element
            target.append(value)
        else:
            target[last] = value
    elif value is None:
        target.pop(last, None)
    else:
        target[last] = value


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def form_value(f: Field, stored: Any) -> Any:
    """What an input shows for a stored answer."""
    if f.kind == "date":
        day = _as_date(stored)
        return {"day": day.day, "month": day.month, "year": day.year} if day else {}
    if f.kind == "checkbox":
        return bool(stored)
    if f.lines and isinstance(stored, list):
        return "\n".join(str(x) for x in stored)
    if f.kind == "textarea" and isinstance(stored, dict) and "lines" in stored:
        postcode = [stored["postcode"]] if stored.get("postcode") else []
        return "\n".join([*stored.get("lines", []), *postcode])
    if stored is None:
        return ""
    if f.path and f.path[-1] == "year_group" and stored == 0:
        return "R"
    return str(stored)


def show_value(f: Field, stored: Any) -> str:
    """An answer as the check-your-answers page shows it."""
    if stored in (None, "", [], {}):
        return "Not given"
    if f.kind == "date":
        day = _as_date(stored)
        return f"{day.day} {day:%B %Y}" if day else str(stored)
    if f.kind in ("radios", "select"):
        for option in f.options:
            if option.value == str(stored):
                return option.label
    if f.kind == "checkbox":
        return "Yes" if stored else "No"
    return form_value(f, stored)  # type: ignore[no-any-return]


def _read_date(f: Field, form: Mapping[str, str]) -> tuple[Any, Any, str]:
    parts = {p: form.get(f"{f.id}-{p}", "").strip() for p in ("day", "month", "year")}
    shown = parts
    if not any(parts.values()):
        return None, shown, f.required
    missing = [p for p, v in parts.items() if not v]
    if missing:
        return None, shown, f"{f.label.rstrip('?')} must include a {' and '.join(missing)}"
    try:
        day = dt.date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
    except ValueError:
        return None, shown, f"{f.label.rstrip('?')} must be a real date"
    if not 1900 <= day.year <= 2100:
        return None, shown, f"{f.label.rstrip('?')} must be a real date, with a 4-digit year"
    return day, shown, ""


def _read_number(f: Field, text: str) -> tuple[Any, str]:
    try:
        number = Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None, f"{f.label.rstrip('?')} must be a number"
    if f.integer and number != number.to_integral_value():
        return None, f"{f.label.rstrip('?')} must be a whole number"
    if f.minimum is not None and number < Decimal(str(f.minimum)):
        return None, f"{f.label.rstrip('?')} must be {f.minimum:g} or more"
    if f.maximum is not None and number > Decimal(str(f.maximum)):
        return None, f"{f.label.rstrip('?')} must be {f.maximum:g} or less"
    return (int(number) if number == number.to_integral_value() else float(number)), ""


def parse_fields(
    fields: Sequence[Field], form: Mapping[str, str]
) -> tuple[dict[str, Any], dict[str, Any], dict[str, str]]:
    """Read ``fields`` from a posted form: (values by id, values to re-show, errors by id)."""
    values: dict[str, Any] = {}
    shown: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for f in fields:
        if f.kind == "date":
            value, shown[f.id], error = _read_date(f, form)
        elif f.kind == "checkbox":
            value = shown[f.id] = bool(form.get(f.id))
            error = ""
        else:
            text = form.get(f.id, "").replace("\r\n", "\n").strip()
            shown[f.id] = text
            value, error = (text or None), ("" if text else f.required)
            if text and f.kind in ("radios", "select") and text not in {o.value for o in f.options}:
                value, error = None, f.required or f"Select {f.label.lower()}"
            elif text and f.kind == "number":
                value, error = _read_number(f, text)
            elif text and f.lines:
                value = [line.strip() for line in text.split("\n") if line.strip()]
        if error:
            errors[f.id if f.kind != "date" else f"{f.id}-day"] = error
        values[f.id] = value
    return values, shown, errors

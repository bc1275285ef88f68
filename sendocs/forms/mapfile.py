"""Form maps: which case value goes into which field of a PDF form.

A map is a YAML file of ``"field name": expression`` lines, written once per
local-authority form and reused for every child::

    "Child surname": child.legal_surname
    "Date of birth": child.date_of_birth | date('short')
    "Consent EP": true
    "Notes":
      value: case.current_cycle.parent_views
      label: Parent's views        # shown on a continuation sheet
    "Consent statement":
      value: "'I agree to ...'"
      lock: true                   # read-only once filled (/Ff bit 1)
    "Pupil number":
      value: child.upn or ''
      hide_if_empty: true          # no empty box when the case has no number
    "Tick 1":
      value: "False"
      tooltip: "'I agree to the school sharing information with ' ~ services.service_1"

``tooltip`` is an expression like ``value``: the field's description (/TU), which
screen readers announce, written at fill time so it can name what the row holds.
``lock: true`` makes a field read-only once filled, so printed wording nobody should
retype (the consent sentence, the service a tick applies to) cannot be changed.
``hide_if_empty: true`` hides the field (widget flag /F bit 2) when its value comes out
empty, so a box the case has nothing for (a pupil number not known) is not left for the
family to think they must fill.

An empty expression (``""``) or ``null`` leaves the field as it is. Every
entry remembers its line so an error can point at it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from sendocs.errors import FormError
from sendocs.forms.fields import FieldKind, FormField
from sendocs.forms.guesses import guess_expression

__all__ = ["FormMap", "MapEntry", "load_map", "parse_map", "starter_map"]


@dataclass(frozen=True)
class MapEntry:
    """One line of a map: a field, what to put in it, and where the line is."""

    field: str
    expression: Any  # a str expression, or a YAML literal (true, 3, …); None = leave as is
    line: int
    label: str | None = None
    tooltip: str | None = None  # an expression for the field's /TU, evaluated at fill time
    lock: bool = False  # read-only once filled
    hide_if_empty: bool = False  # hidden (/F bit 2) when the value comes out empty

    def where(self, source: str) -> str:
        return f'{source}:{self.line}: "{self.field}"'


@dataclass(frozen=True)
class FormMap:
    """A parsed map file."""

    source: str
    entries: tuple[MapEntry, ...]


def load_map(path: str | Path) -> FormMap:
    """Read a map file; YAML errors and wrong shapes name the file and line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FormError(f"{path}: no such map file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise FormError(f"{path}: cannot read the map file ({exc})") from None
    return parse_map(text, str(path))


def parse_map(text: str, source: str = "<map>") -> FormMap:
    """Parse map YAML text; ``source`` names it in errors."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{source}:{mark.line + 1}" if mark is not None else source
        problem = getattr(exc, "problem", None) or str(exc)
        raise FormError(f"{where}: not valid YAML ({problem})") from None
    if node is None:
        return FormMap(source, ())
    if not isinstance(node, yaml.MappingNode):
        raise FormError(
            f'{source}:{node.start_mark.line + 1}: a map must be lines of "field name": expression'
        )
    entries: list[MapEntry] = []
    seen: dict[str, int] = {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1
        if not isinstance(key_node, yaml.ScalarNode):
            raise FormError(f"{source}:{line}: a field name must be plain text")
        name = str(key_node.value)
        if name in seen:
            raise FormError(
                f'{source}:{line}: "{name}" is mapped twice (also on line {seen[name]})'
            )
        seen[name] = line
        value = yaml.safe_load(yaml.serialize(value_node))
        label: str | None = None
        tooltip: str | None = None
        lock = False
        hide_if_empty = False
        if isinstance(value, dict):
            unknown = set(value) - {"value", "label", "tooltip", "lock", "hide_if_empty"}
            if unknown or "value" not in value:
                raise FormError(
                    f'{source}:{line}: "{name}": a detailed entry has "value" and optionally '
                    f'"label", "tooltip", "lock" and "hide_if_empty" '
                    f"(found {', '.join(sorted(map(str, value)))})"
                )
            label = None if value.get("label") is None else str(value["label"])
            tooltip = None if value.get("tooltip") is None else str(value["tooltip"])
            if not isinstance(value.get("lock", False), bool):
                raise FormError(f'{source}:{line}: "{name}": "lock" is true or false')
            lock = bool(value.get("lock", False))
            if not isinstance(value.get("hide_if_empty", False), bool):
                raise FormError(f'{source}:{line}: "{name}": "hide_if_empty" is true or false')
            hide_if_empty = bool(value.get("hide_if_empty", False))
            value = value["value"]
        if isinstance(value, dict) or (
            isinstance(value, list) and not all(isinstance(v, str) for v in value)
        ):
            raise FormError(
                f'{source}:{line}: "{name}": give an expression, true/false, or a list of '
                "option names"
            )
        if isinstance(value, str) and not value.strip():
            value = None
        entries.append(MapEntry(name, value, line, label, tooltip, lock, hide_if_empty))
    return FormMap(source, tuple(entries))


def starter_map(fields: Sequence[FormField], form_name: str) -> str:
    """A map for the user to complete: every field, a hint, and a guess where we can make one."""
    lines = [
        f"# sendocs form map for {form_name}",
        '# Each line is  "field name": expression  over the case. Names you can use:',
        "#   child, parent (the first parent with parental responsibility), parents, school,",
        "#   la (the local authority), case, today.",
        "# Filters: date('short') 09/02/2014, date('long') 9 February 2014, money, join_list.",
        '# Text made of several parts: "{{ child.legal_forename }} {{ child.legal_surname }}"',
        "# Checkboxes and radio buttons take true/false or one of the export values listed.",
        '# "" leaves a field as it is. Lines marked GUESS were filled in from the field name:',
        "# check each one. Delete the lines you do not need.",
        "",
    ]
    for f in fields:
        if f.kind is FieldKind.BUTTON:
            continue
        lines.append(f"# {_hint(f)}")
        guess = guess_expression(f)
        if guess is not None:
            lines[-1] += "  GUESS"
        expression = guess if guess is not None else ""
        lines.append(f"{json.dumps(f.name, ensure_ascii=False)}: {json.dumps(expression)}")
        lines.append("")
    return "\n".join(lines)


def _hint(f: FormField) -> str:
    parts = [str(f.kind)]
    if f.label and f.label != f.name:
        parts.append(f'"{" ".join(f.label.split())}"')
    if f.pages:
        parts.append("page " + ", ".join(map(str, f.pages)))
    box = f.smallest_box
    if box is not None and f.kind is FieldKind.TEXT:
        shape = "multi-line" if f.multiline else "one line"
        parts.append(f"box {box.width:.0f} x {box.height:.0f} pt, {shape}")
    if f.max_length:
        parts.append(f"at most {f.max_length} characters")
    if f.exports:
        either = " (or true/false)" if f.kind is FieldKind.CHECKBOX else ""
        parts.append("export values: " + ", ".join(f.exports) + either)
    if f.options:
        parts.append("options: " + ", ".join(o.export for o in f.options))
    if f.kind is FieldKind.SIGNATURE:
        parts.append("leave empty: sign by hand")
    return "; ".join(parts)

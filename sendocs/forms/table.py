"""The field list as a table a person can read in a terminal."""

from __future__ import annotations

from collections.abc import Sequence

from sendocs.forms.fields import FieldKind, FormField

__all__ = ["field_details", "fields_table"]

_MAX_VALUE = 28


def field_details(f: FormField) -> str:
    """Export values, options, limits and label of a field, in one line."""
    parts: list[str] = []
    if f.exports:
        parts.append("exports: " + ", ".join(f"/{e}" for e in f.exports))
    if f.options:
        parts.append(
            "options: "
            + ", ".join(
                o.export if o.export == o.display else f"{o.export} ({o.display})"
                for o in f.options
            )
        )
    if f.kind is FieldKind.TEXT:
        parts.append(f"font {f.font_size:g} pt" if f.font_size else "font auto")
        if f.multiline:
            parts.append("multi-line")
    if f.max_length is not None:
        parts.append(f"max {f.max_length} chars")
    if f.comb:
        parts.append("comb")
    if f.multi_select:
        parts.append("multi-select")
    if f.editable:
        parts.append("editable")
    if f.read_only:
        parts.append("read-only")
    if f.label and f.label != f.name:
        parts.append(f'label "{" ".join(f.label.split())}"')
    return "; ".join(parts)


def _value(f: FormField) -> str:
    value = f.value
    if value is None:
        return ""
    text = ", ".join(value) if isinstance(value, list) else value
    text = " ".join(text.split())
    return text if len(text) <= _MAX_VALUE else text[: _MAX_VALUE - 1] + "…"


def _box(f: FormField) -> str:
    box = f.smallest_box
    return f"{box.width:.0f} x {box.height:.0f}" if box else ""


def fields_table(fields: Sequence[FormField]) -> str:
    """Name, type, page, box size (points), current value and details of every field."""
    header = ("Field", "Type", "Page", "Box (pt)", "Value", "Details")
    rows = [
        (
            f.name,
            str(f.kind),
            ",".join(map(str, f.pages)) or "-",
            _box(f),
            _value(f),
            field_details(f),
        )
        for f in fields
    ]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header) - 1)]
    lines = []
    for row in [header, *rows]:
        cells = [cell.ljust(widths[i]) for i, cell in enumerate(row[:-1])]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
        if row is header:
            lines.append("  ".join("-" * w for w in widths) + "  " + "-" * 7)
    lines.append(f"{len(fields)} field{'s' if len(fields) != 1 else ''}")
    return "\n".join(lines)

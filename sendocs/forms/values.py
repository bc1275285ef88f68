"""Turning a map's value into what a field can hold, or a clear refusal.

pypdf sets a checkbox to /Off when given anything but the widget's own
export name, so "Yes" into a box whose on-state is /On, /1 or /Ja would be
silently lost. Here true/false/yes/no become the field's real export name,
an export name is accepted as written (with or without its slash), and
anything else is an error listing what the field accepts. Choice fields
accept one of their options, by stored value or by the text shown.
"""

from __future__ import annotations

from typing import Any

from sendocs.errors import FormError
from sendocs.formatting import DEFAULT_LOCALE
from sendocs.forms.expressions import to_text
from sendocs.forms.fields import FieldKind, FormField

__all__ = ["OFF", "coerce_value"]

OFF = "Off"
_TRUE = {"true", "yes", "y", "on", "x", "✓", "✔", "checked", "ticked"}
_FALSE = {"false", "no", "n", "off", "", "unchecked", "unticked", "none"}


def coerce_value(
    field: FormField, value: Any, locale: str = DEFAULT_LOCALE
) -> str | list[str] | None:
    """The value to store in ``field``: text, an export name (without slash), ``"Off"``,
    a list of options for a multi-select list, or None to leave the field as it is."""
    if field.kind is FieldKind.TEXT:
        return to_text(value, locale)
    if field.kind in (FieldKind.CHECKBOX, FieldKind.RADIO):
        return _button_state(field, value)
    if field.kind in (FieldKind.CHOICE, FieldKind.LIST):
        return _choice(field, value, locale)
    if field.kind is FieldKind.SIGNATURE:
        raise FormError(
            f'"{field.name}" is a signature field: it cannot be filled from case data; '
            "leave it out of the map and sign the printed or digital form"
        )
    raise FormError(f'"{field.name}" is a push button: it holds no value; leave it out of the map')


def _allowed_buttons(field: FormField) -> str:
    words = ", ".join(field.exports) or "(none: the form gives this field no on-state)"
    if field.kind is FieldKind.CHECKBOX and len(field.exports) == 1:
        words += ", or true/false (yes/no)"
    elif field.kind is FieldKind.RADIO:
        words += ", or false (no) for none"
    return words


def _button_state(field: FormField, value: Any) -> str:
    if value is None:
        return OFF
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, (int, str)):
        text = str(value).strip()
    else:
        raise FormError(
            f'"{field.name}" is a {field.kind}: {value!r} is not allowed; use '
            f"{_allowed_buttons(field)}"
        )
    bare = text.removeprefix("/")
    if bare in field.exports:
        return bare
    folded = [e for e in field.exports if e.casefold() == bare.casefold()]
    if len(folded) == 1:
        return folded[0]
    word = bare.casefold()
    if isinstance(value, int) and not isinstance(value, bool):
        word = "true" if value else "false"
    if word in _FALSE or word == "0":
        return OFF
    if (
        (word in _TRUE or word == "1")
        and len(field.exports) == 1
        and (field.kind is FieldKind.CHECKBOX)
    ):
        return field.exports[0]
    raise FormError(
        f'"{field.name}" is a {field.kind}: {text!r} is not one of its values; use '
        f"{_allowed_buttons(field)}"
    )


def _choice(field: FormField, value: Any, locale: str) -> str | list[str] | None:
    if value is None:
        return None
    if isinstance(value, (list, tuple)) and field.multi_select:
        picked = [_one_option(field, to_text(v, locale)) for v in value]
        return picked or None
    text = to_text(value, locale).strip()
    if not text:
        return None
    return _one_option(field, text)


def _one_option(field: FormField, text: str) -> str:
    for matches in (
        lambda o: o.export == text or o.display == text,
        lambda o: text.casefold() in (o.export.casefold(), o.display.casefold()),
    ):
        found = [o for o in field.options if matches(o)]
        if found:
            return found[0].export
    if field.editable:
        return text
    shown = ", ".join(
        o.export if o.export == o.display else f"{o.export} ({o.display})" for o in field.options
    )
    raise FormError(
        f'"{field.name}" is a {field.kind} field: {text!r} is not one of its options: '
        f"{shown or '(the form lists none)'}"
    )

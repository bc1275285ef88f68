"""What a fillable PDF form asks for: its fields, their kinds, values and boxes.

pypdf's ``get_fields()`` gives names and values but not where a field sits,
how big its box is, or which export name turns a checkbox on. Filling a form
correctly needs all of those (a checkbox set to anything but its own export
name silently stays empty; a value longer than its box is silently cut), so
we walk the AcroForm field tree ourselves and keep every widget.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from pypdf import PageObject
from pypdf.generic import ArrayObject, DictionaryObject, NameObject

__all__ = ["ChoiceOption", "FieldKind", "FormField", "Widget", "read_fields"]

# Field flag bits (PDF 32000-1, tables 226, 228, 230).
FF_READ_ONLY = 1 << 0
FF_MULTILINE = 1 << 12
FF_PASSWORD = 1 << 13
FF_NO_TOGGLE_TO_OFF = 1 << 14
FF_RADIO = 1 << 15
FF_PUSHBUTTON = 1 << 16
FF_COMBO = 1 << 17
FF_EDIT = 1 << 18
FF_MULTI_SELECT = 1 << 21
FF_COMB = 1 << 24

DEFAULT_FONT_SIZE = 10.0
"""What we assume when a field's /DA says "auto size" (0) or gives nothing."""


class FieldKind(StrEnum):
    """The kinds of field a form can hold, in the words the table prints."""

    TEXT = "text"
    CHECKBOX = "checkbox"
    RADIO = "radio"
    CHOICE = "choice"  # a drop-down (combo box)
    LIST = "list"  # a list box
    SIGNATURE = "signature"
    BUTTON = "button"  # a push button: nothing to fill

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class ChoiceOption:
    """One option of a choice or list field: the value stored and the text shown."""

    export: str
    display: str


@dataclass(frozen=True)
class Widget:
    """One place on a page where a field appears (a field may appear several times)."""

    page: int  # 1-based; 0 if the widget is on no page
    rect: tuple[float, float, float, float]
    export: str | None = None  # a checkbox / radio button's on-state, without the slash
    obj: DictionaryObject | None = field(default=None, repr=False, compare=False)

    @property
    def width(self) -> float:
        return abs(self.rect[2] - self.rect[0])

    @property
    def height(self) -> float:
        return abs(self.rect[3] - self.rect[1])

    @property
    def border_width(self) -> float:
        """The widget's border width (/BS /W), 1 by default as the PDF standard says."""
        if self.obj is None:
            return 1.0
        border = self.obj.get("/BS")
        if isinstance(border, DictionaryObject):
            return float(border.get("/W", 1))
        return 1.0


@dataclass(frozen=True)
class FormField:
    """One fillable field, with everything needed to fill it correctly."""

    name: str  # fully qualified: "parent.child.field"
    kind: FieldKind
    value: str | list[str] | None = None
    label: str | None = None  # the form author's description (/TU), if any
    exports: tuple[str, ...] = ()  # checkbox / radio on-states, without the slash
    options: tuple[ChoiceOption, ...] = ()
    max_length: int | None = None
    font_size: float = 0.0  # from /DA; 0 means "auto size"
    multiline: bool = False
    comb: bool = False
    read_only: bool = False
    multi_select: bool = False
    editable: bool = False  # a combo box that also accepts typed text
    widgets: tuple[Widget, ...] = ()
    obj: DictionaryObject | None = field(default=None, repr=False, compare=False)

    @property
    def pages(self) -> tuple[int, ...]:
        """The 1-based pages the field appears on, in order, without repeats."""
        return tuple(sorted({w.page for w in self.widgets if w.page}))

    @property
    def display_name(self) -> str:
        """What a person would call the field: its description, else its name."""
        return self.label or self.name

    @property
    def smallest_box(self) -> Widget | None:
        placed = [w for w in self.widgets if w.width and w.height]
        return min(placed, key=lambda w: w.width * w.height) if placed else None

    @property
    def effective_font_size(self) -> float:
        return self.font_size or DEFAULT_FONT_SIZE


def read_fields(root: DictionaryObject, pages: Sequence[PageObject]) -> list[FormField]:
    """Every terminal field of the form, in reading order (page, top to bottom, left to right).

    ``root`` is the document catalogue of a ``PdfReader`` or ``PdfWriter`` and
    ``pages`` its pages; the returned fields keep references to that
    document's objects so a filler can change them.
    """
    acro_form = root.get("/AcroForm")
    if acro_form is None:
        return []
    acro_form = acro_form.get_object()
    page_of = _widget_pages(pages)
    default_da = acro_form.get("/DA")
    found: list[FormField] = []
    for node in _dicts(acro_form.get("/Fields")):
        _walk(node, "", {"/DA": default_da}, page_of, found, set())
    return sorted(found, key=_reading_order)


def _reading_order(f: FormField) -> tuple[int, float, float]:
    placed = [w for w in f.widgets if w.page]
    if not placed:
        return (10**6, 0.0, 0.0)
    first = min(placed, key=lambda w: (w.page, -max(w.rect[1], w.rect[3])))
    top = max(first.rect[1], first.rect[3])
    return (first.page, -round(top / 4), min(first.rect[0], first.rect[2]))


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    value = value.get_object()
    return list(value) if isinstance(value, ArrayObject) else []


def _dicts(value: Any) -> list[DictionaryObject]:
    """The dictionaries of an array, skipping nulls and junk (real forms have both)."""
    out = []
    for item in _as_list(value):
        item = item.get_object() if item is not None else None
        if isinstance(item, DictionaryObject):
            out.append(item)
    return out


def _widget_pages(pages: Sequence[PageObject]) -> dict[int, int]:
    """Object number of each annotation → 1-based page number."""
    page_of: dict[int, int] = {}
    for number, page in enumerate(pages, start=1):
        for annot in _as_list(page.get("/Annots")):
            ref = getattr(annot, "idnum", None)
            if ref is not None:
                page_of.setdefault(ref, number)
    return page_of


_INHERITED = ("/FT", "/Ff", "/V", "/DA", "/MaxLen", "/Opt", "/Q")


def _walk(
    node: DictionaryObject,
    parent_name: str,
    inherited: dict[str, Any],
    page_of: dict[int, int],
    found: list[FormField],
    seen: set[int],
) -> None:
    ident = id(node) if node.indirect_reference is None else node.indirect_reference.idnum
    if ident in seen:  # a malformed form can loop
        return
    seen.add(ident)
    partial = node.get("/T")
    name = parent_name
    if partial is not None:
        name = f"{parent_name}.{partial}" if parent_name else str(partial)
    attrs = dict(inherited)
    for key in _INHERITED:
        if key in node:
            attrs[key] = node[key]
    kids = _dicts(node.get("/Kids"))
    field_kids = [k for k in kids if "/T" in k]
    if field_kids:
        for kid in field_kids:
            _walk(kid, name, attrs, page_of, found, seen)
        return
    widget_dicts = kids if kids else [node]
    widgets = tuple(_widget(w, page_of) for w in widget_dicts if "/Rect" in w)
    if not name:
        return
    found.append(_make_field(name, node, attrs, widgets))


def _widget(obj: DictionaryObject, page_of: dict[int, int]) -> Widget:
    ref = obj.indirect_reference
    page = page_of.get(ref.idnum, 0) if ref is not None else 0
    rect_raw = [float(x) for x in obj.get("/Rect", [0, 0, 0, 0])]
    rect = (rect_raw[0], rect_raw[1], rect_raw[2], rect_raw[3])
    return Widget(page=page, rect=rect, export=_on_state(obj), obj=obj)


def _on_state(widget: DictionaryObject) -> str | None:
    """A button widget's on-state: the /AP /N (or /D) key that is not /Off."""
    appearances = widget.get("/AP")
    if appearances is None:
        return None
    appearances = appearances.get_object()
    for key in ("/N", "/D"):
        states = appearances.get(key)
        if states is None:
            continue
        states = states.get_object()
        if isinstance(states, DictionaryObject) and "/Subtype" not in states:
            names = [str(k)[1:] for k in states if k != "/Off"]
            if names:
                return names[0]
    return None


def _text(value: Any) -> str:
    value = value.get_object() if hasattr(value, "get_object") else value
    if isinstance(value, NameObject):
        return str(value)[1:]
    return str(value)


def _value(raw: Any) -> str | list[str] | None:
    if raw is None:
        return None
    raw = raw.get_object()
    if isinstance(raw, ArrayObject):
        return [_text(v) for v in raw]
    return _text(raw)


def _options(raw: Any) -> tuple[ChoiceOption, ...]:
    options: list[ChoiceOption] = []
    for item in _as_list(raw):
        item = item.get_object()
        if isinstance(item, ArrayObject) and len(item) >= 2:
            options.append(ChoiceOption(_text(item[0]), _text(item[1])))
        else:
            options.append(ChoiceOption(_text(item), _text(item)))
    return tuple(options)


def _font_size(da: Any) -> float:
    """The size operand of the last ``Tf`` in a default-appearance string."""
    if da is None:
        return 0.0
    words = _text(da).split()
    size = 0.0
    for index, word in enumerate(words):
        if word == "Tf" and index >= 1:
            try:
                size = float(words[index - 1])
            except ValueError:
                continue
    return size


def _kind(field_type: str, flags: int) -> FieldKind:
    if field_type == "/Btn":
        if flags & FF_PUSHBUTTON:
            return FieldKind.BUTTON
        return FieldKind.RADIO if flags & FF_RADIO else FieldKind.CHECKBOX
    if field_type == "/Ch":
        return FieldKind.CHOICE if flags & FF_COMBO else FieldKind.LIST
    if field_type == "/Sig":
        return FieldKind.SIGNATURE
    return FieldKind.TEXT


def _make_field(
    name: str, node: DictionaryObject, attrs: dict[str, Any], widgets: tuple[Widget, ...]
) -> FormField:
    flags = int(attrs.get("/Ff") or 0)
    kind = _kind(str(attrs.get("/FT") or "/Tx"), flags)
    exports: list[str] = []
    if kind in (FieldKind.CHECKBOX, FieldKind.RADIO):
        for widget in widgets:
            if widget.export and widget.export not in exports:
                exports.append(widget.export)
    label = node.get("/TU")
    max_length = attrs.get("/MaxLen")
    return FormField(
        name=name,
        kind=kind,
        value=_value(attrs.get("/V")),
        label=_text(label).strip() or None if label is not None else None,
        exports=tuple(exports),
        options=_options(attrs.get("/Opt")) if kind in (FieldKind.CHOICE, FieldKind.LIST) else (),
        max_length=int(max_length) if max_length is not None else None,
        font_size=_font_size(attrs.get("/DA")),
        multiline=bool(flags & FF_MULTILINE) and kind is FieldKind.TEXT,
        comb=bool(flags & FF_COMB) and kind is FieldKind.TEXT,
        read_only=bool(flags & FF_READ_ONLY),
        multi_select=bool(flags & FF_MULTI_SELECT) and kind is FieldKind.LIST,
        editable=bool(flags & FF_EDIT) and kind is FieldKind.CHOICE,
        widgets=widgets,
        obj=node,
    )

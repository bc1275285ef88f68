"""Filling a PDF form: from a case and a map, or from plain field values.

The steps, each a guard against a known way forms go wrong:

1. open (password, damage, "no form" → :class:`~sendocs.errors.FormError`);
2. check every mapped name is a field, suggesting the nearest names;
3. evaluate and coerce every value (checkbox → its real export name,
   choice → one of its options) before touching the document, so a bad
   entry stops the run with nothing written;
4. fit text into its box; what does not fit goes to a continuation sheet;
5. set values and write appearance streams (pypdf draws text; buttons
   switch to the appearance the form already has), so ordinary viewers show
   the values without regenerating anything;
6. optionally flatten; append continuation sheets; write atomically.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import io
import logging
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from sendocs.errors import FormError
from sendocs.files import atomic_write_bytes, check_can_write
from sendocs.formatting import DEFAULT_LOCALE
from sendocs.forms.continuation import Overflow, continuation_sheets
from sendocs.forms.expressions import evaluate, form_context
from sendocs.forms.fields import FF_READ_ONLY, FieldKind, FormField, read_fields
from sendocs.forms.flatten import ANNOT_HIDDEN, flatten_form
from sendocs.forms.mapfile import FormMap
from sendocs.forms.opening import open_form, open_form_checked
from sendocs.forms.overflow import fit_text
from sendocs.forms.values import OFF, coerce_value
from sendocs.models import Case, ParentCarer
from sendocs.provenance import for_document, stamp_pdf_bytes

__all__ = [
    "FillResult",
    "SkippedField",
    "fill_form",
    "fill_values",
    "form_fields",
    "nearest_names",
]

READ_ONLY_REASON = "read-only: the form's author does not allow it to be changed"


@dataclass(frozen=True)
class SkippedField:
    """A field the map gives a value but that was not written, and why."""

    name: str
    reason: str


@dataclass
class FillResult:
    """What a fill did, for the command line to report.

    ``repairs`` says what was fixed to open a damaged form (empty: nothing);
    ``log`` is what the PDF libraries said (shown only with --verbose).
    """

    output: Path | None = None
    filled: list[str] = field(default_factory=list)
    left_as_is: list[str] = field(default_factory=list)
    skipped: list[SkippedField] = field(default_factory=list)
    repairs: list[str] = field(default_factory=list)
    log: list[str] = field(default_factory=list)
    overflows: list[Overflow] = field(default_factory=list)
    flattened: bool = False
    pages: int = 0
    data: bytes = field(default=b"", repr=False)


def form_fields(path: str | Path, password: str | None = None) -> list[FormField]:
    """Every field of the form at ``path``, in reading order."""
    reader = open_form(path, password)
    with _damage_is_a_form_error(Path(path)):
        return read_fields(reader.root_object, reader.pages)


_DAMAGE = (PyPdfError, ValueError, TypeError, AttributeError, KeyError, IndexError, RecursionError)


@contextlib.contextmanager
def _damage_is_a_form_error(form: Path) -> Iterator[None]:
    """A damaged structure pypdf trips over while filling: one FormError, never a traceback."""
    try:
        yield
    except FormError:
        raise
    except _DAMAGE as exc:
        raise FormError(
            f"{form}: this form is damaged in a way sendocs cannot fill "
            f"({type(exc).__name__}); ask for a new copy of the form"
        ) from None


class _NoValueInLog(logging.Filter):
    """Drops pypdf's "Text string '…' contains characters not supported by font encoding"
    warning: it quotes the field's value (a name, an address) into the log, and sendocs
    already handles the case (the form asks viewers to redraw such a value,
    :func:`_apply`). Nothing personal is logged above DEBUG."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "not supported by font encoding" not in str(record.msg)


_APPEARANCE_LOG = logging.getLogger("pypdf.generic._appearance_stream")


@contextlib.contextmanager
def _values_kept_out_of_log() -> Iterator[None]:
    quiet = _NoValueInLog()
    _APPEARANCE_LOG.addFilter(quiet)
    try:
        yield
    finally:
        _APPEARANCE_LOG.removeFilter(quiet)


def nearest_names(name: str, names: list[str], count: int = 3) -> list[str]:
    """The field names most like ``name`` (case and spacing ignored)."""
    folded = {" ".join(n.casefold().split()): n for n in names}
    close = difflib.get_close_matches(" ".join(name.casefold().split()), list(folded), count, 0.5)
    return [folded[c] for c in close]


def fill_form(
    form: str | Path,
    case: Case,
    form_map: FormMap,
    output: str | Path | None,
    *,
    flatten: bool = False,
    force: bool = False,
    password: str | None = None,
    today: dt.date | None = None,
    locale: str = DEFAULT_LOCALE,
    kind: str | None = None,
    parent: ParentCarer | None = None,
    return_date: dt.date | None = None,
    consent_until: dt.date | None = None,
) -> FillResult:
    """Fill ``form`` for ``case`` as ``form_map`` says; write ``output`` (None: only return bytes).

    ``parent`` is the parent this copy is for (the map's ``parent``); ``return_date``
    and ``consent_until`` are the map's ``return_by`` and ``consent_until``
    (:func:`~sendocs.forms.expressions.form_context` gives the defaults).

    Nothing is written if any entry fails. The filled PDF carries its provenance like
    every document sendocs makes (:mod:`sendocs.provenance`; ``sendocs inspect`` reads
    it): ``kind`` (default ``consent-form`` for the shipped consent forms, else
    ``form``), the form's SHA-256 as the template's, the case's SHA-256 and ``today``.
    """
    if output is not None:
        check_can_write(Path(output), force)
    # Field names first: a misspelt name is the likelier mistake and the clearer message.
    by_name = {f.name: f for f in form_fields(form, password)}
    _check_names(
        {e.field: None for e in form_map.entries},
        by_name,
        {e.field: e.where(form_map.source) for e in form_map.entries},
        Path(form),
    )
    context = form_context(case, today, parent, return_date, consent_until)
    values: dict[str, Any] = {}
    labels: dict[str, str] = {}
    where: dict[str, str] = {}
    tooltips: dict[str, str] = {}
    hide: list[str] = []
    for entry in form_map.entries:
        place = entry.where(form_map.source)
        where[entry.field] = place
        if entry.label:
            labels[entry.field] = entry.label
        if entry.tooltip:
            tip = evaluate(entry.tooltip, context, f"{place} (tooltip)", locale)
            if tip:
                tooltips[entry.field] = " ".join(str(tip).split())
        expression = entry.expression
        if isinstance(expression, str):
            value = evaluate(expression, context, place, locale)
            # An expression that gives nothing empties the field (a checkbox goes off);
            # only an entry with no expression at all leaves the field as it is.
            values[entry.field] = "" if value is None else value
            if entry.hide_if_empty and not str(values[entry.field]).strip():
                hide.append(entry.field)
        else:
            values[entry.field] = expression
    result = fill_values(
        form,
        values,
        None,
        flatten=flatten,
        force=force,
        password=password,
        labels=labels,
        where=where,
        locale=locale,
        tooltips=tooltips,
        lock=[e.field for e in form_map.entries if e.lock],
        hide=hide,
    )
    result.data = stamp_pdf_bytes(
        result.data,
        for_document(kind or _form_kind(Path(form)), form, case, today or dt.date.today()),
    )
    if output is not None:
        result.output = atomic_write_bytes(output, result.data, force)
    return result


def _form_kind(form: Path) -> str:
    """``consent-form`` for one of the shipped consent forms, ``form`` for any other."""
    from sendocs.forms.consent import CONSENT_FORMS

    return "consent-form" if form.name in CONSENT_FORMS.values() else "form"


def fill_values(
    form: str | Path,
    values: Mapping[str, Any],
    output: str | Path | None = None,
    *,
    flatten: bool = False,
    force: bool = False,
    password: str | None = None,
    labels: Mapping[str, str] | None = None,
    where: Mapping[str, str] | None = None,
    locale: str = DEFAULT_LOCALE,
    tooltips: Mapping[str, str] | None = None,
    lock: Sequence[str] = (),
    hide: Sequence[str] = (),
) -> FillResult:
    """Fill ``form`` with ``values`` (field name → Python value; None leaves a field as is).

    ``labels`` name fields on continuation sheets; ``where`` says where each
    value came from (e.g. ``map.yaml:4``) for error messages. ``tooltips`` replace
    fields' descriptions (/TU, what a screen reader announces); the fields in ``lock``
    are made read-only (/Ff bit 1) once filled, so printed wording cannot be retyped;
    the fields in ``hide`` are hidden (each widget's /F bit 2: neither shown nor printed).
    """
    form = Path(form)
    labels = labels or {}
    where = where or {}
    if output is not None:
        check_can_write(Path(output), force)
    opened = open_form_checked(form, password)
    with _damage_is_a_form_error(form):
        writer = PdfWriter(clone_from=opened.reader)
        _drop_null_annotations(writer)
        fields = read_fields(writer.root_object, writer.pages)
        by_name = {f.name: f for f in fields}
        _check_names(values, by_name, where, form)

        result = FillResult(flattened=flatten, repairs=opened.repairs, log=opened.log)
        states: dict[str, str | list[str]] = {}
        drawn: dict[str, str | list[str]] = {}
        for f in fields:  # reading order, so sheet numbers follow the form
            if f.name not in values:
                continue
            if values[f.name] is None:
                result.left_as_is.append(f.name)
                continue
            if f.read_only:  # never overwrite what the form's author locked
                result.skipped.append(SkippedField(f.name, READ_ONLY_REASON))
                continue
            try:
                value = coerce_value(f, values[f.name], locale)
            except FormError as exc:
                prefix = where.get(f.name, str(form))
                raise FormError(f"{prefix}: {exc}") from None
            if value is None:
                result.left_as_is.append(f.name)
                continue
            if f.kind is FieldKind.TEXT and isinstance(value, str):
                fitted = fit_text(value, f, len(result.overflows) + 1)
                if fitted.overflowed:
                    result.overflows.append(
                        Overflow(
                            sheet=len(result.overflows) + 1,
                            field=f.name,
                            label=labels.get(f.name) or f.display_name,
                            pages=f.pages,
                            text=value,
                            marker=fitted.marker,
                        )
                    )
                states[f.name] = fitted.value
                # pypdf wraps only auto-sized text; give fixed-size boxes their lines.
                drawn[f.name] = fitted.drawn if f.multiline and f.font_size else fitted.value
            else:
                states[f.name] = value
                drawn[f.name] = _shown(f, value)
            result.filled.append(f.name)

        _apply(writer, [by_name[n] for n in states], states, drawn)
        _describe_and_lock(by_name, tooltips or {}, lock, hide)
        if flatten:
            flatten_form(writer)
        if result.overflows:
            box = writer.pages[0].mediabox
            sheets = continuation_sheets(
                result.overflows, form.stem.replace("_", " "), (float(box.width), float(box.height))
            )
            writer.append(PdfReader(io.BytesIO(sheets)))
        buffer = io.BytesIO()
        writer.write(buffer)
    result.data = buffer.getvalue()
    result.pages = len(writer.pages)
    if output is not None:
        result.output = atomic_write_bytes(output, result.data, force)
    return result


def _check_names(
    values: Mapping[str, Any], by_name: dict[str, FormField], where: Mapping[str, str], form: Path
) -> None:
    names = list(by_name)
    for name in values:
        if name in by_name:
            continue
        near = nearest_names(name, names)
        hint = ("; nearest: " + ", ".join(f'"{n}"' for n in near)) if near else ""
        prefix = where.get(name, f'"{name}"')
        raise FormError(
            f'{prefix}: {form.name} has no field called "{name}"{hint}. '
            f"`sendocs form fields {form}` lists every field."
        )


def _apply(
    writer: PdfWriter,
    fields: list[FormField],
    states: Mapping[str, str | list[str]],
    drawn: Mapping[str, str | list[str]],
) -> None:
    per_page: dict[int, dict[str, str | list[str]]] = {}
    needs_viewer = False
    for f in fields:
        if f.kind in (FieldKind.CHECKBOX, FieldKind.RADIO):
            _set_button(f, str(states[f.name]))
            continue
        for page in f.pages:
            per_page.setdefault(page, {})[f.name] = drawn[f.name]
        if not _latin1(states[f.name]):
            needs_viewer = True
    acro_form = cast(DictionaryObject, writer.root_object["/AcroForm"].get_object())
    if "/XFA" in acro_form:  # a hybrid form: viewers would show the stale XFA data instead
        del acro_form["/XFA"]
    restore = _plain_options(fields)
    try:
        with _values_kept_out_of_log():
            for page, page_values in sorted(per_page.items()):
                writer.update_page_form_field_values(
                    writer.pages[page - 1], page_values, auto_regenerate=False
                )
    finally:
        for holder, options in restore:
            holder[NameObject("/Opt")] = options
    for f in fields:  # the stored value is the unwrapped text, whatever was drawn
        if f.kind in (FieldKind.TEXT, FieldKind.CHOICE, FieldKind.LIST) and f.obj is not None:
            value = states[f.name]
            f.obj[NameObject("/V")] = (
                ArrayObject(TextStringObject(v) for v in value)
                if isinstance(value, list)
                else TextStringObject(value)
            )
    # We drew every appearance; ask viewers to redraw only if a value has characters the
    # form's standard fonts cannot show (they then use a font of their own).
    writer.set_need_appearances_writer(needs_viewer)


def _describe_and_lock(
    by_name: Mapping[str, FormField],
    tooltips: Mapping[str, str],
    lock: Sequence[str],
    hide: Sequence[str] = (),
) -> None:
    """Write each field's new description (/TU), make the ``lock`` fields read-only and
    hide the ``hide`` fields' widgets (/F bit 2), so an empty box is not left to fill."""
    for name, tip in tooltips.items():
        f = by_name.get(name)
        if f is not None and f.obj is not None:
            f.obj[NameObject("/TU")] = TextStringObject(tip)
    for name in lock:
        f = by_name.get(name)
        if f is not None and f.obj is not None:
            flags = int(cast(Any, f.obj.get("/Ff", 0)))
            f.obj[NameObject("/Ff")] = NumberObject(flags | FF_READ_ONLY)
    for name in hide:
        f = by_name.get(name)
        for widget in f.widgets if f is not None else ():
            if widget.obj is not None:
                flags = int(cast(Any, widget.obj.get("/F", 0)))
                widget.obj[NameObject("/F")] = NumberObject(flags | ANNOT_HIDDEN)


def _shown(f: FormField, value: str | list[str]) -> str | list[str]:
    """What a choice or list box shows for its export value(s): the display text of an
    [export, display] option pair (the stored value stays the export)."""
    if f.kind not in (FieldKind.CHOICE, FieldKind.LIST) or not f.options:
        return value
    display = {o.export: o.display for o in f.options}
    if isinstance(value, list):
        return [display.get(v, v) for v in value]
    return display.get(value, value)


def _drop_null_annotations(writer: PdfWriter) -> None:
    """Remove null and non-dictionary entries from every page's /Annots (real court forms
    have them; pypdf's filler stops on them)."""
    for page in writer.pages:
        annots = page.get("/Annots")
        if annots is None:
            continue
        annots = annots.get_object()
        if not isinstance(annots, ArrayObject):
            del page["/Annots"]
            continue
        kept = [a for a in annots if isinstance(a.get_object(), DictionaryObject)]
        if len(kept) != len(annots):
            page[NameObject("/Annots")] = ArrayObject(kept)


def _plain_options(fields: list[FormField]) -> list[tuple[DictionaryObject, Any]]:
    """Swap [export, display] pairs in choice fields' /Opt for display texts while pypdf draws
    (its list-box drawing joins /Opt as strings); returns what to put back."""
    restore: list[tuple[DictionaryObject, Any]] = []
    for f in fields:
        if f.kind not in (FieldKind.CHOICE, FieldKind.LIST) or not f.options:
            continue
        holders = [f.obj] if f.obj is not None else []
        holders += [w.obj for w in f.widgets if w.obj is not None and w.obj is not f.obj]
        for holder in holders:
            options = holder.get("/Opt")
            if options is None:
                continue
            items = options.get_object()
            if isinstance(items, ArrayObject) and any(
                isinstance(i.get_object(), ArrayObject) for i in items
            ):
                restore.append((holder, options))
                holder[NameObject("/Opt")] = ArrayObject(
                    TextStringObject(o.display) for o in f.options
                )
    return restore


def _latin1(value: str | list[str]) -> bool:
    texts = value if isinstance(value, list) else [value]
    try:
        for text in texts:
            text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def _set_button(f: FormField, state: str) -> None:
    on = NameObject(f"/{state}")
    if f.obj is not None:
        f.obj[NameObject("/V")] = on
    for widget in f.widgets:
        if widget.obj is None:
            continue
        ap = widget.obj.get("/AP")
        normal = ap.get_object().get("/N") if ap is not None else None
        has_state = normal is not None and on in normal.get_object()
        widget.obj[NameObject("/AS")] = on if has_state and state != OFF else NameObject("/Off")

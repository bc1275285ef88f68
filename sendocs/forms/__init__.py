"""Filling any fillable PDF form (a local authority's own, or ours) from case data.

Read a form's fields (:func:`form_fields`), write a starter map
(:func:`starter_map`), then fill it for a case (:func:`fill_form`) or from
plain values (:func:`fill_values`). Checkboxes get their real export names,
text that does not fit goes to a continuation sheet, and ``flatten=True``
gives a PDF with the values in the page and no form left.
"""

from __future__ import annotations

from sendocs.forms.continuation import Overflow
from sendocs.forms.expressions import form_context, form_environment
from sendocs.forms.fields import ChoiceOption, FieldKind, FormField, Widget
from sendocs.forms.fill import (
    FillResult,
    SkippedField,
    fill_form,
    fill_values,
    form_fields,
    nearest_names,
)
from sendocs.forms.flatten import flatten_form
from sendocs.forms.mapfile import FormMap, MapEntry, load_map, parse_map, starter_map
from sendocs.forms.opening import open_form
from sendocs.forms.table import fields_table

__all__ = [
    "ChoiceOption",
    "FieldKind",
    "FillResult",
    "FormField",
    "FormMap",
    "MapEntry",
    "Overflow",
    "SkippedField",
    "Widget",
    "fields_table",
    "fill_form",
    "fill_values",
    "flatten_form",
    "form_context",
    "form_environment",
    "form_fields",
    "load_map",
    "nearest_names",
    "open_form",
    "parse_map",
    "starter_map",
]

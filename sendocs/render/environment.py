"""The one Jinja environment every template is rendered with.

Case data is untrusted text typed by people: a child called
``Tom & Jerry <O'Brien>`` or a parent view containing ``{{ 7*7 }}`` must
appear literally and never break the Word XML or run code. So:

* sandboxed (``ImmutableSandboxedEnvironment``): templates cannot reach
  Python internals or mutate the case;
* autoescape on for every value, so ``&`` and ``<`` become XML entities;
  docxtpl's ``RichText``/``Listing``/``Subdoc`` carry ``__html__`` and pass;
* ``finalize`` strips characters XML 1.0 forbids (``\\x0b`` from a pasted
  MIS field would otherwise make Word refuse the file), prints dates in
  the locale's long form and enums by their label, and prints ``None`` as
  nothing rather than the word "None";
* ``StrictUndefined``: a misspelt field is an error naming it, never a
  silent blank in a signed document;
* compiled templates are cached by source, because docxtpl compiles the
  whole document XML on every ``render()`` call and that is most of the
  cost of a batch.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from enum import Enum
from functools import lru_cache
from typing import Any

from jinja2 import StrictUndefined, Template
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from sendocs.formatting import DEFAULT_LOCALE, clean_text, format_date, make_filters

__all__ = ["clean_text", "get_environment"]


class SendocsEnvironment(ImmutableSandboxedEnvironment):
    """Sandboxed, autoescaping, strict, with a cache of compiled templates by source."""

    def __init__(self, locale: str = DEFAULT_LOCALE, cache_size: int = 64) -> None:
        super().__init__(
            autoescape=True,
            undefined=StrictUndefined,
            finalize=self._finalize,
            keep_trailing_newline=True,
        )
        self.locale = locale
        self.filters.update(make_filters(locale))
        self._compiled: OrderedDict[str, Template] = OrderedDict()
        self._cache_size = cache_size

    def _finalize(self, value: Any) -> Any:
        if value is None:
            return ""
        if isinstance(value, Markup) or hasattr(value, "__html__"):
            return value
        if isinstance(value, dt.date):
            return format_date(value, "long", self.locale)
        if isinstance(value, Enum):
            value = str(value)
        if isinstance(value, str):
            return clean_text(value)
        return value

    def from_string(  # type: ignore[override]
        self,
        source: str,
        globals: dict[str, Any] | None = None,
        template_class: type[Template] | None = None,
    ) -> Template:
        """Compile ``source`` once and reuse it; docxtpl calls this for every document."""
        if globals or template_class:
            return super().from_string(source, globals, template_class)
        template = self._compiled.get(source)
        if template is None:
            template = super().from_string(source)
            self._compiled[source] = template
            if len(self._compiled) > self._cache_size:
                self._compiled.popitem(last=False)
        else:
            self._compiled.move_to_end(source)
        return template


@lru_cache(maxsize=8)
def get_environment(locale: str = DEFAULT_LOCALE) -> SendocsEnvironment:
    """The shared environment for a locale (one per process)."""
    return SendocsEnvironment(locale)

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
* compiled templates are cached by source, in Jinja's own template cache
  through a loader (:class:`SourceLoader`), because docxtpl compiles the
  whole document XML on every ``render()`` call and that is most of the
  cost of a batch;
* bounded (:mod:`sendocs.render.limits`): a user's template cannot exhaust
  the machine; ``*``, ``**``, ``+`` and ``%`` are intercepted (which also
  stops Jinja folding them while compiling), filters, calls and ``range``
  are checked, and one render has a time budget;
* literal: docxtpl turns ``{_{`` in its output into ``{{`` (its escape for
  template authors); typed text must stay as typed, so in Word output every
  ``_`` from a value is fenced with :data:`LITERAL_MARK`, which the renderers
  remove after docxtpl's replacement (see :func:`strip_literal_marks`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from collections.abc import MutableMapping
from enum import Enum
from functools import lru_cache
from typing import Any

from jinja2 import BaseLoader, StrictUndefined, Template, TemplateNotFound
from jinja2.environment import Environment
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from sendocs.formatting import DEFAULT_LOCALE, clean_text, format_date, make_filters
from sendocs.render import limits
from sendocs.render.limits import (
    TemplateFailure,
    TemplateLimitError,
    describe_failure,
    template_line,
)

__all__ = [
    "LITERAL_MARK",
    "BoundedTemplate",
    "SendocsEnvironment",
    "SourceLoader",
    "get_environment",
    "strip_literal_marks",
]

#: Fences each ``_`` of a value in Word output so docxtpl's ``{_{`` → ``{{``
#: replacement cannot match typed text. XML forbids it, so ``clean_text``
#: has removed it from every value: the only ones in the output are ours.
LITERAL_MARK = "\x01"


def strip_literal_marks(xml: str) -> str:
    """Remove the :data:`LITERAL_MARK` fences once docxtpl has made its replacements."""
    return xml.replace(LITERAL_MARK, "") if LITERAL_MARK in xml else xml


def _fence(text: str) -> str:
    return text.replace("_", f"{LITERAL_MARK}_{LITERAL_MARK}") if "_" in text else text


class BoundedTemplate(Template):
    """A template whose render runs under the limits and reports exhaustion in Jinja's terms.

    ``OverflowError``, ``MemoryError`` and ``RecursionError`` raised while
    rendering become :class:`~sendocs.render.limits.TemplateLimitError`, and
    the other errors of a template's own doing (``1/0``, ``"a" + 1``, a
    missing key) :class:`~sendocs.render.limits.TemplateFailure`, both with
    the template line, so callers handle Jinja's errors only.
    """

    @classmethod
    def from_code(
        cls,
        environment: Any,
        code: Any,
        globals: Any,
        uptodate: Any = None,
    ) -> Template:
        """As Jinja's, with the ``~`` operator's helpers replaced by bounded ones."""
        namespace: dict[str, Any] = {"environment": environment, "__file__": code.co_filename}
        exec(code, namespace)
        namespace["markup_join"] = limits.bounded_markup_join
        namespace["str_join"] = limits.bounded_str_join
        template = cls._from_namespace(environment, namespace, globals)
        template._uptodate = uptodate
        return template

    def render(self, *args: Any, **kwargs: Any) -> str:
        with limits.bounded():
            try:
                return super().render(*args, **kwargs)
            except TemplateLimitError as exc:
                if exc.lineno is None:
                    exc.lineno = template_line(exc.__traceback__)
                raise
            except (OverflowError, MemoryError, RecursionError) as exc:
                message = describe_failure(exc) or str(exc)
                raise TemplateLimitError(message, template_line(exc.__traceback__)) from None
            except _TEMPLATE_FAULTS as exc:
                message = f"{type(exc).__name__}: {exc}"
                raise TemplateFailure(message, template_line(exc.__traceback__)) from None


#: Errors a template's own expressions raise; anything else is a bug to report as one.
_TEMPLATE_FAULTS = (ArithmeticError, TypeError, ValueError, LookupError, AttributeError)


class SourceLoader(BaseLoader):
    """Templates named by the digest of their source, so Jinja's own cache keeps them.

    docxtpl hands the environment a document's XML as a string
    (``from_string``), which Jinja never caches. :meth:`SendocsEnvironment.from_string`
    asks for the template by the SHA-256 of that source instead; this loader
    compiles the source it was handed (without a name, so error messages read
    as for ``from_string``) and Jinja's LRU cache (``cache_size``) keeps the
    result: one template cache, Jinja's.
    """

    def __init__(self) -> None:
        self._handed = threading.local()

    @staticmethod
    def name_for(source: str) -> str:
        return "sha256:" + hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()

    def hand_over(self, source: str | None) -> None:
        """The source of the template about to be asked for (this thread only)."""
        self._handed.source = source

    def get_source(self, environment: Environment, template: str) -> tuple[str, None, Any]:
        source = getattr(self._handed, "source", None)
        if source is None or self.name_for(source) != template:
            raise TemplateNotFound(template)
        return source, None, lambda: True

    def load(
        self,
        environment: Environment,
        name: str,
        globals: MutableMapping[str, Any] | None = None,
    ) -> Template:
        source, _, uptodate = self.get_source(environment, name)
        with limits.bounded():  # Jinja evaluates constant expressions while compiling
            code = environment.compile(source)
        return environment.template_class.from_code(
            environment, code, environment.make_globals(globals), uptodate
        )


class SendocsEnvironment(ImmutableSandboxedEnvironment):
    """Sandboxed, autoescaping, strict, bounded, with a cache of compiled templates by source.

    ``literal_marks`` fences underscores of values for docxtpl (Word output
    only; the renderers strip the marks). Forms turn it off.
    """

    template_class = BoundedTemplate
    code_generator_class = limits.WatchedLoopCodeGenerator
    intercepted_binops = frozenset({"*", "**", "+", "%"})
    concat = staticmethod(limits.bounded_concat)

    def __init__(
        self, locale: str = DEFAULT_LOCALE, cache_size: int = 64, literal_marks: bool = True
    ) -> None:
        self.source_loader = SourceLoader()
        super().__init__(
            autoescape=True,
            undefined=StrictUndefined,
            finalize=self._finalize,
            keep_trailing_newline=True,
            loader=self.source_loader,
            cache_size=cache_size,
            auto_reload=False,
        )
        self.locale = locale
        self.literal_marks = literal_marks
        self.filters.update(make_filters(locale))
        self.filters = {name: limits.guard_filter(name, f) for name, f in self.filters.items()}
        self.filters[limits.LOOP_FILTER] = limits.watched_loop
        self.globals["range"] = limits.bounded_range
        self.globals["namespace"] = limits.BoundedNamespace

    def _finalize(self, value: Any) -> Any:
        if value is None:
            return ""
        if isinstance(value, Markup) or hasattr(value, "__html__"):
            if self.literal_marks:
                return Markup(_fence(value.__html__()))
            return value
        if isinstance(value, dt.date):
            value = format_date(value, "long", self.locale)
        if isinstance(value, Enum):
            value = str(value)
        if isinstance(value, str):
            value = clean_text(value)
            return _fence(value) if self.literal_marks else value
        return value

    # --- sandbox hooks: every operator, call and attribute lookup a template makes ---

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        limits.check_binop(operator, left, right)
        return limits.check_result(super().call_binop(context, operator, left, right), operator)

    def getattr(self, obj: Any, attribute: str) -> Any:
        limits.tick()
        return super().getattr(obj, attribute)

    def call(
        __self,  # Jinja's own signature: the names avoid clashes with keyword arguments
        __context: Context,
        __obj: Any,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        args = limits.check_call(__obj, args, kwargs)
        result = super().call(__context, __obj, *args, **kwargs)
        return limits.check_result(result, f"`{getattr(__obj, '__name__', 'a call')}()`")

    def from_string(  # type: ignore[override]
        self,
        source: str,
        globals: dict[str, Any] | None = None,
        template_class: type[Template] | None = None,
    ) -> Template:
        """Compile ``source`` once and reuse it; docxtpl calls this for every document."""
        if globals or template_class or not isinstance(source, str):  # compile_expression's AST
            with limits.bounded():
                return super().from_string(source, globals, template_class)
        self.source_loader.hand_over(source)
        try:
            return self.get_template(SourceLoader.name_for(source))
        finally:
            self.source_loader.hand_over(None)


@lru_cache(maxsize=8)
def get_environment(locale: str = DEFAULT_LOCALE) -> SendocsEnvironment:
    """The shared environment for a locale (one per process)."""
    return SendocsEnvironment(locale)

"""Bounds on what one template render may cost: time, text size, loop length.

A Word template or a form map may come from a user (``sendocs render
--template mine.docx``), and Jinja's sandbox stops a template from reaching
Python internals but not from exhausting the machine: ``{{ "a" * 10**9 }}``
asks for a gigabyte, ``{{ 10**(10**8) }}`` computes for minutes, and Jinja
even folds such constants while *compiling*. This module holds the limits and
the checks the environment (:mod:`sendocs.render.environment`) calls from its
sandbox hooks:

* **text size** (``SENDOCS_TEMPLATE_MAX_CHARS``, default 20,000,000): no
  string made by ``*``, ``+``, ``%``, ``~``, a filter, a ``str`` method or a
  block of output may be longer; checked *before* the big operations run
  (repetition, padding, replacing, joining), after the others;
* **collection size** (``SENDOCS_TEMPLATE_MAX_ITEMS``, default 100,000): the
  longest ``range()``, the longest list a ``*`` or filter may build;
* **numbers**: ``**`` and ``*`` on integers may make at most
  :data:`MAX_INT_BITS` bits (about 1,200 digits);
* **time** (``SENDOCS_TEMPLATE_TIMEOUT``, default 20 seconds for one
  document): checked cooperatively in every attribute lookup, call, operator,
  filter, ``for`` loop (every 1,024 items) and block of output, and, on the main thread
  where the platform has ``setitimer``, by an alarm that interrupts a loop
  that makes no such calls.

A limit that is hit raises :class:`TemplateLimitError` (a Jinja runtime error
carrying the template line); :mod:`sendocs.render.docx` and
:mod:`sendocs.forms.expressions` report it as a ``TemplateError`` /
``FormError`` naming the template or map entry. A normal plan renders in a few
milliseconds and produces well under a megabyte of XML, so the defaults leave
room of several orders of magnitude.
"""

from __future__ import annotations

import logging
import os
import re
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType, TracebackType
from typing import Any

from jinja2 import nodes, pass_context
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import TemplateRuntimeError
from jinja2.runtime import markup_join, str_join
from jinja2.utils import Namespace

__all__ = [
    "LOOP_FILTER",
    "MAX_INT_BITS",
    "BoundedNamespace",
    "RenderLimits",
    "TemplateFailure",
    "TemplateLimitError",
    "WatchedLoopCodeGenerator",
    "bounded",
    "bounded_concat",
    "bounded_range",
    "check_binop",
    "check_call",
    "check_result",
    "describe_failure",
    "guard_filter",
    "template_line",
    "tick",
    "watched_loop",
]

logger = logging.getLogger(__name__)

MAX_INT_BITS = 4096

TIMEOUT_VAR = "SENDOCS_TEMPLATE_TIMEOUT"
MAX_CHARS_VAR = "SENDOCS_TEMPLATE_MAX_CHARS"
MAX_ITEMS_VAR = "SENDOCS_TEMPLATE_MAX_ITEMS"


class TemplateFailure(TemplateRuntimeError):
    """A Python error a template caused (``1/0``, ``"a" + 1``), with the template line."""

    def __init__(self, message: str, lineno: int | None = None) -> None:
        super().__init__(message)
        self.lineno = lineno


class TemplateLimitError(TemplateFailure):
    """A template asked for more time, text or numbers than one render may use."""


@dataclass(frozen=True)
class RenderLimits:
    """The limits of one render; :meth:`from_env` reads the environment variables."""

    seconds: float = 20.0
    max_chars: int = 20_000_000
    max_items: int = 100_000

    @classmethod
    def from_env(cls) -> RenderLimits:
        """The defaults, overridden by ``SENDOCS_TEMPLATE_*`` variables that are valid."""
        return cls(
            seconds=_env_number(TIMEOUT_VAR, cls.seconds, float),
            max_chars=_env_number(MAX_CHARS_VAR, cls.max_chars, int),
            max_items=_env_number(MAX_ITEMS_VAR, cls.max_items, int),
        )


def _env_number(name: str, default: Any, kind: Callable[[str], Any]) -> Any:
    raw = os.environ.get(name)
    if not raw:
        return default
    try:
        value = kind(raw.strip())
    except ValueError:
        value = None
    if value is None or value <= 0:
        logger.warning("ignoring %s=%r: expected a positive number", name, raw)
        return default
    return value


# --- the budget of the render in progress (one per thread) ---------------------------------


class _Budget:
    """The limits and deadline of the render running on this thread."""

    __slots__ = ("deadline", "limits")

    def __init__(self, limits: RenderLimits) -> None:
        self.limits = limits
        self.deadline = time.monotonic() + limits.seconds


_local = threading.local()


def _current() -> _Budget | None:
    budget: _Budget | None = getattr(_local, "budget", None)
    return budget


def _limits() -> RenderLimits:
    budget = _current()
    return budget.limits if budget is not None else RenderLimits.from_env()


def _timeout_error(limits: RenderLimits) -> TemplateLimitError:
    return TemplateLimitError(
        f"rendering took longer than {limits.seconds:g} seconds ({TIMEOUT_VAR}); "
        "does a loop run far more often than intended?"
    )


def tick() -> None:
    """Raise :class:`TemplateLimitError` if the render in progress is out of time."""
    budget = _current()
    if budget is not None and time.monotonic() > budget.deadline:
        raise _timeout_error(budget.limits)


@contextmanager
def bounded(limits: RenderLimits | None = None) -> Iterator[RenderLimits]:
    """Run a render (or compilation) under a time budget; nested uses share the outer one.

    On the main thread an interval timer (``SIGALRM``) backs up the cooperative
    checks, unless another timer is already running (then it is left alone).
    """
    outer = _current()
    if outer is not None:
        yield outer.limits
        return
    budget = _Budget(limits or RenderLimits.from_env())
    _local.budget = budget
    alarm = _arm_alarm(budget)
    try:
        yield budget.limits
    finally:
        try:
            _local.budget = None
        finally:
            if alarm is not None:
                _disarm_alarm(alarm)


_Handler = Callable[[int, FrameType | None], Any] | int | signal.Handlers | None


def _arm_alarm(budget: _Budget) -> _Handler | None:
    """Start a one-shot timer that raises in this thread; the old handler, or None if not set."""
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
        or signal.getitimer(signal.ITIMER_REAL)[0] > 0
    ):
        return None

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        if _current() is budget:
            raise _timeout_error(budget.limits)

    try:
        old = signal.signal(signal.SIGALRM, on_alarm)
    except ValueError:  # not the main interpreter
        return None
    signal.setitimer(signal.ITIMER_REAL, budget.limits.seconds)
    return old


def _disarm_alarm(old: _Handler) -> None:
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, old if old is not None else signal.SIG_DFL)


# --- size checks ---------------------------------------------------------------------------

_TEXT = (str, bytes, bytearray)
_COLLECTION = (list, tuple, dict, set, frozenset)


def _too_long(what: str, size: int, limits: RenderLimits) -> TemplateLimitError:
    return TemplateLimitError(
        f"{what} would make text of {size:,} characters, more than the limit of "
        f"{limits.max_chars:,} ({MAX_CHARS_VAR})"
    )


def _too_many(what: str, size: int, limits: RenderLimits) -> TemplateLimitError:
    return TemplateLimitError(
        f"{what} would make {size:,} items, more than the limit of "
        f"{limits.max_items:,} ({MAX_ITEMS_VAR})"
    )


def _check_text_size(what: str, size: int, limits: RenderLimits) -> None:
    if size > limits.max_chars:
        raise _too_long(what, size, limits)


def check_result(value: Any, what: str) -> Any:
    """``value`` unchanged, unless it is text or a collection over the limits."""
    if isinstance(value, _TEXT):
        limits = _limits()
        _check_text_size(what, len(value), limits)
    elif isinstance(value, _COLLECTION):
        limits = _limits()
        if len(value) > limits.max_items:
            raise _too_many(what, len(value), limits)
    return value


def _is_int(value: Any) -> bool:
    return isinstance(value, int)


def check_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse ``*``, ``**``, ``+`` and ``%`` whose result would be over the limits."""
    tick()
    limits = _limits()
    what = f"`{operator}`"
    if operator == "**":
        if _is_int(left) and _is_int(right) and right > 0 and abs(left) > 1:
            bits = (abs(left).bit_length() - 1) * right
            if bits > MAX_INT_BITS:
                raise TemplateLimitError(
                    f"`**` would make a number of about {int(bits * 0.30103):,} digits; "
                    f"numbers in a template are limited to {MAX_INT_BITS} bits"
                )
    elif operator == "*":
        for seq, times in ((left, right), (right, left)):
            if _is_int(times) and isinstance(seq, _TEXT):
                _check_text_size(what, len(seq) * max(times, 0), limits)
            elif (
                _is_int(times)
                and isinstance(seq, (list, tuple))
                and len(seq) * max(times, 0) > limits.max_items
            ):
                raise _too_many(what, len(seq) * times, limits)
        if _is_int(left) and _is_int(right):
            bits = abs(left).bit_length() + abs(right).bit_length()
            if bits > MAX_INT_BITS:
                raise TemplateLimitError(
                    f"`*` would make a number of about {int(bits * 0.30103):,} digits; "
                    f"numbers in a template are limited to {MAX_INT_BITS} bits"
                )
    elif operator == "+":
        if isinstance(left, _TEXT) and isinstance(right, _TEXT):
            _check_text_size(what, len(left) + len(right), limits)
    elif operator == "%" and isinstance(left, str):
        _check_printf(left, right, limits)


_PRINTF = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?")


def _check_printf(template: str, values: Any, limits: RenderLimits) -> None:
    """``"%1000000000s" % x`` pads to a gigabyte: refuse widths and precisions over the limit."""
    for match in _PRINTF.finditer(template):
        for group in match.groups():
            if group and group.isdigit() and int(group) > limits.max_chars:
                _check_text_size("a `%` format", int(group), limits)
            if group == "*":
                items = values if isinstance(values, tuple) else (values,)
                for item in items:
                    if _is_int(item) and item > limits.max_chars:
                        _check_text_size("a `%` format", item, limits)


_FORMAT_FIELD = re.compile(r"\{[^{}]*\}")


def _check_format(template: str, args: Sequence[Any], kwargs: dict[str, Any]) -> None:
    """``"{:>1000000000}".format(x)`` pads to a gigabyte: refuse widths over the limit."""
    limits = _limits()
    for field in _FORMAT_FIELD.findall(template):
        _, _, spec = field[1:-1].partition(":")
        for digits in re.findall(r"\d+", spec):
            _check_text_size("a format width", int(digits), limits)
    if re.search(r"\{[^{}]*:[^{}]*\{", template):  # a width taken from the arguments
        for value in [*args, *kwargs.values()]:
            if _is_int(value) and value > limits.max_chars:
                _check_text_size("a format width", value, limits)


def _materialise(value: Any) -> Any:
    """An iterable as a list (so its length is known), other values unchanged."""
    if isinstance(value, (str, bytes, list, tuple, dict)) or not hasattr(value, "__iter__"):
        return value
    items = []
    limits = _limits()
    for item in value:
        items.append(item)
        if len(items) > limits.max_items:
            raise _too_many("an iteration", len(items), limits)
    return items


def _join_size(separator: Any, items: Any) -> int:
    if not isinstance(items, (list, tuple, str)):
        return 0
    size = len(separator) * max(len(items) - 1, 0) if isinstance(separator, _TEXT) else 0
    return size + sum(len(item) for item in items if isinstance(item, _TEXT))


def _replace_size(text: Any, old: Any, new: Any, count: Any = None) -> int:
    if not (isinstance(text, str) and isinstance(old, str) and isinstance(new, str)):
        return 0
    hits = len(text) + 1 if old == "" else text.count(old)
    if _is_int(count) and count >= 0:
        hits = min(hits, count)
    return len(text) + hits * max(len(new) - len(old), 0)


_WIDTH_METHODS = {"center", "ljust", "rjust", "zfill"}


def check_call(obj: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    """Check a call from a template before it runs; the arguments to call it with.

    Refuses ``str`` methods that would pad, repeat or join beyond the limits,
    and ``lipsum``/``range`` beyond them. Iterables passed to ``join`` are
    made into lists so their size is known first.
    """
    tick()
    limits = _limits()
    name = getattr(obj, "__name__", "")
    owner = getattr(getattr(obj, "__wrapped__", obj), "__self__", None)
    if isinstance(owner, _TEXT):
        what = f"`{name}()`"
        if name in _WIDTH_METHODS and args and _is_int(args[0]):
            _check_text_size(what, args[0], limits)
        elif name == "expandtabs":
            size = args[0] if args else kwargs.get("tabsize", 8)
            if _is_int(size):
                tab: Any = "\t" if isinstance(owner, str) else b"\t"
                _check_text_size(what, len(owner) + owner.count(tab) * size, limits)
        elif name == "replace" and len(args) >= 2:
            _check_text_size(what, _replace_size(owner, *args[:3]), limits)
        elif name == "join" and args:
            args = (_materialise(args[0]), *args[1:])
            _check_text_size(what, _join_size(owner, args[0]), limits)
        elif name in ("format", "format_map") and isinstance(owner, str):
            _check_format(owner, args, kwargs)
    elif name == "generate_lorem_ipsum":
        for key, index, default in (("n", 0, 5), ("max", 3, 100)):
            value = args[index] if len(args) > index else kwargs.get(key, default)
            if _is_int(value) and value > 1000:
                raise TemplateLimitError(f"lipsum({key}={value:,}) is more than 1,000")
    return args


def bounded_range(*args: int) -> range:
    """``range`` for templates: at most ``max_items`` numbers."""
    tick()
    numbers = range(*args)
    limits = _limits()
    if len(numbers) > limits.max_items:
        raise _too_many("range()", len(numbers), limits)
    return numbers


LOOP_FILTER = "sendocs_watched_loop"


@pass_context
def watched_loop(context: Any, iterable: Any) -> Iterator[Any]:
    """What every ``{% for %}`` iterates: ``iterable``, checking the clock every 1,024 items.

    ``pass_context`` stops Jinja from calling it while compiling.
    """
    for i, item in enumerate(iterable):
        if not i & 1023:
            tick()
        yield item


class WatchedLoopCodeGenerator(CodeGenerator):
    """Jinja's code generator, with every ``for`` loop's iterable passed through the clock."""

    def visit_Template(self, node: nodes.Template, frame: Frame | None = None) -> None:
        for loop in node.find_all(nodes.For):
            loop.iter = nodes.Filter(loop.iter, LOOP_FILTER, [], [], None, None, lineno=loop.lineno)
        super().visit_Template(node, frame)


class BoundedNamespace(Namespace):
    """``namespace()``: assignments in a loop cannot grow a value past the limits."""

    def __setitem__(self, name: str, value: Any) -> None:
        tick()
        super().__setitem__(name, check_result(value, f"the namespace value {name!r}"))


def bounded_concat(pieces: Any) -> str:
    """``"".join`` for rendered output (the document, a block, a macro) within the limits."""
    parts: list[str] = []
    size = 0
    limits = _limits()
    for piece in pieces:
        size += len(piece)
        if size > limits.max_chars:
            raise _too_long("the rendered text", size, limits)
        parts.append(piece)
        if not len(parts) & 1023:
            tick()
    return "".join(parts)


def bounded_markup_join(seq: Any) -> Any:
    """The ``~`` operator with autoescaping, within the limits."""
    _check_text_size("`~`", sum(len(s) for s in seq if isinstance(s, str)), _limits())
    return check_result(markup_join(seq), "`~`")


def bounded_str_join(seq: Any) -> str:
    """The ``~`` operator without autoescaping, within the limits."""
    _check_text_size("`~`", sum(len(s) for s in seq if isinstance(s, str)), _limits())
    result: str = check_result(str_join(seq), "`~`")
    return result


# --- filters ---------------------------------------------------------------------------------


def _arg(args: Sequence[Any], kwargs: dict[str, Any], index: int, name: str, default: Any) -> Any:
    return args[index] if len(args) > index else kwargs.get(name, default)


def _check_filter(name: str, args: list[Any], kwargs: dict[str, Any]) -> None:
    """Checks before a filter runs; ``args[0]`` is the filtered value."""
    limits = _limits()
    what = f"the `{name}` filter"
    value = args[0] if args else None
    if name == "center":
        width = _arg(args, kwargs, 1, "width", 80)
        if _is_int(width):
            _check_text_size(what, width, limits)
    elif name == "indent":
        width = _arg(args, kwargs, 1, "width", 4)
        if _is_int(width):
            _check_text_size(what, width, limits)
        elif isinstance(width, str) and isinstance(value, str):
            _check_text_size(what, len(value) + (value.count("\n") + 1) * len(width), limits)
    elif name in ("batch", "slice"):
        count = _arg(args, kwargs, 1, "linecount" if name == "batch" else "slices", 1)
        if _is_int(count) and count > limits.max_items:
            raise _too_many(what, count, limits)
    elif name == "replace":
        old, new = _arg(args, kwargs, 1, "old", ""), _arg(args, kwargs, 2, "new", "")
        count = _arg(args, kwargs, 3, "count", None)
        _check_text_size(what, _replace_size(str(value), old, new, count), limits)
    elif name == "join" and args:
        args[0] = _materialise(value)
        _check_text_size(what, _join_size(_arg(args, kwargs, 1, "d", ""), args[0]), limits)
    elif name == "format" and isinstance(value, str):
        _check_printf(value, tuple(args[1:]) or tuple(kwargs.values()), limits)
    elif name == "tojson":
        indent = _arg(args, kwargs, 1, "indent", None)
        if (_is_int(indent) or isinstance(indent, str)) and _indent_size(indent) > 1000:
            raise TemplateLimitError(f"{what} indent of {_indent_size(indent):,} is over 1,000")
    elif name == "wordwrap" and isinstance(value, str):
        width = _arg(args, kwargs, 1, "width", 79)
        wrap = _arg(args, kwargs, 3, "wrapstring", None)
        if isinstance(wrap, str) and _is_int(width):
            lines = len(value) // max(width, 1) + value.count("\n") + 1
            _check_text_size(what, len(value) + lines * len(wrap), limits)
    elif name == "sum" and args:
        args[0] = _materialise(value)
        start = _arg(args, kwargs, 2, "start", 0)
        if isinstance(start, (list, tuple, str)) and isinstance(args[0], (list, tuple)):
            size = len(start) + sum(len(x) for x in args[0] if isinstance(x, (list, tuple, str)))
            if size > limits.max_items:
                raise _too_many(what, size, limits)


def _indent_size(indent: Any) -> int:
    return len(indent) if isinstance(indent, str) else int(indent)


def guard_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """``func`` wrapped with the time check, the filter's own checks and a result check.

    Jinja passes a context, eval context or environment first to filters marked
    with ``pass_context`` and friends; the marker is copied to the wrapper.
    """
    skip = 1 if getattr(func, "jinja_pass_arg", None) is not None else 0
    what = f"the `{name}` filter"

    def guarded(*args: Any, **kwargs: Any) -> Any:
        tick()
        head, rest = list(args[:skip]), list(args[skip:])
        _check_filter(name, rest, kwargs)
        return check_result(func(*head, *rest, **kwargs), what)

    guarded.__name__ = getattr(func, "__name__", name)
    guarded.__doc__ = func.__doc__
    guarded.__dict__.update(getattr(func, "__dict__", {}))
    guarded.__wrapped__ = func  # type: ignore[attr-defined]
    return guarded


# --- reporting -------------------------------------------------------------------------------


def template_line(tb: TracebackType | None) -> int | None:
    """The template line of the innermost template frame in a traceback Jinja has rewritten."""
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def describe_failure(exc: BaseException) -> str | None:
    """A user's-words sentence for the Python errors an exhausting template causes."""
    if isinstance(exc, OverflowError):
        return "a number or range grew too large for this computer"
    if isinstance(exc, MemoryError):
        return "the template needed more memory than this computer has"
    if isinstance(exc, RecursionError):
        return "a macro or recursive loop calls itself too deeply"
    return None

"""Checking a school's own Word template before it is used for real documents.

A SENCO restyles a shipped template in Word, or writes one from scratch, and
types tags such as ``{{ child.legal_surname }}``. Rendering would stop at
the first misspelt field (the environment is strict); this module finds
*every* problem at once and says how to fix each:

* Jinja syntax errors, with the document text around them (not XML);
* every field the template uses, checked against what the document kind
  really provides. docxtpl's ``get_undeclared_template_variables`` sees
  top-level names only, so we walk the Jinja syntax tree ourselves and follow
  attribute and item chains (``plan.outcomes``), loop variables
  (``{%tr for row in plan.outcomes %}`` binds ``row`` to an outcome row),
  ``{% set %}`` names and filters; a misspelt name gets the nearest real one
  ("did you mean child.legal_surname?"). Names only used under
  ``is defined`` (or with ``|default``) are optional: reported as warnings;
* block tags that break the document's structure: a plain ``{% for %}``
  spread over table cells or rows (must be ``{%tr for %}``) or over several
  paragraphs (should be ``{%p for %}``);
* tags the school cannot see in Word (hidden text, deleted tracked changes,
  field codes), which would still be rendered.

The template is prepared exactly as rendering prepares it (docxtpl's
``patch_xml`` on the body, headers and footers), so a template typed in real
Word, with tags split across runs and quotes turned curly, is judged the way
it will be rendered.

What a kind provides is learnt from a *sample context*: the kind's own
``build_context`` applied to every bundled example case, so lists are
non-empty. Pydantic models are resolved through their declared fields and
properties, so a field that happens to be empty in every example is still
known.
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import functools
import io
import re
import types
import typing
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2
from docxtpl import DocxTemplate
from jinja2 import nodes
from pydantic import BaseModel

from sendocs.documents import DocumentKind, RenderOptions, get_kind
from sendocs.errors import SendocsError, TemplateError
from sendocs.render.environment import get_environment

__all__ = [
    "LintProblem",
    "check_template",
    "list_fields",
    "sample_contexts",
    "test_render",
]

SAMPLE_DATE = dt.date(2026, 11, 23)
"""The document date used for sample contexts (fixed, so results are repeatable)."""


@dataclass(frozen=True)
class LintProblem:
    """One thing wrong (``error``) or worth a look (``warning``) in a template."""

    message: str
    severity: str = "error"
    part: str = "document"
    near: str = ""
    field: str | None = None
    suggestion: str | None = None

    def __str__(self) -> str:
        where = "" if self.part == "document" else f"[{self.part}] "
        text = f"{self.severity}: {where}{self.message}"
        if self.near:
            text += f'\n    near: "{self.near}"'
        return text


# -- sample contexts -------------------------------------------------------------------


def _resolve_kind(kind: str | DocumentKind) -> DocumentKind:
    return kind if isinstance(kind, DocumentKind) else get_kind(kind)


@functools.lru_cache(maxsize=16)
def _sample_contexts_for(kind_name: str) -> tuple[dict[str, Any], ...]:
    from sendocs.loading import load_case
    from sendocs.resources import fixtures_dir

    kind = get_kind(kind_name)
    options = RenderOptions(date=SAMPLE_DATE)
    cases = [
        load_case(path, today=SAMPLE_DATE).case
        for path in sorted((fixtures_dir() / "cases").glob("*.yaml"))
    ]
    suitable = [case for case in cases if not kind.check(case, options)]
    # A kind whose check depends on the date (a follow-up letter is refused while the
    # authority still has time) still has fields: fall back to every example case.
    contexts: list[dict[str, Any]] = []
    for case in suitable or cases:
        try:
            contexts.append(kind.build_context(case, options))
        except SendocsError:
            continue
    if not contexts:
        raise SendocsError(
            f"no example case suits document kind {kind_name!r}, so its fields cannot be listed"
        )
    # The richest example first: it is the one test renders use.
    contexts.sort(key=lambda c: -len(repr(c)))
    return tuple(contexts)


def sample_contexts(kind: str | DocumentKind) -> list[dict[str, Any]]:
    """The kind's context built from every bundled example case that suits it.

    The richest one comes first. Lists merged across examples are what the
    checker resolves fields against.
    """
    return list(_sample_contexts_for(_resolve_kind(kind).name))


# -- shapes: what an expression may stand for ----------------------------------------------


class _AnyType:
    """Something we cannot (or need not) check further: a method result, a loop counter."""

    def __repr__(self) -> str:
        return "ANY"


ANY = _AnyType()


@dataclass(frozen=True)
class _Type:
    """A declared type (from a pydantic annotation) standing in for a missing value."""

    annotation: Any


_SCALARS = (str, int, float, Decimal, dt.date, bool, enum.Enum)


def _unwrap_annotation(annotation: Any) -> list[Any]:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        return [
            a
            for arg in typing.get_args(annotation)
            for a in _unwrap_annotation(arg)
            if a is not type(None)
        ]
    if origin is typing.Annotated:
        return _unwrap_annotation(typing.get_args(annotation)[0])
    return [annotation]


def _model_names(cls: type[BaseModel]) -> dict[str, Any]:
    """Fields (with annotations) and public properties of a model class."""
    names: dict[str, Any] = {n: f.annotation for n, f in cls.model_fields.items()}
    for klass in reversed(cls.__mro__):
        if klass in (BaseModel, object):
            continue
        for name, attr in vars(klass).items():
            if name.startswith("_") or name in names:
                continue
            if isinstance(attr, property):
                names[name] = (
                    typing.get_type_hints(attr.fget).get("return", ANY) if attr.fget else ANY
                )
            elif isinstance(attr, functools.cached_property):
                names[name] = ANY
    return names


def _model_methods(cls: type) -> set[str]:
    return {
        n
        for n in dir(cls)
        if not n.startswith("_") and callable(getattr(cls, n, None)) and not n.startswith("model_")
    }


@functools.cache
def _public_attrs(cls: Any) -> frozenset[str]:
    return frozenset(n for n in dir(cls) if not n.startswith("_"))


def _lookup(cand: Any, name: str) -> tuple[list[Any], set[str]]:
    """Resolve ``cand.name``: (results, names available for suggestions).

    Empty results mean "definitely not there" for this candidate.
    """
    if cand is ANY:
        return [ANY], set()
    if isinstance(cand, _Type):
        return _lookup_type(cand.annotation, name)
    if isinstance(cand, dict):
        if name in cand:
            value = cand[name]
            return ([ANY] if value is None else [value]), set()
        if name in _public_attrs(dict):
            return [ANY], set()
        return [], {str(k) for k in cand}
    if isinstance(cand, BaseModel):
        names = _model_names(type(cand))
        if name in names:
            value = getattr(cand, name)
            if value is None:
                annotation = names[name]
                return ([ANY] if annotation is ANY else [_Type(annotation)]), set()
            return [value], set()
        if name in _model_methods(type(cand)):
            return [ANY], set()
        return [], set(names)
    if isinstance(cand, list | tuple):
        if name in _public_attrs(type(cand)):
            return [ANY], set()
        return [], set()
    if hasattr(cand, name):
        try:
            value = getattr(cand, name)
        except Exception:
            return [ANY], set()
        return ([ANY] if callable(value) or value is None else [value]), set()
    cls: Any = type(cand)
    return [], set(_public_attrs(cls))


def _lookup_type(annotation: Any, name: str) -> tuple[list[Any], set[str]]:
    results: list[Any] = []
    available: set[str] = set()
    for option in _unwrap_annotation(annotation):
        if option is ANY or option is Any:
            return [ANY], set()
        if isinstance(option, type) and issubclass(option, BaseModel):
            names = _model_names(option)
            if name in names:
                results.append(ANY if names[name] is ANY else _Type(names[name]))
            elif name in _model_methods(option):
                results.append(ANY)
            else:
                available |= set(names)
        elif isinstance(option, type):
            if name in _public_attrs(option):
                results.append(ANY)
            elif issubclass(option, enum.Enum):
                available |= set(_public_attrs(option))
        else:
            results.append(ANY)  # list[...] etc.: attributes of containers are rarely used
    return results, available


def _elements(cands: Sequence[Any], limit: int = 40) -> list[Any]:
    """What iterating over each candidate yields: every element across the samples."""
    out: list[Any] = []
    for cand in cands:
        if cand is ANY:
            return [ANY]
        if isinstance(cand, _Type):
            for option in _unwrap_annotation(cand.annotation):
                args = typing.get_args(option)
                if typing.get_origin(option) in (list, tuple, set, Sequence) and args:
                    out.append(_Type(args[0]))
                else:
                    return [ANY]
        elif isinstance(cand, list | tuple):
            out.extend(e for e in cand[:limit] if e is not None)
        else:  # dicts (keys), strings (characters): nothing to check
            return [ANY]
    return out or [ANY]


# -- walking the template ----------------------------------------------------------------


@dataclass
class _Shape:
    cands: list[Any]
    path: str | None  # the field path in the kind's terms, e.g. "plan.outcomes[].area"

    @property
    def unknown(self) -> bool:
        return not self.cands or any(c is ANY for c in self.cands)


_UNKNOWN = _Shape([ANY], None)

_SAME_ELEMENTS = frozenset(
    {"selectattr", "rejectattr", "select", "reject", "sort", "list", "reverse", "unique"}
    | {"batch", "slice"}
)
_ONE_ELEMENT = frozenset(["first", "last", "min", "max", "random"])
_OPTIONAL_FILTERS = frozenset({"default", "d"})


class _Walker:
    """Follows every field the template uses and records what does not exist."""

    def __init__(
        self,
        contexts: Sequence[dict[str, Any]],
        env: jinja2.Environment,
        near: typing.Callable[[int], str],
        part: str,
    ) -> None:
        self.contexts = contexts
        self.env = env
        self.near = near
        self.part = part
        self.scopes: list[dict[str, _Shape]] = [{}]
        self.guards: list[str] = []
        self.problems: list[LintProblem] = []
        self.used: set[str] = set()
        self._reported: set[tuple[str, str]] = set()

    # -- reporting --------------------------------------------------------------------
    def _report(
        self, node: nodes.Node, text: str, message: str, suggestion: str | None = None
    ) -> None:
        guarded = any(text == g or text.startswith((g + ".", g + "[")) for g in self.guards)
        severity = "warning" if guarded else "error"
        if guarded:
            message += " (it is only used where guarded by 'is defined' or '|default', so "
            message += "the document renders without it; check the spelling)"
        key = (severity, message)
        if key in self._reported:
            return
        self._reported.add(key)
        self.problems.append(
            LintProblem(
                message=message,
                severity=severity,
                part=self.part,
                near=self.near(getattr(node, "lineno", 0) or 0),
                field=text,
                suggestion=suggestion,
            )
        )

    # -- scopes -----------------------------------------------------------------------
    def _bind(self, target: nodes.Node, shape: _Shape) -> None:
        if isinstance(target, nodes.Name):
            self.scopes[-1][target.name] = shape
        elif isinstance(target, nodes.Tuple):
            for item in target.items:
                self._bind(item, _UNKNOWN)

    def _find(self, name: str) -> _Shape | None:
        for scope in reversed(self.scopes):
            if name in scope:
                return scope[name]
        return None

    # -- expressions ------------------------------------------------------------------
    def expr(self, node: nodes.Node | None) -> _Shape:
        if node is None:
            return _UNKNOWN
        if isinstance(node, nodes.Name):
            return self._name(node)
        if isinstance(node, nodes.Getattr):
            return self._attr(node, self.expr(node.node), node.attr, f".{node.attr}")
        if isinstance(node, nodes.Getitem):
            base = self.expr(node.node)
            arg = node.arg
            if isinstance(arg, nodes.Const) and isinstance(arg.value, str):
                return self._attr(node, base, arg.value, f"[{arg.value!r}]")
            self.expr(arg)
            if isinstance(arg, nodes.Const) and isinstance(arg.value, int):
                return self._element_shape(base)
            if isinstance(arg, nodes.Slice):
                return base
            return _UNKNOWN
        if isinstance(node, nodes.Filter):
            return self._filter(node)
        if isinstance(node, nodes.Test):
            return self._test(node)
        if isinstance(node, nodes.Call):
            self.expr(node.node)
            for child in [*node.args, *node.kwargs]:
                self.expr(child)
            self.expr(node.dyn_args)
            self.expr(node.dyn_kwargs)
            return _UNKNOWN
        if isinstance(node, nodes.Keyword):
            return self.expr(node.value)
        if isinstance(node, nodes.CondExpr):
            self.expr(node.test)
            self.expr(node.expr1)
            self.expr(node.expr2)
            return _UNKNOWN
        for child in node.iter_child_nodes():
            self.expr(child)
        return _UNKNOWN

    def _name(self, node: nodes.Name) -> _Shape:
        shape = self._find(node.name)
        if shape is not None:
            return shape
        values = [c[node.name] for c in self.contexts if node.name in c]
        if values:
            self.used.add(node.name)
            present = [v for v in values if v is not None]
            return _Shape(present or [ANY], node.name)
        if node.name in self.env.globals:
            return _UNKNOWN
        known = sorted({k for c in self.contexts for k in c} | {k for s in self.scopes for k in s})
        close = difflib.get_close_matches(node.name, known, n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]}?" if close else ""
        self._report(
            node,
            node.name,
            f"unknown field {node.name!r}{hint}",
            close[0] if close else None,
        )
        return _UNKNOWN

    def _attr(self, node: nodes.Node, base: _Shape, name: str, suffix: str) -> _Shape:
        if base.path is None and base.unknown:
            return _UNKNOWN
        results: list[Any] = []
        available: set[str] = set()
        definite = True
        for cand in base.cands:
            found, names = _lookup(cand, name)
            if cand is ANY:
                definite = False
            results.extend(found)
            available |= names
        path = f"{base.path}{suffix}" if base.path else None
        if results:
            if path:
                self.used.add(path)
            return _Shape(results, path)
        if not definite:
            return _UNKNOWN
        text = _expr_text(node)
        if base.path and name == "loop":
            return _UNKNOWN
        close = difflib.get_close_matches(name, sorted(available), n=1, cutoff=0.6)
        if close:
            fixed = _expr_text(node, replace_last=close[0])
            message = f"unknown field {text!r}; did you mean {fixed}?"
            suggestion: str | None = fixed
        else:
            what = _describe(base.cands)
            message = f"unknown field {text!r}: {what} has no {name!r}"
            suggestion = None
            if available:
                message += " (it has: " + ", ".join(sorted(available)[:12])
                message += ", …)" if len(available) > 12 else ")"
        self._report(node, text, message, suggestion)
        return _UNKNOWN

    def _element_shape(self, base: _Shape) -> _Shape:
        if base.unknown and base.path is None:
            return _UNKNOWN
        path = f"{base.path}[]" if base.path else None
        return _Shape(_elements(base.cands), path)

    def _filter(self, node: nodes.Filter) -> _Shape:
        if node.name not in self.env.filters:
            close = difflib.get_close_matches(node.name, sorted(self.env.filters), n=1)
            hint = f"; did you mean {close[0]}?" if close else ""
            self._report(node, f"|{node.name}", f"unknown filter {node.name!r}{hint}")
        optional = node.name in _OPTIONAL_FILTERS and node.node is not None
        if optional:
            self.guards.append(_expr_text(node.node))
        base = self.expr(node.node)
        if optional:
            self.guards.pop()
        for child in [*node.args, *node.kwargs]:
            self.expr(child)
        if node.name in _SAME_ELEMENTS:
            return base
        if node.name in _ONE_ELEMENT:
            return self._element_shape(base)
        if node.name == "map":
            attribute = next((k.value for k in node.kwargs if k.key == "attribute"), None)
            if isinstance(attribute, nodes.Const) and isinstance(attribute.value, str):
                element = self._element_shape(base)
                found = self._attr(node, element, attribute.value, f".{attribute.value}")
                return _Shape([found.cands], found.path)
        return _UNKNOWN

    def _test(self, node: nodes.Test) -> _Shape:
        if node.name not in self.env.tests:
            close = difflib.get_close_matches(node.name, sorted(self.env.tests), n=1)
            hint = f"; did you mean {close[0]}?" if close else ""
            self._report(node, f"is {node.name}", f"unknown test {node.name!r}{hint}")
        if node.name in ("defined", "undefined"):
            self.guards.append(_expr_text(node.node))
            self.expr(node.node)
            self.guards.pop()
        else:
            self.expr(node.node)
        for child in [*node.args, *node.kwargs]:
            self.expr(child)
        return _UNKNOWN

    # -- statements -------------------------------------------------------------------
    def stmts(self, body: Sequence[nodes.Node]) -> None:
        for node in body:
            self.stmt(node)

    def stmt(self, node: nodes.Node) -> None:
        if isinstance(node, nodes.Output):
            for child in node.nodes:
                if not isinstance(child, nodes.TemplateData):
                    self.expr(child)
        elif isinstance(node, nodes.For):
            iterated = self.expr(node.iter)
            self.scopes.append({"loop": _UNKNOWN})
            self._bind(node.target, self._element_shape(iterated))
            if node.test is not None:
                self.expr(node.test)
            self.stmts(node.body)
            self.scopes.pop()
            self.stmts(node.else_)
        elif isinstance(node, nodes.If):
            guards = _defined_paths(node.test)
            self.expr(node.test)
            self.guards.extend(guards)
            self.stmts(node.body)
            del self.guards[len(self.guards) - len(guards) :]
            for elif_ in node.elif_:
                self.stmt(elif_)
            self.stmts(node.else_)
        elif isinstance(node, nodes.Assign):
            shape = self.expr(node.node)
            self._bind(node.target, shape)
        elif isinstance(node, nodes.AssignBlock):
            self.stmts(node.body)
            self._bind(node.target, _UNKNOWN)
        elif isinstance(node, nodes.With):
            shapes = [self.expr(v) for v in node.values]
            self.scopes.append({})
            for target, shape in zip(node.targets, shapes, strict=False):
                self._bind(target, shape)
            self.stmts(node.body)
            self.scopes.pop()
        elif isinstance(node, nodes.Macro | nodes.CallBlock):
            if isinstance(node, nodes.CallBlock):
                self.expr(node.call)
            self.scopes.append({"caller": _UNKNOWN, "varargs": _UNKNOWN, "kwargs": _UNKNOWN})
            for arg in node.args:
                self._bind(arg, _UNKNOWN)
            for default in node.defaults:
                self.expr(default)
            self.stmts(node.body)
            self.scopes.pop()
            if isinstance(node, nodes.Macro):
                self.scopes[-1][node.name] = _UNKNOWN
        elif isinstance(node, nodes.FilterBlock):
            self.expr(node.filter)
            self.stmts(node.body)
        elif isinstance(node, nodes.Include | nodes.Extends | nodes.Import | nodes.FromImport):
            self._report(
                node,
                "include",
                "a Word template cannot include, import or extend other templates",
            )
        elif isinstance(node, nodes.Expr):
            self.expr(node)
        else:
            for sub in node.iter_child_nodes():
                if isinstance(sub, nodes.Expr):
                    self.expr(sub)
                else:
                    self.stmt(sub)


def _defined_paths(test: nodes.Node) -> list[str]:
    """Paths tested with ``is defined`` in an if condition: optional inside its body."""
    tests = [test, *test.find_all(nodes.Test)]
    return [_expr_text(t.node) for t in tests if isinstance(t, nodes.Test) and t.name == "defined"]


def _expr_text(node: nodes.Node | None, replace_last: str | None = None) -> str:
    """The expression as the template author wrote it (roughly), for messages."""
    if isinstance(node, nodes.Name):
        return replace_last or node.name
    if isinstance(node, nodes.Getattr):
        return f"{_expr_text(node.node)}.{replace_last or node.attr}"
    if isinstance(node, nodes.Getitem):
        base = _expr_text(node.node)
        if isinstance(node.arg, nodes.Const):
            if replace_last is not None:
                return f"{base}.{replace_last}"
            return f"{base}[{node.arg.value!r}]"
        return f"{base}[…]"
    if isinstance(node, nodes.Filter) and node.name == "map":
        return f"{_expr_text(node.node)}|map(…)"
    if isinstance(node, nodes.Filter):
        return f"{_expr_text(node.node)}|{node.name}"
    return "…"


def _describe(cands: Sequence[Any]) -> str:
    for cand in cands:
        if isinstance(cand, BaseModel):
            return f"a {type(cand).__name__.lower()}"
        if isinstance(cand, dict):
            return "this item"
        if isinstance(cand, list | tuple):
            return "a list (loop over it with a for tag)"
        if isinstance(cand, str):
            return "a piece of text"
        if isinstance(cand, _SCALARS):
            return f"a {type(cand).__name__}"
    return "this value"


# -- preparing the document as docxtpl does --------------------------------------------------


@dataclass
class _Part:
    name: str
    source: str  # patched XML with a line break before each paragraph, as docxtpl renders it
    raw: str  # the XML before patching

    def text_of_line(self, lineno: int) -> str:
        lines = self.source.splitlines()
        if not 1 <= lineno <= len(lines):
            return ""
        return _xml_text(lines[lineno - 1])

    def near(self, lineno: int) -> str:
        """The document text of the paragraph with ``lineno``, or the nearest one with text."""
        for offset in (0, -1, 1, -2, 2):
            text = self.text_of_line(lineno + offset)
            if text:
                return _shorten(text)
        return ""

    def near_offset(self, offset: int) -> str:
        return self.near(self.source.count("\n", 0, offset) + 1)


def _xml_text(xml: str) -> str:
    text = re.sub(r"<w:tab/>|</w:p>|<w:br/>", " ", xml)
    text = re.sub(r"<[^>]+>", "", text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
    text = text.replace("&apos;", "'").replace("&amp;", "&")
    return re.sub(r"\s+", " ", text).strip()


def _shorten(text: str, limit: int = 140) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _prepare(template_path: Path) -> list[_Part]:
    try:
        data = template_path.read_bytes()
    except OSError as exc:
        raise TemplateError(
            f"cannot read the template ({exc.strerror})", str(template_path)
        ) from None
    try:
        tpl = DocxTemplate(io.BytesIO(data))
        tpl.init_docx()
        parts = [_make_part("document", tpl.get_xml(), tpl)]
        for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
            for _, part in tpl.get_headers_footers(uri):
                name = str(part.partname).rsplit("/", 1)[-1].removesuffix(".xml")
                parts.append(_make_part(name, tpl.get_part_xml(part), tpl))
    except (KeyError, ValueError, OSError) as exc:
        raise TemplateError(
            f"not a Word .docx file that can be read ({exc}); save it from Word as "
            "'Word Document (*.docx)'",
            str(template_path),
        ) from None
    except Exception as exc:  # zipfile.BadZipFile, lxml errors, python-docx package errors
        raise TemplateError(
            "not a Word .docx file (save it from Word as 'Word Document (*.docx)')"
            f" [{type(exc).__name__}]",
            str(template_path),
        ) from None
    return parts


def _make_part(name: str, raw: str, tpl: DocxTemplate) -> _Part:
    patched = tpl.patch_xml(raw)
    source = re.sub(r"<w:p([ >])", r"\n<w:p\1", patched)
    return _Part(name=name, source=source, raw=raw)


# -- structural checks -----------------------------------------------------------------------

_BLOCK = re.compile(r"\{%-?\s*(\w+)")
_OPENERS = {"for": "endfor", "if": "endif"}


def _last(text: str, pattern: re.Pattern[str], end: int) -> int:
    last = -1
    for m in pattern.finditer(text, 0, end):
        last = m.start()
    return last


_P_OPEN = re.compile(r"<w:p[ >]")
_P_CLOSE = re.compile(r"</w:p>")
_TC_OPEN = re.compile(r"<w:tc[ >]")
_TC_CLOSE = re.compile(r"</w:tc>")


def _paragraph_at(xml: str, pos: int) -> int | None:
    """Start of the paragraph containing ``pos``, or None if ``pos`` is between paragraphs."""
    start = _last(xml, _P_OPEN, pos)
    return start if start > _last(xml, _P_CLOSE, pos) else None


def _in_cell(xml: str, pos: int) -> bool:
    return _last(xml, _TC_OPEN, pos) > _last(xml, _TC_CLOSE, pos)


def _structure_problems(part: _Part) -> list[LintProblem]:
    """Block tags that open in one paragraph (or cell) and close in another."""
    xml = part.source
    problems: list[LintProblem] = []
    stack: list[tuple[str, int]] = []
    for m in _BLOCK.finditer(xml):
        word = m.group(1)
        if word in _OPENERS:
            stack.append((word, m.start()))
        elif word in ("endfor", "endif") and stack:
            opener, start = stack.pop()
            if _OPENERS.get(opener) != word:
                continue  # Jinja's own syntax check reports the mismatch
            first, second = _paragraph_at(xml, start), _paragraph_at(xml, m.start())
            if first is None or second is None or first == second:
                continue
            if _in_cell(xml, start) or _in_cell(xml, m.start()):
                problems.append(
                    LintProblem(
                        f"a plain {{% {opener} %}} inside a table ends in another cell or row; "
                        f"in tables write {{%tr {opener} … %}} and {{%tr {word} %}}, each in "
                        "a row of its own (a plain one corrupts the table)",
                        part=part.name,
                        near=part.near_offset(start),
                    )
                )
            else:
                problems.append(
                    LintProblem(
                        f"{{% {opener} %}} and {{% {word} %}} are in different paragraphs, "
                        f"which leaves empty paragraphs behind; write {{%p {opener} … %}} and "
                        f"{{%p {word} %}}, each in a paragraph of its own",
                        severity="warning",
                        part=part.name,
                        near=part.near_offset(start),
                    )
                )
    return problems


_HIDDEN_RUN = re.compile(r"<w:r[ >](?:(?!</w:r>).)*?<w:vanish/>(?:(?!</w:r>).)*?</w:r>", re.S)
_DELETED = re.compile(r"<w:delText[^>]*>([^<]*)</w:delText>")
_INSTR = re.compile(r"<w:instrText[^>]*>([^<]*)</w:instrText>")
_TAG_START = re.compile(r"\{\{|\{%|\}\}|%\}")


def _hidden_tag_problems(part: _Part) -> list[LintProblem]:
    """Tags the school cannot see in Word but that would still be rendered."""
    problems = []
    checks = (
        (_HIDDEN_RUN, "is formatted as hidden text"),
        (_DELETED, "is in deleted text of a tracked change (accept or reject all changes)"),
        (_INSTR, "is inside a Word field code (press Alt+F9 in Word to see it)"),
    )
    for pattern, why in checks:
        for m in pattern.finditer(part.raw):
            if _TAG_START.search(_xml_text(m.group(0))):
                problems.append(
                    LintProblem(
                        f"a template tag {why}; the school cannot see it in Word but it "
                        "will still be filled in",
                        severity="warning",
                        part=part.name,
                        near=_shorten(_xml_text(m.group(0))),
                    )
                )
    return problems


# -- the checks ----------------------------------------------------------------------------


def check_template(template_path: str | Path, kind: str | DocumentKind) -> list[LintProblem]:
    """Every problem in a .docx template for document kind ``kind``, errors first.

    An empty list means the template uses only fields the kind provides and
    its tags are well formed. Raises :class:`TemplateError` if the file is not
    a Word document.
    """
    path = Path(template_path)
    document_kind = _resolve_kind(kind)
    contexts = sample_contexts(document_kind)
    env = get_environment()
    problems: list[LintProblem] = []
    for part in _prepare(path):
        problems.extend(_hidden_tag_problems(part))
        try:
            tree = env.parse(part.source)
        except jinja2.TemplateSyntaxError as exc:
            problems.append(
                LintProblem(
                    f"template syntax error: {exc.message}",
                    part=part.name,
                    near=_syntax_near(part, exc),
                )
            )
            continue
        problems.extend(_structure_problems(part))
        walker = _Walker(contexts, env, part.near, part.name)
        walker.stmts(tree.body)
        problems.extend(walker.problems)
    problems.sort(key=lambda p: p.severity != "error")
    return problems


def _syntax_near(part: _Part, exc: jinja2.TemplateSyntaxError) -> str:
    """Text near a syntax error; for an unclosed block, the text where it opens."""
    message = exc.message or ""
    if "end of template" in message:
        stack: list[int] = []
        for m in _BLOCK.finditer(part.source):
            word = m.group(1)
            if word in _OPENERS:
                stack.append(m.start())
            elif word.startswith("end") and stack:
                stack.pop()
        if stack:
            return part.near_offset(stack[-1])
    return part.near(exc.lineno or 0)


def used_fields(template_path: str | Path, kind: str | DocumentKind) -> list[str]:
    """The field paths a template uses that the kind provides (for reports)."""
    document_kind = _resolve_kind(kind)
    contexts = sample_contexts(document_kind)
    env = get_environment()
    used: set[str] = set()
    for part in _prepare(Path(template_path)):
        try:
            tree = env.parse(part.source)
        except jinja2.TemplateSyntaxError:
            continue
        walker = _Walker(contexts, env, part.near, part.name)
        walker.stmts(tree.body)
        used |= walker.used
    return sorted(used)


def test_render(template_path: str | Path, kind: str | DocumentKind) -> list[LintProblem]:
    """Render the template with every sample context; a problem per failing example."""
    from sendocs.render.docx import DocxRenderer

    renderer = DocxRenderer()
    problems: list[LintProblem] = []
    seen: set[str] = set()
    for context in sample_contexts(kind):
        try:
            renderer.render_bytes(Path(template_path), context)
        except TemplateError as exc:
            text = str(exc).split(": ", 1)[-1] if exc.template else str(exc)
            if text not in seen:
                seen.add(text)
                problems.append(LintProblem(f"test render failed: {text}"))
        except Exception as exc:
            problems.append(LintProblem(f"test render failed: {type(exc).__name__}: {exc}"))
    return problems


test_render.__test__ = False  # type: ignore[attr-defined]  # not a pytest test


# -- the fields a kind provides ------------------------------------------------------------------


def list_fields(kind: str | DocumentKind, max_depth: int = 4) -> list[str]:
    """Every field path a template for ``kind`` may use, e.g. ``plan.outcomes[].baseline``.

    Lists are written ``name[]``: loop over them (``{%tr for row in plan.outcomes %}``)
    and use ``row.baseline``. Paths go ``max_depth`` names deep.
    """
    contexts = sample_contexts(kind)
    out: list[str] = []
    keys = sorted({k for c in contexts for k in c})
    for key in keys:
        cands = [c[key] for c in contexts if c.get(key) is not None]
        _walk_fields(key, cands, out, max_depth - 1, frozenset())
    return out


def _walk_fields(
    path: str, cands: list[Any], out: list[str], depth: int, seen: frozenset[type]
) -> None:
    out.append(path)
    if depth < 0 or not cands:
        return
    children: dict[str, list[Any]] = {}
    is_list = False
    for cand in cands:
        for name, value in _children(cand, seen):
            if name == "[]":
                is_list = True
            children.setdefault(name, []).extend(value)
    if is_list and "[]" in children:
        out.pop()
        _walk_fields(f"{path}[]", children.pop("[]"), out, depth, seen)
        return
    models = frozenset(
        type(c) if isinstance(c, BaseModel) else c.annotation
        for c in cands
        if isinstance(c, BaseModel) or (isinstance(c, _Type) and isinstance(c.annotation, type))
    )
    for name in sorted(children):
        _walk_fields(f"{path}.{name}", children[name], out, depth - 1, seen | models)


def _children(cand: Any, seen: frozenset[type]) -> Iterator[tuple[str, list[Any]]]:
    if isinstance(cand, dict):
        for key, value in cand.items():
            yield str(key), [] if value is None else [value]
    elif isinstance(cand, BaseModel):
        if type(cand) in seen:
            return
        for name, annotation in _model_names(type(cand)).items():
            try:
                value = getattr(cand, name)
            except Exception:
                value = None
            if value is None:
                yield name, [] if annotation is ANY else [_Type(annotation)]
            else:
                yield name, [value]
    elif isinstance(cand, _Type):
        for option in _unwrap_annotation(cand.annotation):
            args = typing.get_args(option)
            if typing.get_origin(option) is list and args:
                yield "[]", [_Type(args[0])]
            elif isinstance(option, type) and issubclass(option, BaseModel) and option not in seen:
                for name, annotation in _model_names(option).items():
                    yield name, [] if annotation is ANY else [_Type(annotation)]
    elif isinstance(cand, list | tuple) and cand:
        yield "[]", [e for e in cand if e is not None]

"""The Jinja syntax-tree walker: every field a template uses, and which do not exist.

docxtpl's ``get_undeclared_template_variables`` sees top-level names only, so
the walker follows attribute and item chains, loop variables, ``{% set %}``
names and filters, and reports each unknown name with the nearest real one.
Names only used under ``is defined`` or ``|default`` are reported as warnings.
"""

from __future__ import annotations

import difflib
import typing
from collections.abc import Sequence
from typing import Any

import jinja2
from jinja2 import nodes
from pydantic import BaseModel

from sendocs.lint.problems import LintProblem
from sendocs.lint.shapes import ANY, SCALARS, UNKNOWN, Shape, elements, lookup

_SAME_ELEMENTS = frozenset(
    {"selectattr", "rejectattr", "select", "reject", "sort", "list", "reverse", "unique"}
    | {"batch", "slice"}
)
_ONE_ELEMENT = frozenset(["first", "last", "min", "max", "random"])
_OPTIONAL_FILTERS = frozenset({"default", "d"})


class Walker:
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
        self.scopes: list[dict[str, Shape]] = [{}]
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
    def _bind(self, target: nodes.Node, shape: Shape) -> None:
        if isinstance(target, nodes.Name):
            self.scopes[-1][target.name] = shape
        elif isinstance(target, nodes.Tuple):
            for item in target.items:
                self._bind(item, UNKNOWN)

    def _find(self, name: str) -> Shape | None:
        for scope in reversed(self.scopes):
            if name in scope:
                return scope[name]
        return None

    # -- expressions ------------------------------------------------------------------
    def expr(self, node: nodes.Node | None) -> Shape:
        if node is None:
            return UNKNOWN
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
            return UNKNOWN
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
            return UNKNOWN
        if isinstance(node, nodes.Keyword):
            return self.expr(node.value)
        if isinstance(node, nodes.CondExpr):
            self.expr(node.test)
            self.expr(node.expr1)
            self.expr(node.expr2)
            return UNKNOWN
        for child in node.iter_child_nodes():
            self.expr(child)
        return UNKNOWN

    def _name(self, node: nodes.Name) -> Shape:
        shape = self._find(node.name)
        if shape is not None:
            return shape
        values = [c[node.name] for c in self.contexts if node.name in c]
        if values:
            self.used.add(node.name)
            present = [v for v in values if v is not None]
            return Shape(present or [ANY], node.name)
        if node.name in self.env.globals:
            return UNKNOWN
        known = sorted({k for c in self.contexts for k in c} | {k for s in self.scopes for k in s})
        close = difflib.get_close_matches(node.name, known, n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]}?" if close else ""
        self._report(
            node,
            node.name,
            f"unknown field {node.name!r}{hint}",
            close[0] if close else None,
        )
        return UNKNOWN

    def _attr(self, node: nodes.Node, base: Shape, name: str, suffix: str) -> Shape:
        if base.path is None and base.unknown:
            return UNKNOWN
        results: list[Any] = []
        available: set[str] = set()
        definite = True
        for cand in base.cands:
            found, names = lookup(cand, name)
            if cand is ANY:
                definite = False
            results.extend(found)
            available |= names
        path = f"{base.path}{suffix}" if base.path else None
        if results:
            if path:
                self.used.add(path)
            return Shape(results, path)
        if not definite:
            return UNKNOWN
        text = _expr_text(node)
        if base.path and name == "loop":
            return UNKNOWN
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
        return UNKNOWN

    def _element_shape(self, base: Shape) -> Shape:
        if base.unknown and base.path is None:
            return UNKNOWN
        path = f"{base.path}[]" if base.path else None
        return Shape(elements(base.cands), path)

    def _filter(self, node: nodes.Filter) -> Shape:
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
                return Shape([found.cands], found.path)
        return UNKNOWN

    def _test(self, node: nodes.Test) -> Shape:
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
        return UNKNOWN

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
            self.scopes.append({"loop": UNKNOWN})
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
            self._bind(node.target, UNKNOWN)
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
            self.scopes.append({"caller": UNKNOWN, "varargs": UNKNOWN, "kwargs": UNKNOWN})
            for arg in node.args:
                self._bind(arg, UNKNOWN)
            for default in node.defaults:
                self.expr(default)
            self.stmts(node.body)
            self.scopes.pop()
            if isinstance(node, nodes.Macro):
                self.scopes[-1][node.name] = UNKNOWN
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
        if isinstance(cand, SCALARS):
            return f"a {type(cand).__name__}"
    return "this value"

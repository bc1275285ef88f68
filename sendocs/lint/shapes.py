"""Shapes: what a template expression may stand for, and which names it has.

A field path is resolved against the values in the sample contexts and, where
a value is missing (``None`` in every example), against the pydantic model's
declared annotation, so a field that happens to be empty is still known.
The underscore names are internal to the ``sendocs.lint`` package.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import types
import typing
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pydantic import BaseModel


class _AnyType:
    """Something we cannot (or need not) check further: a method result, a loop counter."""

    def __repr__(self) -> str:
        return "ANY"


ANY = _AnyType()


@dataclass(frozen=True)
class Type:
    """A declared type (from a pydantic annotation) standing in for a missing value."""

    annotation: Any


SCALARS = (str, int, float, Decimal, dt.date, bool, enum.Enum)


def unwrap_annotation(annotation: Any) -> list[Any]:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        return [
            a
            for arg in typing.get_args(annotation)
            for a in unwrap_annotation(arg)
            if a is not type(None)
        ]
    if origin is typing.Annotated:
        return unwrap_annotation(typing.get_args(annotation)[0])
    return [annotation]


def model_names(cls: type[BaseModel]) -> dict[str, Any]:
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


def lookup(cand: Any, name: str) -> tuple[list[Any], set[str]]:
    """Resolve ``cand.name``: (results, names available for suggestions).

    Empty results mean "definitely not there" for this candidate.
    """
    if cand is ANY:
        return [ANY], set()
    if isinstance(cand, Type):
        return _lookup_type(cand.annotation, name)
    if isinstance(cand, dict):
        if name in cand:
            value = cand[name]
            return ([ANY] if value is None else [value]), set()
        if name in _public_attrs(dict):
            return [ANY], set()
        return [], {str(k) for k in cand}
    if isinstance(cand, BaseModel):
        names = model_names(type(cand))
        if name in names:
            value = getattr(cand, name)
            if value is None:
                annotation = names[name]
                return ([ANY] if annotation is ANY else [Type(annotation)]), set()
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
    for option in unwrap_annotation(annotation):
        if option is ANY or option is Any:
            return [ANY], set()
        if isinstance(option, type) and issubclass(option, BaseModel):
            names = model_names(option)
            if name in names:
                results.append(ANY if names[name] is ANY else Type(names[name]))
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


def elements(cands: Sequence[Any], limit: int = 40) -> list[Any]:
    """What iterating over each candidate yields: every element across the samples."""
    out: list[Any] = []
    for cand in cands:
        if cand is ANY:
            return [ANY]
        if isinstance(cand, Type):
            for option in unwrap_annotation(cand.annotation):
                args = typing.get_args(option)
                if typing.get_origin(option) in (list, tuple, set, Sequence) and args:
                    out.append(Type(args[0]))
                else:
                    return [ANY]
        elif isinstance(cand, list | tuple):
            out.extend(e for e in cand[:limit] if e is not None)
        else:  # dicts (keys), strings (characters): nothing to check
            return [ANY]
    return out or [ANY]


@dataclass
class Shape:
    cands: list[Any]
    path: str | None  # the field path in the kind's terms, e.g. "plan.outcomes[].area"

    @property
    def unknown(self) -> bool:
        return not self.cands or any(c is ANY for c in self.cands)


UNKNOWN = Shape([ANY], None)

"""Every field path a document kind provides, for ``sendocs templates fields``.

A school writing its own template needs the list of names it may use; it is
built from the sample contexts and the models' declared fields, lists written
``name[]``.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from sendocs.documents import DocumentKind
from sendocs.lint.samples import sample_contexts
from sendocs.lint.shapes import ANY, Type, model_names, unwrap_annotation


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
        if isinstance(c, BaseModel) or (isinstance(c, Type) and isinstance(c.annotation, type))
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
        for name, annotation in model_names(type(cand)).items():
            try:
                value = getattr(cand, name)
            except Exception:
                value = None
            if value is None:
                yield name, [] if annotation is ANY else [Type(annotation)]
            else:
                yield name, [value]
    elif isinstance(cand, Type):
        for option in unwrap_annotation(cand.annotation):
            args = typing.get_args(option)
            if typing.get_origin(option) is list and args:
                yield "[]", [Type(args[0])]
            elif isinstance(option, type) and issubclass(option, BaseModel) and option not in seen:
                for name, annotation in model_names(option).items():
                    yield name, [] if annotation is ANY else [Type(annotation)]
    elif isinstance(cand, list | tuple) and cand:
        yield "[]", [e for e in cand if e is not None]

"""Sample contexts: what a document kind provides, learnt from sample pupils built in code.

The kind's own ``build_context`` is applied to every sample case that suits it
(:mod:`sendocs.lint.sample_cases`, not the shipped example files),
so lists are non-empty and the checker can resolve field paths against real
values. Built once per kind (cached): building contexts is the slow part of a lint.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from sendocs.documents import DocumentKind, RenderOptions, get_kind
from sendocs.errors import SendocsError
from sendocs.lint.sample_cases import sample_cases

SAMPLE_DATE = dt.date(2026, 11, 23)
"""The document date used for sample contexts (fixed, so results are repeatable)."""


def resolve_kind(kind: str | DocumentKind) -> DocumentKind:
    return kind if isinstance(kind, DocumentKind) else get_kind(kind)


@functools.lru_cache(maxsize=16)
def _sample_contexts_for(kind_name: str) -> tuple[dict[str, Any], ...]:
    kind = get_kind(kind_name)
    options = RenderOptions(date=SAMPLE_DATE)
    cases = sample_cases()
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
            f"no sample case suits document kind {kind_name!r}, so its fields cannot be listed"
        )
    # The richest example first: it is the one test renders use.
    contexts.sort(key=lambda c: -len(repr(c)))
    return tuple(contexts)


def sample_contexts(kind: str | DocumentKind) -> list[dict[str, Any]]:
    """The kind's context built from every sample case that suits it.

    The richest one comes first. Lists merged across examples are what the
    checker resolves fields against.
    """
    return list(_sample_contexts_for(resolve_kind(kind).name))

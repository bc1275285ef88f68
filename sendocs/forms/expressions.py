"""Evaluating a form map's expressions against a case.

A PDF form value is plain text: ``Tom & Jerry`` must reach the form as
``Tom & Jerry``, not ``Tom &amp; Jerry``. The shared rendering environment
escapes for Word XML, so forms use a sibling with the same sandbox, filters,
strictness, limits and ``finalize`` (dates in long form, ``None`` as
nothing, enums by label) but no autoescaping and none of the marks Word
output needs. It is a separate instance; the shared one is never changed.

A map may come from a user, so an expression runs under the same bounds as
a template (:mod:`sendocs.render.limits`): ``10**(10**8)``, ``"a" * 10**9``
or a runaway loop is a :class:`~sendocs.errors.FormError` naming the map
entry, never a hang or a traceback.

An entry is either a bare expression (``child.legal_surname``,
``child.date_of_birth | date('short')``), whose value keeps its Python type
so a checkbox can receive ``true``, or a template with ``{{ }}`` for text
made of several parts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from enum import Enum
from functools import lru_cache
from typing import Any

from jinja2 import TemplateError as JinjaTemplateError
from jinja2 import Undefined
from jinja2.exceptions import SecurityError

from sendocs.errors import FormError
from sendocs.formatting import DEFAULT_LOCALE, format_list
from sendocs.models import Case
from sendocs.render.environment import SendocsEnvironment
from sendocs.render.limits import bounded, describe_failure

__all__ = ["evaluate", "form_context", "form_environment", "to_text"]


@lru_cache(maxsize=8)
def form_environment(locale: str = DEFAULT_LOCALE) -> SendocsEnvironment:
    """The sandboxed, strict, non-escaping environment for form map expressions."""
    env = SendocsEnvironment(locale, literal_marks=False)
    env.autoescape = False
    return env


def form_context(
    case: Case,
    today: dt.date | None = None,
    parent: Any = None,
    return_date: dt.date | None = None,
    consent_until: dt.date | None = None,
) -> dict[str, Any]:
    """The names a map expression can use.

    ``parent`` is the parent this copy is for (default: the first with parental
    responsibility); ``return_by`` the date to return the form (default 10 school
    days after ``today``); ``consent_until`` when consent ends unless withdrawn
    (default the end of the school year); ``services`` each consent service's name
    from the case (:func:`sendocs.forms.consent.service_titles`), the case's own
    first, and ``service_notes`` what each does; ``wording`` the consent form's policy
    wording (:func:`sendocs.forms.consent.consent_wording`); ``language`` the offer of the
    form in the parent's language (:func:`sendocs.forms.consent.language_offer`).
    """
    from sendocs.forms.consent import (
        consent_wording,
        end_of_school_year,
        language_offer,
        return_by,
        service_notes,
        service_rows,
        service_titles,
    )

    parents = list(case.parents)
    with_responsibility = [p for p in parents if p.parental_responsibility]
    today = today or dt.date.today()
    parent = parent or (with_responsibility or parents)[0]
    rows = service_rows(case, today)  # once: the titles, notes and tick descriptions share it
    return {
        "case": case,
        "child": case.child,
        "school": case.school,
        "parents": parents,
        "parent": parent,
        "la": case.local_authority,
        "today": today,
        "return_by": return_date or return_by(today),
        "consent_until": consent_until or end_of_school_year(today),
        "services": service_titles(case, today, rows),
        "service_notes": service_notes(case, today, rows),
        "wording": consent_wording(
            case, today, rows, parent, consent_until or end_of_school_year(today)
        ),
        "language": language_offer(case, parent, today),
    }


def evaluate(
    expression: str, context: Mapping[str, Any], where: str, locale: str = DEFAULT_LOCALE
) -> Any:
    """Evaluate one map entry's expression; errors name ``where`` and the expression."""
    env = form_environment(locale)
    try:
        with bounded():
            if "{{" in expression or "{%" in expression:
                return env.from_string(expression).render(**context)
            result = env.compile_expression(expression, undefined_to_none=False)(**context)
    except (OverflowError, MemoryError, RecursionError) as exc:
        raise FormError(
            f"{where}: cannot evaluate `{expression}`: {describe_failure(exc)}"
        ) from None
    except SecurityError as exc:
        raise FormError(f"{where}: `{expression}` is not allowed ({exc})") from None
    except JinjaTemplateError as exc:
        raise FormError(f"{where}: cannot evaluate `{expression}`: {exc}") from None
    except (TypeError, ValueError, AttributeError, LookupError, ArithmeticError) as exc:
        raise FormError(f"{where}: cannot evaluate `{expression}`: {exc}") from None
    if isinstance(result, Undefined):
        try:
            str(result)
        except JinjaTemplateError as exc:
            raise FormError(f"{where}: cannot evaluate `{expression}`: {exc}") from None
        raise FormError(f"{where}: `{expression}` is undefined")  # pragma: no cover
    return result


def to_text(value: Any, locale: str = DEFAULT_LOCALE) -> str:
    """A value as text for a text box: dates in long form, lists joined, yes/no for booleans."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, (list, tuple)):
        return format_list([to_text(v, locale) for v in value], locale=locale)
    if isinstance(value, Enum):
        return str(value)
    finalized = form_environment(locale).finalize(value)  # type: ignore[misc]
    return str(finalized)

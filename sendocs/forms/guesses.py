"""Guessing a map expression from a field's name, for the starter map.

Local-authority forms name their fields anything from ``Child surname`` to
``txtChildSurname`` or ``Text12``. The guesses save typing for the common
fields; each is marked GUESS in the starter map for a person to check, and a
field we cannot place gets an empty expression rather than a wrong one.
"""

from __future__ import annotations

import re

from sendocs.forms.fields import FieldKind, FormField

__all__ = ["guess_expression", "words_of"]

_PARENT_WORDS = {
    "parent",
    "parents",
    "carer",
    "carers",
    "mother",
    "father",
    "guardian",
    "mum",
    "dad",
}
_SCHOOL_WORDS = {"school", "setting", "academy", "college", "headteacher", "head"}
_SENCO_WORDS = {"senco", "sendco", "coordinator", "senco's"}
_LA_WORDS = {"la", "authority", "council"}
_DATE_WORDS = {"date", "dated", "today", "signed"}


def words_of(name: str) -> set[str]:
    """Lower-case words of a field name: ``txtChildSurname_1`` → {txt, child, surname, 1}."""
    spaced = re.sub(r"([a-z])([A-Z])", r"\1 \2", name)
    spaced = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1 \2", spaced)
    return {w for w in re.split(r"[^A-Za-z0-9']+", spaced.lower()) if w}


def _has(words: set[str], *options: str) -> bool:
    return any(o in words for o in options)


def guess_expression(f: FormField) -> str | None:
    """An expression for a text field named like a common case fact, or None."""
    if f.kind is not FieldKind.TEXT:
        return None
    words = words_of(f.name) | (words_of(f.label) if f.label else set())
    text = " ".join(sorted(words))
    about_parent = bool(words & _PARENT_WORDS)
    about_senco = bool(words & _SENCO_WORDS)
    about_school = bool(words & _SCHOOL_WORDS) and not about_parent
    about_la = bool(words & _LA_WORDS) and not about_parent and not about_school

    if ("birth" in words and "date" in words) or _has(words, "dob"):
        return "child.date_of_birth | date('short')"
    if _has(words, "upn"):
        return "child.upn"
    if _has(words, "urn") and not about_parent:
        return "school.urn"
    if _has(words, "laestab", "dfe") and not about_parent:
        return "school.laestab"
    if "year" in words and _has(words, "group", "ncy"):
        return "child.year_label"
    if "language" in words:
        return "child.first_language"
    if "date" in words and not words & {"review", "start", "end", "received"}:
        return "today | date('short')"
    if about_senco:
        return _contact(words, "school.senco")
    if about_parent:
        return _parent(words)
    if about_school and not about_la:
        if _has(words, "headteacher") or ("head" in words and "teacher" in words):
            return "school.headteacher"
        return _organisation(words, "school")
    if about_la:
        return _organisation(words, "la")
    if (
        _has(words, "surname", "lastname")
        or ("family" in words and "name" in words)
        or ("last" in words and "name" in words)
    ):
        return "child.legal_surname"
    if (
        _has(words, "forename", "forenames", "firstname")
        or ("first" in words and "name" in words)
        or ("given" in words and "name" in words)
    ):
        return "child.legal_forename"
    if "preferred" in words or ("known" in words and "as" in words):
        return "child.known_as"
    if "name" in words and (
        _has(words, "child", "pupil", "student", "young", "learner")
        or text in ("name", "full name")
    ):
        return "child.full_name"
    if _has(words, "postcode") and "child" in words:
        return "parent.address.postcode if parent.address else ''"
    if words & _DATE_WORDS and "date" in words:
        return "today | date('short')"
    return None


def _parent(words: set[str]) -> str | None:
    if _has(words, "surname", "lastname") or ("family" in words and "name" in words):
        return "parent.surname or parent.name"
    if "relationship" in words:
        return "parent.relationship"
    if _has(words, "postcode"):
        return "parent.address.postcode if parent.address else ''"
    if _has(words, "email", "e-mail"):
        return "parent.email"
    if _has(words, "phone", "telephone", "tel", "mobile", "contact"):
        return "parent.phone"
    if "address" in words:
        return "parent.address.one_line if parent.address else ''"
    if "title" in words:
        return "parent.title"
    if "date" in words:
        return "today | date('short')"
    if "name" in words or "names" in words:
        return "parent.name"
    return "parent.name" if words <= _PARENT_WORDS else None


def _contact(words: set[str], who: str) -> str:
    if _has(words, "email", "e-mail"):
        return f"{who}.email"
    if _has(words, "phone", "telephone", "tel", "contact"):
        return f"{who}.phone"
    return f"{who}.name"


def _organisation(words: set[str], who: str) -> str:
    if _has(words, "postcode"):
        return f"{who}.address.postcode if {who}.address else ''"
    if _has(words, "email", "e-mail"):
        return f"{who}.email"
    if _has(words, "phone", "telephone", "tel"):
        return f"{who}.phone"
    if "address" in words:
        return f"{who}.address.one_line if {who}.address else ''"
    return f"{who}.name"

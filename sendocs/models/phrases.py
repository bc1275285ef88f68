"""Wording rules the case model itself needs when it joins recorded phrases.

Here, in the models layer, so a model property ("not yet in place: <note>") and every
document (through :mod:`sendocs.formatting`, which re-exports it) follow one rule.
"""

from __future__ import annotations

__all__ = ["line_start", "mid_sentence"]


_TITLES = frozenset(["Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Professor", "Sir", "Dame"])


def mid_sentence(text: str) -> str:
    """A recorded phrase run on after a colon or inside a sentence (one rule for every
    document, and the case model's "not yet in place: <note>", s19 #4): its first letter
    lower-cased only when it is a capitalised ordinary word ("Daily one-to-one …"
    → "daily one-to-one …") or the article before one ("A specialist teacher …" →
    "a specialist teacher …"); acronyms ("ELSA …", "OT …") and other single capitals
    ("A Level …") stay."""
    text = text.strip()
    first, _, rest_of_text = text.partition(" ")
    if first in _TITLES or "\u2019" in first or "'" in first:
        return text  # "Miss Green …", "Sami's …": a name keeps its capital
    if first == "A" and rest_of_text[:1].islower():
        return "a " + rest_of_text
    rest = first[1:].replace("-", "")
    if len(first) > 1 and first[:1].isupper() and rest.isalpha() and rest.islower():
        return text[:1].lower() + text[1:]
    return text


def line_start(text: str) -> str:
    """A recorded phrase that starts a line, a cell or a sentence: its first letter a
    capital ("learning mentor" → "Learning mentor", s19 #9); the rest as recorded."""
    text = text.strip()
    return text[:1].upper() + text[1:]

"""Wording rules the case model itself needs when it joins recorded phrases.

Here, in the models layer, so a model property ("not yet in place: <note>") and every
document (through :mod:`sendocs.formatting`, which re-exports it) follow one rule.
"""

from __future__ import annotations

__all__ = ["line_start", "mid_sentence"]


_TITLES = frozenset(["Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Professor", "Sir", "Dame"])

# Small words a title-cased job title or name keeps in lower case ("Head of Year").
_SMALL = frozenset(["a", "an", "and", "at", "for", "in", "of", "on", "the", "to", "&"])


def _is_ordinary_capitalised(word: str) -> bool:
    rest = word[1:].replace("-", "")
    return len(word) > 1 and word[:1].isupper() and rest.isalpha() and rest.islower()


def _title_cased(text: str) -> bool:
    """A phrase typed in title case up to its first comma ("Assessment Team Manager,
    Eastshire Council", "Speech and Language Therapy Service"): a job title or a name,
    whose capitals are its own. Every word but the small ones capitalised, and at least
    one after the first an ordinary capitalised word (not only acronyms: "Weekly SALT")."""
    words = [w for w in text.split(",")[0].split() if w.lower() not in _SMALL]
    later = words[1:]
    return (
        bool(later)
        and all(w[:1].isupper() for w in later)
        and any(_is_ordinary_capitalised(w) for w in later)
    )


def mid_sentence(text: str) -> str:
    """A recorded phrase run on after a colon or inside a sentence (one rule for every
    document, and the case model's "not yet in place: <note>", s19 #4): its first letter
    lower-cased only when it is a capitalised ordinary word ("Daily one-to-one …"
    → "daily one-to-one …") or the article before one ("A specialist teacher …" →
    "a specialist teacher …"); acronyms ("ELSA …", "OT …") and other single capitals
    ("A Level …") stay, and so does a title typed in title case ("Mr Richard Vale,
    Assessment Team Manager"; "additional learning support manager" when typed
    "Additional learning support manager")."""
    text = text.strip()
    first, _, rest_of_text = text.partition(" ")
    if first in _TITLES or "\u2019" in first or "'" in first:
        return text  # "Miss Green …", "Sami's …": a name keeps its capital
    if _title_cased(text):
        return text  # "Assessment Team Manager": a job title keeps its capitals
    if first == "A" and rest_of_text[:1].islower():
        return "a " + rest_of_text
    if _is_ordinary_capitalised(first):
        return text[:1].lower() + text[1:]
    return text


def line_start(text: str) -> str:
    """A recorded phrase that starts a line, a cell or a sentence: its first letter a
    capital ("learning mentor" → "Learning mentor", s19 #9); the rest as recorded."""
    text = text.strip()
    return text[:1].upper() + text[1:]

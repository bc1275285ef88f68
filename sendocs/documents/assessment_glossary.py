"""Acronyms in a request, follow-up or letter before claim, spelled out on first use.

Why: a parent's (or young person's) letter is read by them as well as by the
council, and the rubric's register line asks for jargon explained to parents
(letter-review.md, line 4). Kai's request said "ELSA sessions" and "an OT sensory
assessment" without ever saying what they were (s18 finding 4). The letter's
values are walked in the order the letter prints them; the first time an acronym
appears outside a quotation it becomes "emotional literacy support assistant
(ELSA)"; after that it stays as it is. Words inside quotation marks are someone's
own words and are never changed. An acronym already explained in the text
("Autistic spectrum disorder (ASD)") counts as spelled out.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

__all__ = ["GLOSSARY", "Glossary"]

GLOSSARY: dict[str, str] = {
    "ADHD": "attention deficit hyperactivity disorder",
    "ASC": "autism spectrum condition",
    "ASD": "autistic spectrum disorder",
    "CAMHS": "child and adolescent mental health services",
    "DLD": "developmental language disorder",
    "ELSA": "emotional literacy support assistant",
    "EP": "educational psychologist",
    "LSA": "learning support assistant",
    "MLD": "moderate learning difficulties",
    "OT": "occupational therapy",
    "SALT": "speech and language therapy",
    "SEMH": "social, emotional and mental health",
    "SENCO": "special educational needs co-ordinator",
    "SLCN": "speech, language and communication needs",
    "SLT": "speech and language therapy",
    "SpLD": "specific learning difficulty",
    "TA": "teaching assistant",
}
"""Acronyms a letter about SEN support commonly carries, with their spelled-out form.
Not "EHC" or "SEN": the letters introduce those in their own words."""

_QUOTED = re.compile(r"(\u201c[^\u201d]*\u201d|\"[^\"]*\")")
_WORD = {a: re.compile(rf"(?<![\w(]){re.escape(a)}(?![\w)])") for a in GLOSSARY}


class Glossary:
    """Spells each acronym out the first time :meth:`walk` meets it."""

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def text(self, value: str) -> str:
        parts = _QUOTED.split(value)
        for index in range(0, len(parts), 2):  # even parts are outside quotations
            parts[index] = self._outside_quotes(parts[index])
        return "".join(parts)

    def _outside_quotes(self, value: str) -> str:
        if value.strip() in GLOSSARY:
            return value  # a label on its own ("SLCN" beside its name), not prose
        for acronym, long in GLOSSARY.items():
            if acronym in self.seen:
                continue
            if f"({acronym})" in value:
                self.seen.add(acronym)
                continue
            match = _WORD[acronym].search(value)
            if match is None:
                continue
            self.seen.add(acronym)
            start = match.start()
            at_start = start == 0 or value[:start].rstrip().endswith((".", ":"))
            spelled = long[:1].upper() + long[1:] if at_start else long
            value = f"{value[:start]}{spelled} ({acronym}){value[match.end():]}"
        return value

    def walk(self, value: Any) -> Any:
        """``value`` with its strings spelled out, in order; lists, dicts and frozen
        dataclasses are rebuilt, other values returned as they are."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list):
            return [self.walk(v) for v in value]
        if isinstance(value, tuple):
            return tuple(self.walk(v) for v in value)
        if isinstance(value, dict):
            return {k: self.walk(v) for k, v in value.items()}
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            changes = {
                f.name: self.walk(getattr(value, f.name))
                for f in dataclasses.fields(value)
                if isinstance(getattr(value, f.name), (str, list, dict, tuple))
            }
            return dataclasses.replace(value, **changes)
        return value

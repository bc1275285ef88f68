"""The shape of the reasons for appeal: headed parts of numbered paragraphs.

Paragraph numbers run on through every part, as in a pleading; the parts are
built by :mod:`sendocs.documents.appeal_reasons` and
:mod:`sendocs.documents.appeal_deadline`, and laid out by the template.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Appellants", "Numberer", "ReasonParagraph", "ReasonPart", "lower_first", "upper_first"]


@dataclass(frozen=True)
class ReasonParagraph:
    """One numbered paragraph of the reasons: an optional bold lead, text, references."""

    number: int
    text: str
    lead: str = ""
    refs: str = ""


@dataclass
class ReasonPart:
    """A headed part of the reasons (e.g. "Section F: special educational provision")."""

    heading: str
    paras: list[ReasonParagraph] = field(default_factory=list)
    note: str = ""
    summary: str = ""
    """The ground in a sentence or two, for the notice's grounds box ("" = built from
    the paragraphs' leads)."""


class Numberer:
    """Paragraph numbers run on through every part, as in a pleading.

    ``marks`` names the paragraphs later ones refer to ("s39_test" → 6), so a
    cross-reference ("That is not the test (paragraph 6)") is generated from the
    numbering, never typed into the case file where it goes stale."""

    def __init__(self) -> None:
        self.n = 0
        self.marks: dict[str, int] = {}

    def para(self, text: str, lead: str = "", refs: str = "", mark: str = "") -> ReasonParagraph:
        self.n += 1
        if mark:
            self.marks[mark] = self.n
        return ReasonParagraph(self.n, text, lead, refs)


def lower_first(text: str) -> str:
    """A label lower-cased at its start, to run on mid-sentence."""
    return text[:1].lower() + text[1:]


@dataclass(frozen=True)
class Appellants:
    """The appellant or appellants, with the grammar that goes with their number.

    The reasons name them in full once ("Ms Grace Owusu appeals against …";
    "Mrs Farida Ahmed and Mr Imran Ahmed appeal …") and then by title and
    surname ("Ms Owusu asks …"), the way a solicitor writes and the way a
    parent's own answers in the case file name them, so one document never
    mixes "Grace Owusu", "the appellant" and "Ms Owusu". The notice of appeal,
    copied into the tribunal's form, calls them by their role (``role``).
    """

    names: tuple[str, ...]
    """Each appellant's title and full name ("Ms Grace Owusu")."""
    short: tuple[str, ...] = ()
    """Each appellant's title and surname ("Ms Owusu"); empty = ``names``."""
    together: str = ""
    """Two appellants who share a surname, named the usual way ("Mr and Mrs Ahmed",
    never "Mrs Ahmed and Mr Ahmed"); empty = ``short`` listed."""

    @property
    def plural(self) -> bool:
        return len(self.names) != 1

    @property
    def named(self) -> str:
        """Full names, for the first mention."""
        from sendocs.formatting import format_list

        return format_list(list(self.names))

    @property
    def noun(self) -> str:
        """Title and surname after the first mention: ``Ms Owusu`` /
        ``Mr and Mrs Ahmed`` / ``Ms Baxter and Mr Cole``."""
        from sendocs.formatting import format_list

        return self.together or format_list(list(self.short or self.names))

    @property
    def role(self) -> str:
        """``the appellants`` / ``the appellant``, for the form-facing notice
        (capitalise at a sentence start)."""
        return "the appellants" if self.plural else "the appellant"

    @property
    def their(self) -> str:
        """``Ms Owusu’s`` / ``Mr and Mrs Ahmed’s``: never a bare "their",
        which could be read as the child's."""
        return f"{self.noun}\u2019s"

    def verb(self, plural: str, singular: str) -> str:
        """``verb("ask", "asks")`` agrees with the number of appellants."""
        return plural if self.plural else singular


def upper_first(text: str) -> str:
    """``the appellant asks`` → ``The appellant asks`` at a sentence start."""
    return text[:1].upper() + text[1:]

"""Evidence references in an appeal: pinpoint citations and refs that point nowhere.

The reasons, the health and social care requests and the working document all
cite evidence the same way (``E3, p.4, para 2.1 — title, author, date``);
this module is that one way, and the check that every cited ref exists.
"""

from __future__ import annotations

from sendocs.errors import format_field_path
from sendocs.formatting import format_date
from sendocs.models import Case, EvidenceDocument, EvidenceRef
from sendocs.models.appeals import unknown_evidence_refs

__all__ = [
    "author_to_name",
    "citations",
    "evidence_citation",
    "evidence_reference_problems",
    "pinpoint",
    "short_citations",
]


def _pages(pages: list[int]) -> str:
    """``p.9`` / ``pp.9–10`` (a run) / ``pp.4, 9``."""
    pages = sorted(set(pages))
    if not pages:
        return ""
    if len(pages) == 1:
        return f"p.{pages[0]}"
    if pages == list(range(pages[0], pages[-1] + 1)):
        return f"pp.{pages[0]}\u2013{pages[-1]}"
    return "pp." + ", ".join(str(p) for p in pages)


def _paragraphs(paras: list[str]) -> str:
    """``para 6.1`` / ``paras 6.1, 6.3`` (first-cited order, no repeats)."""
    unique = list(dict.fromkeys(paras))
    if not unique:
        return ""
    return ("para " if len(unique) == 1 else "paras ") + ", ".join(unique)


def _sections(sections: list[str]) -> str:
    """``Section B`` / ``Sections B, I`` of an EHC plan (first-cited order)."""
    unique = list(dict.fromkeys(sections))
    if not unique:
        return ""
    return ("Section " if len(unique) == 1 else "Sections ") + ", ".join(unique)


def pinpoint(refs: EvidenceRef | list[EvidenceRef]) -> str:
    """One document's pinpoints grouped: ``E2 pp.9–10, paras 6.1, 6.3``; into an EHC
    plan ``E1 Section B, p.3, para B2``. Every part comes from the reference's own
    fields (section, page, paragraph), never from text typed into a ground."""
    if isinstance(refs, EvidenceRef):
        refs = [refs]
    pin = ", ".join(
        x
        for x in (
            _sections([r.section for r in refs if r.section]),
            _pages([r.page for r in refs if r.page is not None]),
            _paragraphs([r.paragraph for r in refs if r.paragraph]),
        )
        if x
    )
    return f"{refs[0].document} {pin}".strip()


def _grouped(refs: list[EvidenceRef]) -> list[list[EvidenceRef]]:
    groups: dict[str, list[EvidenceRef]] = {}
    for ref in refs:
        groups.setdefault(ref.document, []).append(ref)
    return list(groups.values())


def evidence_citation(ref: EvidenceRef, case: Case, locale: str = "en_GB") -> str:
    """``E3 p.4, para 2.1 — Educational psychology report, Dr Fiona Walsh, 2 March 2026``."""
    return _cite([ref], case, locale)


def author_to_name(doc: EvidenceDocument) -> str:
    """The document's author to name after its title, unless the title names them already
    ("Witness statement of Mrs Farida Ahmed", not "…, Mrs Farida Ahmed" again)."""
    author = (doc.author or "").strip()
    if not author or author.casefold() in doc.title.casefold():
        return ""
    return author


def _cite(refs: list[EvidenceRef], case: Case, locale: str) -> str:
    doc = case.evidence_ref(refs[0].document)
    if doc is None:
        return pinpoint(refs)
    about = [
        doc.title,
        *([author] if (author := author_to_name(doc)) else []),
        format_date(doc.date, "long", locale),
    ]
    return pinpoint(refs) + " \u2014 " + ", ".join(about)


def citations(refs: list[EvidenceRef], case: Case, locale: str = "en_GB") -> str:
    """A ground's references in one bracket, grouped by document in the order first cited:
    ``(E2 pp.9–10, paras 6.1, 6.3 — …; E1 p.6, para 4.3 — …)``."""
    if not refs:
        return ""
    return "(" + "; ".join(_cite(group, case, locale) for group in _grouped(refs)) + ")"


def short_citations(refs: list[EvidenceRef]) -> str:
    """Pinpoints only, grouped: ``E2 pp.9–10, paras 6.1, 6.3; E1 p.6``."""
    return "; ".join(pinpoint(group) for group in _grouped(refs))


def evidence_reference_problems(case: Case) -> list[str]:
    """Evidence refs cited by the appeal that are not in ``case.evidence``, with field paths."""
    if case.appeal is None:
        return []
    known = {doc.ref for doc in case.evidence if doc.ref}
    return [
        f"{format_field_path(path)}: {message}"
        for path, message in unknown_evidence_refs(case.appeal, known)
    ]

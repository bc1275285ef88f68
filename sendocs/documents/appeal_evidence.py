"""Evidence references in an appeal: pinpoint citations and refs that point nowhere.

The reasons, the health and social care requests and the working document all
cite evidence the same way (``E3, p.4, para 2.1 — title, author, date``);
this module is that one way, and the check that every cited ref exists.
"""

from __future__ import annotations

from sendocs.errors import format_field_path
from sendocs.formatting import format_date
from sendocs.models import Case, EvidenceRef
from sendocs.models.appeals import unknown_evidence_refs

__all__ = ["citations", "evidence_citation", "evidence_reference_problems"]


def evidence_citation(ref: EvidenceRef, case: Case, locale: str = "en_GB") -> str:
    """``E3, p.4, para 2.1 — Educational psychology report, Dr Fiona Walsh, 2 March 2026``."""
    pin = [ref.document]
    if ref.page is not None:
        pin.append(f"p.{ref.page}")
    if ref.paragraph:
        pin.append(f"para {ref.paragraph}")
    doc = case.evidence_ref(ref.document)
    if doc is None:
        return ", ".join(pin)
    about = [
        doc.title,
        *([doc.author] if doc.author else []),
        format_date(doc.date, "long", locale),
    ]
    return ", ".join(pin) + " \u2014 " + ", ".join(about)


def citations(refs: list[EvidenceRef], case: Case, locale: str = "en_GB") -> str:
    """All of a ground's references in one bracket: ``(E2, p.4 — …; E1, p.6 — …)``."""
    if not refs:
        return ""
    return "(" + "; ".join(evidence_citation(r, case, locale) for r in refs) + ")"


def evidence_reference_problems(case: Case) -> list[str]:
    """Evidence refs cited by the appeal that are not in ``case.evidence``, with field paths."""
    if case.appeal is None:
        return []
    known = {doc.ref for doc in case.evidence if doc.ref}
    return [
        f"{format_field_path(path)}: {message}"
        for path, message in unknown_evidence_refs(case.appeal, known)
    ]

"""Checks that an appeal's citations come from structured references that exist.

Why a module: the appeal prints every pinpoint (``E1 Section B, p.3, para B2``)
from the fields of an :class:`~sendocs.models.evidence.EvidenceRef`, and its
cross-references to its own paragraphs from the numbering. A reference typed
into free text ("(paras 5.3, 5.6)", "(paragraph 6)") is never checked and goes
stale when the numbering or the evidence list changes, so ``validate`` warns
about both: a structured reference that points past the document (a page after
its last, a plan section cited in a document that is not an EHC plan, a
paragraph of another section), and a reference typed into text.
"""

from __future__ import annotations

import re

from sendocs.models.case import Case
from sendocs.models.checks import CaseWarning
from sendocs.models.evidence import EvidenceRef
from sendocs.models.vocabulary import EvidenceKind

__all__ = ["TYPED_REFERENCE", "citation_warnings"]

TYPED_REFERENCE = re.compile(
    r"\b(?:paras?\.?|paragraphs?)\s+\d"  # para 5.3, paras 5.3, paragraph 6
    r"|\bpp?\.\s?\d"  # p.9, pp.9-10
    r"|\(\s*E\d+\b",  # (E4 ...
    re.IGNORECASE,
)
"""A citation typed into prose rather than given as a structured reference."""


def _ref_lists(case: Case) -> list[tuple[tuple[str | int, ...], list[EvidenceRef]]]:
    appeal = case.appeal
    if appeal is None:
        return []
    lists: list[tuple[tuple[str | int, ...], list[EvidenceRef]]] = []
    named: tuple[tuple[str, list[list[EvidenceRef]]], ...] = (
        ("grounds", [g.evidence for g in appeal.grounds]),
        ("la_reasons", [r.evidence for r in appeal.la_reasons]),
        ("amendments", [a.evidence for a in appeal.amendments]),
        (
            "health_social_care_recommendations",
            [r.evidence for r in appeal.health_social_care_recommendations],
        ),
    )
    for name, evidence_lists in named:
        for i, evidence in enumerate(evidence_lists):
            lists.append((("appeal", name, i, "evidence"), list(evidence)))
    if appeal.preferred_school is not None:
        for field in ("resources_evidence", "response_evidence"):
            lists.append(
                (
                    ("appeal", "preferred_school", field),
                    list(getattr(appeal.preferred_school, field)),
                )
            )
    return lists


def _reference_warnings(case: Case) -> list[CaseWarning]:
    """Structured references that point nowhere in a document that exists."""
    out: list[CaseWarning] = []
    for base, refs in _ref_lists(case):
        for j, ref in enumerate(refs):
            doc = case.evidence_ref(ref.document)
            if doc is None:
                continue  # an unknown document is an error (Case validation)
            at = (*base, j)
            if ref.page is not None and doc.pages is not None and ref.page > doc.pages:
                out.append(
                    CaseWarning(
                        (*at, "page"),
                        f"page {ref.page} of {ref.document} is cited, but {ref.document} "
                        f"({doc.title}) has {doc.pages} page{'s' if doc.pages != 1 else ''}",
                    )
                )
            if ref.section and doc.kind is not EvidenceKind.EHC_PLAN:
                out.append(
                    CaseWarning(
                        (*at, "section"),
                        f"Section {ref.section} is cited in {ref.document} ({doc.title}), "
                        "which is not an EHC plan (its kind is not ehc_plan): give the "
                        "plan's own evidence ref, or set the document's kind",
                    )
                )
            para = (ref.paragraph or "").strip()
            if ref.section and para[:1].isalpha() and para[:1].upper() != ref.section:
                out.append(
                    CaseWarning(
                        (*at, "paragraph"),
                        f"paragraph {para} is cited in Section {ref.section} of "
                        f"{ref.document}: a paragraph {para[:1].upper()}… is in Section "
                        f"{para[:1].upper()}",
                    )
                )
    return out


def _typed_warnings(case: Case) -> list[CaseWarning]:
    """Citations typed into free text the appeal prints."""
    texts: list[tuple[tuple[str | int, ...], str | None]] = []
    for i, doc in enumerate(case.evidence):
        texts.append((("evidence", i, "summary"), doc.summary))
    appeal = case.appeal
    if appeal is not None:
        for i, ground in enumerate(appeal.grounds):
            texts.append((("appeal", "grounds", i, "text"), ground.text))
        for i, reason in enumerate(appeal.la_reasons):
            texts.append((("appeal", "la_reasons", i, "answer"), reason.answer))
        school = appeal.preferred_school
        if school is not None:
            texts.append((("appeal", "preferred_school", "response"), school.response))
            texts.append(
                (("appeal", "preferred_school", "resources_answer"), school.resources_answer)
            )
    out = []
    for path, text in texts:
        found = TYPED_REFERENCE.search(text or "")
        if found is None:
            continue
        hint = (
            "give the reason's topic (placement, notional_budget, …): the answer then cites "
            "the appeal's own paragraphs by their generated numbers"
            if "la_reasons" in path
            else "give the paragraphs as summary_paragraphs: ['5.3', '5.6']"
            if path[0] == "evidence"
            else "cite it as evidence: [{document: E1, section: B, page: 3, paragraph: B2}]"
        )
        out.append(
            CaseWarning(
                path,
                f"a reference is typed into the text ('{found.group(0).strip()}…'): it is not "
                f"checked and goes stale; {hint}",
            )
        )
    return out


def citation_warnings(case: Case) -> list[CaseWarning]:
    """Every citation warning for a case (empty when it has no appeal or evidence)."""
    return _reference_warnings(case) + _typed_warnings(case)

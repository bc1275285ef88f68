"""Kind ``working-document``: the tribunal working document of a contents appeal.

A Word copy of the plan's paragraphs in dispute, section by section, with
each proposed change shown in the typeface the tribunal's key gives its
proposer (domain brief §5): plain = original; underline = agreed addition,
strike = agreed deletion; **bold** = parent addition, bold-strike = parent
deletion; *italic* = local authority addition, italic-strike = LA deletion.
No tracked changes and no comments: the typefaces carry the meaning.

Evidence references: docxtpl cannot make real Word footnotes, so each
change ends with its pinpoint references in brackets, in grey
(``[E2 p.4 para 3.2]``), and an "Evidence notes" table at the end gives
each document's title, author, role and date, which together carry what a
footnote would (author, role, date, page, paragraph).

The text runs are docxtpl ``RichText`` objects: they carry ``__html__`` so
the autoescaping environment lets them through, and RichText escapes its
own text, so ``&`` and ``<`` in a proposal print literally.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from docxtpl import RichText

from sendocs.documents.appeal import evidence_reference_problems, sections_phrase
from sendocs.documents.appeal_evidence import pinpoint, short_citations
from sendocs.documents.appeal_reasons import appellants
from sendocs.documents.base import DocumentKind, RenderOptions
from sendocs.formatting import clean_text, format_date, format_list, paragraphs, plural
from sendocs.models import AppealType, Case, EvidenceRef
from sendocs.models.appeals import EhcPlanSection, ProposedAmendment, Proposer

__all__ = [
    "KEY",
    "Typeface",
    "amendment_text",
    "build_context",
    "estimated_pages",
    "references_note",
    "working_document_checks",
    "working_document_warnings",
]

REF_COLOUR = "6B7280"  # grey: evidence brackets are not plan text
PAGE_LIMIT = 25  # PD 1/2025: the working document, at most 25 pages


@dataclass(frozen=True)
class Typeface:
    """How a run looks: the keyword arguments docxtpl's ``RichText.add`` takes."""

    bold: bool = False
    italic: bool = False
    underline: bool = False
    strike: bool = False

    def kwargs(self) -> dict[str, bool]:
        return {
            "bold": self.bold,
            "italic": self.italic,
            "underline": self.underline,
            "strike": self.strike,
        }


ORIGINAL = Typeface()
ADDED: dict[Proposer, Typeface] = {
    Proposer.AGREED: Typeface(underline=True),
    Proposer.PARENT: Typeface(bold=True),
    Proposer.LOCAL_AUTHORITY: Typeface(italic=True),
}
DELETED: dict[Proposer, Typeface] = {
    Proposer.AGREED: Typeface(strike=True),
    Proposer.PARENT: Typeface(bold=True, strike=True),
    Proposer.LOCAL_AUTHORITY: Typeface(italic=True, strike=True),
}

# The tribunal's key, in the order it is usually printed: (sample, typeface, meaning).
KEY: list[tuple[str, Typeface, str]] = [
    ("Original text", ORIGINAL, "Text of the final EHC plan, unchanged"),
    ("Agreed addition", ADDED[Proposer.AGREED], "Added by agreement of both parties"),
    ("Agreed deletion", DELETED[Proposer.AGREED], "Deleted by agreement of both parties"),
    ("Parent addition", ADDED[Proposer.PARENT], "Addition proposed by the parents"),
    ("Parent deletion", DELETED[Proposer.PARENT], "Deletion proposed by the parents"),
    ("LA addition", ADDED[Proposer.LOCAL_AUTHORITY], "Addition proposed by the local authority"),
    ("LA deletion", DELETED[Proposer.LOCAL_AUTHORITY], "Deletion proposed by the local authority"),
]


def _text(text: str) -> str:
    """Free text as it should print: paragraphs kept as line breaks, XML-safe."""
    return clean_text("\n".join(paragraphs(text)) or text)


def _faces_used(amendments: list[ProposedAmendment]) -> list[Typeface]:
    """The typefaces this working document prints, so the key shows only those rows
    (a key of eight typefaces for one change hides the one that matters)."""
    used: list[Typeface] = []
    for a in amendments:
        by = a.proposed_by
        if by is None:
            used.append(ORIGINAL)
            continue
        if a.original:
            used.append(DELETED[by])
        if a.proposed:
            used.append(ADDED[by])
    return used


def _add_change(rich: RichText, amendment: ProposedAmendment) -> None:
    by = amendment.proposed_by
    if by is None:
        rich.add(_text(amendment.original or ""), **ORIGINAL.kwargs())
        return
    if amendment.original:
        rich.add(_text(amendment.original), **DELETED[by].kwargs())
    if amendment.original and amendment.proposed:
        rich.add(" ")
    if amendment.proposed:
        rich.add(_text(amendment.proposed), **ADDED[by].kwargs())


def amendment_text(amendment: ProposedAmendment | list[ProposedAmendment]) -> RichText:
    """The paragraph as runs: deleted original, then proposed text, then evidence refs.

    Where both parties propose wording for the same paragraph, each party's
    version follows on its own line, in its own typefaces, so the tribunal sees
    where they differ.
    """
    group = amendment if isinstance(amendment, list) else [amendment]
    rich = RichText()
    for i, item in enumerate(group):
        if i:
            rich.add("\n")
        _add_change(rich, item)
        if item.evidence:
            rich.add(f" [{clean_text(short_citations(item.evidence))}]", color=REF_COLOUR)
    return rich


def _sample(text: str, face: Typeface) -> RichText:
    rich = RichText()
    rich.add(text, **face.kwargs())
    return rich


def _sections(amendments: Iterable[ProposedAmendment]) -> list[dict[str, Any]]:
    """Paragraphs grouped by plan section, sections in plan order, paragraphs as given;
    proposals for the same numbered paragraph share one row."""
    by_section: dict[EhcPlanSection, list[list[ProposedAmendment]]] = {}
    for a in amendments:
        rows = by_section.setdefault(a.section, [])
        same = next((r for r in rows if a.paragraph and r[0].paragraph == a.paragraph), None)
        if same is not None:
            same.append(a)
        else:
            rows.append([a])
    # each paragraph's versions in one order throughout, the order of the "by" column
    # (parent, local authority, agreed), never the order the case lists them (#11 s19)
    for rows in by_section.values():
        for group in rows:
            group.sort(key=_proposer_rank)
    return [
        {
            "letter": s.value,
            "label": s.label,
            "rows": [
                {
                    "paragraph": group[0].paragraph or "",
                    "heading": _heading(group),
                    "text": amendment_text(group),
                    # proposers always in one order (parent, local authority, agreed),
                    # not the order the case lists them (s18 R6 #10)
                    "by": " / ".join(
                        p.label for p in _PROPOSER_ORDER if any(a.proposed_by is p for a in group)
                    ),
                }
                for group in by_section[s]
            ],
        }
        for s in EhcPlanSection
        if s in by_section
    ]


_PROPOSER_ORDER = (Proposer.PARENT, Proposer.LOCAL_AUTHORITY, Proposer.AGREED)


def _proposer_rank(amendment: ProposedAmendment) -> int:
    """Original text kept as it is first, then each party in :data:`_PROPOSER_ORDER`."""
    by = amendment.proposed_by
    return 0 if by is None else 1 + _PROPOSER_ORDER.index(by)


def _heading(group: list[ProposedAmendment]) -> RichText | str:
    """A paragraph's heading in the typeface of whoever wrote it: a heading that comes
    with a new paragraph a party adds (no original text) is that party's addition,
    printed in its typeface (bold for the parent); a heading over existing plan text
    is the plan's own, printed plain. "" when the paragraph has none."""
    carrier = next((a for a in group if a.heading), None)
    if carrier is None or not carrier.heading:
        return ""
    rich = RichText()
    face = (
        ADDED[carrier.proposed_by]
        if carrier.proposed_by is not None and not carrier.original
        else ORIGINAL
    )
    if face is ORIGINAL:
        rich.add(clean_text(carrier.heading), **face.kwargs())
    else:
        # a heading a party adds is text of the plan like any other: black, at the
        # text's size, in the party's typeface; the plan's own headings stay the small
        # grey captions (s18 R6 #10)
        rich.add(clean_text(carrier.heading), color="000000", size=24, **face.kwargs())
    return rich


def _evidence_notes(
    case: Case, locale: str, bundle_places: dict[str, str] | None = None
) -> list[dict[str, str]]:
    """One row per evidence document cited, with where it is cited and, inside a
    bundle, where the document is in it (``bundle_places``: ref -> "Section D, pages 40-53",
    from the bundle's index)."""
    appeal = case.appeal
    assert appeal is not None
    cited: dict[str, list[str]] = {}
    for a in appeal.amendments:
        where = a.paragraph or f"Section {a.section.value}"
        by_document: dict[str, list[EvidenceRef]] = {}
        for ref in a.evidence:
            by_document.setdefault(ref.document, []).append(ref)
        # one entry per paragraph, its pinpoints grouped ("F2: p.9, paras 6.1, 6.3")
        for document, refs in by_document.items():
            pin = pinpoint(refs).removeprefix(document).strip()
            entry = f"{where}{': ' + pin if pin else ''}"
            places = cited.setdefault(document, [])
            if entry not in places:  # both versions of a paragraph citing the same page
                places.append(entry)
    rows: list[dict[str, str]] = []
    for document, places in cited.items():
        doc = case.evidence_ref(document)
        rows.append(
            {
                "ref": document,
                "title": doc.title if doc else "Not in the case evidence",
                "author": ", ".join(x for x in ((doc.author, doc.role) if doc else ()) if x),
                "date": format_date(doc.date, "long", locale) if doc else "",
                "cited": "; ".join(places),
                "place": (bundle_places or {}).get(document, ""),
            }
        )
    return sorted(rows, key=lambda r: _ref_order(r["ref"]))


def _ref_order(ref: str) -> tuple[str, int, str]:
    digits = "".join(c for c in ref if c.isdigit())
    return (ref.rstrip("0123456789"), int(digits) if digits else 0, ref)


def references_note(options: RenderOptions) -> str:
    """Which numbering the references use (s18 #10): the bundle's, when the document is
    made for a bundle whose index numbers the documents (``options.extra["for_bundle"]``),
    else the E-numbers of the appeal's own evidence list. With
    ``options.extra["bundle_places"]`` (E-ref -> where the bundle holds it; the index of
    a bundle that numbers its documents 1, 2 ... has no E-numbers) the references keep
    the evidence list's numbers and the evidence notes say where each document is."""
    if options.extra.get("bundle_places"):
        return (
            "References (E1, E2 \u2026) are to the appeal\u2019s evidence list, with each "
            "document\u2019s own page numbers; the evidence notes give the pages of this "
            "bundle that hold each document."
        )
    if options.extra.get("for_bundle"):
        return "References (E1, E2 \u2026) follow the numbering of the bundle\u2019s index."
    return (
        "References (E1, E2 \u2026) are to the appeal\u2019s evidence list, as numbered in "
        "the reasons for appeal and its evidence chronology."
    )


def build_context(case: Case, options: RenderOptions) -> dict[str, Any]:
    """Everything the working-document template uses (see docs/appeals.md)."""
    appeal = case.appeal
    if appeal is None:
        raise ValueError("the case has no appeal")
    locale = options.locale
    parents = "the parents" if appellants(case).plural else "the parent"
    counts = {p: sum(1 for a in appeal.amendments if a.proposed_by is p) for p in Proposer}
    # a party with no changes is left out ("1 change proposed by the parent", not
    # "…, 0 changes proposed by the local authority and 0 changes agreed")
    proposals = [
        plural(counts[proposer], "change") + suffix
        for proposer, suffix in (
            (Proposer.PARENT, f" proposed by {parents}"),
            (Proposer.LOCAL_AUTHORITY, " proposed by the local authority"),
            (Proposer.AGREED, " agreed"),
        )
        if counts[proposer]
    ] or ["no changes yet"]
    return {
        "case": case,
        "child": case.child,
        "la": case.local_authority,
        "document_date": options.document_date,
        "appeal": appeal,
        "form": appeal.appeal_type.form,
        "sections_challenged": sections_phrase(appeal.sections) or "Section I",
        "references_note": references_note(options),
        # inside a bundle (s18 #11): no "Draft of" and no own "Page X of Y" (the bundle
        # stamps its page numbers)
        "for_bundle": bool(options.extra.get("for_bundle")),
        "plan_date": format_date(appeal.ehc_plan_date, "long", locale)
        if appeal.ehc_plan_date
        else "",
        "appellants": appellants(case).named,
        "prepared_by": parents,
        "appellant_label": "Appellants" if appellants(case).plural else "Appellant",
        "tribunal_reference": appeal.tribunal_reference or "",
        "key": [
            *(
                {"sample": _sample(text, face), "meaning": meaning.replace("the parents", parents)}
                for text, face, meaning in KEY
                if face in _faces_used(appeal.amendments)
            ),
            *(
                [
                    {
                        "sample": sample,
                        "meaning": "Evidence: document, page and paragraph (Evidence notes)",
                    }
                ]
                if (sample := _ref_sample(appeal.amendments)) is not None
                else []
            ),
        ],
        "sections": _sections(appeal.amendments),
        "summary": format_list(proposals),
        "evidence_notes": _evidence_notes(case, locale, options.extra.get("bundle_places")),
        "page_limit": PAGE_LIMIT,
    }


def _ref_sample(amendments: Iterable[ProposedAmendment]) -> RichText | None:
    """The key's evidence sample: the first reference this working document really
    cites (a made-up "E2" would name a document the case may not have); None when no
    change cites evidence, and the key leaves the row out."""
    first = next((a.evidence for a in amendments if a.evidence), None)
    if not first:
        return None
    rich = RichText()
    rich.add(f"[{clean_text(short_citations(first))}]", color=REF_COLOUR)
    return rich


def working_document_checks(case: Case, options: RenderOptions) -> list[str]:
    """Reasons the case cannot make a working document (errors)."""
    appeal = case.appeal
    if appeal is None:
        return ["the case has no appeal: a working document belongs to a contents appeal"]
    if appeal.appeal_type is not AppealType.CONTENTS:
        return [
            "a working document is for an appeal against the contents of an EHC plan; this "
            f"appeal is: {appeal.appeal_type.label}"
        ]
    problems = []
    if not any(a.is_change for a in appeal.amendments):
        problems.append(
            "appeal.amendments has no proposed amendments: add the changes sought, each with "
            "section, original and/or proposed text, and proposed_by (parent, local_authority "
            "or agreed); see docs/appeals.md"
        )
    problems.extend(evidence_reference_problems(case))
    return problems


CHARS_PER_PAGE = 2600
"""About how many characters of plan text fit on an A4 page at 12 pt in the
working document's table (measured on Sami's document: 5 pages)."""


def estimated_pages(case: Case) -> int:
    """A rough page count before conversion: title and key, then the plan text."""
    appeal = case.appeal
    if appeal is None:
        return 0
    chars = sum(len(a.original or "") + len(a.proposed or "") + 120 for a in appeal.amendments)
    return 2 + -(-chars // CHARS_PER_PAGE)


def working_document_warnings(case: Case, options: RenderOptions) -> list[str]:
    """What the user should check (stderr, never printed in the document)."""
    appeal = case.appeal
    if appeal is None:
        return []
    out = []
    have = {a.section.value for a in appeal.amendments}
    for section in appeal.sections:
        if section.value not in have:
            out.append(
                f"the working document has no paragraphs for Section {section.value}, which is "
                "under appeal: add the section's full text (appeal.amendments, unchanged "
                "paragraphs with original only)"
            )
    pages = estimated_pages(case)
    if pages > PAGE_LIMIT:
        out.append(
            f"the working document will run to about {pages} pages, over the {PAGE_LIMIT}-page "
            "limit (PD 1/2025): shorten it or ask the tribunal for more pages (form SEND7)"
        )
    if not appeal.tribunal_reference:
        out.append(
            "appeal.tribunal_reference is not given: add it once the tribunal registers the appeal"
        )
    return out


def _file_date(case: Case, options: RenderOptions) -> dt.date:
    return options.document_date


WORKING_DOCUMENT = DocumentKind(
    name="working-document",
    title="Tribunal working document",
    description="Working document of a contents appeal: proposed changes in the tribunal key.",
    template="working_document.docx",
    build_context=build_context,
    file_label="Working_document",
    file_date=_file_date,
    check=working_document_checks,
    warnings=working_document_warnings,
    audience="parent",
)

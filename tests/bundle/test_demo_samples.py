"""The example bundle's sample evidence tells Sami's story as his case file does (#11,
s18 H11b): each sample the appeal cites has the page count its evidence list gives and
the cited paragraph on the cited page; every page is A4 and none holds only a line or
two; the council's letter records its agreement to F5, which the working document
marks agreed; the bundle files nothing dated after the demo's date."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4

from sendocs.bundle import load_bundle_spec
from sendocs.loading import load_case

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "fixtures" / "bundle"
CASE = ROOT / "fixtures" / "cases" / "sami-ahmed.yaml"
DEMO_DATE = dt.date(2026, 11, 23)


def _documents() -> dict[str, Path]:
    spec = load_bundle_spec(BUNDLE / "bundle.yaml")
    return {
        d.title: BUNDLE / d.path
        for s in spec.sections
        for d in s.documents
        if str(d.path).endswith(".pdf")
    }


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_cited_pages_and_paragraphs_match_the_case() -> None:
    case = load_case(CASE, today=DEMO_DATE).case
    assert case.appeal is not None
    paths = _documents()
    school = case.appeal.preferred_school
    cited = (
        [ref for ground in case.appeal.grounds for ref in ground.evidence]
        + [ref for a in case.appeal.amendments for ref in a.evidence]
        + (list(school.response_evidence) if school else [])
    )
    checked = set()
    for evidence in case.evidence:
        path = paths.get(evidence.title)
        if path is None:
            continue
        reader = PdfReader(path)
        assert len(reader.pages) == evidence.pages, evidence.ref
        checked.add(evidence.ref)
        for ref in cited:
            if ref.document != evidence.ref or ref.page is None:
                continue
            text = _flat(reader.pages[ref.page - 1].extract_text() or "")
            if ref.paragraph:
                # letters number their paragraphs "5." where reports write "6.4"
                assert re.search(rf"(^|\s){re.escape(ref.paragraph)}\.?\s", text), (
                    ref,
                    text[:80],
                )
    assert {"E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8"} <= checked


def test_every_sample_page_is_a4_and_not_near_empty() -> None:
    for title, path in _documents().items():
        for number, page in enumerate(PdfReader(path).pages, start=1):
            size = sorted((round(float(page.mediabox.width)), round(float(page.mediabox.height))))
            assert size == sorted((round(A4[0]), round(A4[1]))), (title, number)
            words = len((page.extract_text() or "").split())
            assert words >= 40, (title, number, words)


def test_council_letter_records_agreement_to_f5() -> None:
    case = load_case(CASE, today=DEMO_DATE).case
    assert case.appeal is not None
    (f5,) = [a for a in case.appeal.amendments if a.paragraph == "F5"]
    letter = _flat(
        "\n".join(
            p.extract_text() or ""
            for p in PdfReader(BUNDLE / "evidence" / "council-letter.pdf").pages
        )
    )
    assert "We agree your wording for Section F5" in letter
    assert _flat(f5.proposed or "") in letter


def test_bundle_files_nothing_after_the_demo_date_and_the_certificate_in_section_a() -> None:
    spec = load_bundle_spec(BUNDLE / "bundle.yaml")
    assert all(d.date <= DEMO_DATE for s in spec.sections for d in s.documents)
    assert spec.hearing_date is None
    (section_a,) = [s for s in spec.sections if s.label == "A"]
    assert "Mediation certificate" in [d.title for d in section_a.documents]

"""The demo tells one story (issue 11): every kind is made for some example, nothing is
reported skipped, a whole-school map is made, and Sami's bundle holds the appeal and the
working document the demo itself made, beside his decision letter, plan and reports."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from sendocs import api
from sendocs.documents import all_kinds

pytestmark = pytest.mark.libreoffice  # the bundle converts the demo's Word documents


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[api.DemoResult, Path]:
    out = tmp_path_factory.mktemp("demo")
    return api.run_demo(out), out


def test_every_kind_is_made_and_nothing_is_skipped(demo: tuple[api.DemoResult, Path]) -> None:
    result, _ = demo
    assert result.skipped == []
    assert {m.kind for m in result.made} == {k.name for k in all_kinds()}


def test_whole_school_map_is_made(demo: tuple[api.DemoResult, Path]) -> None:
    result, out = demo
    names = {p.name for p in result.extras}
    # one map per school: the example pupils are at several schools
    assert {
        "Whole_school_provision_map_Westbury_Academy.docx",
        "Whole_school_provision_map_Westbury_Academy.xlsx",
    } <= names
    assert "Whole_school_provision_map.docx" not in names
    assert (out / "Whole_school_provision_map_Westbury_Academy.xlsx").stat().st_size > 0


def _document_pages(reader: PdfReader) -> dict[str, range]:
    """Each bookmarked document's bundle pages (1-based), keyed by the bookmark's title
    up to the date: its first page is the bookmark's, its last the page before the
    next document starts."""
    starts: list[tuple[int, str]] = []

    def walk(items: Sequence[Any], depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            elif depth:  # documents are bookmarked under their section
                title = str(item.title).rsplit(", ", 1)[0]
                starts.append(((reader.get_destination_page_number(item) or 0) + 1, title))

    walk(reader.outline, 0)
    starts.sort()
    ends = [first - 1 for first, _ in starts[1:]] + [len(reader.pages)]
    return {title: range(first, end + 1) for (first, title), end in zip(starts, ends, strict=True)}


def test_section_a_holds_the_notice_the_demo_made_as_lodged(
    demo: tuple[api.DemoResult, Path],
) -> None:
    """s18 #11 (solicitor): Section A holds the appeal the demo made for Sami, rendered
    as lodged (kind appeal-as-lodged), not the sample notice: the appellants' names,
    'Lodged on', both signatures with the date, no 'check, sign and send' and no
    checklist; its evidence list numbers the documents as the bundle holds them."""
    result, out = demo
    reader = PdfReader(out / "Example_appeal_bundle.pdf")
    places = _document_pages(reader)
    notice_pages = places["Notice of appeal (SEND35) and reasons for appeal"]
    notice = "\n".join(reader.pages[n - 1].extract_text() or "" for n in notice_pages)
    flat = " ".join(notice.split())
    made = [m for m in result.made if m.kind == "appeal-as-lodged" and "sami-ahmed" in m.source]
    assert made, "the demo makes Sami's notice as lodged"
    assert "Appeal to the SEND Tribunal" in notice
    assert "Lodged on 23 November 2026." in notice
    assert "Mrs Farida Ahmed" in notice and "Mr Imran Ahmed" in notice
    assert "Signed: Mrs Farida Ahmed, appellant, 23 November 2026" in notice
    assert "Signed: Mr Imran Ahmed, appellant, 23 November 2026" in notice
    for draft in ("check, sign and send", "Draft for", "Signed: ____", "\u2612", "\u2610"):
        assert draft not in notice, draft
    assert "Part 3. Documents sent with this appeal" in notice
    # the sample notice is gone: its wording ('Signed by ... on ...') is not in the bundle
    assert "Signed by Mrs Farida Ahmed and Mr Imran Ahmed" not in flat
    # the notice's evidence list agrees with the bundle: each E-number's page count is
    # the count of the document the bundle holds under that title
    for ref, title, pages in (
        ("E4", "Decision letter issuing the final EHC plan", 3),
        ("E5", "Mediation certificate", 1),
        ("E3", "Final EHC plan with appendices", 28),
        ("E1", "Educational psychology report", 14),
        ("E2", "Speech and language therapy report", 12),
        (
            "E6",
            "Letter from Brookfield Primary School about a place in the Language Resource Base",
            2,
        ),
        ("E7", "Letter from the council proposing amended wording for Section F", 2),
    ):
        assert f"{ref}: {title}" in flat, ref
        assert f"({pages} page" in flat.split(f"{ref}: {title}")[1][:120], ref
        assert len(places[title]) == pages, (ref, places[title])


def test_section_c_holds_the_working_document_made_for_the_bundle(
    demo: tuple[api.DemoResult, Path],
) -> None:
    """s18 #11 (solicitor): inside the bundle the working document prints no 'Page X of
    Y' and no 'Draft of' (the bundle stamps its pages); its evidence notes give each
    cited document's pages in this bundle, as the bundle's index has them. The copy the
    demo writes beside the bundle keeps its own page numbers and 'Draft of'."""
    _, out = demo
    reader = PdfReader(out / "Example_appeal_bundle.pdf")
    places = _document_pages(reader)
    pages = places["Working document (Sections B, F and I)"]
    working = "\n".join(reader.pages[n - 1].extract_text() or "" for n in pages)
    flat = " ".join(working.split())
    assert working.startswith("Working document: Sami Ahmed")
    assert "Page 1 of" not in working and "Page " not in working
    assert "Draft" not in working
    assert "Version 23 November 2026: 5 changes proposed by the parents" in flat
    assert "the evidence notes give the pages of this bundle" in flat
    for ref, title, section in (
        ("E1", "Educational psychology report", "D"),
        ("E2", "Speech and language therapy report", "D"),
        (
            "E6",
            "Letter from Brookfield Primary School about a place in the Language Resource Base",
            "D",
        ),
        ("E7", "Letter from the council proposing amended wording for Section F", "D"),
    ):
        held = places[title]
        place = f"In this bundle: Section {section}, pages {held[0]}\u2013{held[-1]}"
        assert place in flat, (ref, place)
    # the standalone copy is a draft with its own page numbers
    from docx import Document

    (standalone,) = out.glob("Ahmed_Sami_Working_document_*.docx")
    footer = Document(str(standalone)).sections[0].footer.paragraphs[0]
    assert "Draft of 23 November 2026" in footer.text and "Page" in footer.text
    assert "NUMPAGES" in footer._p.xml


def test_bundle_holds_the_demos_own_appeal_and_working_document(
    demo: tuple[api.DemoResult, Path],
) -> None:
    """#11 review D items 2, 9, 10: Section A holds the notice as lodged and the council's
    response (not the draft with its checklist and blank signature); Section D holds the
    mediation certificate (E5) and Brookfield's letter (E6) the appeal relies on; the
    working document the demo made quotes the plan in Section B; the decision letter
    says what the appeal says it said."""
    _, out = demo
    reader = PdfReader(out / "Example_appeal_bundle.pdf")
    pages = [page.extract_text() or "" for page in reader.pages]
    text = "\n".join(pages)
    index = pages[0] + pages[1]
    assert "Ahmed v Anyshire County Council" in index
    assert "Sami Ahmed" in index
    assert "Decision letter issuing the final EHC plan" in index
    assert "2 October 2026" in index
    # as it stands on the demo's date (the appeal is lodged): no council response yet,
    # the mediation certificate with the appeal documents in Section A
    assert "Local authority's response to the appeal" not in index
    section_a = index.split("Section B")[0]
    assert "Mediation certificate" in section_a
    assert "Mediation certificate" in index
    assert "Letter from Brookfield Primary School about a place in the" in index
    # the notice as lodged (the demo's own, s18 #11): signed, no draft note, no blank
    # signature, no checklist
    # each appellant signs on a line of their own (#11 s19)
    assert "Signed: Mrs Farida Ahmed, 23 November 2026" in text
    assert "Signed: Mr Imran Ahmed, 23 November 2026" in text
    assert "Draft for the appellants" not in text
    assert "Signed: ____" not in text and "☒" not in text
    assert "We would have a place for Sami from January 2027." in text
    # the working document the demo made, quoting the plan in Section B
    assert "Working document: Sami Ahmed" in text
    assert "Parent / Local" in text  # F2: both parties' wording
    assert "Working document: Sami Ahmed (sample)" not in text
    plan = "\n".join(p for p in pages if "Final EHC plan: Sami Ahmed" in p)
    for original in (
        "Sami has speech, language and communication needs.",
        "Sami will have access to speech and language therapy as required.",
        "Sami will be supported by an adult as appropriate.",
        "Staff will use visual supports.",
    ):
        flat_plan, rest = " ".join(plan.split()), " ".join(text.replace(plan, "").split())
        assert original in flat_plan and original in rest, original
    # the decision letter gives the time limit, health and social care, SENDIASS's number
    letter = "\n".join(p for p in pages if "Anyshire CC, 2 October 2026" in p)
    assert "within two months of the date of this letter" in letter
    assert "health and social care needs and provision" in letter
    assert "01632 960980" in letter and "01632 960800" not in letter


REPORTS_AND_STATEMENTS = (
    "Educational psychology report",
    "Speech and language therapy report",
    "SENCO report",
    "Witness statement of",
)


def test_bundle_pages_read_upright_in_12pt_with_text(demo: tuple[api.DemoResult, Path]) -> None:
    """#11 review D items 1, 8, 11: the speech and language report saved with /Rotate 90
    is turned upright; sample reports and statements are 12pt; the scan is OCR'd."""
    import shutil

    from sendocs.bundle.orientation import text_direction

    _, out = demo
    reader = PdfReader(out / "Example_appeal_bundle.pdf")
    for number, page in enumerate(reader.pages, start=1):
        direction = text_direction(page)
        assert direction is None or direction == page.rotation % 360, number
    sizes: set[float] = set()
    for page in reader.pages:
        text = page.extract_text() or ""
        if text.startswith(REPORTS_AND_STATEMENTS):

            def visit(t: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
                if len(t.strip()) > 20:
                    sizes.add(round(size * (tm[0] ** 2 + tm[1] ** 2) ** 0.5, 1))

            page.extract_text(visitor_text=visit)
    assert sizes and min(sizes) >= 12, sizes
    if shutil.which("ocrmypdf") and shutil.which("tesseract"):
        assert "Attendance" in (reader.pages[-1].extract_text() or "")


def test_no_s68_letter_for_the_sixth_form_college(demo: tuple[api.DemoResult, Path]) -> None:
    """s.68 binds maintained schools, academies and PRUs: Jordan is at a sixth-form college."""
    result, _ = demo
    letters = [m for m in result.made if m.kind == "parent-notification"]
    assert letters
    assert not [m for m in letters if "jordan-mills" in m.source]
    assert [m for m in letters if "leo-baxter" in m.source]


def test_letter_before_claim_is_dated_after_the_follow_up_reply_date(
    demo: tuple[api.DemoResult, Path],
) -> None:
    """#11 item 15, s17 item 2: the letter before claim comes after the follow-up's reply
    date and neither is dated after the demo's day (23 November 2026)."""
    _, out = demo
    follow_ups = sorted(p.name for p in out.rglob("*EHC_assessment_follow_up_*"))
    claims = sorted(p.name for p in out.rglob("*Letter_before_claim_EHC_assessment_*"))
    assert "Mills_Jordan_EHC_assessment_follow_up_2026-11-10.docx" in follow_ups
    assert "Mills_Jordan_Letter_before_claim_EHC_assessment_2026-11-23.docx" in claims


def _sample_words() -> set[str]:
    """Every word of the sample evidence's source (fixtures/bundle/make_samples.py): a
    line ending in a cut word ('th' of 'the') ends in a token the source never holds."""
    import re

    path = Path(__file__).resolve().parents[2] / "fixtures" / "bundle" / "make_samples.py"
    tokens = re.findall(r"[\w'’.%-]+", path.read_text(encoding="utf-8"))
    return {t.strip(".,;:()") for t in tokens}


def test_bundle_sample_evidence_wraps_whole_words_and_no_page_is_blank(
    demo: tuple[api.DemoResult, Path],
) -> None:
    """#11 (s17 item 1): the sample SENCO report cut lines mid-word ('… are set out in th')
    and the scanned attendance record looked like a blank page. Every line of a sample
    page ends on a whole word of the sample text, and every page carries text or ink."""
    import re
    import subprocess

    from PIL import Image

    _, out = demo
    bundle = out / "Example_appeal_bundle.pdf"
    reader = PdfReader(bundle)
    words = _sample_words()
    # the sample evidence: every document but the two the demo makes (the notice as
    # lodged, the working document) and the scan (its text is the OCR's reading)
    made_here = (
        "Notice of appeal (SEND35) and reasons for appeal",
        "Working document (Sections B, F and I)",
        "Attendance record (scanned)",
    )
    samples = [
        number
        for title, numbers in _document_pages(reader).items()
        if title not in made_here
        for number in numbers
    ]
    sample_pages = 0
    for number in samples:
        sample_pages += 1
        body = subprocess.run(
            ["pdftotext", "-f", str(number), "-l", str(number), str(bundle), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for line in body.splitlines():
            tokens = re.findall(r"[\w'’.%-]+", line)
            if not tokens or line.strip() == str(number):
                continue
            last = tokens[-1].strip(".,;:()")
            assert last in words or last.isdigit(), (number, line)
    # decision letter 3, mediation 1, plan 28, EP 14, SALT 12, Brookfield 2, statement 2,
    # SENCO 2, council letter 2
    assert sample_pages == 66
    assert "SENCO report, Greenfield Primary School" in "".join(
        (p.extract_text() or "") for p in reader.pages
    )
    images = out / "bundle-pages"
    images.mkdir()
    subprocess.run(
        ["pdftoppm", "-gray", "-r", "20", "-png", str(bundle), str(images / "p")], check=True
    )
    pngs = sorted(images.glob("p-*.png"))
    assert len(pngs) == len(reader.pages)
    for png in pngs:
        with Image.open(png) as image:
            gray = image.convert("L")
            dark = sum(gray.histogram()[:160])  # pixels darker than 160
            assert dark / (gray.width * gray.height) > 0.004, png.name

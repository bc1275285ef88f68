"""The demo tells one story (issue 11): every kind is made for some example, nothing is
reported skipped, a whole-school map is made, and Sami's bundle holds the appeal and the
working document the demo itself made, beside his decision letter, plan and reports."""

from __future__ import annotations

from pathlib import Path

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


def test_bundle_holds_the_demos_own_appeal_and_working_document(
    demo: tuple[api.DemoResult, Path],
) -> None:
    _, out = demo
    reader = PdfReader(out / "Example_appeal_bundle.pdf")
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    index = reader.pages[0].extract_text() or ""
    assert "Ahmed v Anyshire County Council" in index
    assert "Sami Ahmed" in index
    assert "Decision letter issuing the final EHC plan" in index
    assert "2 October 2026" in index
    # the appeal the demo made, not a sample
    assert "Mrs Farida Ahmed and Mr Imran Ahmed appeal against Sections B, F and I" in text
    assert "Part 3. Reasons for appeal" in text
    # the working document the demo made
    assert "Working document: Sami Ahmed" in text
    assert "Parent / Local" in text  # F2: both parties' wording
    assert "Working document: Sami Ahmed (sample)" not in text
    assert "Notice of appeal (SEND35): Sami Ahmed (sample)" not in text


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
    sample_pages = 0
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text() or ""
        if "(sample)" not in text:
            continue
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
    assert sample_pages == 19  # decision letter 2, plan 6, EP 4, SALT 3, statement 2, SENCO 2
    assert "SENCO report, Greenfield Primary School (sample)" in "".join(
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

"""The shipped SEN support plan template: rendered from fixtures and read back."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx.document import Document
from docx.oxml.ns import qn
from docx.table import Table

from sendocs.loading import load_case
from sendocs.models import Case
from sendocs.render.libreoffice import LibreOfficeConverter

from .helpers import (
    CASES,
    TEMPLATES,
    all_text,
    assert_headings_have_content,
    assert_valid_word_structure,
    body_paragraphs,
    open_docx,
    render_case,
)
from .stress_case import LONG_PARAGRAPH, stress_case, stress_case_data

from docxbuilder import jinja_tags  # isort: skip  (templates/src, put on sys.path by helpers)

TEMPLATE = TEMPLATES / "sen_support_plan.docx"


def table_with_header(doc: Document, *first_cells: str) -> Table:
    for table in doc.tables:
        header = [c.text for c in table.rows[0].cells]
        if header[: len(first_cells)] == list(first_cells):
            return table
    raise AssertionError(f"no table with header {first_cells}")


def rows_below_header(table: Table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows[1:]]


def details(doc: Document) -> dict[str, str]:
    """Label -> value from the school and pupil details table."""
    table = doc.tables[0]
    found: dict[str, str] = {}
    for row in table.rows:
        cells = [c.text for c in row.cells]
        for label, value in zip(cells[0::2], cells[1::2], strict=False):
            found.setdefault(label, value)
    return found


# -- the Amara fixture ----------------------------------------------------------------


def test_title_and_pupil_name(amara_docx: bytes) -> None:
    doc = open_docx(amara_docx)
    paras = [p for p in body_paragraphs(doc)]
    assert paras[0].text == "SEN support plan"
    assert paras[0].style is not None and paras[0].style.name == "Title"
    assert paras[1].text == "Amara Okafor · Brookfield Primary School"


def test_details_table_has_en_gb_dates_and_spelled_out_needs(amara_docx: bytes) -> None:
    found = details(open_docx(amara_docx))
    assert found["Name"] == "Amara Okafor"
    assert found["Known as"] == "Amara"
    # Born 14 March 2019, plan dated 23 November 2026: 7 years 8 months, computed.
    assert found["Date of birth"] == "14 March 2019 (age 7 years 8 months on 23 November 2026)"
    assert found["Year group"] == "Year 3"
    assert found["UPN"] == "B801200005001"
    assert found["First language"] == "English"
    assert found["SEN status"] == "SEN support"
    assert found["Plan"] == "Plan 3, from 14 September 2026"
    assert found["Review date"] == "7 December 2026"
    assert found["Primary need"] == "Speech, language and communication needs (SLCN)"
    assert found["Secondary need"] == "Social, emotional and mental health (SEMH)"
    assert found["SENCO"] == "Mr Tom Reid · senco@brookfield.example.sch.uk · 01632 960101"
    # by title, as their views and the sign-off name them (s20 expert read)
    assert found["Parents and carers"] == "Mrs Grace Okafor (Mother) and Mr Daniel Okafor (Father)"
    assert found["Class teacher"] == "Miss Lily Evans"


def test_every_outcome_row(amara_docx: bytes, amara: Case) -> None:
    table = table_with_header(open_docx(amara_docx), "No.", "Outcome", "Starting point")
    rows = rows_below_header(table)
    outcomes = amara.current_cycle.outcomes
    assert len(rows) == len(outcomes) == 4  # the lunchtime outcome carried on (s19 #8)
    for number, (row, outcome) in enumerate(zip(rows, outcomes, strict=True), start=1):
        assert row == [
            str(number),
            outcome.outcome,
            outcome.baseline,
            outcome.success_criteria,
            "4 December 2026",
            outcome.responsible,
        ]


def test_every_provision_row(amara_docx: bytes, amara: Case) -> None:
    table = table_with_header(
        open_docx(amara_docx), "Support, and the outcomes it serves", "Who and where", "Group"
    )
    rows = rows_below_header(table)
    provision = amara.current_cycle.provision
    assert len(rows) == len(provision) == 4
    assert [r[0].split("\n")[0] for r in rows] == [p.intervention for p in provision]
    # the outcomes each support serves, by number and in the plan's own words
    assert rows[0] == [
        "Individual speech and language programme\n"
        "Programme set by the NHS speech and language therapist, delivered by a trained "
        "teaching assistant.\n"
        "For outcome 1: Amara will use 20 new topic words in her talk and writing.\n"
        "For outcome 2: Amara will retell a short story in the right order using story words "
        "(first, next, then, finally).",
        "Teaching assistant (Mrs Patel), out of class",
        "One-to-one",
        "3 sessions of 20 minutes a week (1 hour a week)",
        "14 September 2026 to 11 December 2026",
        "In place since 14 September 2026",
    ]
    # the lunchtime group serves the outcome carried on from plan 2 (s19 #8)
    assert rows[3][0] == (
        "Lunchtime social communication group\n"
        "For outcome 4: Amara will join a playground game with a peer at lunchtime."
    )
    # the class teacher's own lessons: never "One-to-one" teacher time (s18 B)
    assert rows[2][1:5] == [
        "Class teacher, in class",
        "In class",
        "Every lesson",
        "Until the next review",
    ]
    assert rows[2][5].startswith("In place since ")
    assert "\u2014" not in all_text(amara_docx)  # no dash standing in for a missing link


def test_previous_plan_outcomes_with_their_results(amara_docx: bytes) -> None:
    doc = open_docx(amara_docx)
    table = table_with_header(doc, "No.", "Outcome", "Result")
    assert rows_below_header(table) == [
        [
            "1",
            "Amara will use 20 new topic words in her talk and writing.",
            "Not met",
            "Word Aware check, 16 of 30.",
        ],
        [
            "2",
            "Amara will join a playground game with a peer at lunchtime.",
            "Partly met",
            "Lunchtime log shows 2 of 5 days.",
        ],
    ]
    text = all_text(amara_docx)
    assert "Plan 2 started on 12 January 2026 and was reviewed on 23 March 2026." in text
    assert "Add one-to-one speech and language programme" in text


def test_needs_diagnoses_professionals_and_strengths(amara_docx: bytes) -> None:
    doc = open_docx(amara_docx)
    needs = rows_below_header(table_with_header(doc, "Area of need"))
    assert needs[0][:2] == [
        "Communication and interaction",
        "Speech, language and communication needs (SLCN)\nPrimary need",
    ]
    assert needs[1][2].startswith("When she cannot make herself understood")
    diagnoses = rows_below_header(table_with_header(doc, "Diagnosis"))
    assert diagnoses == [
        [
            "Developmental language disorder",
            "Ms Priya Shah, speech and language therapist, Anyshire NHS Trust",
            "20 May 2024",
        ]
    ]
    (who, involvement, advice) = rows_below_header(table_with_header(doc, "Who"))[0]
    assert who == "Ms Priya Shah\nSpeech and language therapist\nAnyshire NHS Trust"
    assert involvement == "Since 1 March 2023\nReports: 20 May 2024 and 6 October 2025"
    # 3 sessions a week is not the daily teaching advised (s18 B)
    assert advice.startswith(
        "Daily vocabulary teaching using the Word Aware approach (partly in place: 3 sessions "
        "a week, not daily)"
    )
    bullets = [p.text for p in body_paragraphs(doc) if p.style and p.style.name == "List Bullet"]
    assert bullets == [
        "Kind and caring towards younger children",
        "Strong visual memory and a talented artist",
        "Works hard when tasks are broken into small steps",
    ]


def test_views_and_review_invitation(amara_docx: bytes) -> None:
    doc = open_docx(amara_docx)
    voices = [p.text for p in body_paragraphs(doc) if p.style and p.style.name == "Voice"]
    assert voices == [
        "I am 7. I like drawing dragons, playing football at break and helping in the "
        "library. I have a little sister called Zara.",
        "I like working with Mrs Patel because she helps me find my words. "
        "I don\u2019t like it when the classroom is noisy.",
        # whose views they are (s19 #6)
        "Mr and Mrs Okafor: We have seen Amara become more confident at home. We would like "
        "her to have more help with reading, and for school to keep using the picture "
        "timetable.",
    ]
    text = all_text(amara_docx)
    assert (
        "We will meet to review this plan on Monday 7 December 2026 at 3.30pm, in the SENCO\u2019s "
        "office." in text
    )
    assert "at least three times a year" in text
    assert "(SEND Code of Practice, paragraph 6.65)" in text
    assert (
        "please contact Mr Tom Reid, SENCO, by email at senco@brookfield.example.sch.uk "
        "or by phone on 01632 960101." in text
    )


def test_sign_off_block(amara_docx: bytes) -> None:
    rows = rows_below_header(table_with_header(open_docx(amara_docx), "Role", "Name", "Signature"))
    assert rows == [
        ["Parent or carer", "Mrs Grace Okafor", "", ""],
        ["Parent or carer", "Mr Daniel Okafor", "", ""],
        ["Pupil", "Amara Okafor", "", ""],
        ["SENCO", "Mr Tom Reid", "", ""],
        ["Class teacher", "Miss Lily Evans", "", ""],
    ]


def test_footer_and_header(amara_docx: bytes) -> None:
    section = open_docx(amara_docx).sections[0]
    assert section.different_first_page_header_footer
    for footer in (section.footer, section.first_page_footer):
        xml = footer._element.xml
        assert footer.paragraphs[0].text == "Amara Okafor\tConfidential\tPage 1 of 1"
        assert " PAGE " in xml and " NUMPAGES " in xml
    assert section.header.paragraphs[0].text == "Brookfield Primary School\t\tSEN support plan"
    assert section.first_page_header.paragraphs[0].text == ""


def test_tables_repeat_their_header_rows(amara_docx: bytes) -> None:
    doc = open_docx(amara_docx)
    for table in doc.tables[1:]:
        first = table.rows[0]._tr
        if first.find(qn("w:tc")).find(qn("w:tcPr")).find(qn("w:shd")).get(qn("w:fill")) != (
            "1F3A5F"
        ):
            continue  # details tables have no header row
        assert first.trPr is not None and first.trPr.find(qn("w:tblHeader")) is not None


def test_no_tags_and_no_none_left(amara_docx: bytes) -> None:
    assert_valid_word_structure(amara_docx)
    assert jinja_tags(amara_docx) == []
    text = all_text(amara_docx)
    assert "{{" not in text and "{%" not in text
    assert not re.search(r"\bNone\b", text)


def test_no_empty_headings(amara_docx: bytes) -> None:
    assert_headings_have_content(open_docx(amara_docx))


# -- the template file -----------------------------------------------------------------


# -- an awkward case -------------------------------------------------------------------


@pytest.fixture(scope="module")
def stress_docx() -> bytes:
    return render_case(stress_case())


def test_awkward_values_appear_literally(stress_docx: bytes) -> None:
    doc = open_docx(stress_docx)
    paras = list(body_paragraphs(doc))
    assert paras[1].text == "Tom & Jerry O'Brien <Jr> · Brookfield Primary School"
    voices = [p.text for p in paras if p.style and p.style.name == "Voice"]
    assert len(voices) == 5  # the 5,000-character view keeps its five paragraphs
    # whose views they are, then the words exactly as typed (s19 #6)
    assert voices[0] == "Siobh\u00e1n O'Neill: " + (LONG_PARAGRAPH * 8).strip()
    assert voices[2].startswith("He wrote {{ 7*7 }} and {% if %} on his homework.")
    assert sum(len(v) for v in voices) > 5000


def test_missing_data_is_skipped_or_explained(stress_docx: bytes) -> None:
    doc = open_docx(stress_docx)
    found = details(doc)
    assert "UPN" not in found  # an empty field is left out, label and all
    assert found["Known as"] == "Tom & Jerry"
    assert found["Primary need"] == "Communication and interaction"  # no census type given
    # no SENCO phone: the school office's, so a parent without email can call (#10)
    assert found["SENCO"] == (
        "Mr Tom Reid · senco@brookfield.example.sch.uk · school office 01632 960100"
    )
    assert found["Parents and carers"] == "Siobhán O'Neill (Foster carer)"
    text = all_text(stress_docx)
    assert "Tom & Jerry’s views have not been written down yet." in text
    for absent in ("How did the last plan go?", "Diagnoses and professionals involved"):
        assert absent not in text
    assert (
        "by email at senco@brookfield.example.sch.uk or by phone through the school office "
        "on 01632 960100." in text
    )
    bullets = [p.text for p in body_paragraphs(doc) if p.style and p.style.name == "List Bullet"]
    assert bullets[-2:] == ["25% extra time", "A reader for written papers"]
    assert_valid_word_structure(stress_docx)
    assert jinja_tags(stress_docx) == ["{{ 7*7 }}", "{% if %}"]  # the parent's own text only
    assert not re.search(r"\bNone\b", text)
    assert_headings_have_content(doc)


def test_many_outcomes_all_rendered(stress_docx: bytes) -> None:
    rows = rows_below_header(table_with_header(open_docx(stress_docx), "No.", "Outcome"))
    assert [r[0] for r in rows] == [str(i) for i in range(1, 11)]
    assert rows[9][1].startswith("Outcome 10: Amara will retell")


@pytest.mark.parametrize("case_file", sorted(CASES.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_example_case_renders_cleanly(case_file: Path) -> None:
    data = render_case(load_case(case_file).case)
    assert_valid_word_structure(data)
    assert jinja_tags(data) == []
    assert not re.search(r"\bNone\b", all_text(data))
    assert_headings_have_content(open_docx(data))


@pytest.mark.libreoffice
def test_pdf_pages_are_numbered_page_x_of_y(amara_docx: bytes, tmp_path: Path) -> None:
    """LibreOffice lays the plan out on A4 with "Page X of Y" on every page."""
    from pypdf import PdfReader

    source = tmp_path / "plan.docx"
    source.write_bytes(amara_docx)
    with LibreOfficeConverter(mode="batch", workers=1) as converter:
        (pdf,) = converter.convert([source], tmp_path)
    reader = PdfReader(pdf)
    pages = len(reader.pages)
    assert 3 <= pages <= 5
    for number, page in enumerate(reader.pages, start=1):
        assert round(float(page.mediabox.width)) == 595  # A4 portrait, in points
        text = page.extract_text()
        assert f"Page {number} of {pages}" in text
        assert "Amara Okafor" in text and "Confidential" in text
        assert "{{" not in text and "None" not in text


def test_professional_with_little_recorded() -> None:
    data = stress_case_data()
    data["professionals"] = [{"name": "Dr A Khan", "role": "Paediatrician"}]
    rendered = render_case(Case.model_validate(data))
    assert_valid_word_structure(rendered)
    row = rows_below_header(table_with_header(open_docx(rendered), "Who", "Involvement"))[0]
    assert row == [
        "Dr A Khan\nPaediatrician",
        "",  # no start date and no reports: nothing printed, no placeholder
        "No recommendations recorded.",
    ]
    assert "not recorded" not in all_text(rendered).lower()

"""Issue #10, as a SENCO and a DPO read the plan and the s.68 letter: no placeholder
fields, every provision tied to the outcomes it serves, headings and the sign-off block
never stranded, an EHC-plan pupil's plan starting on or after the EHC plan, college
wording for a college, and time written as a person writes it."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from docx.document import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from sendocs.documents.parent_notification import PARENT_NOTIFICATION
from sendocs.models import Case
from sendocs.models.checks import check_case
from sendocs.render.libreoffice import LibreOfficeConverter

from .helpers import CASES, all_text, assert_clean, load, open_docx, render_case, render_kind


def _keeps(p: Paragraph) -> bool:
    """keep-with-next set on the paragraph or its style (Heading 1/2, Table Heading)."""
    if p.paragraph_format.keep_with_next:
        return True
    style = p.style
    while style is not None:
        if style.paragraph_format.keep_with_next:
            return True
        style = style.base_style
    return False


def _body(doc: Document) -> list[object]:
    """Body paragraphs and tables in order (python-docx objects)."""
    items: list[object] = []
    for el in doc.element.body:
        if el.tag == qn("w:p"):
            items.append(Paragraph(el, doc))
        elif el.tag == qn("w:tbl"):
            items.append(Table(el, doc))
    return items


@pytest.mark.parametrize("case_file", sorted(CASES.glob("*.yaml")), ids=lambda p: p.stem)
def test_no_placeholder_and_every_heading_keeps_with_what_follows(case_file: Path) -> None:
    from sendocs.loading import load_case

    data = render_case(load_case(case_file).case)
    text = assert_clean(data)
    for placeholder in ("Not recorded", "not recorded", "\u2014"):
        assert placeholder not in text
    items = _body(open_docx(data))
    for i, item in enumerate(items):
        if not isinstance(item, Paragraph) or not item.style.name.startswith("Heading"):
            continue
        assert _keeps(item), item.text
        nxt = items[i + 1]
        if isinstance(nxt, Paragraph) and nxt.style.name != "List Bullet" and i + 2 < len(items):
            after = items[i + 2]
            # an introduction keeps with the table or list it introduces
            if isinstance(after, Table) or (
                isinstance(after, Paragraph) and after.style.name == "List Bullet"
            ):
                assert _keeps(nxt), f"{item.text!r}: {nxt.text!r} does not keep with the next"
        if isinstance(nxt, Table):
            first = nxt.rows[0]
            tr_pr = first._tr.trPr
            assert tr_pr is not None and tr_pr.find(qn("w:cantSplit")) is not None
            assert all(_keeps(p) for c in first.cells for p in c.paragraphs), item.text


def test_review_section_and_sign_off_form_one_chain() -> None:
    items = _body(open_docx(render_case(load("elena-ap-gwilym"))))
    texts = [getattr(i, "text", None) for i in items]
    start, agreed = texts.index("Reviewing this plan"), texts.index("Agreed by")
    for p in items[start : agreed + 1]:
        assert isinstance(p, Paragraph) and _keeps(p), p.text  # down to the sign-off table
    table = items[agreed + 1]
    assert isinstance(table, Table)
    rows = table.rows
    assert [r.cells[0].text for r in rows] == [
        "Role",
        "Parent or carer",
        "Parent or carer",
        "Pupil",
        "SENCO",
        "Form tutor",  # Elena is in Year 9
    ]
    for row in rows[:-1]:
        assert all(_keeps(p) for c in row.cells for p in c.paragraphs)
        assert row._tr.trPr.find(qn("w:cantSplit")) is not None


def test_provision_rows_name_the_outcomes_they_serve() -> None:
    case = load("ruby-clarke")
    outcomes = case.current_cycle.outcomes
    doc = open_docx(render_case(case))
    (table,) = [t for t in doc.tables if t.rows[0].cells[0].text.startswith("Support, and")]
    cells = [r.cells[0].text for r in table.rows[1:]]
    assert cells[1].split("\n") == [
        "Precision teaching",
        f"For outcome 1: {outcomes[0].outcome}",
    ]
    assert cells[2].split("\n")[-2:] == [
        f"For outcome 1: {outcomes[0].outcome}",
        f"For outcome 2: {outcomes[1].outcome}",
    ]


def test_ehc_plan_outcomes_step_towards_section_e_and_start_after_the_plan() -> None:
    case = load("sami-ahmed")
    assert case.ehc_plan is not None
    assert case.current_cycle.start >= case.ehc_plan.issued
    doc = open_docx(render_case(case))
    text = all_text(render_case(case))
    assert "Plan 2, from 5 October 2026" in text
    (outcomes,) = [
        t
        for t in doc.tables
        if [c.text for c in t.rows[0].cells][:3] == ["No.", "Outcome", "Starting point"]
    ]
    first = outcomes.rows[1].cells[1].text
    assert first == (
        # outcomes in Section E order (s18 H)
        "Sami will follow spoken instructions of up to three key words with a visual prompt.\n"
        "Step towards E1 in the EHC plan"
    )
    (section_e,) = [
        t for t in doc.tables if t.rows[0].cells[-1].text.startswith("Outcome in Section E")
    ]
    assert section_e.rows[2].cells[0].text == "E2"
    assert section_e.rows[2].cells[1].text == case.ehc_plan.section_e[1]


def _with(case: Case, **cycle_changes: object) -> Case:
    data = case.model_dump(mode="json")
    data["cycles"][-1].update(cycle_changes)
    return Case.model_validate(data)


def test_validate_warns_when_the_plan_starts_before_the_ehc_plan() -> None:
    early = _with(load("sami-ahmed"), start="2026-09-07")
    found = [w for w in check_case(early, dt.date(2026, 11, 30)) if w.path[-1] == "start"]
    assert len(found) == 1
    assert "before the EHC plan it is written against was issued (02/10/2026)" in found[0].message
    assert not [
        w for w in check_case(load("sami-ahmed"), dt.date(2026, 11, 30)) if w.path[-1] == "start"
    ]


def test_validate_warns_about_provision_linked_to_no_outcome() -> None:
    data = load("ruby-clarke").model_dump(mode="json")
    data["cycles"][-1]["provision"][1]["outcomes"] = []
    case = Case.model_validate(data)
    (found,) = [w for w in check_case(case, dt.date(2026, 11, 30)) if w.path[-1] == "outcomes"]
    assert "'Precision teaching' does not say which outcome(s) it serves" in found.message
    # and the plan prints nothing odd in its place: the name only
    doc = open_docx(render_case(case))
    (table,) = [t for t in doc.tables if t.rows[0].cells[0].text.startswith("Support, and")]
    assert table.rows[2].cells[0].text == "Precision teaching"
    assert "\u2014" not in all_text(render_case(case))


def test_one_outcome_needs_no_links_and_a_source_without_links_is_not_warned() -> None:
    data = load("leo-baxter").model_dump(mode="json")
    data["cycles"][-1]["outcomes"] = data["cycles"][-1]["outcomes"][:1]  # one outcome
    for p in data["cycles"][-1]["provision"]:
        p["outcomes"] = []
    case = Case.model_validate(data)
    assert not [w for w in check_case(case, dt.date(2026, 11, 30)) if w.path[-1] == "outcomes"]
    doc = open_docx(render_case(case))
    (table,) = [t for t in doc.tables if t.rows[0].cells[0].text.startswith("Support, and")]
    outcome = case.current_cycle.outcomes[0].outcome
    assert table.rows[2].cells[0].text.endswith(f"For outcome 1: {outcome}")


def test_a_college_plan_is_worded_for_a_college() -> None:
    text = assert_clean(render_case(load("jordan-mills")))
    assert "the support the college will provide" in text
    assert "what other students receive" in text
    assert "6.65" not in text  # Code chapter 6 is written for schools
    assert "class teacher" not in text.lower()
    # the role the case gives, in the row and in "Who leads" alike (s19 A3)
    assert "Personal tutor\nMrs Ellen Shaw\n" in text  # never "… (personal tutor)"
    assert "Student\nJordan" in text
    school = assert_clean(render_case(load("leo-baxter")))
    assert "SEND Code of Practice, paragraph 6.65" in school
    assert "Pupil\nLeo" in school


def test_letter_support_table_separates_name_and_description_and_writes_time_in_words() -> None:
    doc = open_docx(render_kind(load("amara-okafor"), PARENT_NOTIFICATION))
    table = doc.tables[0]  # the support; the last table is the reply slip
    header = [c.text for c in table.rows[0].cells]
    assert header == ["Support", "What it is for", "Who gives it", "Group", "How often"]
    row = [c.text for c in table.rows[1].cells]
    assert row[0] == "Individual speech and language programme"
    assert row[1].startswith("Programme set by the NHS speech and language therapist")
    assert row[4] == "3 sessions of 20 minutes a week (1 hour a week)"
    text = all_text(render_kind(load("kai-thompson"), PARENT_NOTIFICATION))
    assert not re.search(r"\d\.\d+ hours?", text)


@pytest.mark.libreoffice
@pytest.mark.parametrize(
    ("name", "heading", "follows"),
    [
        (
            "sami-ahmed",
            "Outcomes in the EHC plan (Section E)",
            "Sami will take part in small-group",
        ),
        ("elena-ap-gwilym", "Agreed by", "If the date does not suit you"),
        ("niamh-oconnor", "Agreed by", "If the date does not suit you"),
        ("maya-kowalczyk-oneill", "Agreed by", "If the date does not suit you"),
    ],
)
def test_pdf_pages_keep_headings_and_sign_off_with_their_text(
    name: str, heading: str, follows: str, tmp_path: Path
) -> None:
    """Laid out by LibreOffice: the heading shares a page with what it belongs to."""
    from pypdf import PdfReader

    source = tmp_path / f"{name}.docx"
    source.write_bytes(render_case(load(name)))
    with LibreOfficeConverter(mode="batch", workers=1) as converter:
        (pdf,) = converter.convert([source], tmp_path)
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages]
    (page,) = [p for p in pages if heading in p]
    assert follows in page
    assert "Role Name Signature Date" in pages[-1] or heading != "Agreed by"

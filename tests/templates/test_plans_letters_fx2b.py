"""Plans and s.68 letters, the rest of the second four-reader read (issue #10, s18 FX2b):
the letter's closing, signature and reply slip in one block that cannot split, so the
text above flows and the slip never stands alone."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from sendocs.documents.parent_notification import PARENT_NOTIFICATION
from sendocs.models import Case
from sendocs.models.checks import check_case

from .helpers import all_text, load, open_docx, render_case, render_kind

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_the_last_paragraph_keeps_with_the_closing_block_that_cannot_split() -> None:
    """s19 #1: the closing block (no longer holding the slip) cannot split, and the
    letter's last paragraph keeps with it, so the signature never stands alone."""
    doc = open_docx(render_kind(load("leo-baxter"), PARENT_NOTIFICATION))
    privacy = [p for p in doc.paragraphs if p.text.startswith("Our privacy notice")]
    assert len(privacy) == 1
    assert privacy[0]._p.pPr is not None and privacy[0]._p.pPr.keepNext_val is True
    block = doc.tables[-2]
    assert block.rows[0]._tr.trPr.find(f"{W}cantSplit") is not None
    texts = [p.text for p in block.rows[0].cells[0].paragraphs]
    assert texts[0] == "Yours sincerely"
    assert "Mrs Anita Shah" in texts and "Enclosed: Leo\u2019s support plan" in texts
    # the slip is a block of its own after the signature (s19 #1)
    assert doc.tables[-1].rows[0].cells[0].paragraphs[0].text == "Reply slip: review meeting"


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", ["leo-baxter", "ruby-clarke", "niamh-oconnor"])
def test_signature_with_the_letter_and_the_slip_whole(name: str, tmp_path: Path) -> None:
    """s19 #1: the signature stays on the page of the letter's last paragraph; the slip
    is whole on the last page (the next one when it does not fit under the signature)."""
    from pypdf import PdfReader

    from sendocs.render.libreoffice import LibreOfficeConverter

    source = tmp_path / "letter.docx"
    source.write_bytes(render_kind(load(name), PARENT_NOTIFICATION, date=dt.date(2026, 11, 23)))
    with LibreOfficeConverter(mode="batch", workers=1) as converter:
        (pdf,) = converter.convert([source], tmp_path)
    pages = [page.extract_text() for page in PdfReader(pdf).pages]
    signed = next(page for page in pages if "Yours sincerely" in page)
    assert "Our privacy notice" in signed
    assert "Reply slip: review meeting" in pages[-1] and "Signed: ____" in pages[-1]
    assert not any("Reply slip" in page for page in pages[:-1])


def flat(data: bytes) -> str:
    return " ".join(all_text(data).split())


def test_an_ehc_plan_pupils_plan_says_what_section_i_names_and_the_appeal() -> None:
    """H: Ella's plan never mentioned Section I or Ms Owusu's appeal for St Mark's."""
    ella = flat(render_case(load("ella-owusu")))
    assert (
        "Section I of Ella\u2019s EHC plan names Hillcrest Special School (community special "
        "school). Ms Owusu is appealing to the First-tier Tribunal (Special Educational Needs "
        "and Disability) for St Mark’s CE Primary School to be named instead. The appeal has "
        "not yet been decided." in ella
    )
    sami = flat(render_case(load("sami-ahmed")))
    assert (
        "On 23 November 2026 Mr and Mrs Ahmed appealed to the First-tier Tribunal (Special "
        "Educational Needs and Disability) against Sections B and F of the plan, and for "
        "Brookfield Primary School" in sami
    )
    # no appeal, no note
    assert "appeal" not in flat(render_case(load("amara-okafor"))).casefold()


def test_class_teaching_is_listed_under_its_own_heading_with_no_time_or_cost() -> None:
    """H: Ella's Makaton signing sat under "additional to, or different from"."""
    doc = open_docx(render_case(load("ella-owusu")))
    texts = [p.text for p in doc.paragraphs]
    assert "How Ella\u2019s class teaching is adapted for her" in texts
    (support,) = [t for t in doc.tables if t.rows[0].cells[0].text.startswith("Support, and")]
    names = [r.cells[0].text.split("\n")[0] for r in support.rows[1:]]
    assert "Makaton signing with spoken words in class" not in names
    (adapted,) = [t for t in doc.tables if t.rows[0].cells[0].text.startswith("What we do")]
    assert [c.text for c in adapted.rows[0].cells] == [
        "What we do, and the outcomes it serves",
        "Who and where",
        "When",
        "Status",
    ]
    assert adapted.rows[1].cells[0].text.startswith("Makaton signing with spoken words in class")
    assert "minutes" not in adapted.rows[1].cells[2].text and "£" not in flat_row(adapted)


def flat_row(table: Any) -> str:
    return " ".join(c.text for r in table.rows for c in r.cells)


def test_outcome_links_said_once_and_labels_fit() -> None:
    """H: "outcome 2 is an additional school target; outcome 3 is an additional school
    target" is one clause; Sami's outcomes follow Section E; short title and label."""
    ella = flat(render_case(load("ella-owusu")))
    assert (
        "In this plan, outcome 1 is a step towards E1; outcomes 2 and 3 are additional "
        "school targets." in ella
    )
    sami = load("sami-ahmed")
    assert [o.ehc_outcome for o in sami.current_cycle.outcomes] == [1, 2, 3]
    text = flat(render_case(sami))
    assert text.startswith("Support plan for a pupil with an EHC plan EHC plan reference")
    assert "Annual review by Friday 1 October 2027" in text


def test_a_section_f_item_not_in_place_has_a_short_status() -> None:
    """H: Sami's F2 Status cell ran to ~30 one-word lines."""
    doc = open_docx(render_case(load("sami-ahmed")))
    (support,) = [t for t in doc.tables if t.rows[0].cells[0].text.startswith("Support, and")]
    (row,) = [r for r in support.rows if r.cells[0].text.startswith("Speech and language")]
    assert row.cells[-1].text == (
        "Not in place. Requested 14 September and 5 October 2026; chased 2 November 2026. "
        "Anyshire must secure F2 (s.42)."
    )
    assert "Not yet in place: we asked Anyshire County Council’s SEND Statutory" in (
        row.cells[0].text
    )


def test_kai_plan_says_each_thing_once_and_nests_no_brackets() -> None:
    """C: the return to full days once; no "…2027))"; a suspected need not said twice."""
    text = flat(render_case(load("kai-thompson")))
    assert text.count("full days by 12 February 2027") == 1
    assert "2027))" not in text
    assert "Suspected, not yet assessed." not in text
    assert (
        "Sensitive to noise and crowds. Suspected sensory processing difficulties; an "
        "occupational therapy assessment has not yet taken place." in text
    )
    assert (
        "not yet in group-work lessons, because we have not been able to fund it from our "
        "SEN budget" in text
    )
    assert "76% of his agreed part-time sessions" in text
    # the rules, on data that would break them
    data = load("kai-thompson").model_dump()
    data["needs"][-1]["description"] = "Sensitive to noise and crowds."
    data["professionals"][1]["recommendations"][0]["note"] = "timetable reduced (mornings only)"
    text = flat(render_case(Case.model_validate(data)))
    assert "Suspected, not yet assessed. Sensitive to noise and crowds." in text
    assert (
        "A reduced, predictable timetable with a planned return to full days. Partly in "
        "place: timetable reduced (mornings only)" in text
    )


def test_jordans_plan_is_his_own() -> None:
    """I: "for me" above his own words; the diagnosis's words; his mother's views only
    with his recorded agreement; the plan dated as agreed and as updated."""
    jordan = load("jordan-mills")
    doc = open_docx(render_case(jordan))
    (needs,) = [t for t in doc.tables if t.rows[0].cells[0].text == "Area of need"]
    assert needs.rows[0].cells[2].text == "What this means for me"
    text = flat(render_case(jordan))
    assert "Primary need Autism spectrum condition (ASD)" in text
    assert "Autistic spectrum disorder" not in text
    assert (
        "Jordan\u2019s mother, Ms Karen Mills (her views are included with Jordan\u2019s "
        "agreement) Jordan has worked so hard" in text
    )
    assert (
        "Plan 1, from 7 September 2026 (agreed on 28 September 2026; updated 23 November 2026)"
        in text
    )
    # no agreement recorded: her views are left out, and validate says why
    data = jordan.model_dump()
    data["child"]["young_person_agreed_to_share_parent_views_on"] = None
    bare = Case.model_validate(data)
    text = flat(render_case(bare))
    assert "What parents and carers say" not in text and "worked so hard" not in text
    found = [w.message for w in check_case(bare, dt.date(2026, 11, 23))]
    assert any("parents' views are left out" in m for m in found), found
    assert not [
        w for w in check_case(jordan, dt.date(2026, 11, 23)) if "parents' views" in w.message
    ]
    # a child's plan: parents' views as ever, with no such line
    kai = flat(render_case(load("kai-thompson")))
    assert "views are included with" not in kai and "What parents and carers say" in kai


def test_amara_plan_matches_the_advice_and_the_letter() -> None:
    """B: Word Aware partly in place; the visual timetable is the class teacher's, in
    class, every lesson (never one-to-one teacher time); the review sentence gives the
    letter's time and place."""
    doc = open_docx(render_case(load("amara-okafor")))
    text = " ".join(all_text(render_case(load("amara-okafor"))).split())
    assert (
        "Daily vocabulary teaching using the Word Aware approach (partly in place: 3 sessions "
        "a week, not daily)" in text
    )
    (support,) = [t for t in doc.tables if t.rows[0].cells[0].text.startswith("Support, and")]
    (row,) = [
        [c.text for c in r.cells]
        for r in support.rows
        if r.cells[0].text.startswith("Visual timetable and chunked instructions")
    ]
    assert row[1:4] == ["Class teacher, in class", "In class", "Every lesson"]
    assert (
        "We will meet to review this plan on Monday 7 December 2026 at 3.30pm, in the "
        "SENCO\u2019s office." in text
    )

"""The s.68 letter to parents: rendered from every fixture and read back."""

from __future__ import annotations

from pathlib import Path

import pytest

from sendocs.documents import RenderOptions
from sendocs.documents.parent_notification import PARENT_NOTIFICATION
from sendocs.models import Case

from .helpers import (
    CASES,
    DOCUMENT_DATE,
    assert_clean,
    body_paragraphs,
    load,
    open_docx,
    render_kind,
)

FIXTURES = sorted(p.stem for p in CASES.glob("*.yaml"))


@pytest.fixture(scope="module")
def kai() -> bytes:
    return render_kind(load("kai-thompson"), PARENT_NOTIFICATION)


def paragraph_texts(data: bytes) -> list[str]:
    return [p.text for p in body_paragraphs(open_docx(data))]


def test_letterhead_addressee_date_and_salutation(kai: bytes) -> None:
    texts = paragraph_texts(kai)
    assert texts[:6] == [
        "Westbury Academy",
        "Castle Street",
        "Westbury",
        "WB1 3CS",
        "Telephone: 01632 960200",
        "Email: admin@westbury-academy.example.sch.uk",
    ]
    start = texts.index("Ms Sarah Thompson")
    assert texts[start : start + 9] == [
        "Ms Sarah Thompson",
        "Flat 3",
        "27 Station Road",
        "Westbury",
        "WB2 7SR",
        "",
        "23 November 2026",
        "Dear Ms Thompson",
        # the legal name with the name KJ uses (s19 A2 #4)
        "Special educational provision for Kai (KJ) Thompson",
    ]


def test_states_the_s68_duty_plainly(kai: bytes) -> None:
    text = assert_clean(kai)
    text = " ".join(text.split())
    # support running since the first plan (17 Nov 2025): confirmed formally, not news
    assert (
        "As you know, KJ has been getting special educational needs (SEN) support at "
        "Westbury Academy since 17 November 2025. This letter confirms formally, as section "
        "68 of the Children and Families Act 2014 requires, that Westbury Academy is making "
        "special educational provision for KJ, because we consider that KJ has special "
        "educational needs." in text
    )
    assert "the plan from 7 September 2026" in text
    assert "I am writing to let you know" not in text
    assert "section 68 of the Children and Families Act 2014" in text


def test_needs_outcomes_and_support_with_who_delivers_it(kai: bytes) -> None:
    doc = open_docx(kai)
    bullets = [p.text for p in body_paragraphs(doc) if p.style and p.style.name == "List Bullet"]
    assert bullets[0].startswith(
        # the diagnosis's own words, not the census label (s18 I)
        "Communication and interaction (autism spectrum condition): KJ is autistic."
    )
    assert bullets[1].startswith("Social, emotional and mental health: High anxiety")
    assert "KJ will attend at least 90% of sessions on his agreed timetable." in bullets
    table = doc.tables[0]  # the support; the last table is the reply slip
    rows = [[c.text for c in r.cells] for r in table.rows]
    # the support's name and what it involves in separate columns (never run together)
    assert rows[0] == ["Support", "What it is for", "Who gives it", "Group", "How often"]
    assert rows[1] == [
        "Key adult check-in and check-out",
        # the outcome's own words: the column already says what it is for (s17)
        "KJ will attend at least 90% of sessions on his agreed timetable.",
        "Teaching assistant",
        "One-to-one",
        "10 sessions of 10 minutes a week (1 hour 40 minutes a week)",
    ]
    # the quiet base as KJ gets it: morning break now, lunchtime once he is back for full days
    assert rows[4][0] == "Quiet base at morning break"
    assert rows[4][-1] == "5 sessions of 30 minutes a week (2 hours 30 minutes a week)"
    assert rows[5][0] == "Quiet base at lunchtime"
    assert rows[5][1].startswith(
        "Lunchtime sessions in the quiet base once KJ is back for full days, planned for 12 "
        "February 2027."
    )
    assert rows[6][:3] == [
        "Reduced timetable with planned increase",
        # in a letter to his mother, "agreed with you", not "with KJ's mother" (s19 A2 #3)
        "A part-time timetable agreed with you and CAMHS (child and adolescent mental health "
        "services), reviewed with KJ by the Head of Year for 30 minutes each week.\n"
        # the description, then its outcome in a paragraph of its own, "For:" said once (s18)
        "For: KJ will attend at least 90% of sessions on his agreed timetable.\n"
        # the plan's planned change, in the row (s19 A2 #3)
        "We plan to add one afternoon a week from 4 January 2027, and full days by 12 "
        "February 2027.",
        "Head of Year 8",
    ]
    name_cell = table.rows[1].cells[0]
    assert all(r.bold for p in name_cell.paragraphs for r in p.runs if r.text.strip())
    assert len(rows) == 7


def test_review_meeting_contacts_and_rights(kai: bytes) -> None:
    text = assert_clean(kai)
    # no place recorded: "at school" (s19 A2 #7)
    assert "We will review KJ’s support with you on Monday 14 December 2026 at school." in text
    assert "at least three times a year" in text
    assert (
        "You can contact Ms Adeyemi during the school day if you have questions or worries."
        "Email: senco@westbury-academy.example.sch.uk"  # after a <w:br/> (s19 F2)
        "Telephone: 01632 960214" in text
    )
    assert "https://westbury-academy.example.sch.uk/sen-information-report" in text
    assert (
        "Westshire SENDIASS gives free, impartial advice to parents about special "
        "educational needs." in text
    )
    assert (
        "Telephone: 01632 960950Website: https://westshire-sendiass.example.org"  # <w:br/>s
        in text
    )
    # KJ's mother asked on 23 November 2026 (the test's date): the letter says so and
    # never offers the right to ask as if unused
    assert (
        "You asked Westshire Council for an education, health and care (EHC) needs "
        "assessment." in text
    )
    # the date said once, where the decision is dated from it (s19 A2 #5)
    assert "You emailed the request on Monday 23 November 2026, so the council" in text
    assert "ask the local authority, Westshire Council, to carry out" not in text


def test_sign_off_on_behalf_of_the_appropriate_authority(kai: bytes) -> None:
    texts = paragraph_texts(kai)
    end = texts.index("Yours sincerely")
    assert texts[end + 1 : end + 3] == ["", ""]  # two lines of room to sign
    assert texts[end + 3 : end + 6] == [
        "Ms Rachel Adeyemi",
        "SENCO, Westbury Academy",
        "on behalf of the proprietor of Westbury Academy (Westbury Learning Trust)",
    ]
    assert not any(t.startswith("Copy to") for t in texts)


def test_each_parent_at_their_own_address_gets_their_own_letter() -> None:
    """Niamh's parents live apart: two letters, neither shows the other's address."""
    case = load("niamh-oconnor")
    assert PARENT_NOTIFICATION.recipients is not None
    assert PARENT_NOTIFICATION.recipients(case, _options()) == [
        "Mrs O\u2019Connor",
        "Mr O\u2019Connor",
    ]
    mother = assert_clean(render_kind(case, PARENT_NOTIFICATION, recipient=0))
    father = assert_clean(render_kind(case, PARENT_NOTIFICATION, recipient=1))
    assert "Dear Mrs O\u2019Connor" in mother and "Dear Mr O\u2019Connor" not in mother
    assert "2 Rose & Crown Cottages" in mother
    assert "Harbour View" not in mother and "ES4 2HV" not in mother
    assert "Dear Mr O\u2019Connor" in father
    assert "19 Harbour View" in father
    assert "Rose & Crown" not in father and "ES4 9RC" not in father
    assert "07700 900789" not in father and "siobhan.oconnor" not in father
    # Only names, never addresses, in the copy note (nobody's details restricted here).
    assert "A copy of this letter has also been sent to Mr Patrick O\u2019Connor." in mother
    assert "A copy of this letter has also been sent to Mrs Siobhan O\u2019Connor." in father
    # St Anne's is an academy in a trust: its proprietor is the appropriate authority
    assert (
        "on behalf of the proprietor of St Anne\u2019s Church of England High School "
        "(Southmead Diocesan Schools Trust)" in mother
    )


def _options() -> RenderOptions:
    return RenderOptions(date=DOCUMENT_DATE)


def test_missing_contact_details_are_left_out() -> None:
    data = load("amara-okafor").model_dump()
    data["school"]["senco"].update(email=None, phone=None)
    data["local_authority"]["sendiass"] = None
    data["school"]["sen_information_report_url"] = None
    text = assert_clean(render_kind(Case.model_validate(data), PARENT_NOTIFICATION))
    assert "You can contact Mr Reid through the school office on 01632 960100" in text
    assert "SENDIASS" not in text and "information report" not in text
    assert "We are happy to talk this through with you." in text


@pytest.mark.parametrize("name", FIXTURES)
def test_every_fixture_renders_cleanly(name: str) -> None:
    text = assert_clean(render_kind(load(name), PARENT_NOTIFICATION))
    assert "section 68 of the Children and Families Act 2014" in text
    assert "Yours sincerely" in text


@pytest.mark.libreoffice
def test_three_pages_at_most_with_the_reply_slip(kai: bytes, tmp_path: Path) -> None:
    from pypdf import PdfReader

    from sendocs.render.libreoffice import LibreOfficeConverter

    source = tmp_path / "letter.docx"
    source.write_bytes(kai)
    with LibreOfficeConverter(mode="batch", workers=1) as converter:
        (pdf,) = converter.convert([source], tmp_path)
    reader = PdfReader(pdf)
    assert len(reader.pages) <= 3  # the letter, then the reply slip
    assert "Reply slip: review meeting" in reader.pages[-1].extract_text()
    assert "Page 1 of" in reader.pages[0].extract_text()

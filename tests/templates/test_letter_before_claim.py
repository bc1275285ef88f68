"""The letter before claim (Pre-Action Protocol for Judicial Review) for a late decision."""

from __future__ import annotations

import datetime as dt

from sendocs.api import DEMO_DATE, _demo_options
from sendocs.documents.assessment_request import ASSESSMENT_FOLLOW_UP
from sendocs.documents.base import RenderOptions
from sendocs.documents.letter_before_claim import LETTER_BEFORE_CLAIM
from sendocs.formatting import format_date
from sendocs.loading import load_case
from sendocs.models import Requester
from sendocs.resources import fixtures_dir

from .helpers import all_text, assert_clean, load, render_kind, with_requester

DEMO = dt.date(2026, 11, 23)


def flat(data: bytes) -> str:
    return " ".join(all_text(data).split())


def test_young_person_letter_before_claim() -> None:
    data = render_kind(load("jordan-mills"), LETTER_BEFORE_CLAIM, date=DEMO)
    assert_clean(data)
    text = flat(data)
    reply_by = format_date(DEMO + dt.timedelta(days=14), "full", "en_GB")
    assert reply_by == "Monday 7 December 2026"
    assert (
        "This is a letter before claim under the Pre-Action Protocol for Judicial Review." in text
    )
    assert f"Please reply by {reply_by}, 14 days from the date of this letter." in text
    assert "Your reference: EHCNA/2026/0412." in text
    assert "failure of Southshire Council to decide whether to carry out" in text
    assert (
        "The request was sent by email on Monday 28 September 2026, so it reached you that "
        "day. Your decision was due by Monday 9 November 2026, 6 weeks after that. That "
        "date has passed" in text
    )
    assert "14 days overdue" in text
    assert "breach of its statutory duty under regulation 5(1) and is unlawful" in text
    assert f"send me the decision in writing by {reply_by}" in text
    assert "I may apply for judicial review without further notice to you." in text
    # s18 #5: the letters the claim rests on are listed, and one "Copy to:" names the
    # council's legal services and SENDIASS
    assert (
        "Enclosures: (1) My request for an EHC needs assessment, dated 28 September 2026; "
        "(2) My letter of 10 November 2026 asking for the decision." in text
    )
    assert (
        "Copy to: Legal Services, Southshire Council (legal@southshire.example.gov.uk); "
        "Southshire SENDIASS (advice@southshire-sendiass.example.org)" in text
    )
    # who gets a copy is said once, under the signature
    assert text.count("Copy to:") == 1
    assert "A copy of this letter goes to" not in text
    # the young person writes as "I" throughout
    assert "the local authority responsible for me." in text
    assert "secure an EHC needs assessment for me, and to notify me" in text
    assert "responsible for Jordan" not in text
    assert "assessment for Jordan," not in text
    assert (
        f"13. Address for reply and proposed reply date Please reply to me at the address "
        f"above or by email to jordan.mills@example.org by {reply_by}." in text
    )
    for invented in ("claim form", "costs", "N461"):
        assert invented not in text


def test_school_made_request_gives_the_parents_letter() -> None:
    case = with_requester(load("ruby-clarke"), Requester.SCHOOL, sent_on=dt.date(2026, 9, 21))
    text = flat(render_kind(case, LETTER_BEFORE_CLAIM, date=DEMO))
    assert (
        "On 21 September 2026 Northbridge Primary School asked Northshire County Council, "
        "with our knowledge and agreement" in text
    )
    assert "Joanne Clarke" in text and "Peter Clarke" in text
    assert "We may apply for judicial review" in text or "we may apply for judicial review" in text
    # the parents sign; the school is only copied in (it made the request, reg 5(2))
    assert "Head teacher" not in text
    assert text.count("SENCO") == 1
    assert (
        "Copy to: Legal Services, Northshire County Council "
        "(legal.services@northshire.example.gov.uk); Mrs Laura Finch, SENCO, Northbridge "
        "Primary School (senco@northbridge-primary.example.sch.uk)" in text
    )
    assert "Enclosures: (1) Northbridge Primary School\u2019s request for an EHC needs " in text
    assert (
        "You have not given a reference for the request. Please quote Rebecca Clarke, "
        "born 21 May 2018." in text
    )


def test_refused_while_the_la_still_has_time() -> None:
    problems = LETTER_BEFORE_CLAIM.check(load("ruby-clarke"), RenderOptions(date=DEMO))
    assert any(
        "still has time" in p and "Friday 1 January 2027" in p and "letter before claim" in p
        for p in problems
    )


def test_refused_after_an_exception_and_without_a_sendiass() -> None:
    case = with_requester(
        load("kai-thompson"),
        Requester.PARENT,
        sent_on=dt.date(2026, 9, 1),
        decision_exception="advice sought from the head teacher during the summer closure",
        copy_to_sendiass=True,
    )
    case = case.model_copy(
        update={"local_authority": case.local_authority.model_copy(update={"sendiass": None})}
    )
    problems = LETTER_BEFORE_CLAIM.check(case, RenderOptions(date=DEMO))
    assert any("regulation 5(4)" in p for p in problems)
    assert any("local_authority.sendiass" in p for p in problems)


def test_protocol_headings_and_copy_line_kept_with_the_signature() -> None:
    """Expert read: the protocol's interested parties, ADR and documents items are there,
    and "Copy to" never sits alone on a page after the signature."""
    import io

    from docx import Document as open_document

    data = render_kind(load("jordan-mills"), LETTER_BEFORE_CLAIM, date=DEMO)
    text = flat(data)
    for heading in (
        "6. Interested parties I know of no interested parties.",
        "10. Alternative dispute resolution I am willing to discuss",
        "11. Information and documents sought",
        "send me a copy of any record of the date the request was received",
    ):
        assert heading in text
    from docx.oxml.ns import qn

    doc = open_document(io.BytesIO(data))
    # closing, signatures, enclosures and the one "Copy to:" list share one row that
    # cannot split (after it they ran on to a page of their own)
    (block,) = [t for t in doc.tables if t.rows[0].cells[0].text.startswith("Yours faithfully")]
    cell = block.rows[0].cells[0].text
    assert cell.index("Signed:") < cell.index("Enclosures: (1)") < cell.index("Copy to:")
    assert block.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None
    # and the letter's last paragraph keeps with it
    last = [p for p in doc.paragraphs if p.text.startswith("Please reply to me")]
    assert last[0].paragraph_format.keep_with_next


def test_school_made_letter_before_claim_says_how_receipt_was_worked_out() -> None:
    data = render_kind(load("ruby-clarke"), LETTER_BEFORE_CLAIM, date=dt.date(2027, 1, 11))
    text = flat(data)
    assert (
        "The request was sent by email on Friday 20 November 2026, so it reached you that day."
        in text
    )
    assert "We know of no interested parties." in text


def test_letter_before_claim_follows_the_follow_up_reply_date() -> None:
    """#11 item 15 and s17 item 2: nothing in the demo is dated after its day (Mon 23
    November 2026). Jordan's follow-up is dated the day the case records (Tue 10
    November, the day after the decision was due) and asks for a reply within a week
    (17 November); the letter before claim is dated 23 November, after that reply date,
    and names the follow-up. A follow-up not yet sent is not mentioned."""
    loaded = load_case(fixtures_dir() / "cases" / "jordan-mills.yaml", today=DEMO_DATE)
    follow = _demo_options("assessment-follow-up", loaded, DEMO_DATE)
    claim = _demo_options("letter-before-claim", loaded, DEMO_DATE)
    assert follow.date == dt.date(2026, 11, 10)
    assert claim.date == DEMO_DATE
    follow_text = flat(
        render_kind(loaded.case, ASSESSMENT_FOLLOW_UP, date=follow.date, **follow.extra)
    )
    assert "by Tuesday 17 November 2026" in follow_text
    assert "by Monday 9 November 2026" in follow_text  # the decision was due
    case = load("jordan-mills")
    later = flat(render_kind(case, LETTER_BEFORE_CLAIM, date=DEMO_DATE))
    assert "I wrote to you on 10 November 2026 asking for the decision" in later
    assert "Please reply by Monday 7 December 2026" in later
    same_day = flat(render_kind(case, LETTER_BEFORE_CLAIM, date=dt.date(2026, 11, 10)))
    assert "I wrote to you on" not in same_day


def test_school_follow_up_is_named_as_the_schools_and_the_person_as_child_or_young_person() -> None:
    """Review C items 1 and 14: the school chased its own request, so the parents'
    letter before claim says the school wrote, with their agreement; the details
    table names a child as "Child" and a young person as "Young person"."""
    ruby = load("ruby-clarke")
    followed = ruby.assessment_request.followed_up_on  # type: ignore[union-attr]
    assert followed is not None
    text = flat(render_kind(ruby, LETTER_BEFORE_CLAIM, date=followed + dt.timedelta(days=15)))
    when = format_date(followed, "long")
    assert (
        f"Northbridge Primary School wrote to you on {when}, with our agreement, asking "
        "for the decision; no decision has followed." in text
    )
    assert "We wrote to you on" not in text
    assert "Child Rebecca Clarke" in text and "Child or young person" not in text
    jordan = flat(render_kind(load("jordan-mills"), LETTER_BEFORE_CLAIM, date=DEMO_DATE))
    assert "Young person Jordan Mills" in jordan and "Child or young person" not in jordan

"""s.68 letter wording found by the SENCO/parent read (issue #10 items 2, 11, 12):
areas of need listed so each reads as one; a refused assessment said, not the right
to ask offered again; the reply slip kept whole."""

from __future__ import annotations

from sendocs.documents.letters import areas_help_text
from sendocs.documents.parent_notification import PARENT_NOTIFICATION

from .helpers import all_text, load, open_docx, render_kind


def text_of(name: str) -> str:
    return " ".join(all_text(render_kind(load(name), PARENT_NOTIFICATION)).split())


def test_areas_read_as_separate_areas() -> None:
    assert areas_help_text(["cognition and learning"]) == "with cognition and learning"
    assert (
        "We think Amara needs extra help in two areas: communication and interaction; and "
        "social, emotional and mental health:" in text_of("amara-okafor")
    )
    assert (
        "needs extra help in three areas: communication and interaction; social, emotional "
        "and mental health; and sensory and/or physical needs" in text_of("kai-thompson")
    )


def test_a_refused_assessment_is_said_not_offered_again() -> None:
    text = text_of("leo-baxter")
    assert (
        "Eastshire Council decided on 21 August 2026 not to carry out an education, health and "
        "care (EHC) needs assessment for Leo. You can appeal against that decision to the "
        "First-tier Tribunal (Special Educational Needs and Disability), under section 51 of "
        "the Children and Families Act 2014." in text
    )
    # the time limit and the mediation step (#10 s17 item 3: "the appeal right is given
    # without the time limit and the mediation step"): later of 2 months from the letter
    # (21 Oct) and 1 month from the certificate (8 Oct); passed by the letter's date
    assert (
        "Before you appeal you must contact a mediation adviser and get a mediation "
        "certificate; you do not have to go to mediation itself. The appeal must be made "
        "within two months of the date of the council\u2019s decision letter, or within one "
        "month of the date of the mediation certificate, whichever is later. Your "
        "certificate is dated 8 September 2026, so the time limit is 5pm on Wednesday 21 "
        "October 2026, and it has passed. The Tribunal can still accept a late appeal if it "
        "agrees to extend the time limit; the appeal must then say why it is late." in text
    )
    assert "Eastshire SENDIASS can advise you on the appeal" in text
    assert "You also have the right to ask" not in text
    assert "You also have the right to ask the local authority" in text_of("amara-okafor")


def test_a_request_already_made_is_said_not_offered() -> None:
    """"Kai and Ruby … omit their EHC needs assessment requests": the letter says the
    request (in the school's voice, or the parent's own as "You"), not the right to ask."""
    ruby = text_of("ruby-clarke")
    assert (
        "We asked Northshire County Council for an education, health and care (EHC) needs "
        "assessment on 20 November 2026. The council must decide whether to carry out the "
        "assessment within 6 weeks of receiving the request (SEND Regulations 2014, reg "
        "5(1)): by Friday 1 January 2027." in ruby
    )
    kai = text_of("kai-thompson")
    assert "You asked Westshire Council for an education, health and care (EHC)" in kai
    assert "by Monday 4 January 2027" in kai
    for text in (ruby, kai):
        assert "You also have the right to ask" not in text


def test_reply_slip_is_one_unsplittable_box() -> None:
    doc = open_docx(render_kind(load("ruby-clarke"), PARENT_NOTIFICATION))
    slip = doc.tables[-1]
    cell = slip.rows[0].cells[0]
    assert cell.paragraphs[0].text == "Reply slip: review meeting"
    assert cell.paragraphs[-1].text.startswith("Signed:")
    assert (
        slip.rows[0]._tr.trPr.find(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}cantSplit"
        )
        is not None
    )

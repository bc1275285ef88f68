"""s.68 letter wording found by the SENCO/parent read (issue #10 items 2, 11, 12):
areas of need listed so each reads as one; a refused assessment said, not the right
to ask offered again; the reply slip kept whole."""

from __future__ import annotations

from sendocs.documents.letters import areas_help_text
from sendocs.documents.parent_notification import PARENT_NOTIFICATION
from sendocs.models import Case

from .helpers import all_text, load, open_docx, render_kind


def text_of(name: str) -> str:
    return " ".join(all_text(render_kind(load(name), PARENT_NOTIFICATION)).split())


def test_areas_read_as_separate_areas() -> None:
    assert areas_help_text(["cognition and learning"]) == "with cognition and learning"
    assert (
        "We think Amara needs extra help in two areas: communication and interaction, and "
        "social, emotional and mental health." in text_of("amara-okafor")
    )
    assert (
        "needs extra help in three areas: communication and interaction; social, emotional "
        "and mental health; and sensory and/or physical needs" in text_of("kai-thompson")
    )


def test_a_refused_assessment_is_said_not_offered_again() -> None:
    """Leo's mother has appealed (appeal.lodged_on): the letter says the appeal is under
    way, never "You can appeal … it has passed" (s17 B6)."""
    text = text_of("leo-baxter")
    assert (
        "Eastshire Council decided on 21 August 2026 not to carry out an education, health and "
        "care (EHC) needs assessment for Leo. We understand you have appealed to the "
        "First-tier Tribunal (Special Educational Needs and Disability) against that "
        "decision. We will give you any evidence from the school that you need for the "
        "appeal." in text
    )
    assert "You can appeal" not in text and "it has passed" not in text
    assert "Eastshire SENDIASS can advise you on the appeal" in text
    assert "You also have the right to ask" not in text
    assert "You also have the right to ask the local authority" in text_of("amara-okafor")


def test_an_appeal_not_yet_made_gives_both_limbs_of_the_time_limit() -> None:
    """Not yet appealed: the right, the mediation step and the time limit, with both
    limbs worked out (s17 B8): 21 Aug + 2 months = 21 Oct; 8 Sep + 1 month = 8 Oct."""
    data = load("leo-baxter").model_dump()
    data["appeal"]["lodged_on"] = None
    data["appeal"]["tribunal_reference"] = None
    case = Case.model_validate(data)
    text = " ".join(all_text(render_kind(case, PARENT_NOTIFICATION)).split())
    assert (
        "You can appeal against that decision to the First-tier Tribunal (Special "
        "Educational Needs and Disability), under section 51 of the Children and Families "
        "Act 2014. Before you appeal you must contact a mediation adviser and get a "
        "mediation certificate; you do not have to go to mediation itself." in text
    )
    assert (
        "Two months from the council\u2019s letter of 21 August 2026 is 21 October 2026; one "
        "month from your certificate of 8 September 2026 is 8 October 2026. The later date "
        "applies, so the time limit is 5pm on Wednesday 21 October 2026, and it has passed. "
        "The Tribunal can still accept a late appeal if it agrees to extend the time limit; "
        "the appeal must then say why it is late." in text
    )


def test_a_request_already_made_is_said_not_offered() -> None:
    """ "Kai and Ruby … omit their EHC needs assessment requests": the letter says the
    request (in the school's voice, or the parent's own as "You"), not the right to ask."""
    ruby = text_of("ruby-clarke")
    assert (
        "We asked Northshire County Council for an education, health and care (EHC) needs "
        "assessment. The council must tell you whether it will carry out "
        "the assessment within 6 weeks of receiving the request (SEND Regulations 2014, reg "
        "5(1)). We emailed the request on Friday 20 November 2026, so the council must tell "
        "you by Friday 1 January 2027." in ruby
    )
    # the request's date is said once (s19 A2 #5)
    assert "needs assessment on 20 November 2026" not in ruby
    kai = text_of("kai-thompson")
    assert "You asked Westshire Council for an education, health and care (EHC)" in kai
    assert "by Monday 4 January 2027" in kai
    for text in (ruby, kai):
        assert "You also have the right to ask" not in text


def test_reply_slip_is_one_unsplittable_box() -> None:
    """The signature is one block that cannot split (s18 E); the slip after it is a
    separate one (s19 #1), so it goes to the next page whole when it does not fit."""
    doc = open_docx(render_kind(load("ruby-clarke"), PARENT_NOTIFICATION))
    block = doc.tables[-2].rows[0].cells[0]
    assert block.paragraphs[0].text == "Yours sincerely"
    assert "Mrs Laura Finch" in [p.text for p in block.paragraphs]
    slip = doc.tables[-1]
    cell = slip.rows[0].cells[0]
    assert cell.paragraphs[0].text == "Reply slip: review meeting"
    assert cell.paragraphs[-1].text.startswith("Signed:")
    for row in (doc.tables[-2].rows[0], slip.rows[0]):
        row_props = row._tr.trPr
        assert row_props is not None
        assert (
            row_props.find(
                "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}cantSplit"
            )
            is not None
        )

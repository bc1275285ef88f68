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
        "care (EHC) needs assessment for Leo. That decision can be appealed to the First-tier "
        "Tribunal (Special Educational Needs and Disability) under section 51 of the Children "
        "and Families Act 2014." in text
    )
    assert "Eastshire SENDIASS can advise you on the appeal" in text
    assert "You also have the right to ask" not in text
    assert "You also have the right to ask the local authority" in text_of("ruby-clarke")


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

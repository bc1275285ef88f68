"""The s20 expert read of the plans (SENCO): a review held with each parent separately in
a week says the week in the details table too; parents are named with their titles in
"Parents and carers" and "Agreed by", as their views name them."""

from __future__ import annotations

from sendocs.documents.iep import IEP

from .helpers import all_text, load, render_kind


def _flat(data: bytes) -> str:
    return " ".join(all_text(data).split())


def test_separate_review_meetings_give_the_week_in_the_details_table() -> None:
    elena = load("elena-ap-gwilym")
    for recipient in (0, 1, 2):
        text = _flat(render_kind(elena, IEP, recipient=recipient))
        assert "Review date Week of 7 December 2026" in text
        assert "in the week of Monday 7 December 2026" in text


def test_a_review_together_keeps_its_date() -> None:
    text = _flat(render_kind(load("amara-okafor"), IEP))
    assert "Week of" not in text


def test_parents_are_named_with_their_titles() -> None:
    father = _flat(render_kind(load("elena-ap-gwilym"), IEP, recipient=2))
    assert "Parents and carers Dr Ioan ap Gwilym (Father)" in father
    assert "Parent or carer Dr Ioan ap Gwilym" in father
    assert "Dr Ioan ap Gwilym: Elena says typing helps her most." in father

"""Elena (fictional): separated parents under a court order, a particle surname with a
salutation, a one-term and a 12-week intervention. Documents read back and checked."""

from __future__ import annotations

import datetime as dt

from sendocs.documents import RenderOptions
from sendocs.documents.parent_notification import PARENT_NOTIFICATION
from sendocs.documents.provision_map import PROVISION_MAP
from sendocs.models import ParentCarer

from .helpers import DOCUMENT_DATE, all_text, assert_clean, load, render_kind

MOTHER_DETAILS = ("Quayside Court", "ES4 7QC", "07700 900555", "ana.delacruz@example.org")
FATHER_DETAILS = ("Llys Gwyn", "WB9 1LG", "ioan.apgwilym@example.org")


def test_one_letter_each_with_the_greeting_as_recorded() -> None:
    case = load("elena-ap-gwilym")
    assert PARENT_NOTIFICATION.recipients is not None
    labels = PARENT_NOTIFICATION.recipients(case, RenderOptions(date=DOCUMENT_DATE))
    assert labels == ["Ms de la Cruz", "Dr ap Gwilym"]
    mother = assert_clean(render_kind(case, PARENT_NOTIFICATION, recipient=0))
    father = assert_clean(render_kind(case, PARENT_NOTIFICATION, recipient=1))
    assert "Ms Ana de la Cruz\nFlat 9" in mother and "Dear Ms de la Cruz" in mother
    assert "Dr Ioan ap Gwilym\n4 Llys Gwyn" in father and "Dear Dr ap Gwilym" in father
    assert "Dear Mrs Cruz" not in mother and "Dear Dr Gwilym" not in father


def test_a_restricted_parent_is_never_named_or_located_in_the_other_letter() -> None:
    case = load("elena-ap-gwilym")
    mother = render_kind(case, PARENT_NOTIFICATION, recipient=0)
    father = render_kind(case, PARENT_NOTIFICATION, recipient=1)
    for text in (all_text(mother), all_text(father)):
        assert "A copy of this letter has also been sent" not in text
    father_text = all_text(father)
    for detail in (*MOTHER_DETAILS, "de la Cruz"):
        assert detail not in father_text
    mother_text = all_text(mother)
    for detail in FATHER_DETAILS:
        assert detail not in mother_text


def test_translation_offered_in_the_parents_language() -> None:
    case = load("elena-ap-gwilym")
    mother = all_text(render_kind(case, PARENT_NOTIFICATION, recipient=0))
    father = all_text(render_kind(case, PARENT_NOTIFICATION, recipient=1))
    assert "in Spanish, or an interpreter at the meeting" in mother
    assert "interpreter at the meeting, please tell us" not in father


def test_s68_letter_has_reply_slip_enclosure_and_is_dated_when_made() -> None:
    case = load("elena-ap-gwilym")
    options = RenderOptions()  # no date given: dated the day it is made, like the plan it encloses
    context = PARENT_NOTIFICATION.build_context(case, options)
    assert context["document_date"] == dt.date.today() == options.document_date
    text = all_text(render_kind(case, PARENT_NOTIFICATION, recipient=1))
    assert "Reply slip: review meeting" in text
    assert "Enclosed: Elena\u2019s support plan" in text
    # a court order: a separate meeting in the review's week, never one shared date/time
    assert (
        "We will arrange a separate review meeting with you at school in the week of Monday 7 "
        "December 2026" in " ".join(text.split())
    )
    # a box to tick says what ticking it means (s19 A2 #12)
    assert "I can come that week. Days and times:" in text
    assert "I will come to the meeting" not in text


def test_costs_over_the_weeks_each_intervention_runs() -> None:
    text = all_text(render_kind(load("elena-ap-gwilym"), PROVISION_MAP))
    # Costed inside the plan, 7 Sep to 7 Dec 2026 (review): 61 school days = 12.2 term-time
    # weeks (half term not counted). 2 x 50 min x 12.2 = 20 h 20 min x £38 = £772.67 a
    # group; ÷ 3 = £257.56.
    assert "7 Sept 2026 to 7 Dec 2026\n12.2 term-time weeks" in text
    assert "£772.67\none group of 3\n£0.00\n£257.56\n£772.67 ÷ 3" in text
    # 12 weeks from 7 Sep end on 4 Dec (half term not counted), inside the plan: 30 min x
    # 12 = 6 h x £24 = £144.00 a group; ÷ 4 = £36.00.
    assert "7 Sept 2026 to 4 Dec 2026\n12 term-time weeks" in text
    assert "£144.00\none group of 4\n£0.00\n£36.00\n£144.00 ÷ 4" in text
    # exam access arrangements: 15 min x 12.2 weeks = 3 h 3 min x £24 = £73.20.
    # Total = sum of the printed lines: £257.56 + £36.00 + £73.20 = £366.76.
    assert "(2 hours 25 minutes a week)\n£366.76" in text
    assert "38 term-time weeks" not in text


def test_blank_and_control_character_names_are_refused_with_their_field() -> None:
    import pydantic
    import pytest

    for bad in ({"surname": "\x07\x08"}, {"forenames": "   ", "surname": "X"}):
        with pytest.raises(pydantic.ValidationError) as info:
            ParentCarer.model_validate(bad)
        assert "only of spaces or control characters" in str(info.value)


def test_old_single_name_greets_by_the_full_name_and_warns() -> None:
    from sendocs.loading import parse_case_data

    data = load("elena-ap-gwilym").model_dump(mode="json")
    data["parents"][0] = {"name": "Ana de la Cruz", "title": "Ms"}
    loaded = parse_case_data(data, "case.yaml")
    assert loaded.case.parents[0].greeting == "Dear Ms Ana de la Cruz"
    messages = [str(w) for w in loaded.warnings]
    assert any("'forenames:' and 'surname:'" in m for m in messages)

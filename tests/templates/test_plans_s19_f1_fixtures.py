"""Session-19 last fix F1: Elena's plan is in her own words (not Niamh O'Connor's, and no
mocks in Year 8 or Year 9 autumn), Leo's reading target is reachable and his unmet spelling
outcome has a next step, and Elena's separate-meeting letter says where the meeting is."""

from __future__ import annotations

from sendocs.documents.iep import IEP
from sendocs.documents.parent_notification import PARENT_NOTIFICATION

from .helpers import all_text, load, render_kind


def flat(data: bytes) -> str:
    return " ".join(all_text(data).split())


def test_elenas_plan_is_her_own_not_niamhs() -> None:
    elena = flat(render_kind(load("elena-ap-gwilym"), IEP))
    assert (
        "Elena reads more slowly than most of her year and her hand tires when she writes "
        "at length; typing and being given key words before lessons help."
    ) in elena
    last_plan = "Elena will type her longer written answers on her laptop in English and history."
    assert last_plan in elena
    for niamhs in (
        "making good progress with her access arrangements",
        "worried about the mocks",
        "planning frame",
        "more independent with technology",
        "Mock paper answers",
        "grades she needs for college",
    ):
        assert niamhs not in elena, niamhs
    assert "mock" not in elena.lower()


def test_leos_reading_target_is_reachable_and_spelling_is_followed_up() -> None:
    leo = flat(render_kind(load("leo-baxter"), IEP))
    assert "Leo will read 40 of the 100 high-frequency words." in leo
    assert "60 of the 100" not in leo
    assert (
        "Spelling of the Year 3 and 4 words is now taught in his one-to-one phonics sessions "
        "(16 of 30 in July); we will check it again at the review."
    ) in leo


def test_elenas_separate_meeting_letter_says_where() -> None:
    for recipient in (0, 1):
        text = flat(render_kind(load("elena-ap-gwilym"), PARENT_NOTIFICATION, recipient=recipient))
        assert (
            "We will arrange a separate review meeting with you at school in the week of "
            "Monday 7 December 2026"
        ) in text
        assert (
            "We will arrange a separate meeting with you about Elena ap Gwilym\u2019s support "
            "at school in the week of Monday 7 December 2026."
        ) in text

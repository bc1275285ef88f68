"""SEN support plans after the session-19 SENCO read, fix round lane A3 (issue #10 s19):
what has happened since the last review, whose views a joint view is, every request
date in a Section F status, targets a pupil can reach, the tutor's one label."""

from __future__ import annotations

import datetime as dt

from sendocs.documents.base import RenderOptions
from sendocs.documents.iep import IEP, joint_views_unattributed, plan_warnings

from .helpers import DOCUMENT_DATE, all_text, load, render_kind


def flat(data: bytes) -> str:
    return " ".join(all_text(data).split())


def test_leos_last_review_says_the_request_was_made_and_what_happened_since() -> None:
    text = flat(render_kind(load("leo-baxter"), IEP))
    assert (
        "Next steps agreed Ms Baxter asked Eastshire Council for an EHC needs assessment on "
        "1 June 2026; school to send its evidence and await the decision. Spelling of the "
        "Year 3 and 4 words is now taught in his one-to-one phonics sessions (16 of 30 in "
        "July); we will check it again at the review. Since then The "
        "council refused the assessment on 21 August 2026; Ms Baxter appealed on "
        "16 November 2026."
    ) in text
    assert "Parent to ask the council" not in text
    # the psychologist's advice as given: daily phonics by a trained adult, weekly specialist
    assert (
        "Leo needs what the psychologist advised: daily one-to-one phonics by a trained "
        "adult and weekly specialist dyslexia teaching."
    ) in text
    assert "daily specialist teaching" not in text


def test_since_then_says_only_what_happened_by_the_plans_date() -> None:
    leo = load("leo-baxter")
    text = flat(render_kind(leo, IEP, dt.date(2026, 10, 1)))
    assert "Since then The council refused the assessment on 21 August 2026." in text
    assert "appealed on 16 November 2026" not in text


def test_a_joint_view_from_parents_apart_is_not_given_to_both_and_warns() -> None:
    niamh = load("niamh-oconnor")
    cycle = niamh.current_cycle.model_copy(
        update={"parent_views": "We want her to stay calm.", "parent_views_each": []}
    )
    joint = niamh.model_copy(update={"cycles": [*niamh.cycles[:-1], cycle]})
    options = RenderOptions(date=DOCUMENT_DATE)
    assert joint_views_unattributed(joint, options)
    text = flat(render_kind(joint, IEP))
    assert "We want her to stay calm." in text
    assert "O'Connor: We want" not in text
    (warning,) = plan_warnings(joint, options)
    assert "Niamh\u2019s parents live apart" in warning and "parent_views_each" in warning
    # parents at one address: one joint view is theirs, by name, with no warning
    amara = load("amara-okafor")
    assert plan_warnings(amara, options) == []
    assert "Mr and Mrs Okafor: We have seen Amara" in flat(render_kind(amara, IEP))


def test_ella_stays_at_her_school_while_the_section_i_appeal_is_decided() -> None:
    text = flat(render_kind(load("ella-owusu"), IEP))
    assert (
        "The appeal has not yet been decided. Ella stays at Northam Nursery and Infant "
        "School while the appeal is decided."
    ) in text
    # Sami is at the school Section I names: nothing to say
    assert "stays at" not in flat(render_kind(load("sami-ahmed"), IEP))


def test_jordans_tutor_has_one_label() -> None:
    text = flat(render_kind(load("jordan-mills"), IEP))
    assert "Personal tutor Mrs Ellen Shaw" in text
    assert "Tutor Mrs Ellen Shaw" not in text.replace("Personal tutor Mrs Ellen Shaw", "")

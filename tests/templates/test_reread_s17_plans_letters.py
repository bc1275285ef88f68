"""Plans and s.68 letters after the s17 re-read's stop-to-send findings (issue #10;
notes/s17/review-EF-summary.md). Each test names the finding it answers: the plan and
the letter agree on separate meetings (E1), the reply slip asks for the time the letter
asks for (E8), the offer of a translation is printed in the parent's language where a
string exists (E9), a Section F item not yet in place says who was asked (F1), and the
fixture findings (E3, E7, F2, F5)."""

from __future__ import annotations

import datetime as dt

from sendocs.documents.letters import OFFER_IN_LANGUAGE, translated_offers
from sendocs.documents.parent_notification import PARENT_NOTIFICATION
from sendocs.models import Case, check_case

from .helpers import all_text, load, render_case, render_kind
from .test_plan_expert_read_s17 import support_rows


def flat(data: bytes) -> str:
    return " ".join(all_text(data).split())


def letters(name: str, count: int) -> list[str]:
    case = load(name)
    return [flat(render_kind(case, PARENT_NOTIFICATION, recipient=i)) for i in range(count)]


def test_plan_for_parents_met_separately_never_says_together() -> None:
    """E1: Elena's letters offer each parent a separate meeting (restricted details);
    her plan says the same, and each parent signs on a row of their own."""
    text = flat(render_case(load("elena-ap-gwilym")))
    assert (
        "We will review this plan with each of Elena\u2019s parents separately in the week of "
        "Monday 7 December 2026." in text
    )
    assert (
        "We will meet each of Elena\u2019s parents separately at school to review this plan in "
        "the week of Monday 7 December 2026." in text
    )
    assert "review it together" not in text
    assert text.count("Parent or carer") == 2
    # parents who may meet together keep the joint wording (Niamh: nothing restricted)
    niamh = flat(render_case(load("niamh-oconnor")))
    assert "We will review it together on 7 December 2026." in niamh
    assert "separately in the week of" not in niamh


def test_reply_slip_has_a_line_for_the_time_the_letter_asks_for() -> None:
    """E8: a letter with no time asks for one; its slip has "Times that suit me on …",
    and where the case records a place the slip says it."""
    leo = letters("leo-baxter", 1)[0]
    assert (
        "Please tell us on the reply slip at the end of this letter a time that suits you on "
        "that day" in leo
    )
    assert "\u2610 I will come. Times that suit me on Friday 11 December 2026: ____" in leo
    assert "I will come to the meeting." not in leo
    amara = letters("amara-okafor", 1)[0]  # a time is set: the slip asks only yes or no
    assert (
        "The review of Amara Okafor\u2019s support is on Monday 7 December 2026 at 3.30pm, in the "
        "SENCO\u2019s office. \u2610 We will come to the meeting." in amara
    )


def test_offer_in_the_parents_own_language_where_a_string_exists() -> None:
    """E9: Ms de la Cruz reads Spanish: the offer is printed in Spanish too; Dr ap
    Gwilym's letter (English) has no translation; a language without a string here keeps
    the English offer alone."""
    cases = load("elena-ap-gwilym")
    texts = [
        flat(render_kind(cases, PARENT_NOTIFICATION, date=dt.date(2026, 11, 30), recipient=i))
        for i in range(2)
    ]
    spanish = [t for t in texts if "in Spanish, or an interpreter" in t]
    assert len(spanish) == 1
    assert OFFER_IN_LANGUAGE["spanish"] in spanish[0]
    assert "Si desea recibir esta carta o el plan de apoyo en espa\u00f1ol" in spanish[0]
    other = next(t for t in texts if t is not spanish[0])
    assert "Si desea" not in other
    assert translated_offers(["Spanish", "Twi"]) == [OFFER_IN_LANGUAGE["spanish"]]
    assert translated_offers(["Twi", "Urdu"]) == []
    assert translated_offers(["welsh"]) == [OFFER_IN_LANGUAGE["welsh"]]


def test_section_f_item_not_yet_in_place_says_who_was_asked() -> None:
    """F1: Sami's F4 therapy row named nobody acting; the LA must secure Section F."""
    sami = load("sami-ahmed")
    therapy = sami.current_cycle.provision[3]
    assert therapy.intervention == "Speech and language therapy (NHS therapy service)"
    (item,) = therapy.section_f  # its item number, as the fixture's Section F lists it
    rows = support_rows(render_case(sami))
    status = rows["Speech and language therapy (NHS therapy service)"][-1]
    # a short status; who was asked, and the duty, in the first column (s18 H)
    assert status == (
        "Not in place. Requested 14 September and 5 October 2026; chased 2 November 2026. "
        f"Anyshire must secure F{item} (s.42)."
    )
    assert (
        "Not yet in place: we asked Anyshire County Council’s SEND Statutory Assessment and "
        "Review Service on 14 September 2026 to arrange it. Anyshire County Council must "
        f"secure the support in Section F{item} (section 42 of the Children and Families Act "
        "2014)." in rows["Speech and language therapy (NHS therapy service)"][0]
    )
    # without who was asked: the duty alone, and validate warns
    data = load("sami-ahmed").model_dump()
    data["cycles"][-1]["provision"][3].update(requested_from=None, requested_on=None)
    bare = Case.model_validate(data)
    found = [w for w in check_case(bare) if "requested_from" in w.message]
    assert len(found) == 1
    assert found[0].path == ("cycles", len(data["cycles"]) - 1, "provision", 3)
    assert support_rows(render_case(bare))["Speech and language therapy (NHS therapy service)"][
        -1
    ].startswith("Not in place. Anyshire must secure")
    assert not [w for w in check_case(load("sami-ahmed")) if "requested_from" in w.message]


def test_small_wording_rules() -> None:
    """A whole-year age is "16", a start after the review is said alone, and the
    letter's "What it is for" cells carry no "Working towards:" prefix."""
    niamh = flat(render_case(load("niamh-oconnor")))
    assert "(age 16 on 23 November 2026)" in niamh
    assert "0 months" not in niamh
    kai = support_rows(render_case(load("kai-thompson")))
    assert kai["Quiet base at lunchtime"][4] == "From 12 February 2027"
    assert kai["Quiet base at morning break"][4] == "From 7 September 2026, until the next review"
    assert "Working towards" not in letters("kai-thompson", 1)[0]


def test_fixture_findings() -> None:
    """E3 Niamh's exam access as a schedule; E7 Leo's appeal in the school's voice; F2
    Jordan's outcome for his primary need and the quiet room as a room; F5 Ella's
    communication outcome and its support."""
    niamh = support_rows(render_case(load("niamh-oconnor")))["Exam access arrangements practice"]
    assert niamh[3] == (
        # all three of the plan's arrangements (s19 A2 #10)
        "Extra time, a word processor and a computer reader in every assessment and mock, "
        "arranged by the exams officer"
    )
    leo = flat(render_case(load("leo-baxter")))
    assert "continues what it can" not in leo
    assert (
        "On 16 November 2026 Ms Baxter appealed to the First-tier Tribunal against that "
        "decision. While the appeal goes on, we are supporting Leo" in leo
    )
    jordan_data = render_case(load("jordan-mills"))
    jordan = support_rows(jordan_data)["Quiet study space and a printed weekly timetable"]
    assert jordan[3].startswith("A quiet study room to use at any time, and a printed timetable")
    assert "sessions of 10 minutes" not in jordan[3]
    assert "Jordan will take part in one group task a week in computing" in flat(jordan_data)
    ella = flat(render_case(load("ella-owusu")))
    assert "Ella will ask for help or for what she needs in class with a Makaton sign" in ella
    assert "Makaton signing with spoken words in class" in ella

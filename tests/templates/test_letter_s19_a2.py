"""The s.68 letter after the session-19 expert read (lane A2): Elena's own case, the
language offer first, the reader as "you", dates with their weekday, the known-as name
with the legal one, addresses that do not break at a hyphen, a clean core property."""

from __future__ import annotations

from sendocs.documents.parent_notification import PARENT_NOTIFICATION

from .helpers import all_text, body_paragraphs, load, open_docx, render_kind


def flat(data: bytes) -> str:
    return " ".join(all_text(data).split())


def letter(name: str, recipient: int = 0) -> str:
    return flat(render_kind(load(name), PARENT_NOTIFICATION, recipient=recipient))


def support_rows(name: str) -> dict[str, list[str]]:
    doc = open_docx(render_kind(load(name), PARENT_NOTIFICATION))
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Support")
    return {r.cells[0].text: [c.text for c in r.cells] for r in table.rows[1:]}


def test_elena_has_her_own_needs_outcomes_and_support_not_niamhs() -> None:
    elena = letter("elena-ap-gwilym")
    assert "Her hand tires quickly when she writes by hand" in elena
    assert "By Friday 4 December 2026: Elena will touch-type at 25 words a minute." in elena
    for cloned in (
        "Her reading speed and spelling are well below average",
        "spell 40 key subject words",
        "sit all mock examinations",
        "Small-group literacy and spelling intervention",
    ):
        assert cloned not in elena
    exams = support_rows("elena-ap-gwilym")["Exam access arrangements"]
    assert "25% extra time, and her laptop as a word processor" in exams[1]


def test_the_language_offer_comes_first_spanish_then_english() -> None:
    doc = open_docx(render_kind(load("elena-ap-gwilym"), PARENT_NOTIFICATION, recipient=0))
    texts = [p.text for p in body_paragraphs(doc)]
    subject = next(i for i, t in enumerate(texts) if t.startswith("Special educational provision"))
    assert texts[subject + 1].startswith("Si desea recibir esta carta")
    assert texts[subject + 2].startswith("If you would like this letter, or the plan, in Spanish")
    assert "More information and advice" not in " ".join(texts[: subject + 3])


def test_kai_is_spoken_to_as_you_and_the_plan_and_start_dates_are_said() -> None:
    rows = support_rows("kai-thompson")
    timetable = rows["Reduced timetable with planned increase"][1]
    assert "agreed with you and CAMHS (child and adolescent mental health services)" in timetable
    assert "KJ’s mother" not in timetable and "KJ's mother" not in timetable
    assert "one afternoon a week from 4 January 2027, and full days by 12 February 2027" in (
        " ".join(timetable.split())
    )
    lunch = rows["Quiet base at lunchtime"][-1]
    assert lunch.startswith("From Friday 12 February 2027: 5 sessions of 30 minutes")
    # support already running says no start date
    assert not rows["Quiet base at morning break"][-1].startswith("From ")


def test_known_as_name_with_the_legal_name_in_heading_and_slip() -> None:
    ruby = letter("ruby-clarke")
    assert "Special educational provision for Rebecca (Ruby) Clarke" in ruby
    assert "The review of Rebecca (Ruby) Clarke\u2019s support is on" in ruby
    leo = letter("leo-baxter")
    assert "Special educational provision for Leo Baxter" in leo


def test_meeting_place_slip_pointer_and_contact_hours() -> None:
    leo = letter("leo-baxter")
    assert "We will review Leo\u2019s support with you on Friday 11 December 2026 at school." in leo
    assert "reply slip below" not in leo
    assert "Please tell us on the reply slip at the end of this letter" in leo
    assert "during the school day if you have questions or worries" in leo
    assert "at any time if you have questions" not in leo
    amara = letter("amara-okafor")
    assert "at 3.30pm, in the SENCO\u2019s office." in amara


def test_amara_and_niamh_rows_match_their_plans() -> None:
    amara = support_rows("amara-okafor")
    assert "trained teaching assistant" in amara["Individual speech and language programme"][1]
    assert "TA" not in amara["Individual speech and language programme"][1].split()
    assert "her help card" in amara["Visual timetable and chunked instructions"][1]
    niamh = support_rows("niamh-oconnor")["Exam access arrangements practice"]
    assert "computer reader" in niamh[1] and "computer reader" in niamh[-1]


def test_separate_meeting_slip_box_says_what_ticking_it_means() -> None:
    elena = letter("elena-ap-gwilym")
    assert "\u2610 I can come that week. Days and times:" in elena
    assert "Days and times that suit me that week" not in elena


def test_addresses_copy_as_typed_and_no_template_note() -> None:
    """An address is printed with its own hyphens: a non-breaking hyphen (U+2011) would keep
    it on one line but would be copied into a parent's email program and break the address."""
    data = render_kind(load("elena-ap-gwilym"), PARENT_NOTIFICATION)
    text = flat(data)
    assert "Email: dpo@southmead-trust.example.org.uk" in text  # after a <w:br/> (s19 F2)
    assert "\u2011" not in text
    doc = open_docx(data)
    assert "Template for sendocs" not in (doc.core_properties.comments or "")

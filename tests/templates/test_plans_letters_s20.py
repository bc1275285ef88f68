"""Plans and s.68 letters after the s20 expert read (a SENCO, a parent's adviser, a DPO):
Elena's typing course ends before its outcome is checked; "As you know" only to a
parent who came to a review; Elena's and Niamh's assessments are their own; Mr
O'Connor's own view; the plan says where the review meeting is; a joint reply slip says
"We"; the four fixtures' typed prose uses the typographic apostrophe."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sendocs.costing import _end_after_weeks, default_term_calendar
from sendocs.documents import RenderOptions
from sendocs.documents.iep import IEP
from sendocs.documents.parent_notification import PARENT_NOTIFICATION
from sendocs.models import Case, ParentCarer

from .helpers import DOCUMENT_DATE, all_text, load, render_kind

CASES = Path(__file__).resolve().parents[2] / "fixtures" / "cases"
MINE = ("elena-ap-gwilym", "niamh-oconnor", "amara-okafor", "leo-baxter")


def flat(data: bytes) -> str:
    return " ".join(all_text(data).split())


def changed(name: str, **cycle: Any) -> Case:
    """The case with its current cycle changed."""
    data = load(name).model_dump()
    data["cycles"][-1].update(cycle)
    return Case.model_validate(data)


# 1. an outcome is checked when the course that serves it has ended ------------------------


def test_a_fixed_length_course_ends_by_the_date_its_outcomes_are_due() -> None:
    """Elena's touch-typing outcome was due on 4 December while the twelve-week course it
    depends on ran to 11 December: the course now starts with the plan and ends on
    4 December, before the review on 7 December."""
    calendar = default_term_calendar()
    for name in MINE:
        cycle = load(name).current_cycle
        for p in cycle.provision:
            if not (p.weeks and p.start):
                continue
            ends = _end_after_weeks(p.start, p.weeks, calendar)
            for n in p.outcomes:
                due = cycle.outcomes[n - 1].target_date or cycle.review_date
                assert ends <= due, (name, p.intervention, ends, due)
    typing = load("elena-ap-gwilym").current_cycle
    assert typing.outcomes[1].target_date == dt.date(2026, 12, 4)
    assert typing.review_date == dt.date(2026, 12, 7)


# 2. "As you know" only to a parent who has met the school about it ------------------------


def _letters(case: Case) -> list[str]:
    count = len(PARENT_NOTIFICATION.recipients(case, _options()))  # type: ignore[misc]
    return [flat(render_kind(case, PARENT_NOTIFICATION, recipient=i)) for i in range(count)]


def _options() -> RenderOptions:
    return RenderOptions(date=DOCUMENT_DATE)


def test_dr_ap_gwilym_who_came_to_no_review_is_not_told_as_you_know() -> None:
    """He gave his views to the plan (by name), but the case records no meeting: views
    may come on a form or by email, and "As you know, Elena has been getting … since
    12 January 2026" presumes what he was never shown to know."""
    mother, father = _letters(load("elena-ap-gwilym"))
    assert "Dear Dr ap Gwilym" in father
    assert father.count("As you know") == 0
    assert (
        "Elena has been getting special educational needs (SEN) support at St Anne\u2019s "
        "Church of England High School since 12 January 2026." in father
    )
    # Ms de la Cruz came to the March review
    assert "As you know, Elena has been getting special educational needs" in mother


def test_views_alone_never_make_as_you_know_attendance_does_whatever_the_apostrophe() -> None:
    """Mr O'Connor now gives his own view but came to no review: no "As you know".
    A review's attendees typed with a straight apostrophe still name Mrs O’Connor."""
    mother, father = _letters(load("niamh-oconnor"))
    assert "As you know, Niamh has been getting" in mother
    assert "As you know" not in father
    data = load("niamh-oconnor").model_dump()
    data["cycles"][0]["review"]["attendees"] = ["Mrs Siobhan O'Connor", "Mr Patrick O'Connor"]
    mother, father = _letters(Case.model_validate(data))
    assert "As you know, Niamh has been getting" in mother
    assert "As you know, Niamh has been getting" in father


def test_a_view_is_matched_to_its_parent_whichever_apostrophe_was_typed() -> None:
    """A name that matched no parent would be printed in every copy: in a restricted
    parent's own copy that would carry the other parent's words to them."""
    father = ParentCarer(title="Mr", forenames="Patrick", surname="O\u2019Connor")
    assert father.answers_to("Mr O'Connor")
    assert father.answers_to("Mr O\u2019Connor")
    assert father.answers_to("patrick  o'connor")
    assert not father.answers_to("Mrs O'Connor")
    assert not father.answers_to("Patrick")


# 3. Elena's and Niamh's assessments are their own ------------------------------------------


def test_elena_and_niamh_have_their_own_assessor_and_dates() -> None:
    elena, niamh = load("elena-ap-gwilym"), load("niamh-oconnor")
    assert {d.diagnosed_by for d in elena.diagnoses}.isdisjoint(
        d.diagnosed_by for d in niamh.diagnoses
    )
    assert {d.date for d in elena.diagnoses}.isdisjoint(d.date for d in niamh.diagnoses)
    assert {p.name for p in elena.professionals}.isdisjoint(p.name for p in niamh.professionals)
    # Elena's own dates agree with each other: need identified on the diagnosis, the
    # assessor's reports are the evidence's, and she is named where her advice is used
    (diagnosis,) = elena.diagnoses
    assert elena.needs[0].identified == diagnosis.date == dt.date(2022, 11, 16)
    (assessor,) = elena.professionals
    assert sorted(e.date for e in elena.evidence) == sorted(assessor.report_dates)
    assert {e.author for e in elena.evidence} == {assessor.name} == {"Ms Rachel Dunmore"}
    text = flat(render_kind(elena, IEP))
    assert "Hughes" not in text
    assert "as Ms Dunmore advised (September 2025)" in text
    assert "Ms Rachel Dunmore, specialist assessor (AMBDA) 16 November 2022" in text


# 4. Mr O'Connor's own view (the a3 fixtures test quotes it) -------------------------------


def test_niamhs_plan_quotes_each_parent_by_name() -> None:
    text = flat(render_kind(load("niamh-oconnor"), IEP))
    assert "Mrs O\u2019Connor: Niamh is more confident this year." in text
    assert "Mr O\u2019Connor: Art matters most to Niamh" in text
    assert not IEP.warnings(load("niamh-oconnor"), _options())  # type: ignore[misc]


# 5. the plan says where the review meeting is ---------------------------------------------


def test_the_plans_review_says_where_the_case_place_else_at_school() -> None:
    niamh = flat(render_kind(load("niamh-oconnor"), IEP))
    assert "We will meet to review this plan on Monday 7 December 2026 at school." in niamh
    amara = flat(render_kind(load("amara-okafor"), IEP))
    assert (
        "We will meet to review this plan on Monday 7 December 2026 at 3.30pm, in the "
        "SENCO\u2019s office." in amara
    )
    assert "office at school" not in amara
    elena = flat(render_kind(load("elena-ap-gwilym"), IEP))
    assert (
        "We will meet each of Elena\u2019s parents separately at school to review this plan "
        "in the week of Monday 7 December 2026." in elena
    )
    placed = flat(render_kind(changed("elena-ap-gwilym", review_place="the library"), IEP))
    assert (
        "We will meet each of Elena\u2019s parents separately in the library to review this "
        "plan in the week of Monday 7 December 2026." in placed
    )
    # a college's plan: "at college", never "at school"
    jordan = flat(render_kind(load("jordan-mills"), IEP))
    assert "We will meet to review this plan on Monday 7 December 2026 at college." in jordan


def test_the_plan_and_the_letter_name_the_same_place() -> None:
    for name in MINE:
        case = load(name)
        plan = flat(render_kind(case, IEP))
        letter = _letters(case)[0]
        place = case.current_cycle.review_place
        where = f"in {place}" if place else "at school"
        assert where in plan.split("Reviewing this plan")[1], name
        assert where in letter, name


# 6. a joint reply slip says "We" ------------------------------------------------------------


def _slip(text: str) -> str:
    return text.split("Reply slip: review meeting")[1]


def test_a_slip_to_two_parents_jointly_says_we_and_to_one_says_i() -> None:
    amara = _slip(_letters(load("amara-okafor"))[0])
    assert "\u2610 We will come to the meeting." in amara
    assert "\u2610 We cannot come then. Times that suit us: ____" in amara
    assert "\u2610 We would like an interpreter." in amara
    assert "I will come" not in amara and "suit me" not in amara
    # no time set: the joint slip asks for one, for both of them
    untimed = _slip(_letters(changed("amara-okafor", review_time=None))[0])
    assert "\u2610 We will come. Times that suit us on Monday 7 December 2026: ____" in untimed
    # one reader: "I"
    leo = _slip(_letters(load("leo-baxter"))[0])
    assert "\u2610 I will come. Times that suit me on Friday 11 December 2026: ____" in leo
    assert "We will come" not in leo
    for letter in _letters(load("elena-ap-gwilym")):
        slip = _slip(letter)
        assert "\u2610 I can come that week." in slip
        assert "That week does not suit me. Times that suit me:" in slip


# 7. the typed prose uses the typographic apostrophe ----------------------------------------


def test_the_four_fixtures_prose_has_no_straight_apostrophe_or_quote() -> None:
    """Typed case text printed beside the documents' own ’ used ' (St Anne's, O'Connor,
    I don't): a fixture's values use ’ (comments are not printed; a double quote in
    these files only delimits a YAML string)."""
    for name in MINE:
        for number, line in enumerate((CASES / f"{name}.yaml").read_text("utf-8").split("\n")):
            if line.lstrip().startswith("#"):
                continue
            value = line.split(" # ")[0]
            assert "'" not in value, (name, number + 1, line)
    for name in MINE:
        case = load(name)
        texts = [flat(render_kind(case, IEP)), *_letters(case)]
        for text in texts:
            assert "'" not in text, (name, text[text.find("'") - 40 : text.find("'") + 40])

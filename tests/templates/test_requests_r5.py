"""The IPSEA/solicitor second read of requests, follow-ups and letters before claim
(#11, s18 R5): a young person under 18 claims through a litigation friend, the
escalation never steps back (a follow-up after a letter before claim is refused; a
further letter before claim refers to the first and keeps its reply date; a second
follow-up refers to the first), the current plan a letter names is enclosed, and the
chronology counts outcomes by status."""

from __future__ import annotations

import datetime as dt

from sendocs.documents.assessment_request import ASSESSMENT_FOLLOW_UP, ASSESSMENT_REQUEST
from sendocs.documents.base import RenderOptions
from sendocs.documents.letter_before_claim import LETTER_BEFORE_CLAIM, eighteenth_birthday
from sendocs.models import Case

from .helpers import all_text, load, open_docx, render_kind

DEMO = dt.date(2026, 11, 23)


def _flat(data: bytes) -> str:
    return " ".join(all_text(data).split())


def _rows(data: bytes) -> list[list[str]]:
    return [[c.text for c in r.cells] for t in open_docx(data).tables for r in t.rows]


def _with_request(case: Case, **changes: object) -> Case:
    request = case.assessment_request
    assert request is not None
    return case.model_copy(update={"assessment_request": request.model_copy(update=changes)})


def test_young_person_under_18_claims_through_a_litigation_friend() -> None:
    text = _flat(render_kind(load("jordan-mills"), LETTER_BEFORE_CLAIM, date=DEMO))
    assert (
        "I am not legally represented and am writing on my own behalf. If a claim is "
        "issued before my 18th birthday (10 October 2027), I will act through a "
        "litigation friend under Civil Procedure Rules Part 21." in text
    )
    # from his 18th birthday he claims in his own name
    adult = _flat(
        render_kind(load("jordan-mills"), LETTER_BEFORE_CLAIM, date=dt.date(2027, 10, 10))
    )
    assert "litigation friend" not in adult
    # a parent's letter: the parent is the claimant, no litigation friend
    parents = _flat(
        render_kind(load("kai-thompson"), LETTER_BEFORE_CLAIM, date=dt.date(2027, 2, 20))
    )
    assert "litigation friend" not in parents


def test_eighteenth_birthday_of_a_leap_day_child() -> None:
    assert eighteenth_birthday(dt.date(2008, 2, 29)) == dt.date(2026, 3, 1)
    assert eighteenth_birthday(dt.date(2009, 10, 10)) == dt.date(2027, 10, 10)


def test_law_section_cites_regulation_5_1_alone() -> None:
    # domain.md gives no subsection of s.36 for the duty to decide: none is invented
    text = _flat(render_kind(load("jordan-mills"), LETTER_BEFORE_CLAIM, date=DEMO))
    assert "statutory duty under regulation 5(1) and is unlawful" in text
    assert "36(3)" not in text


def test_follow_up_after_a_letter_before_claim_is_refused() -> None:
    case = _with_request(load("jordan-mills"), letter_before_claim_sent_on=DEMO)
    later = RenderOptions(date=dt.date(2026, 12, 10))
    problems = ASSESSMENT_FOLLOW_UP.check(case, later)
    assert any(
        "a letter before claim was already sent on Monday 23 November 2026" in p
        and "assessment_request.letter_before_claim_sent_on" in p
        for p in problems
    )
    # the letter before claim of that day is not "earlier"
    assert not any(
        "letter before claim" in p
        for p in ASSESSMENT_FOLLOW_UP.check(case, RenderOptions(date=DEMO))
    )


def test_follow_up_refusal_is_a_user_error_at_the_cli(tmp_path: object) -> None:
    from pathlib import Path

    from click.testing import CliRunner

    from sendocs.cli import main
    from sendocs.resources import fixtures_dir

    out = Path(str(tmp_path))
    source = (fixtures_dir() / "cases" / "jordan-mills.yaml").read_text(encoding="utf-8")
    marked = source.replace(
        "  followed_up_on: 2026-11-10",
        "  letter_before_claim_sent_on: 2026-11-23\n  followed_up_on: 2026-11-10",
    )
    assert marked != source
    case_file = out / "jordan.yaml"
    case_file.write_text(marked, encoding="utf-8")
    result = CliRunner().invoke(
        main,
        ["render", "assessment-follow-up", str(case_file), "-o", str(out / "o"),
         "--format", "docx", "--date", "2026-12-10"],
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    assert "letter before claim was already sent on Monday 23 November 2026" in result.output
    assert "Traceback" not in result.output


def test_further_letter_before_claim_refers_to_the_first_and_keeps_its_reply_date() -> None:
    case = _with_request(load("jordan-mills"), letter_before_claim_sent_on=DEMO)
    text = _flat(render_kind(case, LETTER_BEFORE_CLAIM, date=dt.date(2026, 12, 10)))
    assert (
        "Further to my letter before claim of 23 November 2026, to which you have not "
        "replied, this is a further letter before claim under the Pre-Action Protocol for "
        "Judicial Review. Please reply by Monday 7 December 2026, the date given in that "
        "letter." in text
    )
    assert "Reply by Monday 7 December 2026" in text
    assert "14 days from the date of this letter" not in text
    assert "Thursday 24 December 2026" not in text  # no new 14 days
    assert "(3) My letter before claim of 23 November 2026." in text


def test_second_follow_up_refers_to_the_first() -> None:
    text = _flat(
        render_kind(load("jordan-mills"), ASSESSMENT_FOLLOW_UP, date=dt.date(2026, 11, 14))
    )
    assert (
        "Further to my letter of 10 November 2026, to which I have had no reply, I am "
        "writing again." in text
    )
    first = _flat(
        render_kind(load("jordan-mills"), ASSESSMENT_FOLLOW_UP, date=dt.date(2026, 11, 10))
    )
    assert "Further to" not in first


def test_the_one_plan_a_request_names_is_enclosed() -> None:
    data = render_kind(load("jordan-mills"), ASSESSMENT_REQUEST)
    text = _flat(data)
    assert "put in place one SEN support plan" in text
    assert "plans and reviews: enclosure 2)" in text
    listed = [r for r in _rows(data) if len(r) == 4 and r[0] == "2"]
    assert listed and listed[0][1] == "Current SEN support plan (plan 1, from 7 September 2026)"


def test_chronology_counts_outcomes_by_status() -> None:
    data = render_kind(load("kai-thompson"), ASSESSMENT_REQUEST)
    row = next(r for r in _rows(data) if len(r) == 4 and r[0] == "18 May 2026")
    assert (
        row[2]
        == "Two SEN support plans from 17 November 2025, two reviewed; three outcomes not met. "
        "At the review of 18 May 2026: 1 outcome met and 2 outcomes not met."
    )
    assert "review that day" not in row[2]


def test_support_advised_by_a_professional_involved_before_it_began() -> None:
    text = _flat(render_kind(load("ruby-clarke"), ASSESSMENT_REQUEST))
    # Ms Price was involved from 1 November 2023: the daily programme is her advice
    assert (
        "Advised by Ms Hannah Price (speech and language therapist); in place since "
        "15 September 2025; her report of 22 June 2026 advises that it continue." in text
    )
    assert "in place before Ms Hannah Price\u2019s report" not in text
    # Dr Reid was first involved after precision teaching began: the school's own
    assert (
        "The school\u2019s own support, in place before Dr Samuel Reid\u2019s report of "
        "11 May 2026, which advised the same." in text
    )


def test_a_school_note_is_said_once_and_a_fall_below_expectations_is_named() -> None:
    text = _flat(render_kind(load("ruby-clarke"), ASSESSMENT_REQUEST))
    assert text.count("block of four sessions a year") == 1
    assert (
        "maths went from \u2018expected\u2019 to \u2018working towards Year 4\u2019 "
        "(below age-related expectations)" in text
    )


def test_school_made_request_is_copied_to_the_parents() -> None:
    text = _flat(render_kind(load("ruby-clarke"), ASSESSMENT_REQUEST))
    assert "Copy to: Mrs Joanne Clarke and Mr Peter Clarke" in text
    assert text.count("Copy to:") == 1
    # the 6 weeks' last day stays as counted (no working-day roll-over: UNVERIFIED)
    assert "bank holiday" not in text


def test_paused_support_says_it_ran_before() -> None:
    text = _flat(render_kind(load("kai-thompson"), ASSESSMENT_REQUEST))
    assert (
        "In place from 17 November 2025 in plans 1 and 2; paused in this plan; planned to "
        "resume on 12 February 2027" in text
    )


def test_cost_says_what_it_counts_and_leaves_out() -> None:
    kai = _flat(render_kind(load("kai-thompson"), ASSESSMENT_REQUEST))
    assert (
        "Support given to a group is counted at KJ\u2019s share (one fifth of a group of 5). "
        "It does not include support advised but not in place: an occupational therapy "
        "sensory assessment and the part of adult support in practical lessons not yet in "
        "place." in kai
    )
    ruby = _flat(render_kind(load("ruby-clarke"), ASSESSMENT_REQUEST))
    assert "counted at Ruby\u2019s share (one third of a group of 3)" in ruby
    assert (
        "not in place: direct speech and language therapy, six sessions a term; and a "
        "specialist teacher assessment for dyslexia." in ruby
    )


def test_parent_request_says_the_school_agreed_to_support_it() -> None:
    text = _flat(render_kind(load("kai-thompson"), ASSESSMENT_REQUEST))
    assert (
        "of which two have been reviewed. At the review on 18 May 2026 the SENCO agreed to "
        "support this request." in text
    )
    # a school's own request does not say so of itself
    assert "agreed to support this request" not in _flat(
        render_kind(load("ruby-clarke"), ASSESSMENT_REQUEST)
    )


def test_young_person_support_in_their_words_with_the_adults_time() -> None:
    text = _flat(render_kind(load("jordan-mills"), ASSESSMENT_REQUEST))
    assert (
        "A quiet study room to use at any time, and a printed timetable each Monday with "
        "changes marked (learning support assistant, about 10 minutes a day)" in text
    )
    assert "open to Jordan" not in text and "(50 minutes a week)" not in text
    assert (
        "which has not yet been reviewed. That support is recent, but my autism spectrum "
        "condition is long-standing (diagnosed 2019)." in text
    )
    # domain.md does not support a sentence on exhausting the graduated approach
    assert "exhausted" not in text

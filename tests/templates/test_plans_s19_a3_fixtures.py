"""SEN support plans after the session-19 SENCO read, fix round lane A3 (issue #10 s19):
the fixtures' own data (Niamh's views by name, Ruby's successor outcome and reachable
target, Sami's requests and chase, Jordan's note, Kai's CAMHS letter and UK times)."""

from __future__ import annotations

import datetime as dt

from sendocs.documents.iep import IEP
from sendocs.documents.views import dates_phrase

from .helpers import all_text, load, render_kind


def flat(data: bytes) -> str:
    return " ".join(all_text(data).split())


def test_niamhs_parent_views_say_whose_they_are() -> None:
    text = flat(render_kind(load("niamh-oconnor"), IEP))
    assert (
        "Mrs O\u2019Connor: Niamh is more confident this year. I\u2019d like her to keep "
        "practising with her exam arrangements"
    ) in text
    # her father's own words, by his name (the parents live apart, s19 expert read)
    assert (
        "Mr O\u2019Connor: Art matters most to Niamh and she needs it for college, so please "
        "keep the extra help out of her art lessons." in text
    )
    assert "Mr and Mrs O\u2019Connor:" not in text


def test_rubys_last_plan_outcome_has_a_successor_and_her_target_is_reachable() -> None:
    text = flat(render_kind(load("ruby-clarke"), IEP))
    assert "Ruby to keep working on retelling stories in her daily language programme." in text
    assert "Ruby will read 40 and spell 20 of the first 100 high-frequency words." in text
    assert "60 of the first 100" not in text


def test_samis_status_lists_every_request_and_chase() -> None:
    text = flat(render_kind(load("sami-ahmed"), IEP))
    assert (
        "Not in place. Requested 14 September and 5 October 2026; chased 2 November 2026. "
        "Anyshire must secure F2 (s.42)."
    ) in text
    assert (
        "We asked again in writing under the final plan on 5 October 2026; no therapist "
        "allocated yet."
    ) in text
    assert (
        "Mr Osei will write to the council’s SEN team manager by Friday 4 December 2026, "
        "asking for a start date, copied to Mr and Mrs Ahmed."
    ) in text
    assert "not yet received" not in text and "Asked for again" not in text


def test_dates_phrase_says_the_year_once_a_run() -> None:
    days = [dt.date(2026, 10, 5), dt.date(2026, 9, 14)]
    assert dates_phrase(days, "en_GB") == "14 September and 5 October 2026"
    across = [dt.date(2026, 12, 20), dt.date(2027, 1, 4)]
    assert dates_phrase(across, "en_GB") == "20 December 2026 and 4 January 2027"


def test_kais_plan_lists_the_camhs_letter_and_writes_times_the_uk_way() -> None:
    text = flat(render_kind(load("kai-thompson"), IEP))
    assert (
        "Advice from specialists Educational psychologist report, 2 March 2026; CAMHS "
        "assessment letter, 16 February 2026."
    ) in text
    assert "(8.40am to 12.30pm)" in text and "8:40" not in text


def test_jordans_advice_note_reads_as_the_colleges() -> None:
    text = flat(render_kind(load("jordan-mills"), IEP))
    assert (
        "(not yet in place: the college cannot fund it from its own budget; we will include "
        "this advice in our evidence for the EHC needs assessment)"
    ) in text

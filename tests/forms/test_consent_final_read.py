"""Final read of stop 18 (#10): what the pupil's page promises where a parent's details
are restricted, and no "costed as … time" line on a row that charges no staff time."""

from __future__ import annotations

from pathlib import Path

from sendocs import load_case
from sendocs.documents.pupil_costing import costed_as
from sendocs.forms.consent import pupil_intro

CASES = Path(__file__).resolve().parents[2] / "fixtures" / "cases"


def test_restricted_parent_means_separate_talks_not_a_meeting_of_all() -> None:
    elena = load_case(CASES / "elena-ap-gwilym.yaml").case  # non-molestation order
    niamh = load_case(CASES / "niamh-oconnor.yaml").case  # no restriction
    assert "talked with you and with each of your parents separately." in pupil_intro(elena)
    assert "talked with you all" not in pupil_intro(elena)
    assert pupil_intro(niamh).endswith("until we have talked with you all.")


def test_costed_as_only_where_staff_time_is_charged() -> None:
    niamh = load_case(CASES / "niamh-oconnor.yaml").case
    exams = next(p for p in niamh.current_cycle.provision if p.schedule and p.hourly_cost)
    assert costed_as(exams).startswith("costed as 15 minutes a week of the ")
    free = exams.model_copy(update={"hourly_cost": 0})
    assert costed_as(free) == ""

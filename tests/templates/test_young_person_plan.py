"""A young person past compulsory school age agrees their own plan (CAFA 2014 Part 3,
domain brief §11): the sign-off is theirs and their college's staff, a parent only when
the case says the young person wants them involved; the consent form is their own."""

from __future__ import annotations

import datetime as dt

from sendocs.forms.consent import consent_form_for
from sendocs.models import Case

from .helpers import load, open_docx, render_case


def _signoff(case: Case) -> tuple[list[list[str]], str]:
    doc = open_docx(render_case(case, "iep"))
    table = doc.tables[-1]
    rows = [[c.text for c in r.cells[:2]] for r in table.rows]
    assert rows[0] == ["Role", "Name"]
    after = [p.text for p in doc.paragraphs if p.text.startswith("A copy of this plan")]
    return rows[1:], after[0]


def test_jordan_signs_his_own_plan_with_the_college_staff() -> None:
    rows, copy = _signoff(load("jordan-mills"))
    assert rows == [
        ["Student", "Jordan Mills"],
        ["Additional learning support manager", "Mr Tom Bright"],
        ["Personal tutor", "Mrs Ellen Shaw"],
    ]
    assert copy == (
        "A copy of this plan is given to Jordan and shared with the staff who work with Jordan."
    )


def test_a_parent_signs_when_the_young_person_wants_them_involved() -> None:
    case = load("jordan-mills")
    case = case.model_copy(
        update={"child": case.child.model_copy(update={"parents_involved": True})}
    )
    rows, copy = _signoff(case)
    assert rows[:2] == [["Student", "Jordan Mills"], ["Parent or carer", "Ms Karen Mills"]]
    assert "with Jordan\u2019s parents or carers and with the staff" in copy


def test_a_child_s_plan_keeps_the_parents_rows() -> None:
    rows, copy = _signoff(load("amara-okafor"))
    assert [r[0] for r in rows] == [
        "Parent or carer",
        "Parent or carer",
        "Pupil",
        "SENCO",
        "Class teacher",
    ]
    assert copy.startswith("A copy of this plan is shared with Amara\u2019s parents or carers")


def test_jordan_s_consent_form_is_his_own() -> None:
    form, _ = consent_form_for(load("jordan-mills"), dt.date(2026, 11, 30))
    assert form.name == "consent_to_share_information_young_person.pdf"

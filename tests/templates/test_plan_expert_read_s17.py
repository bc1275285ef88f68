"""SEN support plans after the s17 expert read (issue #10; notes/s17/review-A.md, -B.md).

Each test names the finding it answers. General rules, not fixture patches: a status
follows the provision's dates on the day the plan is written; the status against a
Section F item is separate from whether wider advice is in place; parents apart are
quoted by name; secondary pupils have subject teachers; support rows never split."""

from __future__ import annotations

import datetime as dt

from docx.oxml.ns import qn

from sendocs.models import check_case

from .helpers import all_text, load, open_docx, render_case


def flat(data: bytes) -> str:
    return " ".join(all_text(data).split())


def support_rows(data: bytes) -> dict[str, list[str]]:
    doc = open_docx(data)
    for table in doc.tables:
        if table.rows[0].cells[0].text.startswith("Support, and the"):
            return {
                r.cells[0].text.split("\n")[0]: [" ".join(c.text.split()) for c in r.cells]
                for r in table.rows[1:]
            }
    raise AssertionError("no support table")


def test_a_start_in_the_past_is_in_place_not_planned() -> None:
    """A2: "touch-typing 'Planned, from 14 September 2026' while the plan is written
    30 November" - the status follows the date."""
    rows = support_rows(render_case(load("elena-ap-gwilym")))
    assert rows["Touch-typing programme"][-1] == "In place since 7 September 2026"
    # A11: its end date from the term calendar, not "12 weeks from 7 September 2026"; it
    # ends on 4 December, the day its outcome is due (expert read: the outcome fell due
    # a week before the course it depends on ended)
    assert rows["Touch-typing programme"][4] == (
        "7 September 2026 to 4 December 2026 (12 term-time weeks)"
    )
    assert not any("Planned" in r[-1] for r in rows.values())


def test_parents_apart_are_quoted_by_name() -> None:
    """A10: one joint view from parents apart; attribute each parent's view by name."""
    text = flat(render_case(load("elena-ap-gwilym")))
    assert "Ms Ana de la Cruz: Elena comes home tired after a day of writing." in text
    assert "Dr Ioan ap Gwilym: Elena says typing helps her most." in text
    assert "Your views have not been written down yet" not in text


def test_secondary_pupils_have_subject_teachers() -> None:
    """A12: "The class teacher remains responsible" is wrong from Year 7."""
    for name in ("elena-ap-gwilym", "kai-thompson"):
        text = flat(render_case(load(name)))
        assert "subject teachers remain responsible" in text
        assert "The class teacher remains responsible" not in text
    assert "The class teacher remains responsible" in flat(render_case(load("amara-okafor")))


def test_section_f_status_is_separate_from_wider_advice() -> None:
    """B1, B2: Sami's therapy row names the NHS service, not the parents' independent
    witness; F1's 5 hours a week are in place, Dr Nair's wider advice is said apart."""
    data = render_case(load("sami-ahmed"))
    rows = support_rows(data)
    therapy = rows["Speech and language therapy (NHS therapy service)"]
    assert "Hannah Lewis" not in therapy[1]
    assert "from the NHS therapy service (not yet allocated)" in therapy[1]
    ta = rows["Teaching assistant support in literacy lessons"]
    assert ta[-1] == "In place since 7 September 2026 (Section F3)"
    assert "Dr Priya Nair\u2019s advice is only partly in place: 1 hour a day" in ta[0]
    assert "Partly in place since" not in flat(data)


def test_advice_partly_in_place_does_not_make_the_planned_support_partial() -> None:
    """B7: Leo's 3 x 30 minutes of phonics are delivered in full."""
    rows = support_rows(render_case(load("leo-baxter")))
    phonics = rows["One-to-one phonics teaching"]
    assert phonics[-1] == "In place since 7 September 2026"
    assert "Dr Martin Cole\u2019s advice is only partly in place: 3 of the 5 daily" in phonics[0]


def test_no_support_row_splits_and_the_signatures_keep_with_the_last_line() -> None:
    """A11, B9: rows split across pages; the last page held one sentence."""
    doc = open_docx(render_case(load("leo-baxter")))
    support = next(t for t in doc.tables if t.rows[0].cells[0].text.startswith("Support, and"))
    for row in support.rows:
        tr_pr = row._tr.trPr
        assert tr_pr is not None and tr_pr.find(qn("w:cantSplit")) is not None
    signoff = next(t for t in doc.tables if t.rows[0].cells[0].text == "Role")
    last = signoff.rows[-1]
    assert all(p.paragraph_format.keep_with_next for c in last.cells for p in c.paragraphs)


def test_ehc_plan_title_and_outcome_links_are_said_in_words() -> None:
    """B13, A18: "School support plan (EHC plan)"; "outcomes in this plan are steps
    towards them" when one links to no Section E outcome; a whole-class resource is
    not one-to-one."""
    sami = flat(render_case(load("sami-ahmed")))
    assert sami.startswith(
        "Support plan for a pupil with an EHC plan EHC plan reference: ANY/EHC/2026/0417 Sami Ahmed"
    )
    ella = load("ella-owusu")
    text = flat(render_case(ella))
    assert "are steps towards them" not in text
    for i, o in enumerate(ella.current_cycle.outcomes, start=1):
        if o.ehc_outcome:
            assert f"outcome {i} is a step towards E{o.ehc_outcome}" in text
    # the school's own targets said once (s18 H)
    assert "outcomes 2 and 3 are additional school targets." in text
    visual = support_rows(render_case(ella))["Visual phonics resources in whole-class phonics"]
    assert visual[2] == "Whole class"


def test_maya_time_out_card_reads_as_what_it_is() -> None:
    """B12: "Time-out card … One-to-one … 5 sessions of 5 minutes a week"."""
    data = render_case(load("maya-kowalczyk-oneill"))
    row = support_rows(data)["Time-out card and early lesson change"]
    assert row[1].startswith("All subject teachers")
    assert row[2] == "In every lesson"
    assert "5 sessions of 5 minutes" not in row[3]
    assert "without telling staff" in flat(data)


def test_no_written_on_date_and_ages_are_labelled() -> None:
    """B10, A20: "(written on 30 November 2026)" beside a September start; an age
    printed with no date beside another age at an assessment date."""
    text = flat(render_case(load("amara-okafor")))
    assert "written on" not in text
    assert "(age 7 years 8 months on 23 November 2026)" in text
    assert "(chronological age 7y 6m at 14 September 2026)" in text


def test_validate_warns_about_an_outcome_due_after_the_review() -> None:
    """B11 / A3: outcome 2 due 11 December, review 7 December."""
    case = load("niamh-oconnor")
    assert not [w for w in check_case(case) if "after the review" in w.message]
    cycle = case.current_cycle
    late = cycle.outcomes[1].model_copy(update={"target_date": dt.date(2026, 12, 11)})
    bad = case.model_copy(
        update={
            "cycles": [
                *case.cycles[:-1],
                cycle.model_copy(update={"outcomes": [cycle.outcomes[0], late]}),
            ]
        }
    )
    found = [w for w in check_case(bad) if "after the review" in w.message]
    assert len(found) == 1
    assert found[0].path[-2:] == (1, "target_date")
    assert "2026-12-11" in found[0].message


def test_a_plan_addressed_to_a_young_person_uses_his_words_and_names_a_next_step() -> None:
    """A15-A17: Jordan's needs in his own words; the tutor named once; a dated
    attendance figure; no stray capital; a late council decision has a next step."""
    data = render_case(load("jordan-mills"))
    text = flat(data)
    assert "I am autistic. Group work, changes to my timetable" in text
    assert "Jordan is autistic" not in text
    assert "(personal tutor)" not in text
    assert "Attendance 84% from 7 to 25 September 2026" in text
    # the advice not in place has a next step, in the college's own voice (s17 F3)
    assert (
        "(not yet in place: the college cannot fund it from its own budget; we will include "
        "this advice in our evidence for the EHC needs assessment" in text
    )
    assert "the college's own budget" not in text
    # who chased the late decision, and where it stood on the plan's date (s17 F3)
    assert (
        "No decision had come by then. Jordan wrote on 10 November 2026 asking for it, and "
        "no decision had come by" in text
    )
    assert "a letter asking for it was sent" not in text
    assert (
        "Southshire SENDIASS (01632 962900) can help with a complaint to the council or a "
        "letter before claim; the college will support this." in text
    )


def test_support_with_no_start_runs_from_the_plan_start() -> None:
    """A row with no start of its own is in place since the plan began, not since the
    day the plan was printed."""
    rows = support_rows(render_case(load("maya-kowalczyk-oneill")))
    assert rows["Time-out card and early lesson change"][-1] == "In place since 7 September 2026"

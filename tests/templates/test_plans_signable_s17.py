"""Plans and s.68 letters a reader would sign (issue #10, second expert re-read).

Each test quotes the finding it answers (notes/s16/review-plans2.md)."""

from __future__ import annotations

import datetime as dt

from sendocs.documents.parent_notification import PARENT_NOTIFICATION
from sendocs.documents.views import describe_frequency
from sendocs.models import Address, check_case

from .helpers import all_text, load, open_docx, render_case, render_kind


def flat(data: bytes) -> str:
    return " ".join(all_text(data).split())


def provision_table(data: bytes, header: str) -> list[list[str]]:
    """The rows of the first table one of whose header cells starts with ``header``."""
    doc = open_docx(data)
    for table in doc.tables:
        if any(c.text.startswith(header) for c in table.rows[0].cells):
            return [[c.text for c in row.cells] for row in table.rows]
    raise AssertionError(f"no table headed {header!r}")


def test_kai_status_follows_dates_and_wider_advice_is_said_apart() -> None:
    """Expert read s17 (A9, B2, B7): a row's status follows its own dates; advice that is
    only partly in place is a separate line naming whose advice it is, and a part-time
    timetable says how and when it returns to full days (``next_steps``)."""
    data = render_case(load("kai-thompson"))
    rows = {r[0].split("\n")[0]: r for r in provision_table(data, "Support, and the")[1:]}
    timetable = rows["Reduced timetable with planned increase"]
    assert timetable[-1] == "In place since 7 September 2026"
    assert (
        "Mr Ben Hart\u2019s advice is only partly in place: timetable reduced; the return to "
        "full days has not started yet." in " ".join(timetable[0].split())
    )
    assert (
        "We plan to add one afternoon a week from 4 January 2027, and full days by 12 "
        "February 2027." in " ".join(timetable[0].split())
    )
    adult = rows["Adult support in practical lessons"]
    assert adult[-1] == "In place since 7 September 2026"
    assert "Dr Fiona Walsh\u2019s advice is only partly in place: 4 hours a week in science" in (
        " ".join(adult[0].split())
    )
    assert "because we have not been able to fund it from our SEN budget" in " ".join(
        adult[0].split()
    )
    assert "the school says" not in flat(data)
    assert rows["ELSA sessions"][-1] == "In place since 7 September 2026"
    # the quiet base runs at morning break while KJ attends mornings only (5 sessions,
    # which is what is costed); lunchtime is planned from full days, 12 February 2027
    morning = rows["Quiet base at morning break"]
    assert morning[3] == "5 sessions of 30 minutes a week (2 hours 30 minutes a week)"
    assert morning[-1] == "In place since 7 September 2026"
    lunch = rows["Quiet base at lunchtime"]
    assert "once KJ is back for full days, planned for 12 February 2027" in " ".join(
        lunch[0].split()
    )
    assert lunch[-1] == "Planned, from 12 February 2027"


def test_a_timetable_is_described_as_what_it_is_never_as_sessions() -> None:
    """ "Kai letter p2: 'Reduced timetable … | 1 session of 30 minutes a week' presents a
    part-time timetable as a weekly session.\""""
    case = load("kai-thompson")
    timetable = case.current_cycle.provision[-1]
    expected = (
        "Part-time timetable: mornings, Monday to Friday (8.40am to 12.30pm), with a "
        "30-minute review each week"
    )
    assert describe_frequency(timetable) == expected
    for data in (render_case(case), render_kind(case, PARENT_NOTIFICATION)):
        text = flat(data)
        assert expected in text
        assert "1 session of 30 minutes a week" not in text
    letter = provision_table(render_kind(case, PARENT_NOTIFICATION), "Support")
    assert letter[6][0] == "Reduced timetable with planned increase"
    assert letter[6][-1] == expected


def test_kai_and_ruby_plans_say_their_assessment_requests() -> None:
    """ "Kai and Ruby plans (written 30 Nov) omit their EHC needs assessment requests (Kai
    23 Nov 2026, decision due 4 Jan 2027; Ruby 20 Nov 2026 — plan still says 'SENCO to
    request an EHC needs assessment in the autumn term')."""
    kai = flat(render_case(load("kai-thompson")))
    assert (
        "Request for an EHC needs assessment Ms Sarah Thompson (KJ\u2019s mother) asked "
        "Westshire Council for an education, health and care (EHC) needs assessment. "
        "The council must decide whether to carry out the assessment within "
        "6 weeks of receiving the request (SEND Regulations 2014, reg 5(1)). Ms Thompson "
        "emailed the request on Monday 23 November 2026, so the council must decide by "
        "Monday 4 January 2027." in kai
    )
    ruby = flat(render_case(load("ruby-clarke")))
    assert "Northbridge Primary School asked" in ruby
    # an emailed request's date is said once, with the decision it dates (s19 A2 #5)
    assert "emailed the request on Friday 20 November 2026" in ruby
    # the last review's next step is shown as done since, not as still to do
    assert (
        "SENCO to request an EHC needs assessment in the autumn term. Ruby to keep working on "
        "retelling stories in her daily language programme. Since then An EHC needs "
        "assessment was requested on 20 November 2026" in ruby
    )


def test_a_request_not_yet_sent_on_the_plan_date_is_not_mentioned() -> None:
    data = render_kind(load("kai-thompson"), _iep(), date=dt.date(2026, 11, 20))
    assert "Request for an EHC needs assessment" not in flat(data)


def _iep():  # type: ignore[no-untyped-def]
    from sendocs.documents.iep import IEP

    return IEP


def test_every_section_f_item_has_a_support_row() -> None:
    """ "Sami p3 'The school delivers it through the support in this plan' but two Section
    F items (visual timetable; SLT as required) have no support row"; "Ella: Section F
    item 2 'Her own visual phonics resources' has no support row.\""""
    sami = provision_table(render_case(load("sami-ahmed")), "Provision in Section F")
    # each item keeps the EHC plan's own number (F2, F3, F5), as the appeal says them
    assert [(r[0], r[2]) for r in sami[1:]] == [
        ("F2", "Speech and language therapy (NHS therapy service)"),
        ("F3", "Teaching assistant support in literacy lessons"),
        ("F5", "Visual timetable and visual supports"),
    ]
    ella = render_case(load("ella-owusu"))
    rows = {
        r[0]: r
        for r in provision_table(ella, "Provision in Section F")
        if r[1].startswith(("Support", "Her"))
    }
    assert rows["F1"][2] == (
        "Teaching assistant support in literacy lessons\n"
        "Teaching assistant support in maths lessons"
    )
    assert rows["F2"][2] == "Visual phonics resources in whole-class phonics"
    assert "Every phonics lesson, daily" in flat(ella)
    for name in ("sami-ahmed", "ella-owusu"):
        assert not [w for w in check_case(load(name)) if "Section F" in w.message]


def test_an_unlinked_section_f_item_is_warned_and_said() -> None:
    case = load("ella-owusu")
    cycle = case.current_cycle
    unlinked = [p.model_copy(update={"section_f": []}) for p in cycle.provision]
    case = case.model_copy(
        update={"cycles": [*case.cycles[:-1], cycle.model_copy(update={"provision": unlinked})]}
    )
    warnings = [w.message for w in check_case(case) if "Section F" in w.message]
    assert len(warnings) == 2 and "Section F item 2" in warnings[1]
    assert "Not yet arranged: we will agree with you and the local authority" in flat(
        render_case(case)
    )


def test_ella_plan_gives_the_school_phone_beside_an_email_only_senco() -> None:
    """ "Ella: email-only contact (school phone in case)."""
    text = flat(render_case(load("ella-owusu")))
    assert (
        "by email at senco@northam-infants.example.sch.uk or by phone through the school "
        "office on 01632 960300." in text
    )


def test_a_parent_with_no_address_is_never_put_at_another_household() -> None:
    """ "Amara letter addressed to both parents at 14 Willow Lane, but case gives no address
    for Mr Okafor": a parent with no address gets their own letter, by email, and validate
    says so."""
    case = load("amara-okafor")
    father = case.parents[1].model_copy(
        update={"address": None, "email": "daniel.okafor@example.org"}
    )
    case = case.model_copy(update={"parents": [case.parents[0], father]})
    first = flat(render_kind(case, PARENT_NOTIFICATION, recipient=0))
    second = flat(render_kind(case, PARENT_NOTIFICATION, recipient=1))
    assert "Dear Mrs Okafor Special" in first  # her own letter, not "and Mr Okafor"
    assert "Mr Daniel Okafor By email to daniel.okafor@example.org" in second
    assert "Willow Lane" not in second
    assert "or reply by email to" in second
    # an email is enough to send it; with neither, validate warns
    assert not [w for w in check_case(case) if w.path[:1] == ("parents",)]
    nothing = father.model_copy(update={"email": None})
    case = case.model_copy(update={"parents": [case.parents[0], nothing]})
    warnings = [w.message for w in check_case(case) if w.path[:1] == ("parents",)]
    assert warnings == [
        "Mr Daniel Okafor has no address or email in the case, so their letters carry no "
        "address (sendocs never assumes a parent lives at another parent's address): add "
        "one, or give the letter by hand"
    ]
    alone = flat(render_kind(case, PARENT_NOTIFICATION, recipient=1))
    assert "Willow Lane" not in alone and "Dear Mr Okafor" in alone
    assert isinstance(case.parents[0].address, Address)


def test_jordan_plan_speaks_to_him_as_a_college_student() -> None:
    """ "Jordan plan 'listen to Jordan's views and yours', 'School and pupil details'."""
    text = flat(render_case(load("jordan-mills")))
    assert "College and student details" in text
    assert "School and pupil details" not in text
    assert "views and yours" not in text
    assert "At the review we will look at each outcome with you, listen to your views" in text

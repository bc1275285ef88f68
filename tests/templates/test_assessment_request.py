"""The EHC needs assessment request and its follow-up: every fixture, every variant."""

from __future__ import annotations

import datetime as dt

import pytest
from docx.oxml.ns import qn

from sendocs.documents.assessment_request import ASSESSMENT_FOLLOW_UP, ASSESSMENT_REQUEST
from sendocs.models import Requester

from .helpers import (
    CASES,
    all_text,
    assert_clean,
    body_paragraphs,
    load,
    open_docx,
    render_kind,
    with_requester,
)

FIXTURES = sorted(p.stem for p in CASES.glob("*.yaml"))
LATE = dt.date(2027, 1, 20)


@pytest.fixture(scope="module")
def kai() -> bytes:
    return render_kind(load("kai-thompson"), ASSESSMENT_REQUEST)


def texts(data: bytes) -> list[str]:
    return [p.text for p in body_paragraphs(open_docx(data))]


def test_sender_recipient_and_heading(kai: bytes) -> None:
    lines = texts(kai)
    assert lines[:7] == [
        "Ms Sarah Thompson",
        "Flat 3",
        "27 Station Road",
        "Westbury",
        "WB2 7SR",
        "Email: sarah.thompson@example.org",
        "Telephone: 07700 900456",
    ]
    start = lines.index("SEND Assessment and Review Team")
    assert lines[start : start + 11] == [
        "SEND Assessment and Review Team",
        "Westshire Council",
        "Civic Centre",
        "Westbury",
        "WB1 1CC",
        "By email: sendteam@westshire.example.gov.uk",
        "",
        "23 November 2026",
        "Dear Sir or Madam",
        "Request for an education, health and care (EHC) needs assessment",
        "Name",
    ]
    text = all_text(kai)
    assert "Date of birth\n9 February 2014" in text
    assert "School\nWestbury Academy (Year 8)" in text


def test_request_setting_and_legal_test(kai: bytes) -> None:
    text = assert_clean(kai)
    assert (
        "I am the parent of Kai Thompson. I am writing to ask Westshire Council to carry out "
        "an EHC needs assessment for KJ. I make this request under section 36(1) of the "
        "Children and Families Act 2014." in text
    )
    assert "KJ has had SEN support at school since 17 November 2025." in text
    assert "Under section 36(8) of the Children and Families Act 2014" in text
    lines = texts(kai)
    assert "(a)\tthe child or young person has or may have special educational needs, and" in lines
    assert (
        "(b)\tit may be necessary for special educational provision to be made for the child "
        "or young person in accordance with an EHC plan." in lines
    )
    assert "This is the only test. The local authority must not apply a higher threshold." in text


def test_limb_one_needs_diagnoses_and_reports(kai: bytes) -> None:
    doc = open_docx(kai)
    needs = [[c.text for c in r.cells] for r in doc.tables[1].rows]
    assert needs[0] == ["Area of need", "Type of need", "What this means"]
    assert needs[1][:2] == [
        "Communication and interaction",
        "Autistic spectrum disorder (ASD)\nPrimary need",
    ]
    assert needs[3][1] == "Not yet identified"
    assert needs[3][2].startswith("Suspected, not yet assessed. Sensitive to noise")
    text = all_text(kai)
    assert "Some of these needs have not yet been assessed" in text
    assert (
        "Autism spectrum condition: diagnosed by Dr Maria Lopez, consultant community "
        "paediatrician on 30 June 2022." in text
    )
    assert (
        "Educational psychology report, Dr Fiona Walsh, Educational psychologist, "
        "2 March 2026 (E3): Recommends one-to-one support" in text
    )


def test_limb_two_history_costs_and_advice_not_delivered(kai: bytes) -> None:
    doc = open_docx(kai)
    unmet = [[c.text for c in r.cells] for r in doc.tables[2].rows]
    assert unmet[0] == ["Plan", "Outcome", "Result", "Evidence"]
    assert unmet[1] == [
        "1",
        "KJ will attend all lessons on his timetable on at least 4 days a week.",
        "Not met\nReviewed 9 February 2026",
        "Attendance 78% in the half-term.",
    ]
    assert len(unmet) == 4
    text = all_text(kai)
    assert "Since 17 November 2025 the school has put in place 3 SEN support plans" in text
    assert "ELSA sessions (since 23 February 2026)" in text
    assert "The school's current SEN support costs £6,231.90 a year" in text
    assert (
        "Occupational therapy sensory assessment: advised by Dr Fiona Walsh (educational "
        "psychologist) in a report of 2 March 2026." in text
    )


def test_six_week_duty_appeal_advice_and_enclosures(kai: bytes) -> None:
    text = all_text(kai)
    assert (
        "The local authority must tell me whether it will carry out an assessment within 6 "
        "weeks of receiving this request (regulation 5(1) of the SEND Regulations 2014). I am "
        "sending this request by email on Monday 23 November 2026, so I expect your decision "
        "by Monday 4 January 2027 at the latest." in text
    )
    assert (
        "right to appeal to the First-tier Tribunal (Special Educational Needs and Disability)"
        in text
    )
    assert "regulation 6(1) of the SEND Regulations 2014" in text
    assert "Under regulation 6(1)(h), I also ask you to seek advice from:" in text
    assert (
        "Dr Fiona Walsh, Educational psychologist, Westshire Educational Psychology Service" in text
    )
    enclosures = [[c.text for c in r.cells] for r in open_docx(kai).tables[3].rows]
    assert enclosures[0] == ["Ref", "Document", "Author", "Date"]
    assert enclosures[1] == [
        "E1",
        "Autism diagnosis letter",
        "Dr Maria Lopez, Consultant community paediatrician",
        "30 June 2022",
    ]
    assert [r[0] for r in enclosures[1:]] == ["E1", "E2", "E3", "E5", "E4"]


def test_signature_and_chronology_appendix_on_a_new_page(kai: bytes) -> None:
    lines = texts(kai)
    end = lines.index("Yours faithfully")
    assert lines[end + 2].startswith("Signed: ")
    assert lines[end + 3] == "Sarah Thompson"
    doc = open_docx(kai)
    appendix = next(p for p in body_paragraphs(doc) if p.text == "Appendix: evidence chronology")
    assert appendix._p.pPr.find(qn("w:pageBreakBefore")) is not None
    chronology = [[c.text for c in r.cells] for r in doc.tables[-1].rows]
    assert chronology[0] == ["Date", "Document", "Author", "What it shows", "Ref"]
    assert chronology[1] == [
        "30 June 2022",
        "Autism diagnosis letter",
        "Dr Maria Lopez, Consultant community paediatrician",
        "Confirms a diagnosis of autism spectrum condition.",
        "E1",
    ]
    assert chronology[2] == [
        "9 February 2026",
        "SEN support review (plan 1, started 17 November 2025)",
        "Westbury Academy",
        "1 outcome met and 1 outcome not met.",
        "",
    ]
    assert len(chronology) == 8


def test_two_parents_write_as_we_and_both_sign() -> None:
    data = render_kind(load("amara-okafor"), ASSESSMENT_REQUEST)
    text = assert_clean(data)
    assert "We are the parents of Amara Okafor. We are writing to ask" in text
    assert "We make this request under section 36(1)" in text
    assert "must tell us whether" in text and "so we expect your decision" in text
    assert "tell us about our right to appeal" in text
    lines = texts(data)
    assert [lines[i + 1] for i, t in enumerate(lines) if t.startswith("Signed: ")] == [
        "Grace Okafor",
        "Daniel Okafor",
    ]
    assert "Specialists have advised" not in text  # nothing undelivered
    assert "6(1)(h)" not in text  # nobody named to consult


def test_school_request_with_parents_agreement() -> None:
    data = render_kind(with_requester(load("kai-thompson"), Requester.SCHOOL), ASSESSMENT_REQUEST)
    text = assert_clean(data)
    lines = texts(data)
    assert lines[:2] == ["Ms Rachel Adeyemi", "SENCO, Westbury Academy"]
    assert (
        "I am writing on behalf of Westbury Academy to ask Westshire Council to carry out an "
        "EHC needs assessment for Kai Thompson, a pupil at the school. The school makes this "
        "request under section 36(1) of the Children and Families Act 2014." in text
    )
    assert "made with the knowledge and agreement of Sarah Thompson, KJ’s parent." in text
    assert "I am the parent" not in text
    end = lines.index("Yours faithfully")
    assert lines[end + 3 : end + 5] == ["Ms Rachel Adeyemi", "SENCO, Westbury Academy"]


def test_young_person_request() -> None:
    case = with_requester(load("niamh-oconnor"), Requester.YOUNG_PERSON)
    data = render_kind(case, ASSESSMENT_REQUEST)
    text = assert_clean(data)
    assert texts(data)[0] == "Niamh O'Connor"
    assert (
        "I am writing to ask Eastshire County Council to carry out an EHC needs assessment "
        "for me. I am 16 and I make this request myself, as a young person, under section "
        "36(1) of the Children and Families Act 2014." in text
    )
    assert "We are the parents" not in text
    assert "Despite this support" not in text  # no unmet outcomes in this case
    lines = texts(data)
    assert lines[lines.index("Yours faithfully") + 3] == "Niamh O'Connor"


@pytest.mark.parametrize("requester", list(Requester), ids=lambda r: r.value)
@pytest.mark.parametrize("name", FIXTURES)
def test_every_fixture_and_variant_renders_cleanly(name: str, requester: Requester) -> None:
    data = render_kind(with_requester(load(name), requester), ASSESSMENT_REQUEST)
    text = assert_clean(data)
    for citation in ("section 36(1)", "section 36(8)", "regulation 5(1)", "regulation 6(1)"):
        assert citation in text
    assert "Appendix: evidence chronology" in text


# -- the follow-up letter --------------------------------------------------------------


def test_follow_up_is_short_and_cites_regulation_5_only() -> None:
    data = render_kind(load("kai-thompson"), ASSESSMENT_FOLLOW_UP, date=LATE)
    text = assert_clean(data)
    assert "EHC needs assessment request: your decision is overdue" in text
    assert (
        "On 23 November 2026 I asked Westshire Council to carry out an education, health and "
        "care (EHC) needs assessment for my child, Kai Thompson." in text
    )
    assert (
        "Under regulation 5(1) of the SEND Regulations 2014, the local authority had to tell "
        "me whether it would carry out the assessment within 6 weeks of receiving the request: "
        "by Monday 4 January 2027. I have not received your decision." in text
    )
    assert "Please send me your decision by Wednesday 3 February 2027." in text
    assert "complaints procedure" in text
    assert "Local Government and Social Care Ombudsman" in text
    assert "20 January 2027" in text
    for other in ("section", "regulation 6", "Code"):
        assert other not in text


def test_follow_up_reply_days_and_variants() -> None:
    case = load("amara-okafor")
    case = with_requester(case, Requester.PARENT, sent_on=dt.date(2026, 11, 23))
    text = assert_clean(render_kind(case, ASSESSMENT_FOLLOW_UP, date=LATE, reply_days=7))
    assert "we asked Anyshire County Council" in text and "for our child, Amara Okafor" in text
    assert "Please send us your decision by Wednesday 27 January 2027." in text
    school = with_requester(load("kai-thompson"), Requester.SCHOOL)
    text = assert_clean(render_kind(school, ASSESSMENT_FOLLOW_UP, date=LATE))
    assert "for Kai Thompson, a pupil at Westbury Academy." in text
    young = with_requester(
        load("niamh-oconnor"), Requester.YOUNG_PERSON, sent_on=dt.date(2026, 11, 23)
    )
    text = assert_clean(render_kind(young, ASSESSMENT_FOLLOW_UP, date=LATE))
    assert "needs assessment for me." in text

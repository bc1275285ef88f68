"""Consent forms, session 19 fix round (#10, lane C2), from a DPO's and a SENCO's read of the
forms ``sendocs demo`` makes: the pupil's page says what is shared, why, until when and the
safeguarding promise, and that the ticks are the pupil's consent; a parent's form says the
pupil was asked too (and, from 16, that the pupil's own agreement is needed); an EHC plan's
annual review is public-task sharing, not consent; a service Section F plans is a row;
an assessment request is worded for whom the form speaks to, with its date; a young
person's form speaks to them; typographic apostrophes, word-final too."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from pypdf import PdfReader

from sendocs.forms import fill_form, load_map
from sendocs.forms.consent import (
    CONSENT_FORMS,
    PUPIL_FORM,
    consent_wording,
    pupil_intro,
    pupil_privacy,
    service_rows,
    what_we_share,
)
from sendocs.loading import load_case
from sendocs.models import Case, Requester
from sendocs.resources import templates_dir
from tests.conftest import CASES

ON = dt.date(2026, 11, 23)
FORMS = templates_dir() / "forms"

SAFE = (
    "If we are worried that you or someone else is not safe, we will always share what is "
    "needed to keep you safe, even if you have not ticked a box. We will usually tell you "
    "first, unless that would put you or someone else at risk."
)


def _case(name: str) -> Case:
    return load_case(CASES / f"{name}.yaml").case


def _fields(path: Path) -> dict[str, dict[str, object]]:
    return {k: dict(v) for k, v in (PdfReader(path).get_fields() or {}).items()}


def test_pupil_pages_say_what_is_shared_why_until_when_and_the_safeguarding_promise() -> None:
    for name in ("maya-kowalczyk-oneill", "kai-thompson", "niamh-oconnor", "elena-ap-gwilym"):
        case = _case(name)
        text = pupil_privacy(case, ON)
        assert SAFE in text, name
        assert (
            "What we share with a service you tick: your special educational needs, the help "
            "you get and reports about you, so that the service can understand what you need "
            "and help you." in text
        ), name
        assert "We share it until 31 August 2027 or until you change your mind." in text, name
    # the form's own consent end date, when the school gives another
    maya = _case("maya-kowalczyk-oneill")
    assert "until 31 March 2027 or until you change your mind" in pupil_privacy(
        maya, ON, dt.date(2027, 3, 31)
    )


def test_the_pupils_ticks_are_their_consent_and_the_heading_says_so(tmp_path: Path) -> None:
    maya = _case("maya-kowalczyk-oneill")
    assert (
        "Tick each service you agree to us sharing information with: your ticks are your "
        "consent." in pupil_intro(maya, ON)
    )
    form = FORMS / PUPIL_FORM
    out = tmp_path / "pupil.pdf"
    fill_form(form, maya, load_map(form.with_suffix(".map.yaml")), out, today=ON)
    page = PdfReader(out).pages[0].extract_text()
    assert "Your consent: sharing information about you" in page
    assert "Your view:" not in page
    tips = _fields(out)
    assert str(tips["pupil_service_1"]["/TU"]).startswith(
        "I agree to the school sharing information about me with"
    )
    assert len(PdfReader(out).pages) == 1  # nothing runs on to a continuation sheet


def test_a_parents_form_says_the_pupil_was_asked_on_their_own_page() -> None:
    assert (
        "We have also asked Maya for her own view on a separate page. If your answers differ "
        "for a service, we will not share with it until we have talked with you both."
        in what_we_share(_case("maya-kowalczyk-oneill"), ON)
    )
    assert "We have also asked KJ for his own view on a separate page." in what_we_share(
        _case("kai-thompson"), ON
    )
    # a parent's details restricted: each parent is talked with separately
    assert (
        "If your answers differ for a service, we will not share with it until we have talked "
        "with each of you separately." in what_we_share(_case("elena-ap-gwilym"), ON)
    )
    # no pupil's page, no such line
    assert "separate page" not in what_we_share(_case("leo-baxter"), ON)


def test_a_pupil_of_16_gives_their_own_agreement() -> None:
    niamh = _case("niamh-oconnor")
    # the exceptions are named where the promise is made (DPO read, s20): the page's
    # opening no longer promises without them what its box at the end qualifies
    assert pupil_intro(niamh, ON).startswith(
        "You are 16, so we need your own agreement. Apart from the sharing in the box at the "
        "end of this page, which the law requires or allows without your tick, we will not "
        "share with a service you have not ticked."
    )
    assert (
        "Because Niamh is 16, we also need her own agreement; we will not share with a service "
        "she has not ticked, apart from the sharing below." in what_we_share(niamh, ON)
    )
    assert "You are 16" not in pupil_intro(_case("maya-kowalczyk-oneill"), ON)


def test_an_ehc_plan_pupils_annual_review_is_public_task_not_consent() -> None:
    for name, la in (("sami-ahmed", "Anyshire County Council"), ("ella-owusu", None)):
        case = _case(name)
        la = la or case.local_authority.name
        text = what_we_share(case, ON)
        child = case.child.known_as
        assert (
            f"Because {child} has an EHC plan, we share information for its annual review "
            f"(Children and Families Act 2014, section 44) with {la} and with the health and "
            "social care professionals invited to the review, as part of our public task "
            "(UK GDPR Article 6(1)(e); Article 9(2)(g) with DPA 2018 Schedule 1, paragraph 6), "
            "not because of this form." in text
        ), name
        assert "Apart from the sharing below, which the law requires or allows without " in text
    # no plan, no annual review line; the exception still stands, since sharing to keep a
    # child safe (below) is the law's for every pupil (review s20)
    kai = what_we_share(_case("kai-thompson"), ON)
    assert "annual review" not in kai
    assert (
        "Apart from the sharing below, which the law requires or allows without this form, "
        "we do not share it with a service you have not ticked." in kai
    )
    assert kai.index("Apart from the sharing below") < kai.index("Sharing to keep a child safe")


def test_a_service_section_f_plans_is_a_row() -> None:
    rows = service_rows(_case("sami-ahmed"), ON)
    titles = [t for t, _ in rows]
    assert "NHS speech and language therapy (SaLT)" in titles
    assert "Ms Hannah Lewis, independent speech and language therapist" in titles
    note = dict(rows)["NHS speech and language therapy (SaLT)"]
    assert note == (
        "Planned in Section F of Sami’s EHC plan: assessment and therapy for speech, language "
        "and communication."
    )


def test_the_request_is_worded_for_whom_the_form_speaks_to_with_its_date() -> None:
    kai = _case("kai-thompson")
    mother = kai.parents[0]
    assert (
        "the EHC needs assessment you asked Westshire Council for on 23 November 2026"
        in what_we_share(kai, ON, mother)
    )
    assert (
        "Ms Thompson has requested" not in consent_wording(kai, ON, parent=mother)["what_we_share"]
    )
    ruby = _case("ruby-clarke")
    assert (
        "We asked Northshire County Council for an EHC needs assessment for Ruby on 20 November "
        "2026; for that request we share information with Northshire County Council’s SEND team"
        in what_we_share(ruby, ON)
    )
    assert "For the request for an EHC needs assessment" not in what_we_share(ruby, ON)


def test_a_young_persons_own_form_speaks_to_them(tmp_path: Path) -> None:
    jordan = _case("jordan-mills")
    form = FORMS / CONSENT_FORMS["young_person"]
    out = tmp_path / "jordan.pdf"
    fill_form(form, jordan, load_map(form.with_suffix(".map.yaml")), out, today=ON)
    tips = {k: str(v.get("/TU")) for k, v in _fields(out).items()}
    assert tips["child_full_name"] == "Your full legal name"
    assert tips["date_prepared"] == "Date the college prepared this form"
    assert tips["service_other"] == "Any other service (name it)"
    assert tips["service_1_title"].startswith("The service on row 1: ")
    assert tips["service_1_title"] != "The service on row 1"
    metadata = PdfReader(out).metadata
    assert metadata is not None
    subject = str(metadata.get("/Subject"))
    # the form file serves a school and a college alike: it names neither (review s20)
    assert subject == "A young person’s consent to share SEND information with other agencies"
    first = PdfReader(out).pages[0].extract_text()
    values = " ".join(str(v.get("/V")) for v in _fields(out).values())
    assert "Mr Tom Bright (additional learning support manager)" in values
    assert "(Additional learning support manager)" not in values
    assert "this is your decision, not your parents’." in " ".join(first.split())


WORD_FINAL = re.compile(r"[A-Za-z]'(?=[\s.,;:)]|$)")
WORD_INSIDE = re.compile(r"[A-Za-z]'[A-Za-z]")


def test_the_shipped_forms_printed_words_have_no_straight_apostrophe() -> None:
    """The builder's own words on every shipped form: no "parents'." or "child's"."""
    for form in (*CONSENT_FORMS.values(), PUPIL_FORM):
        for page in PdfReader(FORMS / form).pages:
            text = page.extract_text()
            assert not WORD_FINAL.search(text), (form, WORD_FINAL.findall(text))
            assert not WORD_INSIDE.search(text), (form, WORD_INSIDE.findall(text))
    assert WORD_FINAL.search("not your parents'.")  # the pattern catches what was read


def test_a_locked_service_rows_stored_values_are_what_its_page_shows(tmp_path: Path) -> None:
    """Review s20 (DPO): each service row's name and note held the generic service as its
    default value (/DV) under the case's service (/V). The shipped forms keep no default
    for the rows, so the only stored value is the one the page shows."""
    sami = _case("sami-ahmed")
    form = FORMS / CONSENT_FORMS["parent"]
    out = tmp_path / "sami.pdf"
    fill_form(form, sami, load_map(form.with_suffix(".map.yaml")), out, today=ON)
    fields = _fields(out)
    titles = [t for t, _ in service_rows(sami, ON)]
    for n, title in enumerate(titles, start=1):
        for part in ("title", "note"):
            field = fields[f"service_{n}_{part}"]
            assert "/DV" not in field, (n, part)
            assert int(field.get("/Ff", 0)) & 1  # locked
        assert str(fields[f"service_{n}_title"]["/V"]) == title
    for name in (*CONSENT_FORMS.values(), PUPIL_FORM):
        blank = _fields(FORMS / name)
        rows = [k for k in blank if re.fullmatch(r"(pupil_)?service_\d+_(title|note)", k)]
        assert rows and not [k for k in rows if "/DV" in blank[k]], name


def test_a_pupils_page_says_the_council_gets_what_it_asks_for_an_assessment() -> None:
    """KJ's mother asked for an EHC needs assessment: her form says the school gives the
    council what it asks for that, tick or not; KJ's own page must say so too, in his words
    (DPO read, s20), and only where a request exists."""
    kai = _case("kai-thompson")
    page = pupil_privacy(kai, ON)
    assert (
        "Your mother has asked Westshire Council to find out whether you need an EHC plan (an "
        "EHC needs assessment). If Westshire Council asks us for information about you for "
        "that, we will give it, whether or not you tick a box." in page
    )
    assert page.index("whether or not you tick a box") < page.index(SAFE)
    school_asked = kai.model_copy(
        update={
            "assessment_request": kai.assessment_request.model_copy(  # type: ignore[union-attr]
                update={"requester": Requester.SCHOOL}
            )
        }
    )
    assert "We have asked Westshire Council to find out whether you need an EHC plan" in (
        pupil_privacy(school_asked, ON)
    )
    for name in ("maya-kowalczyk-oneill", "niamh-oconnor"):  # no request: nothing said
        assert "EHC needs assessment" not in pupil_privacy(_case(name), ON), name

"""Plans and s.68 letters after the last four-reader read (issue #10, s18): the letter's
privacy / DPO line, the reg 5(1) date on the law's basis, "What it is for" parted from
its outcome, a reply slip in sentences, per-parent copies of a plan where a parent's
details are restricted, the EHC plan reference out of the title, Section E and F items
with the EHC plan's own numbers, and distinct "About me" texts."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest

from sendocs.api import render_document
from sendocs.documents import letters
from sendocs.documents.base import RenderOptions
from sendocs.documents.iep import IEP
from sendocs.documents.parent_notification import PARENT_NOTIFICATION
from sendocs.models import Case, DeliveryMethod, EhcPlan
from sendocs.models.checks import check_case

from .helpers import DOCUMENT_DATE, all_text, load, open_docx, render_case, render_kind


def flat(data: bytes) -> str:
    return " ".join(all_text(data).split())


def letter(name: str, recipient: int = 0) -> str:
    return flat(render_kind(load(name), PARENT_NOTIFICATION, recipient=recipient))


def plan_copy(case: Case, recipient: int) -> str:
    return flat(render_kind(case, IEP, recipient=recipient))


# 1. the DPO line -------------------------------------------------------------------


def test_letter_says_how_information_is_used_and_who_the_dpo_is() -> None:
    for recipient in (0, 1):
        text = letter("elena-ap-gwilym", recipient)
        assert (
            "Our privacy notice explains how the school uses information about Elena and your "
            "family. You can read it at:https://stannes.example.sch.uk/privacyOur data "
            "protection officer is Ms Ruth Ellery.Email: dpo@southmead-trust.example.org.uk"
            in text  # all_text joins across each <w:br/> (s19 F2)
        )
        # the line comes before the sign-off, and names no parent
        assert text.index("Our data protection officer") < text.index("Yours sincerely")
    kai = letter("kai-thompson")
    assert "Our data protection officer is Ms Rina Shah.Email: dpo@westbury-academy" in kai


def test_privacy_line_falls_back_as_the_consent_form_does() -> None:
    school = load("kai-thompson").school.model_copy(
        update={"data_protection_officer": None, "privacy_notice_url": None}
    )
    text = letters.privacy_text(school, "KJ")
    assert text == (
        "Our privacy notice explains how the school uses information about KJ and your "
        "family; please ask us for a copy. To ask about your information, contact the "
        "school office on 01632 960200 and ask for our data protection officer."
    )


# 2. the reg 5(1) date on the law's basis -------------------------------------------


def test_decision_date_is_from_receipt_not_from_sending() -> None:
    kai = letter("kai-thompson")
    assert (
        "You asked Westshire Council for an education, health and care (EHC) needs "
        "assessment. The council must tell you whether it will carry out "
        "the assessment within 6 weeks of receiving the request (SEND Regulations 2014, reg "
        "5(1)). You emailed the request on Monday 23 November 2026, so the council must tell "
        "you by Monday 4 January 2027." in kai
    )
    case = load("kai-thompson")
    assert case.assessment_request is not None
    request = case.assessment_request.model_copy(update={"received_on": dt.date(2026, 11, 25)})
    text = flat(
        render_kind(case.model_copy(update={"assessment_request": request}), PARENT_NOTIFICATION)
    )
    assert (
        "It received the request on 25 November 2026, so the decision is due by Wednesday 6 "
        "January 2027." in text
    )
    assert "if it arrived" not in text


def test_a_posted_request_gives_its_deemed_day_of_arrival() -> None:
    case = load("kai-thompson")
    assert case.assessment_request is not None
    request = case.assessment_request.model_copy(update={"delivery": DeliveryMethod.POST})
    text = flat(
        render_kind(case.model_copy(update={"assessment_request": request}), PARENT_NOTIFICATION)
    )
    assert "it was sent on 23 November 2026, so by" in text
    assert "if it arrived that day" not in text
    assert "if it arrived on " in text


# 3. "What it is for": description, then "For:" once -----------------------------------


def test_what_it_is_for_parts_description_from_outcome() -> None:
    doc = open_docx(render_kind(load("elena-ap-gwilym"), PARENT_NOTIFICATION))
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Support")
    typing = next(r for r in table.rows if r.cells[0].text == "Touch-typing programme")
    paragraphs = [p.text for p in typing.cells[1].paragraphs if p.text]
    assert paragraphs == [
        "Twelve weeks of a structured touch-typing course, in a group of four.",
        # the touch-typing's own outcome (s19 A2 #1)
        "For: Elena will touch-type at 25 words a minute.",
    ]
    # her exam access arrangements have a row of their own, naming them (s19 A2 #1)
    exams = next(r for r in table.rows if r.cells[0].text == "Exam access arrangements")
    assert exams.cells[1].text.startswith(
        "25% extra time, and her laptop as a word processor with the spelling and grammar "
        "check switched off, in class tests and school examinations."
    )
    # a row with no description keeps the outcomes alone, no prefix
    ruby = open_docx(render_kind(load("ruby-clarke"), PARENT_NOTIFICATION))
    table = next(t for t in ruby.tables if t.rows[0].cells[0].text == "Support")
    bare = [r for r in table.rows[1:] if not r.cells[1].text.startswith("For")]
    assert bare and all("\nFor: " not in r.cells[1].text for r in bare)


# 4. the reply slip in sentences --------------------------------------------------------


def test_reply_slip_speaks_in_sentences() -> None:
    text = letter("elena-ap-gwilym")
    assert (
        "We will arrange a separate meeting with you about Elena ap Gwilym\u2019s support at "
        "school in the week of Monday 7 December 2026." in text
    )
    assert ". A separate meeting about" not in text
    kai = letter("kai-thompson")
    # the legal name with the name KJ uses (s19 A2 #4)
    assert "The review of Kai (KJ) Thompson\u2019s support is on Monday 14 December 2026." in kai


# 5. the offers in other languages ------------------------------------------------------


def test_language_offers_are_formal_and_flagged_for_a_native_speaker_check() -> None:
    assert "indíquenoslo" in letters.OFFER_IN_LANGUAGE["spanish"]
    assert "de forma gratuita" in letters.OFFER_IN_LANGUAGE["spanish"]
    assert "prosimy o informację" in letters.OFFER_IN_LANGUAGE["polish"]
    assert "Os hoffech gael" in letters.OFFER_IN_LANGUAGE["welsh"]
    doc = letters.__doc__ or ""
    notes = " ".join((doc + " " + _attribute_doc()).split())
    assert "native speaker before the first letter" in notes


def _attribute_doc() -> str:
    source = Path(letters.__file__).read_text(encoding="utf-8")
    return source[source.index("OFFER_IN_LANGUAGE") :]


# 6. a parent's own copy of the plan ----------------------------------------------------


def test_restricted_parents_each_get_their_own_copy_of_the_plan() -> None:
    elena = load("elena-ap-gwilym")
    options = RenderOptions(date=DOCUMENT_DATE)
    assert [c.label for c in IEP.copies(elena, options)] == [
        "school file copy",  # s19 #2: the file name says so
        "Ms de la Cruz",
        "Dr ap Gwilym",
    ]
    school = plan_copy(elena, 0)
    mother = plan_copy(elena, 1)
    father = plan_copy(elena, 2)
    mother_words = "Elena comes home tired after a day of writing."
    father_words = "Elena says typing helps her most."
    # the school's copy: both parents' words and both signature rows
    assert mother_words in school and father_words in school
    # the father's copy: the mother's words and signature row are left out, and nothing
    # is said of her views (that alone tells him she is in touch with the school, s18 A1)
    assert father_words in father and mother_words not in father
    assert "recorded separately" not in father
    assert "Parent or carer Ms Ana de la Cruz" not in father
    assert "Parent or carer Dr Ioan ap Gwilym" in father
    assert "Parents and carers Dr Ioan ap Gwilym (Father) About me" in father
    assert "de la Cruz" not in father
    # the mother's copy: the father's
    assert mother_words in mother and father_words not in mother
    assert "recorded separately" not in mother
    assert "Parent or carer Dr Ioan ap Gwilym" not in mother
    assert "Parent or carer Ms Ana de la Cruz" in mother
    assert "Ioan ap Gwilym (Father)" not in mother
    # the school's full copy says at its head that it is not to be sent (s18 A2); the
    # parents' copies do not
    marking = (
        "School file copy: holds both parents\u2019 information; do not send. "
        "Send each parent their own copy."
    )
    assert school.startswith(marking)
    assert "School file copy" not in mother and "School file copy" not in father
    # nothing else changes: the rest of the plan is the school's copy
    body = school.removeprefix(marking).strip()
    assert father.split("Parents and carers")[0] == body.split("Parents and carers")[0]
    for copy in (mother, father):
        assert "Flat 9, Quayside Court" not in copy and "4 Llys Gwyn" not in copy


def test_unrestricted_parents_share_one_plan() -> None:
    options = RenderOptions(date=DOCUMENT_DATE)
    for name in ("niamh-oconnor", "amara-okafor", "sami-ahmed"):
        assert [c.label for c in IEP.copies(load(name), options)] == [""]


def test_render_writes_each_parents_copy_of_the_plan() -> None:
    with tempfile.TemporaryDirectory() as out:
        result = render_document(
            "iep",
            Path(__file__).parents[2] / "fixtures/cases/elena-ap-gwilym.yaml",
            out,
            options=RenderOptions(date=DOCUMENT_DATE),
            fmt="docx",
        )
        names = sorted(p.name for p in result.paths)
    assert names == [
        "ap_Gwilym_Elena_SEN_support_plan_2026-09-07_school_file_copy.docx",
        "ap_Gwilym_Elena_SEN_support_plan_2026-09-07_to_Dr_ap_Gwilym.docx",
        "ap_Gwilym_Elena_SEN_support_plan_2026-09-07_to_Ms_de_la_Cruz.docx",
    ]


# 7. the EHC plan reference out of the title --------------------------------------------


def test_ehc_plan_reference_is_a_line_of_its_own_and_the_header_is_short() -> None:
    doc = open_docx(render_case(load("sami-ahmed")))
    paragraphs = [p.text for p in doc.paragraphs[:3]]
    assert paragraphs[0] == "Support plan for a pupil with an EHC plan"
    assert paragraphs[1] == "EHC plan reference: ANY/EHC/2026/0417"
    header = " ".join(p.text for p in doc.sections[0].header.paragraphs)
    header += " ".join(c.text for t in doc.sections[0].header.tables for c in t._cells)
    assert "School support plan (EHC plan)" in header
    assert "ANY/EHC" not in header


# 8. Section E and F items keep the EHC plan's own numbers ------------------------------


def test_section_f_items_keep_the_ehc_plans_numbers() -> None:
    sami = load("sami-ahmed")
    assert sami.ehc_plan is not None
    assert [n for n, _ in sami.ehc_plan.section_f_items] == [2, 3, 5]
    text = flat(render_case(sami))
    assert "In place since 7 September 2026 (Section F3)" in text
    assert "In place since 7 September 2026 (Section F5)" in text
    assert "Section F2 (section 42 of the Children and Families Act 2014)" in text
    assert (
        "outcome 1 is a step towards E1; outcome 2 is a step towards E2; outcome 3 is a step "
        "towards E3." in text
    )
    assert not [w for w in check_case(sami) if "Section F" in w.message]


def test_a_link_to_a_section_f_number_the_plan_does_not_list_is_warned() -> None:
    sami = load("sami-ahmed")
    data = sami.model_dump(mode="json")
    data["cycles"][-1]["provision"][0]["section_f"] = [1]
    warned = [w.message for w in check_case(Case.model_validate(data))]
    assert any("names Section F item 1, but the EHC plan lists F2, F3, F5" in w for w in warned)


def test_section_f_numbers_must_be_unique() -> None:
    with pytest.raises(ValueError, match="F2 given more than once"):
        EhcPlan.model_validate(
            {
                "issued": "2026-10-02",
                "section_f": [{"number": 2, "text": "a"}, {"number": 2, "text": "b"}],
            }
        )


# 9. distinct "About me" ----------------------------------------------------------------


def test_fixtures_have_their_own_about_me() -> None:
    texts = {}
    for path in sorted((Path(__file__).parents[2] / "fixtures/cases").glob("*.yaml")):
        about = load(path.stem).child.about_me
        if about:
            texts.setdefault(" ".join(about.split()), []).append(path.stem)
    assert [names for names in texts.values() if len(names) > 1] == []
    assert "Year 9" in (load("elena-ap-gwilym").child.about_me or "")


def test_a_secondary_pupil_has_a_form_tutor_not_a_class_teacher() -> None:
    kai = flat(render_case(load("kai-thompson")))
    assert "Form tutor Mrs Joy Palmer" in kai
    assert "(form tutor)" not in kai and "Class teacher" not in kai
    amara = flat(render_case(load("amara-okafor")))  # Year 3
    assert "Class teacher Miss Lily Evans" in amara

"""Plans and s.68 letters after the second four-reader read (issue #10, s18 FX2): who the
appropriate authority is at an academy in a trust, the offer in Spanish by the number of
readers, the letter's privacy paragraph free to flow, and a restricted parent's copy
that says nothing of the other parent."""

from __future__ import annotations

from sendocs.documents import letters
from sendocs.documents.iep import IEP
from sendocs.documents.parent_notification import PARENT_NOTIFICATION
from sendocs.models.checks import check_case

from .helpers import all_text, load, render_kind


def flat(data: bytes) -> str:
    return " ".join(all_text(data).split())


def test_an_academy_in_a_trust_signs_for_its_proprietor() -> None:
    """A3: St Anne's is an academy in the Southmead Diocesan Schools Trust (its DPO is
    the trust's): the letter is signed for the proprietor, never "the Governing Body"."""
    for name in ("elena-ap-gwilym", "niamh-oconnor"):
        text = flat(render_kind(load(name), PARENT_NOTIFICATION, recipient=0))
        assert (
            "on behalf of the proprietor of St Anne\u2019s Church of England High School "
            "(Southmead Diocesan Schools Trust)" in text
        )
        assert "Governing Body" not in text
        assert not [w for w in check_case(load(name)) if "setting_type" in w.message]


def test_validate_warns_when_a_trust_is_named_but_no_setting_type_is_given() -> None:
    elena = load("elena-ap-gwilym")
    school = elena.school.model_copy(update={"appropriate_authority": None})
    school.model_fields_set.discard("setting_type")
    school.model_fields_set.discard("appropriate_authority")
    warnings = [w.message for w in check_case(elena.model_copy(update={"school": school}))]
    assert any(
        "name a trust but no setting_type is given" in w and "setting_type: academy" in w
        for w in warnings
    )


def test_spanish_offer_is_worded_for_one_reader_or_two() -> None:
    one = letters.translated_offers(["Spanish"])
    two = letters.translated_offers(["Spanish"], plural=True)
    assert one == [
        "Si desea recibir esta carta o el plan de apoyo en español, o contar con un "
        "intérprete en la reunión, indíquenoslo y lo organizaremos de forma gratuita."
    ]
    assert two == [
        "Si desean recibir esta carta o el plan de apoyo en español, o contar con un "
        "intérprete en la reunión, pónganse en contacto con nosotros y lo organizaremos "
        "de forma gratuita."
    ]
    assert letters.translated_offers(["Polish"], plural=True) == [
        "Jeśli chcą Państwo otrzymać to pismo lub plan wsparcia w języku polskim albo "
        "skorzystać z pomocy tłumacza podczas spotkania, prosimy o informację – "
        "zorganizujemy to bezpłatnie."
    ]


def test_a_restricted_parents_copy_names_only_that_parent() -> None:
    """A1: Dr ap Gwilym's copy does not say Ms de la Cruz's views were recorded."""
    father = flat(render_kind(load("elena-ap-gwilym"), IEP, recipient=2))
    assert "Elena says typing helps her most." in father
    assert "de la Cruz" not in father
    assert "recorded separately" not in father


def test_a_mr_and_mrs_who_share_a_surname_are_greeted_together() -> None:
    """G: "Dear Mr and Mrs Clarke", not "Dear Mrs Clarke and Mr Clarke"."""
    ruby = flat(render_kind(load("ruby-clarke"), PARENT_NOTIFICATION))
    assert "Dear Mr and Mrs Clarke" in ruby
    assert "Dear Mrs Clarke and Mr Clarke" not in ruby
    # two different surnames keep each name as recorded
    elena = load("elena-ap-gwilym")
    assert letters.salutation(list(elena.parents)) == "Dear Ms de la Cruz and Dr ap Gwilym"


def test_an_emailed_request_says_when_the_council_must_decide_without_a_guess() -> None:
    """G: an email arrives the day it is sent; a passed date is said in the past."""
    ruby = flat(render_kind(load("ruby-clarke"), PARENT_NOTIFICATION))
    assert (
        "We emailed the request on Friday 20 November 2026, so the council must tell you by "
        "Friday 1 January 2027." in ruby
    )
    assert "if it arrived that day" not in ruby
    jordan = flat(render_kind(load("jordan-mills"), IEP))
    assert (
        "Jordan emailed the request on Monday 28 September 2026, so the council had to "
        "decide by Monday 9 November 2026." in jordan
    )


def test_as_you_know_only_to_a_parent_who_has_met_the_school() -> None:
    """F: Mr O'Connor came to no review: his letter does not begin "As you know"."""
    mother = flat(render_kind(load("niamh-oconnor"), PARENT_NOTIFICATION, recipient=0))
    father = flat(render_kind(load("niamh-oconnor"), PARENT_NOTIFICATION, recipient=1))
    assert "As you know, Niamh has been getting special educational needs (SEN) support" in mother
    assert "As you know" not in father
    assert "Niamh has been getting special educational needs (SEN) support" in father


def test_leo_plan_dates_the_appeal_and_says_what_he_is_good_at() -> None:
    """D: the appeal's date from the case, Leo's strengths, and the SEN information
    report; validate warns when a school on SEN support gives no report address."""
    plan = flat(render_kind(load("leo-baxter"), IEP))
    assert "On 16 November 2026 Ms Baxter appealed to the First-tier Tribunal" in plan
    assert "Loves building things and solving practical problems" in plan
    letter = flat(render_kind(load("leo-baxter"), PARENT_NOTIFICATION))
    # the address's hyphen does not break (s19 A2 #13)
    assert "https://eastbridge.example.sch.uk/send/information-report" in letter
    leo = load("leo-baxter")
    school = leo.school.model_copy(update={"sen_information_report_url": None})
    warnings = [w.message for w in check_case(leo.model_copy(update={"school": school}))]
    assert any(w.startswith("no sen_information_report_url") for w in warnings)
    assert not [w for w in check_case(leo) if "sen_information_report_url" in w.message]

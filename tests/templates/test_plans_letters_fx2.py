"""Plans and s.68 letters after the second four-reader read (issue #10, s18 FX2): who the
appropriate authority is at an academy in a trust, the offer in Spanish by the number of
readers, the letter's privacy paragraph free to flow, and a restricted parent's copy
that says nothing of the other parent."""

from __future__ import annotations

from io import BytesIO

from docx import Document

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
            "on behalf of the proprietor of St Anne's Church of England High School "
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


def test_privacy_paragraph_flows_and_only_the_closing_keeps_with_the_slip() -> None:
    """E: the privacy line was kept with the signature and slip, leaving page 2 of Leo's
    letter 40-45% blank; now only "Yours sincerely" onwards keeps together."""
    doc = Document(BytesIO(render_kind(load("leo-baxter"), PARENT_NOTIFICATION)))
    paragraphs = doc.paragraphs
    closing = next(i for i, p in enumerate(paragraphs) if p.text == "Yours sincerely")
    privacy = paragraphs[closing - 1]
    assert privacy.text.startswith("Our privacy notice explains")
    assert not privacy.paragraph_format.keep_with_next
    assert paragraphs[closing].paragraph_format.keep_with_next


def test_a_restricted_parents_copy_names_only_that_parent() -> None:
    """A1: Dr ap Gwilym's copy does not say Ms de la Cruz's views were recorded."""
    father = flat(render_kind(load("elena-ap-gwilym"), IEP, recipient=2))
    assert "Elena worries about the mocks." in father
    assert "de la Cruz" not in father
    assert "recorded separately" not in father

"""Every consent form says who holds the information and whom to tell to withdraw
(issue #10 items 13-14): data controller (the school or college), DPO, privacy
notice, the person to contact; "the college" for a college; a parent whose details
must not be shared has none of them printed on a form that also goes to the pupil."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader

from sendocs.forms import fill_form, load_map
from sendocs.forms.consent import consent_form_for, consent_variant
from sendocs.loading import load_case
from tests.conftest import CASES

ON = dt.date(2026, 11, 30)


def pages(name: str, tmp_path: Path) -> list[str]:
    case = load_case(CASES / f"{name}.yaml").case
    form, form_map = consent_form_for(case, ON)
    out = tmp_path / f"{name}.pdf"
    result = fill_form(form, case, load_map(form_map), out, today=ON, flatten=True)
    assert not result.overflows, "every printed statement fits its box"
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(out).pages]


@pytest.mark.parametrize("name", sorted(p.stem for p in CASES.glob("*.yaml")))
def test_every_form_names_controller_dpo_notice_and_whom_to_tell(name: str, tmp_path: Path) -> None:
    case = load_case(CASES / f"{name}.yaml").case
    text = " ".join(pages(name, tmp_path))
    school = case.school
    # the school, or for an academy the trust that runs it (DPO's second read, #10 s18)
    controller = (
        f"Data controller: {school.proprietor}, which runs {school.name}"
        if school.proprietor
        else f"Data controller: {school.name}"
    )
    assert controller in text
    assert school.data_protection_officer is not None
    assert f"Data protection officer: {school.data_protection_officer.name}" in text
    assert f"Privacy notice: {school.privacy_notice_url}" in text
    assert f"To withdraw your consent, or to ask about it, contact {school.senco.name}" in text
    assert "by telling us" not in text
    word = "the college" if school.setting_type.is_college else "the school"
    assert f"I agree to {word} sharing information" in text


def test_college_form_says_college(tmp_path: Path) -> None:
    text = " ".join(pages("jordan-mills", tmp_path))
    assert "I agree to the college sharing" in text and "the school sharing" not in text
    assert "(the college)" in text


def test_restricted_parent_details_never_on_the_form_the_pupil_sees(tmp_path: Path) -> None:
    case = load_case(CASES / "elena-ap-gwilym.yaml").case
    assert consent_variant(case, ON) == "with_pupil"
    mother = case.parents[0]
    assert not mother.share_details
    text = pages("elena-ap-gwilym", tmp_path)
    everything = " ".join(text)
    assert mother.email is not None and mother.email not in everything
    assert mother.phone is not None and mother.phone not in everything
    assert "Quayside" not in everything
    # routing for the school is never printed on a page the family receives: the CLI
    # says it on stderr instead (#10 s17 review A6)
    assert "Send pages" not in everything and "Send only" not in everything
    assert "Send" not in text[2] and "give separately" not in text[2]
    assert text[2].startswith("Your consent: sharing information about you For the pupil")


def test_language_offered_as_the_letter_offers_it(tmp_path: Path) -> None:
    """ "Elena consent: no offer of Spanish though the letter to Ms de la Cruz offers it."""
    text = pages("elena-ap-gwilym", tmp_path)
    assert (
        "If you "
        "would like this form in Spanish, or an interpreter to help you fill it in, please "
        "tell us and we will arrange it free of charge." in text[1]
    )
    assert "would like this form in" not in " ".join(pages("kai-thompson", tmp_path))


@pytest.mark.parametrize(
    ("name", "total"), [("amara-okafor", 2), ("elena-ap-gwilym", 3), ("jordan-mills", 2)]
)
def test_every_page_numbered(name: str, total: int, tmp_path: Path) -> None:
    """ "Consent forms have no page numbers": "Page X of Y" in every footer."""
    text = pages(name, tmp_path)
    assert len(text) == total
    for number, page in enumerate(text, start=1):
        assert f"Page {number} of {total}" in page


def test_college_form_is_for_college_use(tmp_path: Path) -> None:
    """ "Jordan consent 'For school use'" → "For college use"."""
    first = pages("jordan-mills", tmp_path)[0]
    assert "For college use" in first and "school use" not in first
    assert "For school use" in pages("kai-thompson", tmp_path)[0]


def test_unrestricted_parent_details_are_printed(tmp_path: Path) -> None:
    text = " ".join(pages("amara-okafor", tmp_path))
    assert "07700 900123" in text and "Send only to" not in text

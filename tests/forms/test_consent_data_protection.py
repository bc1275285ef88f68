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
    assert f"Data controller: {school.name}" in text
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
    assert text[0].count("Send only to Ms Ana de la Cruz") == 1
    assert "For Elena: give separately from pages 1-2" in text[2]


def test_unrestricted_parent_details_are_printed(tmp_path: Path) -> None:
    text = " ".join(pages("amara-okafor", tmp_path))
    assert "07700 900123" in text and "Send only to" not in text

"""Consent forms: never pre-ticked; the pupil's own page from the school's consent age;
the young person's own form past compulsory school age (domain brief §11)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader

from sendocs.forms import fill_form, load_map
from sendocs.forms.consent import consent_form_for, consent_variant
from sendocs.loading import load_case
from tests.conftest import CASES

ON = dt.date(2026, 11, 23)


def fill(name: str, tmp_path: Path) -> PdfReader:
    case = load_case(CASES / f"{name}.yaml").case
    form, form_map = consent_form_for(case, ON)
    out = tmp_path / f"{name}.pdf"
    fill_form(form, case, load_map(form_map), out, today=ON)
    return PdfReader(out)


def buttons(reader: PdfReader) -> dict[str, str]:
    """Every checkbox and radio group with the state it was left in."""
    states = {}
    for name, field in (reader.get_fields() or {}).items():
        if field.get("/FT") == "/Btn":
            states[name] = str(field.get("/V", "/Off"))
    for page in reader.pages:  # and each widget's own appearance state
        for annot in page.get("/Annots") or []:
            widget = annot.get_object()
            if "/AS" in widget:
                parent = widget.get("/Parent")
                name = widget.get("/T") or (parent.get_object().get("/T") if parent else "?")
                assert widget["/AS"] == "/Off", f"{name} shows {widget['/AS']}"
    return states


def values(reader: PdfReader) -> dict[str, str]:
    return {n: str(f.get("/V", "")) for n, f in (reader.get_fields() or {}).items()}


@pytest.mark.parametrize(
    "name", ["amara-okafor", "maya-kowalczyk-oneill", "jordan-mills", "niamh-oconnor"]
)
def test_no_box_is_ever_ticked(name: str, tmp_path: Path) -> None:
    states = buttons(fill(name, tmp_path))
    assert states  # the services are there to tick
    assert set(states.values()) <= {"/Off", ""}, states


def test_a_year_3_pupil_has_no_pupil_page(tmp_path: Path) -> None:
    reader = fill("amara-okafor", tmp_path)  # aged 7
    assert len(reader.pages) == 2  # the form and "Your information and your rights"
    assert not any(n.startswith("pupil_") for n in values(reader))
    assert values(reader)["parent_name"] == "Grace Okafor"


def test_a_year_9_pupil_gives_her_own_view_and_consent(tmp_path: Path) -> None:
    case = load_case(CASES / "maya-kowalczyk-oneill.yaml").case
    assert case.child.year_group == 9 and case.child.age_on(ON) == 13
    assert consent_variant(case, ON) == "with_pupil"
    reader = fill("maya-kowalczyk-oneill", tmp_path)
    assert len(reader.pages) == 3  # parent's form, "Your information …", the pupil's page
    got = values(reader)
    assert got["parent_name"] == "Ewa Kowalczyk-O'Neill"  # compound surname kept whole
    assert got["pupil_name"] == "Maya Kowalczyk-O'Neill"
    assert got["pupil_year_group"] == "Year 9"
    assert got["pupil_views"] == "" and got["pupil_date_signed"] == ""
    page_two = reader.pages[2].extract_text()
    assert "Your consent: sharing information about you" in page_two
    assert "you do not have to tick any" in " ".join(page_two.split())
    assert "Your signature" in page_two
    for row in range(1, 6):  # rows by number: each names the service it holds (s18)
        assert f"pupil_service_{row}" in got and got[f"pupil_service_{row}_title"]


def test_the_school_sets_the_consent_age(tmp_path: Path) -> None:
    case = load_case(CASES / "maya-kowalczyk-oneill.yaml").case
    older = case.model_copy(deep=True)
    object.__setattr__(older.school, "pupil_consent_age", 14)
    assert consent_variant(older, ON) == "parent"


def test_past_compulsory_school_age_the_young_person_consents(tmp_path: Path) -> None:
    reader = fill("jordan-mills", tmp_path)  # 17, past the last Friday in June of Year 11
    assert len(reader.pages) == 2
    got = values(reader)
    assert not any(n.startswith("parent_") for n in got)  # no parent signs or is named
    assert got["child_full_name"].startswith("Jordan")
    text = " ".join(reader.pages[0].extract_text().split())
    assert got["consent_statement"].startswith(
        "I am past compulsory school age, so I decide this for myself. I agree to the college"
    )
    assert "Your signature" in text
    assert "Signature of parent or carer" not in text
    assert "parental responsibility" not in text

"""The consent forms after the expert read (#10, s17 reviews A6, A14, A19, B3-B5, B17):
one form per parent with only that parent's details, routing on the command line and
never on the page, whom to return it to and by when, the lawful basis and how long
consent lasts, services named from the case, embedded fonts, no tool advert."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from sendocs.cli.form import form
from sendocs.forms import fill_form, load_map
from sendocs.forms.consent import consent_form_for, consent_parents
from sendocs.loading import load_case
from sendocs.models.checks import check_case
from tests.conftest import CASES

ON = dt.date(2026, 11, 30)


def filled(name: str, tmp_path: Path) -> tuple[Path, list[str]]:
    case = load_case(CASES / f"{name}.yaml").case
    form_pdf, form_map = consent_form_for(case, ON)
    out = tmp_path / f"{name}.pdf"
    fill_form(form_pdf, case, load_map(form_map), out, today=ON, flatten=True)
    return out, [" ".join((p.extract_text() or "").split()) for p in PdfReader(out).pages]


def _fonts(resources: Any, seen: dict[str, bool]) -> None:
    if resources is None:
        return
    resources = resources.get_object()
    for font in (resources.get("/Font") or DictionaryObject()).get_object().values():
        font = font.get_object()
        descriptor = font.get("/FontDescriptor")
        if descriptor is None and "/DescendantFonts" in font:
            descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
        embedded = descriptor is not None and any(
            k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")
        )
        seen[str(font.get("/BaseFont"))] = embedded
    for xobject in (resources.get("/XObject") or DictionaryObject()).get_object().values():
        _fonts(xobject.get_object().get("/Resources"), seen)


@pytest.mark.parametrize("name", ["kai-thompson", "jordan-mills", "amara-okafor"])
def test_every_font_embedded_in_the_flattened_form(name: str, tmp_path: Path) -> None:
    out, _ = filled(name, tmp_path)
    seen: dict[str, bool] = {}
    for page in PdfReader(out).pages:
        _fonts(page.get("/Resources"), seen)
    assert seen and all(seen.values()), seen
    assert not any("Helvetica" in f for f in seen), seen
    assert any("Carlito" in f for f in seen)


def test_one_form_per_parent_each_with_only_their_details(tmp_path: Path) -> None:
    case = load_case(CASES / "niamh-oconnor.yaml").case
    parents = consent_parents(case)
    assert len(parents) == 2
    form_pdf, form_map = consent_form_for(case, ON)
    out = tmp_path / "consent.pdf"
    result = CliRunner().invoke(
        form,
        [
            "fill",
            str(form_pdf),
            str(CASES / "niamh-oconnor.yaml"),
            "-m",
            str(form_map),
            "-o",
            str(out),
            "--flatten",
            "--date",
            "2026-11-30",
        ],
    )
    assert result.exit_code == 0, result.output
    assert not out.exists()
    files = sorted(tmp_path.glob("consent_*.pdf"))
    assert [f.name for f in files] == [
        "consent_Mr_Patrick_OConnor.pdf",
        "consent_Mrs_Siobhan_OConnor.pdf",
        "consent_pupil_Niamh.pdf",
    ]
    # the pupil's page once, on its own; each parent's copy is the parent's two pages
    pupil = PdfReader(tmp_path / "consent_pupil_Niamh.pdf")
    assert len(pupil.pages) == 1
    pupil_text = " ".join((pupil.pages[0].extract_text() or "").split())
    assert "Your consent: sharing information about you" in pupil_text
    assert "Niamh" in pupil_text
    assert all(f"{p.forenames} {p.surname}" not in pupil_text for p in parents)
    assert "consent_pupil_Niamh.pdf is Niamh's own page" in result.output
    for parent in parents:
        stem = parent.formal_name.replace(" ", "_").replace(chr(39), "").replace("\u2019", "")
        mine = tmp_path / f"consent_{stem}.pdf"
        text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(mine).pages)
        assert f"{parent.forenames} {parent.surname}" in text
        assert len(PdfReader(mine).pages) == 2
        assert "Please return page 1 to" in text and "Keep page 2." in text
        assert "Your consent: sharing information about you" not in text
        for other in parents:
            if other is parent:
                continue
            assert f"{other.forenames} {other.surname}" not in text
            if other.phone:
                assert other.phone not in text
            if other.address and other.address.lines:
                assert other.address.lines[0] not in text
        assert f"note: {mine.name} is for {parent.formal_name} only" in result.output


def test_routing_on_the_command_line_never_on_the_page(tmp_path: Path) -> None:
    case = load_case(CASES / "elena-ap-gwilym.yaml").case
    form_pdf, form_map = consent_form_for(case, ON)
    out = tmp_path / "consent.pdf"
    result = CliRunner().invoke(
        form,
        [
            "fill",
            str(form_pdf),
            str(CASES / "elena-ap-gwilym.yaml"),
            "-m",
            str(form_map),
            "-o",
            str(out),
            "--flatten",
            "--date",
            "2026-11-30",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "(their details must not be shared)" in result.output
    for pdf in tmp_path.glob("consent*.pdf"):
        text = " ".join((p.extract_text() or "") for p in PdfReader(pdf).pages)
        assert "Send pages" not in text and "Send only" not in text


def test_return_note_footer_confidential_no_tool_name(tmp_path: Path) -> None:
    _, pages = filled("kai-thompson", tmp_path)
    assert (
        "Please return pages 1 and 3 to Ms Rachel Adeyemi (SENCO) at Westbury Academy, "
        "Castle Street, Westbury, WB1 3CS, by Monday 14 December 2026. Keep page 2." in pages[0]
    )
    assert "made with sendocs" not in " ".join(pages)
    for number, text in enumerate(pages, 1):
        # marked on the pages that come back, not on the page the family keeps
        assert ("CONFIDENTIAL WHEN COMPLETED" in text) == (number != 2), number
        assert ("Confidential when completed" in text) == (number != 2), number
        keep = "Keep this page for your records" in text
        assert keep == (number == 2), number
        assert ("Please return this page" in text) == (number != 2)
    _, young = filled("jordan-mills", tmp_path)
    assert (
        "Please return page 1 to Mr Tom Bright (additional learning support manager) at "
        "Southport Bay Sixth Form College, College Road, Southport Bay, SB1 2CR, by "
        "Monday 14 December 2026. Keep page 2." in young[0]
    )


def test_case_services_first_named_by_organisation_and_role(tmp_path: Path) -> None:
    """The services already involved lead the list, named as a family knows them; an
    'Independent practice' is not a service name; the council's SEND team is never a
    tick row (sharing for an assessment request is the school's public task, s18 #4)."""
    _, sami = filled("sami-ahmed", tmp_path)
    rows = sami[0].split("Tick each service you agree to")[1]
    assert (
        rows.index("Anyshire Educational Psychology Service (educational psychologist)")
        < rows.index("Ms Hannah Lewis, independent speech and language therapist")
        < rows.index("Child and adolescent mental health services (CAMHS)")
    )
    assert "Independent practice" not in " ".join(sami)
    _, elena = filled("elena-ap-gwilym", tmp_path)
    assert (
        "Eastshire Learning Support Service ("
        in elena[0].split("Tick each service")[1].split("Educational psychology service")[0]
    )
    _, jordan = filled("jordan-mills", tmp_path)
    first = jordan[0].split("Tick each service you agree to")[1]
    assert first.index("Southshire CAMHS (clinical psychologist)") < first.index(
        "Educational psychology service (EP)"
    )
    assert "SEND team" not in jordan[0]
    assert (
        "If Southshire Council asks us for information and advice for the EHC needs "
        "assessment you asked Southshire Council for on " in jordan[1]
    )


def test_lawful_basis_and_how_long_consent_lasts(tmp_path: Path) -> None:
    _, pages = filled("maya-kowalczyk-oneill", tmp_path)
    rights = pages[1]
    assert "UK GDPR Article 6(1)(a)" in rights and "Article 9(2)(a)" in rights
    assert "How long this consent lasts: until 31 August 2027 or until you withdraw it" in rights


def test_services_named_from_the_case_and_pupil_page(tmp_path: Path) -> None:
    _, pages = filled("kai-thompson", tmp_path)
    assert "Westshire CAMHS" in pages[0] and "Westshire CAMHS" in pages[2]
    assert "Westshire Educational Psychology Service" in pages[0]
    assert "Speech and language therapy (SaLT)" in pages[0]  # none in the case: generic
    assert "Kai Thompson (KJ)" in pages[2] and "KJ Thompson" not in pages[2]
    assert (
        "If your answer and your parent’s answer for a service are different, we will not "
        "share with that service until we have talked with you both." in pages[2]
    )


def test_young_person_at_college(tmp_path: Path) -> None:
    _, pages = filled("jordan-mills", tmp_path)
    text = " ".join(pages)
    assert "School nursing service" not in text
    assert "Southshire CAMHS" in text
    assert "Sharing to keep you or others safe does not depend on this form" in text
    assert "keep a child safe" not in text


def test_dpo_who_is_the_senco_is_warned() -> None:
    niamh = load_case(CASES / "niamh-oconnor.yaml").case
    # the examples name a trust DPO who is not the SENCO, so no warning for them
    assert niamh.school.data_protection_officer is not None
    assert niamh.school.data_protection_officer.name != niamh.school.senco.name
    assert not [w for w in check_case(niamh, ON) if "Art 38(6)" in w.message]
    dpo = niamh.school.data_protection_officer.model_copy(
        update={"name": niamh.school.senco.name, "email": niamh.school.senco.email}
    )
    case = niamh.model_copy(
        update={"school": niamh.school.model_copy(update={"data_protection_officer": dpo})}
    )
    warnings = [w for w in check_case(case, ON) if "Art 38(6)" in w.message]
    assert len(warnings) == 1
    kai = load_case(CASES / "kai-thompson.yaml").case
    assert not [w for w in check_case(kai, ON) if "Art 38(6)" in w.message]

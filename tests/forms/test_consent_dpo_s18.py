"""The consent forms after the s18 data-protection read (#10): field names that say which
row, not which service; a retention period (or the schedule and who can send it); the
safeguarding line; the council's SEND team under public task, not consent; every font
embedded and fields drawn in embedded Carlito; the ULN at a college; plain wording when
pupil and parent answer differently."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from sendocs.cli.form import form
from sendocs.forms import fill_form, load_map
from sendocs.forms.consent import (
    CONSENT_FORMS,
    PUPIL_FORM,
    SERVICE_FIELDS,
    ConsentJob,
    consent_form_for,
    consent_variant,
    routing_notes,
    service_titles,
)
from sendocs.loading import load_case
from sendocs.models import Case
from sendocs.models.checks import check_case
from sendocs.models.people import DataProtection
from sendocs.resources import templates_dir
from tests.conftest import CASES

ON = dt.date(2026, 11, 30)
NAMES = sorted(p.stem for p in CASES.glob("*.yaml"))
FORMS = templates_dir() / "forms"


def _case(name: str) -> Case:
    return load_case(CASES / f"{name}.yaml").case


def _fill(case: Case, out: Path, flatten: bool) -> Path:
    form_pdf, form_map = consent_form_for(case, ON)
    fill_form(form_pdf, case, load_map(form_map), out, today=ON, flatten=flatten)
    return out


def _text(pdf: Path) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(pdf).pages]


@pytest.mark.parametrize("name", NAMES)
def test_each_row_field_holds_the_service_its_label_shows(name: str, tmp_path: Path) -> None:
    """Reading a returned form by field name gives the service the parent saw: the tick
    box service_N sits on the row whose service_N_title names it; no field is named after
    a service it may not hold; nothing is ticked (/V and /AS /Off)."""
    case = _case(name)
    out = _fill(case, tmp_path / "live.pdf", flatten=False)
    reader = PdfReader(out)
    fields = reader.get_fields() or {}
    assert not [n for n in fields if n.startswith(("share_", "pupil_share_"))]
    titles = service_titles(case)
    assert list(titles) == list(SERVICE_FIELDS)
    for key, title in titles.items():
        assert fields[f"{key}_title"]["/V"] == title
        assert fields[key].get("/V") in (None, "/Off")
        assert "SEND team" not in title
    for page in reader.pages:
        for annot in page.get("/Annots", []):
            annot = annot.get_object()
            if annot.get("/FT") == "/Btn" or "/AS" in annot:
                assert annot.get("/AS") in (None, "/Off"), annot.get("/T")
    listing = CliRunner().invoke(form, ["fields", str(out)])
    assert listing.exit_code == 0, listing.output
    for key, title in titles.items():
        assert f"{key}: {title} (ticked: no)" in listing.output


def test_blank_form_lists_its_rows() -> None:
    result = CliRunner().invoke(form, ["fields", str(FORMS / CONSENT_FORMS["with_pupil"])])
    assert result.exit_code == 0, result.output
    assert "service_1: Educational psychology service (EP) (ticked: no)" in result.output
    assert "pupil_service_5: Early help: family support from children's services" in (result.output)


@pytest.mark.parametrize("name", NAMES)
def test_retention_safeguarding_lawful_basis_dpo_ico(name: str, tmp_path: Path) -> None:
    case = _case(name)
    text = " ".join(_text(_fill(case, tmp_path / "flat.pdf", flatten=True)))
    dpo = case.school.data_protection_officer
    assert dpo is not None
    given = case.school.data_protection.retention if case.school.data_protection else None
    young = consent_variant(case, ON) == "young_person"
    if given:  # the child named as the form names them: "you" on their own form (#10 s18)
        given = (
            given.replace(f"{case.child.legal_forename} is", "you are")
            if young
            else given.replace(case.child.legal_forename, case.child.known_as)
        )
    period = (
        given
        if given
        else "for as long as our records retention schedule says for "
        f"{'students' if case.school.setting_type.is_college else 'pupils'}' SEN records; "
        f"{dpo.name} (data protection officer) can send it to you"
    )
    assert f"How long we keep it: this signed form, and a record of what we share, {period}." in (
        text
    )
    warned = [w for w in check_case(case, ON) if w.path[-1:] == ("retention",)]
    assert len(warned) == (0 if given else 1)
    assert "Sharing to keep" in text and "does not depend on this form" in text
    assert "UK GDPR Article 6(1)(a)" in text and "Article 9(2)(a)" in text
    assert "Information Commissioner’s Office (ico.org.uk)" in text
    assert "Withdrawing does not undo sharing already done" in text
    assert f"at {case.school.name}" in text  # where to return it
    assert "Children's social care" not in text.split("Any other service")[0]
    assert "tick different" not in text and "disagree" not in text
    request = case.assessment_request
    la = case.local_authority.name
    public = (
        f"we share information with {la}’s SEND team"
        if request is not None and request.requester.value == "school"
        else f"If {la} asks us for information and advice for the EHC needs assessment"
    )
    assert (public in text) == (request is not None)
    if request is not None:
        # Art 6 and the Art 9 condition (DPO's second read, #10 s18 finding 3)
        assert (
            "as part of our public task (UK GDPR Article 6(1)(e)) and, for information about "
            "health and special educational needs, Article 9(2)(g) with the Data Protection "
            "Act 2018, Schedule 1, paragraph 6, not because of this form" in text
        )
        assert "or object to it" in text


def test_retention_given_is_printed_and_not_warned(tmp_path: Path) -> None:
    kai = _case("kai-thompson")
    school = kai.school.model_copy(update={"data_protection": None})
    kai = kai.model_copy(update={"school": school})
    warned = [
        w for w in check_case(kai, ON) if w.path == ("school", "data_protection", "retention")
    ]
    assert len(warned) == 1 and "retention schedule" in warned[0].message
    school = kai.school.model_copy(
        update={"data_protection": DataProtection(retention="until Kai is 25")}
    )
    kai = kai.model_copy(update={"school": school})
    assert not [w for w in check_case(kai, ON) if "retention" in w.message]
    text = " ".join(_text(_fill(kai, tmp_path / "kai.pdf", flatten=True)))
    assert (
        # the school wrote "Kai"; the form calls him KJ throughout (finding 11)
        "How long we keep it: this signed form, and a record of what we share, until KJ is "
        "25. Each service keeps what it receives under its own privacy notice." in text
    )
    assert "retention schedule" not in text


def test_safeguarding_line_names_the_child_and_early_help_row(tmp_path: Path) -> None:
    pages = _text(_fill(_case("amara-okafor"), tmp_path / "a.pdf", flatten=True))
    assert (
        "Sharing to keep a child safe does not depend on this form: when we are worried about "
        "a child’s safety, we share with children’s social care as the law requires or allows "
        "(Data Protection Act 2018, Schedule 1, paragraph 18), and normally tell you, unless "
        "that would put Amara or someone else at risk." in pages[1]
    )
    assert (
        "Early help: family support from children’s services Support your family asks for. "
        "Not safeguarding: that does not depend on this form." in pages[0]
    )


def test_college_shows_uln_not_upn(tmp_path: Path) -> None:
    jordan = _case("jordan-mills")
    first = _text(_fill(jordan, tmp_path / "j.pdf", flatten=True))[0]
    # no ULN in the case: neither label nor box (DPO's second read, #10 s18 item 9)
    assert "ULN" not in first and "UPN" not in first
    child = jordan.child.model_copy(update={"uln": "1234567890"})
    jordan = jordan.model_copy(update={"child": child})
    first = _text(_fill(jordan, tmp_path / "j2.pdf", flatten=True))[0]
    assert "Unique Learner Number (ULN) 1234567890" in first and "UPN" not in first
    kai = _text(_fill(_case("kai-thompson"), tmp_path / "k.pdf", flatten=True))[0]
    assert "Unique Pupil Number (UPN) P207000016049" in kai


def _pdffonts(pdf: Path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    return [line.split() for line in out.stdout.splitlines()[2:] if line.strip()]


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="needs poppler-utils (CI has it)")
@pytest.mark.parametrize("variant", [*CONSENT_FORMS.values(), PUPIL_FORM])
def test_pdffonts_every_font_embedded_blank_and_flattened(variant: str, tmp_path: Path) -> None:
    blank = FORMS / variant
    kai = _case("kai-thompson")
    flat = tmp_path / "flat.pdf"
    fill_form(blank, kai, load_map(blank.with_suffix(".map.yaml")), flat, today=ON, flatten=True)
    for pdf in (blank, flat):
        rows = _pdffonts(pdf)
        assert rows, pdf
        for row in rows:
            # name, type, encoding, emb, sub, uni, object id, generation
            emb, uni = row[-5], row[-3]
            assert emb == "yes" and uni == "yes", (pdf, row)
        assert all("Carlito" in row[0] for row in rows), rows
    acro = PdfReader(blank).trailer["/Root"]["/AcroForm"]
    assert set(acro["/DR"]["/Font"]) == {"/Carlito"}
    assert str(acro["/DA"]).startswith("/Carlito ")
    for page in PdfReader(blank).pages:
        for annot in page.get("/Annots", []):
            annot = annot.get_object()
            if "/DA" in annot:
                assert "/Carlito " in str(annot["/DA"]) and "/Helv" not in str(annot["/DA"])


def test_routing_notes_live_in_consent_module(tmp_path: Path) -> None:
    jordan = _case("jordan-mills")
    form_pdf, form_map = consent_form_for(jordan, ON)
    job = ConsentJob(tmp_path / "consent.pdf", None, form_pdf, load_map(form_map))
    assert routing_notes(jordan, job, 1) == []  # the young person's own form: no note
    pupil = FORMS / PUPIL_FORM
    job = ConsentJob(tmp_path / "p.pdf", None, pupil, load_map(pupil.with_suffix(".map.yaml")))
    assert routing_notes(jordan, job, 2) == [
        "p.pdf is Jordan's own page: give it to them once, separately"
    ]


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="needs poppler-utils (CI has it)")
def test_names_beyond_windows_1252_drawn_in_embedded_carlito(tmp_path: Path) -> None:
    """A Polish or Welsh name is drawn (not dropped) in a flattened form, in a font made
    from the embedded Carlito, so every font stays embedded."""
    from sendocs.forms import fill_values

    out = tmp_path / "pl.pdf"
    values = {"child_full_name": "Łucja Wójcik-Żak", "parent_name": "Siân Dŵr"}
    fill_values(FORMS / CONSENT_FORMS["parent"], values, out, flatten=True)
    first = _text(out)[0]
    assert "Łucja Wójcik-Żak" in first and "Siân Dŵr" in first
    rows = _pdffonts(out)
    assert all(row[-5] == "yes" and "Carlito" in row[0] for row in rows), rows

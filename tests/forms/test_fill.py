"""Filling forms: values, export names, choices, appearances, flattening, renderings."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from sendocs.cli.form import form
from sendocs.forms import fill_form, fill_values, load_map, parse_map
from sendocs.models import Case
from tests.forms.conftest import KAI, OUR_FORM, OUR_MAP


def _widget(reader: PdfReader, name: str, page: int = 0) -> dict:  # type: ignore[type-arg]
    for annot in reader.pages[page]["/Annots"]:
        annot = annot.get_object()
        field = annot if "/T" in annot else annot["/Parent"].get_object()
        if field.get("/T") == name:
            return annot  # type: ignore[no-any-return]
    raise AssertionError(name)


def _widgets(reader: PdfReader, name: str) -> list[dict]:  # type: ignore[type-arg]
    found = []
    for annot in reader.pages[0]["/Annots"]:
        annot = annot.get_object()
        if "/Parent" in annot and annot["/Parent"].get_object().get("/T") == name:
            found.append(annot)
    return found


def test_our_form_from_case(tmp_path: Path, kai: Case) -> None:
    out = tmp_path / "consent.pdf"
    result = fill_form(OUR_FORM, kai, load_map(OUR_MAP), out)
    assert result.output == out and not result.overflows
    reader = PdfReader(out)
    fields = reader.get_fields()
    assert fields is not None
    assert fields["child_full_name"]["/V"] == "Kai Alexander Thompson"
    assert fields["child_date_of_birth"]["/V"] == "09/02/2014"
    assert fields["parent_address"]["/V"] == "Flat 3, 27 Station Road, Westbury, WB2 7SR"
    assert fields["school_contact"]["/V"] == "Ms Rachel Adeyemi (SENCO)"
    # No box is ever pre-ticked and no choice made for the parent (UK GDPR Recital 32),
    # even for services already involved with Kai (EP, CAMHS).
    for box in tuple(f"service_{n}" for n in range(1, 6)):
        assert fields[box].get("/V") in (None, "/Off"), box
        assert _widget(reader, box).get("/AS") in (None, "/Off"), box
    assert fields["preferred_contact"].get("/V") in (None, "/Off", "")
    states = {str(w.get("/AS", "/Off")) for w in _widgets(reader, "preferred_contact")}
    assert states == {"/Off"}
    assert "date_signed" in result.left_as_is and fields["date_signed"].get("/V") in (None, "")
    # Appearance streams carry the text, so viewers show it without regenerating.
    ap = _widget(reader, "child_full_name")["/AP"]["/N"].get_object().get_data()
    assert b"Kai Alexander Thompson" in ap
    assert reader.trailer["/Root"]["/AcroForm"].get("/NeedAppearances") in (None, False)


def test_ampersand_is_not_escaped(tmp_path: Path, kai: Case) -> None:
    form_map = parse_map('"school_name": "\'Tom & Jerry <School>\'"')
    result = fill_form(OUR_FORM, kai, form_map, tmp_path / "amp.pdf")
    fields = PdfReader(result.output).get_fields()  # type: ignore[arg-type]
    assert fields is not None and fields["school_name"]["/V"] == "Tom & Jerry <School>"


def test_flattened_is_truly_flat(tmp_path: Path, kai: Case) -> None:
    out = tmp_path / "flat.pdf"
    fill_form(OUR_FORM, kai, load_map(OUR_MAP), out, flatten=True)
    reader = PdfReader(out)
    assert "/AcroForm" not in reader.trailer["/Root"]
    assert not reader.get_fields()
    annots = reader.pages[0].get("/Annots") or []
    assert not [a for a in annots if a.get_object().get("/Subtype") == "/Widget"]
    text = reader.pages[0].extract_text()
    for value in (
        "Kai Alexander Thompson",
        "09/02/2014",
        "P207000016049",
        "Westbury Academy",
        "sarah.thompson@example.org",
        "Ms Rachel Adeyemi (SENCO)",
    ):
        assert value in text


def test_flattened_values_visible_to_poppler(tmp_path: Path, odd_form: Path) -> None:
    out = tmp_path / "odd-flat.pdf"
    fill_values(
        odd_form,
        {"Naam": "Jansen & Zoon", "Tweede": "Tweede pagina", "Kleur": "Blue"},
        out,
        flatten=True,
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Jansen & Zoon" in text and "Tweede pagina" in text and "Blue" in text


def test_filled_form_renders(tmp_path: Path, kai: Case) -> None:
    out = tmp_path / "consent.pdf"
    fill_form(OUR_FORM, kai, load_map(OUR_MAP), out)
    done = subprocess.run(
        ["pdftoppm", "-png", "-r", "30", str(out), str(tmp_path / "page")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    png = tmp_path / "page-1.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # A value drawn only by the appearance stream (not NeedAppearances) is visible to poppler.
    text = subprocess.run(
        ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Kai Alexander Thompson" in text


def test_odd_export_names(tmp_path: Path, odd_form: Path) -> None:
    out = tmp_path / "odd.pdf"
    fill_values(odd_form, {"Akkoord": True, "Keuze": "Choice2", "Kleur": "green"}, out)
    reader = PdfReader(out)
    fields = reader.get_fields()
    assert fields is not None
    assert fields["Akkoord"]["/V"] == "/Ja" and _widget(reader, "Akkoord")["/AS"] == "/Ja"
    assert fields["Keuze"]["/V"] == "/Choice2"
    assert {str(w["/AS"]) for w in _widgets(reader, "Keuze")} == {"/Choice2", "/Off"}
    assert fields["Kleur"]["/V"] == "Green"


def test_export_name_with_slash_and_false(tmp_path: Path, odd_form: Path) -> None:
    out = tmp_path / "odd2.pdf"
    fill_values(odd_form, {"Akkoord": "/Ja", "Keuze": "no"}, out)
    fields = PdfReader(out).get_fields()
    assert fields is not None
    assert fields["Akkoord"]["/V"] == "/Ja" and fields["Keuze"]["/V"] == "/Off"


def test_raw_form_checkbox_on_state_1(tmp_path: Path, raw_form: Path) -> None:
    out = tmp_path / "raw.pdf"
    fill_values(raw_form, {"consent": "yes", "applicant.surname": "O'Brien-Smith"}, out)
    reader = PdfReader(out)
    fields = reader.get_fields()
    assert fields is not None
    assert fields["consent"]["/V"] == "/1" and _widget(reader, "consent")["/AS"] == "/1"
    assert fields["applicant.surname"]["/V"] == "O'Brien-Smith"


def test_raw_form_flattened(tmp_path: Path, raw_form: Path) -> None:
    out = tmp_path / "raw-flat.pdf"
    fill_values(
        raw_form,
        {"consent": True, "applicant.surname": "Okafor", "applicant.postcode": "WB2 7SR"},
        out,
        flatten=True,
    )
    reader = PdfReader(out)
    assert "/AcroForm" not in reader.trailer["/Root"] and "/Annots" not in reader.pages[0]
    text = reader.pages[0].extract_text()
    assert "Okafor" in text and "WB2 7SR" in text
    xobjects = reader.pages[0]["/Resources"]["/XObject"].values()
    assert any(b"0 0 1 rg" in x.get_object().get_data() for x in xobjects)  # the ticked box


def test_cli_fill(tmp_path: Path) -> None:
    out = tmp_path / "consent.pdf"
    args = [
        "fill",
        str(OUR_FORM),
        str(KAI),
        "-m",
        str(OUR_MAP),
        "-o",
        str(out),
        "--date",
        "2026-11-25",
    ]
    result = CliRunner().invoke(form, args)
    assert result.exit_code == 0, result.output
    # date_signed and service_other left as they are; the three printed statements filled
    assert "37 fields filled" in result.output  # + return note, 5 service names and 5 notes
    # + the number box label and "What we share" (s18), the language pointer (s18 FX1b)
    fields = PdfReader(out).get_fields()
    assert fields is not None and fields["date_prepared"]["/V"] == "25/11/2026"
    again = CliRunner().invoke(form, args)
    assert again.exit_code == 1 and "already exists" in again.output
    forced = CliRunner().invoke(form, [*args, "--force", "--flatten"])
    assert forced.exit_code == 0 and "flattened" in forced.output
    assert not PdfReader(out).get_fields()


def _libreoffice_text(pdf: Path, out_dir: Path) -> str:
    """Open a PDF in LibreOffice (Draw's PDF import), export it again, read the text."""
    from sendocs.render.convert import find_soffice

    out_dir.mkdir()
    done = subprocess.run(
        [
            str(find_soffice()),
            f"-env:UserInstallation=file://{out_dir / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf:draw_pdf_Export",
            "--outdir",
            str(out_dir),
            str(pdf),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return "\n".join(page.extract_text() for page in PdfReader(out_dir / pdf.name).pages)


@pytest.mark.libreoffice
def test_third_party_form_filled_and_flattened_reads_in_libreoffice(
    tmp_path: Path, odd_form: Path
) -> None:
    values = {"Naam": "Jansen & Zoon", "Tweede": "Tweede pagina", "Kleur": "Blue"}
    filled = tmp_path / "odd-filled.pdf"
    flat = tmp_path / "odd-flat.pdf"
    fill_values(odd_form, values, filled)
    fill_values(odd_form, values, flat, flatten=True)
    for pdf in (filled, flat):
        text = _libreoffice_text(pdf, tmp_path / f"lo-{pdf.stem}")
        assert "Jansen & Zoon" in text and "Tweede pagina" in text, pdf.name

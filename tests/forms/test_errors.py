"""Every way a fill can fail ends in a located FormError, with nothing written."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from pypdf import PdfWriter
from reportlab.pdfgen.canvas import Canvas

from sendocs.errors import FormError, OutputExistsError
from sendocs.forms import fill_form, fill_values, form_fields, load_map, parse_map
from sendocs.models import Case
from tests.forms.conftest import OUR_FORM


@pytest.fixture(scope="module")
def locked_form(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("locked") / "locked.pdf"
    writer = PdfWriter(clone_from=OUR_FORM)
    writer.encrypt(user_password="sesame", owner_password="owner", algorithm="AES-128")
    writer.write(path)
    return path


def test_encrypted_needs_password(locked_form: Path) -> None:
    with pytest.raises(FormError, match="password-protected; give its password with --password"):
        form_fields(locked_form)
    with pytest.raises(FormError, match="password given does not open"):
        form_fields(locked_form, password="wrong")
    assert len(form_fields(locked_form, password="sesame")) == 39  # + language pointer


def test_encrypted_fill_with_password(tmp_path: Path, locked_form: Path) -> None:
    out = tmp_path / "unlocked.pdf"
    fill_values(locked_form, {"child_number": "A123"}, out, password="sesame")
    assert out.read_bytes().startswith(b"%PDF")


def test_unknown_field_names_nearest(kai: Case) -> None:
    form_map = parse_map(
        '"child_surname": child.legal_surname\n"child_ful_name": "x"\n', "la.map.yaml"
    )
    with pytest.raises(FormError) as caught:
        fill_form(OUR_FORM, kai, form_map, None)
    message = str(caught.value)
    assert message.startswith('la.map.yaml:1: "child_surname"')
    assert "has no field called" in message and '"child_full_name"' in message
    assert "sendocs form fields" in message


def test_expression_error_names_entry_and_expression(kai: Case) -> None:
    form_map = parse_map(
        '"school_name": school.name\n"child_number": child.legal_surnme\n', "la.map.yaml"
    )
    with pytest.raises(FormError) as caught:
        fill_form(OUR_FORM, kai, form_map, None)
    message = str(caught.value)
    assert message.startswith('la.map.yaml:2: "child_number"')
    assert "`child.legal_surnme`" in message and "legal_surnme" in message


def test_sandbox_refuses_internals(kai: Case) -> None:
    form_map = parse_map('"child_number": "child.__class__.__mro__"\n', "m.yaml")
    with pytest.raises(FormError, match=r'm\.yaml:1: "child_number"'):
        fill_form(OUR_FORM, kai, form_map, None)


def test_bad_checkbox_value_lists_exports(odd_form: Path) -> None:
    with pytest.raises(FormError) as caught:
        fill_values(odd_form, {"Akkoord": "Oui"}, where={"Akkoord": "m.yaml:3"})
    message = str(caught.value)
    assert message.startswith("m.yaml:3:") and "'Oui' is not one of its values" in message
    assert "Ja, or true/false" in message


def test_bad_radio_value_lists_exports(odd_form: Path) -> None:
    with pytest.raises(FormError, match="Choice1, Choice2"):
        fill_values(odd_form, {"Keuze": "Choice3"})
    with pytest.raises(FormError, match="Choice1, Choice2"):
        fill_values(odd_form, {"Keuze": True})  # which one? ambiguous


def test_bad_choice_lists_options(odd_form: Path) -> None:
    with pytest.raises(FormError, match="'Purple' is not one of its options: Red, Green, Blue"):
        fill_values(odd_form, {"Kleur": "Purple"})


def test_signature_field_refused(raw_form: Path) -> None:
    with pytest.raises(FormError, match="signature field"):
        fill_values(raw_form, {"signature": "S. Thompson"})


def test_pdf_without_form(tmp_path: Path) -> None:
    plain = tmp_path / "plain.pdf"
    canvas = Canvas(str(plain))
    canvas.drawString(72, 720, "Not a form")
    canvas.save()
    with pytest.raises(FormError, match="has no fillable form fields"):
        form_fields(plain)


def test_not_a_pdf_and_missing(tmp_path: Path) -> None:
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"hello")
    with pytest.raises(FormError, match="not a readable PDF"):
        form_fields(junk)
    with pytest.raises(FormError, match="no such file"):
        form_fields(tmp_path / "missing.pdf")


def test_no_overwrite_and_nothing_written_on_error(tmp_path: Path, odd_form: Path) -> None:
    out = tmp_path / "out.pdf"
    out.write_bytes(b"keep me")
    with pytest.raises(OutputExistsError):
        fill_values(odd_form, {"Naam": "x"}, out)
    assert out.read_bytes() == b"keep me"
    fresh = tmp_path / "fresh.pdf"
    with pytest.raises(FormError):
        fill_values(odd_form, {"Naam": "x", "Kleur": "Purple"}, fresh)
    assert not fresh.exists() and not list(tmp_path.glob(".fresh*"))


def test_map_file_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.map.yaml"
    bad.write_text('"a": x\n"b": [unclosed\n', encoding="utf-8")
    with pytest.raises(FormError, match=r"bad.map.yaml:\d+: not valid YAML"):
        load_map(bad)
    with pytest.raises(FormError, match=r'm:2: "a" is mapped twice \(also on line 1\)'):
        parse_map('"a": x\n"a": y\n', "m")
    with pytest.raises(FormError, match="no such map file"):
        load_map(tmp_path / "nope.yaml")


def test_detailed_entry_with_label() -> None:
    entry = parse_map('"Notes":\n  value: child.about_me\n  label: About me\n').entries[0]
    assert (entry.expression, entry.label, entry.line) == ("child.about_me", "About me", 1)


def test_form_error_pickles() -> None:
    error = FormError("x.pdf: the PDF is password-protected")
    assert str(pickle.loads(pickle.dumps(error))) == str(error)

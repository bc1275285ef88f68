"""Reading a form's fields, the table, and the starter map."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from sendocs.cli.form import form
from sendocs.forms import FieldKind, fields_table, fill_form, form_fields, load_map, starter_map
from sendocs.forms.guesses import guess_expression
from sendocs.models import Case
from tests.forms.conftest import OUR_FORM


def test_our_form_fields() -> None:
    fields = {f.name: f for f in form_fields(OUR_FORM)}
    assert len(fields) == 39  # 21 to fill in + 3 printed statements + the language pointer
    # + "For school use" heading and the language offer (#10 s17 items 6-7)
    # + the return note and five service names, less the routing note (#10 s17 A6, A14, B5)
    # + what each of the five service rows does (the case's own services first, s17 E5)
    # + the number box's label (UPN, or ULN at a college) and "What we share" (s18 #10)
    assert fields["service_1_note"].value.startswith("Assessment and advice")
    assert fields["child_full_name"].kind is FieldKind.TEXT
    assert fields["parent_address"].multiline
    assert fields["child_date_of_birth"].max_length == 10
    assert fields["service_3"].kind is FieldKind.CHECKBOX
    assert fields["service_3"].exports == ("Yes",)
    assert fields["preferred_contact"].kind is FieldKind.RADIO
    assert fields["preferred_contact"].exports == ("Email", "Phone", "Letter")
    assert fields["child_full_name"].pages == (1,)
    box = fields["child_full_name"].smallest_box
    assert box is not None and round(box.height) == 18 and box.width > 200


def test_odd_form_fields(odd_form: Path) -> None:
    fields = {f.name: f for f in form_fields(odd_form)}
    assert fields["Akkoord"].exports == ("Ja",)
    assert fields["Keuze"].exports == ("Choice1", "Choice2")
    assert fields["Kleur"].kind is FieldKind.CHOICE
    assert [o.export for o in fields["Kleur"].options] == ["Red", "Green", "Blue"]
    assert fields["Kleur"].value == "Red"
    assert fields["Tweede"].pages == (2,)
    assert fields["Notes"].font_size == 10


def test_raw_form_fields(raw_form: Path) -> None:
    fields = {f.name: f for f in form_fields(raw_form)}
    assert set(fields) == {"applicant.surname", "applicant.postcode", "consent", "signature"}
    postcode = fields["applicant.postcode"]
    assert postcode.max_length == 8 and postcode.font_size == 9
    assert postcode.label == "Applicant postcode"
    assert fields["consent"].exports == ("1",)
    assert fields["signature"].kind is FieldKind.SIGNATURE


def test_table_lists_everything(odd_form: Path) -> None:
    table = fields_table(form_fields(odd_form))
    lines = table.splitlines()
    assert lines[0].split()[:5] == ["Field", "Type", "Page", "Box", "(pt)"]
    akkoord = next(line for line in lines if line.startswith("Akkoord"))
    assert "checkbox" in akkoord and "exports: /Ja" in akkoord and "14 x 14" in akkoord
    assert "options: Red, Green, Blue" in table
    assert lines[-1] == "6 fields"


def test_guesses_from_names() -> None:
    fields = {f.name: f for f in form_fields(OUR_FORM)}
    assert guess_expression(fields["child_date_of_birth"]) == "child.date_of_birth | date('short')"
    assert guess_expression(fields["parent_email"]) == "parent.email"
    assert guess_expression(fields["school_name"]) == "school.name"
    assert guess_expression(fields["date_prepared"]) == "today | date('short')"
    assert guess_expression(fields["service_1"]) is None  # checkboxes are never guessed


def test_starter_map_round_trip(tmp_path: Path, kai: Case) -> None:
    text = starter_map(form_fields(OUR_FORM), OUR_FORM.name)
    assert '"child_number"' in text
    assert "export values: Yes (or true/false)" in text
    assert "export values: Email, Phone, Letter" in text
    path = tmp_path / "starter.map.yaml"
    path.write_text(text, encoding="utf-8")
    form_map = load_map(path)
    assert len(form_map.entries) == 39
    result = fill_form(OUR_FORM, kai, form_map, None)
    assert "child_full_name" in result.filled
    assert "service_1" in result.left_as_is  # empty expressions leave the field alone


def test_cli_fields_and_map_out(tmp_path: Path, raw_form: Path) -> None:
    out = tmp_path / "raw.map.yaml"
    result = CliRunner().invoke(form, ["fields", str(raw_form), "--map-out", str(out)])
    assert result.exit_code == 0, result.output
    assert "applicant.postcode" in result.output and "max 8 chars" in result.output
    text = out.read_text(encoding="utf-8")
    assert '"applicant.surname": "parent.name.split() | last"' not in text
    assert '"applicant.surname": "child.legal_surname"' in text
    assert "leave empty: sign by hand" in text
    again = CliRunner().invoke(form, ["fields", str(raw_form), "--map-out", str(out)])
    assert again.exit_code == 1 and "already exists" in again.output


def test_help_has_examples() -> None:
    for command in (["--help"], ["fields", "--help"], ["fill", "--help"]):
        result = CliRunner().invoke(form, command)
        assert result.exit_code == 0
        assert "Example" in result.output

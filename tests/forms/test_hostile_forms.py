"""Forms as courts and councils really publish them: nulls in /Annots, /Opt pairs,
read-only fields, boxes too small for a marker, damage and passwords.

Every fill goes through the same open-and-repair path as bundle evidence.
"""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from sendocs.cli import main
from sendocs.errors import FormError
from sendocs.forms import fill_values, form_fields
from tests.pdfio import hostile


def _court_form(path: Path) -> Path:
    """A form like a real court form: a null first in /Annots, choice and list fields with
    [export, display] pairs, a read-only box and a box 16 pt wide."""
    canvas = Canvas(str(path))
    canvas.drawString(50, 800, "Court form")
    form = canvas.acroForm
    form.textfield(name="Name", x=50, y=740, width=200, height=20, fontSize=10, maxlen=None)
    form.textfield(name="Initials", x=50, y=700, width=16, height=16, fontSize=10, maxlen=None)
    form.textfield(
        name="OfficeUse",
        x=50,
        y=660,
        width=200,
        height=20,
        fontSize=10,
        maxlen=None,
        fieldFlags="readOnly",
        value="Received 1 May",
    )
    form.choice(name="Colour", options=["R", "G"], value="R", x=50, y=620, width=120, height=20)
    form.listbox(name="Needs", options=["C", "S"], value="C", x=50, y=540, width=120, height=40)
    canvas.showPage()
    canvas.save()
    pdf = pikepdf.open(path, allow_overwriting_input=True)
    pairs = {"Colour": [("R", "Red"), ("G", "Green")], "Needs": [("C", "Cognition"), ("S", "SEMH")]}
    annots = pikepdf.Array([pikepdf.Object.parse(b"null")])
    for annot in pdf.pages[0].obj.Annots:
        name = str(annot.get("/T"))
        if name in pairs:
            annot.Opt = pikepdf.Array(
                [pikepdf.Array([pikepdf.String(e), pikepdf.String(d)]) for e, d in pairs[name]]
            )
        annots.append(annot)
    annots.append(pikepdf.Object.parse(b"null"))
    pdf.pages[0].obj.Annots = annots
    pdf.save(path)
    return path


@pytest.fixture(scope="module")
def court_form(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _court_form(tmp_path_factory.mktemp("court") / "court-form.pdf")


def test_court_form_has_nulls_in_annots(court_form: Path) -> None:
    with pikepdf.open(court_form) as pdf:
        assert any(a is None for a in pdf.pages[0].obj.Annots)


def test_fields_of_a_form_with_null_annotations_and_opt_pairs(court_form: Path) -> None:
    fields = {f.name: f for f in form_fields(court_form)}
    assert set(fields) == {"Name", "Initials", "OfficeUse", "Colour", "Needs"}
    assert [(o.export, o.display) for o in fields["Needs"].options] == [
        ("C", "Cognition"),
        ("S", "SEMH"),
    ]
    assert fields["OfficeUse"].read_only


def test_fill_handles_nulls_pairs_read_only_and_tiny_boxes(
    tmp_path: Path, court_form: Path
) -> None:
    out = tmp_path / "filled.pdf"
    result = fill_values(
        court_form,
        {
            "Name": "Kai Thompson",
            "Initials": "Kai Thompson, known as KT",
            "OfficeUse": "overwritten?",
            "Colour": "G",
            "Needs": "S",
        },
        out,
    )
    assert [(s.name, s.reason.split(":")[0]) for s in result.skipped] == [
        ("OfficeUse", "read-only")
    ]
    assert "OfficeUse" not in result.filled
    got = PdfReader(out).get_fields()
    assert got is not None
    assert got["OfficeUse"].get("/V") == "Received 1 May"  # untouched
    assert got["Name"]["/V"] == "Kai Thompson"
    assert got["Colour"]["/V"] == "G"
    assert got["Needs"]["/V"] == "S"
    shown = b"".join(
        annot.get_object()["/AP"]["/N"].get_object().get_data()
        for annot in PdfReader(out).pages[0]["/Annots"]
        if annot.get_object().get("/T") in ("Colour", "Needs")
    )
    assert b"Green" in shown and b"SEMH" in shown  # the display text, not the export value
    # the 16 pt box cannot hold words: it gets a marker that fits, never a blank
    (overflow,) = result.overflows
    assert overflow.field == "Initials"
    assert got["Initials"]["/V"] in ("*1", "*")
    assert overflow.marker == got["Initials"]["/V"]
    sheet = PdfReader(out).pages[-1].extract_text()
    assert "Continuation sheet 1" in sheet
    assert f"the box shows “{overflow.marker}”" in sheet
    assert "Kai Thompson, known as KT" in sheet
    assert "Initials" in sheet


def test_fill_flattened_court_form(tmp_path: Path, court_form: Path) -> None:
    out = tmp_path / "flat.pdf"
    fill_values(court_form, {"Name": "Kai Thompson"}, out, flatten=True)
    reader = PdfReader(out)
    assert "/AcroForm" not in reader.trailer["/Root"]
    assert "Kai Thompson" in reader.pages[0].extract_text()


@pytest.mark.parametrize("builder", ["rc4_40_owner_only", "aes256_owner_only"])
def test_owner_password_only_forms_open_without_asking(tmp_path: Path, builder: str) -> None:
    form = _court_form(tmp_path / "plain.pdf")
    locked = tmp_path / "locked.pdf"
    r = 2 if builder.startswith("rc4") else 6
    with pikepdf.open(form) as pdf:
        pdf.save(
            locked,
            encryption=pikepdf.Encryption(user="", owner="o", R=r, aes=r == 6, metadata=r == 6),
        )
    out = tmp_path / "out.pdf"
    fill_values(locked, {"Name": "Amara"}, out)
    with pikepdf.open(out) as pdf:
        assert not pdf.is_encrypted


def test_password_file_and_env_on_the_command_line(
    tmp_path: Path, court_form: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = tmp_path / "locked.pdf"
    with pikepdf.open(court_form) as pdf:
        pdf.save(locked, encryption=pikepdf.Encryption(user="s3cret pass", owner="o", R=6))
    runner = CliRunner()
    denied = runner.invoke(main, ["form", "fields", str(locked)])
    assert denied.exit_code == 1
    assert "password-protected" in denied.output
    secret = tmp_path / "pw.txt"
    secret.write_text("s3cret pass\n", encoding="utf-8")
    by_file = runner.invoke(main, ["form", "fields", str(locked), "--password-file", str(secret)])
    assert by_file.exit_code == 0, by_file.output
    assert "Initials" in by_file.output
    monkeypatch.setenv("FORM_PW", "s3cret pass")
    mapping = tmp_path / "map.yaml"
    mapping.write_text('"Name": "\'Amara\'"\n"OfficeUse": "\'x\'"\n', encoding="utf-8")
    out = tmp_path / "out.pdf"
    case = Path(__file__).resolve().parents[2] / "fixtures" / "cases" / "kai-thompson.yaml"
    filled = runner.invoke(
        main,
        [
            "form",
            "fill",
            str(locked),
            str(case),
            "-m",
            str(mapping),
            "-o",
            str(out),
            "--password-env",
            "FORM_PW",
        ],
    )
    assert filled.exit_code == 0, filled.output
    assert 'skipped "OfficeUse": read-only' in filled.output
    assert "s3cret" not in filled.output + by_file.output
    with pikepdf.open(out) as pdf:
        assert not pdf.is_encrypted


DAMAGED = [
    "null_annots",
    "cyclic_page_tree",
    "dict_kids",
    "wrong_xref",
    "truncated",
    "truncated_header_only",
    "null_mediabox",
    "huge_number",
    "deep_nesting",
    "jbig2_bomb",
    "not_a_pdf",
    "rc4_40_user_nopw",
    "many_annots",
]


@pytest.fixture(scope="module")
def hostile_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile-forms")
    return {name: hostile.HOSTILE[name][0](folder / f"{name}.pdf") for name in DAMAGED}


@pytest.mark.parametrize("name", DAMAGED)
def test_form_commands_on_damaged_pdfs_never_traceback(
    tmp_path: Path, hostile_files: dict[str, Path], name: str
) -> None:
    """None of these has form fields: each ends in a one-line message, exit 1."""
    runner = CliRunner()
    path = hostile_files[name]
    listed = runner.invoke(main, ["form", "fields", str(path)])
    mapping = tmp_path / "map.yaml"
    mapping.write_text('"Name": "\'x\'"\n', encoding="utf-8")
    case = Path(__file__).resolve().parents[2] / "fixtures" / "cases" / "kai-thompson.yaml"
    filled = runner.invoke(
        main,
        ["form", "fill", str(path), str(case), "-m", str(mapping), "-o", str(tmp_path / "o.pdf")],
    )
    for result in (listed, filled):
        assert result.exit_code == 1, result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert "Traceback" not in result.output
        assert str(path) in result.output
        assert any(
            words in result.output
            for words in (
                "no fillable form fields",
                "not a readable PDF",
                "password-protected",
                "damaged beyond repair",
            )
        ), result.output
    assert not (tmp_path / "o.pdf").exists()


def test_form_error_for_damaged_form_is_a_form_error(hostile_files: dict[str, Path]) -> None:
    with pytest.raises(FormError, match="ends early"):
        form_fields(hostile_files["truncated_header_only"])

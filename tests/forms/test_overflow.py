"""Text that does not fit its box goes to a continuation sheet, never cut silently."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from pypdf import PdfReader

from sendocs.cli.form import form
from sendocs.forms import fill_values, form_fields
from sendocs.forms.overflow import fit_text, wrap_lines
from tests.forms.conftest import KAI

LONG = (
    "KJ is trying so hard. We are worried that he is falling behind, and that the school "
    "cannot give him the adult support the psychologist recommended. Mornings are very hard; "
    "he often cannot get out of the car, and on Mondays he refuses to go at all."
)


def test_fits_untouched(odd_form: Path) -> None:
    notes = {f.name: f for f in form_fields(odd_form)}["Notes"]
    fitted = fit_text("Short note.", notes, 1)
    assert not fitted.overflowed and fitted.value == "Short note."


def test_multiline_overflow_marker(odd_form: Path) -> None:
    notes = {f.name: f for f in form_fields(odd_form)}["Notes"]
    fitted = fit_text(LONG, notes, 2)
    assert fitted.overflowed
    assert fitted.value.endswith("… continued on sheet 2")
    assert LONG.startswith(fitted.value.removesuffix(" … continued on sheet 2"))
    # The drawn lines fit the box: 36 pt high at 10 pt gives two lines.
    assert len(fitted.drawn.splitlines()) <= 2
    assert all(len(line) for line in wrap_lines(LONG, 190, 10)[0])


def test_maxlen_counts_as_overflow(raw_form: Path) -> None:
    postcode = {f.name: f for f in form_fields(raw_form)}["applicant.postcode"]
    fitted = fit_text("WB2 7SR, United Kingdom", postcode, 1)
    assert fitted.overflowed and len(fitted.value) <= 8 and "1" in fitted.value


def test_continuation_sheet_appended(tmp_path: Path, odd_form: Path) -> None:
    out = tmp_path / "overflow.pdf"
    result = fill_values(
        odd_form, {"Notes": LONG, "Naam": "A name"}, out, labels={"Notes": "Parent's views"}
    )
    assert [(o.sheet, o.field) for o in result.overflows] == [(1, "Notes")]
    reader = PdfReader(out)
    assert len(reader.pages) == 3
    fields = reader.get_fields()
    assert fields is not None
    assert str(fields["Notes"]["/V"]).endswith("… continued on sheet 1")
    assert fields["Naam"]["/V"] == "A name"
    sheet = " ".join(reader.pages[2].extract_text().split())
    assert "Continuation sheet 1" in sheet and "Parent's views" in sheet
    assert " ".join(LONG.split()) in sheet


def test_flattened_overflow_shows_marker(tmp_path: Path, odd_form: Path) -> None:
    out = tmp_path / "overflow-flat.pdf"
    fill_values(odd_form, {"Notes": LONG}, out, flatten=True)
    reader = PdfReader(out)
    first = reader.pages[0].extract_text()
    assert "continued on sheet 1" in first
    assert "Continuation sheet 1" in reader.pages[-1].extract_text()


def test_cli_reports_overflow(tmp_path: Path, odd_form: Path) -> None:
    map_file = tmp_path / "odd.map.yaml"
    map_file.write_text(
        '"Notes": case.cycles[-1].parent_views\n"Naam": child.full_name\n', encoding="utf-8"
    )
    out = tmp_path / "odd.pdf"
    result = CliRunner().invoke(
        form, ["fill", str(odd_form), str(KAI), "-m", str(map_file), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert '"Notes" did not fit its box' in result.output
    assert "1 continuation sheet" in result.output
    assert len(PdfReader(out).pages) == 3

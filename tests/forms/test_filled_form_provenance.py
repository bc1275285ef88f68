"""A filled consent form says what made it, like every other document sendocs makes:
the same five keys in the PDF's information dictionary and XMP metadata, read back by
``sendocs inspect`` (issue #10: the consent PDF carried no provenance)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from click.testing import CliRunner
from pypdf import PdfReader

from sendocs.cli import main
from sendocs.forms import fill_form, load_map
from sendocs.forms.consent import consent_form_for
from sendocs.loading import load_case
from sendocs.provenance import PROPERTY_NAMES, case_sha256, file_sha256, read_provenance
from sendocs.version import __version__
from tests.conftest import CASES

ON = dt.date(2026, 11, 30)


def filled(name: str, tmp_path: Path) -> tuple[Path, Path, str]:
    case = load_case(CASES / f"{name}.yaml").case
    form, form_map = consent_form_for(case, ON)
    out = tmp_path / f"{name}-consent.pdf"
    fill_form(form, case, load_map(form_map), out, today=ON)
    return out, form, case_sha256(case)


def test_consent_pdf_carries_the_five_keys(tmp_path: Path) -> None:
    out, form, case_digest = filled("maya-kowalczyk-oneill", tmp_path)
    assert read_provenance(out) == {
        PROPERTY_NAMES["version"]: __version__,
        PROPERTY_NAMES["kind"]: "consent-form",
        PROPERTY_NAMES["template_sha256"]: file_sha256(form),
        PROPERTY_NAMES["case_sha256"]: case_digest,
        PROPERTY_NAMES["document_date"]: "2026-11-30",
    }
    xmp = PdfReader(out).xmp_metadata
    assert xmp is not None
    raw = xmp.stream.get_data().decode("utf-8")
    assert "urn:sendocs:provenance:1.0:" in raw and case_digest in raw and "consent-form" in raw


def test_stamp_is_reproducible_and_the_form_still_fills(tmp_path: Path) -> None:
    first, _, _ = filled("amara-okafor", tmp_path / "a")
    second, _, _ = filled("amara-okafor", tmp_path / "b")
    assert first.read_bytes() == second.read_bytes()
    fields = PdfReader(first).get_fields() or {}
    assert any("Amara" in str(f.get("/V", "")) for f in fields.values())


def test_inspect_reads_the_filled_form(tmp_path: Path) -> None:
    out, _, case_digest = filled("jordan-mills", tmp_path)
    result = CliRunner().invoke(
        main, ["inspect", str(out), "--case", str(CASES / "jordan-mills.yaml")]
    )
    assert result.exit_code == 0, result.output
    assert "sendocs kind:" in result.output and "consent-form" in result.output
    assert case_digest in result.output
    assert "the same case data the document was made from" in result.output


def test_cli_form_fill_stamps_any_form_as_form(tmp_path: Path) -> None:
    """A form that is not one of ours (here a copy under another name) is kind ``form``."""
    case_file = CASES / "amara-okafor.yaml"
    form, form_map = consent_form_for(load_case(case_file).case, ON)
    la_form = tmp_path / "la-request.pdf"
    la_form.write_bytes(form.read_bytes())
    out = tmp_path / "filled.pdf"
    result = CliRunner().invoke(
        main,
        ["form", "fill", str(la_form), str(case_file), "-m", str(form_map), "-o", str(out)],
    )
    assert result.exit_code == 0, result.output
    assert read_provenance(out)[PROPERTY_NAMES["kind"]] == "form"

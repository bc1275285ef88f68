"""Every document says what made it: version, kind, template and case SHA-256, date."""

from __future__ import annotations

import datetime as dt
import hashlib
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from sendocs import RenderOptions, render_document
from sendocs.cli import main
from sendocs.loading import load_case
from sendocs.provenance import PROPERTY_NAMES, case_sha256, read_provenance
from tests.conftest import CASES, ROOT

OPTIONS = RenderOptions(date=dt.date(2026, 11, 23))


def test_docx_carries_custom_properties_and_stays_reproducible(tmp_path: Path) -> None:
    first = render_document("iep", CASES / "amara-okafor.yaml", tmp_path / "a", options=OPTIONS)
    again = render_document("iep", CASES / "amara-okafor.yaml", tmp_path / "b", options=OPTIONS)
    with zipfile.ZipFile(first.path) as one, zipfile.ZipFile(again.path) as two:
        assert one.namelist() == two.namelist()
        for part in one.namelist():  # the stamp adds nothing that changes between runs
            assert one.read(part) == two.read(part), part
    with zipfile.ZipFile(first.path) as z:
        custom = z.read("docProps/custom.xml").decode()
        assert "docProps/custom.xml" in z.read("[Content_Types].xml").decode()
        assert "custom-properties" in z.read("_rels/.rels").decode()
    assert 'name="sendocs kind"><vt:lpwstr>iep</vt:lpwstr>' in custom
    found = read_provenance(first.path)
    template = ROOT / "templates" / "sen_support_plan.docx"
    assert found == {
        "sendocs version": __import__("sendocs").__version__,
        "sendocs kind": "iep",
        "sendocs template SHA-256": hashlib.sha256(template.read_bytes()).hexdigest(),
        "sendocs case SHA-256": case_sha256(load_case(CASES / "amara-okafor.yaml").case),
        "sendocs document date": "2026-09-14",  # the plan's start, as in its file name
    }
    # python-docx (and Word) still open it
    import docx

    assert "Amara" in "\n".join(p.text for p in docx.Document(str(first.path)).paragraphs)


def test_each_letter_copy_is_stamped(tmp_path: Path) -> None:
    result = render_document(
        "parent-notification", CASES / "niamh-oconnor.yaml", tmp_path, options=OPTIONS
    )
    assert len(result.paths) == 2
    for path in result.paths:
        assert read_provenance(path)["sendocs kind"] == "parent-notification"
        assert read_provenance(path)["sendocs document date"] == "2026-11-23"


def test_inspect_prints_the_stamp_and_checks_a_case(tmp_path: Path) -> None:
    made = render_document("provision-map", CASES / "kai-thompson.yaml", tmp_path, options=OPTIONS)
    runner = CliRunner()
    result = runner.invoke(main, ["inspect", str(made.path)])
    assert result.exit_code == 0, result.output
    for name in PROPERTY_NAMES.values():
        assert name + ":" in result.output
    assert "provision-map" in result.output
    same = runner.invoke(
        main, ["inspect", str(made.path), "--case", str(CASES / "kai-thompson.yaml")]
    )
    assert same.exit_code == 0 and "the same case data" in same.output
    other = runner.invoke(
        main, ["inspect", str(made.path), "--case", str(CASES / "amara-okafor.yaml")]
    )
    assert other.exit_code == 1 and "not the case data" in other.output
    plain = tmp_path / "plain.txt"
    plain.write_text("hello")
    result = runner.invoke(main, ["inspect", str(plain)])
    assert result.exit_code == 1 and "no sendocs provenance" in result.output


@pytest.mark.libreoffice
def test_pdf_metadata_carries_the_stamp(tmp_path: Path) -> None:
    made = render_document(
        "iep", CASES / "amara-okafor.yaml", tmp_path, options=OPTIONS, fmt="both"
    )
    docx_file, pdf = made.paths
    assert pdf.suffix == ".pdf"
    info = PdfReader(pdf).metadata
    assert info is not None and info["/SendocsKind"] == "iep"
    assert read_provenance(pdf) == read_provenance(docx_file)
    xmp = PdfReader(pdf).xmp_metadata
    assert xmp is not None
    stream = PdfReader(pdf).trailer["/Root"]["/Metadata"].get_data()
    assert b"urn:sendocs:provenance:1.0:" in stream
    assert b">iep</sendocs:Kind>" in stream and b">2026-09-14</sendocs:DocumentDate>" in stream
    assert CliRunner().invoke(main, ["inspect", str(pdf)]).exit_code == 0

"""The test double other layers use instead of LibreOffice: same contract, no LibreOffice."""

from __future__ import annotations

from pathlib import Path

import pytest

from sendocs.errors import ConversionError
from sendocs.render.convert import ConversionCall, Converter, FakeConverter, convert_one

from .conftest import MONEY_LINE, MakeDocx, pdf_text


def test_fake_is_a_converter_and_a_context_manager() -> None:
    with FakeConverter() as fake:
        assert isinstance(fake, Converter)
        assert not fake.closed
    assert fake.closed


def test_fake_pdf_shows_file_name_paragraphs_and_table(make_docx: MakeDocx, tmp_path: Path) -> None:
    source = make_docx(
        "provision map.docx",
        title="Provision map",
        table=(("Intervention", "Minutes"), ("Reading recovery", "90")),
    )
    fake = FakeConverter()

    (pdf,) = fake.convert([source], tmp_path / "out", pdfa=True)

    assert pdf == tmp_path / "out" / "provision map.pdf"
    (page,) = pdf_text(pdf)
    assert page.startswith("provision map.docx")
    assert "Provision map" in page
    assert MONEY_LINE in page
    assert "Reading recovery | 90" in page
    assert fake.calls == [ConversionCall((source,), tmp_path / "out", True)]


def test_fake_checks_inputs_like_the_real_one(tmp_path: Path) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(ConversionError, match=r"bad\.docx: not a valid Word document"):
        FakeConverter().convert([bad], tmp_path / "out")


def test_fake_can_be_told_to_fail(make_docx: MakeDocx, tmp_path: Path) -> None:
    first, second = make_docx("first.docx"), make_docx("second.docx")
    with pytest.raises(ConversionError, match=r"second\.docx"):
        FakeConverter(fail_on=["second.docx"]).convert([first, second], tmp_path)
    assert (tmp_path / "first.pdf").exists()
    assert not (tmp_path / "second.pdf").exists()


def test_convert_one_accepts_any_converter(make_docx: MakeDocx, tmp_path: Path) -> None:
    target = tmp_path / "Letter to parents.pdf"
    convert_one(make_docx(title="Dear parent"), target, converter=FakeConverter())
    assert "Dear parent" in pdf_text(target)[0]
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".pdf"] == [target.name]


def test_a_zip_that_is_not_a_word_document_is_named(tmp_path: Path) -> None:
    import zipfile

    renamed = tmp_path / "roster.docx"
    with zipfile.ZipFile(renamed, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(ConversionError, match=r"roster\.docx: not a Word document"):
        FakeConverter().convert([renamed], tmp_path / "out")

"""The bundle's own converter is closed when the conversion ends; a caller's is left open."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from sendocs import build_bundle
from sendocs.bundle import inputs
from sendocs.testing import FakeConverter
from tests.bundle.conftest import doc, make_pdf, write_spec


def _spec(tmp_path: Path) -> Path:
    letter = docx.Document()
    letter.add_paragraph("Letter from the school")
    letter.save(str(tmp_path / "letter.docx"))
    make_pdf(tmp_path / "report.pdf")
    documents = [
        doc("letter.docx", "Letter", "2026-01-01"),
        doc("report.pdf", "Report", "2026-01-02"),
    ]
    return write_spec(
        tmp_path, {"title": "T", "sections": [{"title": "S", "documents": documents}]}
    )


def test_default_converter_is_closed_after_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[FakeConverter] = []

    def default() -> FakeConverter:
        made.append(FakeConverter())
        return made[-1]

    monkeypatch.setattr(inputs, "default_document_converter", default)
    report = build_bundle(_spec(tmp_path), tmp_path / "bundle.pdf")
    assert report.pages >= 2
    (converter,) = made
    assert [c.sources[0].name for c in converter.calls] == ["letter.docx"]
    assert converter.closed  # LibreOffice would have been stopped here


def test_callers_converter_stays_open(tmp_path: Path) -> None:
    converter = FakeConverter()
    build_bundle(_spec(tmp_path), tmp_path / "bundle.pdf", converter=converter)
    assert converter.calls and not converter.closed  # the caller's to close

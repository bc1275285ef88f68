"""Faulty documents: a clear error naming the document, or left out with skip_bad."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from sendocs.bundle import build_bundle
from sendocs.errors import InputPdfError
from tests.bundle.conftest import doc, make_pdf, write_spec


def _encrypted(path: Path) -> None:
    reader = PdfReader(make_pdf(path, 1))
    writer = PdfWriter(clone_from=reader)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    with path.open("wb") as fh:
        writer.write(fh)


def _corrupt(path: Path) -> None:
    path.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R >>\nendobj\ngarbage\n")


def _empty_file(path: Path) -> None:
    path.write_bytes(b"")


def _no_pages(path: Path) -> None:
    buf = io.BytesIO()
    PdfWriter().write(buf)
    path.write_bytes(buf.getvalue())


def _missing(path: Path) -> None:
    path.unlink(missing_ok=True)


def _not_a_pdf(path: Path) -> None:
    path.write_text("This is a text file saved with a .pdf name", encoding="utf-8")


FAULTS: dict[str, tuple[Callable[[Path], None], str]] = {
    "encrypted": (_encrypted, "needs a password: add `password:`"),
    "corrupt": (_corrupt, "damaged beyond repair"),
    "empty": (_empty_file, "file is empty (0 bytes)"),
    "no_pages": (_no_pages, "the PDF has no pages"),
    "missing": (_missing, "file not found"),
    "not_a_pdf": (_not_a_pdf, "not a PDF file"),
}


def _spec(tmp_path: Path, fault: Callable[[Path], None]) -> Path:
    make_pdf(tmp_path / "good.pdf", 2)
    make_pdf(tmp_path / "later.pdf", 1)
    fault(tmp_path / "bad.pdf")
    spec = {
        "title": "T",
        "sections": [
            {
                "title": "Evidence",
                "label": "E",
                "documents": [
                    doc("good.pdf", "Good report", "2026-01-01"),
                    doc("bad.pdf", "Broken statement", "2026-02-01"),
                    doc("later.pdf", "Later letter", "2026-03-01"),
                ],
            },
        ],
    }
    return write_spec(tmp_path, spec)


@pytest.mark.parametrize("kind", sorted(FAULTS))
def test_bad_input_names_the_document(tmp_path: Path, kind: str) -> None:
    fault, reason = FAULTS[kind]
    spec = _spec(tmp_path, fault)
    out = tmp_path / "out" / "bundle.pdf"
    with pytest.raises(InputPdfError) as info:
        build_bundle(spec, out)
    message = str(info.value)
    assert str(tmp_path / "bad.pdf") in message
    assert "'Broken statement' in section E" in message
    assert reason in message
    assert "--skip-bad" in message
    assert not out.exists()  # nothing written on failure
    assert not out.parent.exists() or list(out.parent.iterdir()) == []


@pytest.mark.parametrize("kind", sorted(FAULTS))
def test_skip_bad_leaves_it_out_and_lists_it(tmp_path: Path, kind: str) -> None:
    fault, reason = FAULTS[kind]
    out = tmp_path / "bundle.pdf"
    report = build_bundle(_spec(tmp_path, fault), out, skip_bad=True)
    reader = PdfReader(out)
    assert len(reader.pages) == 1 + 2 + 1
    (skipped,) = report.skipped
    assert skipped.title == "Broken statement"
    assert skipped.path == tmp_path.resolve() / "bad.pdf"
    assert reason in skipped.reason
    index_text = reader.pages[0].extract_text()
    assert "Broken statement" in index_text
    assert "Not included:" in index_text
    assert [(d.title, d.page_range, d.included) for d in report.documents] == [
        ("Good report", "2–3", True),
        ("Broken statement", "—", False),
        ("Later letter", "4", True),
    ]
    assert "not_included" in report.warning_codes()
    assert "4" in reader.pages[3].extract_text()


def test_all_documents_bad_is_an_error(tmp_path: Path) -> None:
    spec = {
        "title": "T",
        "sections": [{"title": "S", "documents": [doc("gone.pdf", "Gone", "2026-01-01")]}],
    }
    with pytest.raises(InputPdfError, match="no readable documents"):
        build_bundle(write_spec(tmp_path, spec), tmp_path / "b.pdf", skip_bad=True)
    assert not (tmp_path / "b.pdf").exists()


def test_error_pickles() -> None:
    import pickle

    err = InputPdfError("document 'X' in section A: file not found", path="/x/y.pdf")
    again = pickle.loads(pickle.dumps(err))
    assert str(again) == str(err)

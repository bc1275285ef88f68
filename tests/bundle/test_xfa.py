"""XFA (LiveCycle) forms: static ones go in as their AcroForm pages, dynamic ones are refused.

The files are made by the corpus script's own synthesisers (scripts/corpus/fetch.py),
so the corpus run and these tests use the same shapes of file.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pikepdf
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from sendocs.bundle import build_bundle
from sendocs.bundle.xfa import DYNAMIC_XFA_REASON, xfa_kind
from sendocs.cli.bundle import bundle
from sendocs.errors import InputPdfError
from tests.bundle.conftest import doc, make_pdf, write_spec

FETCH = Path(__file__).resolve().parents[2] / "scripts" / "corpus" / "fetch.py"


@pytest.fixture(scope="module")
def fetch() -> ModuleType:
    name = "sendocs_corpus_fetch"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, FETCH)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up while being made
        spec.loader.exec_module(module)
    return sys.modules[name]


def _spec(tmp_path: Path, fetch: ModuleType) -> Path:
    make_pdf(tmp_path / "report.pdf", 2)
    (tmp_path / "static.pdf").write_bytes(fetch.xfa_static_form())
    (tmp_path / "dynamic.pdf").write_bytes(fetch.xfa_dynamic_form())
    return write_spec(
        tmp_path,
        {
            "title": "XFA bundle",
            "sections": [
                {
                    "title": "Evidence",
                    "label": "E",
                    "documents": [
                        doc("report.pdf", "School report", "2026-01-01"),
                        doc("static.pdf", "Preference form", "2026-02-01"),
                        doc("dynamic.pdf", "Transport application", "2026-03-01"),
                    ],
                }
            ],
        },
    )


def test_kinds_of_the_synthesised_forms(tmp_path: Path, fetch: ModuleType) -> None:
    spec_path = _spec(tmp_path, fetch)
    assert spec_path.exists()
    with pikepdf.open(tmp_path / "static.pdf") as pdf:
        assert xfa_kind(pdf) == "static"
    with pikepdf.open(tmp_path / "dynamic.pdf") as pdf:
        assert xfa_kind(pdf) == "dynamic"
    with pikepdf.open(tmp_path / "report.pdf") as pdf:
        assert xfa_kind(pdf) is None
    text = PdfReader(tmp_path / "dynamic.pdf").pages[0].extract_text()
    assert "Please wait" in text and "requires Adobe Reader" in text


def test_dynamic_xfa_is_refused_in_words(tmp_path: Path, fetch: ModuleType) -> None:
    out = tmp_path / "out.pdf"
    with pytest.raises(InputPdfError) as info:
        build_bundle(_spec(tmp_path, fetch), out)
    message = str(info.value)
    assert "'Transport application' in section E" in message
    assert "dynamic XFA form" in message
    assert "open it in Adobe Reader and print it to PDF, then add the printed copy" in message
    assert not out.exists()


def test_skip_bad_static_in_dynamic_out(tmp_path: Path, fetch: ModuleType) -> None:
    out = tmp_path / "out.pdf"
    report = build_bundle(_spec(tmp_path, fetch), out, skip_bad=True)
    (skipped,) = report.skipped
    assert skipped.title == "Transport application"
    assert skipped.reason == DYNAMIC_XFA_REASON
    assert [(d.title, d.page_range, d.included) for d in report.documents] == [
        ("School report", "2–3", True),
        ("Preference form", "4", True),
        ("Transport application", "—", False),
    ]
    assert "xfa_form" in report.warning_codes()
    reader = PdfReader(out)
    assert len(reader.pages) == 4
    index_text = reader.pages[0].extract_text()
    assert "Transport application" in index_text and "Not included:" in index_text
    page = reader.pages[3].extract_text()
    assert "parental preference form (static XFA)" in page
    assert "4" in page  # the bundle's page number stamp
    with pikepdf.open(out) as pdf:
        form = pdf.Root.get("/AcroForm")
        assert form is None or "/XFA" not in form  # viewers show what prints
        assert "/NeedsRendering" not in pdf.Root
        names = {str(f.get("/T")) for f in (form.Fields if form is not None else [])}
        assert "form1[0].ChildName[0]" in names  # the filled field is still there
        widget = pdf.pages[3].obj.Annots[0]
        assert str(widget.V) == "Sami Example"


def test_cli_one_line_per_skipped_file_no_traceback(tmp_path: Path, fetch: ModuleType) -> None:
    spec = _spec(tmp_path, fetch)
    out = tmp_path / "b.pdf"
    result = CliRunner().invoke(bundle, [str(spec), "-o", str(out), "--skip-bad"])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    lines = [ln for ln in result.output.splitlines() if "dynamic XFA form" in ln]
    assert len(lines) == 1 and "Transport application" in lines[0]
    result = CliRunner().invoke(bundle, [str(spec), "-o", str(tmp_path / "c.pdf")])
    assert result.exit_code == 1
    assert "dynamic XFA form" in result.stderr and "Traceback" not in result.output


def test_kind_of_a_file_read_by_a_bounded_child(tmp_path: Path, fetch: ModuleType) -> None:
    """Files vetted in a child come back without an open handle: opened here for the check."""
    from sendocs.bundle.inputs import _xfa_of
    from sendocs.pdfio import OpenedPdf

    (tmp_path / "d.pdf").write_bytes(fetch.xfa_dynamic_form())
    (tmp_path / "s.pdf").write_bytes(fetch.xfa_static_form())
    assert _xfa_of(OpenedPdf(tmp_path / "d.pdf", 1)) == "dynamic"
    assert _xfa_of(OpenedPdf(tmp_path / "s.pdf", 1)) == "static"
    assert _xfa_of(OpenedPdf(tmp_path / "missing.pdf", 1)) is None

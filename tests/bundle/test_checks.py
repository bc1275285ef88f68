"""PD 1/2025 checks: page limits, report lengths and ages, scans, duplicates."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from sendocs.bundle import build_bundle
from tests.bundle.conftest import doc, make_pdf, write_spec


def _scan(path: Path) -> None:
    """A PDF page that is only an image (as a scanner makes it)."""
    png = io.BytesIO()
    Image.new("L", (50, 70), 200).save(png, format="PNG")
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    canvas.drawImage(ImageReader(io.BytesIO(png.getvalue())), 50, 50, 400, 560)
    canvas.showPage()
    canvas.save()
    path.write_bytes(out.getvalue())


def test_limits_and_document_checks(tmp_path: Path) -> None:
    make_pdf(tmp_path / "core.pdf", 6)
    make_pdf(tmp_path / "plan.pdf", 4)
    make_pdf(tmp_path / "wd.pdf", 3)
    make_pdf(tmp_path / "expert.pdf", 5, text="Expert opinion")
    make_pdf(tmp_path / "old.pdf", 1, text="Old opinion")
    make_pdf(tmp_path / "witness.pdf", 3, text="Witness words")
    make_pdf(tmp_path / "la.pdf", 2, text="Authority letter")
    _scan(tmp_path / "scan.pdf")
    spec = {
        "title": "Checks",
        "hearing_date": "2026-11-23",
        "limits": {
            "core_bundle": 5,
            "ehc_plan": 3,
            "working_document": 2,
            "evidence_per_party": 4,
            "expert_report": 4,
            "witness_statement": 2,
        },
        "sections": [
            {
                "title": "Core",
                "page_limit": 5,
                "documents": [doc("core.pdf", "Decision", "2026-01-01")],
            },
            {
                "title": "Plan",
                "role": "ehc_plan",
                "documents": [doc("plan.pdf", "Plan", "2026-01-02")],
            },
            {
                "title": "WD",
                "role": "working_document",
                "documents": [doc("wd.pdf", "Working document", "2026-01-03")],
            },
            {
                "title": "Parent",
                "party": "parent",
                "documents": [
                    doc("expert.pdf", "EP report", "2026-05-01", kind="expert_report"),
                    doc("old.pdf", "Old SALT report", "2023-11-22", kind="expert_report"),
                    doc("witness.pdf", "Statement", "2026-06-01", kind="witness_statement"),
                    doc("core.pdf", "Decision again", "2026-06-02"),
                ],
            },
            {
                "title": "LA",
                "party": "local_authority",
                "documents": [
                    doc("la.pdf", "Letter", "2026-01-05"),
                    doc("scan.pdf", "Scanned letter", "2026-01-06"),
                ],
            },
            {
                "title": "Joint",
                "party": "joint",
                "documents": [doc("la.pdf", "Agreed letter", "2026-01-07")],
            },
        ],
    }
    report = build_bundle(write_spec(tmp_path, spec), tmp_path / "b.pdf")
    by_code: dict[str, list[str]] = {}
    for w in report.warnings:
        by_code.setdefault(w.code, []).append(w.message)
    assert set(by_code) == {
        "section_page_limit",
        "core_limit",
        "ehc_plan_limit",
        "working_document_limit",
        "party_evidence_limit",
        "expert_report_length",
        "expert_report_age",
        "witness_statement_length",
        "no_text_layer",
        "duplicate_document",
    }
    assert by_code["section_page_limit"] == ["Section A (Core) has 6 pages; its limit is 5."]
    assert "core bundle has 6 pages; the limit is 5" in by_code["core_limit"][0]
    assert "EHC plan and appendices has 4 pages" in by_code["ehc_plan_limit"][0]
    assert "working document has 3 pages" in by_code["working_document_limit"][0]
    # parent 5+1+3+6 = 15 > 4; LA 2+1 = 3 ≤ 4; joint evidence is not counted against a party
    (party,) = by_code["party_evidence_limit"]
    assert party.startswith("The parent's additional evidence has 15 pages")
    (length,) = by_code["expert_report_length"]
    assert "'EP report' has 5 pages" in length
    (age,) = by_code["expert_report_age"]
    assert "'Old SALT report' is dated 2023-11-22" in age
    assert "'Statement' has 3 pages" in by_code["witness_statement_length"][0]
    (scan,) = by_code["no_text_layer"]
    assert "'Scanned letter': 1 page has no text layer (scanned image): bundle page 32." in scan
    duplicates = by_code["duplicate_document"]
    assert len(duplicates) == 2
    assert "'Decision again' is the same file as A/1 'Decision'" in duplicates[0]
    counts = report.section_page_counts
    assert counts == {"A": 6, "B": 4, "C": 3, "D": 15, "E": 3, "F": 2}


def test_no_warnings_within_limits(tmp_path: Path) -> None:
    make_pdf(tmp_path / "ep.pdf", 15)
    make_pdf(tmp_path / "ws.pdf", 10, text="Witness words")
    spec = {
        "title": "T",
        "hearing_date": "2026-11-23",
        "sections": [
            {
                "title": "Parent",
                "party": "parent",
                "documents": [
                    doc("ep.pdf", "EP", "2023-11-23", kind="expert_report"),
                    doc("ws.pdf", "WS", "2026-01-01", kind="witness_statement"),
                ],
            }
        ],
    }
    report = build_bundle(write_spec(tmp_path, spec), tmp_path / "b.pdf")
    assert report.warnings == []


def test_scanned_pages_are_warned_about_without_ocrmypdf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no ocrmypdf here
    _scan(tmp_path / "scan.pdf")
    spec = write_spec(
        tmp_path,
        {
            "title": "OCR",
            "sections": [
                {"title": "LA", "documents": [doc("scan.pdf", "Scanned letter", "2026-01-06")]}
            ],
        },
    )
    report = build_bundle(spec, tmp_path / "bundle.pdf")
    assert "no_text_layer" in report.warning_codes()

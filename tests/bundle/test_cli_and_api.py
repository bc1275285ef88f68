"""The ``bundle`` command and the package's public surface."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from pypdf import PdfReader

import sendocs.bundle
from sendocs.cli.bundle import bundle
from tests.bundle.conftest import doc, make_pdf, write_spec


def _spec(tmp_path: Path) -> Path:
    make_pdf(tmp_path / "a.pdf", 2)
    make_pdf(tmp_path / "w.pdf", 3, text="Witness words")
    return write_spec(
        tmp_path,
        {
            "title": "CLI bundle",
            "sections": [
                {"title": "Appeal", "documents": [doc("a.pdf", "Decision", "2026-01-01")]},
                {
                    "title": "Parent",
                    "party": "parent",
                    "documents": [
                        doc("w.pdf", "Statement", "2026-02-01", kind="witness_statement"),
                        doc("gone.pdf", "Missing letter", "2026-03-01"),
                    ],
                },
            ],
            "limits": {"witness_statement": 2},
        },
    )


def test_cli_builds_prints_summary_and_warnings(tmp_path: Path) -> None:
    spec = _spec(tmp_path)
    out = tmp_path / "b.pdf"
    runner = CliRunner()
    result = runner.invoke(
        bundle, [str(spec), "-o", str(out), "--skip-bad", "--numbering", "section"]
    )
    assert result.exit_code == 0, result.output
    assert f"Wrote {out} (6 pages, index 1 page)" in result.stdout
    assert "A1–A2" in result.stdout and "B1–B3" in result.stdout
    assert "Not included: section B, 'Missing letter'" in result.stderr
    assert "Warning: Witness statement B/2 'Statement' has 3 pages" in result.stderr
    assert PdfReader(out).page_labels == ["Index 1", "A1", "A2", "B1", "B2", "B3"]


def test_cli_errors_exit_1_with_message(tmp_path: Path) -> None:
    spec = _spec(tmp_path)
    out = tmp_path / "b.pdf"
    runner = CliRunner()
    result = runner.invoke(bundle, [str(spec), "-o", str(out)])
    assert result.exit_code == 1
    assert "'Missing letter' in section B: file not found" in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()
    out.write_bytes(b"x")
    result = runner.invoke(bundle, [str(spec), "-o", str(out), "--skip-bad"])
    assert result.exit_code == 1
    assert "already exists; use --force" in result.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: T\nsections:\n  - title: S\n    colour: red\n", encoding="utf-8")
    result = runner.invoke(bundle, [str(bad), "-o", str(tmp_path / "c.pdf")])
    assert result.exit_code == 1
    assert f"{bad}:4: sections[0].colour: unknown field" in result.stderr


def test_help_has_an_example() -> None:
    result = CliRunner().invoke(bundle, ["--help"])
    assert result.exit_code == 0
    assert "sendocs bundle evidence/bundle.yaml -o" in result.output
    for option in ("--output", "--skip-bad", "--force", "--numbering"):
        assert option in result.output


def test_public_api_is_explicit_and_sorted() -> None:
    names = sendocs.bundle.__all__
    assert names == sorted(names)
    for name in names:
        assert getattr(sendocs.bundle, name) is not None
    assert {"build_bundle", "load_bundle_spec", "BundleSpec", "BundleReport"} <= set(names)

"""manifest.csv never holds a live formula: text starting with = + - @ is written '= (OWASP)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from sendocs.batch_manifest import manifest_bytes, read_previous
from sendocs.errors import Location, SendocsError


@dataclass
class _Row:
    source: str
    location: Location
    upn: str | None
    outputs: list[Path] = field(default_factory=list)
    warnings: list[object] = field(default_factory=list)
    error: SendocsError | None = None
    input_sha256: str | None = "ab" * 32
    unchanged: bool = False


def test_text_that_would_start_a_formula_is_prefixed(tmp_path: Path) -> None:
    rows = [
        _Row(
            "=1+1.csv",
            Location(file="=1+1.csv", sheet="@SUM(A1)", row=2),
            None,
            error=SendocsError("-2+3 is not a\x07 date"),
        ),
        _Row(
            "+cases",
            Location(file="+cases/a.yaml"),
            "B801200005001",
            outputs=[tmp_path / "=odd.docx"],
        ),
    ]
    data = manifest_bytes(rows, "iep", tmp_path, tmp_path / "plan.docx", "cd" * 32)
    records = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert records[0]["source_file"] == "'=1+1.csv"
    assert records[0]["source_sheet"] == "'@SUM(A1)"
    assert records[0]["source_row"] == "2"
    assert records[0]["error"] == "'-2+3 is not a date"  # control character cleaned
    assert records[1]["source_file"] == "'+cases/a.yaml"
    assert records[1]["output"] == "'=odd.docx"
    assert records[1]["upn"] == "B801200005001"
    # and --resume reads the file name back as it was
    manifest = tmp_path / "manifest.csv"
    manifest.write_bytes(data)
    assert list(read_previous(manifest, tmp_path)) == [tmp_path / "=odd.docx"]

"""File names: readable, safe on every file system, capped in length and unique in a batch."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from sendocs.cli import main
from sendocs.documents import safe_filename_part
from sendocs.documents.filenames import (
    FILENAME_STEM_BYTES,
    NAME_PART_BYTES,
    fit_filename,
    truncate_utf8,
)

from .conftest import ROOT, document_text

LONG = "Wolfeschlegelsteinhausenbergerdorff" * 9  # 315 characters


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Zoë", "Zoë"),  # accents kept
        ("Nguyễn Văn", "Nguyễn_Văn"),
        ("Zoe\u0308", "Zoë"),  # NFC: a decomposed accent is composed
        ("O'Brien", "OBrien"),  # apostrophes dropped
        ("Kowalczyk-O\u2019Neill", "Kowalczyk-ONeill"),
        ("ap Gwilym", "ap_Gwilym"),  # particles kept
        ("de la  Cruz", "de_la_Cruz"),
        ("Ní Bhriain", "Ní_Bhriain"),
        ("李小龍", "李小龍"),
        ('a<b>c:d"e/f\\g|h?i*j', "a-b-c-d-e-f-g-h-i-j"),  # illegal on Windows/macOS/Linux
        ("..Smith.", "Smith"),
        ("Sm\x07ith\u200b", "Smith"),  # control and invisible characters dropped
        ("\x07\x1b  ", "pupil"),
    ],
)
def test_name_parts(text: str, expected: str) -> None:
    assert safe_filename_part(text) == expected


def test_parts_and_names_are_capped_on_a_character_boundary() -> None:
    assert len(safe_filename_part(LONG).encode()) <= NAME_PART_BYTES
    part = safe_filename_part("é" * 100)
    assert part == "é" * (NAME_PART_BYTES // 2)
    assert truncate_utf8("aé", 2) == "a"  # never half a character
    assert truncate_utf8("ae\u0301\u0301", 3) == "a"  # nor a letter without its accents
    name = fit_filename(["x" * 200, "Amara"], ["SEN_support_plan", "2026-11-23"], ".docx")
    stem = name.removesuffix(".docx")
    assert len(stem.encode()) == FILENAME_STEM_BYTES
    assert stem.endswith("_Amara_SEN_support_plan_2026-11-23")  # label, date and short name whole


def _case(tmp_path: Path, name: str, **child: Any) -> Path:
    data = yaml.safe_load((ROOT / "fixtures" / "cases" / "amara-okafor.yaml").read_text())
    data["child"].update(child)
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code == 0, result.output
    return result.output


def test_render_with_a_300_character_surname(tmp_path: Path) -> None:
    case = _case(tmp_path, "long", legal_surname=LONG)
    out = tmp_path / "out"
    _run("render", "iep", str(case), "--date", "2026-11-23", "-o", str(out))
    (document,) = out.glob("*.docx")
    assert len(document.stem.encode()) <= FILENAME_STEM_BYTES
    assert document.name.startswith("Wolfeschlegelsteinhausenbergerdorff")
    assert document.name.endswith("_Amara_SEN_support_plan_2026-09-14.docx")
    assert any(LONG in line for line in document_text(document))  # the document keeps it whole


def test_batch_of_long_names_sharing_a_prefix_gives_distinct_files(
    tmp_path: Path, plan_template: Path
) -> None:
    folder = tmp_path / "cases"
    folder.mkdir()
    _case(folder, "a", legal_surname=LONG + " Adams", upn="B801200005001")
    _case(folder, "b", legal_surname=LONG + " Brown", upn="Q801200005002")
    _case(folder, "c", legal_surname=LONG + " Clark", upn=None)
    out = tmp_path / "out"
    output = _run(
        "batch",
        "iep",
        str(folder),
        "--date",
        "2026-11-23",
        "--template",
        str(plan_template),
        "-o",
        str(out),
        "--jobs",
        "1",
    )
    assert "rendered 3" in output and "failed 0" in output
    documents = sorted(out.glob("*.docx"))
    assert len(documents) == 3
    assert all(len(d.stem.encode()) <= FILENAME_STEM_BYTES for d in documents)
    base = (
        "Wolfeschlegelsteinhausenbergerdorff"
        + "Wolfeschlegelsteinhausenb_Amara_SEN_support_plan_2026-09-14"
    )
    # the first keeps the plain name; the others get their UPN, or their position
    assert {d.stem for d in documents} == {base, f"{base}_Q801200005002", f"{base}_3"}
    surnames = {
        " ".join(document_text(d)).split("SEN support plan for Amara ")[1][-5:] for d in documents
    }
    assert surnames == {"Adams", "Brown", "Clark"}


def test_a_name_made_only_of_symbols_falls_back_to_the_upn(tmp_path: Path) -> None:
    from sendocs.documents import get_kind
    from sendocs.loading import load_case

    case = load_case(_case(tmp_path, "odd", legal_surname="★★", legal_forename="☆")).case
    from sendocs.documents import RenderOptions

    name = get_kind("iep").filename(case, RenderOptions())
    assert name.startswith("B801200005001_SEN_support_plan_")

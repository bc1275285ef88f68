from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from sendocs.errors import CaseDataError, format_field_path
from sendocs.loading import load_case
from tests.conftest import CASES, INVALID, TODAY


def _problems(path: Path) -> list[str]:
    with pytest.raises(CaseDataError) as info:
        load_case(path, today=TODAY)
    return [str(p) for p in info.value.problems]


def test_every_fixture_loads() -> None:
    for path in sorted(CASES.glob("*.yaml")):
        loaded = load_case(path, today=TODAY)
        assert loaded.case.child.legal_surname
        assert loaded.source == str(path)


def test_invalid_fixture_reports_every_problem_with_line_and_field() -> None:
    path = INVALID / "bad-identifiers-and-dates.yaml"
    problems = _problems(path)
    assert f"{path}:6:3: child.date_of_birth: expected a date written as YYYY-MM-DD" in problems[0]
    assert any(
        p.startswith(f"{path}:7:3: child.upn:") and "should be P, not Q" in p for p in problems
    )
    assert any(p.startswith(f"{path}:13:3: school.urn:") for p in problems)
    assert any(
        p.startswith(f"{path}:19:1: sen_status:") and "'X' is not allowed" in p for p in problems
    )
    assert any("needs[1].sen_type" in p and "'DYS'" in p for p in problems)
    assert any(
        "cycles[1].outcomes[1].targett_date" in p and "did you mean 'target_date'" in p
        for p in problems
    )
    # Problems come in file order.
    lines = [int(p.split(":")[1]) for p in problems]
    assert lines == sorted(lines)


def test_yaml_syntax_error_is_located() -> None:
    path = INVALID / "broken-yaml.yaml"
    problems = _problems(path)
    assert problems == [
        f"{path}:7:2: the indentation is inconsistent here: each field must line up with the "
        "fields beside it, using spaces, not tabs"
    ]


def test_missing_field_is_reported_at_its_parent(tmp_path: Path) -> None:
    data = yaml.safe_load((CASES / "amara-okafor.yaml").read_text())
    del data["school"]["senco"]
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    problems = _problems(path)
    assert len(problems) == 1
    line = next(i for i, text in enumerate(path.read_text().splitlines(), 1) if text == "school:")
    assert problems[0].startswith(f"{path}:{line}:1: school.senco: this field is required")


def test_json_case_files_are_located_too(tmp_path: Path) -> None:
    data = yaml.safe_load((CASES / "amara-okafor.yaml").read_text())
    data["child"]["upn"] = "Q207000016049"
    path = tmp_path / "case.json"
    path.write_text(json.dumps(data, indent=2, default=str))
    problems = _problems(path)
    line = next(i for i, t in enumerate(path.read_text().splitlines(), 1) if '"upn"' in t)
    assert problems[0].startswith(f"{path}:{line}:")
    assert "child.upn" in problems[0]


def test_bad_json_syntax(tmp_path: Path) -> None:
    path = tmp_path / "case.json"
    path.write_text('{"child": {\n  "legal_forename": "Sam",\n}')
    with pytest.raises(CaseDataError, match="not valid JSON") as info:
        load_case(path)
    assert info.value.problems[0].location.line == 3


def test_duplicate_keys_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_text("child:\n  legal_forename: A\n  legal_forename: B\n")
    problems = _problems(path)
    assert "duplicate key 'legal_forename' (first at line 2)" in problems[0]
    assert problems[0].startswith(f"{path}:3:")


def test_yaml_11_surprises_do_not_happen(tmp_path: Path) -> None:
    text = (
        (CASES / "amara-okafor.yaml")
        .read_text()
        .replace("  first_language: English", "  first_language: no")
    )
    path = tmp_path / "case.yaml"
    path.write_text(text)
    assert load_case(path, today=TODAY).case.child.first_language == "no"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.yaml", "", "the file is empty"),
        ("list.yaml", "- a\n- b\n", "must be a mapping"),
        ("case.txt", "child: {}", "unknown file type"),
    ],
)
def test_unusable_files(tmp_path: Path, name: str, content: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(CaseDataError, match=message):
        load_case(path)


def test_missing_file_and_non_utf8(tmp_path: Path) -> None:
    with pytest.raises(CaseDataError, match="no such file"):
        load_case(tmp_path / "nope.yaml")
    path = tmp_path / "latin1.yaml"
    path.write_bytes("child:\n  legal_forename: Zo\xeb\n".encode("latin-1"))
    with pytest.raises(CaseDataError, match="not UTF-8"):
        load_case(path)


def test_field_paths_count_from_one() -> None:
    assert format_field_path(("cycles", 0, "outcomes", 2, "target_date")) == (
        "cycles[1].outcomes[3].target_date"
    )
    assert format_field_path(()) == "(the whole file)"


def test_warnings_are_located(kai_path: Path, tmp_path: Path) -> None:
    # Kai's fixture dates every outcome now (7e78f9e); the copy leaves outcome 3 undated.
    lines = kai_path.read_text().splitlines()
    index = next(i for i, line in enumerate(lines) if "sensory break plan" in line)
    undated = index + 4
    assert lines[undated].strip() == "target_date: 2026-12-11"
    del lines[undated]
    path = tmp_path / "kai.yaml"
    path.write_text("\n".join(lines) + "\n")
    loaded = load_case(path, today=TODAY)
    # the consent forms' missing retention period is warned too (s18, H10a)
    [warning] = [w for w in loaded.warnings if "retention" not in w.message]
    assert warning.severity == "warning"
    assert warning.location.field_text == "cycles[3].outcomes[3]"
    assert "sensory break plan" in lines[warning.location.line - 1]  # type: ignore[operator]

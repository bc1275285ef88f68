"""One UPN, one child, through ``sendocs batch``: a shared UPN fails every row or file that
has it, names them all, and no document carries another child's name or outcomes."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import yaml
from click.testing import CliRunner

from sendocs.cli import main

from .conftest import ROOT, ROSTER, document_text


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["batch", *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_roster_rows_sharing_a_upn_both_fail_and_leak_nothing(
    tmp_path: Path, plan_template: Path, generator: ModuleType
) -> None:
    pupils = generator.make_pupils(8)
    leila, mei = pupils[2], pupils[6]  # rows 4 and 8 (row 1 is the header)
    shared = leila.row["UPN"]
    mei.row["UPN"] = shared
    for item in mei.outcomes + mei.provision:
        item["UPN"] = shared
    roster = generator.write_csv_roster(pupils, tmp_path / "in")
    out = tmp_path / "out"
    code, output = run(
        "iep",
        str(roster),
        "--school",
        str(ROSTER / "school.yaml"),
        "--date",
        "2026-11-23",
        "--template",
        str(plan_template),
        "-o",
        str(out),
        "--jobs",
        "1",
    )
    assert code == 1, output
    assert "rendered 6, with warnings" in output and "failed 2;" in output
    for row in (4, 8):
        assert f"FAILED    {roster}, row {row}" in output
    assert f"rows 4 and 8 share UPN {shared}; neither was rendered" in output

    documents = sorted(out.glob("*.docx"))
    assert len(documents) == 6
    names = {leila.row["Legal Forename"], mei.row["Legal Forename"]}
    outcomes = {o["Outcome"] for p in (leila, mei) for o in p.outcomes}
    interventions = {p["Intervention"] for p in mei.provision + leila.provision}
    others = {p.row["Legal Forename"] for p in pupils} - names
    for document in documents:
        text = "\n".join(document_text(document))
        assert not any(name in text for name in names), document.name
        assert not any(outcome in text for outcome in outcomes), document.name
        assert shared not in text
    # every other child got their own document
    made = "\n".join("\n".join(document_text(d)) for d in documents)
    assert all(name in made for name in others)
    assert not interventions & set(made.splitlines())

    manifest = (out / "manifest.csv").read_text(encoding="utf-8-sig")
    failed = [line for line in manifest.splitlines() if ",failed," in line]
    assert len(failed) == 2 and all(shared in line for line in failed)


def test_case_files_sharing_a_upn_both_fail_naming_both(
    tmp_path: Path, plan_template: Path
) -> None:
    source = yaml.safe_load((ROOT / "fixtures" / "cases" / "amara-okafor.yaml").read_text())
    folder = tmp_path / "cases"
    folder.mkdir()
    first = dict(source, child={**source["child"], "legal_forename": "Leila"})
    second = dict(source, child={**source["child"], "legal_forename": "Mei"})
    third = dict(source, child={**source["child"], "legal_forename": "Nia", "upn": None})
    for name, data in (("a-leila", first), ("b-mei", second), ("c-nia", third)):
        (folder / f"{name}.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    out = tmp_path / "out"
    code, output = run(
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
    assert code == 1, output
    assert "rendered 1, with warnings" in output and "failed 2" in output
    upn = source["child"]["upn"]
    both = f"{folder / 'a-leila.yaml'} and {folder / 'b-mei.yaml'} share UPN {upn}"
    assert output.count(both) == 2
    (document,) = out.glob("*.docx")
    text = "\n".join(document_text(document))
    assert "Nia" in text and "Leila" not in text and "Mei" not in text

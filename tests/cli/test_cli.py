"""The command line, run through click's CliRunner, reading outputs back."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from sendocs.cli import main
from tests.conftest import CASES, INVALID, ROOT


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_validate_ok_and_warnings(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["validate", str(CASES)])
    assert result.exit_code == 0, result.output
    assert "OK      " in result.output
    # an outcome with no date to achieve it by is not SMART: the warning names its line
    kai = (CASES / "kai-thompson.yaml").read_text()
    undated = kai.replace("occasions.\n        target_date: 2026-12-11\n", "occasions.\n", 1)
    assert undated != kai
    (tmp_path / "kai-thompson.yaml").write_text(undated)
    result = runner.invoke(main, ["validate", str(tmp_path / "kai-thompson.yaml")])
    line = next(i for i, text in enumerate(undated.splitlines(), 1) if "sensory break plan" in text)
    assert f"kai-thompson.yaml:{line}:9: cycles[3].outcomes[3]: outcome is not SMART" in (
        result.output
    )


def test_validate_invalid_exits_1_with_located_errors(runner: CliRunner) -> None:
    result = runner.invoke(main, ["validate", str(INVALID)])
    assert result.exit_code == 1
    assert "bad-identifiers-and-dates.yaml:7:3: child.upn: check letter is wrong" in result.output
    assert "should be P, not Q" in result.output
    assert "broken-yaml.yaml:7:2: the indentation is inconsistent" in result.output
    assert "2 of 2 checked have errors." in result.output
    assert "Traceback" not in result.output


def test_validate_a_roster_row_by_row(runner: CliRunner) -> None:
    roster = ROOT / "fixtures" / "roster" / "roster-with-bad-rows.csv"
    result = runner.invoke(main, ["validate", "-q", str(roster)])
    assert result.exit_code == 1
    assert f"OK      {roster}, row 2 (G801200026001)" in result.output
    assert f'{roster}, row 3: column "UPN": check letter is wrong' in result.output
    assert f"{roster}, row 5: column \"DOB\": '31/02/2019' is not a real date" in result.output
    assert "3 of 6 checked have errors." in result.output
    good = runner.invoke(
        main, ["validate", "-q", str(ROOT / "fixtures" / "roster" / "roster.xlsx")]
    )
    assert good.exit_code == 0, good.output
    assert good.output.count("OK      ") == 30


def test_usage_errors_exit_2(runner: CliRunner) -> None:
    assert runner.invoke(main, ["validate"]).exit_code == 2
    assert runner.invoke(main, ["render", "iep"]).exit_code == 2
    result = runner.invoke(main, ["render", "iep", "x.yaml", "--date", "23/11/2026"])
    assert result.exit_code == 2
    assert "not a valid date" in result.output


def test_render_iep_writes_named_docx_and_refuses_overwrite(
    runner: CliRunner, tmp_path: Path
) -> None:
    case = CASES / "amara-okafor.yaml"
    result = runner.invoke(main, ["render", "iep", str(case), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    out = tmp_path / "Okafor_Amara_SEN_support_plan_2026-09-14.docx"
    assert f"wrote {out}" in result.output
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "Amara" in text
    again = runner.invoke(main, ["render", "iep", str(case), "-o", str(tmp_path)])
    assert again.exit_code == 1
    assert "already exists; use --force" in again.output
    forced = runner.invoke(main, ["render", "iep", str(case), "-o", str(tmp_path), "--force"])
    assert forced.exit_code == 0


def test_render_bad_case_exits_1_and_writes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        main,
        ["render", "iep", str(INVALID / "bad-identifiers-and-dates.yaml"), "-o", str(tmp_path)],
    )
    assert result.exit_code == 1
    assert "child.upn" in result.output
    assert list(tmp_path.iterdir()) == []


def test_unknown_kind_suggests_the_nearest(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["render", "iepp", str(CASES / "amara-okafor.yaml")])
    assert result.exit_code == 1
    assert "did you mean 'iep'?" in result.output


def test_schema_is_generated_from_the_models(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "schema.json"
    result = runner.invoke(main, ["schema", "-o", str(out)])
    assert result.exit_code == 0
    schema = json.loads(out.read_text())
    assert schema["title"] == "sendocs case file"
    assert {"child", "parents", "school", "cycles"} <= set(schema["required"])
    assert "upn" in schema["$defs"]["Child"]["properties"]


def test_every_command_has_help_with_an_example(runner: CliRunner) -> None:
    def walk(group, prefix):  # type: ignore[no-untyped-def]
        for name, command in group.commands.items():
            yield [*prefix, name], command
            if hasattr(command, "commands"):
                yield from walk(command, [*prefix, name])

    for args, command in walk(main, []):
        result = runner.invoke(main, [*args, "--help"])
        assert result.exit_code == 0, args
        assert "Example" in result.output or "example" in result.output, args
        for param in command.params:
            if param.param_type_name == "option" and param.name != "help":
                assert getattr(param, "help", None), f"{args} --{param.name} has no help"


def test_demo_renders_every_kind_for_every_example(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["demo", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    made = sorted(p.name for p in tmp_path.glob("*.docx"))
    for surname in ("Okafor_Amara", "Thompson_Kai", "OConnor_Niamh"):
        assert any(name.startswith(surname + "_SEN_support_plan") for name in made), made
    consent = PdfReader(tmp_path / "Thompson_Kai_consent_to_share_information.pdf")
    values = {name: field.get("/V") for name, field in (consent.get_fields() or {}).items()}
    assert "Kai Alexander Thompson" in values.values()
    assert "Westbury Academy" in values.values()
    # Niamh's parents live apart: one form each, each with only that parent's details.
    # Her own page is written once, on its own (she never gets two).
    pupil = tmp_path / "OConnor_Niamh_consent_to_share_information_pupil_Niamh.pdf"
    assert len(PdfReader(pupil).pages) == 1
    assert "Your consent" in (PdfReader(pupil).pages[0].extract_text() or "")
    copies = sorted(
        c for c in tmp_path.glob("OConnor_Niamh_consent_to_share_information_*.pdf") if c != pupil
    )
    assert [c.name.rsplit("_", 3)[-3:] for c in copies] == [
        ["Mr", "Patrick", "OConnor.pdf"],
        ["Mrs", "Siobhan", "OConnor.pdf"],
    ]
    assert all(len(PdfReader(c).pages) == 2 for c in copies)
    addresses = ("Harbour View", "Rose")
    for copy, own, other in zip(copies, addresses, reversed(addresses), strict=True):
        fields = (PdfReader(copy).get_fields() or {}).values()
        filled = " ".join(str(f.get("/V")) for f in fields)
        assert own in filled and other not in filled
    bundle = PdfReader(tmp_path / "Example_appeal_bundle.pdf")
    assert len(bundle.pages) > 10
    top = [item for item in bundle.outline if not isinstance(item, list)]
    assert top[0].title == "Index (p. 1)"  # bookmarks say their page (#11 s18)
    # Section A starts on the page after the index (two pages: the heading lists E1-E9)
    index_pages = bundle.get_destination_page_number(top[1])
    assert index_pages == 2
    assert "Index (continued)" in (bundle.pages[1].extract_text() or "")
    assert top[1].title == f"Section A: Appeal documents (p. {index_pages + 1})"
    assert bundle.page_labels[:3] == ["1", "2", "3"]


def test_render_with_a_schools_own_template(runner: CliRunner, tmp_path: Path) -> None:
    template = tmp_path / "our-plan.docx"
    document = docx.Document()
    document.add_paragraph("Brookfield letterhead")
    document.add_paragraph("Plan for {{ child.full_name }}, review {{ plan.review_date }}")
    document.save(template)
    result = runner.invoke(
        main,
        [
            "render",
            "iep",
            str(CASES / "amara-okafor.yaml"),
            "-o",
            str(tmp_path / "out"),
            "--template",
            str(template),
        ],
    )
    assert result.exit_code == 0, result.output
    out = tmp_path / "out" / "Okafor_Amara_SEN_support_plan_2026-09-14.docx"
    assert [p.text for p in docx.Document(str(out)).paragraphs] == [
        "Brookfield letterhead",
        "Plan for Amara Okafor, review 7 December 2026",
    ]
    document.add_paragraph("{{ child.favourite_colour }}")
    document.save(template)
    bad = runner.invoke(
        main,
        [
            "render",
            "iep",
            str(CASES / "amara-okafor.yaml"),
            "-o",
            str(tmp_path / "bad"),
            "--template",
            str(template),
        ],
    )
    assert bad.exit_code == 1
    assert "favourite_colour" in bad.output and "our-plan.docx" in bad.output
    assert not (tmp_path / "bad").exists() or not list((tmp_path / "bad").iterdir())

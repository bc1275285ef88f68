"""``sendocs batch``: exit codes 0 / 1 / 2, the summary and the progress output."""

from __future__ import annotations

from pathlib import Path

import click
from click.testing import CliRunner

from sendocs.cli.batch import batch
from sendocs.cli.common import SendocsGroup

from .conftest import ROSTER


@click.group(cls=SendocsGroup)
def cli() -> None:
    """A root group like sendocs' own, with only the batch command."""


cli.add_command(batch)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["batch", *args])
    return result.exit_code, result.output


def test_all_rendered_exits_0(tmp_path: Path, plan_template: Path) -> None:
    code, output = run(
        "iep",
        str(ROSTER / "roster.xlsx"),
        "--school",
        str(ROSTER / "school.yaml"),
        "--set-review-dates",
        "--date",
        "2026-11-23",
        "--template",
        str(plan_template),
        "-o",
        str(tmp_path),
        "--jobs",
        "2",
        "--zip",
        str(tmp_path / "plans.zip"),
    )
    assert code == 0, output
    # 10 roster pupils have a second parent with neither an address nor an email: their
    # letters cannot be addressed, and sendocs no longer assumes they live with the first
    # parent, so validate warns (issue #10, s17 item 9); the plans are all made
    assert "rendered 30, with warnings 10, failed 0" in output
    assert (tmp_path / "plans.zip").is_file()
    assert len(list(tmp_path.glob("*.docx"))) == 30


def test_some_rows_failed_exits_1_naming_them(tmp_path: Path, plan_template: Path) -> None:
    code, output = run(
        "iep",
        str(ROSTER / "roster-with-bad-rows.csv"),
        "--school",
        str(ROSTER / "school.yaml"),
        "--set-review-dates",
        "--date",
        "2026-11-23",
        "--template",
        str(plan_template),
        "-o",
        str(tmp_path),
    )
    assert code == 1
    assert "rendered 3, with warnings 0, failed 3" in output
    assert "FAILED    " + str(ROSTER / "roster-with-bad-rows.csv") + ", row 5" in output
    assert "column \"DOB\": '31/02/2019' is not a real date" in output


def test_missing_review_dates_fail_rows_with_a_hint(tmp_path: Path, plan_template: Path) -> None:
    code, output = run(
        "iep",
        str(ROSTER / "roster.csv"),
        "--school",
        str(ROSTER / "school.yaml"),
        "--template",
        str(plan_template),
        "--no-set-review-dates",
        "-o",
        str(tmp_path),
    )
    assert code == 1
    assert "leave out --no-set-review-dates" in output


def test_roster_defaults_school_settings_beside_it_and_review_dates(tmp_path: Path) -> None:
    code, output = run("iep", str(ROSTER / "roster.csv"), "-o", str(tmp_path))
    assert code == 0, output
    assert f"Using school settings from {ROSTER / 'school.yaml'}" in output
    assert "example term calendar" in output
    assert len(list(tmp_path.glob("*.docx"))) == 30


def test_whole_file_problems_exit_1(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_bytes((ROSTER / "roster.csv").read_bytes())  # no school.yaml beside it
    code, output = run("iep", str(roster), "-o", str(tmp_path / "out"))
    assert code == 1
    assert "no school details: pass a school settings file (--school school.yaml," in output


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("iep", str(ROSTER / "roster.csv"))[0] == 2  # no -o
    assert run("iep", str(tmp_path / "missing.csv"), "-o", str(tmp_path))[0] == 2
    code, output = run("iep", str(ROSTER / "roster.csv"), "-o", str(tmp_path), "--format", "odt")
    assert code == 2 and "'odt' is not one of" in output
    assert (
        run("iep", str(ROSTER / "roster.csv"), "-o", str(tmp_path), "--date", "23/11/2026")[0] == 2
    )


def test_help_has_examples() -> None:
    code, output = run("--help")
    assert code == 0
    assert "Examples:" in output and "--no-set-review-dates" in output

"""The ``deadlines`` click group, invoked directly with CliRunner."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from sendocs.cli.deadlines import deadlines


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_assessment_human_output(runner: CliRunner) -> None:
    result = runner.invoke(deadlines, ["assessment", "--request-received", "2026-11-02"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Deadline: Monday 14 December 2026" in out
    assert "SEND Regulations 2014, reg 5(1)" in out
    assert "Deadline: Monday 22 February 2027" in out  # reg 10(1), 16 weeks
    assert "Deadline: Monday 22 March 2027" in out  # reg 13(2), 20 weeks
    assert "received the request on Monday 2 November 2026" in out


def test_assessment_json(runner: CliRunner) -> None:
    result = runner.invoke(
        deadlines, ["assessment", "--sent", "2026-11-02", "--delivery", "post", "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["deadline"] == "2026-12-16"  # received Wed 4 Nov + 42 days
    assert data["received"] == "2026-11-04"
    assert data["rule"] == "SEND Regulations 2014, reg 5(1)"
    assert "ASSUMPTION" in data["explanation"]
    assert data["warnings"] == []
    others = {d["rule"]: d["deadline"] for d in data["other_deadlines"]}
    assert others == {
        "SEND Regulations 2014, reg 10(1)": "2027-02-24",
        "SEND Regulations 2014, reg 13(2)": "2027-03-24",
    }


def test_assessment_email_after_5pm(runner: CliRunner) -> None:
    args = ["assessment", "--sent", "2026-11-06", "--delivery", "email", "--after-5pm", "--json"]
    data = json.loads(runner.invoke(deadlines, args).output)
    assert data["received"] == "2026-11-09"  # Friday evening -> Monday
    assert data["deadline"] == "2026-12-21"


def test_assessment_exception_is_shown(runner: CliRunner) -> None:
    result = runner.invoke(
        deadlines,
        ["assessment", "--request-received", "2026-11-02", "--exception", "school closed"],
    )
    assert result.exit_code == 0
    assert "exception under reg 5(4)" in result.output
    assert "Deadline: Monday 14 December 2026" in result.output


def test_appeal_human_output(runner: CliRunner) -> None:
    result = runner.invoke(
        deadlines,
        [
            "appeal",
            "--decision-sent",
            "2025-10-01",
            "--mediation-certificate",
            "2025-11-29",
            "--on",
            "2025-12-01",
            "--details",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Deadline: 5pm on Friday 2 January 2026" in result.stdout
    assert "HESC Rules 2008, r.20(1)(c) and r.12" in result.stdout
    assert "32 days left on Monday 1 December 2025" in result.stdout
    assert "has passed" not in result.output
    # Uncertain law is the tool's note to its user, on stderr, never in the explanation.
    assert "Assumption: The period for appealing runs through the Christmas period" in (
        result.stderr
    )
    assert "runs through the Christmas period" not in result.stdout


def test_passed_appeal_deadline_says_so_first_with_the_late_route(runner: CliRunner) -> None:
    # Decision sent three months before the day checked: 28 Aug + 2 months = Wed 28 Oct 2026.
    result = runner.invoke(
        deadlines, ["appeal", "--decision-sent", "2026-08-28", "--on", "2026-11-30"]
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Appeal to the SEND tribunal"
    first = " ".join(line.strip() for line in lines[1:3])
    assert first.startswith("This deadline has passed: it was 5pm on Wednesday 28 October 2026")
    assert "33 days before Monday 30 November 2026" in first
    out = " ".join(line.strip() for line in lines)
    assert out.index("has passed") < out.index("You can still appeal late")
    assert out.index("You can still appeal late") < out.index("Deadline: 5pm")
    assert "rule 20(4)" in out
    assert "add --details" in result.stderr
    assert "UNVERIFIED" not in result.output


def test_passed_deadline_in_json(runner: CliRunner) -> None:
    result = runner.invoke(
        deadlines, ["appeal", "--decision-sent", "2026-08-28", "--on", "2026-11-30", "--json"]
    )
    data = json.loads(result.stdout)
    assert data["passed"] is True
    assert data["checked_on"] == "2026-11-30"
    assert "rule 20(4)" in data["if_passed"]
    assert data["status"].startswith("This deadline has passed")


def test_christmas_note_only_when_the_counted_period_touches_it(runner: CliRunner) -> None:
    # Decision 10 Dec 2025 (+2 months = 10 Feb); certificate 20 Jan 2026 (+1 month = 20 Feb).
    # The period counted runs from the certificate, 20 Jan to 20 Feb: no Christmas in it.
    result = runner.invoke(
        deadlines,
        [
            "appeal",
            "--decision-sent",
            "2025-12-10",
            "--mediation-certificate",
            "2026-01-20",
            "--on",
            "2026-01-25",
            "--json",
        ],
    )
    data = json.loads(result.stdout)
    assert data["deadline"] == "2026-02-20"
    assert data["assumptions"] == []
    assert data["passed"] is False


def test_late_assessment_decision_points_to_the_follow_up(runner: CliRunner) -> None:
    result = runner.invoke(
        deadlines, ["assessment", "--request-received", "2026-09-01", "--on", "2026-11-30"]
    )
    out = " ".join(line.strip() for line in result.stdout.splitlines())
    assert "This deadline has passed: it was Tuesday 13 October 2026" in out
    assert "not met its legal duty under regulation 5(1)" in out
    assert "Pre-Action Protocol for Judicial Review" in out


def test_appeal_json(runner: CliRunner) -> None:
    result = runner.invoke(deadlines, ["appeal", "--decision-sent", "2026-06-15", "--json"])
    data = json.loads(result.stdout)
    assert data["deadline"] == "2026-09-01"
    assert data["time"] == "17:00"
    assert "first working day of September" in data["explanation"]
    assert any("August" in w for w in data["assumptions"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["appeal", "--decision-sent", "2026-02-30"], "not a valid date"),
        (["appeal", "--decision-sent", "01/10/2025"], "YYYY-MM-DD"),
        (["appeal"], "Missing option '--decision-sent'"),
        (["assessment"], "Give --request-received"),
        (["assessment", "--sent", "2026-11-02"], "Give --request-received"),
        (["assessment", "--request-received", "2026-11-02", "--delivery", "post"], "needs --sent"),
        (
            ["assessment", "--sent", "2026-11-02", "--delivery", "post", "--after-5pm"],
            "only applies with --delivery email",
        ),
        (
            ["assessment", "--request-received", "2026-11-02", "--sent", "2026-11-05"],
            "cannot be later",
        ),
        (["assessment", "--sent", "2026-11-02", "--delivery", "fax"], "Invalid value"),
    ],
)
def test_usage_errors_exit_2(runner: CliRunner, args: list[str], message: str) -> None:
    result = runner.invoke(deadlines, args)
    assert result.exit_code == 2
    assert message in result.output


@pytest.mark.parametrize("command", [[], ["assessment"], ["appeal"]])
def test_help_has_examples(runner: CliRunner, command: list[str]) -> None:
    result = runner.invoke(deadlines, [*command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output
    assert "sendocs deadlines" in result.output


def test_mediation_and_draft_plan_commands() -> None:
    runner = CliRunner()
    # Reg 33: 2 months from the decision notice, corresponding date.
    result = runner.invoke(deadlines, ["mediation", "--decision-sent", "2026-10-02"])
    assert result.exit_code == 0, result.output
    assert "Deadline: Wednesday 2 December 2026" in result.output
    assert "reg 33" in result.output
    # Reg 13(1): served Monday 23 November counts as day 1, so day 15 is Monday 7 December.
    result = runner.invoke(deadlines, ["draft-plan", "--served", "2026-11-23", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["deadline"] == "2026-12-07"
    assert data["rule"] == "SEND Regulations 2014, reg 13(1)"
    assert runner.invoke(deadlines, ["draft-plan", "--served", "23/11/2026"]).exit_code == 2

"""The README's and guides' command examples run, and print what the docs show.

Every ``$ sendocs …`` line in a ```console block and every ``sendocs …`` line
in a ```bash block of README.md and docs/*.md is run in a temporary folder
holding the example fixtures (and the stand-in files the guides name, such as
``my-child.yaml``). A console block's lines under a command are its expected
output: each must appear in what the command prints (spacing aside; a line
ending in ``...`` or ``…`` is a prefix). Examples that make PDFs need
LibreOffice and are marked ``libreoffice``; :data:`HELP_ONLY` lists, with
reasons, the few that cannot run to completion in a test: for those the
documented options are checked by running the same command with ``--help``.
"""

from __future__ import annotations

import re
import shlex
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from sendocs.cli import main

ROOT = Path(__file__).resolve().parents[2]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

HELP_ONLY: dict[str, str] = {
    "sendocs serve": "starts a web server that runs until Ctrl+C (tests/web covers it)",
}
"""Commands (by prefix) that cannot run to completion in a test, and why."""

EXIT_CODES: dict[str, int] = {
    "sendocs validate fixtures/invalid/bad-identifiers-and-dates.yaml": 1,
    "sendocs templates check our_sen_support_plan.docx --kind iep": 1,
}
"""Examples that show a failure on purpose; every other example must exit 0."""

STAND_INS: dict[str, str] = {
    "my-pupil.yaml": "fixtures/cases/amara-okafor.yaml",
    "my-child.yaml": "fixtures/cases/kai-thompson.yaml",
}
"""Files the guides ask the reader to make, stood in for by an example case."""

NEEDS_LIBREOFFICE = re.compile(r"--format (pdf|both)\b|--pdfa\b")


@dataclass
class Example:
    source: str
    command: str
    expected: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"{self.source}: {self.command}"


def examples() -> list[Example]:
    found: list[Example] = []
    for path in DOCS:
        language: str | None = None
        current: Example | None = None
        pending = ""
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            stripped = line.strip()
            if stripped.startswith("```"):
                language = stripped[3:].strip() if language is None else None
                current = None
                continue
            if language not in ("console", "bash"):
                continue
            text = stripped[2:] if language == "console" and stripped.startswith("$ ") else None
            if language == "bash":
                text = stripped
            if pending:
                text, pending = pending + " " + stripped, ""
            if text is not None and text.startswith("sendocs "):
                if text.endswith("\\"):
                    pending = text[:-1].strip()
                    continue
                command = shlex.split(text, comments=True)
                current = Example(f"{path.name}:{number}", shlex.join(command))
                found.append(current)
            elif language == "console" and current is not None and stripped:
                current.expected.append(stripped)
    return found


def _params() -> list[object]:
    params: list[object] = []
    for example in examples():
        marks = []
        if NEEDS_LIBREOFFICE.search(example.command):
            marks.append(pytest.mark.libreoffice)
        params.append(pytest.param(example, id=example.id, marks=marks))
    return params


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "fixtures", tmp_path / "fixtures")
    for name, fixture in STAND_INS.items():
        shutil.copy(ROOT / fixture, tmp_path / name)
    template = docx.Document()
    template.add_paragraph("Name: {{ child.legal_surnme }}")
    template.save(str(tmp_path / "our_sen_support_plan.docx"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _squash(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("example", _params())
def test_documented_example_runs(example: Example, workspace: Path) -> None:
    args = shlex.split(example.command)[1:]
    if any(example.command.startswith(prefix) for prefix in HELP_ONLY):
        # The documented options must exist and parse; the command itself never returns.
        result = CliRunner().invoke(main, [*args, "--help"], prog_name="sendocs")
        assert result.exit_code == 0, result.output
        assert result.output.startswith("Usage: sendocs ")
        return
    result = CliRunner().invoke(main, args, prog_name="sendocs")
    output = result.output
    assert "Traceback" not in output, output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code == EXIT_CODES.get(example.command, 0), output
    printed = _squash(output)
    for line in example.expected:
        shown = re.sub(r"\s*(\.\.\.|…)$", "", _squash(line))
        assert shown in printed, f"{example.id}: the docs show {line!r}; it printed:\n{output}"


def test_the_examples_are_found() -> None:
    commands = [e.command for e in examples()]
    assert "sendocs render iep fixtures/cases/amara-okafor.yaml -o out/" in commands
    assert any(c.startswith("sendocs provision-map") for c in commands)
    assert any(c.startswith("sendocs templates check") for c in commands)
    assert len(commands) >= 25
    for command in EXIT_CODES:
        assert command in commands, f"EXIT_CODES names an example that no longer exists: {command}"

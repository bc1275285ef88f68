"""docs/cli.md is generated from the commands' help, and every command has a guide."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
GUIDES = [
    ROOT / "README.md",
    *sorted(p for p in (ROOT / "docs").glob("*.md") if p.name != "cli.md"),
]


NOT_YET_IN_A_GUIDE: dict[str, str] = {}
"""Commands whose guide is still being written, and why. Remove an entry once it is."""


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "gen_cli_docs", ROOT / "scripts" / "gen_cli_docs.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cli_reference_is_up_to_date() -> None:
    # A fresh interpreter: click caches each command's help option on the command object,
    # so tests that invoke a subcommand on its own (without the root's -h) would otherwise
    # change what the help prints here.
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen_cli_docs.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr + "run python scripts/gen_cli_docs.py"


def test_every_command_and_option_is_in_the_reference() -> None:
    from sendocs.cli import main

    reference = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for path, context in _generator().command_tree(main):
        assert f"`{path}`" in reference
        for param in context.command.params:
            for flag in getattr(param, "opts", []):
                if flag.startswith("-"):
                    assert flag in reference, f"{path} {flag} is not in docs/cli.md"


def test_every_command_is_explained_in_a_guide() -> None:
    """The reference says what a command takes; a guide must say when to use it."""
    from sendocs.cli import main

    prose = "\n".join(path.read_text(encoding="utf-8") for path in GUIDES)
    missing = [
        path
        for path, _ in _generator().command_tree(main)
        if path != "sendocs"
        and path not in NOT_YET_IN_A_GUIDE
        and not re.search(re.escape(path) + r"\b", prose)
    ]
    assert not missing, f"no guide in docs/ or README.md mentions: {missing}"


def test_check_mode_reports_a_stale_file(tmp_path: Path) -> None:
    generator = _generator()
    stale = tmp_path / "cli.md"
    stale.write_text("# old\n", encoding="utf-8")
    generator.CLI_DOCS = stale
    assert generator.main(["--check"]) == 1
    assert generator.main([]) == 0
    assert generator.main(["--check"]) == 0
    assert stale.read_text(encoding="utf-8") == generator.render_cli_docs()

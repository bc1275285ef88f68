"""Every command, every broken input: a message and exit 1 or 2, never a traceback.

The commands are found by walking click's command tree, so a new command is
covered without touching this file. Each is run with every broken input in
each of its file parameters (arguments and options): a missing file, an empty
one, binary garbage, a folder, invalid YAML, a truncated PDF, control
characters, under the suffixes the commands dispatch on.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from sendocs.cli import main
from sendocs.cli.common import internal_error
from tests.conftest import ROOT

#: Commands that do not return on their own (a server), so cannot run here.
LONG_RUNNING = {"serve"}

#: Names of path options that receive the output, not an input.
OUTPUTS = {"output", "output_dir", "zip_path", "map_out"}


def commands(group: click.Group, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """The path of every runnable command under ``group``."""
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            yield from commands(command, (*prefix, name))
        elif name not in LONG_RUNNING:
            yield (*prefix, name)


def find(path: tuple[str, ...]) -> click.Command:
    command: click.Command = main
    for name in path:
        assert isinstance(command, click.Group)
        command = command.commands[name]
    return command


def broken_inputs(folder: Path) -> list[Path]:
    """One file (or folder, or absent path) per kind of broken input."""
    folder.mkdir()
    pdf = (ROOT / "fixtures" / "bundle" / "evidence" / "ep-report.pdf").read_bytes()
    garbage = bytes(range(256)) * 8
    contents: dict[str, bytes] = {
        "empty.yaml": b"",
        "empty.pdf": b"",
        "empty.csv": b"",
        "empty.xlsx": b"",
        "empty.docx": b"",
        "garbage.yaml": garbage,
        "garbage.pdf": b"%PDF-1.7\n" + garbage,
        "garbage.csv": garbage,
        "garbage.xlsx": b"PK\x03\x04" + garbage,
        "garbage.docx": b"PK\x03\x04" + garbage,
        "invalid.yaml": b"child: [unclosed\n  : - {\n\t- x: 'y\n",
        "list.yaml": b"- 1\n- 2\n",
        "truncated.pdf": pdf[: len(pdf) // 2],
        "control.yaml": b"child:\n  legal_forename: \x01\x02\x1b[31m\n  legal_surname: \x7f\x00\n",
        "control.csv": b"UPN,Forename,Surname\n\x01\x02,\x1b,\x00\n",
    }
    paths = []
    for name, data in contents.items():
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    (folder / "a-folder.yaml").mkdir()
    return [*paths, folder / "a-folder.yaml", folder / "missing.yaml", folder / "missing.pdf"]


def argv_for(path: tuple[str, ...], broken: Path, out: Path, every_option: bool) -> list[str]:
    """A command line with ``broken`` in each file argument (and each file option)."""
    command = find(path)
    argv = list(path)
    for param in command.params:
        if isinstance(param, click.Argument):
            if isinstance(param.type, click.Path):
                argv.append(str(broken))
            elif "kind" in (param.name or ""):
                argv.append("iep")
            else:
                argv.append(str(broken))
            continue
        if not isinstance(param, click.Option) or param.is_flag or param.name == "help":
            continue
        flag = param.opts[-1] if param.opts[-1].startswith("--") else param.opts[0]
        name = param.name or ""
        if isinstance(param.type, click.Path):
            usable_folder = not param.type.file_okay and (broken.is_dir() or not broken.exists())
            if name in OUTPUTS and (not every_option or usable_folder):
                argv += [flag, str(out / name)]
            elif param.required or every_option:
                argv += [flag, str(broken)]
        elif param.required:
            if isinstance(param.type, click.Choice):
                argv += [flag, str(param.type.choices[0])]
            elif "date" in type(param.type).__name__.lower() or name in ("served", "on"):
                argv += [flag, "2026-11-02"]
            elif name == "kind_name":
                argv += [flag, "iep"]
            else:
                argv += [flag, str(broken)]
    return argv


ALL = list(commands(main))


def test_every_command_is_found() -> None:
    assert ("render",) in ALL and ("form", "fill") in ALL and ("templates", "check") in ALL


@pytest.mark.parametrize("path", ALL, ids=[" ".join(p) for p in ALL])
def test_broken_inputs_give_a_message_not_a_traceback(
    path: tuple[str, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    inputs = broken_inputs(tmp_path / "in")
    runner = CliRunner()
    failures = []
    seen: set[tuple[str, ...]] = set()
    for broken in inputs:
        for every_option in (False, True):
            out = tmp_path / f"out-{len(seen)}"
            argv = argv_for(path, broken, out, every_option)
            if str(broken) not in argv or tuple(argv) in seen:
                continue  # no file parameter took the broken input: nothing new to try
            seen.add(tuple(argv))
            result = runner.invoke(main, argv)
            text = result.output + (result.stderr if result.stderr_bytes else "")
            unhandled = result.exception is not None and not isinstance(
                result.exception, SystemExit
            )
            if unhandled or "Traceback" in text or result.exit_code not in (0, 1, 2):
                failures.append(
                    f"sendocs {' '.join(argv)} -> exit {result.exit_code}, "
                    f"{type(result.exception).__name__}: {result.exception}\n{text[-300:]}"
                )
            elif "internal error" in text:
                failures.append(f"sendocs {' '.join(argv)} -> {text.strip()[-300:]}")
    assert not failures, "\n\n".join(failures)


def test_internal_error_is_one_line_without_personal_data() -> None:
    line = internal_error(KeyError("Amara Okafor"))
    assert line == (
        "sendocs hit an internal error: KeyError: …; run again with --debug for details"
    )
    oserror = OSError(36, "File name too long", "/out/Okafor_Amara_plan.docx")
    assert "Okafor" not in internal_error(oserror)
    assert "OSError: File name too long" in internal_error(oserror)
    assert "\n" not in internal_error(ValueError("first line\nsecond 'Amara'"))


def _broken_command() -> click.Command:
    @click.command("explode")
    @click.option("--what", default="bug")
    def explode(what: str) -> None:
        if what == "interrupt":
            raise KeyboardInterrupt
        if what == "usage":
            raise click.UsageError("bad usage")
        raise IndexError("list index out of range for 'Amara'")

    return explode


@pytest.fixture
def exploding() -> Iterator[None]:
    main.add_command(_broken_command())
    try:
        yield
    finally:
        main.commands.pop("explode")


@pytest.mark.usefixtures("exploding")
def test_unexpected_exception_is_one_line_and_exit_1() -> None:
    result = CliRunner().invoke(main, ["explode"])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert result.output.strip() == (
        "sendocs hit an internal error: IndexError: list index out of range for …; "
        "run again with --debug for details"
    )


@pytest.mark.usefixtures("exploding")
def test_debug_shows_the_exception() -> None:
    result = CliRunner().invoke(main, ["--debug", "explode"])
    assert isinstance(result.exception, IndexError)


@pytest.mark.usefixtures("exploding")
def test_interrupt_exits_130_and_usage_errors_exit_2() -> None:
    interrupted = CliRunner().invoke(main, ["explode", "--what", "interrupt"])
    assert interrupted.exit_code == 130
    assert "Interrupted" in interrupted.output
    usage = CliRunner().invoke(main, ["explode", "--what", "usage"])
    assert usage.exit_code == 2
    assert "bad usage" in usage.output


def test_real_process_prints_no_traceback(tmp_path: Path) -> None:
    """The installed entry point, as a user runs it (stderr included)."""
    garbage = tmp_path / "case.yaml"
    garbage.write_bytes(bytes(range(256)))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for argv in (
        ["render", "iep", str(garbage), "-o", str(tmp_path)],
        ["form", "fields", str(garbage)],
    ):
        done = subprocess.run(
            [sys.executable, "-m", "sendocs", *argv],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )
        assert done.returncode == 1, (argv, done.stderr)
        assert "Traceback" not in done.stdout + done.stderr, (argv, done.stderr)
        assert done.stderr.strip(), argv

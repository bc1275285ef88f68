"""Staging lives in private folders outside the output folder and never outlives the run."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from sendocs import staging
from sendocs.batch import render_batch
from sendocs.documents import RenderOptions
from sendocs.render.convert import FakeConverter
from sendocs.roster import SchoolSettings

from .conftest import ROOT, ROSTER, TODAY

DEAD_PID = 2147483646  # above any pid_max: never a live process


@pytest.fixture
def temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary folder of our own, so other runs' staging on this machine is never touched."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", None)
    return folder


class WatchingConverter(FakeConverter):
    """Notes, during conversion, what the output folder and the staging folders look like."""

    def __init__(self, out: Path) -> None:
        super().__init__()
        self.out = out
        self.hidden: list[str] = []
        self.staging: list[tuple[Path, int]] = []

    def convert(self, sources: Sequence[Path], out_dir: Path, *, pdfa: bool = False) -> list[Path]:
        self.hidden += [p.name for p in self.out.iterdir() if p.name.startswith(".")]
        for folder in (Path(sources[0]).parent, Path(out_dir)):
            self.staging.append((folder, stat.S_IMODE(folder.stat().st_mode)))
        return super().convert(sources, out_dir, pdfa=pdfa)


def test_pdf_batch_stages_privately_outside_the_output_folder(
    tmp_path: Path, temp: Path, settings: SchoolSettings, plan_template: Path
) -> None:
    out = tmp_path / "out"
    converter = WatchingConverter(out)
    report = render_batch(
        "iep",
        ROSTER / "roster.csv",
        out,
        options=RenderOptions(date=TODAY, template=plan_template),
        school=settings,
        fmt="pdf",
        converter=converter,
        jobs=2,
    )
    assert report.exit_code == 0
    assert set(converter.hidden) == {".sendocs.lock"}  # no staged documents beside the outputs
    assert converter.staging
    for folder, mode in converter.staging:
        assert folder.parent == temp
        assert folder.name.startswith(f"sendocs-staging-{os.getpid()}-")
        assert mode == 0o700
    assert list(temp.iterdir()) == []  # all removed at the end
    pdf = report.outputs[0]
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(pdf.stat().st_mode) == 0o666 & ~mask  # shared like any saved file


def test_a_run_sweeps_what_dead_runs_left_and_leaves_live_runs_alone(
    tmp_path: Path, temp: Path, settings: SchoolSettings, plan_template: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    dead_dir = temp / f"sendocs-staging-{DEAD_PID}-docx-abc"
    dead_dir.mkdir()
    (dead_dir / "Child_plan.docx").write_bytes(b"a child's plan")
    live_dir = temp / f"sendocs-staging-{os.getppid()}-docx-abc"
    live_dir.mkdir()
    dead_part = out / f".sendocs-staging-{DEAD_PID}-0123456789ab.part"
    dead_part.write_bytes(b"half a plan")
    legacy = out / ".sendocs-pdf-abcd1234"
    legacy.mkdir()
    (legacy / "plan.pdf").write_bytes(b"%PDF-")
    old = time.time() - 2 * staging.LEGACY_MAX_AGE
    os.utime(legacy, (old, old))
    young_legacy = out / ".sendocs-docx-efgh5678"
    young_legacy.mkdir()

    staging._SWEPT_TEMP = False  # as in a new process
    render_batch(
        "iep",
        ROSTER / "roster-with-bad-rows.csv",
        out,
        options=RenderOptions(date=TODAY, template=plan_template),
        school=settings,
        jobs=1,
    )
    assert not dead_dir.exists() and not dead_part.exists() and not legacy.exists()
    assert live_dir.exists()  # another run, still running: not ours to remove
    assert young_legacy.exists()  # an older sendocs may still be using it


def test_the_janitor_removes_staging_when_its_process_is_killed(temp: Path) -> None:
    script = (
        "import time\n"
        "from sendocs.staging import private_dir\n"
        "folder = private_dir('docx')\n"
        "(folder / 'plan.docx').write_bytes(b'a child plan')\n"
        "print(folder, flush=True)\n"
        "time.sleep(60)\n"
    )
    env = {**os.environ, "TMPDIR": str(temp), "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=env
    )
    assert process.stdout is not None
    folder = Path(process.stdout.readline().strip())
    assert (folder / "plan.docx").is_file()
    process.send_signal(signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 5
    while folder.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not folder.exists()
    assert list(temp.iterdir()) == []

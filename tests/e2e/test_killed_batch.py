"""A PDF batch killed with SIGKILL during conversion leaves nothing behind, and resumes.

Real processes, real LibreOffice: ``sendocs batch --format pdf`` runs in a
subprocess with its own temporary folder (``TMPDIR``), is killed outright once
LibreOffice is converting, and 10 s later no LibreOffice (or helper) process
started by that run may remain, and no staged document may remain in the output
folder or the temporary folder. Processes are recognised by the killed run's
process id, which every staging folder name and LibreOffice profile path
carries, so LibreOffice processes of other test runs on the machine are neither
counted nor touched. Then ``--resume`` makes only what is missing.
"""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import ROOT

pytestmark = pytest.mark.libreoffice

ROSTER = ROOT / "fixtures" / "roster"
BATCH = [
    "-c",
    "import sys; from sendocs.cli import main; sys.argv[0] = 'sendocs'; main()",
    "batch",
    "iep",
    str(ROSTER / "roster.xlsx"),
    "--school",
    str(ROSTER / "school.yaml"),
    "--date",
    "2026-11-23",
    "--format",
    "pdf",
    "--jobs",
    "1",
]


def processes_of_run(pid: int) -> list[str]:
    """Command lines of live processes that belong to the sendocs run ``pid``."""
    mark = f"sendocs-staging-{pid}-"
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            args = cmdline.read_bytes().split(b"\0")
            state = (cmdline.parent / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        text = " ".join(a.decode(errors="replace") for a in args if a)
        janitor = "staging_janitor.py" in text and text.endswith(f" {pid}")
        if (mark in text or janitor) and state not in ("Z", "X"):
            found.append(text)
    return found


def manifest_rows(folder: Path) -> list[dict[str, str]]:
    with (folder / "manifest.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def wait_for(condition: object, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.1)
    return False


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads processes from /proc (Linux)")
def test_kill_9_during_conversion_leaves_nothing_and_resume_finishes(tmp_path: Path) -> None:
    out, temp = tmp_path / "out", tmp_path / "tmp"
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp), "PYTHONPATH": str(ROOT)}
    run = subprocess.Popen(
        [sys.executable, *BATCH, "-o", str(out)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        converting = wait_for(
            lambda: (
                any("soffice.bin" in p for p in processes_of_run(run.pid))
                and len(list(out.glob("*.pdf"))) >= 2
            ),
            timeout=240,
        )
        assert converting, "LibreOffice never started converting for the batch"
        assert list(temp.glob(f"sendocs-staging-{run.pid}-docx-*/*.docx"))  # staged, not in out
        run.send_signal(signal.SIGKILL)  # no cleanup code of ours runs in that process
    finally:
        run.kill()
        run.wait()
    made = sorted(out.glob("*.pdf"))
    assert 2 <= len(made) < 30, "killed before or after conversion, not during it"

    time.sleep(10)
    assert processes_of_run(run.pid) == []
    assert list(temp.iterdir()) == []  # no staged Word files, PDFs or LibreOffice profile
    leftovers = {p.name for p in out.iterdir()} - {p.name for p in made}
    assert leftovers <= {"manifest.csv", ".sendocs.lock"}, leftovers
    for pdf in made:  # every PDF in the folder is whole, and the manifest names it
        assert pdf.read_bytes().startswith(b"%PDF-")
        assert PdfReader(pdf).pages[0].extract_text()
    recorded = {r["output"] for r in manifest_rows(out) if r["status"] == "rendered"}
    assert {p.name for p in made} <= recorded

    again = subprocess.run(
        [sys.executable, *BATCH, "-o", str(out)], capture_output=True, text=True, env=env
    )
    assert again.returncode == 1
    assert (
        f"{len(made)} documents already exist in {out} (from an earlier run); "
        "use --resume to skip them or --force to replace them" in " ".join(again.stderr.split())
    )

    resumed = subprocess.run(
        [sys.executable, *BATCH, "-o", str(out), "--resume"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert resumed.returncode == 0, resumed.stderr
    summary = " ".join((resumed.stdout + resumed.stderr).split())
    assert f"unchanged {len(made)} (already made by an earlier run), failed 0" in summary
    rows = manifest_rows(out)
    assert len(rows) == 30
    assert sorted(r["status"] for r in rows) == sorted(
        ["unchanged"] * len(made) + ["rendered"] * (30 - len(made))
    )
    assert {r["output"] for r in rows if r["status"] == "unchanged"} == {p.name for p in made}
    assert len(list(out.glob("*.pdf"))) == 30
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == []

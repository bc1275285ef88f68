"""A batch killed with SIGKILL takes its worker processes with it, and nothing they write
afterwards survives in staging (issue 14's kill -9 campaign found both)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="parent-death signal and /proc are Linux"
)


@pytest.fixture
def temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", None)
    return folder


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def _wait_until(condition: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.05)
    return bool(condition())  # type: ignore[operator]


def test_pool_workers_die_with_a_killed_batch_and_end_quietly_on_sigterm(temp: Path) -> None:
    # The parent installs the CLI's SIGTERM handler (raise KeyboardInterrupt) before the
    # pool forks, as `sendocs batch` does; workers must not inherit it.
    script = (
        "import multiprocessing, os, signal, sys, time\n"
        "from sendocs import batch_pool\n"
        "def boom(*a): raise KeyboardInterrupt\n"
        "signal.signal(signal.SIGTERM, boom)\n"
        "def report(_):\n"
        "    time.sleep(0.2)\n"
        "    return os.getpid(), signal.getsignal(signal.SIGTERM) is signal.SIG_DFL\n"
        "ctx = multiprocessing.get_context('fork')\n"
        "pool = ctx.Pool(2, initializer=batch_pool._prepare_worker_process)\n"
        "for pid, default in pool.map(report, range(8), chunksize=1):\n"
        "    print(pid, default, flush=True)\n"
        "print('ready', flush=True)\n"
        "time.sleep(60)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = subprocess.Popen(
        [sys.executable, "-c", script],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert run.stdout is not None
    workers, defaults = set(), set()
    for line in run.stdout:
        if line.strip() == "ready":
            break
        pid, default = line.split()
        workers.add(int(pid))
        defaults.add(default)
    assert defaults == {"True"}
    assert workers and all(_alive(pid) for pid in workers)
    run.send_signal(signal.SIGKILL)
    run.wait()
    assert _wait_until(lambda: not any(_alive(pid) for pid in workers), 5)


def test_the_janitor_sweeps_again_after_a_late_writer_has_gone(temp: Path) -> None:
    # The batch dies; a forked worker (still holding the janitor's pipe) writes into the
    # staging folder after the janitor's first sweep. Its file must not stay behind.
    script = (
        "import os, signal, time\n"
        "from sendocs.staging import private_dir\n"
        "folder = private_dir('docx')\n"
        "print(folder, flush=True)\n"
        "if os.fork() == 0:\n"
        "    time.sleep(1.0)\n"
        "    folder.mkdir(exist_ok=True)\n"
        "    (folder / 'late-plan.docx').write_bytes(b'a child plan')\n"
        "    time.sleep(0.5)\n"
        "    os._exit(0)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    env = {**os.environ, "TMPDIR": str(temp), "PYTHONPATH": str(ROOT)}
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env)
    folder = Path(run.stdout.strip())
    assert folder.parent == temp
    assert _wait_until(lambda: not folder.exists() and list(temp.iterdir()) == [], 8)

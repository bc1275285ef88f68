"""Shared helpers of the reliability campaign (issue #14's "done when").

Each campaign script runs the real ``sendocs`` command line as a user would,
so it can count what a user would see: tracebacks, exit codes, messages. The
helpers here keep the scripts short: run a command with a time limit, count
tracebacks, list left-over processes and staged folders, print a table.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # the scripts import fixtures/ and tests/ builders
    sys.path.insert(0, str(ROOT))

SENDOCS = str(Path(sys.executable).with_name("sendocs"))

#: What a Python traceback (or an "internal error" apology) looks like in output.
TRACEBACK = re.compile(r"Traceback \(most recent call last\)|internal error", re.IGNORECASE)


@dataclass
class Run:
    """One finished command: exit code, output, seconds and peak RSS of its children."""

    args: list[str]
    code: int
    stdout: str
    stderr: str
    seconds: float
    peak_rss_mb: float

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    @property
    def tracebacks(self) -> int:
        return len(TRACEBACK.findall(self.output))


GNU_TIME = Path("/usr/bin/time")

#: Marks every process a campaign run starts (inherited through the
#: environment), so processes of other people's runs on a shared machine are
#: never counted, or killed.
MARK = "SENDOCS_CAMPAIGN_RUN"


def campaign_env(tmp: Path) -> dict[str, str]:
    """The environment for one campaign: its own TMPDIR, and the mark."""
    return {**os.environ, "PYTHONUNBUFFERED": "1", "TMPDIR": str(tmp), MARK: str(tmp)}


def private_tmp(name: str) -> Path:
    """A fresh temporary folder of the campaign's own: anything left in it is a leak."""
    return Path(tempfile.mkdtemp(prefix=f"campaign-{name}-"))


def run(
    args: Sequence[str], *, env: dict[str, str], timeout: float = 300, cwd: Path | None = None
) -> Run:
    """Run a command; its peak RSS is the largest of it and the children it waited for.

    The figure comes from GNU time (``%M``) when ``/usr/bin/time`` exists (Debian
    package ``time``): a process forked from this script would inherit the
    script's own high-water mark, which ``wait4`` would then report. Without
    it, ``wait4``'s figure is used (an upper bound). Past ``timeout`` seconds
    the process group is killed and the exit code is -9.
    """
    start = time.monotonic()
    measured = Path(tempfile.mkstemp(prefix="campaign-rss-")[1]) if GNU_TIME.exists() else None
    prefix = [str(GNU_TIME), "-q", "-f", "%M", "-o", str(measured)] if measured else []
    proc = subprocess.Popen(
        [*prefix, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=cwd or ROOT,
        env=env,
        start_new_session=True,
    )
    chunks: dict[str, list[bytes]] = {"out": [], "err": []}

    def drain(stream: IO[bytes], into: list[bytes]) -> None:
        into.append(stream.read())

    assert proc.stdout is not None and proc.stderr is not None
    readers = [
        threading.Thread(target=drain, args=(proc.stdout, chunks["out"])),
        threading.Thread(target=drain, args=(proc.stderr, chunks["err"])),
    ]
    for reader in readers:
        reader.start()
    timer = threading.Timer(timeout, lambda: os.killpg(proc.pid, signal.SIGKILL))
    timer.start()
    _, status, usage = os.wait4(proc.pid, 0)
    timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    for reader in readers:
        reader.join()
    seconds = time.monotonic() - start
    peak_kb = float(usage.ru_maxrss)
    if measured is not None:
        lines = measured.read_text().split()
        measured.unlink()
        if lines and lines[-1].isdigit():
            peak_kb = float(lines[-1])
    return Run(
        list(args),
        proc.returncode,
        b"".join(chunks["out"]).decode(errors="replace"),
        b"".join(chunks["err"]).decode(errors="replace"),
        seconds,
        peak_kb / 1024,
    )


def sendocs(*args: str, env: dict[str, str], timeout: float = 300) -> Run:
    return run([SENDOCS, *args], env=env, timeout=timeout)


def marked_processes(mark: str) -> list[tuple[int, str, str]]:
    """(pid, name, command line) of every live process carrying this campaign's mark."""
    found = []
    needle = f"{MARK}={mark}".encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if needle not in (entry / "environ").read_bytes().split(b"\0"):
                continue
            comm = (entry / "comm").read_text().strip()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            status = (entry / "status").read_text()
        except OSError:
            continue
        if "State:\tZ" not in status:
            found.append((int(entry.name), comm, cmdline.strip()))
    return found


def wait_for_no_processes(mark: str, seconds: float) -> tuple[float, list[tuple[int, str, str]]]:
    """Seconds until no marked process is alive (or the limit), and what is left then."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if not marked_processes(mark):
            return time.monotonic() - start, []
        time.sleep(0.1)
    return time.monotonic() - start, marked_processes(mark)


def leftovers(tmp: Path, *folders: Path) -> list[Path]:
    """What a run left: anything in its private TMPDIR, and ``.sendocs-*``
    temporary files in the output folders."""
    left = sorted(tmp.iterdir())
    for folder in folders:
        if folder.is_dir():
            left += sorted(folder.rglob(".sendocs-*"))
    return left


def table(title: str, rows: Sequence[tuple[str, object]]) -> None:
    """Print a two-column summary table."""
    width = max(len(name) for name, _ in rows)
    print(f"\n{title}\n" + "-" * len(title))
    for name, value in rows:
        print(f"{name.ljust(width)}  {value}")

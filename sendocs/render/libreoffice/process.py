"""Starting LibreOffice so that it never outlives us, and stopping it whole.

``soffice.bin`` is started directly on Linux (not through ``oosplash``, which
would leave it behind when killed), every LibreOffice is the leader of its own
process group so it can be stopped with everything it started, and a child
the calling thread waits for gets a parent-death signal.

LibreOffice also gets a faster memory allocator where one is installed
(:func:`faster_malloc`): opening a plan, writing its PDF and closing it spends
about a fifth of its CPU time in glibc's ``malloc``/``free``.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from sendocs.render.libreoffice.locate import clean_env

__all__ = [
    "MALLOC_LIBRARIES",
    "RESTART_STATUS",
    "die_with_parent_kwargs",
    "faster_malloc",
    "kill_group",
    "office_program",
    "popen_group_kwargs",
]


RESTART_STATUS = 81
"""``soffice.bin`` exits with this to ask its launcher to start it again (a new profile)."""


MALLOC_LIBRARIES: tuple[str, ...] = (
    "/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4",
    "/usr/lib/aarch64-linux-gnu/libtcmalloc_minimal.so.4",
    "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2",
    "/usr/lib/aarch64-linux-gnu/libjemalloc.so.2",
)
"""Allocators LibreOffice is preloaded with, the first one installed (Debian packages
``libtcmalloc-minimal4``, ``libjemalloc2``). Measured with ``benchmarks/lo_phases.py``
on 40 two-page plans, LibreOffice CPU per plan (open + PDF + close), mean of
alternating runs at load 7-8: glibc 183 ms, jemalloc 153 ms, tcmalloc 139 ms;
the PDFs' text and page images are the same."""


def faster_malloc(env: dict[str, str]) -> None:
    """Preload a faster allocator into LibreOffice (Linux, where one is installed).

    ``SENDOCS_LO_MALLOC``: a library path to use instead, or ``0`` for glibc's.
    The allocator is added to any ``LD_PRELOAD`` already set, never replaces it.
    """
    if not sys.platform.startswith("linux"):
        return
    chosen = env.get("SENDOCS_LO_MALLOC", "")
    if chosen == "0":
        return
    candidates = (chosen,) if chosen else MALLOC_LIBRARIES
    library = next((c for c in candidates if os.path.isfile(c)), None)
    if library is None:
        return
    preload = env.get("LD_PRELOAD", "")
    if library not in preload.split(":"):
        env["LD_PRELOAD"] = f"{preload}:{library}" if preload else library


def office_program(soffice: Path, temp: Path) -> tuple[Path, dict[str, str]]:
    """The program to start LibreOffice with, and the environment it needs.

    LibreOffice keeps its own temporary files (``lu*.tmp``, copies of open
    documents among them) in ``temp``, our private folder, so they go with it.

    On Linux, ``soffice`` is a shell script that runs ``oosplash``, which runs
    ``soffice.bin``. Killing ``oosplash`` (or its parent) leaves ``soffice.bin``
    running, so where ``soffice.bin`` sits beside the script we start it
    directly with the setting the script would have made for it, and restart it
    ourselves when it asks (status 81). Elsewhere ``soffice`` itself.
    """
    env = clean_env()
    for name in ("TMPDIR", "TMP", "TEMP"):
        env[name] = str(temp)
    faster_malloc(env)
    if not sys.platform.startswith("linux"):
        return soffice, env
    program = Path(os.path.realpath(soffice)).parent
    binary, splash = program / "soffice.bin", program / "oosplash"
    if not (binary.is_file() and splash.is_file() and os.access(binary, os.X_OK)):
        return soffice, env
    # The script also sets LC_ALL=C for oosplash, which puts the user's locale back for
    # soffice.bin; started directly, soffice.bin keeps the user's locale (and with it
    # file names outside ASCII) if we simply leave LC_ALL alone.
    env["SAL_ENABLE_FILE_LOCKING"] = "1"
    return binary, env


def _die_with_parent() -> None:
    """In a child before exec (Linux): the kernel kills it when the thread that forked it
    ends, i.e. when we die. Also done by :mod:`sendocs.render.uno_worker`."""
    import ctypes

    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG


def die_with_parent_kwargs() -> dict[str, Any]:
    """Popen arguments for a child that must not outlive this process (Linux only).

    The parent-death signal fires when the *thread* that started the child
    ends, so use it only for children that thread waits for.
    """
    if sys.platform.startswith("linux"):
        return {"preexec_fn": _die_with_parent}
    return {}


def popen_group_kwargs() -> dict[str, Any]:
    """Start a child as the leader of a new process group, so it can be stopped whole."""
    if sys.platform == "win32":
        return {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
    return {"start_new_session": True}


def kill_group(process: subprocess.Popen[Any], grace: float = 5.0, *, gentle: bool = True) -> None:
    """Stop ``process`` and everything it started (soffice, oosplash, soffice.bin).

    ``gentle``: ask first (SIGTERM), then kill after ``grace`` seconds; without it,
    kill at once (for a process whose files are all thrown away: LibreOffice takes
    a while to act on SIGTERM, and under load that was most of a converter's stop).
    """
    if sys.platform == "win32":
        subprocess.run(
            ["taskkill", "/F", "/T", "/PID", str(process.pid)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=grace)
        return
    pgid = process.pid  # start_new_session: the child's pid is its group id
    steps = ((signal.SIGTERM, grace),) if gentle else ()
    for sig, wait in (*steps, (signal.SIGKILL, grace)):
        try:
            os.killpg(pgid, sig)
        except ProcessLookupError:
            break
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=0.05)
            if process.poll() is not None and not _group_alive(pgid):
                return
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=grace)


def _group_alive(pgid: int) -> bool:
    """Whether any process of the group still runs (zombies awaiting their reaper do not)."""
    proc = Path("/proc")
    if proc.is_dir():
        for stat in proc.glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if len(fields) > 2 and fields[2] == str(pgid) and fields[0] not in ("Z", "X"):
                return True
        return False
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True

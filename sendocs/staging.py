"""Private staging folders that never outlive the run, and sweeping what a killed run left.

Why this exists: a batch stages complete documents about children (Word files
waiting for conversion, PDFs waiting to be moved into place). Staged inside the
user's output folder, they were zipped and synced with it, and a ``kill -9``
left them there for good. So staging now lives in private folders (mode 0700)
in the system temporary folder, and three things make sure they go away:

1. the code that made a folder removes it when it is done (``finally``);
2. a tiny janitor process (:mod:`sendocs.staging_janitor`), started once per
   process on first use, removes every folder this process registered as soon
   as the process dies — even by ``SIGKILL``, which no ``finally`` survives;
3. every run sweeps staging whose owning process is gone (:func:`sweep`), in
   the temporary folder and in its output folder, in case the janitor itself
   was killed.

Every staging folder is named ``sendocs-staging-<pid>-<label>-<random>``; every
temporary file sendocs writes beside an output is named
``.sendocs-staging-<pid>-<random>.part``. The process id in the name is what
lets a sweep tell a dead run's leftovers from a live run's work.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

__all__ = [
    "LEGACY_MAX_AGE",
    "PREFIX",
    "pid_alive",
    "private_dir",
    "remove_dir",
    "staging_dir",
    "sweep",
    "temp_file_name",
]

log = logging.getLogger(__name__)

PREFIX = "sendocs-staging-"
_OWNED = re.compile(r"^\.?sendocs-staging-(\d+)-")
# Hidden folders earlier versions of sendocs staged in the output folder itself.
_LEGACY = re.compile(r"^\.sendocs-(?:docx-|pdf-)?[A-Za-z0-9_]{8}$")
LEGACY_MAX_AGE = 3600.0
"""Seconds after which a legacy staging folder (no process id in its name) is swept."""

_JANITOR_SCRIPT = Path(__file__).with_name("staging_janitor.py")


def private_dir(label: str) -> Path:
    """A new folder only this user can read, in the system temporary folder.

    The caller removes it with :func:`remove_dir`; if the process dies first,
    the janitor (or the next run's :func:`sweep`) removes it.
    """
    _sweep_temp_once()
    path = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-{label}-"))  # mode 0700
    _JANITOR.watch(path)
    return path


def remove_dir(path: Path) -> None:
    """Remove a staging folder and everything in it; a missing folder is fine."""
    shutil.rmtree(path, ignore_errors=True)


@contextlib.contextmanager
def staging_dir(label: str) -> Iterator[Path]:
    """A :func:`private_dir` for the length of a ``with`` block."""
    path = private_dir(label)
    try:
        yield path
    finally:
        remove_dir(path)


def temp_file_name(suffix: str = "") -> str:
    """A hidden, owned name for a temporary file beside an output (swept if we die)."""
    return f".{PREFIX}{os.getpid()}-{uuid.uuid4().hex[:12]}{suffix}.part"


# --------------------------------------------------------------------------- sweeping


def sweep(folder: Path | None = None) -> list[Path]:
    """Remove staging left by sendocs runs that are no longer running; return what went.

    ``folder``: an output folder (its hidden temporary files and the hidden
    staging folders of earlier versions) or, by default, the system temporary
    folder. Only entries owned by this user whose process is gone are touched;
    another run's live staging is left alone.
    """
    where = Path(folder) if folder is not None else Path(tempfile.gettempdir())
    removed: list[Path] = []
    try:
        entries = list(os.scandir(where))
    except OSError:
        return removed
    for entry in entries:
        if _is_stale(entry, legacy=folder is not None):
            path = Path(entry.path)
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(path, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    path.unlink()
            removed.append(path)
    if removed:
        log.info("removed %d staging leftover(s) of earlier runs in %s", len(removed), where)
    return removed


def _is_stale(entry: os.DirEntry[str], *, legacy: bool) -> bool:
    try:
        info = entry.stat(follow_symlinks=False)
    except OSError:
        return False
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return False
    match = _OWNED.match(entry.name)
    if match:
        pid = int(match.group(1))
        return pid != os.getpid() and not pid_alive(pid)
    if legacy and _LEGACY.match(entry.name) and entry.is_dir(follow_symlinks=False):
        return time.time() - info.st_mtime > LEGACY_MAX_AGE
    return False


_SWEPT_TEMP = False


def _sweep_temp_once() -> None:
    global _SWEPT_TEMP
    if not _SWEPT_TEMP:
        _SWEPT_TEMP = True
        sweep()


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs (a reused id counts as alive: the safe side)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _windows_pid_alive(pid: int) -> bool:  # pragma: no cover - Windows only
    # os.kill(pid, 0) would terminate the process on Windows; ask the kernel instead.
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return False
    try:
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


# --------------------------------------------------------------------------- the janitor


class _Janitor:
    """A child process that removes this process's staging folders when it dies.

    Started on first use; told each folder's path over a pipe. When the pipe
    closes (this process exited or was killed) or this process disappears, the
    janitor deletes whatever of those folders still exists and exits.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._owner = 0
        self._stdin: IO[bytes] | None = None
        self._process: subprocess.Popen[bytes] | None = None

    def watch(self, path: Path) -> None:
        with self._lock:
            try:
                stdin = self._ensure_running()
                stdin.write(os.fsencode(path) + b"\n")
                stdin.flush()
            except (OSError, ValueError) as exc:  # the sweep of the next run still covers it
                log.debug("staging janitor unavailable: %s", exc)
                self._stdin = None

    def _ensure_running(self) -> IO[bytes]:
        if (
            self._stdin is not None
            and self._owner == os.getpid()
            and self._process is not None
            and self._process.poll() is None
        ):
            return self._stdin
        kwargs: dict[str, Any] = {"start_new_session": True}  # Ctrl-C must not reach it
        if sys.platform == "win32":  # pragma: no cover
            kwargs = {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
        self._process = subprocess.Popen(
            [sys.executable, "-I", "-S", str(_JANITOR_SCRIPT), str(os.getpid())],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=True,
            **kwargs,
        )
        assert self._process.stdin is not None
        self._stdin = self._process.stdin
        self._owner = os.getpid()
        return self._stdin


_JANITOR = _Janitor()

"""Removes a sendocs process's staging folders once that process is gone.

Run by :mod:`sendocs.staging` as ``python -I -S staging_janitor.py <parent pid>``
(standard library only, so it starts in milliseconds). The parent writes one
path per line to our stdin. We wait until stdin closes — the parent exited or
was killed, even by ``SIGKILL`` — or until we are handed to another parent
(the parent died while a forked child still holds the pipe open), then delete
every listed path that still exists, and exit.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sys
import threading

POLL_SECONDS = 0.25
LINGER_SECONDS = 5.0


def main() -> int:
    parent = int(sys.argv[1])
    for name in ("SIGINT", "SIGHUP"):  # the parent's terminal is not ours to obey
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_IGN)
    paths: list[bytes] = []
    closed = threading.Event()

    def read() -> None:
        for line in sys.stdin.buffer:
            path = line.rstrip(b"\n")
            if path:
                paths.append(path)
                if len(paths) > 200:  # a long-lived parent: forget folders already gone
                    paths[:] = [p for p in paths if os.path.lexists(p)]
        closed.set()

    threading.Thread(target=read, daemon=True).start()
    while not closed.wait(POLL_SECONDS):
        if sys.platform != "win32" and os.getppid() != parent:
            break
    _remove(paths)
    # Handed to another parent while a forked child (a batch worker) still holds the pipe:
    # it may still be writing into a folder we just removed part of. Sweep again once it
    # has gone too (its end of the pipe closes), waiting no longer than LINGER_SECONDS.
    if not closed.is_set():
        closed.wait(LINGER_SECONDS)
        _remove(paths)
    return 0


def _remove(paths: list[bytes]) -> None:
    for path in list(paths):
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path, ignore_errors=True)
        elif os.path.lexists(path):
            with contextlib.suppress(OSError):
                os.unlink(path)


if __name__ == "__main__":
    sys.exit(main())

"""One batch per output folder at a time: ``.sendocs.lock``.

Two batches writing into one folder overwrote each other's documents and
manifest. A batch now holds an exclusive lock on ``.sendocs.lock`` in its
output folder for the whole run (``fcntl.flock`` where there is one,
``msvcrt.locking`` on Windows) and writes its process id into it, so a second
run is refused with a message naming the folder and that process. The kernel
releases the lock when its holder dies, even by ``kill -9``; a lock file left
behind by a dead run is therefore simply taken over. The file is removed at
the end of the run.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from sendocs.errors import SendocsError

__all__ = ["LOCK_NAME", "BatchLockedError", "output_lock"]

LOCK_NAME = ".sendocs.lock"


class BatchLockedError(SendocsError):
    """Another sendocs batch is writing to the same output folder."""

    def __init__(self, message: str, folder: str = "", pid: int | None = None) -> None:
        super().__init__(message)
        self.folder = folder
        self.pid = pid

    def __reduce__(self) -> tuple[type[BatchLockedError], tuple[str, str, int | None]]:
        return (type(self), (str(self), self.folder, self.pid))


@contextlib.contextmanager
def output_lock(folder: Path) -> Iterator[Path]:
    """Hold the batch lock of ``folder`` for the length of a ``with`` block.

    Raises :class:`BatchLockedError` at once (no waiting) when another run holds it.
    """
    path = folder / LOCK_NAME
    handle = _acquire(path, folder)
    try:
        yield path
    finally:
        with contextlib.suppress(OSError):
            path.unlink()  # still holding the lock, so no one else is using the file
        handle.close()  # releases the lock


def _acquire(path: Path, folder: Path) -> IO[str]:
    for _attempt in range(5):
        handle = open(path, "a+", encoding="ascii")  # noqa: SIM115 - closed by output_lock
        try:
            if not _try_lock(handle):
                pid = _read_pid(handle)
                who = f" (pid {pid})" if pid else ""
                raise BatchLockedError(
                    f"another sendocs batch is writing to {folder}{who}; wait for it to "
                    f"finish, or choose another output folder",
                    str(folder),
                    pid,
                )
            if _same_file(handle, path):  # not unlinked by a run that just finished
                handle.seek(0)
                handle.truncate()
                handle.write(f"{os.getpid()}\n")
                handle.flush()
                return handle
        except BaseException:
            handle.close()
            raise
        handle.close()
    raise SendocsError(f"{path}: could not take the batch lock; try again")


def _try_lock(handle: IO[str]) -> bool:
    """Take the lock without waiting; False if another process holds it."""
    try:
        if sys.platform == "win32":  # pragma: no cover - Windows only
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
            return False
        if exc.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS):
            return True  # a file system without locks (some network drives): go on unlocked
        raise SendocsError(
            f"{handle.name}: cannot lock the output folder ({exc.strerror})"
        ) from None
    return True


def _read_pid(handle: IO[str]) -> int | None:
    with contextlib.suppress(OSError, ValueError):
        handle.seek(0)
        return int(handle.read().strip() or "0") or None
    return None


def _same_file(handle: IO[str], path: Path) -> bool:
    try:
        mine, named = os.fstat(handle.fileno()), os.stat(path)
    except OSError:
        return False
    return (mine.st_dev, mine.st_ino) == (named.st_dev, named.st_ino)

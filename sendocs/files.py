"""Writing output files safely: whole or not at all, never over a user's file by accident.

Every output goes to a temporary file in the destination folder and is
renamed into place only when complete, so an interrupted run or a failed
render leaves nothing half-written behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from sendocs.errors import OutputExistsError, SendocsError

__all__ = ["atomic_output", "atomic_write_bytes", "check_can_write"]


def _default_mode() -> int:
    """The permissions a plainly created file gets here (0o666 less the umask).

    ``mkstemp`` creates files readable only by their owner; outputs should be
    shared as any other file the user saves.
    """
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


_FILE_MODE = _default_mode()


def check_can_write(path: Path, force: bool) -> None:
    """Raise :class:`OutputExistsError` if ``path`` exists and ``force`` is off."""
    if path.exists() and not force:
        raise OutputExistsError(f"{path}: already exists; use --force to replace it")


@contextlib.contextmanager
def atomic_output(path: str | Path, force: bool = False) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success rename it into place.

    On any exception the temporary file is removed and ``path`` is untouched.
    """
    path = Path(path)
    check_can_write(path, force)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SendocsError(f"{path.parent}: cannot create folder ({exc.strerror})") from None
    fd, tmp_name = tempfile.mkstemp(
        prefix=f".{path.stem}.", suffix=path.suffix + ".part", dir=path.parent
    )
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        if not tmp.exists() or tmp.stat().st_size == 0:
            raise SendocsError(f"{path}: nothing was written")
        check_can_write(path, force)  # a parallel run may have written it meanwhile
        os.chmod(tmp, _FILE_MODE)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def atomic_write_bytes(path: str | Path, data: bytes, force: bool = False) -> Path:
    """Write ``data`` to ``path`` atomically; returns the path."""
    path = Path(path)
    with atomic_output(path, force) as tmp:
        tmp.write_bytes(data)
    return path

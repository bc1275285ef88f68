"""Writing output files safely: whole or not at all, never over a user's file by accident.

Every output goes to a temporary file in the destination folder and is
renamed into place only when complete, so an interrupted run or a failed
render leaves nothing half-written behind. Temporary files carry the writing
process's id in their name (see :mod:`sendocs.staging`), so a later run
removes any that a killed run left.

:func:`publish_file` is the one step that moves a staged file (a converted
PDF, a rendered document) into the user's folder: the same for a single
document and for a batch.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from sendocs.errors import OutputExistsError, SendocsError
from sendocs.staging import temp_file_name

__all__ = ["FILE_MODE", "atomic_output", "atomic_write_bytes", "check_can_write", "publish_file"]


def _default_mode() -> int:
    """The permissions a plainly created file gets here (0o666 less the umask).

    ``mkstemp`` creates files readable only by their owner; outputs should be
    shared as any other file the user saves.
    """
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


FILE_MODE = _default_mode()


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
    tmp = path.parent / temp_file_name()
    try:
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except OSError as exc:
        raise SendocsError(f"{path.parent}: cannot write here ({exc.strerror})") from None
    try:
        yield tmp
        if not tmp.exists() or tmp.stat().st_size == 0:
            raise SendocsError(f"{path}: nothing was written")
        check_can_write(path, force)  # a parallel run may have written it meanwhile
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def atomic_write_bytes(path: str | Path, data: bytes, force: bool = False) -> Path:
    """Write ``data`` to ``path`` atomically; returns the path."""
    path = Path(path)
    with atomic_output(path, force) as tmp:
        tmp.write_bytes(data)
    return path


def publish_file(staged: Path, target: Path, *, force: bool = False) -> Path:
    """Move a finished file from staging to ``target`` in one step; returns ``target``.

    The file gets the permissions of any file the user saves. Within one file
    system this is a rename, so ``target`` is never seen half-written. Across
    file systems (a temporary folder on another disk) the file is copied to a
    hidden temporary name beside ``target``, flushed to disk, then renamed; the
    temporary copy is removed if anything fails. Refuses to replace an existing
    ``target`` unless ``force``.
    """
    check_can_write(target, force)
    try:
        os.chmod(staged, FILE_MODE)
        os.replace(staged, target)
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise SendocsError(f"{target}: cannot write the document ({exc.strerror})") from None
        _copy_into_place(staged, target)
    return target


def _copy_into_place(staged: Path, target: Path) -> None:
    tmp = target.parent / temp_file_name()
    try:
        with staged.open("rb") as source, open(tmp, "xb") as copy:
            shutil.copyfileobj(source, copy, 1 << 20)
            copy.flush()
            os.fsync(copy.fileno())
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, target)
    except OSError as exc:
        raise SendocsError(f"{target}: cannot write the document ({exc.strerror})") from None
    finally:
        tmp.unlink(missing_ok=True)
    staged.unlink(missing_ok=True)

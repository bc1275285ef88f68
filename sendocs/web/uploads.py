"""Uploaded files: checked for size and type, saved under names the app chooses.

The name a user's file had is kept only as a label to show back to them; it is
never part of a path. Type is checked by the file's first bytes as well as its
extension, so a renamed file is refused with a message saying what is wanted.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from werkzeug.datastructures import FileStorage

__all__ = ["MAX_UPLOAD_MB", "UploadError", "kind_of", "save_upload"]

MAX_UPLOAD_MB = 50

_KINDS: dict[str, tuple[str, ...]] = {
    # kind: extensions accepted
    "pdf": (".pdf",),
    "docx": (".docx",),
    "xlsx": (".xlsx",),
    "csv": (".csv",),
    "yaml": (".yaml", ".yml"),
    "odt": (".odt",),
    "doc": (".doc",),
}


class UploadError(Exception):
    """An upload that cannot be used; ``message`` is shown to the user as it is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Saved:
    path: Path
    kind: str
    label: str  # the file's own name, for showing only


def kind_of(filename: str) -> str | None:
    suffix = Path(filename).suffix.lower()
    for kind, suffixes in _KINDS.items():
        if suffix in suffixes:
            return kind
    return None


def _looks_like(kind: str, head: bytes) -> bool:
    if kind == "pdf":
        return b"%PDF-" in head[:1024]
    if kind in ("docx", "xlsx", "odt"):
        return head.startswith(b"PK\x03\x04")
    if kind == "doc":
        return head.startswith(b"\xd0\xcf\x11\xe0")
    # text: no NUL bytes in the start of the file
    return b"\x00" not in head


def save_upload(
    upload: FileStorage | None,
    folder: Path,
    stem: str,
    accept: tuple[str, ...],
    what: str,
) -> Saved:
    """Save ``upload`` as ``folder/stem.<ext>`` if it is one of the ``accept`` kinds."""
    if upload is None or not upload.filename:
        raise UploadError(f"Select {what}")
    label = Path(upload.filename.replace("\\", "/")).name[:200]
    kind = kind_of(label)
    names = " or ".join(", ".join(a.upper() for a in accept).rsplit(", ", 1))
    if kind not in accept:
        raise UploadError(f"The selected file must be a {names} file ({label} is not)")
    head = upload.stream.read(1024)
    upload.stream.seek(0)
    if not head:
        raise UploadError(f"The selected file is empty ({label})")
    if not _looks_like(kind, head):
        raise UploadError(
            f"The selected file is not a real {kind.upper()} file ({label}); "
            "save it again from the program that made it"
        )
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{stem}{_KINDS[kind][0]}"
    upload.save(path)
    return Saved(path=path, kind=kind, label=label)

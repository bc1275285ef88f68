"""Serving files the app made, chosen by their number in a listing, never by a name in the URL."""

from __future__ import annotations

from pathlib import Path

from flask import abort, send_file
from werkzeug.wrappers import Response

__all__ = ["file_list", "send_listed"]

_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".zip": "application/zip",
    ".yaml": "application/x-yaml",
}


def file_list(folder: Path) -> list[Path]:
    """The files in ``folder``, in a stable order (Word before PDF)."""
    if not folder.is_dir():
        return []
    return sorted(
        (p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")),
        key=lambda p: (p.stem, p.suffix != ".docx"),
    )


def send_listed(files: list[Path], number: int, *, inline: bool = False) -> Response:
    if not 0 <= number < len(files):
        abort(404)
    path = files[number]
    return send_file(
        path,
        mimetype=_TYPES.get(path.suffix.lower(), "application/octet-stream"),
        as_attachment=not inline,
        download_name=path.name,
        max_age=0,
    )

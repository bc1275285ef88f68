"""Passwords for encrypted PDFs in a bundle: kept in the server's memory only.

A solicitor types a document's password on its page; it is held here, keyed
by the bundle and the stored file's name, and given to
:func:`sendocs.build_bundle` in the specification object (never in the
``bundle.yaml`` written to the bundle's folder). It is never logged, never
written to disk and never sent back in a page: a page only says whether a
password has been given. Deleting the bundle or the document forgets it, and
so does stopping the server (the solicitor then types it again).
"""

from __future__ import annotations

import threading
from pathlib import Path

from pydantic import SecretStr

import sendocs

__all__ = ["Passwords", "is_encrypted", "with_passwords"]


class Passwords:
    """Document passwords per bundle, in memory, safe to use from several threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_item: dict[str, dict[str, SecretStr]] = {}

    def set(self, item_id: str, file: str, password: str) -> None:
        with self._lock:
            self._by_item.setdefault(item_id, {})[file] = SecretStr(password)

    def has(self, item_id: str, file: str) -> bool:
        with self._lock:
            return file in self._by_item.get(item_id, {})

    def of(self, item_id: str) -> dict[str, SecretStr]:
        """A copy of one bundle's passwords, by stored file name."""
        with self._lock:
            return dict(self._by_item.get(item_id, {}))

    def forget(self, item_id: str, file: str | None = None) -> None:
        """Forget one document's password, or (``file`` None) every one of the bundle's."""
        with self._lock:
            if file is None:
                self._by_item.pop(item_id, None)
            else:
                self._by_item.get(item_id, {}).pop(file, None)

    def __repr__(self) -> str:  # never the passwords, even in a debugger or a log
        return f"Passwords({len(self._by_item)} bundles)"


def is_encrypted(path: Path) -> bool:
    """Whether a PDF needs a password to open (one locked only against printing does not)."""
    if path.suffix.lower() != ".pdf":
        return False
    try:
        from pypdf import PdfReader

        reader = PdfReader(path)
        if not reader.is_encrypted:
            return False
        return not reader.decrypt("")
    except Exception:  # a damaged file: the build reports it in its own words
        return False


def with_passwords(spec: sendocs.BundleSpec, passwords: dict[str, SecretStr]) -> sendocs.BundleSpec:
    """``spec`` with each document whose file has a password given that password, in memory."""
    if not passwords:
        return spec
    sections = []
    for section in spec.sections:
        documents = [
            d.model_copy(update={"password": passwords[d.path.name]})
            if d.path.name in passwords
            else d
            for d in section.documents
        ]
        sections.append(section.model_copy(update={"documents": documents}))
    return spec.model_copy(update={"sections": sections})

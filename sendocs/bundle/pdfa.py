"""PDF/A-2b bundles (work in progress)."""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path

import pikepdf

from sendocs.errors import BundleError

__all__ = ["make_pdfa"]


def make_pdfa(pdf: pikepdf.Pdf, title: str, work_dir: Path, opened: ExitStack) -> pikepdf.Pdf:
    """Not available yet."""
    raise BundleError("--pdfa is not available yet")

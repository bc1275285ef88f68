"""The one font every page sendocs draws uses: Liberation Sans, embedded.

Index pages, page-number stamps and form continuation sheets are drawn with
reportlab. Its built-in Helvetica is never embedded, so such pages render with
whatever the reader's viewer substitutes and a bundle cannot be PDF/A. Liberation
Sans (metric-compatible with Arial/Helvetica, SIL Open Font License 1.1) ships in
``sendocs/data/fonts`` with its licence, so nothing depends on the fonts installed on
the machine; reportlab embeds the subset of glyphs a document uses.
"""

from __future__ import annotations

import threading
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from sendocs.errors import SendocsError

__all__ = ["BOLD", "FONT_DIR", "REGULAR", "register_fonts"]

FONT_DIR = Path(__file__).resolve().parent / "data" / "fonts"
REGULAR = "SendocsSans"
BOLD = "SendocsSans-Bold"
_FILES = {REGULAR: "LiberationSans-Regular.ttf", BOLD: "LiberationSans-Bold.ttf"}
_lock = threading.Lock()
_registered = False


def register_fonts() -> tuple[str, str]:
    """Register the shipped fonts with reportlab once; return the (regular, bold) names.

    Raises :class:`~sendocs.errors.SendocsError` naming the missing file when the
    installation is incomplete (the font files are package data).
    """
    global _registered
    if _registered:  # called for every string measured: keep it cheap
        return REGULAR, BOLD
    with _lock:
        registered = set(pdfmetrics.getRegisteredFontNames())
        for name, filename in _FILES.items():
            if name in registered:
                continue
            path = FONT_DIR / filename
            if not path.is_file():
                raise SendocsError(
                    f"the font file {path} is missing: the installation is incomplete; "
                    "reinstall sendocs"
                )
            pdfmetrics.registerFont(TTFont(name, str(path)))
        _registered = True
    return REGULAR, BOLD

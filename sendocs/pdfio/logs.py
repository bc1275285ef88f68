"""Collecting what PDF libraries say, per document, instead of printing it at the user.

pypdf, pikepdf (qpdf), fontTools and Pillow report every oddity of a damaged
file as a log record or a Python warning; one odd file can print dozens of
``WARNING pypdf…`` lines that mean nothing to a solicitor. Inside
:func:`captured_logs` those records go into a list that belongs to the
document being read; the command line prints a one-line summary and shows
the details only with ``--verbose``.
"""

from __future__ import annotations

import contextlib
import logging
import warnings
from collections.abc import Iterator

__all__ = ["LIBRARY_LOGGERS", "captured_logs"]

LIBRARY_LOGGERS = ("pypdf", "pikepdf", "fontTools", "PIL", "reportlab")
_MAX_LINES = 200  # one pathological file can log a line per object


class _ListHandler(logging.Handler):
    def __init__(self, lines: list[str]) -> None:
        super().__init__(logging.DEBUG)
        self.lines = lines

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno < logging.WARNING or len(self.lines) >= _MAX_LINES:
            return
        try:
            message = record.getMessage()
        except Exception:  # a library's bad format string must not break reading
            message = str(record.msg)
        self.lines.append(f"{record.name}: {message}")


@contextlib.contextmanager
def captured_logs() -> Iterator[list[str]]:
    """Collect library log records (WARNING and above) and warnings into the yielded list.

    The libraries' loggers stop propagating while inside, so nothing reaches
    the root handler (the terminal); they are restored on exit. Lines are
    added as they are said, so one context can serve many documents (the
    bundle's in-process check compares the list's length before and after
    each one; entering a context costs about half a millisecond).
    """
    lines: list[str] = []
    handler = _ListHandler(lines)
    saved: list[tuple[logging.Logger, bool]] = []
    for name in LIBRARY_LOGGERS:
        logger = logging.getLogger(name)
        saved.append((logger, logger.propagate))
        logger.addHandler(handler)
        logger.propagate = False

    def collect(message: Warning | str, category: type[Warning], *_: object, **__: object) -> None:
        if len(lines) < _MAX_LINES:
            lines.append(f"{category.__name__}: {message}")

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("always")
            warnings.showwarning = collect
            yield lines
    finally:
        for logger, propagate in saved:
            logger.removeHandler(handler)
            logger.propagate = propagate

"""Opening input PDFs the way a viewer does: repaired, decrypted, bounded and quiet.

One path for every PDF sendocs reads from a user (bundle evidence, forms to
fill): :func:`open_pdf` returns a clean, unencrypted copy and what it took to
get it, or raises :class:`UnreadablePdf` with a reason in plain words.
"""

from sendocs.pdfio.limits import DEFAULT_LIMITS, BoundedWorker, LimitBreach, PdfLimits
from sendocs.pdfio.logs import captured_logs
from sendocs.pdfio.open import OpenedPdf, UnreadablePdf, open_pdf

__all__ = [
    "DEFAULT_LIMITS",
    "BoundedWorker",
    "LimitBreach",
    "OpenedPdf",
    "PdfLimits",
    "UnreadablePdf",
    "captured_logs",
    "open_pdf",
]

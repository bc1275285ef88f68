"""Opening a fillable PDF form, with errors a user can act on.

Local authorities publish their forms as PDFs that may be damaged,
password-protected or not fillable at all. Forms are opened through the same
open-and-repair path as bundle evidence (:func:`sendocs.pdfio.open_pdf`):
damaged files are repaired with qpdf (null annotation entries, broken page
trees, bad cross-references), encrypted ones decrypted (owner-password-only
files open without asking), all within time and memory limits. What cannot
be opened ends in a :class:`~sendocs.errors.FormError` naming the file and
the fix, never in a traceback or an output with nothing filled in.
"""

from __future__ import annotations

import io
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from sendocs.errors import FormError
from sendocs.pdfio import DEFAULT_LIMITS, PdfLimits, UnreadablePdf, captured_logs, open_pdf

__all__ = ["OpenedForm", "open_form", "open_form_checked"]

PASSWORD_HINT = "give its password with --password, --password-file or --password-env"


@dataclass
class OpenedForm:
    """A form read into memory (unencrypted, repaired) and what it took to open it."""

    reader: PdfReader
    repairs: list[str] = field(default_factory=list)
    log: list[str] = field(default_factory=list)


def open_form(path: str | Path, password: str | None = None) -> PdfReader:
    """Open ``path`` as a PDF, decrypting and repairing it if needed, and check it has a form.

    A PDF encrypted with an empty user password (restrictions only) opens
    without ``password``; any other encrypted PDF needs it.
    """
    return open_form_checked(path, password).reader


def open_form_checked(
    path: str | Path, password: str | None = None, limits: PdfLimits = DEFAULT_LIMITS
) -> OpenedForm:
    """As :func:`open_form`, also saying what was repaired."""
    path = Path(path)
    if not path.is_file():
        raise FormError(f"{path}: no such file")
    with tempfile.TemporaryDirectory(prefix="sendocs-form-") as work:
        try:
            opened = open_pdf(path, work, password=password, limits=limits, password_hint="")
        except UnreadablePdf as exc:
            raise FormError(f"{path}: {_form_reason(exc.reason, password)}") from None
        if opened.rasterised:
            raise FormError(
                f"{path}: this PDF is damaged beyond repair: a viewer can show its pages, but "
                "its form fields cannot be read. Ask for a new copy of the form."
            )
        with captured_logs() as lines:
            reader = PdfReader(io.BytesIO(opened.path.read_bytes()))
    _check_has_fields(reader, path)
    return OpenedForm(reader, opened.repairs, opened.log + lines)


def _form_reason(reason: str, password: str | None) -> str:
    if reason.startswith("needs a password"):
        return f"the PDF is password-protected; {PASSWORD_HINT}"
    if reason.startswith("the password given"):
        return "the password given does not open this PDF"
    return f"not a readable PDF: {reason}"


def _check_has_fields(reader: PdfReader, path: Path) -> None:
    acro: Any = None
    try:
        acro_form = reader.root_object.get("/AcroForm")
        acro = acro_form.get_object() if acro_form is not None else None
        fields = acro.get("/Fields") if isinstance(acro, DictionaryObject) else None
    except Exception as exc:  # pypdf raises many kinds on damaged catalogues
        raise FormError(f"{path}: the PDF is damaged ({type(exc).__name__})") from None
    if not fields:
        hint = ""
        if isinstance(acro, DictionaryObject) and "/XFA" in acro:
            hint = (
                " It is an XFA (LiveCycle) form, which only Adobe Reader can fill; ask the local "
                "authority for an ordinary (AcroForm) PDF or a Word version."
            )
        raise FormError(f"{path}: this PDF has no fillable form fields.{hint}")

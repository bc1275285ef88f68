"""Opening a fillable PDF form, with errors a user can act on.

Local authorities publish their forms as PDFs that may be damaged,
password-protected or not fillable at all. Each of those must end in a
:class:`~sendocs.errors.FormError` naming the file and the fix, never in a
traceback or an output with nothing filled in.
"""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError, PdfReadError, PyPdfError

from sendocs.errors import FormError

__all__ = ["open_form"]


def open_form(path: str | Path, password: str | None = None) -> PdfReader:
    """Open ``path`` as a PDF, decrypting it if needed, and check it has a form.

    A PDF encrypted with an empty user password (restrictions only) opens
    without ``password``; any other encrypted PDF needs it.
    """
    path = Path(path)
    if not path.is_file():
        raise FormError(f"{path}: no such file")
    try:
        reader = PdfReader(path)
    except (PdfReadError, PyPdfError, OSError, ValueError) as exc:
        raise FormError(f"{path}: not a readable PDF ({exc})") from None
    if reader.is_encrypted:
        _decrypt(reader, path, password)
    try:
        root = reader.root_object
        acro_form = root.get("/AcroForm")
        fields = acro_form.get_object().get("/Fields") if acro_form is not None else None
    except (PdfReadError, PyPdfError) as exc:
        raise FormError(f"{path}: the PDF is damaged ({exc})") from None
    if not fields:
        hint = ""
        if acro_form is not None and "/XFA" in acro_form.get_object():
            hint = (
                " It is an XFA (LiveCycle) form, which only Adobe Reader can fill; ask the local "
                "authority for an ordinary (AcroForm) PDF or a Word version."
            )
        raise FormError(f"{path}: this PDF has no fillable form fields.{hint}")
    return reader


def _decrypt(reader: PdfReader, path: Path, password: str | None) -> None:
    try:
        if password is None:
            if reader.decrypt(""):
                return
            raise FormError(
                f"{path}: the PDF is password-protected; give its password with --password"
            )
        if not reader.decrypt(password):
            raise FormError(f"{path}: the password given does not open this PDF")
    except (FileNotDecryptedError, NotImplementedError, PdfReadError) as exc:
        raise FormError(f"{path}: cannot decrypt this PDF ({exc})") from None

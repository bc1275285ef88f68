"""Checking conversion inputs and planning their PDF outputs, shared by every converter.

Kept apart from the converters so that the real one (LibreOffice) and the fake
one (reportlab) refuse exactly the same inputs with exactly the same messages,
and so that "same stem, same folder" and "never a half-written PDF at the final
path" are decided in one place.
"""

from __future__ import annotations

import os
import uuid
import zipfile
from collections.abc import Sequence
from pathlib import Path

from sendocs.errors import ConversionError, SendocsError
from sendocs.files import publish_file

__all__ = [
    "SUPPORTED_SUFFIXES",
    "import_filter_for",
    "partial_path",
    "plan_outputs",
    "publish",
    "verify_pdf",
]

#: Word-processing formats LibreOffice Writer imports, with the import filter we
#: insist on. Naming the filter stops LibreOffice from "rescuing" a damaged file
#: by opening it as plain text and printing its bytes into a PDF.
_IMPORT_FILTERS: dict[str, str | None] = {
    ".docx": "MS Word 2007 XML",
    ".odt": "writer8",
    ".rtf": "Rich Text Format",
    # Many ".doc" files in the wild are really RTF or HTML: let LibreOffice detect.
    ".doc": None,
}

SUPPORTED_SUFFIXES: frozenset[str] = frozenset(_IMPORT_FILTERS)


def import_filter_for(source: Path) -> str | None:
    """The LibreOffice import filter to force for ``source``, or None to let it detect."""
    return _IMPORT_FILTERS.get(source.suffix.lower())


def plan_outputs(sources: Sequence[Path], out_dir: Path) -> list[Path]:
    """Check every source and return its PDF path in ``out_dir`` (same stem, same order).

    Raises :class:`ConversionError` naming the document when a source is missing,
    of an unsupported kind, not a real Word file, or would overwrite another
    source's PDF. ``out_dir`` is created if needed.
    """
    outputs: list[Path] = []
    claimed: dict[str, Path] = {}
    for raw in sources:
        source = Path(raw)
        suffix = source.suffix.lower()
        if suffix not in SUPPORTED_SUFFIXES:
            kinds = ", ".join(sorted(SUPPORTED_SUFFIXES))
            raise ConversionError(
                f"{source}: cannot convert a {suffix or 'suffix-less'} file to PDF "
                f"(supported: {kinds})."
            )
        if not source.is_file():
            raise ConversionError(f"{source}: the document to convert does not exist.")
        if suffix == ".docx":
            _check_docx(source)
        target = Path(out_dir) / f"{source.stem}.pdf"
        key = os.path.normcase(target.name)
        if key in claimed:
            raise ConversionError(
                f"{source}: its PDF would be {target.name}, the same as for {claimed[key]}; "
                "rename one of them."
            )
        claimed[key] = source
        outputs.append(target)
    try:
        Path(out_dir).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConversionError(f"{out_dir}: cannot create the PDF folder: {exc}") from exc
    return outputs


def _check_docx(source: Path) -> None:
    """A .docx is a zip holding word/document.xml; say so plainly if this one is not."""
    try:
        with zipfile.ZipFile(source) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise ConversionError(
            f"{source}: not a valid Word document (the file is damaged or not a .docx); "
            "open it in Word or LibreOffice and save it again."
        ) from exc
    if "word/document.xml" not in names:
        raise ConversionError(
            f"{source}: not a Word document (it has no word/document.xml); "
            "is it another kind of file renamed to .docx?"
        )


def partial_path(target: Path, staging: Path) -> Path:
    """Where to write ``target``'s PDF before :func:`publish` moves it into place.

    ``staging`` is a private folder (:func:`sendocs.staging.private_dir`), never
    the user's folder, so a killed conversion leaves nothing where they look.
    """
    return staging / f"{uuid.uuid4().hex[:12]}.pdf"


def verify_pdf(path: Path) -> str | None:
    """Why ``path`` is not a usable PDF, or None if it looks like one."""
    try:
        with path.open("rb") as handle:
            head = handle.read(5)
            size = os.fstat(handle.fileno()).st_size
    except FileNotFoundError:
        return "no PDF was written"
    except OSError as exc:
        return f"the PDF cannot be read: {exc}"
    if size == 0:
        return "the PDF is empty"
    if head != b"%PDF-":
        return "the output is not a PDF"
    return None


def publish(partial: Path, target: Path) -> None:
    """Move a finished PDF into place in one step, replacing one of the same name.

    Converters replace (the caller decided whether that is allowed); the move
    itself is :func:`sendocs.files.publish_file`, the one publish step.
    """
    try:
        publish_file(partial, target, force=True)
    except SendocsError as exc:
        raise ConversionError(str(exc)) from None

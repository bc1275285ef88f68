"""Finding pages without a text layer (scans) cheaply, and giving them one with OCR.

A page is "image only" when it draws an image and shows no text: no text-showing
operator (``Tj``, ``TJ``, ``'``, ``"``) in its content or in the forms it uses. Fonts alone
prove nothing (some generators list Helvetica on every page), and running a
full text extraction on every page would cost more than the whole merge.

OCR (``sendocs bundle --ocr``) runs ocrmypdf with tesseract on those pages only
(``--pages``, and ``--skip-text`` as a second guard), keeping every other page
and the images as they were (``--output-type pdf``: no PDF/A rewrite here).
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pikepdf
from pypdf import PageObject, PdfReader

from sendocs.errors import BundleError

if TYPE_CHECKING:
    from sendocs.bundle.inputs import BadDocument, LoadedDocument

__all__ = [
    "OCR_LANGUAGE",
    "image_only_pages",
    "image_only_pages_qpdf",
    "ocr_pages",
    "ocr_scanned_documents",
    "page_is_image_only",
]

log = logging.getLogger(__name__)

OCR_LANGUAGE = "eng"
_OCR_TIMEOUT_S = 900  # one document
_PAGE_TIMEOUT_S = 180  # tesseract, one page
_INSTALL_HINT = (
    "--ocr needs ocrmypdf and tesseract with English; on Debian or Ubuntu: "
    "sudo apt-get install ocrmypdf tesseract-ocr tesseract-ocr-eng"
)

# text-showing operators: Tj and TJ after their operand, ' and " after a string
_SHOW_TEXT = re.compile(rb"[\s\)\]>]T[jJ](?![A-Za-z0-9])|\)\s*['\"]")
_MAX_DEPTH = 4


def _forms_and_images(resources: Any, depth: int = 0) -> tuple[list[Any], bool]:
    """The form XObjects reachable from ``resources`` and whether any image is."""
    forms: list[Any] = []
    has_image = False
    if resources is None or depth > _MAX_DEPTH:
        return forms, has_image
    xobjects = resources.get_object().get("/XObject")
    if xobjects is None:
        return forms, has_image
    for ref in xobjects.get_object().values():
        xobj = ref.get_object()
        subtype = xobj.get("/Subtype")
        if subtype == "/Image":
            has_image = True
        elif subtype == "/Form":
            forms.append(xobj)
            sub_forms, sub_image = _forms_and_images(xobj.get("/Resources"), depth + 1)
            forms += sub_forms
            has_image = has_image or sub_image
    return forms, has_image


def page_is_image_only(page: PageObject) -> bool:
    """Whether the page draws an image but no text (inline images are not looked at)."""
    forms, has_image = _forms_and_images(page.get("/Resources"))
    if not has_image:
        return False
    contents = page.get_contents()
    streams = [contents.get_data()] if contents is not None else []
    streams += [form.get_data() for form in forms]
    return not any(_SHOW_TEXT.search(data) for data in streams)


def image_only_pages(reader: PdfReader) -> list[int]:
    """0-based indices of the pages of ``reader`` that are images without a text layer."""
    return [i for i, page in enumerate(reader.pages) if page_is_image_only(page)]


def _qpdf_page_is_image_only(page: pikepdf.Dictionary) -> bool:
    """:func:`page_is_image_only` on a page opened with pikepdf (no pypdf parse)."""
    streams: list[pikepdf.Stream] = []
    has_image = False
    stack: list[tuple[Any, int]] = [(page.get("/Resources"), 0)]
    seen: set[tuple[int, int]] = set()
    while stack:
        resources, depth = stack.pop()
        if not isinstance(resources, pikepdf.Dictionary) or depth > _MAX_DEPTH:
            continue
        xobjects = resources.get("/XObject")
        if not isinstance(xobjects, pikepdf.Dictionary):
            continue
        for _, xobj in xobjects.items():
            if not isinstance(xobj, pikepdf.Stream):
                continue
            subtype = xobj.get("/Subtype")
            if subtype == "/Image":
                has_image = True
            elif subtype == "/Form" and tuple(xobj.objgen) not in seen:
                if xobj.is_indirect:
                    seen.add(tuple(xobj.objgen))  # type: ignore[arg-type]
                streams.append(xobj)
                stack.append((xobj.get("/Resources"), depth + 1))
    if not has_image:
        return False
    contents = page.get("/Contents")
    items = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
    streams += [c for c in items if isinstance(c, pikepdf.Stream)]
    return not any(_SHOW_TEXT.search(s.read_bytes()) for s in streams)


def image_only_pages_qpdf(pdf: pikepdf.Pdf) -> list[int]:
    """:func:`image_only_pages` for a document opened with pikepdf: about ten times faster,
    as only pages that draw an image have their content decoded. A page whose content
    cannot be decoded counts as having text (nothing is claimed about it)."""
    found: list[int] = []
    for i, page in enumerate(pdf.pages):
        try:
            if _qpdf_page_is_image_only(page.obj):
                found.append(i)
        except (pikepdf.PdfError, RuntimeError, ValueError, TypeError):
            continue
    return found


def _ocrmypdf() -> str:
    exe = shutil.which("ocrmypdf")
    if exe is None or shutil.which("tesseract") is None:
        raise BundleError(_INSTALL_HINT)
    return exe


def ocr_pages(source: Path, pages: Sequence[int], output: Path) -> str | None:
    """OCR ``pages`` (0-based) of ``source`` into ``output``; None when done, else why not.

    Only the listed pages are recognised; the others are copied unchanged.
    """
    exe = _ocrmypdf()
    command = [
        exe,
        "--skip-text",
        "--pages",
        ",".join(str(p + 1) for p in pages),
        "--output-type",
        "pdf",
        "--optimize",
        "0",
        "--language",
        OCR_LANGUAGE,
        "--tesseract-timeout",
        str(_PAGE_TIMEOUT_S),
        "--quiet",
        str(source),
        str(output),
    ]
    try:
        done = subprocess.run(command, capture_output=True, timeout=_OCR_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired:
        return f"OCR took longer than {_OCR_TIMEOUT_S // 60} minutes"
    except OSError as exc:
        log.debug("ocrmypdf could not start: %r", exc)
        return "ocrmypdf could not be started"
    if done.returncode != 0 or not output.is_file():
        log.debug("ocrmypdf exit %s: %s", done.returncode, done.stderr[-2000:])
        return f"ocrmypdf failed (exit status {done.returncode})"
    return None


def ocr_scanned_documents(
    entries: Sequence[Sequence[LoadedDocument | BadDocument]], work_dir: Path
) -> int:
    """Give every document's image-only pages a text layer; return how many documents changed.

    A document OCR cannot help is left as it was (the bundle's "no text layer"
    check still reports its pages).
    """
    from sendocs.bundle.inputs import LoadedDocument

    ocr_dir = work_dir / "ocr"
    ocr_dir.mkdir(parents=True, exist_ok=True)
    changed = 0
    for n, entry in enumerate(e for section in entries for e in section):
        if not isinstance(entry, LoadedDocument) or not entry.scanned_pages:
            continue
        output = ocr_dir / f"{n}-ocr.pdf"
        problem = ocr_pages(entry.path, entry.scanned_pages, output)
        if problem is None:
            reader = PdfReader(output)
            if len(reader.pages) == entry.page_count:
                entry.path = output  # drops the old reader
                entry.reader = reader
                entry.ocr_applied = True
                entry.scanned_pages = image_only_pages(reader)
                changed += 1
                continue
            problem = "OCR changed the number of pages"
        log.debug("OCR of document %d left it as it was: %s", n, problem)
    return changed

"""Opening any PDF a viewer would open: repair it, decrypt it, or refuse it in plain words.

The ladder, in a bounded child process (:mod:`sendocs.pdfio.limits`):

1. qpdf (pikepdf) opens the file, decrypting it with the password given or
   none (owner-password-only files open without asking); a broken page tree
   is rebuilt; numbers too large for any real PDF are set to 0;
2. decompression bombs are refused (declared giant images, streams that
   expand past the memory limit);
3. pages get a usable size and clean annotation lists; pages with tens of
   thousands of annotations lose their link annotations;
4. if anything was fixed or the file was encrypted, qpdf writes a clean,
   unencrypted copy; pypdf must then read it (else step 5);
5. last resort: poppler re-draws the pages as images (text layer lost).

What cannot be opened at all raises :class:`UnreadablePdf` with a reason a
solicitor can act on. Library chatter is collected per document.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
from pypdf import PdfReader, PdfWriter

from sendocs.errors import SendocsError
from sendocs.pdfio.limits import (
    DEFAULT_LIMITS,
    BoundedWorker,
    LimitBreach,
    PdfLimits,
    run_bounded,
    run_pipelined,
)
from sendocs.pdfio.logs import captured_logs
from sendocs.pdfio.repair import (
    ZLIB_MAX_RATIO,
    bomb_reason,
    damage_warnings,
    decode_brotli,
    fix_pages,
    has_brotli,
    is_signed,
    may_have_images,
    plainly_without_images_or_brotli,
    rasterise,
    rebuild_page_tree,
    sanitise_numbers,
)

__all__ = ["OpenRequest", "OpenedPdf", "UnreadablePdf", "open_pdf", "open_pdfs"]

log = logging.getLogger(__name__)

ScanFinder = Callable[[pikepdf.Pdf], list[int]]

RASTERISED_NOTE = (
    "no PDF reader could use its structure, so its pages were re-drawn as images of what a "
    "viewer shows: the text can no longer be searched or selected"
)
PUBKEY_REASON = (
    "it is locked to particular people's digital certificates (public-key encryption), "
    "which no password opens: ask the sender for a copy without that protection"
)
DECRYPTED_NOTE = "opened with its password; the copy used has no password or restrictions"


class UnreadablePdf(SendocsError):
    """No engine could open the document; ``reason`` says why in the user's words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (type(self), (self.reason,))


@dataclass
class OpenedPdf:
    """A readable, unencrypted PDF on disk and what it took to get it.

    ``path`` is the original file when nothing needed fixing, else a clean
    copy in the work folder. ``repairs`` lists what was fixed (empty: not
    repaired); ``log`` holds what the PDF libraries said while reading it.
    """

    path: Path
    page_count: int
    repairs: list[str] = field(default_factory=list)
    rasterised: bool = False
    signed: bool = False
    decrypted: bool = False
    scanned_pages: list[int] = field(default_factory=list)
    log: list[str] = field(default_factory=list)
    handle: pikepdf.Pdf | None = field(default=None, repr=False, compare=False)

    @property
    def repaired(self) -> bool:
        return bool(self.repairs)

    def reader(self) -> PdfReader:
        """A pypdf reader on :attr:`path` (checked readable when the file was opened)."""
        with captured_logs() as lines:
            reader = PdfReader(self.path)
        self.log += lines
        return reader


@dataclass
class _Vetted:
    path: str = ""
    page_count: int = 0
    repairs: list[str] = field(default_factory=list)
    rasterised: bool = False
    signed: bool = False
    decrypted: bool = False
    scanned_pages: list[int] = field(default_factory=list)
    log: list[str] = field(default_factory=list)
    refused: str | None = None
    handle: pikepdf.Pdf | None = None  # only from the in-process check (never pickled open)


class _Refuse(Exception):
    pass


def open_pdf(
    source: str | Path,
    work_dir: str | Path,
    *,
    password: str | None = None,
    limits: PdfLimits = DEFAULT_LIMITS,
    password_hint: str = "",
    find_scans: ScanFinder | None = None,
    worker: BoundedWorker | None = None,
    pypdf_must_read: bool = True,
) -> OpenedPdf:
    """Open ``source`` by any means; a clean copy (if one is needed) goes into ``work_dir``.

    ``password_hint`` ends the "needs a password" reason (how to give one);
    ``find_scans`` (e.g. the bundle's ``image_only_pages_qpdf``, given the file opened with
    pikepdf) lists pages without a text layer. Raises
    :class:`UnreadablePdf` for what no engine opens or what breaks a limit.
    ``worker`` (a :class:`BoundedWorker` with the same limits) reads many
    documents in one child instead of forking one per document.

    ``pypdf_must_read`` (forms fill through pypdf): the result must also read in
    pypdf, so even a file qpdf opens cleanly is parsed by pypdf too (about ten
    times the cost of qpdf's check). Without it (the bundle assembles with
    pikepdf), a file qpdf opens with no warning, repair or encryption is used as
    it is after qpdf's checks alone; repaired copies are still checked with pypdf.
    """
    source, work_dir = Path(source), Path(work_dir)
    out = _out_file(work_dir)
    args = (str(source), str(out), password, limits, find_scans, pypdf_must_read)
    vetted: _Vetted | LimitBreach
    try:
        vetted = worker.run(_vet, args) if worker is not None else run_bounded(_vet, args, limits)
    except LimitBreach as breach:
        vetted = breach
    return _opened(source, out, vetted, limits, password_hint)


@dataclass(frozen=True)
class OpenRequest:
    """One document for :func:`open_pdfs` (the password is never logged or written)."""

    source: Path
    password: str | None = field(default=None, repr=False)
    data: bytes | None = field(default=None, repr=False, compare=False)
    """The file's bytes when the caller has read them already (saves reading it again)."""


def open_pdfs(
    requests: list[OpenRequest],
    work_dir: str | Path,
    *,
    workers: list[BoundedWorker],
    limits: PdfLimits = DEFAULT_LIMITS,
    password_hint: str = "",
    find_scans: ScanFinder | None = None,
    pypdf_must_read: bool = True,
    keep_open: bool = False,
) -> list[OpenedPdf | UnreadablePdf]:
    """:func:`open_pdf` for many documents, each bounded by ``limits`` as before.

    Without ``pypdf_must_read``, a small file without a password is first tried
    in this process (:func:`_vet_small_clean`): accepted only if qpdf reads it
    with no warning, nothing to repair, no encryption and no bomb; anything else
    goes to the bounded ``workers`` for the whole ladder. Those are queued a few
    at a time (:func:`~sendocs.pdfio.limits.run_pipelined`), faster on a busy
    machine than one round trip per document; with two workers two documents
    are read at once. Each result is the opened PDF or the reason it cannot be
    opened, in request order. ``keep_open``: a file checked in-process stays
    open as the result's ``handle`` (the caller closes it).
    """
    work_dir = Path(work_dir)
    quick: dict[int, _Vetted] = {}
    if not pypdf_must_read:
        with captured_logs() as said:  # one context for all: each document must add nothing
            for i, request in enumerate(requests):
                if request.password is None:
                    vetted = _vet_small_clean(
                        request.source, limits, find_scans, keep_open, said, request.data
                    )
                    if vetted is not None:
                        quick[i] = vetted
    rest = [i for i in range(len(requests)) if i not in quick]
    outs = {i: _out_file(work_dir) for i in rest}
    jobs = [
        (
            str(requests[i].source),
            str(outs[i]),
            requests[i].password,
            limits,
            find_scans,
            pypdf_must_read,
        )
        for i in rest
    ]
    vetted_rest = dict(zip(rest, run_pipelined(workers, _vet, jobs), strict=True))
    results: list[OpenedPdf | UnreadablePdf] = []
    for i, request in enumerate(requests):
        try:
            if i in quick:
                results.append(_opened(request.source, request.source, quick[i], limits, ""))
            else:
                out = outs[i]
                results.append(_opened(request.source, out, vetted_rest[i], limits, password_hint))
        except UnreadablePdf as refusal:
            results.append(refusal)
    return results


def small_file_bytes(limits: PdfLimits) -> int:
    """The largest file :func:`_vet_small_clean` reads in-process.

    Even if every byte of it were a compressed stream expanding at deflate's
    greatest ratio, it could not reach the largest stream a bounded reader
    allows (``max_stream_mb``) nor a quarter of its memory limit, so reading
    it in-process cannot exhaust memory, and qpdf's work on it is a few
    milliseconds (no stream of it is large enough to need the bounded
    decompression test).
    """
    most = min(limits.max_stream_mb, limits.memory_mb // 4) * 1024 * 1024
    return most // ZLIB_MAX_RATIO


def _vet_small_clean(
    source: Path,
    limits: PdfLimits,
    find_scans: ScanFinder | None,
    keep_open: bool = False,
    said: list[str] | None = None,
    data: bytes | None = None,
) -> _Vetted | None:
    """A small, clean, unencrypted PDF checked in-process; None: use a bounded reader.

    The checks are the bounded reader's, minus everything that repairs: any
    warning, repair, encryption, library message or error sends the file to
    the bounded reader, which starts again from the beginning. With
    ``keep_open`` the accepted file stays open (``handle``), so the bundle
    copies its pages without opening and parsing it a second time. ``said``:
    the list of an enclosing :func:`captured_logs` (else one is opened here); ``data``: the
    file's bytes, if the caller read them already.
    """
    try:
        size = len(data) if data is not None else source.stat().st_size
        if size > small_file_bytes(limits):
            return None
        raw = data if data is not None else source.read_bytes()  # small: read whole
        if b"%PDF" not in raw[:1024]:
            return None
        result = _Vetted(path=str(source))
    except Exception as exc:  # anything odd: the bounded reader decides
        log.debug("%s: read by a bounded reader (%s)", source.name, type(exc).__name__)
        return None
    pdf: pikepdf.Pdf | None = None
    with contextlib.ExitStack() as stack:
        lines = said if said is not None else stack.enter_context(captured_logs())
        before = len(lines)
        try:
            pdf = pikepdf.open(source, attempt_recovery=False, suppress_warnings=True)
            accepted = _clean_in_process(pdf, raw, limits, find_scans, result)
        except Exception as exc:  # anything odd: the bounded reader decides
            log.debug("%s: read by a bounded reader (%s)", source.name, type(exc).__name__)
            accepted = False
        quiet = len(lines) == before
        del lines[before:]  # the bounded reader collects its own; the cap never hides a line
    if pdf is None or not accepted or not quiet:
        if pdf is not None:
            pdf.close()
        return None
    if keep_open:
        result.handle = pdf
    else:
        pdf.close()
    return result


def _clean_in_process(
    pdf: pikepdf.Pdf,
    raw: bytes,
    limits: PdfLimits,
    find_scans: ScanFinder | None,
    result: _Vetted,
) -> bool:
    """:func:`_vet_small_clean`'s checks on the opened file; whether it is accepted."""
    if pdf.is_encrypted:
        return False
    count = len(pdf.pages)
    if not 0 < count <= limits.max_pages:
        return False
    pdf.pages[0].obj.get("/MediaBox")
    # a small file has only images' declared sizes to check (bomb_reason), and a
    # page can only be a scan if it draws an image: without any, both are skipped
    plain = plainly_without_images_or_brotli(raw)
    images = not plain and may_have_images(raw)
    if (
        (images and bomb_reason(pdf, limits, file_bytes=len(raw)))
        or fix_pages(pdf, limits)
        or (not plain and has_brotli(pdf, raw))
    ):
        return False
    result.page_count = count
    result.signed = is_signed(pdf)
    if find_scans is not None and images:
        result.scanned_pages = find_scans(pdf)
    warned = pdf.get_warnings()  # everything qpdf met in the reading above (and empties it)
    if damage_warnings(warned):
        return False
    result.log += [f"qpdf: {w}" for w in warned[:50]]  # harmless: told, not fixed
    return True


def _out_file(work_dir: Path) -> Path:
    work_dir.mkdir(parents=True, exist_ok=True)
    fd, out_name = tempfile.mkstemp(prefix="input-", suffix=".pdf", dir=work_dir)
    os.close(fd)
    return Path(out_name)


def _opened(
    source: Path, out: Path, vetted: _Vetted | LimitBreach, limits: PdfLimits, password_hint: str
) -> OpenedPdf:
    """What the bounded child found, as an :class:`OpenedPdf`, or :class:`UnreadablePdf`."""
    if isinstance(vetted, LimitBreach):
        out.unlink(missing_ok=True)
        raise UnreadablePdf(_breach_reason(vetted, limits)) from None
    if vetted.refused is not None:
        out.unlink(missing_ok=True)
        reason = vetted.refused
        if reason.startswith("needs a password") and password_hint:
            reason += f": {password_hint}"
        raise UnreadablePdf(reason)
    if Path(vetted.path) != out:
        out.unlink(missing_ok=True)
    for line in vetted.log:
        log.debug("%s: %s", source.name, line)
    return OpenedPdf(
        path=Path(vetted.path),
        page_count=vetted.page_count,
        repairs=vetted.repairs,
        rasterised=vetted.rasterised,
        signed=vetted.signed,
        decrypted=vetted.decrypted,
        scanned_pages=vetted.scanned_pages,
        log=vetted.log,
        handle=vetted.handle,
    )


def _breach_reason(breach: LimitBreach, limits: PdfLimits) -> str:
    if breach.kind == "time":
        return (
            f"took longer than {limits.seconds:g} seconds to read, so it was stopped "
            "(the file is damaged or built to hang PDF readers)"
        )
    if breach.kind == "memory":
        return (
            f"needed more than {limits.memory_mb:,} MB of memory to read, so it was stopped "
            "(possibly a “decompression bomb”)"
        )
    if "bad_alloc" in breach.detail or "MemoryError" in breach.detail:
        return _breach_reason(LimitBreach("memory"), limits)
    log.debug("PDF reading failed unexpectedly: %s", breach.detail)
    return "damaged beyond repair: the PDF readers stopped on it"


def _vet(
    source: str,
    out: str,
    password: str | None,
    limits: PdfLimits,
    find_scans: ScanFinder | None,
    pypdf_must_read: bool = True,
) -> _Vetted:
    """Everything that may be slow or dangerous, run in the bounded child."""
    result = _Vetted()
    with captured_logs() as lines:
        try:
            _vet_into(
                result, Path(source), Path(out), password, limits, find_scans, pypdf_must_read
            )
        except _Refuse as refusal:
            result.refused = str(refusal)
    result.log = lines + result.log
    return result


def _vet_into(
    result: _Vetted,
    source: Path,
    out: Path,
    password: str | None,
    limits: PdfLimits,
    find_scans: ScanFinder | None,
    pypdf_must_read: bool,
) -> None:
    with source.open("rb") as fh:
        head = fh.read(1024)
    if b"%PDF" not in head:
        raise _Refuse("not a PDF file (it is damaged, or another kind of file named .pdf)")
    pdf, fixes, error = _open_with_qpdf(source, password)
    final, readable, scanned = source, False, False
    lost_pages = False
    if pdf is not None:
        try:
            final, readable = _through_qpdf(
                pdf, source, out, limits, fixes, result, pypdf_must_read, password
            )
            if readable and find_scans is not None:  # same pages, already open: look now
                scanned = True
                _find_scans(pdf, find_scans, result)
        except _PagesLost:
            lost_pages = True
        except (_Refuse, MemoryError):
            raise
        except Exception as exc:  # qpdf stops on some damage only when writing: rasterise
            result.log.append(f"qpdf: {type(exc).__name__}: {exc}")
            final, readable = source, False
        finally:
            pdf.close()
    if lost_pages or (pdf is None and not _needs_password(error)):
        if _pypdf_rewrites(source, out, password, result):
            final, readable = out, True
            result.repairs = [
                *(r for r in result.repairs if r != _REBUILT),
                "its internal structure was rewritten so it could be read",
            ]
            _fix_copy(out, limits, result)
        elif lost_pages:
            readable = False
    if not readable:
        if _needs_password(error):
            raise _Refuse(error or "needs a password")
        pages = rasterise(source, out, limits, password)
        if not pages:
            raise _Refuse(error or _damage_reason(source))
        final = out
        result.rasterised = True
        result.repairs = [RASTERISED_NOTE]
        if not _pypdf_reads(final, result):
            raise _Refuse(_damage_reason(source))
    result.path = str(final)
    if find_scans is not None and not scanned:
        try:
            with pikepdf.open(final, password=password or "") as copy:
                _find_scans(copy, find_scans, result)
        except Exception as exc:  # an undecodable stream: report no scans rather than fail
            result.log.append(f"qpdf: {type(exc).__name__}: {exc}")


class _PagesLost(Exception):
    """qpdf skipped page objects it could not read that pypdf reads: use pypdf's reading."""


_REBUILT = "its damaged internal structure was rebuilt"


def _fix_copy(out: Path, limits: PdfLimits, result: _Vetted) -> None:
    """Page sizes, annotation lists and Brotli streams of pypdf's rewritten copy, fixed."""
    with pikepdf.open(out, allow_overwriting_input=True) as copy:
        notes = fix_pages(copy, limits)
        brotli_notes, refusal = decode_brotli(copy, limits)
        if refusal:
            raise _Refuse(refusal)
        if notes or brotli_notes:
            copy.save(out)
            result.repairs += notes + brotli_notes


def _pypdf_page_count(source: Path, password: str | None) -> int:
    """Pages pypdf finds in ``source`` (0 when it cannot read it)."""
    try:
        reader = PdfReader(source)
        if reader.is_encrypted and not reader.decrypt(password or ""):
            return 0
        return len(reader.pages)
    except Exception:  # pypdf raises many kinds on damaged files
        return 0


def _find_scans(pdf: pikepdf.Pdf, find_scans: ScanFinder, result: _Vetted) -> None:
    try:
        result.scanned_pages = find_scans(pdf)
    except Exception as exc:  # an undecodable stream: report no scans rather than fail
        result.log.append(f"qpdf: {type(exc).__name__}: {exc}")


def _through_qpdf(
    pdf: pikepdf.Pdf,
    source: Path,
    out: Path,
    limits: PdfLimits,
    fixes: list[str],
    result: _Vetted,
    pypdf_must_read: bool = True,
    password: str | None = None,
) -> tuple[Path, bool]:
    """Check and fix what qpdf opened; write a clean copy when needed: (file, pypdf reads it)."""
    reason = bomb_reason(pdf, limits, file_bytes=_size(source))
    if reason:
        raise _Refuse(reason)
    brotli_notes, refusal = decode_brotli(pdf, limits)
    if refusal:
        raise _Refuse(refusal)
    result.signed = is_signed(pdf)
    result.decrypted = pdf.is_encrypted
    fixes += fix_pages(pdf, limits) + brotli_notes
    warned = pdf.get_warnings()  # empties qpdf's list
    result.log += [f"qpdf: {w}" for w in warned[:50]]
    if damage_warnings(warned):
        fixes.insert(0, _REBUILT)
        # qpdf drops page objects it gives up reading ("too many errors"); pypdf may read them
        if _pypdf_page_count(source, password) > len(pdf.pages):
            result.log.append("qpdf skipped pages that pypdf reads: rewritten through pypdf")
            raise _PagesLost
    if len(pdf.pages) > limits.max_pages:
        raise _Refuse(f"it has {len(pdf.pages):,} pages, more than any bundle can hold")
    result.repairs = fixes
    if not fixes and not pdf.is_encrypted:
        if not pypdf_must_read:  # opened by qpdf without a warning: nothing to rewrite
            result.page_count = len(pdf.pages)
            return source, True
        if _pypdf_reads(source, result):
            return source, True
        fixes.append("its internal structure was rewritten so it could be read")
    pdf.save(out)
    return out, _pypdf_reads(out, result)


def _size(source: Path) -> int | None:
    try:
        return source.stat().st_size
    except OSError:
        return None


def _pypdf_rewrites(source: Path, out: Path, password: str | None, result: _Vetted) -> bool:
    """Where qpdf failed: whether pypdf can read and rewrite ``source`` so qpdf reads the copy."""
    try:
        reader = PdfReader(source)
        if reader.is_encrypted and not reader.decrypt(password or ""):
            return False
        writer = PdfWriter(clone_from=reader)
        with out.open("wb") as fh:
            writer.write(fh)
        with pikepdf.open(out) as check:
            if len(check.pages) == 0:
                return False
    except Exception as exc:  # pypdf raises many kinds on damaged files
        result.log.append(f"pypdf: {type(exc).__name__}: {exc}")
        return False
    return _pypdf_reads(out, result)


def _needs_password(reason: str | None) -> bool:
    return bool(reason) and (
        reason == PUBKEY_REASON
        or reason.startswith("needs a password")  # type: ignore[union-attr]
        or reason.startswith("the password given")  # type: ignore[union-attr]
    )


def _open_with_qpdf(
    source: Path, password: str | None
) -> tuple[pikepdf.Pdf | None, list[str], str | None]:
    """pikepdf's reading of the file: (pdf or None, repairs made, reason if None)."""
    fixes: list[str] = []
    try:
        pdf = pikepdf.open(source, password=password or "", suppress_warnings=True)
    except pikepdf.PasswordError:
        if password:
            return None, fixes, "the password given does not open it"
        return None, fixes, "needs a password"
    except (pikepdf.PdfError, OSError, ValueError, RuntimeError) as exc:
        if "unsupported encryption filter" in str(exc):
            return None, fixes, PUBKEY_REASON
        try:  # a page tree qpdf cannot walk (a loop, a dictionary /Kids): rebuilt below
            pdf = pikepdf.open(source, password=password or "", inherit_page_attributes=False)
        except (pikepdf.PdfError, OSError, ValueError, RuntimeError):
            cleaned = sanitise_numbers(source.read_bytes())
            if cleaned is None:
                return None, fixes, _damage_reason(source, exc)
            try:
                pdf = pikepdf.open(_bytes_io(cleaned), password=password or "")
            except (pikepdf.PdfError, OSError, ValueError, RuntimeError) as exc2:
                return None, fixes, _damage_reason(source, exc2)
            fixes.append("numbers too large for any real PDF were set to 0")
    try:
        count = len(pdf.pages)
        if count:
            pdf.pages[0].obj.get("/MediaBox")  # walks the tree: loops show up here
    except (pikepdf.PdfError, RuntimeError, ValueError):
        count = 0
    if count == 0:
        try:
            count = rebuild_page_tree(pdf)
        except (pikepdf.PdfError, RuntimeError, ValueError, TypeError) as exc:
            return None, fixes, _damage_reason(source, exc)
        if count == 0:
            return None, fixes, "the PDF has no pages"
        fixes.append("its broken list of pages was rebuilt")
    return pdf, fixes, None


def _bytes_io(data: bytes) -> io.BytesIO:
    return io.BytesIO(data)


def _damage_reason(source: Path, exc: Exception | None = None) -> str:
    if exc is not None:
        log.debug("qpdf could not open %s: %s", source.name, exc)
    try:
        size = source.stat().st_size
        with source.open("rb") as fh:
            fh.seek(max(0, size - 2048))
            tail = fh.read()
    except OSError:
        tail = b""
    if b"%%EOF" not in tail:
        return (
            "damaged beyond repair: the file ends early (it was probably not downloaded "
            "or copied completely)"
        )
    return "damaged beyond repair: no PDF reader could find its pages"


def _pypdf_reads(path: Path, result: _Vetted) -> bool:
    """Whether pypdf reads every page of ``path`` (and their annotations); sets the count."""
    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            return False
        count = len(reader.pages)
        for page in reader.pages:
            _ = page.mediabox
            annots = page.get("/Annots")
            if annots is not None:
                for annot in annots.get_object()[:200]:
                    annot.get_object()
    except Exception as exc:  # pypdf raises many kinds on damaged files
        result.log.append(f"pypdf: {type(exc).__name__}: {exc}")
        return False
    if count == 0:
        return False
    result.page_count = count
    return True

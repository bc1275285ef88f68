"""The open-and-repair path on its own: each fault, the limits, the quiet logs."""

from __future__ import annotations

import io
import logging
import pickle
import time
import warnings
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from sendocs.pdfio import (
    LimitBreach,
    OpenedPdf,
    PdfLimits,
    UnreadablePdf,
    captured_logs,
    open_pdf,
)
from sendocs.pdfio.limits import run_bounded
from tests.pdfio import hostile


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return hostile.build_all(tmp_path_factory.mktemp("hostile"))


@pytest.mark.parametrize("name", sorted(hostile.HOSTILE))
def test_each_fault_is_opened_or_refused_in_words(
    files: dict[str, Path], tmp_path: Path, name: str
) -> None:
    _, password, fate = hostile.HOSTILE[name]
    if fate == "refused":
        with pytest.raises(UnreadablePdf) as info:
            open_pdf(files[name], tmp_path, password=password)
        reason = info.value.reason
        assert reason and "Error" not in reason and "Traceback" not in reason
        return
    opened = open_pdf(files[name], tmp_path, password=password)
    assert opened.page_count >= 1
    reader = PdfReader(opened.path)
    assert len(reader.pages) == opened.page_count
    with pikepdf.open(opened.path) as pdf:  # the assembler's engine reads it too, no password
        assert len(pdf.pages) == opened.page_count
        assert not pdf.is_encrypted
        for page in pdf.pages:
            annots = page.obj.get("/Annots")
            assert annots is None or all(a is not None for a in annots)


@pytest.mark.parametrize(
    "name", ["rc4_40_user", "rc4_40_owner_only", "aes256_user", "aes256_owner_only"]
)
def test_encryption_and_restrictions_are_gone(
    files: dict[str, Path], tmp_path: Path, name: str
) -> None:
    opened = open_pdf(files[name], tmp_path, password=hostile.HOSTILE[name][1])
    assert opened.decrypted
    assert opened.path != files[name]
    assert b"/Encrypt" not in opened.path.read_bytes()
    assert "Hostile evidence page" in PdfReader(opened.path).pages[0].extract_text()


def test_wrong_and_missing_password(files: dict[str, Path], tmp_path: Path) -> None:
    with pytest.raises(UnreadablePdf, match=r"^needs a password: say how"):
        open_pdf(files["aes256_user"], tmp_path, password_hint="say how")
    with pytest.raises(UnreadablePdf, match="the password given does not open it"):
        open_pdf(files["aes256_user"], tmp_path, password="wrong")


def test_password_is_never_logged(
    files: dict[str, Path], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    opened = open_pdf(files["rc4_40_user"], tmp_path, password="letmein")
    assert "letmein" not in caplog.text
    assert all("letmein" not in line for line in opened.log)
    with pytest.raises(UnreadablePdf) as info:
        open_pdf(files["rc4_40_user"], tmp_path, password="hunter2-wrong")
    assert "hunter2" not in str(info.value) and "hunter2" not in caplog.text


def test_repairs_are_named(files: dict[str, Path], tmp_path: Path) -> None:
    assert open_pdf(files["pypdf_clean"], tmp_path).repairs == []
    assert open_pdf(files["pypdf_clean"], tmp_path).path == files["pypdf_clean"]  # untouched
    cyclic = open_pdf(files["cyclic_page_tree"], tmp_path)
    assert "its broken list of pages was rebuilt" in cyclic.repairs
    assert not cyclic.rasterised
    assert "Hostile evidence page" in PdfReader(cyclic.path).pages[1].extract_text()
    nulls = open_pdf(files["null_annots"], tmp_path)
    assert "page 1: 2 empty annotation entries removed" in nulls.repairs
    huge = open_pdf(files["huge_number"], tmp_path)
    assert "page 1 had no usable page size; it was set to A4" in huge.repairs
    assert round(float(PdfReader(huge.path).pages[0].mediabox.height)) == 842
    deep = open_pdf(files["deep_nesting"], tmp_path)
    assert deep.rasterised and deep.page_count == 1
    assert open_pdf(files["signed"], tmp_path).signed


def test_thirty_thousand_links_are_quick(files: dict[str, Path], tmp_path: Path) -> None:
    started = time.perf_counter()
    opened = open_pdf(files["many_annots"], tmp_path)
    elapsed = time.perf_counter() - started
    assert elapsed < 10, elapsed
    assert opened.repairs == [
        "page 1: 30,000 link annotations removed (more than 2,000 annotations on one page)"
    ]
    assert (
        "/Annots" not in PdfReader(opened.path).pages[0]
        or not PdfReader(opened.path).pages[0]["/Annots"]
    )


def test_time_limit_is_a_per_document_reason(files: dict[str, Path], tmp_path: Path) -> None:
    with pytest.raises(UnreadablePdf, match=r"took longer than 0\.001 seconds to read"):
        open_pdf(files["many_annots"], tmp_path, limits=PdfLimits(seconds=0.001))


def test_bomb_limits_are_configurable(files: dict[str, Path], tmp_path: Path) -> None:
    with pytest.raises(UnreadablePdf, match="decompression bomb"):
        open_pdf(files["flate_bomb"], tmp_path)
    roomy = PdfLimits(max_stream_mb=1024)
    assert open_pdf(files["flate_bomb"], tmp_path, limits=roomy).page_count == 1


def _sleep() -> int:
    time.sleep(30)
    return 1


def _allocate() -> int:
    blocks = [bytearray(64 * 1024 * 1024) for _ in range(64)]  # 4 GB
    return len(blocks)


def _fail() -> int:
    raise ValueError("inside")


def test_run_bounded_breaches() -> None:
    started = time.perf_counter()
    with pytest.raises(LimitBreach) as info:
        run_bounded(_sleep, (), PdfLimits(seconds=0.5))
    assert info.value.kind == "time"
    assert time.perf_counter() - started < 5
    with pytest.raises(LimitBreach) as info:
        run_bounded(_allocate, (), PdfLimits(memory_mb=256))
    assert info.value.kind == "memory"
    with pytest.raises(LimitBreach) as info:
        run_bounded(_fail, (), PdfLimits())
    assert info.value.kind == "error" and "inside" in info.value.detail
    assert run_bounded(len, ("abc",), PdfLimits()) == 3


def test_captured_logs_keep_libraries_quiet(caplog: pytest.LogCaptureFixture) -> None:
    pypdf_log = logging.getLogger("pypdf")
    with captured_logs() as lines:
        pypdf_log.warning("Object %d not found", 7)
        warnings.warn("odd font", UserWarning, stacklevel=1)
    assert lines == ["pypdf: Object 7 not found", "UserWarning: odd font"]
    assert "Object 7" not in caplog.text
    assert pypdf_log.propagate


def test_refusal_pickles() -> None:
    err = UnreadablePdf("damaged beyond repair: the file ends early")
    again = pickle.loads(pickle.dumps(err))
    assert again.reason == err.reason and str(again) == str(err)


def test_one_worker_survives_a_breach_and_reads_the_next(
    files: dict[str, Path], tmp_path: Path
) -> None:
    from sendocs.pdfio import BoundedWorker

    with BoundedWorker(PdfLimits(seconds=0.5)) as worker:
        with pytest.raises(LimitBreach) as info:
            worker.run(_sleep, ())
        assert info.value.kind == "time"
        opened = open_pdf(files["null_annots"], tmp_path, worker=worker)
        assert opened.page_count == 2
        with pytest.raises(LimitBreach) as info:
            worker.run(_fail, ())
        assert info.value.kind == "error"
        assert worker.run(len, ("ab",)) == 2


def _job(kind: str) -> str:
    if kind == "sleep":
        time.sleep(30)
    if kind == "fail":
        raise ValueError("inside")
    if kind == "allocate":
        _allocate()
    if kind == "crash":
        import os

        os._exit(3)
    return kind


def test_pipelined_workers_keep_each_limit_per_job_and_the_order() -> None:
    from sendocs.pdfio import BoundedWorker
    from sendocs.pdfio.limits import run_pipelined

    kinds = ["a", "sleep", "b", "c", "fail", "d", "crash", "e", "allocate", "f", "g", "h"]
    limits = PdfLimits(seconds=1.5, memory_mb=256)
    started = time.perf_counter()
    with BoundedWorker(limits) as one, BoundedWorker(limits) as two:
        results = run_pipelined([one, two], _job, [(k,) for k in kinds], window=3)
    assert time.perf_counter() - started < 20
    for kind, result in zip(kinds, results, strict=True):
        if kind == "sleep":
            assert isinstance(result, LimitBreach) and result.kind == "time"
        elif kind == "fail":
            assert isinstance(result, LimitBreach) and result.kind == "error"
        elif kind == "allocate":
            assert isinstance(result, LimitBreach) and result.kind == "memory"
        elif kind == "crash":
            assert isinstance(result, LimitBreach) and result.kind == "crash"
        else:
            assert result == kind  # jobs queued behind a breach still ran


def test_small_clean_files_skip_the_bounded_reader_and_odd_ones_do_not(
    files: dict[str, Path], tmp_path: Path
) -> None:
    from sendocs.pdfio import BoundedWorker
    from sendocs.pdfio.open import OpenRequest, open_pdfs

    names = sorted(n for n, (_, password, _) in hostile.HOSTILE.items() if password is None)
    with BoundedWorker(PdfLimits()) as worker:
        clean = open_pdfs(
            [OpenRequest(files["pypdf_clean"])], tmp_path, workers=[worker], pypdf_must_read=False
        )
        assert worker._process is None  # read in-process: no reader was started
        results = open_pdfs(
            [OpenRequest(files[n]) for n in names],
            tmp_path,
            workers=[worker],
            pypdf_must_read=False,
        )
        assert worker._process is not None  # the odd ones went to the bounded reader
    (opened,) = clean
    assert isinstance(opened, OpenedPdf)
    assert opened.path == files["pypdf_clean"] and opened.repairs == [] and not opened.log
    for name, result in zip(names, results, strict=True):
        fate = hostile.HOSTILE[name][2]
        assert isinstance(result, UnreadablePdf if fate == "refused" else OpenedPdf), name
    by_name = dict(zip(names, results, strict=True))
    assert "its broken list of pages was rebuilt" in by_name["cyclic_page_tree"].repairs  # type: ignore[union-attr]
    assert by_name["deep_nesting"].rasterised  # type: ignore[union-attr]
    assert by_name["signed"].signed  # type: ignore[union-attr]


# --- faults met in the real-world corpus run (scripts/corpus/run.py) -----------------------


def test_pages_qpdf_gives_up_on_are_kept(tmp_path: Path) -> None:
    """qpdf silently drops a page object it cannot parse; the document must keep all its
    pages (xfig's manual lost 40 of 176 pages this way)."""
    source = hostile.page_qpdf_gives_up_on(tmp_path / "skip.pdf")
    opened = open_pdf(source, tmp_path / "work")
    assert opened.page_count == 3
    assert opened.repairs and not opened.rasterised
    reader = PdfReader(opened.path)
    assert [p.extract_text() for p in reader.pages] == ["Page one", "Page two", "Page three"]
    with pikepdf.open(opened.path) as pdf:
        assert len(pdf.pages) == 3


def test_a_brotli_page_is_decoded_so_viewers_show_it(tmp_path: Path) -> None:
    source = hostile.brotli_compressed(tmp_path / "brotli.pdf")
    opened = open_pdf(source, tmp_path / "work", pypdf_must_read=False)
    assert any("Brotli" in r for r in opened.repairs)
    with pikepdf.open(opened.path) as pdf:
        contents = pdf.pages[0].obj.Contents
        assert contents.get("/Filter") != pikepdf.Name("/BrotliDecode")
        assert b"(Brotli text) Tj" in contents.read_bytes()
    assert "Brotli text" in PdfReader(opened.path).pages[0].extract_text()


def test_a_small_brotli_file_is_not_taken_as_clean(tmp_path: Path) -> None:
    """The in-process fast path (small clean files) must not pass a Brotli stream through."""
    from sendocs.pdfio.limits import BoundedWorker
    from sendocs.pdfio.open import OpenRequest, open_pdfs

    source = hostile.brotli_compressed(tmp_path / "brotli.pdf")
    with BoundedWorker(PdfLimits()) as worker:
        [opened] = open_pdfs(
            [OpenRequest(source)], tmp_path / "work", workers=[worker], pypdf_must_read=False
        )
    assert isinstance(opened, OpenedPdf)
    assert opened.path != source
    assert "Brotli text" in PdfReader(opened.path).pages[0].extract_text()


def test_a_brotli_bomb_is_refused(tmp_path: Path) -> None:
    source = hostile.brotli_compressed(tmp_path / "bomb.pdf", content=b" " * (3 * 1024 * 1024))
    with pytest.raises(UnreadablePdf, match="decompression bomb"):
        open_pdf(source, tmp_path / "work", limits=PdfLimits(max_stream_mb=2))


def test_public_key_encryption_is_refused_in_words(tmp_path: Path) -> None:
    source = hostile.public_key_encrypted(tmp_path / "pubkey.pdf")
    with pytest.raises(UnreadablePdf) as info:
        open_pdf(source, tmp_path / "work", password="anything")
    assert "digital certificates" in info.value.reason
    assert "damaged" not in info.value.reason


def test_rasterising_an_encrypted_file_uses_its_password(
    files: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When no engine can use the structure, poppler re-draws the pages, given the password
    (before, an encrypted file qpdf could not read was refused as damaged)."""
    from sendocs.pdfio import open as open_module

    def qpdf_fails(source: Path, password: str | None) -> tuple[None, list[str], str]:
        return None, [], "damaged beyond repair: no PDF reader could find its pages"

    monkeypatch.setattr(open_module, "_open_with_qpdf", qpdf_fails)
    monkeypatch.setattr(open_module, "_pypdf_rewrites", lambda *args: False)
    source = files["aes256_user"]
    opened = open_pdf(source, tmp_path / "work", password=hostile_password())
    assert opened.rasterised and opened.page_count == 2
    with pikepdf.open(opened.path) as pdf:
        assert not pdf.is_encrypted and len(pdf.pages) == 2
    with pytest.raises(UnreadablePdf):
        open_pdf(source, tmp_path / "work2", password="wrong")


def hostile_password() -> str:
    _, password, _ = hostile.HOSTILE["aes256_user"]
    assert password
    return password


def test_may_have_images_answers_no_only_when_sure() -> None:
    """The in-process check skips image checks only for files that cannot hold an image."""
    from sendocs.pdfio.repair import may_have_images

    assert not may_have_images(b"%PDF-1.4 1 0 obj << /Type /Page /Font << /F1 2 0 R >> >>")
    assert may_have_images(b"<< /Subtype /Image /Width 9 >>")
    assert may_have_images(b"<</Subtype/Image/Width 9>>")
    assert may_have_images(b"<< /Subtype /Image")
    # reportlab, LibreOffice, Word: every page lists these, images or not
    assert not may_have_images(b"<< /ProcSet [ /PDF /Text /ImageB /ImageC /ImageI ] >>")
    assert may_have_images(b"<< /Subtype /Im#61ge >>")  # the same name, escaped
    assert may_have_images(b"<< /#53ubtype /Form >>")  # any escaped name: look properly
    assert may_have_images(b"<< /Type /ObjStm /N 3 >>")  # objects out of sight
    assert not may_have_images(b"(colour #ff0000) Tj /F1 12 Tf")  # '#' outside a name
    started = time.perf_counter()
    may_have_images(b"/" * 250_000 + b"/a" * 100_000)  # stays linear on hostile input
    assert time.perf_counter() - started < 1


def test_one_pass_answers_plainly_only_when_the_separate_searches_would() -> None:
    """The one-pass search says "plainly nothing" only where the four searches agree."""
    from sendocs.pdfio.repair import may_have_images, plainly_without_images_or_brotli

    plain = [
        b"%PDF-1.4 1 0 obj << /Type /Page /Font << /F1 2 0 R >> >>",
        b"<< /ProcSet [ /PDF /Text /ImageB /ImageC /ImageI ] >>",
        b"(colour #ff0000) Tj /F1 12 Tf",
    ]
    to_look_at = [
        b"<< /Subtype /Image /Width 9 >>",
        b"<</Subtype/Image/Width 9>>",
        b"<< /Subtype /Im#61ge >>",
        b"<< /#53ubtype /Form >>",
        b"<< /Type /ObjStm /N 3 >>",
        b"<< /Filter /BrotliDecode /Length 9 >>",
        b"<< /Filter [/FlateDecode /BrotliDecode] >>",
        b"<< /Filter /Bro#74liDecode >>",  # escaped: the object-level search decides
    ]
    for raw in plain:
        assert plainly_without_images_or_brotli(raw), raw
        assert not may_have_images(raw) and b"Brotli" not in raw
    for raw in to_look_at:
        assert not plainly_without_images_or_brotli(raw), raw
    started = time.perf_counter()
    plainly_without_images_or_brotli(b"/" * 250_000 + b"/a" * 100_000)  # linear
    assert time.perf_counter() - started < 1


def test_an_escaped_brotli_filter_is_found_in_the_objects() -> None:
    """``/Bro#74liDecode`` is /BrotliDecode: a byte search for "Brotli" would miss it."""
    import io

    from sendocs.pdfio.repair import has_brotli

    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.pages[0].obj.Contents = pdf.make_stream(b"BT ET")
    pdf.pages[0].obj.Contents.Filter = pikepdf.Name("/BrotliDecode")
    out = io.BytesIO()
    pdf.save(out, compress_streams=False, object_stream_mode=pikepdf.ObjectStreamMode.disable)
    raw = out.getvalue().replace(b"/BrotliDecode", b"/Bro#74liDecode")
    with pikepdf.open(io.BytesIO(raw)) as reread:
        assert has_brotli(reread, raw)


def test_a_small_scan_is_still_found_in_process(tmp_path: Path) -> None:
    """A page that is only an image is listed; a typed page is not (both read in-process)."""
    import io

    from PIL import Image
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    from sendocs.bundle.textlayer import image_only_pages_qpdf
    from sendocs.pdfio import BoundedWorker
    from sendocs.pdfio.open import OpenRequest, open_pdfs

    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=A4)
    canvas.drawString(72, 700, "Typed page")
    canvas.showPage()
    canvas.drawImage(ImageReader(Image.new("L", (40, 60), 200)), 0, 0, *A4)
    canvas.showPage()
    canvas.save()
    (tmp_path / "mixed.pdf").write_bytes(buf.getvalue())
    with BoundedWorker(PdfLimits()) as worker:
        (opened,) = open_pdfs(
            [OpenRequest(tmp_path / "mixed.pdf")],
            tmp_path / "work",
            workers=[worker],
            find_scans=image_only_pages_qpdf,
            pypdf_must_read=False,
        )
        assert worker._process is None  # checked in-process
    assert isinstance(opened, OpenedPdf)
    assert opened.scanned_pages == [1]


def test_a_key_written_twice_is_told_not_repaired(tmp_path: Path) -> None:
    """LaTeX tools write /Author twice in the document information; every reader takes the
    last. A key written twice is reported as a harmless oddity and the file used as it is
    (rebuilding it cost a 3 MB manual a second), read in-process or by a bounded reader."""
    from sendocs.pdfio.limits import BoundedWorker
    from sendocs.pdfio.open import OpenRequest, open_pdfs

    buf = io.BytesIO()
    canvas = Canvas(buf, invariant=True)
    canvas.drawString(72, 720, "A manual page")
    canvas.showPage()
    canvas.save()
    # the page dictionary names /Rotate twice (same length: the offsets still hold)
    data = buf.getvalue().replace(b"/Rotate 0 /Trans <<\n\n>>", b"/Rotate 0 /Rotate 0    ")
    assert b"/Rotate 0 /Rotate 0" in data
    source = tmp_path / "twice.pdf"
    source.write_bytes(data)
    small = tmp_path / "small"
    with BoundedWorker(PdfLimits()) as worker:
        [quick] = open_pdfs([OpenRequest(source)], small, workers=[worker], pypdf_must_read=False)
        assert worker._process is None  # accepted in-process
    bounded = open_pdf(source, tmp_path / "bounded", pypdf_must_read=False)
    for opened in (quick, bounded):
        assert isinstance(opened, OpenedPdf)
        assert opened.path == source and opened.repairs == [] and not opened.rasterised
        assert opened.page_count == 1
        assert any("duplicated key /Rotate" in line for line in opened.log)

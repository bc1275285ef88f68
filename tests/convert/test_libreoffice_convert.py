"""The real converter: LibreOffice turns real Word documents into PDFs we read back."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from sendocs.errors import ConversionError
from sendocs.render.convert import Converter, convert_one, open_converter
from sendocs.render.libreoffice import LibreOfficeConverter

from .conftest import MONEY_LINE, MakeDocx, pdf_text, processes_matching

pytestmark = pytest.mark.libreoffice


def test_text_table_footer_and_pages_reach_the_pdf(
    make_docx: MakeDocx, shared_converter: LibreOfficeConverter, tmp_path: Path
) -> None:
    source = make_docx(
        "plan.docx",
        title="SEN support plan",
        table=(("Provision", "Cost"), ("Speech and language", "£1,250.00")),
        pages=2,
        footer=True,
    )
    (pdf,) = shared_converter.convert([source], tmp_path / "out")

    assert pdf == tmp_path / "out" / "plan.pdf"
    pages = pdf_text(pdf)
    assert len(pages) == 2
    assert "SEN support plan" in pages[0]
    assert MONEY_LINE in pages[0]
    assert "Speech and language" in pages[0] and "£1,250.00" in pages[0]
    assert "This is page 2 of the plan." in pages[1]
    # The PAGE field is live: each page's footer carries its own number.
    assert pages[0].endswith("Page 1")
    assert pages[1].endswith("Page 2")


def test_pdf_is_tagged_by_default(
    make_docx: MakeDocx, shared_converter: LibreOfficeConverter, tmp_path: Path
) -> None:
    (pdf,) = shared_converter.convert([make_docx()], tmp_path)
    root = PdfReader(pdf).root_object
    assert "/StructTreeRoot" in root
    mark_info = root["/MarkInfo"].get_object()
    assert isinstance(mark_info, DictionaryObject)
    assert bool(mark_info["/Marked"])
    assert b"pdfaid:part" not in _xmp(pdf)


def test_pdfa_output_declares_pdfa_2b(
    make_docx: MakeDocx, shared_converter: LibreOfficeConverter, tmp_path: Path
) -> None:
    (pdf,) = shared_converter.convert([make_docx()], tmp_path, pdfa=True)
    xmp = _xmp(pdf)
    assert b"<pdfaid:part>2</pdfaid:part>" in xmp
    assert b"<pdfaid:conformance>B</pdfaid:conformance>" in xmp
    root = PdfReader(pdf).root_object
    assert "/OutputIntents" in root
    assert "/StructTreeRoot" in root  # still tagged
    assert MONEY_LINE in pdf_text(pdf)[0]


def test_five_documents_in_one_call_keep_their_order_and_content(
    make_docx: MakeDocx, shared_converter: LibreOfficeConverter, tmp_path: Path
) -> None:
    names = ["e", "b", "d", "a", "c"]
    sources = [make_docx(f"{n}.docx", title=f"Letter for pupil {n.upper()}") for n in names]
    out = tmp_path / "pdfs"

    pdfs = shared_converter.convert(sources, out)

    assert pdfs == [out / f"{n}.pdf" for n in names]
    for name, pdf in zip(names, pdfs, strict=True):
        (page,) = pdf_text(pdf)
        assert f"Letter for pupil {name.upper()}" in page
    # Nothing but the five PDFs: no partial or staging files left behind.
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{n}.pdf" for n in names)


def test_existing_pdf_is_replaced_whole(
    make_docx: MakeDocx, shared_converter: LibreOfficeConverter, tmp_path: Path
) -> None:
    (tmp_path / "letter.pdf").write_bytes(b"old content")
    (pdf,) = shared_converter.convert([make_docx(title="New letter")], tmp_path)
    assert "New letter" in pdf_text(pdf)[0]


def test_corrupt_docx_is_named_in_the_error(
    make_docx: MakeDocx, shared_converter: LibreOfficeConverter, tmp_path: Path
) -> None:
    good = make_docx("good.docx")
    bad = tmp_path / "src" / "broken plan.docx"
    bad.write_bytes(b"this is not a zip file\n" * 20)

    with pytest.raises(ConversionError, match=r"broken plan\.docx: not a valid Word document"):
        shared_converter.convert([good, bad], tmp_path / "out")


def test_document_libreoffice_cannot_open_is_named_and_others_still_convert(
    make_docx: MakeDocx, shared_converter: LibreOfficeConverter, tmp_path: Path
) -> None:
    # An .odt is not pre-checked: this exercises LibreOffice's own refusal (and the retry).
    bad = tmp_path / "src" / "damaged.odt"
    bad.parent.mkdir(exist_ok=True)
    bad.write_bytes(b"PK\x03\x04 damaged")
    good = make_docx("fine.docx", title="Still converted")
    out = tmp_path / "out"

    with pytest.raises(ConversionError) as caught:
        shared_converter.convert([bad, good], out)

    assert "damaged.odt" in str(caught.value)
    assert "fine.docx" not in str(caught.value)
    assert "Still converted" in pdf_text(out / "fine.pdf")[0]
    assert [p.name for p in out.iterdir()] == ["fine.pdf"]


def test_other_inputs_are_refused_before_libreoffice(tmp_path: Path) -> None:
    converter = LibreOfficeConverter(soffice=tmp_path / "never-started")
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    with pytest.raises(ConversionError, match=r"notes\.txt: cannot convert a \.txt file"):
        converter.convert([tmp_path / "notes.txt"], tmp_path)
    with pytest.raises(ConversionError, match=r"absent\.docx: the document to convert does not"):
        converter.convert([tmp_path / "absent.docx"], tmp_path)


def test_same_stem_twice_is_refused(make_docx: MakeDocx, tmp_path: Path) -> None:
    first = make_docx("plan.docx")
    other = tmp_path / "elsewhere"
    other.mkdir()
    from .conftest import build_docx

    second = build_docx(other / "plan.docx")
    converter = LibreOfficeConverter(soffice=tmp_path / "never-started")
    with pytest.raises(ConversionError, match="same as for"):
        converter.convert([first, second], tmp_path / "out")


def test_missing_soffice_explains_how_to_install(
    make_docx: MakeDocx, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SENDOCS_SOFFICE", str(tmp_path / "no" / "soffice"))
    with (
        open_converter() as converter,
        pytest.raises(ConversionError) as caught,
    ):
        converter.convert([make_docx()], tmp_path / "out")
    message = str(caught.value)
    assert "SENDOCS_SOFFICE" in message
    assert str(tmp_path / "no" / "soffice") in message
    assert (
        "sudo apt-get install libreoffice-writer-nogui fonts-crosextra-carlito fonts-liberation2"
        in message
    )
    assert "https://www.libreoffice.org/download/" in message
    assert not (tmp_path / "out" / "letter.pdf").exists()


def test_close_leaves_no_libreoffice_running(make_docx: MakeDocx, tmp_path: Path) -> None:
    converter = LibreOfficeConverter(workers=1)
    assert isinstance(converter, Converter)
    with converter:
        (pdf,) = converter.convert([make_docx()], tmp_path)
        (profile,) = converter.profile_dirs
        assert any("soffice.bin" in line for line in processes_matching(str(profile)))
    assert processes_matching(str(profile)) == []
    assert not profile.exists()
    assert MONEY_LINE in pdf_text(pdf)[0]
    with pytest.raises(ConversionError, match="closed"):
        converter.convert([make_docx()], tmp_path)


def test_timeout_restarts_retries_once_then_names_the_document(
    make_docx: MakeDocx, tmp_path: Path
) -> None:
    source = make_docx("slow.docx")
    with LibreOfficeConverter(workers=1, timeout=0.001) as converter:
        with pytest.raises(ConversionError, match=r"slow\.docx: LibreOffice did not answer within"):
            converter.convert([source], tmp_path / "out")
        # The timed-out LibreOffice was stopped, not left running.
        assert converter.profile_dirs == []
        # The converter recovers: with a sane timeout the same document converts.
        converter.timeout = 120
        (pdf,) = converter.convert([source], tmp_path / "out")
        assert MONEY_LINE in pdf_text(pdf)[0]
    assert list((tmp_path / "out").iterdir()) == [pdf]


def test_convert_one_writes_exactly_the_path_asked_for(
    make_docx: MakeDocx, shared_converter: LibreOfficeConverter, tmp_path: Path
) -> None:
    target = tmp_path / "final" / "Notification letter - final.pdf"
    result = convert_one(make_docx(), target, pdfa=True, converter=shared_converter)
    assert result == target
    assert b"<pdfaid:part>2</pdfaid:part>" in _xmp(target)
    assert MONEY_LINE in pdf_text(target)[0]
    assert [p.name for p in target.parent.iterdir()] == [target.name]


def test_batch_mode_single_soffice_call(make_docx: MakeDocx, tmp_path: Path) -> None:
    sources = [make_docx(f"p{i}.docx", title=f"Pupil {i}") for i in range(3)]
    with LibreOfficeConverter(mode="batch") as converter:
        assert converter.resolved_mode() == "batch"
        pdfs = converter.convert(sources, tmp_path / "out", pdfa=True)
    for i, pdf in enumerate(pdfs):
        assert f"Pupil {i}" in pdf_text(pdf)[0]
        assert b"<pdfaid:part>2</pdfaid:part>" in _xmp(pdf)
        assert "/StructTreeRoot" in PdfReader(pdf).root_object
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["p0.pdf", "p1.pdf", "p2.pdf"]


def _xmp(pdf: Path) -> bytes:
    metadata = PdfReader(pdf).root_object.get("/Metadata")
    return b"" if metadata is None else bytes(metadata.get_object().get_data())


def test_libreoffice_that_will_not_start_is_reported_once_with_advice(
    make_docx: MakeDocx, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "soffice"
    broken.write_text("#!/bin/sh\nexit 3\n", encoding="utf-8")
    broken.chmod(0o755)
    monkeypatch.setenv("SENDOCS_SOFFICE", str(broken))
    sources = [make_docx(f"n{i}.docx") for i in range(3)]
    with LibreOfficeConverter() as converter:
        assert converter.resolved_mode() == "uno"
        with pytest.raises(ConversionError) as caught:
            converter.convert(sources, tmp_path / "out")
    message = str(caught.value)
    assert message.startswith(f"LibreOffice ({broken}) could not be started")
    assert "3 of 3 documents were not converted" in message
    assert "exited during start-up (status 3)" in message
    assert "sudo apt-get install libreoffice-writer-nogui" in message
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


def test_libreoffice_stops_even_if_python_is_killed(make_docx: MakeDocx, tmp_path: Path) -> None:
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from sendocs.render.libreoffice import LibreOfficeConverter\n"
        "c = LibreOfficeConverter(workers=1)\n"
        "c.convert([Path(sys.argv[1])], Path(sys.argv[2]))\n"
        "print(c.profile_dirs[0], flush=True)\n"
        "time.sleep(120)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    parent = subprocess.Popen(
        [sys.executable, "-c", script, str(make_docx()), str(tmp_path / "out")],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert parent.stdout is not None
    profile = parent.stdout.readline().strip()
    assert profile and processes_matching(profile)
    parent.kill()  # SIGKILL: no cleanup code of ours runs in this process
    parent.wait()
    deadline = time.monotonic() + 20
    while processes_matching(profile) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert processes_matching(profile) == []
    assert not Path(profile).parent.exists()
    assert MONEY_LINE in pdf_text(tmp_path / "out" / "letter.pdf")[0]


def test_batch_mode_names_a_document_libreoffice_cannot_open(
    make_docx: MakeDocx, tmp_path: Path
) -> None:
    bad = tmp_path / "src" / "damaged.odt"
    bad.parent.mkdir(exist_ok=True)
    bad.write_bytes(b"PK\x03\x04 damaged")
    good = make_docx("fine.docx", title="Converted anyway")
    with (
        LibreOfficeConverter(mode="batch") as converter,
        pytest.raises(ConversionError, match=r"damaged\.odt: LibreOffice wrote no PDF"),
    ):
        converter.convert([bad, good], tmp_path / "out")
    assert "Converted anyway" in pdf_text(tmp_path / "out" / "fine.pdf")[0]
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["fine.pdf"]


def test_nothing_to_convert_starts_nothing(tmp_path: Path) -> None:
    converter = open_converter()
    assert isinstance(converter, LibreOfficeConverter)
    with converter:
        assert converter.convert([], tmp_path / "out") == []
        assert converter.profile_dirs == []


@pytest.mark.parametrize("mode", ["uno", "batch"])
def test_file_names_outside_ascii_convert_in_both_modes(
    make_docx: MakeDocx, tmp_path: Path, mode: str
) -> None:
    """soffice.bin is started directly (see office_program); it must keep the user's locale,
    or LibreOffice cannot open 'Zielińska_Zoë.docx'."""
    source = make_docx("Zielińska_Zoë.docx", title="Plan for Zoë Zielińska")
    with LibreOfficeConverter(workers=1, mode=mode) as converter:  # type: ignore[arg-type]
        (pdf,) = converter.convert([source], tmp_path / "out")
    assert pdf.name == "Zielińska_Zoë.pdf"
    assert "Plan for Zoë Zielińska" in pdf_text(pdf)[0]


def test_libreoffice_keeps_its_temporary_files_in_our_private_folder(
    make_docx: MakeDocx, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """LibreOffice's own lu*.tmp files would otherwise stay in the temp folder after a kill."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", None)
    with LibreOfficeConverter(workers=1) as converter:
        converter.convert([make_docx()], tmp_path / "out")
        (profile,) = converter.profile_dirs
        assert profile.parent.parent == temp
        assert [p.name for p in temp.iterdir() if p.name.startswith("lu")] == []
    assert list(temp.iterdir()) == []

"""Page contents in ASCII85 over Flate are unwrapped, not recompressed (sendocs.bundle.ascii85)."""

from __future__ import annotations

import base64
import zlib
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name
from pypdf import PdfReader

from sendocs.bundle import build_bundle
from sendocs.bundle.ascii85 import unwrap_ascii85_contents
from tests.bundle.conftest import doc, make_pdf, write_spec

CONTENT = b"BT /F1 12 Tf 60 700 Td (Speech and language therapy, weekly) Tj ET"


def _wrapped(data: bytes) -> bytes:
    return base64.a85encode(zlib.compress(data)) + b"~>"


def _page_with(pdf: pikepdf.Pdf, stream: pikepdf.Stream) -> None:
    pdf.add_blank_page(page_size=(595, 842))
    pdf.pages[-1].obj.Contents = stream


def test_wrapped_contents_keep_their_flate_data(tmp_path: Path) -> None:
    pdf = pikepdf.new()
    flate = zlib.compress(CONTENT)
    wrapped = pikepdf.Stream(pdf, _wrapped(CONTENT))
    wrapped.Filter = Array([Name.ASCII85Decode, Name.FlateDecode])
    _page_with(pdf, wrapped)
    _page_with(pdf, wrapped)  # one stream on two pages: unwrapped once
    assert unwrap_ascii85_contents(pdf) == 1
    stream = pdf.pages[1].obj.Contents
    assert stream.Filter == Name.FlateDecode
    assert stream.read_raw_bytes() == flate  # the very Flate data, not recompressed
    assert stream.read_bytes() == CONTENT
    pdf.save(tmp_path / "out.pdf")
    with pikepdf.open(tmp_path / "out.pdf") as saved:
        assert saved.pages[0].obj.Contents.read_bytes() == CONTENT


def test_streams_it_cannot_unwrap_are_left_as_they_were() -> None:
    pdf = pikepdf.new()
    # parameters on the ASCII85 filter: not a form the bundle rewrites
    odd = pikepdf.Stream(pdf, _wrapped(CONTENT))
    odd.Filter = Array([Name.ASCII85Decode, Name.FlateDecode])
    odd.DecodeParms = Array([Dictionary(Foo=1), None])
    _page_with(pdf, odd)
    # broken ASCII85 text
    broken = pikepdf.Stream(pdf, b"\x00\x01 not ascii85 ~>")
    broken.Filter = Array([Name.ASCII85Decode, Name.FlateDecode])
    _page_with(pdf, broken)
    # Flate alone, and Flate with an empty parameter slot for ASCII85 (unwrapped)
    plain = pikepdf.Stream(pdf, zlib.compress(CONTENT))
    plain.Filter = Name.FlateDecode
    _page_with(pdf, plain)
    slot = pikepdf.Stream(pdf, _wrapped(CONTENT))
    slot.Filter = Array([Name.ASCII85Decode, Name.FlateDecode])
    slot.DecodeParms = Array([None, None])
    _page_with(pdf, slot)
    assert unwrap_ascii85_contents(pdf) == 1
    filters = [page.obj.Contents.get("/Filter") for page in pdf.pages]
    assert [f.unparse() for f in filters] == [
        b"[ /ASCII85Decode /FlateDecode ]",
        b"[ /ASCII85Decode /FlateDecode ]",
        b"/FlateDecode",
        b"/FlateDecode",
    ]
    assert "/DecodeParms" not in pdf.pages[3].obj.Contents
    assert pdf.pages[3].obj.Contents.read_bytes() == CONTENT


def test_a_bundle_of_reportlab_pages_has_no_ascii85_contents(tmp_path: Path) -> None:
    """reportlab writes ASCII85 over Flate; the bundle's pages (index included) hold the
    Flate data alone, and read as before."""
    source = make_pdf(tmp_path / "ev" / "report.pdf", 2)
    with pikepdf.open(source) as pdf:
        assert pdf.pages[0].obj.Contents.Filter.unparse() == b"[ /ASCII85Decode /FlateDecode ]"
    spec = write_spec(
        tmp_path,
        {
            "title": "Appeal bundle",
            "sections": [
                {"title": "Evidence", "documents": [doc("ev/report.pdf", "Report", "2026-06-10")]}
            ],
        },
    )
    out = tmp_path / "bundle.pdf"
    build_bundle(spec, out)
    with pikepdf.open(out) as bundle:
        for page in bundle.pages:
            contents = page.obj.Contents
            for stream in contents if isinstance(contents, Array) else [contents]:
                assert b"ASCII85" not in stream.get("/Filter", Name.FlateDecode).unparse()
    reader = PdfReader(out)
    before = PdfReader(source)
    for i in (0, 1):
        assert before.pages[i].extract_text() in reader.pages[1 + i].extract_text()
    assert "Report" in reader.pages[0].extract_text()


def test_documents_whose_first_page_is_not_wrapped_are_passed_over() -> None:
    pdf = pikepdf.new()
    for wrapped in (False, True, True, False, True):
        if wrapped:
            stream = pikepdf.Stream(pdf, _wrapped(CONTENT))
            stream.Filter = Array([Name.ASCII85Decode, Name.FlateDecode])
        else:
            stream = pikepdf.Stream(pdf, zlib.compress(CONTENT))
            stream.Filter = Name.FlateDecode
        _page_with(pdf, stream)
    # documents: pages 0-1 (first page Flate alone: passed over), 2-4 (unwrapped)
    assert unwrap_ascii85_contents(pdf, [range(0, 2), range(2, 5), range(5, 5)]) == 2
    filters = [page.obj.Contents.Filter.unparse() for page in pdf.pages]
    assert filters == [b"/FlateDecode", b"[ /ASCII85Decode /FlateDecode ]"] + [b"/FlateDecode"] * 3
    assert [page.obj.Contents.read_bytes() for page in pdf.pages] == [CONTENT] * 5


def test_flate_written_as_a_one_element_array_is_given_the_name(tmp_path: Path) -> None:
    """reportlab writes ``/Filter [/FlateDecode]``, which qpdf would recompress on saving."""
    pdf = pikepdf.new()
    flate = zlib.compress(CONTENT, 9)  # not qpdf's level: recompressing would change the bytes
    listed = pikepdf.Stream(pdf, flate)
    listed.Filter = Array([Name.FlateDecode])
    listed.DecodeParms = Array([Dictionary(Predictor=1)])
    _page_with(pdf, listed)
    assert unwrap_ascii85_contents(pdf) == 1
    stream = pdf.pages[0].obj.Contents
    assert stream.Filter == Name.FlateDecode
    assert stream.DecodeParms == Dictionary(Predictor=1)
    pdf.save(tmp_path / "out.pdf")
    with pikepdf.open(tmp_path / "out.pdf") as saved:
        kept = saved.pages[0].obj.Contents
        assert kept.read_raw_bytes() == flate  # copied as it was, not recompressed
        assert kept.read_bytes() == CONTENT

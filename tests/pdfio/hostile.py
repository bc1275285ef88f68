"""A set of hostile and damaged PDFs, written by the tests themselves.

Each builder writes one fault that real files arrive with (from councils,
courts, scanners, phones) or that an attacker would try, using reportlab for
a sound base and pikepdf/pypdf (or plain byte surgery) for the fault.
Every file here opens in an ordinary viewer (poppler) unless its name says
it should be refused.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Callable
from pathlib import Path

import pikepdf
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

WORDS = "Hostile evidence page"


def base_pdf(pages: int = 2, text: str = WORDS) -> bytes:
    """A plain text PDF whose pages carry no digits (so stamped numbers are unambiguous)."""
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=A4, pageCompression=1)
    for _ in range(pages):
        canvas.setFont("Helvetica", 12)
        canvas.drawString(60, A4[1] - 80, text)
        canvas.showPage()
    canvas.save()
    return buf.getvalue()


def _pike(data: bytes) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(data))


def _save(pdf: pikepdf.Pdf, path: Path, **kwargs: object) -> Path:
    pdf.save(path, **kwargs)  # type: ignore[arg-type]
    return path


def _uncompressed(data: bytes) -> bytes:
    """The same PDF with a classic xref table and no object streams (for byte surgery)."""
    out = io.BytesIO()
    _pike(data).save(
        out, object_stream_mode=pikepdf.ObjectStreamMode.disable, compress_streams=False
    )
    return out.getvalue()


def null_annots(path: Path) -> Path:
    pdf = _pike(base_pdf())
    link = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Annot,
            Subtype=pikepdf.Name.Link,
            Rect=[0, 0, 10, 10],
            Border=[0, 0, 0],
        )
    )
    pdf.pages[0].obj.Annots = pikepdf.Array([None, link, None])
    return _save(pdf, path)


def cyclic_page_tree(path: Path) -> Path:
    pdf = _pike(base_pdf(2))
    root_pages = pdf.Root.Pages
    kid = pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.Pages, Kids=[root_pages], Count=1, Parent=root_pages)
    )
    root_pages.Kids.append(kid)
    return _save(pdf, path)


def dict_kids(path: Path) -> Path:
    """``/Kids`` holding the one page dictionary itself instead of an array of pages."""
    data = _uncompressed(base_pdf(1))
    pdf = _pike(data)
    page_num = pdf.pages[0].obj.objgen[0]
    marker = f"/Kids [ {page_num} 0 R ]".encode()
    assert marker in data, "unexpected layout"
    return _write(path, data.replace(marker, f"/Kids {page_num} 0 R".encode().ljust(len(marker))))


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def wrong_xref(path: Path) -> Path:
    data = bytearray(_uncompressed(base_pdf()))
    start = data.rindex(b"xref")
    table = data[start:]
    shifted = bytearray()
    for line in bytes(table).split(b"\n"):
        if len(line) >= 18 and line[10:11] == b" " and line.rstrip().endswith(b"n"):
            offset = int(line[:10]) + 7
            line = f"{offset:010d}".encode() + line[10:]
        shifted += line + b"\n"
    return _write(path, bytes(data[:start] + shifted[:-1]))


def truncated(path: Path, keep: float = 0.6) -> Path:
    data = _uncompressed(base_pdf(3))
    return _write(path, data[: int(len(data) * keep)])


def truncated_header_only(path: Path) -> Path:
    """Nothing but a header and half an object: no engine can find a page."""
    return _write(path, b"%PDF-1.7\n1 0 obj\n<< /Type /Catal")


def null_mediabox(path: Path) -> Path:
    data = _uncompressed(base_pdf())
    marker = b"/MediaBox [ 0 0 595.2756 841.8898 ]"
    assert marker in data, "unexpected layout"
    return _write(path, data.replace(marker, b"/MediaBox null", 1))


def brotli_stream(path: Path) -> Path:
    """A page content stream declaring /BrotliDecode (PDF 2.0 extension); the data is raw text."""
    pdf = _pike(base_pdf(1))
    page = pdf.pages[0]
    page.obj.Contents = pdf.make_stream(b"BT /F1 12 Tf 60 700 Td (Brotli) Tj ET")
    page.obj.Contents.Filter = pikepdf.Name("/BrotliDecode")
    return _save(pdf, path, compress_streams=False)


def encrypted(path: Path, *, user: str, owner: str, r: int, aes: bool) -> Path:
    pdf = _pike(base_pdf())
    pdf.save(
        path,
        encryption=pikepdf.Encryption(user=user, owner=owner, R=r, aes=aes, metadata=r >= 4),
    )
    return path


def rc4_40_user(path: Path) -> Path:
    return encrypted(path, user="letmein", owner="owner-secret", r=2, aes=False)


def rc4_40_owner_only(path: Path) -> Path:
    return encrypted(path, user="", owner="owner-secret", r=2, aes=False)


def aes256_user(path: Path) -> Path:
    return encrypted(path, user="letmein", owner="owner-secret", r=6, aes=True)


def aes256_owner_only(path: Path) -> Path:
    return encrypted(path, user="", owner="owner-secret", r=6, aes=True)


def encrypted_attachment_only(path: Path) -> Path:
    """AES-256 applied to the embedded file only (/EFF), the pages in the clear."""
    pdf = _pike(base_pdf())
    pdf.attachments["notes.txt"] = pikepdf.AttachedFileSpec(pdf, b"private notes")
    pdf.save(
        path,
        encryption=pikepdf.Encryption(user="", owner="owner-secret", R=6, aes=True, metadata=False),
    )
    # Only the attachment stays encrypted: filters of strings/streams become /Identity.
    raw = path.read_bytes()
    raw = raw.replace(b"/StmF /StdCF", b"/StmF /Identity").replace(
        b"/StrF /StdCF", b"/StrF /Identity"
    )
    return _write(path, raw)


def many_annots(path: Path, count: int = 30000) -> Path:
    pdf = _pike(base_pdf(1))
    arr = pikepdf.Array()
    for i in range(count):
        arr.append(
            pdf.make_indirect(
                pikepdf.Dictionary(
                    Type=pikepdf.Name.Annot,
                    Subtype=pikepdf.Name.Link,
                    Rect=[i % 500, 10, i % 500 + 5, 15],
                    Border=[0, 0, 0],
                    A=pikepdf.Dictionary(
                        S=pikepdf.Name.URI, URI=pikepdf.String("https://example.org")
                    ),
                )
            )
        )
    pdf.pages[0].obj.Annots = arr
    return _save(pdf, path)


def jbig2_bomb(path: Path) -> Path:
    """An image declaring 200,000 × 200,000 pixels of JBIG2 (40 gigapixels) on a page."""
    pdf = _pike(base_pdf(1))
    image = pdf.make_stream(b"\x00" * 64)
    image.Type = pikepdf.Name.XObject
    image.Subtype = pikepdf.Name.Image
    image.Width = 200000
    image.Height = 200000
    image.BitsPerComponent = 1
    image.ColorSpace = pikepdf.Name.DeviceGray
    image.Filter = pikepdf.Name.JBIG2Decode
    page = pdf.pages[0]
    page.obj.Resources.XObject = pikepdf.Dictionary(Im0=image)
    page.obj.Contents = pdf.make_stream(b"q 100 0 0 100 0 0 cm /Im0 Do Q")
    return _save(pdf, path)


def flate_bomb(path: Path) -> Path:
    """A content stream of 4 kB that expands to 400 MB."""
    pdf = _pike(base_pdf(1))
    page = pdf.pages[0]
    comp = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    blob = b"".join(comp.compress(chunk) for _ in range(400)) + comp.flush()
    stream = pikepdf.Stream(pdf, blob)
    stream.Filter = pikepdf.Name.FlateDecode
    page.obj.Contents = pdf.make_indirect(stream)
    return _save(pdf, path, compress_streams=False)


def huge_number(path: Path) -> Path:
    """A media box with a 5,000-digit number (more than Python parses by default)."""
    data = _uncompressed(base_pdf(1))
    marker = b"/MediaBox [ 0 0 595.2756 841.8898 ]"
    assert marker in data, "unexpected layout"
    return _write(path, data.replace(marker, b"/MediaBox [ 0 0 595 " + b"9" * 5000 + b" ]"))


def deep_nesting(path: Path, depth: int = 5000) -> Path:
    data = _uncompressed(base_pdf(1))
    nested = b"[" * depth + b"]" * depth
    marker = b"/Type /Catalog"
    return _write(path, data.replace(marker, marker + b" /Junk " + nested, 1))


def signed(path: Path) -> Path:
    """A form with a filled signature field (/FT /Sig with a /V signature dictionary)."""
    pdf = _pike(base_pdf(1))
    sig = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Sig,
            Filter=pikepdf.Name("/Adobe.PPKLite"),
            SubFilter=pikepdf.Name("/adbe.pkcs7.detached"),
            ByteRange=[0, 10, 20, 10],
            Contents=pikepdf.String(b"\x00" * 64),
        )
    )
    widget = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Annot,
            Subtype=pikepdf.Name.Widget,
            FT=pikepdf.Name.Sig,
            T=pikepdf.String("Signature1"),
            V=sig,
            Rect=[0, 0, 0, 0],
            F=132,
            P=pdf.pages[0].obj,
        )
    )
    pdf.pages[0].obj.Annots = pikepdf.Array([widget])
    pdf.Root.AcroForm = pikepdf.Dictionary(Fields=[widget], SigFlags=3)
    return _save(pdf, path)


def not_a_pdf(path: Path) -> Path:
    return _write(path, b"PK\x03\x04 this is a zip file, not a PDF")


def pypdf_clean(path: Path) -> Path:
    """A sound file written by pypdf (control case)."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(base_pdf())))
    with path.open("wb") as fh:
        writer.write(fh)
    return path


# name → (builder, password to give or None, expected: "included" or "refused")
HOSTILE: dict[str, tuple[Callable[[Path], Path], str | None, str]] = {
    "null_annots": (null_annots, None, "included"),
    "cyclic_page_tree": (cyclic_page_tree, None, "included"),
    "dict_kids": (dict_kids, None, "included"),
    "wrong_xref": (wrong_xref, None, "included"),
    "truncated": (truncated, None, "included"),
    "truncated_header_only": (truncated_header_only, None, "refused"),
    "null_mediabox": (null_mediabox, None, "included"),
    "brotli_stream": (brotli_stream, None, "included"),
    "rc4_40_user": (rc4_40_user, "letmein", "included"),
    "rc4_40_user_nopw": (rc4_40_user, None, "refused"),
    "rc4_40_owner_only": (rc4_40_owner_only, None, "included"),
    "aes256_user": (aes256_user, "letmein", "included"),
    "aes256_user_nopw": (aes256_user, None, "refused"),
    "aes256_owner_only": (aes256_owner_only, None, "included"),
    "encrypted_attachment_only": (encrypted_attachment_only, None, "included"),
    "many_annots": (many_annots, None, "included"),
    "jbig2_bomb": (jbig2_bomb, None, "refused"),
    "flate_bomb": (flate_bomb, None, "refused"),
    "huge_number": (huge_number, None, "included"),
    "deep_nesting": (deep_nesting, None, "included"),
    "signed": (signed, None, "included"),
    "not_a_pdf": (not_a_pdf, None, "refused"),
    "pypdf_clean": (pypdf_clean, None, "included"),
}


def build_all(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return {name: builder(folder / f"{name}.pdf") for name, (builder, _, _) in HOSTILE.items()}


# --- faults met in the real-world corpus run (scripts/corpus), kept out of HOSTILE ---------


def raw_pdf(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """A PDF written byte by byte (objects numbered from 1, object 1 the catalog), with a
    correct cross-reference table, so a fault inside one object is the only fault."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, trailer, xref)
    )
    return out.getvalue()


def _text_stream(text: bytes) -> bytes:
    content = b"BT /F1 24 Tf 72 700 Td (%s) Tj ET" % text
    return b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content)


def page_qpdf_gives_up_on(path: Path) -> Path:
    """Three pages; page 2's dictionary repeats keys so often that qpdf gives up reading it
    ("too many errors") and leaves it out of the page tree, while pypdf and poppler read all
    three. Seen in a real htmldoc file (xfig's reference manual: 136 of 176 pages by qpdf)."""
    noise = b" ".join(b"/Dup 1 /Dup 2" for _ in range(40))
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
    font = b"/Resources << /Font << /F1 3 0 R >> >> "
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Count 3 /Kids [4 0 R 5 0 R 6 0 R] >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        page + font + b"/Contents 7 0 R >>",
        page + font + b"/Contents 8 0 R " + noise + b" >>",
        page + font + b"/Contents 9 0 R >>",
        _text_stream(b"Page one"),
        _text_stream(b"Page two"),
        _text_stream(b"Page three"),
    ]
    return _write(path, raw_pdf(objects))


def public_key_encrypted(path: Path) -> Path:
    """Encrypted for recipients' certificates (/Adobe.PubSec): no password can open it."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Count 1 /Kids [3 0 R] >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        b"<< /Filter /Adobe.PubSec /SubFilter /adbe.pkcs7.s4 /V 4 /Length 128 "
        b"/Recipients [<3082>] >>",
    ]
    return _write(path, raw_pdf(objects, b"/Encrypt 4 0 R /ID [<01><01>] "))


def brotli_compressed(path: Path, content: bytes | None = None) -> Path:
    """A page whose content stream really is Brotli-compressed (PDF 2.0 extension)."""
    import brotli

    pdf = _pike(base_pdf(1))
    page = pdf.pages[0]
    data = content if content is not None else b"BT /F1 24 Tf 72 700 Td (Brotli text) Tj ET"
    font = pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica
    )
    page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    page.obj.Contents = pikepdf.Stream(pdf, brotli.compress(data))
    page.obj.Contents.Filter = pikepdf.Name("/BrotliDecode")
    return _save(pdf, path, compress_streams=False)

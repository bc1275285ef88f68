"""An image file that declares billions of pixels is refused in words, not decoded."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from sendocs.bundle import build_bundle
from tests.bundle.conftest import doc, make_pdf, write_spec


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def _png_bomb(path: Path, side: int = 60000) -> Path:
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"\x00" * 100))
        + _chunk(b"IEND", b"")
    )
    return path


def test_png_bomb_is_refused_for_safety(tmp_path: Path) -> None:
    make_pdf(tmp_path / "good.pdf", 1)
    _png_bomb(tmp_path / "photo.png")
    spec = write_spec(
        tmp_path,
        {
            "title": "T",
            "sections": [
                {
                    "title": "S",
                    "documents": [
                        doc("good.pdf", "Good", "2026-01-01"),
                        doc("photo.png", "Photo", "2026-01-02"),
                    ],
                }
            ],
        },
    )
    report = build_bundle(spec, tmp_path / "b.pdf", skip_bad=True)
    (skipped,) = report.skipped
    assert skipped.reason.startswith("refused for safety: the image claims far more pixels")

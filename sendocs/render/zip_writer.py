"""A zip archive assembled from members some of which are already compressed.

:class:`zipfile.ZipFile` compresses every member it writes. A batch writes the
same template's unchanged parts (styles, settings, numbering, relationships)
into every document, so :mod:`sendocs.render.fast_docx` compresses them once
per template and copies their deflated bytes; only the parts rendered for a
pupil are compressed per document. The layout (local headers, central
directory, end record) is the one :mod:`zipfile` writes for small archives:
no zip64, no data descriptors, UTF-8 names flagged as such.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from dataclasses import dataclass

__all__ = ["ZipMember", "assemble_zip", "deflated_member"]

_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_UTF8_FLAG = 0x800
_VERSION = 20  # deflate


@dataclass(frozen=True)
class ZipMember:
    """One member, its data already deflated (``compressed``) with its CRC and sizes."""

    name: str
    compressed: bytes
    crc: int
    size: int
    date_time: tuple[int, int, int, int, int, int]
    external_attr: int


def deflated_member(
    name: str,
    data: bytes,
    date_time: tuple[int, int, int, int, int, int],
    external_attr: int = 0o600 << 16,
) -> ZipMember:
    """``data`` deflated as :mod:`zipfile` does (raw deflate, default level)."""
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    compressed = compressor.compress(data) + compressor.flush()
    return ZipMember(name, compressed, zlib.crc32(data), len(data), date_time, external_attr)


def _dos_time(date_time: tuple[int, int, int, int, int, int]) -> tuple[int, int]:
    year, month, day, hour, minute, second = date_time
    return (hour << 11) | (minute << 5) | (second // 2), ((year - 1980) << 9) | (month << 5) | day


def assemble_zip(members: list[ZipMember]) -> bytes:
    """The archive of ``members`` in order, as bytes."""
    chunks: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for member in members:
        name = member.name.encode("utf-8")
        # The fields a local header and its central directory entry share, in the same
        # order in both: flags, method, time, date, CRC, sizes, name length.
        shared = (
            0 if name.isascii() else _UTF8_FLAG,
            zipfile.ZIP_DEFLATED,
            *_dos_time(member.date_time),
            member.crc,
            len(member.compressed),
            member.size,
            len(name),
        )
        # local: version needed (2.0: two bytes), the shared fields, extra length
        header = _LOCAL.pack(b"PK\003\004", _VERSION, 0, *shared, 0)
        # central: made by (2.0, Unix), version needed (2.0), the shared fields, extra,
        # comment, disk, internal attributes; external attributes, local header's offset
        central.append(
            _CENTRAL.pack(
                b"PK\001\002",
                _VERSION,
                3,
                _VERSION,
                0,
                *shared,
                0,
                0,
                0,
                0,
                member.external_attr,
                offset,
            )
            + name
        )
        chunks += [header, name, member.compressed]
        offset += len(header) + len(name) + len(member.compressed)
    directory = b"".join(central)
    count = len(members)
    if count > 0xFFFF or offset + len(directory) > 0xFFFFFFFF:
        raise ValueError("too large for an archive without zip64 (a Word template never is)")
    end = _END.pack(b"PK\005\006", 0, 0, count, count, len(directory), offset, 0)
    return b"".join(chunks) + directory + end

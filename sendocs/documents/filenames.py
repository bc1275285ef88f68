"""File names for documents: the child's name as readable as every file system allows.

A document is saved as ``Surname_Forename_SEN_support_plan_2026-11-23.docx``,
and a school keeps thousands of them on Windows shares, Macs, Linux servers,
USB sticks (exFAT, FAT32), OneDrive and zip files. So a name part keeps what
all of those accept and a reader needs (the rule is in docs/case-files.md,
"File names"):

* the text is NFC-normalised; letters of every script keep their accents
  (Zoë, Nguyễn, Zielińska), digits stay;
* spaces become ``_`` (particles kept: ``ap_Gwilym``, ``de_la_Cruz``); hyphens
  stay (``Kowalczyk-ONeill``);
* apostrophes are dropped (``O'Brien`` → ``OBrien``): they are legal on disk
  but break file names typed into commands, URLs and email links;
* control and invisible formatting characters are dropped; anything else
  (``< > : " / \\ | ? *``, dots, symbols, emoji) becomes ``-``;
* each name part is at most :data:`NAME_PART_BYTES` UTF-8 bytes and the whole
  name before the extension at most :data:`FILENAME_STEM_BYTES`, cut on a
  character boundary (names are cut before the document label and date, which
  are kept whole), well under the 255-byte limit of ext4, APFS and NTFS and the
  143 bytes of eCryptfs;
* a name that comes out empty is replaced (by the UPN, else ``pupil``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

__all__ = [
    "FILENAME_STEM_BYTES",
    "NAME_PART_BYTES",
    "fit_filename",
    "safe_filename_part",
    "truncate_utf8",
]

FILENAME_STEM_BYTES = 120
"""Longest file name before the extension, in UTF-8 bytes."""

NAME_PART_BYTES = 60
"""Longest single name part (a surname, a forename), in UTF-8 bytes."""

_APOSTROPHES = frozenset("'\u2018\u2019\u02bc`\u00b4")
_DROPPED = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})  # controls, invisible formatting, unassigned


def truncate_utf8(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` UTF-8 bytes on a character boundary.

    A letter is never separated from the accents that follow it, and the cut
    never leaves a trailing ``-`` or ``_``.
    """
    if len(text.encode("utf-8")) <= limit:
        return text
    cut = text.encode("utf-8")[: max(limit, 0)].decode("utf-8", "ignore")
    while cut and unicodedata.category(text[len(cut)]).startswith("M"):
        cut = cut[:-1]  # the next character is an accent of the last one kept
    return cut.rstrip("-_")


def safe_filename_part(text: str, limit: int = NAME_PART_BYTES, fallback: str = "pupil") -> str:
    """One part of a file name (a surname, a forename, a recipient) made safe everywhere.

    See the module docstring for the rule; ``fallback`` is returned when
    nothing is left.
    """
    out: list[str] = []
    for char in unicodedata.normalize("NFC", text):
        category = unicodedata.category(char)
        if char in _APOSTROPHES:
            continue
        if char.isspace() or char == "_":
            out.append("_")
        elif category in _DROPPED:
            continue
        elif category[0] in "LMN":
            out.append(char)
        else:
            out.append("-")
    cleaned = re.sub(r"[-_]*_[-_]*", "_", "".join(out))
    cleaned = re.sub(r"-{2,}", "-", cleaned).strip("-_")
    return truncate_utf8(cleaned, limit) or fallback


def fit_filename(
    names: Sequence[str], fixed: Sequence[str], suffix: str, limit: int = FILENAME_STEM_BYTES
) -> str:
    """``names`` then ``fixed`` joined by ``_``, plus ``suffix``, the stem within ``limit`` bytes.

    Only ``names`` are shortened, the longest first, so that each keeps a fair
    share of the room; ``fixed`` parts (the document label, its date, a
    recipient or a number that keeps names unique) are kept whole.
    """
    fixed = [f for f in fixed if f]
    tail = "_".join(fixed)
    room = limit - len(tail.encode("utf-8")) - (len(names) if fixed else len(names) - 1)
    kept: dict[int, str] = {}
    order = sorted(range(len(names)), key=lambda i: len(names[i].encode("utf-8")))
    for done, index in enumerate(order):
        share = max(room, 0) // (len(order) - done)
        kept[index] = truncate_utf8(names[index], share)
        room -= len(kept[index].encode("utf-8"))
    parts = [kept[i] for i in range(len(names)) if kept[i]] + fixed
    return "_".join(parts) + suffix

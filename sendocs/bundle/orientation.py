"""Turning pages whose text reads sideways upright before they are bundled.

E-bundle guidance asks that no page be sideways: a judge reading on a screen
cannot turn it. A page reads sideways when its text runs up, down or upside
down as a viewer shows it. That happens when a scanner or an editor saves a
portrait page with ``/Rotate 90``, or draws landscape text on a portrait page.

Only pages saved with a ``/Rotate`` are examined: reading a page's text costs
about as much as the rest of the bundle's work on it, and a page without
``/Rotate`` shows its content as drawn (a landscape table on a portrait page is
the author's choice, not a saving fault). The direction of the text is read
from the text layer: pypdf's text visitor
gives each run's text matrix and current transformation, whose first row says
which way the baseline runs on the unrotated page (0, 90, 180 or 270 degrees,
anticlockwise). A viewer turns the page ``/Rotate`` degrees clockwise, so the
text reads upright exactly when ``/Rotate`` equals that direction; a page
whose characters mostly run one way (:data:`DOMINANT_SHARE`) gets that
``/Rotate``. Pages without enough text (scans, pictures) are left as they
are. A document of alike typed pages (one ``/Rotate``, one font dictionary, no
images) is judged from its first, middle and last pages (:func:`_read_alike`). The
bundle's page-number stamp follows ``/Rotate`` (:mod:`sendocs.bundle.stamp`), so it
stays upright on a turned page.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pikepdf
from pikepdf import Array
from pypdf import PageObject

from sendocs.bundle.report import BundleWarning
from sendocs.bundle.stamp import page_rotation

if TYPE_CHECKING:
    from sendocs.bundle.inputs import BadDocument, LoadedDocument

__all__ = [
    "DOMINANT_SHARE",
    "MIN_CHARACTERS",
    "TurnedPages",
    "content_direction",
    "page_ranges",
    "straighten_documents",
    "text_direction",
    "upright_rotation",
]

log = logging.getLogger(__name__)

MIN_CHARACTERS = 20
"""Fewer characters than this on a page say too little about which way it reads."""
DOMINANT_SHARE = 2 / 3
"""The share of a page's characters that must run one way for the page to be turned
(a landscape table with a sideways column heading is left alone)."""


def text_direction(page: PageObject) -> int | None:
    """Which way most of the page's text runs on the unrotated page (0, 90, 180, 270
    degrees anticlockwise), or None when the page has too little text to tell."""
    counts: Counter[int] = Counter()

    def visit(text: str, cm: Any, tm: Any, _font: Any, _size: Any) -> None:
        n = len(text.strip())
        if not n:
            return
        a = tm[0] * cm[0] + tm[1] * cm[2]
        b = tm[0] * cm[1] + tm[1] * cm[3]
        if a == 0 and b == 0:
            return
        counts[round(math.degrees(math.atan2(b, a)) / 90) % 4 * 90] += n

    try:
        page.extract_text(visitor_text=visit)
    except Exception as exc:  # a page pypdf cannot read is not turned
        log.debug("text direction unreadable: %r", exc)
        return None
    total = sum(counts.values())
    if total < MIN_CHARACTERS:
        return None
    direction, n = counts.most_common(1)[0]
    return direction if n >= DOMINANT_SHARE * total else None


_DIRECTION_OPERATORS = "q Q cm BT Tm Tj TJ ' \""
"""The operators that decide which way text runs; pikepdf's parser (C++) keeps only these."""


def content_direction(page: pikepdf.Page) -> int | None:
    """:func:`text_direction` read cheaply: from the page's content stream alone (the
    graphics state's ``cm`` stack and each text object's ``Tm``), each string shown
    weighted by its length. pypdf's text visitor, which :func:`text_direction` uses and
    the tests check against, is ~50x slower.

    Most pages only ever set upright matrices; :func:`_upright_text` recognises them
    from the raw bytes (~30x faster than parsing the stream), and every other page is
    parsed (:func:`_parsed_direction`)."""
    data = _content_bytes(page)
    if data is not None and _upright_text(data):
        return 0
    return _parsed_direction(page)


def _content_bytes(page: pikepdf.Page) -> bytes | None:
    """The page's content streams, decoded and joined (None: unreadable or absent)."""
    raw = page.obj.get("/Contents")
    streams = [raw] if isinstance(raw, pikepdf.Stream) else raw if isinstance(raw, Array) else []
    try:
        return b"\n".join(s.read_bytes() for s in streams if isinstance(s, pikepdf.Stream))
    except (pikepdf.PdfError, ValueError, TypeError) as exc:
        log.debug("content stream unreadable: %r", exc)
        return None


# Searched in the REVERSED stream, so the pattern starts with a literal ("mT" is "Tm"
# reversed) that re finds quickly: a Tm or cm whose operands do not read "a 0 0 d e f"
# with a and d positive (an upright, unmirrored matrix).
_ODD_MATRIX_REVERSED = re.compile(
    rb"m[Tc](?!\s+[\d.+-]+\s+[\d.+-]+\s+[\d.]*[1-9][\d.]*\s+0\s+0\s+[\d.]*[1-9][\d.]*"
    rb"(?![^\s\[\]()<>{}/%]))"
)
_SHOWN = re.compile(
    rb"\(((?:[^()\\]|\\.)*)\)\s*Tj|<([0-9A-Fa-f\s]*)>\s*Tj"
    rb"|\[((?:[^\]()\\]|\\.|\((?:[^()\\]|\\.)*\))*)\]\s*TJ",
    re.S,
)
_LITERAL = re.compile(rb"\(((?:[^()\\]|\\.)*)\)", re.S)


def _literal_chars(raw: bytes) -> int:
    """At least this many characters are in a literal string's body (an escape is ≤ 4 bytes)."""
    return len(raw) - 3 * raw.count(b"\\")


def _upright_text(data: bytes) -> bool:
    """True when every ``cm`` and ``Tm`` in ``data`` sets an upright, unmirrored matrix
    and at least :data:`MIN_CHARACTERS` characters are shown with ``Tj``/``TJ``: then
    all text runs at 0 degrees whatever the ``q``/``Q`` nesting. False means "parse it":
    any doubt (an operator name inside a string, an unusual number) falls back."""
    if _ODD_MATRIX_REVERSED.search(data[::-1]):
        return False
    shown = 0
    for match in _SHOWN.finditer(data):
        literal, hexadecimal, array = match.groups()
        if literal is not None:
            shown += _literal_chars(literal)
        elif hexadecimal is not None:
            shown += sum(1 for c in hexadecimal if c not in b" \t\r\n\f") // 2
        else:
            shown += sum(_literal_chars(s) for s in _LITERAL.findall(array))
        if shown >= MIN_CHARACTERS:
            return True
    return False


def _parsed_direction(page: pikepdf.Page) -> int | None:
    """:func:`content_direction` by parsing the content stream with qpdf."""
    counts: Counter[int] = Counter()
    identity = (1.0, 0.0, 0.0, 1.0)
    ctm = identity
    stack: list[tuple[float, float, float, float]] = []
    tm = identity
    try:
        instructions = pikepdf.parse_content_stream(page, _DIRECTION_OPERATORS)
    except (pikepdf.PdfError, ValueError, TypeError) as exc:
        log.debug("content stream unreadable: %r", exc)
        return None
    for instruction in instructions:
        if not isinstance(instruction, pikepdf.ContentStreamInstruction):
            continue  # an inline image
        operands, op = instruction.operands, str(instruction.operator)
        if op == "q":
            stack.append(ctm)
        elif op == "Q":
            ctm = stack.pop() if stack else identity
        elif op == "cm" and len(operands) >= 4:
            a, b, c, d = (float(x) for x in operands[:4])
            ctm = (
                a * ctm[0] + b * ctm[2],
                a * ctm[1] + b * ctm[3],
                c * ctm[0] + d * ctm[2],
                c * ctm[1] + d * ctm[3],
            )
        elif op == "BT":
            tm = identity
        elif op == "Tm" and len(operands) >= 4:
            tm = (float(operands[0]), float(operands[1]), float(operands[2]), float(operands[3]))
        elif op in ("Tj", "TJ", "'", '"') and operands:
            shown = operands[-1]
            if isinstance(shown, pikepdf.Array):
                n = sum(len(bytes(x)) for x in shown if isinstance(x, pikepdf.String))
            else:
                n = len(bytes(shown)) if isinstance(shown, pikepdf.String) else 0
            a = tm[0] * ctm[0] + tm[1] * ctm[2]
            b = tm[0] * ctm[1] + tm[1] * ctm[3]
            if n and (a or b):
                counts[round(math.degrees(math.atan2(b, a)) / 90) % 4 * 90] += n
    total = sum(counts.values())
    if total < MIN_CHARACTERS:
        return None
    direction, n = counts.most_common(1)[0]
    return direction if n >= DOMINANT_SHARE * total else None


def upright_rotation(page: pikepdf.Page) -> int | None:
    """The ``/Rotate`` that makes the page's text read upright, when it does not
    already (None: leave the page as it is). Only a page saved with ``/Rotate`` is
    read (see the module's docstring)."""
    current = page_rotation(page.obj)
    if current == 0:
        return None
    direction = content_direction(page)
    if direction is None:
        return None
    return None if direction == current else direction


@dataclass(frozen=True)
class TurnedPages:
    """The pages of one document that were turned upright (0-based)."""

    title: str
    pages: tuple[int, ...]


def page_ranges(pages: Sequence[int]) -> str:
    """1-based page numbers as people write them: "page 3", "pages 1–3 and 5"."""
    numbers = sorted(p + 1 for p in pages)
    runs: list[str] = []
    start = prev = numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        runs.append(f"{start}–{prev}" if prev != start else str(start))
        if n is not None:
            start = prev = n
    label = "pages" if len(numbers) > 1 else "page"
    joined = runs[0] if len(runs) == 1 else ", ".join(runs[:-1]) + " and " + runs[-1]
    return f"{label} {joined}"


def straighten_documents(
    entries: Sequence[Sequence[LoadedDocument | BadDocument]],
) -> list[BundleWarning]:
    """Turn every sideways page of every loaded document upright; one warning per
    document saying which of its pages were turned (its own page numbers)."""
    from sendocs.bundle.inputs import LoadedDocument

    warnings: list[BundleWarning] = []
    for entry in (e for section in entries for e in section):
        if not isinstance(entry, LoadedDocument):
            continue
        turns = _turns(entry.opened())
        if not turns:
            continue
        pages = list(entry.opened().pages)  # pages[i] looks them all up each time
        for i, rotate in turns.items():
            pages[i].obj.Rotate = rotate  # the bundle copies from this handle
        warnings.append(
            BundleWarning(
                "pages_turned_upright",
                f"{entry.spec.title!r}: {page_ranges(list(turns))} read sideways and "
                "were turned upright.",
            )
        )
    return warnings


SAMPLED_FROM = 4
"""A document of at least this many alike pages (:func:`_read_alike`) is read from three."""


def _turns(pdf: pikepdf.Pdf) -> dict[int, int]:
    """Page index → the ``/Rotate`` that turns it upright, for the pages that need it."""
    pages = list(pdf.pages)
    alike = _read_alike(pages)
    if alike is not None:
        return alike
    return {i: r for i, page in enumerate(pages) if (r := upright_rotation(page)) is not None}


def _read_alike(pages: list[pikepdf.Page]) -> dict[int, int] | None:
    """:func:`_turns` for a document whose pages are all alike, read from three of them.

    Alike: every page saved with the same ``/Rotate`` (not 0), none drawing an image or
    form (no ``/XObject`` resources), all sharing one font dictionary: typed pages from
    one program, saved turned all together (a whole report rotated in a viewer, a
    scanner's text layer). When the first, middle and last pages read the same way,
    the others are taken to: reading each page's text costs ~100 µs, ~10 % of a
    bundle's own work. Returns None (read every page) for any other document, or when
    the three disagree or one says too little."""
    if len(pages) < SAMPLED_FROM:
        return None
    rotate = page_rotation(pages[0].obj)
    key = _alike_key(pages[0].obj)
    if rotate == 0 or key is None:
        return None
    for page in pages[1:]:
        if page_rotation(page.obj) != rotate or _alike_key(page.obj) != key:
            return None
    read = {content_direction(pages[i]) for i in (0, len(pages) // 2, len(pages) - 1)}
    if len(read) != 1:
        return None
    direction = read.pop()
    if direction is None:
        return None
    return {} if direction == rotate else dict.fromkeys(range(len(pages)), direction)


def _alike_key(page: pikepdf.Dictionary) -> tuple[int, int] | None:
    """What pages of one kind share: their resources or font dictionary (indirect), when
    they draw no image or form; None: a page to read on its own."""
    resources = page.get("/Resources")
    if not isinstance(resources, pikepdf.Dictionary) or "/XObject" in resources:
        return None
    if resources.is_indirect:
        return resources.objgen
    fonts = resources.get("/Font")
    return fonts.objgen if isinstance(fonts, pikepdf.Dictionary) and fonts.is_indirect else None

"""Fitting text into a form's fixed boxes without ever cutting it silently.

A PDF text box is a fixed rectangle: a viewer shows what fits and drops the
rest, so a parent's view typed into a two-line box would lose its end with
no sign anything is missing. We measure the text the way the box will draw
it (Helvetica at the field's /DA size, or 10 pt for "auto"), and when it
does not fit, the box gets the part that fits followed by
"… continued on sheet N" and the whole text goes on continuation sheet N.
A box too small for any words (a two-character box) gets "*N" or "*", and
the continuation sheet says which box carries that mark.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth

from sendocs.forms.fields import FormField, Widget

__all__ = ["FittedText", "fit_text", "wrap_lines"]

FONT = "Helvetica"
LEADING = 1.16  # Helvetica's bounding-box height per point of size, as pypdf lays lines out
SAFETY = 2.0  # points kept free at the right, so rounding never pushes a word out


@dataclass(frozen=True)
class FittedText:
    """What goes in the box: ``value`` for the field, ``drawn`` with the line breaks drawn."""

    value: str
    drawn: str
    overflowed: bool

    @property
    def marker(self) -> str:
        """The short mark shown when the box had no room for words ("*2", "*"), else ""."""
        if not self.overflowed:
            return ""
        last = self.value.rsplit(" ", 1)[-1].rsplit("\n", 1)[-1]
        return last if last.startswith("*") else ""


def _markers(sheet: int) -> list[str]:
    return [
        f" … continued on sheet {sheet}",
        f" … see sheet {sheet}",
        f"… sheet {sheet}",
        f"sheet {sheet}",
        f"*{sheet}",
        "*",
    ]


def _width(text: str, size: float) -> float:
    return float(stringWidth(text, FONT, size))


def wrap_lines(text: str, width: float, size: float) -> list[list[str]]:
    """Paragraphs of ``text`` broken into lines no wider than ``width`` (words kept whole
    unless a single word is wider than the box)."""
    paragraphs: list[list[str]] = []
    for paragraph in text.split("\n"):
        lines: list[str] = []
        current = ""
        for word in paragraph.split():
            candidate = f"{current} {word}" if current else word
            if _width(candidate, size) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            while _width(word, size) > width and len(word) > 1:
                cut = len(word) - 1
                while cut > 1 and _width(word[:cut], size) > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            current = word
        lines.append(current)
        paragraphs.append(lines)
    return paragraphs


def _inner(widget: Widget) -> tuple[float, float]:
    border = max(widget.border_width, 1.0)
    return widget.width - 4 * border - SAFETY, widget.height - 2 * border


def fit_text(text: str, field: FormField, sheet: int) -> FittedText:
    """Fit ``text`` into the field's smallest box; on overflow refer to continuation ``sheet``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    box = field.smallest_box
    limit = field.max_length
    if field.comb or box is None:
        flat = " ".join(text.split("\n")) if not field.multiline else text
        if limit is None or len(flat) <= limit:
            return FittedText(flat, flat, False)
        return _cut_by_length(flat, limit, sheet)
    size = field.effective_font_size
    width, height = _inner(box)
    if field.multiline:
        return _fit_multiline(text, width, height, size, limit, sheet)
    flat = " ".join(part.strip() for part in text.split("\n") if part.strip())
    if _width(flat, size) <= width and (limit is None or len(flat) <= limit):
        return FittedText(flat, flat, False)
    for marker in _markers(sheet):
        head = _longest_prefix(flat, marker, width, size, limit)
        if head is not None:
            shown = head + marker if head else marker.lstrip()
            return FittedText(shown, shown, True)
    return FittedText("*", "*", True)  # nothing fits: the smallest mark, never a blank


def _longest_prefix(
    text: str, marker: str, width: float, size: float, limit: int | None
) -> str | None:
    """The longest start of ``text`` (at a word boundary if possible) that fits with ``marker``."""
    room = width - _width(marker, size)
    if room < 0 or (limit is not None and len(marker.lstrip()) > limit):
        return None
    max_chars = len(text) if limit is None else limit - len(marker)
    words = text.split(" ")
    best = ""
    for count in range(1, len(words) + 1):
        candidate = " ".join(words[:count]).rstrip()
        if _width(candidate, size) > room or len(candidate) > max_chars:
            break
        best = candidate
    if best or not words:
        return best
    # The first word alone is too wide: cut it by characters.
    chars = 0
    while chars < min(len(text), max(max_chars, 0)) and _width(text[: chars + 1], size) <= room:
        chars += 1
    return text[:chars].rstrip()


def _cut_by_length(text: str, limit: int, sheet: int) -> FittedText:
    for marker in _markers(sheet):
        if len(marker.lstrip()) <= limit:
            room = limit - len(marker)
            head = text[: max(room, 0)].rstrip() if room > 0 else ""
            shown = head + marker if head else marker.lstrip()
            return FittedText(shown, shown, True)
    return FittedText("*", "*", True)


def _fit_multiline(
    text: str, width: float, height: float, size: float, limit: int | None, sheet: int
) -> FittedText:
    max_lines = max(1, math.floor(height / (size * LEADING)))
    paragraphs = wrap_lines(text, width, size)
    count = sum(len(p) for p in paragraphs)
    if count <= max_lines and (limit is None or len(text) <= limit):
        return _join(paragraphs, False)
    # Keep whole lines up to the last one that still has room for the marker.
    kept: list[list[str]] = []
    used = 0
    for paragraph in paragraphs:
        if used >= max_lines:
            break
        take = paragraph[: max_lines - used]
        kept.append(list(take))
        used += len(take)
    for marker in _markers(sheet):
        attempt = [list(p) for p in kept]
        while attempt:
            last_par = attempt[-1]
            if not last_par:
                attempt.pop()
                continue
            last = last_par[-1]
            chars_so_far = len(_join(attempt, True).value) - len(last)
            budget = None if limit is None else limit - chars_so_far
            head = _longest_prefix(last, marker, width, size, budget)
            if head:
                last_par[-1] = head + marker
                return _join(attempt, True)
            if (
                head == ""
                and (budget is None or len(marker.lstrip()) <= budget)
                and (_width(marker.lstrip(), size) <= width)
            ):
                last_par[-1] = marker.lstrip()
                return _join(attempt, True)
            last_par.pop()
    return FittedText("*", "*", True)


def _join(paragraphs: list[list[str]], overflowed: bool) -> FittedText:
    value = "\n".join(" ".join(p) for p in paragraphs)
    drawn = "\n".join(line for p in paragraphs for line in p)
    return FittedText(value, drawn, overflowed)

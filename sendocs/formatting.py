"""Locale-aware formatting of dates, money and lists, backed by babel.

These are the Jinja filters every template uses, and the functions Python
code uses when it builds sentences, so a date reads the same everywhere:
"23 November 2026", "£6,000.00", "reading, writing and spelling".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any, Literal

from babel.dates import format_date as _babel_date
from babel.lists import format_list as _babel_list
from babel.numbers import format_currency, format_decimal

from sendocs.models.phrases import line_start, mid_sentence

__all__ = [
    "DEFAULT_LOCALE",
    "clean_text",
    "format_date",
    "format_list",
    "format_money",
    "format_number",
    "line_start",
    "make_filters",
    "mid_sentence",
    "paragraphs",
    "plural",
]

DEFAULT_LOCALE = "en_GB"

# XML 1.0 allows \t \n \r and everything from U+0020 up, except surrogates and U+FFFE/F.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str) -> str:
    """Remove characters that cannot appear in a Word document; normalise line ends.

    docxtpl turns ``\\n`` into a line break and ``\\t`` into a tab, so those stay.
    Lives here, below ``documents`` and ``render``, because context builders
    clean text they assemble themselves and the renderer cleans every value.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _XML_FORBIDDEN.sub("", text)


_DATE_STYLES = {
    "long": "d MMMM y",  # 23 November 2026
    "full": "EEEE d MMMM y",  # Monday 23 November 2026
    "short": "dd/MM/y",  # 23/11/2026
    "month": "MMMM y",  # November 2026
    "iso": "y-MM-dd",
}


def format_date(value: dt.date | None, style: str = "long", locale: str = DEFAULT_LOCALE) -> str:
    """Format a date; ``style`` is long (default), full, short, month, iso or a CLDR pattern."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    return _babel_date(value, _DATE_STYLES.get(style, style), locale=locale)


def format_money(
    value: Decimal | float | int | None, locale: str = DEFAULT_LOCALE, currency: str = "GBP"
) -> str:
    """Money with its symbol and pence: £6,000.00."""
    if value is None:
        return ""
    return format_currency(Decimal(str(value)), currency, locale=locale)


def format_number(value: Decimal | float | int | None, locale: str = DEFAULT_LOCALE) -> str:
    """A number without trailing zeros: 1.5, 2, 1,250."""
    if value is None:
        return ""
    number = Decimal(str(value))
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    return format_decimal(number, locale=locale)


ListStyle = Literal[
    "standard", "standard-short", "or", "or-short", "unit", "unit-short", "unit-narrow"
]


def format_list(
    items: Iterable[Any], style: ListStyle = "standard", locale: str = DEFAULT_LOCALE
) -> str:
    """ "A, B and C" (en_GB has no Oxford comma); ``style='or'`` gives "A, B or C"."""
    words = [str(item) for item in items if item not in (None, "")]
    if not words:
        return ""
    return _babel_list(words, style=style, locale=locale)


def plural(count: int | Decimal, singular: str, plural_form: str | None = None) -> str:
    """ "1 session", "3 sessions", "1.5 sessions"."""
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{format_number(count)} {word}"


def paragraphs(text: str | None) -> list[str]:
    """Split free text into paragraphs at blank lines; single line breaks become spaces.

    Templates loop over this with ``{%p for para in text|paragraphs %}`` so a
    parent's view typed in several paragraphs prints as several paragraphs.
    """
    if not text:
        return []
    blocks = text.replace("\r\n", "\n").replace("\r", "\n").split("\n\n")
    return [
        " ".join(line.strip() for line in block.splitlines() if line.strip())
        for block in blocks
        if block.strip()
    ]


def make_filters(locale: str = DEFAULT_LOCALE) -> dict[str, Callable[..., Any]]:
    """The Jinja filters for one locale, as the rendering environment registers them."""

    def date_filter(value: dt.date | None, style: str = "long") -> str:
        return format_date(value, style, locale)

    def money_filter(value: Decimal | float | int | None, currency: str = "GBP") -> str:
        return format_money(value, locale, currency)

    def number_filter(value: Decimal | float | int | None) -> str:
        return format_number(value, locale)

    def list_filter(items: Iterable[Any], style: ListStyle = "standard") -> str:
        return format_list(items, style, locale)

    def plural_filter(count: int | Decimal, singular: str, plural_form: str | None = None) -> str:
        return plural(count, singular, plural_form)

    return {
        "date": date_filter,
        "money": money_filter,
        "number": number_filter,
        "join_list": list_filter,
        "plural": plural_filter,
        "paragraphs": paragraphs,
    }

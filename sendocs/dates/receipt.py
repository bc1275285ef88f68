"""When a request counts as received: an ASSUMPTION, not law.

The 6-, 16- and 20-week limits run from the day the local authority
*receives* a request for an EHC needs assessment. The SEND Regulations do not
say when a posted or emailed request is treated as received, and the domain
brief (§6) gives no rule. This module therefore applies a configurable
assumption, and every explanation it writes says so and says it can be changed.

Defaults (see :class:`ReceiptAssumptions`):

* by hand — received the same day;
* first class post — received on the second business day after posting
  (drawn from the practice under the Interpretation Act 1978 s.7 and the Civil
  Procedure Rules r.6.26; neither is a SEND rule);
* email — received the same day if sent before 17:00 on a business day,
  otherwise on the next business day.

Where the date the authority actually received the request is known (a date
stamp, an acknowledgement email), use that instead.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sendocs.dates.bank_holidays import add_business_days, is_business_day, next_business_day
from sendocs.dates.calendar import DEFAULT_LOCALE, format_clock_time, format_long_date
from sendocs.models.vocabulary import DeliveryMethod

__all__ = [
    "DEFAULT_RECEIPT_ASSUMPTIONS",
    "DeemedReceipt",
    "DeliveryMethod",
    "ReceiptAssumptions",
    "deemed_receipt",
    "parse_delivery",
]


_DELIVERY_WORDS = {
    "hand": DeliveryMethod.HAND,
    "by hand": DeliveryMethod.HAND,
    "post": DeliveryMethod.POST,
    "first class post": DeliveryMethod.POST,
    "1st class post": DeliveryMethod.POST,
    "email": DeliveryMethod.EMAIL,
    "e mail": DeliveryMethod.EMAIL,
}


def parse_delivery(value: DeliveryMethod | str) -> DeliveryMethod:
    """Accept an enum member or a user's word: "hand", "post", "first class post", "email"."""
    if isinstance(value, DeliveryMethod):
        return value
    key = value.strip().lower().replace("-", " ").replace("_", " ")
    try:
        return _DELIVERY_WORDS[key]
    except KeyError:
        choices = ", ".join(m.value for m in DeliveryMethod)
        raise ValueError(f"unknown delivery method {value!r}; use one of: {choices}") from None


@dataclass(frozen=True)
class ReceiptAssumptions:
    """The assumptions used for deemed receipt; change them to suit a case.

    ``hand_business_days``: business days after delivery by hand (0 = same day,
    whatever the day). ``post_business_days``: business days after posting by
    first class post. ``email_cutoff``: an email sent on a business day before
    this time is received that day, otherwise on the next business day.
    """

    hand_business_days: int = 0
    post_business_days: int = 2
    email_cutoff: dt.time = dt.time(17, 0)


DEFAULT_RECEIPT_ASSUMPTIONS = ReceiptAssumptions()

_ASSUMPTION_NOTE = (
    "This is an ASSUMPTION, not a rule in the SEND Regulations{basis}; you can change it, "
    "and if you know the day the local authority actually received the request, "
    "use that date instead."
)


@dataclass(frozen=True)
class DeemedReceipt:
    """The day a document is treated as received, and why (in words for the reader)."""

    sent: dt.date
    method: DeliveryMethod
    date: dt.date
    explanation: str


def _ordinal_business_days(count: int) -> str:
    if count == 1:
        return "the next business day"
    words = {2: "second", 3: "third", 4: "fourth", 5: "fifth"}
    return f"the {words.get(count, f'{count}th')} business day"


def deemed_receipt(
    sent: dt.date,
    method: DeliveryMethod | str,
    *,
    sent_time: dt.time | None = None,
    after_5pm: bool = False,
    assumptions: ReceiptAssumptions = DEFAULT_RECEIPT_ASSUMPTIONS,
    locale: str = DEFAULT_LOCALE,
) -> DeemedReceipt:
    """Work out when a document sent on ``sent`` is assumed to be received.

    ``method`` is "hand", "post" (first class) or "email". For email, give the
    time it was sent (``sent_time``) or say it was sent at or after the cut-off
    (``after_5pm=True``); with neither, it is taken as sent before the cut-off
    and the explanation says so. The result's explanation always states that
    the rule is an assumption the user may change.
    """
    how = parse_delivery(method)
    sent_text = format_long_date(sent, locale)
    if how is DeliveryMethod.HAND:
        days = assumptions.hand_business_days
        if days <= 0:
            received = sent
            rule_text = "received the same day"
        else:
            received = add_business_days(sent, days)
            rule_text = f"received on {_ordinal_business_days(days)} after it was handed in"
        lead = f"The request was delivered by hand on {sent_text}."
        basis = ""
    elif how is DeliveryMethod.POST:
        days = assumptions.post_business_days
        received = add_business_days(sent, days)
        rule_text = f"received on {_ordinal_business_days(days)} after posting"
        lead = f"The request was sent by first class post on {sent_text}."
        basis = (
            " (it follows the practice for post under the Interpretation Act 1978 s.7 "
            "and Civil Procedure Rules r.6.26)"
        )
    else:
        cutoff = assumptions.email_cutoff
        cutoff_text = format_clock_time(cutoff)
        if sent_time is not None:
            late = sent_time >= cutoff
            when_text = f"at {format_clock_time(sent_time)}"
        elif after_5pm:
            late = True
            when_text = f"at or after {cutoff_text}"
        else:
            late = False
            when_text = f"before {cutoff_text} (no time was given, so we have assumed this)"
        if not late and is_business_day(sent):
            received = sent
            rule_text = (
                f"received the same day, because it was sent before {cutoff_text} on a business day"
            )
        else:
            received = next_business_day(sent)
            why = (
                f"it was sent at or after {cutoff_text}"
                if late
                else "it was not sent on a business day"
            )
            rule_text = f"received on the next business day, because {why}"
        lead = f"The request was sent by email on {sent_text}, {when_text}."
        basis = " (it follows the practice for email under Civil Procedure Rules r.6.26)"
    explanation = (
        f"{lead} We have assumed it was {rule_text}: {format_long_date(received, locale)}. "
        + _ASSUMPTION_NOTE.format(basis=basis)
    )
    return DeemedReceipt(sent=sent, method=how, date=received, explanation=explanation)

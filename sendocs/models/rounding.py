"""The one rounding rule for money and hours: half up, as a finance office rounds.

Python's ``round`` and ``Decimal.quantize`` round halves to even by default
(£1.005 → £1.00, 2.25 hours → 2.2); a school's finance office and a tribunal
reading a costed provision map expect halves to go up (£1.01, 2.3). Every
cost and every hour figure sendocs prints is rounded here, so the same number
is never rounded two ways. Kept with the case models so that they (a provision's
annual cost) and every layer above can use it.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

__all__ = ["PENNY", "round_hours", "round_money"]

PENNY = Decimal("0.01")
_TENTH = Decimal("0.1")


def round_money(value: Decimal) -> Decimal:
    """Half up to the penny: £1.005 → £1.01, £2.344 → £2.34."""
    return value.quantize(PENNY, rounding=ROUND_HALF_UP)


def round_hours(value: Decimal, step: Decimal = _TENTH) -> Decimal:
    """Half up to a tenth of an hour (or ``step``): 2.25 → 2.3."""
    return value.quantize(step, rounding=ROUND_HALF_UP)

"""Costing provision against the notional SEN budget (element 2).

Schools meet the additional support costs of SEN support up to £6,000 per
pupil per year from their notional SEN budget (Code of Practice 6.95-6.99);
above that the local authority's high-needs top-up (element 3) may apply.
£6,000 is a funding threshold, not a test for an EHC needs assessment
(domain brief §2), and documents must not present it as one.

Costs here are per pupil per school year: staff hourly cost × hours a year ×
adults ÷ group size, plus resources, with a configurable number of weeks in
the school year (38 by default).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sendocs.formatting import DEFAULT_LOCALE, format_money
from sendocs.models import AreaOfNeed, Provision, ReviewCycle

__all__ = [
    "NOTIONAL_SEN_BUDGET",
    "AreaCosts",
    "PupilCosting",
    "budget_sentence",
    "cost_cycle",
]

NOTIONAL_SEN_BUDGET = Decimal(6000)


@dataclass(frozen=True)
class CostedProvision:
    """One provision with its yearly figures."""

    provision: Provision
    weekly_minutes: Decimal
    hours_per_year: Decimal
    annual_cost: Decimal


@dataclass
class AreaCosts:
    """The provision in one broad area of need, with its subtotal."""

    area: AreaOfNeed
    items: list[CostedProvision] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((i.annual_cost for i in self.items), Decimal(0))

    @property
    def weekly_minutes(self) -> Decimal:
        return sum((i.weekly_minutes for i in self.items), Decimal(0))


@dataclass
class PupilCosting:
    """A pupil's costed provision, grouped by area, against the budget line."""

    areas: list[AreaCosts]
    budget: Decimal
    weeks_per_year: int

    @property
    def total(self) -> Decimal:
        return sum((a.total for a in self.areas), Decimal(0))

    @property
    def weekly_minutes(self) -> Decimal:
        return sum((a.weekly_minutes for a in self.areas), Decimal(0))

    @property
    def difference(self) -> Decimal:
        """Positive when over the budget line, negative when under."""
        return self.total - self.budget

    @property
    def over_budget(self) -> bool:
        return self.total > self.budget


def cost_cycle(
    cycle: ReviewCycle, weeks_per_year: int = 38, budget: Decimal = NOTIONAL_SEN_BUDGET
) -> PupilCosting:
    """Cost a plan's provision, grouped by the four broad areas in the Code's order."""
    areas = []
    for area in AreaOfNeed:
        items = [
            CostedProvision(
                provision=p,
                weekly_minutes=p.weekly_minutes,
                hours_per_year=p.annual_hours(weeks_per_year).quantize(Decimal("0.1")),
                annual_cost=p.annual_cost(weeks_per_year),
            )
            for p in cycle.provision
            if p.area is area
        ]
        if items:
            areas.append(AreaCosts(area=area, items=items))
    return PupilCosting(areas=areas, budget=budget, weeks_per_year=weeks_per_year)


def budget_sentence(costing: PupilCosting, locale: str = DEFAULT_LOCALE) -> str:
    """The total against the budget line, in words a head teacher can read aloud."""
    total = format_money(costing.total, locale)
    budget = format_money(costing.budget, locale)
    gap = format_money(abs(costing.difference), locale)
    if costing.difference == 0:
        return f"The provision costs {total} a year, exactly the {budget} notional SEN budget."
    if costing.over_budget:
        return (
            f"The provision costs {total} a year, {gap} more than the {budget} a school is "
            "expected to meet from its notional SEN budget (element 2). The school may ask the "
            "local authority for top-up funding (element 3)."
        )
    return (
        f"The provision costs {total} a year, {gap} less than the {budget} a school is "
        "expected to meet from its notional SEN budget (element 2)."
    )

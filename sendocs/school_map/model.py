"""The aggregated provision map and its rows: plain data with derived totals.

Kept apart from how the map is built and written so that the writers (Word,
Excel) and the CLI depend only on these shapes. Every total here is derived
from the per-pupil entries, so the figures in every view agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sendocs.costing import CostedProvision, CostPeriod, groups_needed, money
from sendocs.errors import Problem
from sendocs.models import AreaOfNeed, Provision

__all__ = [
    "GroupRun",
    "InterventionLine",
    "PupilCost",
    "PupilProvision",
    "SchoolProvisionMap",
    "Subtotal",
]


@dataclass(frozen=True)
class PupilProvision:
    """One pupil's share of one intervention, costed over the weeks it runs."""

    pupil: str
    year_group: int
    year_label: str
    source: str
    provision: Provision
    costed: CostedProvision

    @property
    def hours_per_year(self) -> Decimal:
        """Contact hours of the sessions the pupil attends, over the weeks they run."""
        return self.costed.hours_per_year

    @property
    def annual_cost(self) -> Decimal:
        """This pupil's share (group cost ÷ group size, plus resources), to the penny."""
        return self.costed.pupil_share

    @property
    def weeks(self) -> Decimal:
        return self.costed.weeks.weeks


def run_key(e: PupilProvision) -> tuple[object, ...]:
    """Entries with the same key are taught together: same staff, size, timetable, cost."""
    p = e.provision
    return (
        p.delivered_by,
        p.group_size,
        p.staff_per_group,
        p.sessions_per_week,
        p.minutes_per_session,
        e.weeks,
        p.hourly_cost,
        p.other_costs,
        e.costed.adds_time,  # one "Adds time" input per group run in the workbook
    )


@dataclass
class GroupRun:
    """Pupils who get one intervention on the same terms, and the groups the school runs.

    Six pupils in groups of four need two groups: the school pays for two
    groups (its spend), while each pupil's share is a quarter of one group.
    """

    entries: list[PupilProvision]

    @property
    def provision(self) -> Provision:
        return self.entries[0].provision

    @property
    def costed(self) -> CostedProvision:
        return self.entries[0].costed

    @property
    def pupil_count(self) -> int:
        return len(self.entries)

    @property
    def groups(self) -> int:
        return groups_needed(self.pupil_count, self.provision.group_size)

    @property
    def resources(self) -> Decimal:
        """Each pupil's resources, when the provision runs at all in the period costed."""
        if not self.costed.weeks.weeks:
            return Decimal(0)
        return money(self.provision.other_costs) * self.pupil_count

    @property
    def school_spend(self) -> Decimal:
        """Groups actually run × the cost of a group, plus each pupil's resources."""
        return self.groups * self.costed.group_cost + self.resources

    @property
    def shares(self) -> Decimal:
        return sum((e.annual_cost for e in self.entries), Decimal(0))


@dataclass
class InterventionLine:
    """An intervention (name and broad area of need) and every pupil who receives it."""

    intervention: str
    area: AreaOfNeed
    entries: list[PupilProvision] = field(default_factory=list)

    @property
    def pupils(self) -> list[str]:
        return [f"{e.pupil} ({_short_year(e.year_label)})" for e in self.entries]

    @property
    def pupil_count(self) -> int:
        return len(self.entries)

    @property
    def total(self) -> Decimal:
        """The pupils' shares added up."""
        return sum((e.annual_cost for e in self.entries), Decimal(0))

    @property
    def runs(self) -> list[GroupRun]:
        """The entries split by the terms they are taught on, in order of first pupil."""
        runs: dict[tuple[object, ...], GroupRun] = {}
        for e in self.entries:
            runs.setdefault(run_key(e), GroupRun([])).entries.append(e)
        return list(runs.values())

    @property
    def groups_run(self) -> int:
        return sum(r.groups for r in self.runs)

    @property
    def school_spend(self) -> Decimal:
        return sum((r.school_spend for r in self.runs), Decimal(0))

    def common(self, attribute: str) -> Any:
        """The value shared by every pupil's entry, or None if they differ."""
        values = {getattr(e.provision, attribute) for e in self.entries}
        return values.pop() if len(values) == 1 else None

    def distinct(self, attribute: str) -> list[Any]:
        seen: list[Any] = []
        for e in self.entries:
            value = getattr(e.provision, attribute)
            if value not in seen:
                seen.append(value)
        return seen

    @property
    def cost_per_pupil(self) -> Decimal | None:
        """The cost per pupil if it is the same for everyone, else None."""
        values = {e.annual_cost for e in self.entries}
        return values.pop() if len(values) == 1 else None

    @property
    def cost_range(self) -> tuple[Decimal, Decimal]:
        costs = [e.annual_cost for e in self.entries]
        return min(costs), max(costs)


@dataclass(frozen=True)
class PupilCost:
    """One pupil's costed provision against the notional SEN budget."""

    pupil: str
    year_group: int
    year_label: str
    source: str
    primary_area: str
    interventions: int
    weekly_minutes: Decimal
    total: Decimal
    budget: Decimal
    ehc_plan: bool = False
    """The pupil has an EHC plan (marked beside their name)."""
    top_up: str = ""
    """Top-up funding agreed, as the case records it ("Northam Borough Council agreed
    ..."); empty when the case records none, and then nothing is said of it."""

    @property
    def over_budget(self) -> bool:
        return self.total > self.budget

    @property
    def above_budget(self) -> Decimal:
        """How far the cost is above the budget line (0 when not above)."""
        return max(self.total - self.budget, Decimal(0))


@dataclass(frozen=True)
class Subtotal:
    """A row of the area-of-need or year-group summary."""

    label: str
    pupils: int
    interventions: int
    total: Decimal
    flagged: int = 0
    spend: Decimal = Decimal(0)
    """The school's spend (groups run × cost of a group), where it can be split this way."""


@dataclass
class SchoolProvisionMap:
    """The aggregated map; build it with :func:`build_school_map`."""

    interventions: list[InterventionLine]
    pupils: list[PupilCost]
    weeks_per_year: int
    budget: Decimal
    schools: list[str]
    left_out: list[Problem] = field(default_factory=list)
    case_sha256: str = ""
    """SHA-256 over every pupil's case SHA-256, in order: the map's provenance."""
    period: CostPeriod | None = None
    """The dates every line is costed over (a school year), named on the map."""
    class_teaching: list[PupilProvision] = field(default_factory=list)
    """Provision that is part of ordinary class teaching: listed apart on the map, never
    costed, counted as an intervention or added to a pupil's time."""
    not_started: list[PupilProvision] = field(default_factory=list)
    """Provision asked for but not started (planned, no start date: a Section F item with
    no amount set): named on the map, never costed or counted as an intervention."""
    college: bool = False
    """A college's map: students, the college's spend, and no £6,000 comparison (the
    SEND Code sets that threshold for schools' notional SEN budgets; post-16 funding is
    not worked out here)."""

    @property
    def has_year_11(self) -> bool:
        """The map lists a Year 11 pupil, so the school leaving date (last Friday in June)
        is worth explaining; an infant or primary school's map does not say it."""
        return not self.college and any(p.year_group == 11 for p in self.pupils)

    @property
    def setting_word(self) -> str:
        """ "College" or "School", for "the college's spend"."""
        return "College" if self.college else "School"

    @property
    def learner_word(self) -> str:
        """ "Student" at a college, else "Pupil"."""
        return "Student" if self.college else "Pupil"

    def period_label(self, locale: str = "en_GB") -> str:
        """ "the school year 2026/27, 3 September 2026 to 20 July 2027"."""
        label = self.period.label(locale) if self.period else "the weeks each provision runs"
        if self.college:  # a college's year is its academic year
            label = label.replace("the school year", "the academic year", 1)
        return label

    @property
    def period_name(self) -> str:
        """ "the school year 2026/27"; "the academic year 2026/27" at a college."""
        name = self.period.name if self.period else "the weeks each runs"
        if self.college:
            name = name.replace("the school year", "the academic year", 1)
        return name

    @property
    def year_word(self) -> str:
        """ "school year", or "academic year" at a college."""
        return "academic year" if self.college else "school year"

    @property
    def school_name(self) -> str:
        if len(self.schools) == 1:
            return self.schools[0]
        return f"{len(self.schools)} schools" if self.schools else "No pupils"

    @property
    def entries(self) -> list[PupilProvision]:
        return [e for line in self.interventions for e in line.entries]

    @property
    def total(self) -> Decimal:
        """The pupils' shares added up (each pupil's printed total)."""
        return sum((p.total for p in self.pupils), Decimal(0))

    @property
    def school_spend(self) -> Decimal:
        """What the school pays: every group run at its full cost, plus resources."""
        return sum((line.school_spend for line in self.interventions), Decimal(0))

    @property
    def runs(self) -> list[tuple[InterventionLine, GroupRun]]:
        return [(line, run) for line in self.interventions for run in line.runs]

    @property
    def shared_groups(self) -> bool:
        """Whether any group in the map is shared by two or more of its pupils: only then
        does a worked example of groups needed ("six pupils in groups of four need two
        groups") describe this school (review s20: not in a map of one pupil)."""
        return any(run.provision.group_size > 1 and run.pupil_count > 1 for _, run in self.runs)

    @property
    def top_ups(self) -> list[PupilCost]:
        """Pupils whose case records top-up funding agreed, above the threshold or not:
        the Word map and the workbook both name it (:func:`~sendocs.school_map.aggregate
        .top_up_line`)."""
        return [] if self.college else [p for p in self.pupils if p.top_up]

    @property
    def flagged(self) -> list[PupilCost]:
        """Pupils above the threshold; none at a college (no threshold is set there)."""
        return [] if self.college else [p for p in self.pupils if p.over_budget]

    @property
    def by_area(self) -> list[Subtotal]:
        rows = []
        for area in AreaOfNeed:
            lines = [line for line in self.interventions if line.area is area]
            if lines:
                pupils = {e.source for line in lines for e in line.entries}
                rows.append(
                    Subtotal(
                        label=area.label,
                        pupils=len(pupils),
                        interventions=len(lines),
                        total=sum((line.total for line in lines), Decimal(0)),
                        spend=sum((line.school_spend for line in lines), Decimal(0)),
                    )
                )
        return rows

    @property
    def by_year_group(self) -> list[Subtotal]:
        rows = []
        for year in sorted({p.year_group for p in self.pupils}):
            pupils = [p for p in self.pupils if p.year_group == year]
            entries = [e for e in self.entries if e.year_group == year]
            rows.append(
                Subtotal(
                    label=pupils[0].year_label,
                    pupils=len(pupils),
                    interventions=len(
                        {(e.provision.intervention, e.provision.area) for e in entries}
                    ),
                    total=sum((p.total for p in pupils), Decimal(0)),
                    flagged=sum(1 for p in pupils if p.over_budget),
                )
            )
        return rows


def _short_year(label: str) -> str:
    return label.replace("Year ", "Y")

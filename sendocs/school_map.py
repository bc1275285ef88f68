"""The whole-school provision map: every intervention, every pupil, what it all costs.

A provision map (SEND Code of Practice 6.76-6.77) shows in one place the
provision a school makes that is additional to or different from the usual
curriculum; it is how a head teacher and governors see where the SEN budget
goes. This module gathers the *current* plan of each pupil's case and
aggregates it:

* per intervention (same name and broad area of need, across pupils): who
  gets it, who delivers it, group size, sessions and minutes, cost per pupil
  and total cost;
* per pupil: the yearly cost of their provision against the £6,000 notional
  SEN budget (element 2, Code 6.95-6.99). Pupils above it are *flagged* as
  possible candidates for local-authority top-up funding (element 3) or for
  a request for an EHC needs assessment. The wording is careful on purpose:
  £6,000 is a funding threshold, not a legal test for an assessment
  (domain brief §2; the test is CAFA 2014 s.36(8));
* per area of need, per year group, and for the whole school.

Costs come from :mod:`sendocs.costing` (per pupil per year: staff hourly cost
x hours x adults / group size + resources), with a configurable number of
school weeks (38 by default). Writers make a landscape Word document (from
``templates/school_provision_map.docx``) and an Excel workbook whose totals
are live ``SUM`` formulas.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from sendocs.costing import NOTIONAL_SEN_BUDGET
from sendocs.documents.views import describe_group, weekly_time
from sendocs.errors import CaseDataError, Location, Problem, SendocsError
from sendocs.files import atomic_output, atomic_write_bytes, check_can_write
from sendocs.formatting import DEFAULT_LOCALE, format_money, format_number, plural
from sendocs.loading import CASE_SUFFIXES, LoadedCase, load_case
from sendocs.models import AreaOfNeed, Case, Provision

__all__ = [
    "TEMPLATE_NAME",
    "InterventionLine",
    "PupilCost",
    "PupilProvision",
    "SchoolProvisionMap",
    "Subtotal",
    "build_school_map",
    "flag_explanation",
    "read_school_cases",
    "write_school_map",
    "write_school_map_docx",
    "write_school_map_xlsx",
]

logger = logging.getLogger(__name__)

TEMPLATE_NAME = "school_provision_map.docx"
_PENNY = Decimal("0.01")


# -- the aggregated map -------------------------------------------------------------------


@dataclass(frozen=True)
class PupilProvision:
    """One pupil's share of one intervention, with its yearly figures."""

    pupil: str
    year_group: int
    year_label: str
    source: str
    provision: Provision
    hours_per_year: Decimal  # staff-contact hours of the sessions the pupil attends
    annual_cost: Decimal  # this pupil's share, per year


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
        return sum((e.annual_cost for e in self.entries), Decimal(0))

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


@dataclass
class SchoolProvisionMap:
    """The aggregated map; build it with :func:`build_school_map`."""

    interventions: list[InterventionLine]
    pupils: list[PupilCost]
    weeks_per_year: int
    budget: Decimal
    schools: list[str]
    left_out: list[Problem] = field(default_factory=list)

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
        return sum((p.total for p in self.pupils), Decimal(0))

    @property
    def flagged(self) -> list[PupilCost]:
        return [p for p in self.pupils if p.over_budget]

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


def _intervention_key(p: Provision) -> tuple[str, AreaOfNeed]:
    return " ".join(p.intervention.split()).casefold(), p.area


def build_school_map(
    cases: Iterable[LoadedCase | Case],
    *,
    weeks_per_year: int = 38,
    budget: Decimal = NOTIONAL_SEN_BUDGET,
    left_out: Sequence[Problem] = (),
) -> SchoolProvisionMap:
    """Aggregate the current plan of every case into a whole-school map.

    Interventions with the same name (ignoring case and spacing) and broad
    area of need are one line. ``left_out`` records inputs that could not be
    read, so the documents can say the map is incomplete.
    """
    if weeks_per_year < 1 or weeks_per_year > 52:
        raise SendocsError(f"weeks per year must be between 1 and 52, not {weeks_per_year}")
    lines: dict[tuple[str, AreaOfNeed], InterventionLine] = {}
    pupils: list[PupilCost] = []
    schools: list[str] = []
    for index, item in enumerate(cases):
        case = item.case if isinstance(item, LoadedCase) else item
        source = item.source if isinstance(item, LoadedCase) else f"case {index + 1}"
        child = case.child
        name = child.full_name
        if case.school.name not in schools:
            schools.append(case.school.name)
        total = Decimal(0)
        minutes = Decimal(0)
        provision = case.current_cycle.provision
        for p in provision:
            cost = p.annual_cost(weeks_per_year)
            entry = PupilProvision(
                pupil=name,
                year_group=child.year_group,
                year_label=child.year_label,
                source=source,
                provision=p,
                hours_per_year=p.annual_hours(weeks_per_year).quantize(Decimal("0.1")),
                annual_cost=cost,
            )
            key = _intervention_key(p)
            if key not in lines:
                lines[key] = InterventionLine(intervention=p.intervention.strip(), area=p.area)
            lines[key].entries.append(entry)
            total += cost
            minutes += p.weekly_minutes
        primary = case.primary_need
        pupils.append(
            PupilCost(
                pupil=name,
                year_group=child.year_group,
                year_label=child.year_label,
                source=source,
                primary_area=(primary.area.label if primary else case.needs[0].area.label),
                interventions=len(provision),
                weekly_minutes=minutes,
                total=total,
                budget=budget,
            )
        )
    area_order = {area: i for i, area in enumerate(AreaOfNeed)}
    ordered = sorted(
        lines.values(), key=lambda line: (area_order[line.area], line.intervention.casefold())
    )
    for line in ordered:
        line.entries.sort(key=lambda e: (e.year_group, e.pupil.casefold()))
    pupils.sort(key=lambda p: (p.year_group, p.pupil.casefold()))
    return SchoolProvisionMap(
        interventions=ordered,
        pupils=pupils,
        weeks_per_year=weeks_per_year,
        budget=budget,
        schools=schools,
        left_out=list(left_out),
    )


def flag_explanation(budget: Decimal = NOTIONAL_SEN_BUDGET, locale: str = DEFAULT_LOCALE) -> str:
    """Why pupils are flagged, worded so that nobody reads £6,000 as a legal test."""
    amount = format_money(budget, locale).removesuffix(".00")
    return (
        f"A school is expected to meet the first {amount} a year of a pupil's additional "
        "support from its notional SEN budget (element 2). Where costed provision goes "
        "above that, the school may ask the local authority for high-needs top-up funding "
        "(element 3), and may consider whether to request an EHC needs assessment. "
        f"{amount} is a funding threshold, not a legal test: a local authority must assess a "
        "child who has or may have special educational needs and may need provision through "
        "an EHC plan (Children and Families Act 2014, s.36(8)), whatever their support costs."
    )


# -- reading inputs ---------------------------------------------------------------------------


def read_school_cases(
    inputs: Sequence[str | Path],
    *,
    column_map: Any = None,
    settings: Any = None,
    today: dt.date | None = None,
) -> tuple[list[LoadedCase], list[Problem]]:
    """Load case files, folders of case files and rosters (.csv / .xlsx).

    Returns the cases that loaded and one problem per input left out (its
    location and why), so a map can be made from the rest. A roster needs
    ``settings`` (the school details every pupil shares); see
    :func:`sendocs.roster.read_roster`.
    """
    loaded: list[LoadedCase] = []
    left_out: list[Problem] = []
    for given in inputs:
        path = Path(given)
        if path.is_dir():
            files = sorted(
                f for f in path.iterdir() if f.is_file() and f.suffix.lower() in CASE_SUFFIXES
            )
            if not files:
                raise CaseDataError(f"{path}: no case files (.yaml, .yml or .json) in this folder")
        elif path.suffix.lower() in (".csv", ".xlsx", ".xlsm"):
            loaded_rows, problems = _read_roster(path, column_map, settings, today)
            loaded += loaded_rows
            left_out += problems
            continue
        elif not path.exists():
            raise CaseDataError(f"{path}: no such file or folder")
        else:
            files = [path]
        for file in files:
            try:
                loaded.append(load_case(file, today=today))
            except CaseDataError as exc:
                left_out.append(_left_out(exc, str(file)))
    return loaded, left_out


def _read_roster(
    path: Path, column_map: Any, settings: Any, today: dt.date | None
) -> tuple[list[LoadedCase], list[Problem]]:
    try:
        from sendocs.roster import read_roster
    except ImportError:  # pragma: no cover - the roster reader ships with sendocs
        raise CaseDataError(f"{path}: rosters: use a folder of case files") from None
    roster = read_roster(path, column_map=column_map, settings=settings, today=today)
    loaded: list[LoadedCase] = []
    problems: list[Problem] = []
    for row in roster.rows:
        if row.loaded is not None:
            loaded.append(row.loaded)
        elif row.error is not None:
            problems.append(_left_out(row.error, row.source, row.location))
    return loaded, problems


def _left_out(exc: CaseDataError, source: str, location: Location | None = None) -> Problem:
    first = exc.problems[0] if exc.problems else None
    if first is not None:
        more = len(exc.problems) - 1
        reason = first.message + (f" (and {plural(more, 'more problem')})" if more else "")
        return Problem(first.location, reason)
    message = exc.message.removeprefix(f"{source}: ")
    return Problem(location or Location(file=source), message)


# -- writers ---------------------------------------------------------------------------------


def write_school_map(
    school_map: SchoolProvisionMap,
    output: str | Path,
    *,
    force: bool = False,
    date: dt.date | None = None,
    template: Path | None = None,
) -> Path:
    """Write the map as .docx or .xlsx, chosen by ``output``'s suffix."""
    path = Path(output)
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return write_school_map_docx(school_map, path, force=force, date=date, template=template)
    if suffix == ".xlsx":
        return write_school_map_xlsx(school_map, path, force=force, date=date)
    raise SendocsError(f"{path}: the output must end in .docx (Word) or .xlsx (Excel)")


def docx_context(
    school_map: SchoolProvisionMap, date: dt.date | None = None, locale: str = DEFAULT_LOCALE
) -> dict[str, Any]:
    """What ``school_provision_map.docx`` may use (see its build script)."""
    areas: list[dict[str, Any]] = []
    for sub in school_map.by_area:
        lines = [ln for ln in school_map.interventions if ln.area.label == sub.label]
        areas.append(
            {
                "area": sub.label,
                "total": sub.total,
                "pupils": sub.pupils,
                "rows": [_line_row(ln) for ln in lines],
            }
        )
    flagged = school_map.flagged
    return {
        "school_name": school_map.school_name,
        "several_schools": len(school_map.schools) > 1,
        "schools": school_map.schools,
        "document_date": date or dt.date.today(),
        "weeks_per_year": school_map.weeks_per_year,
        "budget": school_map.budget,
        "budget_text": format_money(school_map.budget, locale).removesuffix(".00"),
        "total": school_map.total,
        "pupil_count": plural(len(school_map.pupils), "pupil"),
        "intervention_count": plural(len(school_map.interventions), "intervention"),
        "flagged_count": len(flagged),
        "areas": areas,
        "pupils": [
            {
                "name": p.pupil,
                "year": p.year_label,
                "primary_area": p.primary_area,
                "interventions": p.interventions,
                "weekly_time": weekly_time(p.weekly_minutes),
                "total": p.total,
                "over_budget": p.over_budget,
                "above_budget": p.above_budget,
            }
            for p in school_map.pupils
        ],
        "flagged": [
            {
                "name": p.pupil,
                "year": p.year_label,
                "total": p.total,
                "above_budget": p.above_budget,
            }
            for p in flagged
        ],
        "by_area": [_subtotal_row(s) for s in school_map.by_area],
        "by_year": [_subtotal_row(s) for s in school_map.by_year_group],
        "flag_explanation": flag_explanation(school_map.budget, locale),
        "left_out": [str(p) for p in school_map.left_out],
    }


def _line_row(line: InterventionLine) -> dict[str, Any]:
    per_pupil = line.cost_per_pupil
    low, high = line.cost_range
    sizes = line.distinct("group_size")
    sessions = line.distinct("sessions_per_week")
    minutes = line.distinct("minutes_per_session")
    return {
        "intervention": line.intervention,
        "pupils": line.pupils,
        "pupil_count": line.pupil_count,
        "staff": ", ".join(line.distinct("delivered_by")),
        "group": describe_group(line.entries[0].provision)
        if len(sizes) == 1
        else "Groups of " + ", ".join(str(s) for s in sizes),
        "frequency": (
            f"{plural(sessions[0], 'session')} × {minutes[0]} min a week"
            if len(sessions) == 1 and len(minutes) == 1
            else "Varies by pupil"
        ),
        "cost_per_pupil": format_money(per_pupil)
        if per_pupil is not None
        else (f"{format_money(low)} to {format_money(high)}"),
        "total": line.total,
    }


def _subtotal_row(s: Subtotal) -> dict[str, Any]:
    return {
        "label": s.label,
        "pupils": s.pupils,
        "interventions": s.interventions,
        "total": s.total,
        "flagged": s.flagged,
    }


def write_school_map_docx(
    school_map: SchoolProvisionMap,
    output: str | Path,
    *,
    force: bool = False,
    date: dt.date | None = None,
    template: Path | None = None,
) -> Path:
    """Render the landscape Word provision map and write it atomically."""
    from sendocs.render.docx import DocxRenderer
    from sendocs.resources import template_path

    path = Path(output)
    check_can_write(path, force)
    source = template or template_path(TEMPLATE_NAME)
    data = DocxRenderer().render_bytes(source, docx_context(school_map, date))
    return atomic_write_bytes(path, data, force=force)


# -- Excel ------------------------------------------------------------------------------------

MONEY_FORMAT = '"£"#,##0.00'
HOURS_FORMAT = "0.0"
NAVY = "1F3A5F"


@dataclass(frozen=True)
class _Col:
    title: str
    width: float
    kind: str = "text"  # text, money, int, number, hours
    total: bool = False


def write_school_map_xlsx(
    school_map: SchoolProvisionMap,
    output: str | Path,
    *,
    force: bool = False,
    date: dt.date | None = None,
) -> Path:
    """Write the map as a workbook: Interventions, Pupils, By area, By year group, Detail.

    Money cells are real numbers with a £ format; totals are ``SUM`` formulas
    over the rows above, so a school can add rows and keep correct totals.
    """
    from openpyxl import Workbook

    path = Path(output)
    check_can_write(path, force)
    wb = Workbook()
    sheets = [
        ("Interventions", *_interventions_table(school_map)),
        ("Pupils", *_pupils_table(school_map)),
        ("By area", *_area_table(school_map)),
        ("By year group", *_year_table(school_map)),
        ("Detail", *_detail_table(school_map)),
    ]
    first = True
    for title, columns, rows, freeze in sheets:
        ws = wb.active if first else wb.create_sheet()
        assert ws is not None
        first = False
        ws.title = title
        _write_table(ws, columns, rows, freeze)
    notes = wb.create_sheet("Notes")
    _write_notes(notes, school_map, date or dt.date.today())
    props = wb.properties
    props.title = f"Provision map: {school_map.school_name}"
    props.creator = "sendocs"
    props.subject = "Whole-school provision map (SEND Code of Practice 6.76-6.77)"
    with atomic_output(path, force) as tmp:
        wb.save(tmp)
    return path


def _interventions_table(m: SchoolProvisionMap) -> tuple[list[_Col], list[list[Any]], str]:
    cols = [
        _Col("Area of need", 26),
        _Col("Intervention", 34),
        _Col("Delivered by", 24),
        _Col("Group size", 8, "int"),
        _Col("Sessions a week", 9, "number"),
        _Col("Minutes a session", 9, "int"),
        _Col("Pupils", 8, "int", total=True),
        _Col("Pupil names", 40),
        _Col("Cost per pupil", 14, "money"),
        _Col("Total cost", 14, "money", total=True),
    ]
    rows = []
    for line in m.interventions:
        rows.append(
            [
                line.area.label,
                line.intervention,
                ", ".join(line.distinct("delivered_by")),
                _one_or_text(line.distinct("group_size")),
                _one_or_text(line.distinct("sessions_per_week")),
                _one_or_text(line.distinct("minutes_per_session")),
                line.pupil_count,
                ", ".join(line.pupils),
                line.cost_per_pupil
                if line.cost_per_pupil is not None
                else "{} to {}".format(*(format_money(c) for c in line.cost_range)),
                line.total,
            ]
        )
    return cols, rows, "C2"


def _one_or_text(values: list[Any]) -> Any:
    if len(values) == 1:
        return values[0]
    return "Varies: " + ", ".join(format_number(v) for v in values)


def _pupils_table(m: SchoolProvisionMap) -> tuple[list[_Col], list[list[Any]], str]:
    amount = format_money(m.budget).removesuffix(".00")
    cols = [
        _Col("Pupil", 26),
        _Col("Year group", 11),
        _Col("Primary area of need", 30),
        _Col("Interventions", 14, "int"),
        _Col("Hours a week", 12, "hours"),
        _Col("Yearly cost", 14, "money", total=True),
        _Col(f"Above {amount}?", 12),
        _Col(f"Amount above {amount}", 16, "money", total=True),
    ]
    rows = [
        [
            p.pupil,
            p.year_label,
            p.primary_area,
            p.interventions,
            (p.weekly_minutes / 60).quantize(Decimal("0.01")),
            p.total,
            "Yes" if p.over_budget else "No",
            p.above_budget,
        ]
        for p in m.pupils
    ]
    return cols, rows, "B2"


def _area_table(m: SchoolProvisionMap) -> tuple[list[_Col], list[list[Any]], str]:
    cols = [
        _Col("Area of need", 34),
        _Col("Interventions", 14, "int", total=True),
        _Col("Pupils receiving", 16, "int"),
        _Col("Total cost", 16, "money", total=True),
    ]
    rows = [[s.label, s.interventions, s.pupils, s.total] for s in m.by_area]
    return cols, rows, "B2"


def _year_table(m: SchoolProvisionMap) -> tuple[list[_Col], list[list[Any]], str]:
    amount = format_money(m.budget).removesuffix(".00")
    cols = [
        _Col("Year group", 16),
        _Col("Pupils", 10, "int", total=True),
        _Col("Interventions", 14, "int"),
        _Col(f"Pupils above {amount}", 18, "int", total=True),
        _Col("Total cost", 16, "money", total=True),
    ]
    rows = [[s.label, s.pupils, s.interventions, s.flagged, s.total] for s in m.by_year_group]
    return cols, rows, "B2"


def _detail_table(m: SchoolProvisionMap) -> tuple[list[_Col], list[list[Any]], str]:
    cols = [
        _Col("Pupil", 24),
        _Col("Year group", 11),
        _Col("Area of need", 26),
        _Col("Intervention", 34),
        _Col("Delivered by", 24),
        _Col("Group size", 10, "int"),
        _Col("Adults", 8, "int"),
        _Col("Sessions a week", 10, "number"),
        _Col("Minutes a session", 10, "int"),
        _Col("Hours a year", 11, "hours"),
        _Col("Hourly cost", 12, "money"),
        _Col("Resources a year", 14, "money"),
        _Col("Cost to pupil", 14, "money", total=True),
    ]
    rows = []
    for p in m.pupils:
        for e in (e for line in m.interventions for e in line.entries if e.source == p.source):
            pr = e.provision
            rows.append(
                [
                    e.pupil,
                    e.year_label,
                    pr.area.label,
                    pr.intervention,
                    pr.delivered_by,
                    pr.group_size,
                    pr.staff_per_group,
                    pr.sessions_per_week,
                    pr.minutes_per_session,
                    e.hours_per_year,
                    pr.hourly_cost,
                    pr.other_costs,
                    e.annual_cost,
                ]
            )
    return cols, rows, "B2"


def _cell_value(value: Any) -> Any:
    """Numbers as numbers: openpyxl stores Decimal as float, exact to the penny here."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _write_table(ws: Any, cols: list[_Col], rows: list[list[Any]], freeze: str) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    header_font = Font(name="Calibri", bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor=NAVY)
    thin = Side(style="thin", color="9FB0C5")
    wrap = Alignment(wrap_text=True, vertical="top")
    formats = {"money": MONEY_FORMAT, "hours": HOURS_FORMAT, "int": "0", "number": "0.##"}
    for c, col in enumerate(cols, start=1):
        cell = ws.cell(row=1, column=c, value=col.title)
        cell.font = header_font
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(c)].width = col.width
    ws.row_dimensions[1].height = _row_height(cols, [c.title for c in cols], bold=True)
    for r, row in enumerate(rows, start=2):
        ws.row_dimensions[r].height = _row_height(cols, row)
        for c, (col, value) in enumerate(zip(cols, row, strict=True), start=1):
            cell = ws.cell(row=r, column=c, value=_cell_value(value))
            cell.alignment = wrap
            if col.kind in formats and not isinstance(value, str):
                cell.number_format = formats[col.kind]
    total_row = len(rows) + 2
    label = ws.cell(row=total_row, column=1, value="Total")
    label.font = Font(name="Calibri", bold=True)
    for c, col in enumerate(cols, start=1):
        cell = ws.cell(row=total_row, column=c)
        cell.border = Border(top=Side(style="medium", color=NAVY))
        if col.total:
            letter = get_column_letter(c)
            cell.value = f"=SUM({letter}2:{letter}{total_row - 1})" if rows else 0
            cell.font = Font(name="Calibri", bold=True)
            cell.number_format = formats.get(col.kind, "General")
    for r in range(2, total_row):
        for c in range(1, len(cols) + 1):
            ws.cell(row=r, column=c).border = Border(bottom=thin)
    ws.freeze_panes = freeze
    if rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{total_row - 1}"
    ws.print_options.gridLines = False
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"


def _row_height(cols: list[_Col], values: list[Any], bold: bool = False) -> float:
    """Height for wrapped text: LibreOffice does not grow rows of a file it did not write."""
    lines = 1
    for col, value in zip(cols, values, strict=True):
        if isinstance(value, str) and value:
            per_line = max(1.0, col.width * (1.0 if bold else 1.15))
            words, count, length = value.split(), 1, 0
            for word in words:
                if length and length + 1 + len(word) > per_line:
                    count += 1
                    length = len(word)
                else:
                    length += len(word) + (1 if length else 0)
            lines = max(lines, count)
    return 15.0 * lines + 2


def _write_notes(ws: Any, m: SchoolProvisionMap, date: dt.date) -> None:
    from openpyxl.styles import Alignment, Font

    from sendocs.formatting import format_date

    lines: list[tuple[str, bool]] = [
        (f"Provision map: {m.school_name}", True),
        (f"Made on {format_date(date, 'long')} by sendocs.", False),
        ("", False),
        (
            f"Costs are per pupil per school year of {m.weeks_per_year} weeks: staff hourly cost "
            "× hours × adults ÷ group size, plus resources.",
            False,
        ),
        ("", False),
        (flag_explanation(m.budget), False),
    ]
    if m.flagged:
        lines.append(("", False))
        lines.append(("Pupils whose costed provision is above the notional SEN budget:", True))
        for p in m.flagged:
            lines.append(
                (
                    f"{p.pupil} ({p.year_label}): {format_money(p.total)}, "
                    f"{format_money(p.above_budget)} above",
                    False,
                )
            )
    if m.left_out:
        lines.append(("", False))
        lines.append((f"Left out ({plural(len(m.left_out), 'input')} could not be read):", True))
        lines += [(str(p), False) for p in m.left_out]
    ws.column_dimensions["A"].width = 100
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    for r, (text, bold) in enumerate(lines, start=1):
        cell = ws.cell(row=r, column=1, value=text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.font = Font(name="Calibri", bold=bold, size=13 if r == 1 else 11)
        ws.row_dimensions[r].height = 15.0 * max(1, -(-len(text) // 95)) + 2

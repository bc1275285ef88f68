"""The Excel provision map: one sheet per view, live ``SUM`` totals, print-ready.

Money cells are real numbers with a £ format and totals are formulas over the
rows above, so a school can add rows and keep correct totals. Every text cell
is written as text (:mod:`sendocs.spreadsheet_cells`): an intervention typed
as ``=1+1`` shows as typed, never as a formula, and control characters are
removed as in Word output. Row heights are set here because LibreOffice does
not grow rows of a file it did not write.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sendocs.costing import ROUNDING_NOTE
from sendocs.documents.provision_map import resources_described, resources_only
from sendocs.files import atomic_output, check_can_write
from sendocs.formatting import DEFAULT_LOCALE, plural
from sendocs.school_map.aggregate import (
    TOP_UP_NOTE,
    flag_explanation,
    not_started_line,
    top_up_line,
)
from sendocs.school_map.model import GroupRun, PupilProvision, SchoolProvisionMap
from sendocs.spreadsheet_cells import cell_text, set_text_cell

__all__ = ["HOURS_FORMAT", "MONEY_FORMAT", "NAVY", "write_school_map_xlsx"]

MONEY_FORMAT = '"£"#,##0.00'
HOURS_FORMAT = "0.0"
DURATION_FORMAT = "[h]:mm"
"""Time as hours and minutes (a cell holding a fraction of a day), so 3 h 50 min reads
3:50, not 3.8."""
DATE_FORMAT = "d mmm yyyy"
NAVY = "1F3A5F"
INPUT_FILL = "FFF2CC"
"""Pale yellow, the usual colour of cells to type in."""


_NAME_COLUMNS = {"Interventions": "A:B", "Detail": "A:D", "Inputs": "A:C"}
"""Columns printed again on every page of the wide sheets (area and intervention; on
Detail the pupil too; on Inputs the group), so page 2 of a printout says whose row it is."""


@dataclass(frozen=True)
class _Col:
    title: str
    width: float
    kind: str = "text"  # text, money, int, number, hours
    total: bool = False
    fill: bool = False
    """An input cell: shaded, the one place its figure is typed."""
    hidden: bool = False
    """A helper column (counts each pupil or intervention once): hidden, not printed."""


def write_school_map_xlsx(
    school_map: SchoolProvisionMap,
    output: str | Path,
    *,
    force: bool = False,
    date: dt.date | None = None,
) -> Path:
    """Write the map as a workbook: Interventions, Pupils, By area, By year group, Detail,
    Inputs and Notes.

    Every figure is typed once, on the Inputs sheet (one row per group run, and the
    threshold); every other sheet reads it by formula, so editing an input moves every
    cost, count and total (see :class:`_Layout`).
    """
    from openpyxl import Workbook

    path = Path(output)
    check_can_write(path, force)
    layout = _Layout(school_map)
    wb = Workbook()
    sheets = [
        ("Interventions", *_interventions_table(layout)),
        (layout.pupils_sheet, *_pupils_table(layout)),
        ("By area", *_area_table(layout)),
        ("By year group", *_year_table(layout)),
        ("Detail", *_detail_table(layout)),
        ("Inputs", *_inputs_table(layout)),
    ]
    first = True
    for title, columns, rows, freeze in sheets:
        ws = wb.active if first else wb.create_sheet()
        assert ws is not None
        first = False
        ws.title = title
        _write_table(ws, columns, rows, freeze, school_map.school_name, total=title != "Inputs")
        if title == "Inputs":
            _write_threshold(ws, layout)
        if title in _NAME_COLUMNS:  # a sheet printed two pages wide names each row on both
            ws.print_title_cols = _NAME_COLUMNS[title]
    notes = wb.create_sheet("Notes")
    _write_notes(notes, layout, date or dt.date.today())
    _header_footer(notes, school_map.school_name)
    props = wb.properties
    props.title = cell_text(f"Provision map: {school_map.school_name}")
    props.creator = "sendocs"
    props.subject = "Whole-school provision map (SEND Code of Practice 6.76-6.77)"
    _stamp(wb, school_map, date or dt.date.today())
    with atomic_output(path, force) as tmp:
        wb.save(tmp)
    return path


@dataclass(frozen=True)
class Formula:
    """A formula written into a cell, ``{r}`` standing for the cell's own row.

    Formulas only ever refer to cells: no typed text reaches one, so the
    formula-injection guard on text cells stays whole. ``shown`` is the text the
    formula displays, used only to size the row.
    """

    text: str
    shown: str = ""

    def at(self, row: int) -> str:
        return self.text.replace("{r}", str(row))


class _Layout:
    """Where every figure lives, so the sheets can refer to it.

    The Inputs sheet has one row per group run (:attr:`SchoolProvisionMap.runs`),
    keyed by a group reference (G1, G2 ...) in column A, and the threshold below
    the table. Interventions and Detail rows look their inputs up by that
    reference (``INDEX``/``MATCH``), so sorting the Inputs sheet breaks nothing
    and a pupil's Detail row follows the group named in its Group column.
    Counts compare cells with ``=`` (``SUMPRODUCT``), never ``COUNTIF`` criteria:
    a name typed as ``<5`` or ``A*`` is matched as typed, not as a pattern.
    """

    def __init__(self, m: SchoolProvisionMap) -> None:
        self.map = m
        self.college = m.college
        self.runs = m.runs
        self.refs = {id(run): f"G{i}" for i, (_, run) in enumerate(self.runs, start=1)}
        self.detail = _detail_rows(m)
        self.inputs_last = len(self.runs) + 1
        self.detail_last = len(self.detail) + 1
        self.pupils_last = len(m.pupils) + 1
        self.threshold_row = self.inputs_last + 2
        self.threshold = f"Inputs!$D${self.threshold_row}"
        self.learner = "Student" if m.college else "Pupil"
        self.pupils_sheet = f"{self.learner}s"
        """The Pupils sheet ("Students" at a college), which formulas name."""

    def ref(self, e: PupilProvision) -> str:
        for _, run in self.runs:
            if any(x is e for x in run.entries):
                return self.refs[id(run)]
        raise KeyError(e.pupil)  # every entry is in one run


def _look(column: str, key: str, kind: str = "number") -> str:
    """The Inputs cell in ``column`` of the group named by the cell ``key``.

    Text comes back as text (``&""``: a blank is "", not 0); a date column shows a date,
    or its text ("dates differ"), or nothing."""
    found = f"INDEX(Inputs!${column}:${column},MATCH({key},Inputs!$A:$A,0))"
    if kind == "text":
        return f'{found}&""'
    if kind == "date":
        return f'IF(ISNUMBER({found}),{found},{found}&"")'
    return found


def _rows(sheet: str, column: str, last: int) -> str:
    return f"{sheet}!${column}$2:${column}${last}"


def _count_where(pairs: list[tuple[str, str]], last: int, weights: str = "") -> Formula:
    """``SUMPRODUCT`` of exact matches (``=`` compares text as typed, ignoring case)."""
    if last < 2:
        return Formula("=0")
    tests = "*".join(f"({_rows(s, c, last)}={cell})" for s, c, cell in _split(pairs))
    if weights:
        tests += f"*{weights}"
    return Formula(f"=SUMPRODUCT({tests}*1)")


def _split(pairs: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    found = []
    for where, cell in pairs:
        sheet, column = where.split("!")
        found.append((sheet, column, cell))
    return found


def _first_of(columns: str, row_key: str = "{r}") -> Formula:
    """1 on the first row holding this combination of ``columns`` (exact match), else 0:
    summing it counts each combination once."""
    tests = "*".join(f"(${c}$2:${c}{row_key}={c}{row_key})" for c in columns)
    return Formula(f"=IF(SUMPRODUCT({tests}*1)=1,1,0)")


def _stamp(wb: Any, m: SchoolProvisionMap, date: dt.date) -> None:
    """Provenance as the workbook's custom properties (:mod:`sendocs.provenance`); a
    workbook has no template, so its template SHA-256 is left empty."""
    from openpyxl.packaging.custom import StringProperty

    from sendocs.school_map.docx_writer import map_provenance

    for name, value in map_provenance(m, date, "").as_strings().items():
        wb.custom_doc_props.append(StringProperty(name=name, value=value or "none"))


def _inputs_table(lay: _Layout) -> tuple[list[_Col], list[list[Any]], str]:
    """The only sheet where figures are typed: one row per group run."""
    learners = f"{lay.learner}s in this group"
    cols = [
        _Col("Group ref", 8),  # A
        _Col("Area of need", 24),  # B
        _Col("Intervention", 30),  # C
        _Col("Delivered by", 20),  # D
        _Col("Group size", 8, "int", fill=True),  # E
        _Col("Adults per group", 8, "int", fill=True),  # F
        _Col("Sessions a week", 9, "number", fill=True),  # G
        _Col("Minutes a session", 9, "int", fill=True),  # H
        _Col("Weeks it runs (input)", 9, "general", fill=True),  # I (school days ÷ 5: 37.6)
        _Col("Hourly cost", 10, "money", fill=True),  # J
        _Col(f"Resources per {lay.learner.lower()}", 11, "money", fill=True),  # K
        _Col("Adds time (1/0)", 8, "int", fill=True),  # L (0: in lessons, no staff cost)
        _Col("From (for information)", 11, "date"),  # M (the weeks are typed in I)
        _Col("To (for information)", 11, "date"),  # N
        _Col(learners, 36),  # O
    ]
    rows = []
    for line, run in lay.runs:
        p = run.provision
        rows.append(
            [
                lay.refs[id(run)],
                line.area.label,
                line.intervention,
                p.delivered_by,
                p.group_size,
                p.staff_per_group,
                p.sessions_per_week,
                p.minutes_per_session,
                # a resources-only line (no staff time, adds none): its cost is its
                # resources, so it shows no weeks (and so no hours) rather than 37.6
                0 if _resources_only(run) else run.costed.weeks.weeks,
                p.hourly_cost,
                p.other_costs if run.costed.weeks.weeks else 0,
                1 if run.costed.adds_time else 0,
                *_span(run.entries),
                ", ".join(f"{e.pupil} ({e.year_label.replace('Year ', 'Y')})" for e in run.entries),
            ]
        )
    return cols, rows, "D2"


def _write_threshold(ws: Any, lay: _Layout) -> None:
    """The £6,000 threshold, below the groups: typed once, read by the Pupils sheet."""
    from openpyxl.styles import Alignment, Font, PatternFill

    if lay.college:
        return
    row = lay.threshold_row
    ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=3)
    label = ws.cell(row=row, column=2)
    set_text_cell(
        label,
        "Threshold a pupil a year: the first amount of additional support a school is "
        "expected to meet from its notional SEN budget (SEND Code of Practice 6.95\u20136.99)",
    )
    label.font = Font(name="Calibri", bold=True)
    label.alignment = Alignment(wrap_text=True, vertical="top")
    value = ws.cell(row=row, column=4)
    value.value = _cell_value(lay.map.budget)
    value.number_format = MONEY_FORMAT
    value.fill = PatternFill("solid", fgColor=INPUT_FILL)
    value.alignment = Alignment(vertical="top")
    ws.row_dimensions[row].height = 15.0 * 3 + 2


def _interventions_table(lay: _Layout) -> tuple[list[_Col], list[list[Any]], str]:
    """One row per group run: its inputs looked up on the Inputs sheet, then every cost
    as a formula over them."""
    learner = lay.learner
    cols = [
        _Col("Area of need", 24),  # A
        _Col("Intervention", 30),  # B
        _Col("Delivered by", 20),  # C
        _Col("Group size", 8, "int"),  # D
        _Col("Adults per group", 8, "int"),  # E
        _Col("Sessions a week", 9, "number"),  # F
        _Col("Minutes a session", 9, "int"),  # G
        _Col("Weeks it runs", 8, "general"),  # H
        _Col("Hours per group", 9, "hours"),  # I = F×G×H÷60
        _Col("Hourly cost", 10, "money"),  # J
        _Col("Cost of a group", 12, "money"),  # K = I×J×E
        _Col(f"Resources per {learner.lower()}", 11, "money"),  # L
        _Col(f"{learner}’s share", 12, "money"),  # M = I×J×E÷D + L
        _Col("Places", 8, "int", total=True),  # N (Detail rows naming this group)
        _Col("Groups run", 8, "int", total=True),  # O = ⌈N÷D⌉
        _Col(f"{lay.map.setting_word}’s spend", 13, "money", total=True),  # P = O×K + N×L
        _Col(f"{learner}s’ shares", 13, "money", total=True),  # Q = N×M
        _Col(f"{learner} names", 36),  # R
        _Col("From", 11, "date"),  # S
        _Col("To", 11, "date"),  # T
        _Col("Group ref", 8),  # U (its row on the Inputs sheet)
        _Col("First line of this intervention (1 = counted)", 12, "int", hidden=True),  # V
    ]
    key = "$U{r}"
    rows = []
    for line, run in lay.runs:
        ref = lay.refs[id(run)]
        names = ", ".join(f"{e.pupil} ({e.year_label.replace('Year ', 'Y')})" for e in run.entries)
        places = (
            Formula(f"=SUMPRODUCT(({_rows('Detail', 'R', lay.detail_last)}=U{{r}})*1)")
            if lay.detail_last >= 2
            else Formula("=0")
        )
        rows.append(
            [
                Formula("=" + _look("B", key, "text"), line.area.label),
                Formula("=" + _look("C", key, "text"), line.intervention),
                Formula("=" + _look("D", key, "text"), run.provision.delivered_by),
                Formula("=" + _look("E", key)),
                Formula("=" + _look("F", key)),
                Formula("=" + _look("G", key)),
                Formula("=" + _look("H", key)),
                Formula("=" + _look("I", key)),
                Formula("=F{r}*G{r}*H{r}/60"),
                Formula("=" + _look("J", key)),
                Formula("=ROUND(I{r}*J{r}*E{r},2)"),
                Formula("=" + _look("K", key)),
                Formula("=ROUND(I{r}*J{r}*E{r}/D{r},2)+ROUND(L{r},2)"),
                places,
                Formula("=IF(N{r}=0,0,ROUNDUP(N{r}/D{r},0))"),
                Formula("=O{r}*K{r}+N{r}*ROUND(L{r},2)"),
                Formula("=N{r}*M{r}"),
                Formula("=" + _look("O", key, "text"), names),
                Formula("=" + _look("M", key, "date")),
                Formula("=" + _look("N", key, "date")),
                ref,
                _first_of("AB"),
            ]
        )
    return cols, rows, "C2"


def _detail_rows(m: SchoolProvisionMap) -> list[tuple[int, Any]]:
    """Each pupil's entries in Detail-sheet order, with their sheet row numbers."""
    rows = []
    row = 2
    for p in m.pupils:
        for e in (e for line in m.interventions for e in line.entries if e.source == p.source):
            rows.append((row, e))
            row += 1
    return rows


def _pupils_table(lay: _Layout) -> tuple[list[_Col], list[list[Any]], str]:
    m = lay.map
    learner = lay.learner
    cols = [
        _Col(learner, 26),  # A
        _Col("Year group", 11),  # B
        _Col("Primary area of need", 30),  # C
        _Col("Interventions", 14, "int"),  # D
        _Col("Time a week (h:mm)", 12, "duration"),  # E = the Detail lines' time
        _Col(f"Total of the {learner.lower()}’s shares", 14, "money", total=True),  # F
    ]
    if not lay.college:
        cols += [
            _Col("Above the threshold?", 12),  # G
            _Col("Amount above the threshold", 16, "money", total=True),  # H
        ]
    rows = []
    for p in m.pupils:
        mine = [r for r, e in lay.detail if e.source == p.source]
        row: list[Any] = [
            p.pupil,
            p.year_label,
            p.primary_area,
            _count_where([("Detail!A", "A{r}"), ("Detail!B", "B{r}")], lay.detail_last),
            Formula("=" + "+".join(f"Detail!Q{r}" for r in mine)) if mine else 0,
            Formula("=" + "+".join(f"Detail!N{r}" for r in mine)) if mine else 0,
        ]
        if not lay.college:
            row += [
                Formula(f'=IF(F{{r}}>{lay.threshold},"Yes","No")'),
                # rounded to the penny: a subtraction of money prints 0.0000000001 off
                Formula(f"=ROUND(MAX(0,F{{r}}-{lay.threshold}),2)"),
            ]
        rows.append(row)
    return cols, rows, "B2"


def _area_table(lay: _Layout) -> tuple[list[_Col], list[list[Any]], str]:
    learner = lay.learner
    cols = [
        _Col("Area of need", 34),
        _Col("Interventions", 14, "int", total=True),
        _Col(f"{learner}s receiving", 16, "int"),
        _Col(f"{learner}s’ shares", 16, "money", total=True),
        _Col(f"{lay.map.setting_word}’s spend", 16, "money", total=True),
    ]
    runs, detail = lay.inputs_last, lay.detail_last
    rows: list[list[Any]] = [
        [
            s.label,
            _count_where([("Interventions!A", "A{r}")], runs, _rows("Interventions", "V", runs)),
            _count_where([("Detail!C", "A{r}")], detail, _rows("Detail", "S", detail)),
            _count_where([("Detail!C", "A{r}")], detail, _rows("Detail", "N", detail)),
            _count_where([("Interventions!A", "A{r}")], runs, _rows("Interventions", "P", runs)),
        ]
        for s in lay.map.by_area
    ]
    return cols, rows, "B2"


def _year_table(lay: _Layout) -> tuple[list[_Col], list[list[Any]], str]:
    learner = lay.learner
    cols = [
        _Col("Year group", 16),
        _Col(f"{learner}s", 10, "int", total=True),
        _Col("Interventions", 14, "int"),
    ]
    if not lay.college:
        cols.append(_Col(f"{learner}s above the threshold", 18, "int", total=True))
    cols.append(_Col(f"{learner}s’ shares", 16, "money", total=True))
    pupils, detail = lay.pupils_last, lay.detail_last
    sheet = lay.pupils_sheet
    rows: list[list[Any]] = []
    for s in lay.map.by_year_group:
        row: list[Any] = [
            s.label,
            _count_where([(f"{sheet}!B", "A{r}")], lay.pupils_last),
            _count_where([("Detail!B", "A{r}")], detail, _rows("Detail", "T", detail)),
        ]
        if not lay.college:
            row.append(_count_where([(f"{sheet}!B", "A{r}"), (f"{sheet}!G", '"Yes"')], pupils))
        row.append(_count_where([(f"{sheet}!B", "A{r}")], pupils, _rows(sheet, "F", pupils)))
        rows.append(row)
    return cols, rows, "B2"


def _detail_table(lay: _Layout) -> tuple[list[_Col], list[list[Any]], str]:
    learner = lay.learner
    cols = [
        _Col(learner, 24),  # A
        _Col("Year group", 11),  # B
        _Col("Area of need", 26),  # C
        _Col("Intervention", 30),  # D
        _Col("Delivered by", 20),  # E
        _Col("Group size", 8, "int"),  # F
        _Col("Adults per group", 8, "int"),  # G
        _Col("Sessions a week", 9, "number"),  # H
        _Col("Minutes a session", 9, "int"),  # I
        _Col("Weeks it runs", 8, "general"),  # J
        _Col("Hours", 9, "hours"),  # K = H×I×J÷60
        _Col("Hourly cost", 10, "money"),  # L
        _Col("Resources", 11, "money"),  # M
        _Col(f"{learner}’s share", 13, "money", total=True),  # N = K×L×G÷F + M
        _Col("From", 11, "date"),  # O (this pupil's own dates)
        _Col("To", 11, "date"),  # P
        _Col("Time a week (h:mm)", 10, "duration"),  # Q = H×I÷1440 if it adds time and runs
        _Col("Group ref", 8),  # R (the Inputs row it is taught on)
        _Col(
            f"First of this {learner.lower()}’s lines in this area (1 = counted)",
            12,
            "int",
            hidden=True,
        ),  # S
        _Col(
            "First of this intervention in this year group (1 = counted)", 12, "int", hidden=True
        ),  # T
    ]
    key = "$R{r}"
    rows = []
    for _, e in lay.detail:
        pr = e.provision
        rows.append(
            [
                e.pupil,
                e.year_label,
                Formula("=" + _look("B", key, "text"), pr.area.label),
                Formula("=" + _look("C", key, "text"), pr.intervention),
                Formula("=" + _look("D", key, "text"), pr.delivered_by),
                Formula("=" + _look("E", key)),
                Formula("=" + _look("F", key)),
                Formula("=" + _look("G", key)),
                Formula("=" + _look("H", key)),
                Formula("=" + _look("I", key)),
                Formula("=H{r}*I{r}*J{r}/60"),
                Formula("=" + _look("J", key)),
                Formula("=" + _look("K", key)),
                Formula("=ROUND(K{r}*L{r}*G{r}/F{r},2)+ROUND(M{r},2)"),
                *_span([e]),
                # as the Word maps: a line in lessons with no staff cost (Inputs "Adds
                # time" 0) or with no weeks in the period adds no time a week
                Formula(f"=IF(AND(J{{r}}>0,{_look('L', key)}=1),H{{r}}*I{{r}}/1440,0)"),
                lay.ref(e),
                _first_of("ABC"),
                _first_of("BCD"),
            ]
        )
    return cols, rows, "B2"


def _resources_only(run: GroupRun) -> bool:
    """A line with no staff time that adds none (a resource used in lessons): both Word
    maps say "No staff time: resources only", and the workbook types no weeks for it."""
    return resources_only(run.costed)


def _span(entries: list[PupilProvision]) -> list[Any]:
    """From and To of the dates costed, when every entry shares them (else "dates
    differ"); blank for a line with no staff time, which is not said to run to the
    year's end (s19: Maya's time-out card)."""
    if not any(e.provision.hourly_cost for e in entries):
        return ["", ""]  # no staff time: its cost is its resources, whatever the dates
    spans = {(e.costed.weeks.start, e.costed.weeks.end) for e in entries}
    if len(spans) != 1:
        return ["dates differ", "dates differ"]
    start, end = spans.pop()
    return [start, end] if start and end else ["", ""]


def _cell_value(value: Any) -> Any:
    """Numbers as numbers: openpyxl stores Decimal as float, exact to the penny here."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _write_table(
    ws: Any,
    cols: list[_Col],
    rows: list[list[Any]],
    freeze: str,
    school: str,
    *,
    total: bool = True,
) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    header_font = Font(name="Calibri", bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor=NAVY)
    wrap = Alignment(wrap_text=True, vertical="top")
    formats = {
        "money": MONEY_FORMAT,
        "hours": HOURS_FORMAT,
        "int": "0",
        "number": "0.##",
        "duration": DURATION_FORMAT,
        "date": DATE_FORMAT,
        "general": "General",  # 38, 37.6: no trailing point, no rounding
    }
    for c, col in enumerate(cols, start=1):
        cell = ws.cell(row=1, column=c)
        set_text_cell(cell, col.title)
        cell.font = header_font
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(c)].width = col.width
        ws.column_dimensions[get_column_letter(c)].hidden = col.hidden
    ws.row_dimensions[1].height = _row_height(cols, [c.title for c in cols], bold=True)
    for r, row in enumerate(rows, start=2):
        ws.row_dimensions[r].height = _row_height(cols, row)
        for c, (col, value) in enumerate(zip(cols, row, strict=True), start=1):
            cell = ws.cell(row=r, column=c)
            if isinstance(value, str):
                set_text_cell(cell, value)
            elif isinstance(value, Formula):
                cell.value = value.at(r)
            else:
                cell.value = _cell_value(value)
            cell.alignment = wrap
            if col.kind in formats and not isinstance(value, str):
                cell.number_format = formats[col.kind]
            if col.fill:
                cell.fill = PatternFill("solid", fgColor=INPUT_FILL)
    total_row = len(rows) + 2
    if not total:
        _finish_table(ws, cols, rows, freeze, school, total_row)
        return
    label = ws.cell(row=total_row, column=1)
    set_text_cell(label, "Total")
    label.font = Font(name="Calibri", bold=True)
    for c, col in enumerate(cols, start=1):
        cell = ws.cell(row=total_row, column=c)
        cell.border = Border(top=Side(style="medium", color=NAVY))
        if col.total:
            letter = get_column_letter(c)
            cell.value = f"=SUM({letter}2:{letter}{total_row - 1})" if rows else 0
            cell.font = Font(name="Calibri", bold=True)
            cell.number_format = formats.get(col.kind, "General")
    _finish_table(ws, cols, rows, freeze, school, total_row)


def _finish_table(
    ws: Any, cols: list[_Col], rows: list[list[Any]], freeze: str, school: str, total_row: int
) -> None:
    """Row rules, frozen header, filter, landscape print setup, header and footer."""
    from openpyxl.styles import Border, Side
    from openpyxl.utils import get_column_letter

    thin = Side(style="thin", color="9FB0C5")
    for r in range(2, total_row):
        for c in range(1, len(cols) + 1):
            ws.cell(row=r, column=c).border = Border(bottom=thin)
    ws.freeze_panes = freeze
    if rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{total_row - 1}"
    ws.print_options.gridLines = False
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    # a wide sheet (Interventions, Detail, Inputs) prints two pages wide, its name columns
    # on both, so it stays readable: one page wide shrank Interventions to 5 pt (s20 read)
    ws.page_setup.fitToWidth = 2 if sum(c.width for c in cols if not c.hidden) > 160 else 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    _header_footer(ws, school)


def _header_footer(ws: Any, school: str) -> None:
    """Every printed page: "Confidential", the school's name, the sheet, page x of y."""
    name = school.replace("&", "&&")  # & starts a header code
    ws.oddHeader.left.text = "Confidential"
    ws.oddHeader.left.font = "Calibri,Bold"
    ws.oddHeader.center.text = name
    ws.oddHeader.right.text = "&A"
    ws.oddFooter.left.text = "Provision map \u00b7 Confidential"
    ws.oddFooter.right.text = "Page &P of &N"


def _row_height(cols: list[_Col], values: list[Any], bold: bool = False) -> float:
    """Height for wrapped text: LibreOffice does not grow rows of a file it did not write."""
    lines = 1
    for col, value in zip(cols, values, strict=True):
        if col.hidden:  # not shown, so it does not make the row taller
            continue
        if isinstance(value, Formula):
            value = value.shown
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


def _write_notes(ws: Any, lay: _Layout, date: dt.date) -> None:
    from openpyxl.styles import Alignment, Font

    from sendocs.formatting import format_date

    m = lay.map
    learner = lay.learner.lower()
    setting = m.setting_word.lower()
    total = len(m.runs) + 2
    money = '"[$£-809]#,##0.00"'
    year, days = (
        ("academic year", "college days") if lay.college else ("school year", "school days")
    )
    lines: list[tuple[str | Formula, bool]] = [
        (f"Provision map: {m.school_name}", True),
        (f"Made on {format_date(date, 'long')}.", False),
        ("", False),
        ("Where to type", True),
        (
            "Type figures only on the Inputs sheet, in its yellow cells: one row per group "
            "(group size, adults, sessions, minutes, weeks, hourly cost, resources, and "
            "whether it adds time)"
            + ("" if lay.college else ", and the threshold below the groups")
            + ". The weeks are typed, not worked out from the From and To dates beside them "
            "(those say which dates the weeks were counted over, for information). "
            f"Adds time is 1 for a line that gives the {learner} an adult’s time, 0 for one "
            "in lessons with no staff cost: only lines with 1 and some weeks count in the "
            f"{learner}’s time a week, as in the Word version of this map. Every other sheet works "
            "from them by formula, so a change there moves every "
            "cost, count and total in the workbook. Each Detail row names the group its "
            f"{learner} is taught in (Group ref): change it to move the {learner} to another "
            "group. Hidden helper columns on Interventions and Detail count each intervention "
            f"and {learner} once.",
            False,
        ),
        ("", False),
        (f"Costed for {m.period_label()}.", True),
        (
            f"Every {learner} is costed over those dates: each provision over the term-time "
            "weeks it runs in that time (its own start and end dates, or its planned weeks "
            f"from its start; provision with no dates runs all the {year}), in term-time "
            f"weeks of {days} ÷ 5 (190 days are 38 weeks; a week cut short counts in "
            f"part), and never after a {learner}’s leaving date"
            + (
                ""
                if not m.has_year_11
                else " (for Year 11, the school leaving date, the last Friday in June, unless "
                "a pupil’s record gives a different leaving date)"
            )
            + ". Hours = sessions a week × minutes a session × weeks ÷ 60; the cost of a group "
            "= hours × hourly cost × adults. A line with no staff time is costed as its "
            "resources only: its weeks (and so its hours) are 0 and its From and To are left "
            "blank.",
            False,
        ),
        (
            f"Two figures, and which is which: a {learner}’s share is the cost of a group ÷ "
            f"the group size, plus that {learner}’s resources"
            + ("" if lay.college else " (set against the threshold below)")
            + f"; the {setting}’s spend is the groups actually run × the cost of a group, plus "
            f"resources: a group is paid for in full, however many of its places the "
            f"{learner}s in this workbook fill"
            + (
                f" (six {learner}s in groups of four need two groups, so the {setting} pays "
                "for eight places)"
                if m.shared_groups
                else ""
            )
            + ". The totals are on the Interventions sheet’s Total row.",
            False,
        ),
        (
            Formula(
                f'="Total {setting}’s spend: "&TEXT(Interventions!P{total},{money})'
                f'&"; total of {learner}s’ shares: "&TEXT(Interventions!Q{total},{money})&"."',
                "x" * 80,
            ),
            False,
        ),
        (ROUNDING_NOTE, False),
        ("", False),
    ]
    if not lay.college:  # the threshold is for schools (domain brief §2); a college gets costs
        lines.append((flag_explanation(m.budget), False))
        lines.append(
            (
                Formula(
                    f'="Pupils whose costed provision is above the threshold of "'
                    f'&TEXT({lay.threshold},"[$£-809]#,##0")&" a year: "'
                    f'&IF(COUNTIF(Pupils!G:G,"Yes")=0,"none.",COUNTIF(Pupils!G:G,"Yes")'
                    '&" (Yes in the Pupils sheet’s column G).")',
                    "x" * 80,
                ),
                True,
            )
        )
    if m.top_ups:  # the case's own record, as the Word map gives it (review s20)
        lines.append(("", False))
        lines.append(("Top-up funding already agreed", True))
        lines.append((TOP_UP_NOTE[:1].upper() + TOP_UP_NOTE[1:] + ".", False))
        lines += [(top_up_line(p), False) for p in m.top_ups]
    described = [
        (e, resources_described(e.costed, DEFAULT_LOCALE))
        for _, run in m.runs
        for e in run.entries
        if resources_described(e.costed, DEFAULT_LOCALE)
    ]
    if described:  # an amount in the Resources column says what it buys
        lines.append(("", False))
        lines.append(("What the resources are", True))
        lines += [
            (f"{e.pupil} ({e.year_label}), {e.provision.intervention}: {text}", False)
            for e, text in described
        ]
    if m.not_started:  # as the Word map lists them: asked for, so never silently left out
        lines.append(("", False))
        lines.append(
            ("Asked for, not started \u2014 not costed, not counted as an intervention", True)
        )
        lines += [(not_started_line(e), False) for e in m.not_started]
    if m.class_teaching:
        lines.append(("", False))
        lines.append(
            ("Part of ordinary class teaching — not costed, not counted as extra time", True)
        )
        lines += [
            (
                f"{e.pupil} ({e.year_label}): {e.provision.intervention} "
                f"({e.provision.delivered_by}, {e.provision.group_label or 'in class'})",
                False,
            )
            for e in m.class_teaching
        ]
    if m.left_out:
        lines.append(("", False))
        lines.append((f"Left out ({plural(len(m.left_out), 'input')} could not be read):", True))
        lines += [(str(p), False) for p in m.left_out]
    ws.column_dimensions["A"].width = 125
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    for r, (text, bold) in enumerate(lines, start=1):
        cell = ws.cell(row=r, column=1)
        if isinstance(text, Formula):
            cell.value = text.text
        else:
            set_text_cell(cell, text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.font = Font(name="Calibri", bold=bold, size=13 if r == 1 else 11)
        chars = len(text.shown) if isinstance(text, Formula) else len(text)
        ws.row_dimensions[r].height = 15.0 * max(1, -(-chars // 115)) + 2

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
from sendocs.files import atomic_output, check_can_write
from sendocs.formatting import format_money, plural
from sendocs.school_map.aggregate import flag_explanation
from sendocs.school_map.model import PupilProvision, SchoolProvisionMap
from sendocs.spreadsheet_cells import cell_text, set_text_cell

__all__ = ["HOURS_FORMAT", "MONEY_FORMAT", "NAVY", "write_school_map_xlsx"]

MONEY_FORMAT = '"£"#,##0.00'
HOURS_FORMAT = "0.0"
DURATION_FORMAT = "[h]:mm"
"""Time as hours and minutes (a cell holding a fraction of a day), so 3 h 50 min reads
3:50, not 3.8."""
DATE_FORMAT = "d mmm yyyy"
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
        _write_table(ws, columns, rows, freeze, school_map.school_name)
    notes = wb.create_sheet("Notes")
    _write_notes(notes, school_map, date or dt.date.today())
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
    formula-injection guard on text cells stays whole.
    """

    text: str

    def at(self, row: int) -> str:
        return self.text.replace("{r}", str(row))


def _stamp(wb: Any, m: SchoolProvisionMap, date: dt.date) -> None:
    """Provenance as the workbook's custom properties (:mod:`sendocs.provenance`); a
    workbook has no template, so its template SHA-256 is left empty."""
    from openpyxl.packaging.custom import StringProperty

    from sendocs.school_map.docx_writer import map_provenance

    for name, value in map_provenance(m, date, "").as_strings().items():
        wb.custom_doc_props.append(StringProperty(name=name, value=value or "none"))


def _interventions_table(m: SchoolProvisionMap) -> tuple[list[_Col], list[list[Any]], str]:
    """One row per group run: the inputs, then every cost as a formula over them."""
    cols = [
        _Col("Area of need", 24),  # A
        _Col("Intervention", 30),  # B
        _Col("Delivered by", 20),  # C
        _Col("Group size", 8, "int"),  # D
        _Col("Adults per group", 8, "int"),  # E
        _Col("Sessions a week", 9, "number"),  # F
        _Col("Minutes a session", 9, "int"),  # G
        _Col("Weeks it runs", 8, "general"),  # H (school days ÷ 5: 37.6)
        _Col("Hours per group", 9, "hours"),  # I = F×G×H÷60
        _Col("Hourly cost", 10, "money"),  # J
        _Col("Cost of a group", 12, "money"),  # K = I×J×E
        _Col("Resources per pupil", 11, "money"),  # L
        _Col("Pupil's share", 12, "money"),  # M = I×J×E÷D + L
        _Col("Places", 8, "int", total=True),  # N (pupils in this run; a sum of places)
        _Col("Groups run", 8, "int", total=True),  # O = ⌈N÷D⌉
        _Col("School's spend", 13, "money", total=True),  # P = O×K + N×L
        _Col("Pupils' shares", 13, "money", total=True),  # Q = N×M
        _Col("Pupil names", 36),  # R
        _Col("From", 11, "date"),  # S
        _Col("To", 11, "date"),  # T
    ]
    rows = []
    for line, run in m.runs:
        p = run.provision
        rows.append(
            [
                line.area.label,
                line.intervention,
                p.delivered_by,
                p.group_size,
                p.staff_per_group,
                p.sessions_per_week,
                p.minutes_per_session,
                run.costed.weeks.weeks,
                Formula("=F{r}*G{r}*H{r}/60"),
                p.hourly_cost,
                Formula("=ROUND(I{r}*J{r}*E{r},2)"),
                p.other_costs if run.costed.weeks.weeks else 0,
                Formula("=ROUND(I{r}*J{r}*E{r}/D{r},2)+ROUND(L{r},2)"),
                run.pupil_count,
                Formula("=IF(N{r}=0,0,ROUNDUP(N{r}/D{r},0))"),
                Formula("=O{r}*K{r}+N{r}*ROUND(L{r},2)"),
                Formula("=N{r}*M{r}"),
                ", ".join(f"{e.pupil} ({e.year_label.replace('Year ', 'Y')})" for e in run.entries),
                *_span(run.entries),
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


def _pupils_table(m: SchoolProvisionMap) -> tuple[list[_Col], list[list[Any]], str]:
    amount = format_money(m.budget).removesuffix(".00")
    budget = f"{m.budget.normalize():f}"  # a plain number inside a formula
    cols = [
        _Col("Pupil", 26),  # A
        _Col("Year group", 11),  # B
        _Col("Primary area of need", 30),  # C
        _Col("Interventions", 14, "int"),  # D
        _Col("Time a week (h:mm)", 12, "duration"),  # E
        _Col("Total of the pupil's shares", 14, "money", total=True),  # F = the Detail lines
        _Col(f"Above {amount}?", 12),  # G
        _Col(f"Amount above {amount}", 16, "money", total=True),  # H
    ]
    detail = _detail_rows(m)
    rows = []
    for p in m.pupils:
        cells = [f"Detail!N{r}" for r, e in detail if e.source == p.source]
        rows.append(
            [
                p.pupil,
                p.year_label,
                p.primary_area,
                Formula("=COUNTIFS(Detail!A:A,A{r},Detail!B:B,B{r})"),
                p.weekly_minutes / 1440,
                Formula("=" + "+".join(cells)) if cells else 0,
                Formula(f'=IF(F{{r}}>{budget},"Yes","No")'),
                Formula(f"=MAX(0,F{{r}}-{budget})"),
            ]
        )
    return cols, rows, "B2"


def _area_table(m: SchoolProvisionMap) -> tuple[list[_Col], list[list[Any]], str]:
    cols = [
        _Col("Area of need", 34),
        _Col("Interventions", 14, "int", total=True),
        _Col("Pupils receiving", 16, "int"),
        _Col("Pupils' shares", 16, "money", total=True),
        _Col("School's spend", 16, "money", total=True),
    ]
    rows: list[list[Any]] = [
        [
            s.label,
            s.interventions,
            s.pupils,
            Formula("=SUMIF(Detail!C:C,A{r},Detail!N:N)"),
            Formula("=SUMIF(Interventions!A:A,A{r},Interventions!P:P)"),
        ]
        for s in m.by_area
    ]
    return cols, rows, "B2"


def _year_table(m: SchoolProvisionMap) -> tuple[list[_Col], list[list[Any]], str]:
    amount = format_money(m.budget).removesuffix(".00")
    cols = [
        _Col("Year group", 16),
        _Col("Pupils", 10, "int", total=True),
        _Col("Interventions", 14, "int"),
        _Col(f"Pupils above {amount}", 18, "int", total=True),
        _Col("Pupils' shares", 16, "money", total=True),
    ]
    rows: list[list[Any]] = [
        [
            s.label,
            Formula("=COUNTIF(Pupils!B:B,A{r})"),
            s.interventions,
            Formula('=COUNTIFS(Pupils!B:B,A{r},Pupils!G:G,"Yes")'),
            Formula("=SUMIF(Pupils!B:B,A{r},Pupils!F:F)"),
        ]
        for s in m.by_year_group
    ]
    return cols, rows, "B2"


def _detail_table(m: SchoolProvisionMap) -> tuple[list[_Col], list[list[Any]], str]:
    cols = [
        _Col("Pupil", 24),  # A
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
        _Col("Pupil's share", 13, "money", total=True),  # N = K×L×G÷F + M
        _Col("From", 11, "date"),  # O
        _Col("To", 11, "date"),  # P
    ]
    rows = []
    for _, e in _detail_rows(m):
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
                e.weeks,
                Formula("=H{r}*I{r}*J{r}/60"),
                pr.hourly_cost,
                pr.other_costs if e.weeks else 0,
                Formula("=ROUND(K{r}*L{r}*G{r}/F{r},2)+ROUND(M{r},2)"),
                *_span([e]),
            ]
        )
    return cols, rows, "B2"


def _span(entries: list[PupilProvision]) -> list[Any]:
    """From and To of the dates costed, when every entry shares them (else blank)."""
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
    ws: Any, cols: list[_Col], rows: list[list[Any]], freeze: str, school: str
) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    header_font = Font(name="Calibri", bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor=NAVY)
    thin = Side(style="thin", color="9FB0C5")
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
    total_row = len(rows) + 2
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
    for r in range(2, total_row):
        for c in range(1, len(cols) + 1):
            ws.cell(row=r, column=c).border = Border(bottom=thin)
    ws.freeze_panes = freeze
    if rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{total_row - 1}"
    ws.print_options.gridLines = False
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    # a wide sheet (Interventions: 20 columns) prints two pages wide, so it stays readable
    ws.page_setup.fitToWidth = 2 if len(cols) > 14 else 1
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

    lines: list[tuple[str | Formula, bool]] = [
        (f"Provision map: {m.school_name}", True),
        (f"Made on {format_date(date, 'long')} by sendocs.", False),
        ("", False),
        (f"Costed for {m.period_label()}.", True),
        (
            "Every pupil is costed over those dates: each provision over the term-time weeks "
            "it runs in that time (its own start and end dates, or its planned weeks from its "
            "start; provision with no dates runs all the school year), in term-time weeks "
            "of school days ÷ 5 (190 days are 38 weeks; a week cut short counts in part), "
            "and never after a pupil's leaving date (for Year 11, "
            "the school leaving date, the last Friday in June, unless the case gives another). "
            "Hours = sessions a week × minutes a session × weeks ÷ 60; the cost of a group = "
            "hours × hourly cost × adults.",
            False,
        ),
        (
            "Two figures, and which is which: a pupil's share is the cost of a group ÷ the group "
            "size, plus that pupil's resources (set against the threshold below); the school's "
            "spend is the groups actually run × the cost of a group, plus resources (six pupils "
            "in groups of four need two groups, so the school pays for eight places). "
            "The totals are on the Interventions sheet's Total row and follow its inputs.",
            False,
        ),
        (
            Formula(
                '="Total school\'s spend: "&TEXT(Interventions!P{total},"[$£-809]#,##0.00")'
                '&"; total '
                'of pupils\' shares: "&TEXT(Interventions!Q{total},"[$£-809]#,##0.00")&"."'
            ),
            False,
        ),
        (ROUNDING_NOTE, False),
        (
            "Every cost cell is a formula over the inputs in its row (hours, hourly cost, "
            "adults, group size, weeks); change an input and the costs and totals follow.",
            False,
        ),
        ("", False),
        (flag_explanation(m.budget), False),
    ]
    if m.flagged:
        lines.append(("", False))
        amount = format_money(m.budget).removesuffix(".00")
        lines.append((f"Pupils whose costed provision is above the {amount} threshold:", True))
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
    ws.column_dimensions["A"].width = 125
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    for r, (text, bold) in enumerate(lines, start=1):
        cell = ws.cell(row=r, column=1)
        if isinstance(text, Formula):
            cell.value = text.text.replace("{total}", str(len(m.runs) + 2))
        else:
            set_text_cell(cell, text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.font = Font(name="Calibri", bold=bold, size=13 if r == 1 else 11)
        chars = 80 if isinstance(text, Formula) else len(text)
        ws.row_dimensions[r].height = 15.0 * max(1, -(-chars // 115)) + 2

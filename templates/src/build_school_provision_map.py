"""Build ``templates/school_provision_map.docx``, the whole-school provision map.

Run ``python templates/src/build_school_provision_map.py`` from the repository
root after changing this file, then commit the rebuilt .docx. The context the
tags use is built by ``sendocs.school_map.docx_context``.

A provision map (SEND Code of Practice 6.76-6.77) is read by a head teacher
and governors: it opens with the totals (by area of need and by year group),
then every intervention under its area, then every pupil against the £6,000
notional SEN budget, and ends with the pupils above it and why that matters
(a funding threshold, never a legal test). Landscape A4, because the tables
are wide.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.table import Table
from docxbuilder import (
    COLOURS,
    Column,
    Para,
    R,
    bullets,
    heading,
    keep_last_row_with_total,
    loop_table,
    new_document,
    otherwise,
    paragraph,
    ptag,
    save_template,
    set_footer,
    set_header,
    tag,
    twips,
    when,
)

TEMPLATE = Path(__file__).resolve().parents[1] / "school_provision_map.docx"

MARGIN_CM = 1.6
WIDTH_CM = 29.7 - 2 * MARGIN_CM  # 26.5 cm of text


def landscape(doc: Document) -> None:
    """A4 landscape with narrower margins: the intervention table needs the width."""
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(MARGIN_CM))


def retab(doc: Document) -> None:
    """Move the header/footer tab stops (set for portrait) to the landscape width."""
    section = doc.sections[0]
    for part in (section.header, section.footer):
        for p in part.paragraphs:
            p_pr = p._p.get_or_add_pPr()
            tabs = OxmlElement("w:tabs")
            for val, pos in (
                ("clear", twips(8.5)),
                ("clear", twips(17.0)),
                ("center", twips(WIDTH_CM / 2)),
                ("right", twips(WIDTH_CM)),
            ):
                tab = OxmlElement("w:tab")
                tab.set(qn("w:val"), val)
                tab.set(qn("w:pos"), str(pos))
                tabs.append(tab)
            style = p_pr.find(qn("w:pStyle"))
            if style is not None:
                style.addnext(tabs)
            else:
                p_pr.insert(0, tabs)


def _shade(cell: object, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tc_pr.append(shd)


def total_row(table: Table, cells: Sequence[str]) -> None:
    """A shaded, bold totals row under a loop table (no tags: always shown), kept with the
    loop's last row so a page never starts with a total cut off from its rows."""
    keep_last_row_with_total(table)
    row = table.add_row()  # type: ignore[no-untyped-call]  # python-docx 1.2 leaves it untyped
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    for cell, text in zip(row.cells, cells, strict=True):
        _shade(cell, COLOURS["pale"])
        p = cell.paragraphs[0]
        p._p.get_or_add_pPr().style = "TableLabel"
        if text:
            p.add_run(text)


def right_align(table: Table, columns: Sequence[int]) -> None:
    """Numbers line up on the right, in every row including the header."""
    for row in table.rows:
        for index in columns:
            if index < len(row.cells):
                for p in row.cells[index].paragraphs:
                    if "{%tr" not in p.text:
                        jc = OxmlElement("w:jc")
                        jc.set(qn("w:val"), "right")
                        p._p.get_or_add_pPr().append(jc)


def title_block(doc: Document) -> None:
    paragraph(doc, "Provision map", "Title")
    paragraph(doc, "{{ school_name }} \u00b7 {{ document_date }}", "Subtitle")
    paragraph(
        doc,
        [
            "The additional and different provision in place for {{ pupil_count }} "
            "({{ intervention_count }}), costed for {{ period_label }}. ",
            R("The {{ setting }}’s spend: {{ school_spend|money }}", bold=True),
            " (every group run at its full cost, plus resources). ",
            R("Total of {{ learners }}’ shares: {{ total|money }}", bold=True),
            " (each {{ learner }}’s share of their groups, plus their resources)."
            "{% if not is_college %} Each {{ learner }}’s own total (in the {{ Learners }} "
            "table) is the figure set against the {{ budget_text }} a year threshold for that "
            "{{ learner }}.{% endif %}",
        ],
    )
    paragraph(
        doc,
        "Every {{ learner }} is costed over the same dates, {{ period_label }}: each line over the "
        "term-time weeks it runs in that time (its own start and end dates, or its planned "
        "weeks from its start; provision with no dates runs all the {{ year_word }}; a line "
        "with no staff time is costed as its resources only), in term-time weeks of "
        "{{ setting }} days \u00f7 5 (190 days are 38 weeks; a week cut short "
        "counts in part), and never after a {{ learner }}’s leaving date{% if has_year_11 %} "
        "(for Year 11, the school leaving date, the last Friday in June, unless a pupil’s "
        "record gives a different leaving date){% endif %}. "
        "{{ rounding_note }} Figures are estimates from the provision recorded in each "
        "{{ learner }}’s current plan (SEN support or EHC plan); check them against the "
        "{{ setting }}’s own budget before relying on them.",
        "SmallPrint",
    )
    with when(doc, "flagged_count"):
        paragraph(
            doc,
            "{{ flagged_count }} pupil{{ '' if flagged_count == 1 else 's' }} "
            "{{ 'has' if flagged_count == 1 else 'have' }} costed provision above the "
            "{{ budget_text }} threshold: see the last section.",
        )
    with when(doc, "several_schools"):
        paragraph(
            doc,
            [
                R("Note: ", bold=True),
                "these pupils are at more than one school ({{ schools|join(', ') }}). "
                "A provision map is normally made for one school.",
            ],
            "SmallPrint",
        )
    with when(doc, "left_out"):
        paragraph(
            doc,
            [
                R("Incomplete: ", bold=True),
                "{{ left_out|length }} input{{ '' if left_out|length == 1 else 's' }} could not "
                "be read and {{ 'is' if left_out|length == 1 else 'are' }} not counted:",
            ],
            "SmallPrint",
        )
        bullets(doc, "problem in left_out", "{{ problem }}")


def summary(doc: Document) -> None:
    heading(doc, "Summary")
    heading(doc, "By area of need", 2)
    table = loop_table(
        doc,
        "row in by_area",
        [
            Column("Area of need", 9.5, "{{ row.label }}"),
            Column("Interventions", 3.5, "{{ row.interventions }}"),
            Column("{{ Learners }} receiving", 4.0, "{{ row.pupils }}"),
            Column("{{ Learners }}’ shares", 4.5, "{{ row.total|money }}"),
            Column("{{ Setting }}’s spend", 4.5, "{{ row.spend|money }}"),
        ],
    )
    total_row(
        table, ["Whole {{ setting }}", "", "", "{{ total|money }}", "{{ school_spend|money }}"]
    )
    right_align(table, [1, 2, 3, 4])
    heading(doc, "By year group", 2)
    with when(doc, "not is_college"):
        table = loop_table(
            doc,
            "row in by_year",
            [
                Column("Year group", 7.0, "{{ row.label }}"),
                Column("Pupils", 4.0, "{{ row.pupils }}"),
                Column("Interventions", 4.0, "{{ row.interventions }}"),
                Column("Pupils above {{ budget_text }}", 5.0, "{{ row.flagged }}"),
                Column("Pupils’ shares", 6.5, "{{ row.total|money }}"),
            ],
        )
        total_row(
            table,
            ["Whole school", "{{ pupils|length }}", "", "{{ flagged_count }}", "{{ total|money }}"],
        )
        right_align(table, [1, 2, 3, 4])
        otherwise(doc)
        table = loop_table(
            doc,
            "row in by_year",
            [
                Column("Year group", 7.0, "{{ row.label }}"),
                Column("Students", 5.0, "{{ row.pupils }}"),
                Column("Interventions", 5.0, "{{ row.interventions }}"),
                Column("Students’ shares", 9.5, "{{ row.total|money }}"),
            ],
        )
        total_row(table, ["Whole college", "{{ pupils|length }}", "", "{{ total|money }}"])
        right_align(table, [1, 2, 3])


def interventions(doc: Document) -> None:
    heading(doc, "Interventions by area of need")
    paragraph(
        doc,
        "Each line is costed over the weeks it runs in {{ period_name }}. Staff cost of a "
        "group = hours (sessions \u00d7 "
        "minutes \u00d7 weeks) \u00d7 hourly cost \u00d7 adults. Share per {{ learner }} = "
        "staff cost of a group \u00f7 group size, plus that {{ learner }}’s resources. "
        "{{ Setting }}’s spend = groups run \u00d7 staff cost of a group, plus every "
        "{{ learner }}’s resources: a group is paid for in full, however many of its places "
        "the {{ learners }} in this map fill{% if shared_groups %} (six {{ learners }} in "
        "groups of four need two groups){% endif %}.",
        "SmallPrint",
        keep_with_next=True,
    )
    ptag(doc, "for a in areas")
    paragraph(
        doc,
        "{{ a.area }}: {{ setting }}’s spend {{ a.spend|money }}",
        "Heading2",
        keep_with_next=True,
    )
    table = loop_table(
        doc,
        "row in a.rows",
        [
            # widths: no word breaks inside a cell ("Individual arrangement" needs 2.5 cm)
            Column("Intervention", 3.9, R("{{ row.intervention }}", bold=True)),
            Column("{{ Learners }}", 3.6, [Para("{{ row.pupils|join(', ') }}")]),
            Column("Delivered by", 2.6, "{{ row.staff }}"),
            Column("Group", 2.5, "{{ row.group }}"),
            Column("Sessions", 3.7, [Para("{{ row.frequency }}"), Para("{{ row.weeks }}")]),
            Column("Staff cost of a group", 1.9, "{{ row.group_cost }}"),
            Column(
                "Resources per {{ learner }}",
                1.9,
                [
                    Para("{{ row.resources }}"),
                    # what the amount buys, from the case (s19: amounts were not described)
                    tag("if row.resources_note"),
                    Para(R("{{ row.resources_note }}", italic=True)),
                    tag("endif"),
                ],
            ),
            Column("Share per {{ learner }}", 1.9, "{{ row.cost_per_pupil }}"),
            Column("Groups run", 2.3, "{{ row.groups_run }}"),
            Column("{{ Setting }}’s spend", 2.2, "{{ row.spend|money }}"),
        ],
    )
    total_row(table, ["Total", "", "", "", "", "", "", "", "", "{{ a.spend|money }}"])
    right_align(table, [5, 6, 7, 8, 9])
    ptag(doc, "endfor")
    with when(doc, "not_started"):
        paragraph(
            doc,
            "Asked for, not started \u2014 not costed, not counted as an intervention",
            "Heading2",
            keep_with_next=True,
        )
        bullets(doc, "line in not_started", "{{ line }}")
    class_teaching(doc)


def class_teaching(doc: Document) -> None:
    """Support that is part of ordinary class teaching, apart from the costed lines: no
    cost, no extra time, not counted as an intervention (SEND Code 6.76)."""
    with when(doc, "class_teaching"):
        paragraph(
            doc,
            "Part of ordinary class teaching \u2014 not costed, not counted as extra time",
            "Heading2",
            keep_with_next=True,
        )
        paragraph(
            doc,
            "How these {{ learners }}’ classes are taught, adapted for them, at no extra cost: "
            "not in the costs, the interventions counted or the time a week.",
            "SmallPrint",
            keep_with_next=True,
        )
        table = loop_table(
            doc,
            "row in class_teaching",
            [
                Column("{{ Learner }}", 5.0, "{{ row.pupil }}"),
                Column("What the class teacher does", 7.5, R("{{ row.intervention }}", bold=True)),
                Column("Area of need", 4.2, "{{ row.area }}"),
                Column("Who", 3.6, "{{ row.staff }}"),
                Column("With", 2.2, "{{ row.group }}"),
                Column("How often", 4.0, "{{ row.frequency }}"),
            ],
        )
        for p in table.rows[0]._tr.iter(qn("w:p")):
            p.get_or_add_pPr().keepNext_val = True  # the header starts with a row


def pupils(doc: Document) -> None:
    heading(doc, "{{ Learners }}")
    with when(doc, "not is_college"):
        table = loop_table(
            doc,
            "p in pupils",
            [
                Column("Pupil", 5.6, R("{{ p.name }}", bold=True)),
                Column("Year group", 2.6, "{{ p.year }}"),
                Column("Primary area of need", 5.4, "{{ p.primary_area }}"),
                Column("Interventions", 2.6, "{{ p.interventions }}"),
                Column("Time a week", 3.8, "{{ p.weekly_time }}"),
                Column("Pupil’s shares", 3.0, "{{ p.total|money }}"),
                Column(
                    "Above {{ budget_text }}",
                    3.5,
                    "{{ ('Yes, by ' ~ (p.above_budget|money)) if p.over_budget else 'No' }}",
                ),
            ],
        )
        total_row(table, ["Whole school", "", "", "", "", "{{ total|money }}", ""])
        right_align(table, [3, 5])
        # the total keeps with the threshold section after it: a short section ("No
        # pupil’s costed provision is above …") never sits alone on a last page
        for p in table.rows[-1]._tr.iter(qn("w:p")):
            p.get_or_add_pPr().keepNext_val = True
        otherwise(doc)
        table = loop_table(
            doc,
            "p in pupils",
            [
                Column("Student", 6.6, R("{{ p.name }}", bold=True)),
                Column("Year group", 3.1, "{{ p.year }}"),
                Column("Primary area of need", 6.4, "{{ p.primary_area }}"),
                Column("Interventions", 3.1, "{{ p.interventions }}"),
                Column("Time a week", 3.8, "{{ p.weekly_time }}"),
                Column("Student’s shares", 3.5, "{{ p.total|money }}"),
            ],
        )
        total_row(table, ["Whole college", "", "", "", "", "{{ total|money }}"])
        right_align(table, [3, 5])


def flagged(doc: Document) -> None:
    """The pupils above the threshold and why it matters: one block, kept on one page, so
    the list is never parted from the explanation (nor a heading left at a page foot)."""
    start = len(doc.element.body)
    with when(doc, "not is_college"):
        heading(doc, "Pupils above the {{ budget_text }} threshold")
        with when(doc, "flagged"):
            paragraph(
                doc,
                "These pupils\u2019 costed provision is above {{ budget_text }} a year; the "
                "school may ask the local authority for high-needs top-up funding (element 3). "
                "Top-up the local authority has already agreed is given beside the pupil:",
            )
            bullets(
                doc,
                "p in flagged",
                [
                    R("{{ p.name }}", bold=True),
                    " ({{ p.year }}{{ ', EHC plan' if p.ehc_plan else '' }}): "
                    "{{ p.total|money }}, {{ p.above_budget|money }} above {{ budget_text }}"
                    "{% if p.top_up %}; {{ p.top_up }}{% endif %}",
                ],
            )
            otherwise(doc)
            paragraph(doc, "No pupil’s costed provision is above {{ budget_text }} a year.")
        # top-up the case records for a pupil below the threshold: said too (review s20;
        # the workbook's Notes give the same lines)
        with when(doc, "top_up_below"):
            paragraph(
                doc,
                "Top-up funding already agreed for pupils below the threshold ({{ top_up_note }}):",
            )
            bullets(doc, "line in top_up_below", "{{ line }}")
        paragraph(doc, "{{ flag_explanation }}", "Voice")
    # every paragraph of the block keeps with the next but the explanation (and the
    # block's closing tag): the document ends there, with no note after it (the map is
    # the school's; what made it is in its properties, not its text)
    for p in list(doc.element.body)[start:-3]:
        if p.tag == qn("w:p"):
            p.get_or_add_pPr().keepNext_val = True


def build(target: Path = TEMPLATE) -> int:
    doc = new_document(
        title="Provision map",
        subject="Whole-school provision map (SEND Code of Practice 6.76-6.77)",
        keywords="SEN, provision map, notional SEN budget",
    )
    landscape(doc)
    set_header(
        doc, "Provision map \u00b7 {{ school_name }}", "Confidential: {{ learners }}’ personal data"
    )
    set_footer(doc, "{{ document_date }}", "Costs for {{ period_name }}")
    retab(doc)
    title_block(doc)
    summary(doc)
    interventions(doc)
    pupils(doc)
    flagged(doc)
    # python-docx's blank document ends with an empty paragraph before sectPr: keep it small
    return save_template(doc, target)


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATE
    size = build(out)
    sys.stdout.write(f"wrote {out} ({size:,} bytes)\n")

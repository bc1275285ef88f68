"""Build ``templates/provision_map.docx``, one pupil's costed provision map (``provision-map``).

Run ``python templates/src/build_provision_map.py`` from the repository root
after changing this file, then commit the rebuilt .docx. The context is built
by ``sendocs/documents/provision_map.py`` (docs/templates.md).

A provision map shows the provision that is additional to and different from
the usual curriculum (SEND Code of Practice 6.76-6.77). Local authorities
often want it costed, per pupil per year, to set against the £6,000 notional
SEN budget (element 2, Code 6.95-6.99). Landscape A4, so the nine costing
columns fit: one table, a heading row per broad area of need with its
subtotal, a grand total, then the totals box and the costing rule.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from docx.document import Document
from docx.oxml.ns import qn
from docx.table import Table
from docxbuilder import (
    COLOURS,
    LANDSCAPE_TEXT_WIDTH_CM,
    Column,
    Detail,
    Para,
    R,
    Span,
    details_table,
    grouped_table,
    heading,
    keep_header_with_first_row,
    keep_on_last,
    loop_table,
    new_document,
    otherwise,
    paragraph,
    save_template,
    set_footer,
    set_header,
    tag,
    when,
)

TEMPLATE = Path(__file__).resolve().parents[1] / "provision_map.docx"

WIDTH = LANDSCAPE_TEXT_WIDTH_CM  # 25.7 cm


def title_block(doc: Document) -> None:
    paragraph(doc, "Provision map", "Title")
    paragraph(doc, "{{ pupil_name }} \u00b7 {{ school.name }}", "Subtitle")
    details_table(
        doc,
        [
            (
                Detail("{{ pupil_word }}", "{{ pupil_name }}"),
                Detail("Year group", "{{ child.year_label }}"),
            ),
            (
                Detail("{{ setting_word }}", "{{ school.name }}"),
                Detail("{{ staff_role }}", "{{ school.senco.name }}"),
            ),
            (
                Detail("Plan period", "{{ plan_start }} to {{ review_date }} (review)"),
                Detail("Prepared on", "{{ document_date }}"),
            ),
        ],
        label_width_cm=3.2,
        width_cm=WIDTH,
    )
    paragraph(doc, "", "Address")
    with when(doc, "ehc_text"):
        paragraph(doc, "{{ ehc_text }}")


OUTCOME_COLUMNS = [
    Column("No.", 1.0, "{{ o.number }}"),
    Column(
        "Outcome",
        8.7,
        [
            Para("{{ o.outcome }}"),
            tag("if o.ehc_outcome"),
            Para(R("Step towards {{ o.ehc_outcome }} of the EHC plan", italic=True)),
            tag("endif"),
        ],
    ),
    Column("Baseline", 5.5, "{{ o.baseline }}"),
    Column("Success criteria", 6.5, "{{ o.success_criteria }}"),
    Column("Target date", 4.0, "{{ o.target_date }}"),
]


def outcomes(doc: Document) -> None:
    """The outcomes the provision serves, so "Serves outcome 1, 2" can be read."""
    with when(doc, "outcomes"):
        heading(doc, "Outcomes the provision serves")
        keep_header_with_first_row(loop_table(doc, "o in outcomes", OUTCOME_COLUMNS))


# Widths: a word never breaks inside a cell ("Individual arrangement" needs 2.4 cm), and
# the outcome served sits under the intervention so the dates get one line each.
PROVISION_COLUMNS = [
    Column(
        "Intervention",
        4.4,
        [
            Para(R("{{ row.intervention }}", bold=True)),
            tag("if row.description"),
            Para("{{ row.description }}"),
            tag("endif"),
            tag("if row.outcomes"),
            Para(R("{{ row.serves_text }}", italic=True)),
            tag("endif"),
        ],
    ),
    Column("Who", 2.1, "{{ row.who }}"),
    Column("Group", 2.4, "{{ row.group }}"),
    Column("How often", 2.5, "{{ row.frequency }}"),
    Column(
        "Dates costed",
        4.2,
        [
            Para("{{ row.dates }}"),
            # no weeks for a line not started or with no staff time: no empty line either
            tag("if row.weeks_count"),
            Para(R("{{ row.weeks_count }}", bold=True)),
            tag("endif"),
            # a schedule in place of sessions: the time its cost stands for (here, in the
            # wider column, so the row is no taller than its schedule makes it)
            tag("if row.costed_as"),
            Para(R("{{ row.costed_as }}", italic=True)),
            tag("endif"),
            tag("if row.weeks_note"),
            Para(R("{{ row.weeks_note }}", italic=True)),
            tag("endif"),
        ],
    ),
    Column("Hours", 1.7, "{{ row.hours_text }}"),
    Column("Staff cost per hour", 1.8, "{{ row.staff_cost_text }}"),
    Column(
        "Staff cost",
        2.1,
        [
            Para("{{ row.group_cost|money }}"),
            tag("if row.spend_note"),
            Para(R("{{ row.spend_note }}", italic=True)),
            tag("endif"),
        ],
    ),
    Column(
        "Resources",
        1.9,
        [
            Para("{{ row.resources|money }}"),
            # what the amount buys, from the case (s19: amounts were not described)
            tag("if row.resources_note"),
            Para(R("{{ row.resources_note }}", italic=True)),
            tag("endif"),
        ],
    ),
    Column(
        "{{ pupil_word }}\u2019s share",
        2.6,
        [
            Para(R("{{ row.pupil_share|money }}", bold=True)),
            tag("if row.share_note"),
            Para(R("{{ row.share_note }}", italic=True)),
            tag("endif"),
        ],
    ),
]

CLASS_TEACHING_COLUMNS = [
    Column(
        "What the class teacher does",
        8.0,
        [
            Para(R("{{ row.intervention }}", bold=True)),
            tag("if row.description"),
            Para("{{ row.description }}"),
            tag("endif"),
        ],
    ),
    Column("Area of need", 4.2, "{{ row.area }}"),
    Column("Who", 3.7, "{{ row.who }}"),
    Column("With", 2.6, "{{ row.group }}"),
    Column("How often", 5.2, "{{ row.frequency }}"),
    Column("Serves outcome", 2.0, "{{ row.outcomes or '\u2014' }}"),
]


def provision(doc: Document) -> None:
    heading(doc, "Provision by area of need")
    with when(doc, "areas"):
        table = grouped_table(
            doc,
            "a in areas",
            "{{ a.area }}",
            "row in a.rows",
            PROVISION_COLUMNS,
            group_footer=[
                Span(9, "Subtotal: {{ a.area|lower }} ({{ pupil_word|lower }}\u2019s share)"),
                Span(1, "{{ a.total|money }}"),
            ],
            footer=[
                Span(
                    9,
                    "Total for {{ child.known_as }}, {{ period_dates }} ({{ weekly_time }} a week)",
                ),
                Span(1, "{{ total|money }}"),
            ],
        )
        keep_areas_whole(table)
        otherwise(doc)
        paragraph(doc, "No provision is recorded for this plan yet.")
    class_teaching(doc)


def class_teaching(doc: Document) -> None:
    """Support that is part of ordinary class teaching, apart from the costed table: it
    costs nothing extra and adds no time, so it is never labelled one-to-one nor added
    to the weekly time or the cost (SEND Code 6.76: a map shows what is additional)."""
    with when(doc, "class_teaching"):
        heading(
            doc,
            "Part of ordinary class teaching \u2014 not costed, not counted as extra time",
            level=2,
        )
        paragraph(
            doc,
            "How {{ child.known_as }}\u2019s class is taught, adapted for "
            "{{ child.known_as }}, at no extra cost: it is not in the costs, the hours or "
            "the weekly time above.",
            keep_with_next=True,
        )
        keep_header_with_first_row(loop_table(doc, "row in class_teaching", CLASS_TEACHING_COLUMNS))


def keep_areas_whole(table: Table) -> None:
    """An area's last row keeps with its subtotal, and only the last area's subtotal
    keeps with the grand total: a page never starts with a subtotal or total cut off
    from its rows, and no chain of kept rows pushes a whole table to the next page.

    The table's last rows are the row template, ``{%tr endfor %}``, the subtotal,
    ``{%tr endfor %}`` and the total.
    """
    rows = table.rows
    keep_on_last(table, rows[-5]._tr)  # an area's last row keeps with its subtotal
    keep_on_last(table, rows[-3]._tr)  # the last area's subtotal keeps with the total


def totals(doc: Document) -> None:
    heading(
        doc,
        "Totals{% if not is_college %} and the notional SEN budget threshold{% endif %}",
        level=2,
    )
    table = details_table(
        doc,
        [
            Detail("Total weekly time", "{{ weekly_time }}"),
            Detail("{{ total_label }}", [Para(R("{{ total|money }}", bold=True))]),
            Detail(
                "{{ year_label }}",
                [Para(R("{{ year_total|money }}", bold=True))],
                when="not is_college",
            ),
            Detail(
                "Above the {{ budget_text }} a year threshold by",
                [Para(R("{{ difference|money }}", bold=True)), Para("{{ budget_sentence }}")],
                when="over_budget",
                fill=COLOURS["amber"],
            ),
            Detail(
                "{% if is_college %}What the costs cover{% else %}Notional SEN budget "
                "threshold{% endif %}",
                "{{ budget_sentence }}",
                when="not over_budget",
            ),
        ],
        label_width_cm=7.0,
        width_cm=18.0,
    )
    # The box is short (four rows): it is kept together with its heading, every row
    # kept with the next, so its last row (the threshold sentence) never starts a page
    # alone. The last two rows are alternatives (above the threshold, or not): only
    # one is printed, and it holds on to nothing after the table.
    rows = [tr for tr in table._tbl.iterchildren(qn("w:tr")) if "{%tr" not in _text(tr)]
    for tr in table._tbl.iterchildren(qn("w:tr")):
        keep = tr not in rows[-2:]
        for p in tr.iter(qn("w:p")):
            p.get_or_add_pPr().keepNext_val = keep
    with when(doc, "leaving_note"):
        paragraph(doc, "{{ leaving_note }}", "SmallPrint")


def _text(tr: Any) -> str:
    return "".join(t.text or "" for t in tr.iter(qn("w:t")))


def outcome_data(doc: Document) -> None:
    with when(doc, "has_outcome_data"):
        heading(doc, "Entry and exit data, and impact")
        grouped_table(
            doc,
            "a in areas",
            "{{ a.area }}",
            "row in a.rows",
            [
                Column(
                    "Intervention",
                    5.7,
                    [
                        Para(R("{{ row.intervention }}", bold=True)),
                        tag("if row.evidence_base"),
                        Para(R("Evidence base: {{ row.evidence_base }}", italic=True)),
                        tag("endif"),
                    ],
                ),
                Column("Entry data", 6.0, "{{ row.entry_data or 'Not recorded' }}"),
                Column("Exit data", 6.0, "{{ row.exit_data or 'Not recorded' }}"),
                Column("Impact", 8.0, "{{ row.impact or 'Not yet reviewed' }}"),
            ],
        )


def footnote(doc: Document) -> None:
    paragraph(
        doc,
        "How the costs are worked out: each provision is costed over the term-time weeks it "
        "runs within this plan ({{ period_dates }}), from its own start and end dates, or its "
        "planned number of weeks from its start, and the {{ setting_word|lower }}\u2019s term "
        "dates: term-time weeks are the {{ setting_word|lower }} days in those dates \u00f7 5 "
        "(190 days are 38 weeks; a week cut short counts in part), and provision with no "
        "dates runs for the whole plan.{% if not is_college %} The school-year figure costs "
        "the same provision over the school year in the same way.{% endif %} "
        "Hours = weekly time \u00d7 weeks. Staff cost = staff cost per "
        "hour \u00d7 hours \u00d7 number of adults, for one group (or the one-to-one "
        "sessions). Resources are this {{ pupil_word|lower }}\u2019s own, named under their "
        "cost. {{ pupil_word }}\u2019s share = staff cost \u00f7 "
        "{{ pupil_word|lower }}s in the group, plus resources: the sum beside each share shows it. "
        "Support that is part of ordinary class teaching is listed apart and not costed. "
        "{{ rounding_note }} "
        "A provision map shows support that is additional to and different from the usual "
        "curriculum (SEND Code of Practice 6.76\u20136.77).",
        "SmallPrint",
    ).paragraph_format.keep_together = True  # never a page holding its last two lines


def build(path: Path = TEMPLATE) -> int:
    """Build the template at ``path``; returns its size in bytes."""
    doc = new_document(
        title="Provision map",
        subject="Costed provision map for one pupil",
        keywords="provision map, SEN support, notional SEN budget, sendocs",
        landscape=True,
    )
    set_header(doc, "{{ school.name }}", "Provision map", first_page="")
    set_footer(doc, "{{ child.full_name }}", "Confidential")
    title_block(doc)
    provision(doc)
    totals(doc)
    footnote(doc)  # with the costs it explains, not alone on a last page
    outcomes(doc)
    outcome_data(doc)
    paragraph(doc, "", "SmallPrint")  # Word needs a paragraph after a table that ends the body
    return save_template(doc, path)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATE
    size = build(target)
    sys.stdout.write(f"wrote {target} ({size:,} bytes)\n")

"""Build ``templates/appeal.docx``, the SEND Tribunal appeal submission (kind ``appeal``).

Run ``python templates/src/build_appeal.py`` from the repository root after
changing this file, then commit the rebuilt .docx. The context the tags use
is built by ``sendocs/documents/appeal.py`` and described in docs/appeals.md.

Parts: 1 the time limit (with the late-appeal route if it has passed);
2 the notice of appeal, following what HESC r.20(2) and form SEND35/SEND35a
ask for, to copy into the official form (not reproduced); 3 the reasons for
appeal as numbered paragraphs; 4 the attachments checklist; 5 the evidence
chronology.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.table import Table
from docx.text.paragraph import Paragraph
from docxbuilder import (
    COLOURS,
    Column,
    Detail,
    Para,
    R,
    Signatory,
    bullets,
    details_table,
    each,
    heading,
    loop_table,
    new_document,
    otherwise,
    paragraph,
    ptag,
    save_template,
    set_footer,
    set_header,
    signoff_table,
    when,
)

TEMPLATE = Path(__file__).resolve().parents[1] / "appeal.docx"

WARNING_FILL = "FBE3E3"
WARNING_RULE = "B3261E"
NOTE_FILL = COLOURS["pale"]


# -- local helpers (the shared toolkit has no boxed or numbered paragraphs) ---------------


def _boxed(p: Paragraph, fill: str, rule: str) -> Paragraph:
    """Shade a paragraph and draw a thick bar on its left: a call-out box.

    Consecutive paragraphs with identical borders join into one box in Word
    and LibreOffice.
    """
    p_pr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "single")
        edge.set(qn("w:sz"), "24" if side == "left" else "4")
        edge.set(qn("w:space"), "4")
        edge.set(qn("w:color"), rule)
        borders.append(edge)
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    successors = ("w:tabs", "w:suppressAutoHyphens", "w:spacing", "w:ind", "w:jc", "w:rPr")
    p_pr.insert_element_before(borders, *successors)
    p_pr.insert_element_before(shading, *successors)
    fmt = p.paragraph_format
    fmt.left_indent = fmt.right_indent = Cm(0.25)
    fmt.space_after = Cm(0)
    return p


def keep_together(table: Table) -> Table:
    """Keep a small table on one page: every row is already one that cannot split
    (``details_table``); each row but the last also keeps with the next, so the
    table moves to the next page whole, with the heading above it (which keeps with
    next by its style), rather than parting after its first row (#11 s19)."""
    rows = list(table.rows)
    while rows and rows[-1].cells[0].text.startswith("{%tr"):
        rows.pop()  # a template tag row (docxtpl removes it): the last real row is before
    for row in rows[:-1]:
        for cell in row.cells:
            for p in cell.paragraphs:
                p.paragraph_format.keep_with_next = True
    return table


def box(doc: Document, content: object, fill: str = NOTE_FILL, rule: str = "1F3A5F") -> None:
    _boxed(paragraph(doc, content), fill, rule)  # type: ignore[arg-type]


def warning(doc: Document, content: object) -> None:
    box(doc, content, WARNING_FILL, WARNING_RULE)


def numbered(doc: Document, keep_with_next: bool = False) -> None:
    """One numbered reason paragraph: number, hanging indent, bold lead, text, references."""
    p = paragraph(
        doc,
        [
            "{{ p.number }}.\t",
            R("{{ p.lead }}", bold=True),
            "{% if p.lead %} {% endif %}{{ p.text }}{% if p.refs %} {{ p.refs }}{% endif %}",
        ],
        keep_with_next=keep_with_next,
    )
    fmt = p.paragraph_format
    fmt.left_indent = Cm(1.0)
    fmt.first_line_indent = Cm(-1.0)
    fmt.tab_stops.add_tab_stop(Cm(1.0))
    fmt.space_after = Cm(0.2)


ADDRESS = '{{ x.address_lines|join(", ") }}'


def person_rows(x: str) -> list[Detail]:
    return [
        Detail("Name", f"{{{{ {x}.name }}}}"),
        Detail("Address", ADDRESS.replace("x.", f"{x}."), when=f"{x}.address_lines"),
        Detail("Email", f"{{{{ {x}.email }}}}", when=f"{x}.email"),
        Detail("Phone", f"{{{{ {x}.phone }}}}", when=f"{x}.phone"),
    ]


# -- parts -------------------------------------------------------------------------------


def title_block(doc: Document) -> None:
    paragraph(doc, "Appeal to the SEND Tribunal", "Title")
    paragraph(
        doc,
        "{{ child.full_name }} \u00b7 {{ decision.type }} \u00b7 form {{ form.name }}",
        "Subtitle",
    )
    ptag(doc, "if not as_lodged")
    box(
        doc,
        [
            R("Draft for {{ the_appellants }} to check, sign and send. ", bold=True),
            "This document prepares an appeal to the First-tier Tribunal (Special Educational "
            "Needs and Disability). It is not the official form, which is not reproduced here: "
            "copy Part 2 into form {{ form.name }} or the tribunal\u2019s online service, attach "
            "Part 3 as the reasons for appeal, and send the documents listed in Part 4.",
        ],
    )
    paragraph(doc, "Prepared on {{ document_date }}.", "SmallPrint")
    ptag(doc, "else")
    paragraph(
        doc,
        "{% if lodged_on %}Lodged on {{ lodged_on }}{% else %}Dated {{ document_date }}"
        "{% endif %}.",
        "SmallPrint",
    )
    ptag(doc, "endif")


def time_limit(doc: Document) -> None:
    """The appellant's guide to the time limit: the draft's alone (a lodged notice
    gives its lateness in "Reasons the appeal is late" and the reasons)."""
    ptag(doc, "if not as_lodged")
    heading(doc, "Part 1. Time limit")
    with when(doc, "deadline_passed"):
        warning(doc, R("The time limit for this appeal has passed.", bold=True))
        warning(
            doc,
            "The appeal had to reach the tribunal by {{ deadline_when }}. "
            "{% if lodged_on %}It is being lodged on {{ lodged_on }}"
            "{% else %}This document is dated {{ document_date }}{% endif %}, "
            "{{ days_late }} day{% if days_late != 1 %}s{% endif %} later.",
        )
        warning(
            doc,
            "You can still appeal. Send the appeal with a request to extend the time limit and "
            "a written explanation of why it is late, as rule 20(4) of the Tribunal Procedure "
            "(First-tier Tribunal) (HESC) Rules 2008 requires; the tribunal may extend time "
            "under rule 5(3)(a). Your reasons are in "
            "Part 2, \u201cReasons the appeal is late\u201d."
            "{% if not lodged_on %} Send it as soon as you can.{% endif %}",
        )
        otherwise(doc)
        box(doc, "The appeal must reach the tribunal by")
        box(doc, R("{{ deadline_when }}", bold=True))
        box(
            doc,
            "{% if deadline_today %}That is today.{% else %}That is {{ days_left }} "
            "day{% if days_left != 1 %}s{% endif %} after the date of this document.{% endif %}"
            " Do not leave it to the last day.",
        )
    paragraph(doc, "")
    details_table(
        doc,
        [
            Detail("Rule", "{{ deadline.rule }}"),
            Detail("How it was worked out", "{{ deadline.explanation }}"),
            Detail(
                "Mediation",
                "No certificate is recorded. If you need one, contact the mediation adviser "
                "named in the decision letter by {{ mediation_contact.when() }} "
                "({{ mediation_contact.rule }}).",
                when="mediation_contact",
            ),
        ],
        label_width_cm=4.0,
    )
    ptag(doc, "endif")


def notice(doc: Document) -> None:
    heading(
        doc,
        "{% if as_lodged %}Part 1. Notice of appeal (form {{ form.name }}){% else %}Part 2. "
        "Notice of appeal: to copy into form {{ form.name }}{% endif %}",
    )
    with when(doc, "not as_lodged"):
        paragraph(doc, [R("Which form. ", bold=True), "{{ form.why }}"])
        paragraph(
            doc,
            "The headings below follow what the tribunal\u2019s rules require a notice of "
            "appeal to contain (HESC rule 20(2)); copy each into the matching box of the form "
            "or online service.",
            "SmallPrint",
        )

    heading(doc, "The appellant{% if appellants|length > 1 %}s{% endif %}", level=2)
    with each(doc, "a in appellants"):
        keep_together(
            details_table(
                doc,
                [
                    Detail("Name", "{{ a.name }}"),
                    Detail("Relationship", "{{ a.relationship }} of {{ child.full_name }}"),
                    *person_rows("a")[1:],
                ],
                label_width_cm=4.0,
            )
        )
        paragraph(doc, "", "TemplateTag")

    heading(doc, "The child", level=2)
    keep_together(
        details_table(
            doc,
            [
                (
                    Detail("Name", "{{ child.full_name }}"),
                    Detail("Date of birth", "{{ child.date_of_birth }}"),
                ),
                (
                    Detail("Year group", "{{ child.year_label }}"),
                    Detail("School", "{{ school.name }}"),
                ),
            ],
            label_width_cm=2.8,
        )
    )

    heading(doc, "Representative", level=2)
    with when(doc, "representative"):
        keep_together(
            details_table(
                doc,
                [
                    Detail("Name", "{{ representative.name }}"),
                    Detail(
                        "Organisation",
                        "{{ representative.organisation }}",
                        when="representative.organisation",
                    ),
                    *person_rows("representative")[1:],
                    Detail(
                        "Reference",
                        "{{ representative.reference }}",
                        when="representative.reference",
                    ),
                ],
                label_width_cm=4.0,
            )
        )
        otherwise(doc)
        paragraph(
            doc,
            "No representative: {{ the_appellants }} will deal with the appeal in person.",
        )

    heading(doc, "Address for documents", level=2)
    paragraph(
        doc,
        "{{ documents_to.who }}: {{ documents_to.name }}"
        '{% if documents_to.address_lines %}, {{ documents_to.address_lines|join(", ") }}'
        "{% endif %}{% if documents_to.email %}; email {{ documents_to.email }}{% endif %}.",
    )

    heading(doc, "The respondent", level=2)
    keep_together(
        details_table(
            doc,
            [
                Detail("Local authority", "{{ respondent.name }}"),
                Detail("Team", "{{ respondent.team }}", when="respondent.team"),
                *person_rows("respondent")[1:],
            ],
            label_width_cm=4.0,
        )
    )

    heading(doc, "The decision appealed against", level=2)
    keep_together(
        details_table(
            doc,
            [
                Detail("Decision", "{{ decision.type }}"),
                Detail("Legal basis", "Children and Families Act 2014, {{ decision.statute }}"),
                Detail("Date of decision letter", "{{ decision.date }}"),
                Detail("Made by", "{{ decision.made_by }}", when="decision.made_by"),
                Detail("Reference", "{{ decision.reference }}", when="decision.reference"),
                Detail("Tribunal reference", "{{ tribunal_reference }}", when="tribunal_reference"),
                Detail("Sections challenged", "{{ decision.sections }}", when="decision.sections"),
                Detail(
                    "Section I",
                    "The plan does not name a school or other institution.",
                    when="decision.no_school_named",
                ),
                Detail(
                    "Date of final EHC plan", "{{ decision.plan_date }}", when="decision.plan_date"
                ),
                Detail(
                    "What the letter says",
                    "{{ decision.letter_says }}",
                    when="decision.letter_says",
                ),
            ],
            label_width_cm=4.0,
        )
    )

    heading(doc, "Mediation", level=2)
    paragraph(doc, "{{ mediation.text }}")

    heading(doc, "Grounds of appeal", level=2)
    paragraph(
        doc,
        "{% if as_lodged %}Set out in full in Part 2, Reasons for appeal, and in summary:"
        "{% else %}Set out in full in Part 3, Reasons for appeal. On the form, write "
        "\u201cSee the attached reasons for appeal\u201d and, if there is room, this summary:"
        "{% endif %}",
    )
    bullets(
        doc,
        "g in grounds_summary",
        [R("{{ g.heading }} ({{ g.span }}). ", bold=True), "{{ g.text }}"],
    )

    heading(doc, "Result sought", level=2)
    paragraph(doc, "{{ result_sought }}")

    with when(doc, "section_i and preferred_school"):
        heading(doc, "Section I: the school or other institution asked for", level=2)
        ps = "preferred_school"
        keep_together(
            details_table(
                doc,
                [
                    Detail("Name", f"{{{{ {ps}.name }}}}"),
                    Detail("Address", f"{{{{ {ps}.address }}}}", when=f"{ps}.address"),
                    Detail("Type", f"{{{{ {ps}.type }}}}", when=f"{ps}.type"),
                    Detail(
                        "Date the school was asked",
                        f"{{{{ {ps}.consulted_on }}}}",
                        when=f"{ps}.consulted_on",
                    ),
                    Detail("Its response", f"{{{{ {ps}.response }}}}", when=f"{ps}.response"),
                    Detail("Asked for on", f"{{{{ {ps}.requested }}}}", when=f"{ps}.requested"),
                    Detail("Section I test", f"{{{{ {ps}.test }}}}", when=f"{ps}.test"),
                    Detail(
                        "Written confirmation of a place",
                        f"{{{{ {ps}.confirmation }}}}",
                        when=f"{ps}.independent",
                    ),
                ],
                label_width_cm=4.0,
            )
        )

    with when(doc, "form.name == 'SEND35'"):
        heading(doc, "Health and social care recommendations", level=2)
        with when(doc, "hsc_requests"):
            paragraph(
                doc,
                "{{ The_appellants }} {{ ask }} the tribunal to make these recommendations (set "
                "out in Part {% if as_lodged %}2{% else %}3{% endif %}"
                "{% if hsc_span %}, {{ hsc_span }}{% endif %}):",
            )
            bullets(
                doc,
                "r in hsc_requests",
                [
                    R("{{ r.area }}, to {{ r.to }} ({{ r.sections }}): ", bold=True),
                    "{{ r.text }}{% if r.refs %} {{ r.refs }}{% endif %}",
                ],
            )
            otherwise(doc)
            paragraph(doc, "No health or social care recommendations are sought.")

    with when(doc, "deadline_passed and (late_reasons or late_law)"):
        heading(doc, "Reasons the appeal is late (HESC rule 20(4))", level=2)
        with each(doc, "para in late_reasons"):
            paragraph(doc, "{{ para }}")
        with when(doc, "late_law"):
            paragraph(doc, "{{ late_law }}")

    with when(doc, "child_views"):
        heading(doc, "{{ child.known_as }}\u2019s views", level=2)
        paragraph(
            doc,
            "\u201c{{ child_views }}\u201d (also in Part {% if as_lodged %}2{% else %}3"
            "{% endif %}{% if views_span %}, {{ views_span }}{% endif %})",
        )

    # The hearing, the witnesses and the signature travel together: the signature
    # block never stands alone on a page (Part 3 starts on a page of its own).
    heading(doc, "The hearing", level=2)
    paragraph(
        doc,
        "{% if hearing.attend %}{{ The_appellants }} {% if plural %}wish{% else %}wishes"
        "{% endif %} to attend the hearing.{% else %}{{ The_appellants }} {% if plural %}ask"
        "{% else %}asks{% endif %} for the appeal to be decided without a hearing.{% endif %}"
        "{% if hearing.interpreter %} An interpreter in {{ hearing.interpreter }} is needed"
        "{% if hearing.interpreter_for %} for {{ hearing.interpreter_for }}{% endif %}."
        "{% else %} No interpreter is needed.{% endif %}"
        "{% if hearing.access_needs %} Access needs: {{ hearing.access_needs }}{% endif %}",
        keep_with_next=True,
    )
    with when(doc, "hearing.witnesses"):
        paragraph(doc, "Witnesses who will give evidence:", keep_with_next=True)
        with each(doc, "w in hearing.witnesses"):
            paragraph(
                doc,
                [
                    R("{{ w.name }}", bold=True),
                    "{% if w.role %}, {{ w.role }}{% endif %}{% if w.about %}: {{ w.about }}"
                    "{% endif %}",
                ],
                "ListBullet",
                keep_with_next=True,
            )

    heading(doc, "Signature", level=2).paragraph_format.keep_with_next = True
    with when(doc, "signed_on"):
        # as lodged and signed: who signed and when, no blank to fill in
        with each(doc, "a in appellants"):
            paragraph(doc, "Signed: {{ a.name }}, appellant, {{ signed_on }}")
        otherwise(doc)
        paragraph(
            doc, "The notice of appeal must be signed (HESC rule 20(2)).", keep_with_next=True
        )
        signoff_table(doc, [Signatory("Appellant", "{{ a.name }}", loop="a in appellants")])


def reasons(doc: Document) -> None:
    # The reasons are attached to the form as a document of their own: start a page.
    heading(
        doc, "Part {% if as_lodged %}2{% else %}3{% endif %}. Reasons for appeal"
    ).paragraph_format.page_break_before = True
    paragraph(
        doc,
        R(
            "{{ child.full_name }}: appeal against the decision of {{ la.name }} dated "
            "{{ decision.date }}",
            bold=True,
        ),
    )
    with each(doc, "part in reasons"):
        heading(doc, "{{ part.heading }}", level=2)
        # The result sought, the signature and the paragraph before them share a
        # page: a signature never stands alone at the top of the last page.
        with each(doc, "p in part.paras"), when(doc, "p.number in signature_chain"):
            numbered(doc, keep_with_next=True)
            otherwise(doc)
            numbered(doc)
    paragraph(doc, "", keep_with_next=True)
    # one signature line for each appellant: two parents each sign (#11 s19)
    with when(doc, "signed_on"):
        with each(doc, "a in appellants"):
            paragraph(
                doc,
                "Signed: {{ a.name }}, {{ signed_on }}",
                keep_with_next=True,
            )
        otherwise(doc)
        with each(doc, "a in appellants"):
            paragraph(
                doc,
                "Signed: ____________________________    Date: ______________",
                keep_with_next=True,
            )
            paragraph(doc, "{{ a.name }}", keep_with_next=True)
    paragraph(doc, "")


def enclosed(doc: Document) -> None:
    """As lodged: the documents sent with the appeal, without the draft's ticks."""
    heading(doc, "Part 3. Documents sent with this appeal")
    loop_table(
        doc,
        "c in enclosed",
        [
            Column("Document", 5.5, "{{ c.item }}"),
            Column("Details", 11.5, "{{ c.detail }}"),
        ],
    )
    paragraph(doc, "")


def checklist(doc: Document) -> None:
    heading(doc, "Part 4. Documents to send with the appeal")
    # what the case holds and what has been attached are two facts, two columns
    # (s18 R6 #14): a ☒ from the case is not a tick the parent has made
    paragraph(
        doc,
        [
            "In the case evidence: \u2612 held; \u2610 missing; \u2013 not needed. "
            "Tick \u201cAttached\u201d as you attach each document.",
        ],
        keep_with_next=True,
    )
    loop_table(
        doc,
        "c in checklist",
        [
            Column("In the case evidence", 2.0, Para("{{ c.mark }}")),
            Column("Document", 4.2, "{{ c.item }}"),
            Column("Details", 5.3, "{{ c.detail }}"),
            Column("Note", 3.4, [Para(R("{{ c.note }}", bold=True))]),
            Column(
                "Attached",
                2.1,
                Para("{% if c.mark != '\u2013' %}\u2610{% endif %}"),
            ),
        ],
        keep_first=1,  # the heading, the header and at least two rows together (#11 s19)
    )
    paragraph(doc, "")
    with when(doc, "checklist_missing"):
        warning(
            doc,
            [
                R(
                    "{{ checklist_missing|length }} required "
                    "document{% if checklist_missing|length != 1 %}s are{% else %} is{% endif %} "
                    "missing. ",
                    bold=True,
                ),
                "An appeal sent without the decision letter, the mediation certificate (unless "
                "the appeal is only about Section I) or, for an appeal about a plan, the final "
                "EHC plan with its appendices, may be returned unregistered.",
            ],
        )
        otherwise(doc)
        paragraph(
            doc,
            "Every required document is in the case evidence. An appeal without them may be "
            "returned unregistered, so check each is attached. Send further evidence as you get "
            "it, up to the final evidence deadline the tribunal sets.",
        )


def chronology(doc: Document) -> None:
    with when(doc, "chronology"):
        heading(doc, "Part {% if as_lodged %}4{% else %}5{% endif %}. Evidence chronology")
        loop_table(
            doc,
            "row in chronology",
            [
                Column("Date", 2.6, "{{ row.date|date }}"),
                Column("Ref", 1.2, "{{ row.ref }}"),
                Column("Document", 4.6, "{{ row.document }}"),
                Column("Author", 3.8, "{{ row.author }}"),
                Column("What it shows", 4.8, "{{ row.shows }}"),
            ],
            # a short chronology moves to the next page whole rather than leaving its
            # last row and the closing note alone on the last page
            keep_together=True,
        )
    # the draft's advice to check it; no tool text in a parent's document (s18 #8)
    with when(doc, "not as_lodged"):
        paragraph(
            doc,
            "Check this draft with an adviser"
            "{% if sendiass %} (for example {{ sendiass.name }}{% if sendiass.phone %}, "
            "{{ sendiass.phone }}{% endif %}){% endif %} before you send it.",
            "SmallPrint",
        )


def build(path: Path = TEMPLATE) -> int:
    """Build the template at ``path``; returns its size in bytes."""
    doc = new_document(
        title="SEND Tribunal appeal",
        subject="Draft notice of appeal, reasons for appeal and attachments checklist",
        keywords="SEND Tribunal, appeal, SEND35, SEND35a, sendocs",
    )
    set_header(
        doc,
        "SEND Tribunal appeal: {{ child.full_name }}",
        "{% if as_lodged %}Form {{ form.name }}{% else %}Draft for form {{ form.name }}{% endif %}",
    )
    set_footer(doc, "{{ child.full_name }}", "Confidential")
    title_block(doc)
    time_limit(doc)
    notice(doc)
    reasons(doc)
    with when(doc, "as_lodged"):
        enclosed(doc)
        otherwise(doc)
        checklist(doc)
    chronology(doc)
    return save_template(doc, path)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATE
    size = build(target)
    sys.stdout.write(f"wrote {target} ({size:,} bytes)\n")

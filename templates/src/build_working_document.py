"""Build ``templates/working_document.docx`` (kind ``working-document``).

Run ``python templates/src/build_working_document.py`` from the repository
root after changing this file, then commit the rebuilt .docx. The context
is built by ``sendocs/documents/working_document.py`` (see docs/appeals.md).

The document: a title block with the appeal's details; the tribunal's key
(each sample printed in its own typeface); then one heading per plan
section with a table of its paragraphs (number, text, who proposes); then
the evidence notes. The plan text itself is docxtpl RichText (``{{r … }}``)
so each run carries the typeface of its proposer. No tracked changes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx.document import Document
from docx.oxml.ns import qn
from docx.shared import Cm
from docxbuilder import (
    Column,
    Detail,
    Para,
    R,
    details_table,
    each,
    footers,
    heading,
    loop_table,
    new_document,
    paragraph,
    save_template,
    set_footer,
    set_header,
    tag,
    when,
)

TEMPLATE = Path(__file__).resolve().parents[1] / "working_document.docx"


def title_block(doc: Document) -> None:
    paragraph(doc, "Working document", "Title")
    paragraph(
        doc,
        "{{ child.full_name }} \u00b7 EHC plan{% if plan_date %} dated {{ plan_date }}"
        "{% endif %} \u00b7 {{ la.name }}",
        "Subtitle",
    )
    details_table(
        doc,
        [
            Detail(
                "Appeal",
                "Contents of the EHC plan ({{ sections_challenged }}), form {{ form }}",
            ),
            Detail("Tribunal reference", "{{ tribunal_reference }}", when="tribunal_reference"),
            Detail("{{ appellant_label }}", "{{ appellants }}"),
            Detail("Respondent", "{{ la.name }}"),
            Detail(
                "Version",
                "{% if not for_bundle %}Draft of {% endif %}{{ document_date }}: {{ summary }}",
            ),
        ],
        label_width_cm=3.4,
    )
    intro = paragraph(
        doc,
        "Changes each party proposes to the final EHC plan, in the typefaces of the key; no "
        "tracked changes or comments; evidence in grey brackets (see \u201cEvidence "
        "notes\u201d). {{ references_note }} At most {{ page_limit }} pages (Practice "
        "Direction No.1 of 2025); "
        "finalised as the tribunal directs, usually two weeks before the hearing.",
        "SmallPrint",
    )
    # space above instead of an empty paragraph: a short plan's notes fit on its page
    intro.paragraph_format.space_before = Cm(0.2)


def key(doc: Document) -> None:
    heading(doc, "Key")
    loop_table(
        doc,
        "k in key",
        [
            Column("Typeface", 4.5, Para("{{r k.sample }}")),
            Column("Meaning", 12.5, "{{ k.meaning }}"),
        ],
    )


def plan_sections(doc: Document) -> None:
    with each(doc, "s in sections"):
        heading(doc, "{{ s.label }}")
        loop_table(
            doc,
            "row in s.rows",
            [
                Column("Para", 1.6, "{{ row.paragraph }}"),
                Column(
                    "Text",
                    12.7,
                    [
                        tag("if row.heading"),
                        Para("{{r row.heading }}", "SmallPrint"),
                        tag("endif"),
                        Para("{{r row.text }}"),
                    ],
                ),
                Column("Proposed by", 2.7, "{{ row.by }}"),
            ],
        )


def evidence_notes(doc: Document) -> None:
    with when(doc, "evidence_notes"):
        heading(doc, "Evidence notes")
        loop_table(
            doc,
            "e in evidence_notes",
            [
                Column("Ref", 1.2, "{{ e.ref }}"),
                Column(
                    "Document",
                    4.4,
                    [
                        Para("{{ e.title }}"),
                        tag("if e.place"),
                        Para("In this bundle: {{ e.place }}", "SmallPrint"),
                        tag("endif"),
                    ],
                ),
                Column("Author and role", 4.6, "{{ e.author }}"),
                Column("Date", 3.4, "{{ e.date }}"),
                Column("Cited at", 3.4, "{{ e.cited }}"),
            ],
        )
    paragraph(doc, R("End of working document.", italic=False), "SmallPrint")


def twelve_point(doc: Document) -> None:
    """The tribunal asks for 12 pt: body text and table text at 24 half-points."""
    styles = doc.styles.element
    for sz in styles.iter(qn("w:sz")):
        parent = sz.getparent()
        style = parent.getparent() if parent is not None else None
        style_id = style.get(qn("w:styleId")) if style is not None else None
        in_defaults = (
            parent is not None
            and parent.getparent() is not None
            and (parent.getparent().tag == qn("w:rPrDefault"))
        )
        if in_defaults or style_id in ("TableText", "Normal", "SmallPrint"):
            sz.set(qn("w:val"), "24")
    for sz in styles.iter(qn("w:szCs")):
        parent = sz.getparent()
        style = parent.getparent() if parent is not None else None
        style_id = style.get(qn("w:styleId")) if style is not None else None
        in_defaults = (
            parent is not None
            and parent.getparent() is not None
            and (parent.getparent().tag == qn("w:rPrDefault"))
        )
        if in_defaults or style_id in ("TableText", "Normal", "SmallPrint"):
            sz.set(qn("w:val"), "24")


def bundle_stamps_pages(doc: Document) -> None:
    """Inside a bundle (``for_bundle``) the footer prints no "Page X of Y": the
    bundle stamps its own page numbers. Wraps the footer's page fields in a
    condition (the runs from "Page " to the end of the line)."""
    for footer in footers(doc):
        p = footer.paragraphs[0]
        start = next(r for r in p.runs if r.text == "Page ")
        start.text = "{% if not for_bundle %}Page "
        p.add_run("{% endif %}")


def build(path: Path = TEMPLATE) -> int:
    """Build the template at ``path``; returns its size in bytes."""
    doc = new_document(
        title="Working document",
        subject="SEND Tribunal working document: proposed amendments to an EHC plan",
        keywords="SEND Tribunal, working document, EHC plan, sendocs",
    )
    twelve_point(doc)
    # the right of the header says whose document this is, never the council's name
    # alone (it is the appellants' working document, s18 R6 #11); the footer marks it
    # confidential, as the appeal's own pages are
    set_header(
        doc,
        "Working document: {{ child.full_name }}",
        "{% if tribunal_reference %}Tribunal ref. {{ tribunal_reference }} \u2013 {% endif %}"
        "Prepared by {{ prepared_by }}",
    )
    set_footer(
        doc,
        "{{ child.full_name }}",
        "Confidential{% if not for_bundle %} \u00b7 Draft of {{ document_date }}{% endif %}",
    )
    bundle_stamps_pages(doc)
    title_block(doc)
    key(doc)
    plan_sections(doc)
    evidence_notes(doc)
    return save_template(doc, path)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATE
    size = build(target)
    sys.stdout.write(f"wrote {target} ({size:,} bytes)\n")

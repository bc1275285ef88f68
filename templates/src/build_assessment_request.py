"""Build ``templates/assessment_request.docx``, the EHC needs assessment request
(kind ``assessment-request``).

Run ``python templates/src/build_assessment_request.py`` from the repository
root after changing this file, then commit the rebuilt .docx. The context is
built by ``sendocs/documents/assessment_request.py`` (docs/templates.md).

A formal letter the requester signs as it is (domain brief §4, after IPSEA's
model letter, paraphrased): the request under s.36(1) of the Children and
Families Act 2014; the current school; the s.36(8) test as the only test;
limb 1 (has or may have SEN) and limb 2 (a plan may be necessary) from the
case's own evidence; the six-week decision under regulation 5(1) of the SEND
Regulations 2014 and the right to appeal; advice under regulation 6(1); the
enclosures; signatures; and, on a new page, the evidence chronology.

Three variants by ``variant``: a parent (two parents sign as "we"), a young
person, or a school (made with the parent's knowledge and agreement). Only
the opening and the signatures differ; the rest is about the child by name.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx.document import Document
from docxbuilder import (
    Column,
    Detail,
    Para,
    R,
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
    tag,
    when,
)
from letter_blocks import (
    la_address_block,
    requester_block,
    requester_pronouns,
    signature_lines,
    spacer,
)

TEMPLATE = Path(__file__).resolve().parents[1] / "assessment_request.docx"

NAME = "{{ child.known_as }}"
NAMES = f"{NAME}\u2019s"
PARENT_NAMES = '{{ case.parents|map(attribute="name")|join_list }}'


def top_of_letter(doc: Document) -> None:
    requester_pronouns(doc)
    requester_block(doc)
    spacer(doc)
    la_address_block(doc)
    spacer(doc)
    paragraph(doc, "{{ sent_on }}")
    paragraph(doc, "Dear Sir or Madam")
    paragraph(doc, "Request for an education, health and care (EHC) needs assessment", "Subject")
    details_table(
        doc,
        [
            Detail("Name", "{{ child.full_name }}"),
            Detail("Date of birth", "{{ child.date_of_birth }}"),
            Detail("School", "{{ school.name }} ({{ child.year_label }})"),
        ],
        label_width_cm=3.4,
    )
    spacer(doc)


def numbered(doc: Document, number: int, text: str) -> None:
    heading(doc, f"{number}. {text}", level=2)


def the_request(doc: Document) -> None:
    numbered(doc, 1, "The request")
    with when(doc, "variant == 'school'"):
        paragraph(
            doc,
            "I am writing on behalf of {{ school.name }} to ask {{ la.name }} to carry out an "
            "EHC needs assessment for {{ child.full_name }}, a pupil at the school. The school "
            "makes this request under section 36(1) of the Children and Families Act 2014.",
        )
        paragraph(
            doc,
            f"The request is made with the knowledge and agreement of {PARENT_NAMES}, "
            f"{NAMES} {{{{ 'parent' if case.parents|length == 1 else 'parents' }}}}.",
        )
        ptag(doc, "elif variant == 'young_person'")
        paragraph(
            doc,
            "I am writing to ask {{ la.name }} to carry out an EHC needs assessment for me. "
            "I am {{ years_old }} and I make this request myself, as a young person, under "
            "section 36(1) of the Children and Families Act 2014.",
        )
        paragraph(
            doc,
            f"In the rest of this letter I call myself {NAME}, so that it reads in the same "
            "way as the reports I enclose.",
        )
        otherwise(doc)
        paragraph(
            doc,
            "{{ I }} {{ am }} the {{ requester.capacity }} of {{ child.full_name }}. "
            "{{ I }} {{ am }} writing to ask {{ la.name }} to carry out an EHC needs "
            f"assessment for {NAME}. {{{{ I }}}} make this request under section 36(1) of the "
            "Children and Families Act 2014.",
        )


def current_setting(doc: Document) -> None:
    numbered(doc, 2, "Current school and support")
    paragraph(
        doc,
        f"{NAME} is in {{{{ child.year_label }}}} at {{{{ school.name }}}}. {NAME} has had "
        "SEN support at school since {{ sen_support_since }}.",
    )


def legal_test(doc: Document) -> None:
    numbered(doc, 3, "The legal test")
    paragraph(
        doc,
        "Under section 36(8) of the Children and Families Act 2014, the local authority "
        "must carry out an EHC needs assessment if:",
        keep_with_next=True,
    )
    paragraph(
        doc,
        "(a)\tthe child or young person has or may have special educational needs, and",
        "Indented",
        keep_with_next=True,
    )
    paragraph(
        doc,
        "(b)\tit may be necessary for special educational provision to be made for the "
        "child or young person in accordance with an EHC plan.",
        "Indented",
    )
    paragraph(
        doc,
        "This is the only test. The local authority must not apply a higher threshold. "
        f"Both parts of the test are met for {NAME}, as set out below.",
    )


NEED_TYPE = [
    Para("{% if n.code %}{{ n.type }} ({{ n.code }}){% else %}Not yet identified{% endif %}"),
    tag("if n.rank"),
    Para(R("{{ n.rank }}", italic=True)),
    tag("endif"),
]


def limb_one(doc: Document) -> None:
    numbered(doc, 4, f"{NAME} has or may have special educational needs")
    paragraph(
        doc,
        f"{NAME} has, or may have, special educational needs in these areas:",
        keep_with_next=True,
    )
    loop_table(
        doc,
        "n in needs",
        [
            Column("Area of need", 4.0, [Para(R("{{ n.area }}", bold=True))]),
            Column("Type of need", 4.0, NEED_TYPE),
            Column("What this means", 9.0, "{{ n.description }}"),
        ],
    )
    with when(doc, "suspected_needs"):
        paragraph(doc, "", "Address")
        paragraph(
            doc,
            "Some of these needs have not yet been assessed (marked \u201csuspected\u201d). "
            "The test is whether a child has or may have special educational needs; an "
            "assessment is how they will be properly identified.",
        )
    with when(doc, "diagnoses"):
        paragraph(doc, R("Diagnoses", bold=True), keep_with_next=True)
        bullets(
            doc,
            "d in diagnoses",
            "{{ d.condition }}: diagnosed by {{ d.diagnosed_by }} on {{ d.date }}.",
        )
    with when(doc, "reports"):
        paragraph(doc, R("Reports", bold=True), keep_with_next=True)
        bullets(
            doc,
            "r in reports",
            [
                R("{{ r.title }}", bold=True),
                "{% if r.author %}, {{ r.author }}{% endif %}, {{ r.date }}"
                "{% if r.ref %} ({{ r.ref }}){% endif %}"
                "{% if r.summary %}: {{ r.summary }}{% else %}.{% endif %}",
            ],
        )


UNMET_RESULT = [
    Para(R("{{ u.status|capitalize }}", bold=True)),
    Para("Reviewed {{ u.review_date }}"),
]


def limb_two(doc: Document) -> None:
    numbered(doc, 5, f"An EHC plan may be necessary for {NAME}")
    paragraph(doc, "{{ limb2.cycles_text }}")
    with when(doc, "limb2.unmet_outcomes"):
        paragraph(
            doc,
            f"Despite this support, {NAME} has not met these outcomes:",
            keep_with_next=True,
        )
        loop_table(
            doc,
            "u in limb2.unmet_outcomes",
            [
                Column("Plan", 1.4, "{{ u.plan }}"),
                Column("Outcome", 7.0, "{{ u.outcome }}"),
                Column("Result", 3.2, UNMET_RESULT),
                Column(
                    "Evidence",
                    5.4,
                    "{% if u.evidence %}{{ u.evidence }}{% else %}Not recorded{% endif %}",
                ),
            ],
        )
        paragraph(doc, "", "Address")
    with when(doc, "limb2.interventions_tried"):
        paragraph(doc, "Support the school has already put in place:", keep_with_next=True)
        bullets(doc, "i in limb2.interventions_tried", "{{ i.intervention }} (since {{ i.since }})")
    paragraph(doc, "{{ limb2.cost_text }}")
    with when(doc, "limb2.not_delivered"):
        paragraph(
            doc,
            "Specialists have advised support that is not in place:",
            keep_with_next=True,
        )
        bullets(
            doc,
            "x in limb2.not_delivered",
            "{{ x.recommendation }}: advised by {{ x.by }}"
            "{% if x.report_date %} in a report of {{ x.report_date }}{% endif %}."
            "{% if x.note %} {{ x.note }}{% endif %}",
        )
    with each(doc, "para in request.additional_reasons|paragraphs"):  # none if not given
        paragraph(doc, "{{ para }}")
    paragraph(
        doc,
        "For these reasons it may be necessary for special educational provision to be made "
        f"for {NAME} in accordance with an EHC plan.",
    )


def decision(doc: Document) -> None:
    numbered(doc, 6, "Your decision")
    paragraph(
        doc,
        "The local authority must tell {{ me }} whether it will carry out an assessment "
        "within 6 weeks of receiving this request (regulation 5(1) of the SEND Regulations "
        "2014). {% if request.received_on %}You received this request on "
        "{{ request.received_on }}{% else %}{{ I }} {{ am }} sending this request "
        "{{ delivery }} on {{ sent_on|date('full') }}{% endif %}, so {{ I_mid }} expect "
        "your decision by {{ deadline_date_full }} at the latest.",
    )
    paragraph(
        doc,
        "If you decide not to carry out an assessment, you must give {{ me }} your reasons "
        "and tell {{ me }} about {{ my }} right to appeal to the First-tier Tribunal (Special "
        "Educational Needs and Disability).",
    )


def advice(doc: Document) -> None:
    numbered(doc, 7, "Advice")
    paragraph(
        doc,
        "If you carry out the assessment, you must seek the advice and information set out "
        "in regulation 6(1) of the SEND Regulations 2014."
        "{% if consult %} Under regulation 6(1)(h), {{ I_mid }} also ask you to seek "
        "advice from:{% endif %}",
        keep_with_next=True,
    )
    with when(doc, "consult"):
        bullets(
            doc,
            "c in consult",
            [
                R("{{ c.name }}", bold=True),
                ", {{ c.role }}{% if c.organisation %}, {{ c.organisation }}{% endif %}",
            ],
        )


def enclosures(doc: Document) -> None:
    numbered(doc, 8, "Enclosures")
    with when(doc, "enclosures"):
        paragraph(
            doc,
            "{{ I }} enclose copies of these documents. The evidence chronology at the end "
            "of this letter lists them, with the school\u2019s reviews, in date order.",
            keep_with_next=True,
        )
        loop_table(
            doc,
            "e in enclosures",
            [
                Column("Ref", 1.4, "{{ e.ref }}"),
                Column("Document", 7.0, "{{ e.title }}"),
                Column("Author", 5.6, '{{ [e.author, e.role]|select|join(", ") }}'),
                Column("Date", 3.0, "{{ e.date }}"),
            ],
        )
        paragraph(doc, "", "Address")
        otherwise(doc)
        paragraph(
            doc,
            "The evidence chronology at the end of this letter lists the evidence in date "
            "order. {{ I }} will send copies of any document you ask for.",
        )


def close(doc: Document) -> None:
    paragraph(
        doc,
        "Please confirm that you have received this request, and write to {{ me }} at the "
        "address above{% if requester.email %} or by email{% endif %}.",
        keep_with_next=True,  # never a signature alone on a page
    )
    signature_lines(doc)


def chronology(doc: Document) -> None:
    p = heading(doc, "Appendix: evidence chronology")
    p.paragraph_format.page_break_before = True
    paragraph(
        doc,
        "The evidence about {{ child.full_name }}\u2019s needs and support, oldest first. "
        "References (E1, E2 \u2026) are to the enclosed documents.",
    )
    with when(doc, "chronology"):
        loop_table(
            doc,
            "c in chronology",
            [
                Column("Date", 2.6, "{{ c.date }}"),
                Column("Document", 4.6, [Para(R("{{ c.document }}", bold=True))]),
                Column("Author", 3.6, "{{ c.author }}"),
                Column("What it shows", 4.9, "{{ c.shows }}"),
                Column("Ref", 1.3, "{{ c.ref }}"),
            ],
        )
        otherwise(doc)
        paragraph(doc, "No dated evidence is recorded yet.")
    paragraph(doc, "", "Address")


def build(path: Path = TEMPLATE) -> int:
    """Build the template at ``path``; returns its size in bytes."""
    doc = new_document(
        title="Request for an EHC needs assessment",
        subject="Request under section 36(1) of the Children and Families Act 2014",
        keywords="EHC needs assessment, request, section 36, sendocs",
    )
    set_header(
        doc, "EHC needs assessment request: {{ child.full_name }}", "{{ sent_on }}", first_page=""
    )
    set_footer(doc, "{{ child.full_name }}", "")
    top_of_letter(doc)
    the_request(doc)
    current_setting(doc)
    legal_test(doc)
    limb_one(doc)
    limb_two(doc)
    decision(doc)
    advice(doc)
    enclosures(doc)
    close(doc)
    chronology(doc)
    return save_template(doc, path)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATE
    size = build(target)
    sys.stdout.write(f"wrote {target} ({size:,} bytes)\n")

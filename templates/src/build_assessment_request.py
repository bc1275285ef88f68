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
from docx.enum.text import WD_LINE_SPACING
from docx.shared import Pt
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
    _signature_cell,
    la_address_block,
    requester_block,
    spacer,
)

TEMPLATE = Path(__file__).resolve().parents[1] / "assessment_request.docx"

NAME = "{{ child.known_as }}"
NAMES = f"{NAME}\u2019s"
SUSPECTED_MARK = "Suspected, not yet assessed"
"""How the needs table marks a need not yet assessed; the sentence under it quotes it."""


def yp(third: str, first: str) -> str:
    """``first`` when the young person writes (the letter is theirs: "I", "my"
    throughout), ``third`` when a parent or a school writes about the child."""
    return f"{{% if variant == 'young_person' %}}{first}{{% else %}}{third}{{% endif %}}"


def top_of_letter(doc: Document) -> None:
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
            Detail("Name", "{{ child_intro }}"),
            Detail("Date of birth", "{{ child.date_of_birth }}"),
            Detail(
                "{% if setting == 'college' %}College{% else %}School{% endif %}",
                "{{ school.name }} ({{ child.year_label }})",
            ),
        ],
        label_width_cm=3.4,
    )
    spacer(doc)


SECTIONS = (
    "The request",
    "Views",
    "School, progress and attendance",
    "The legal test",
    "Special educational needs",
    "Why an EHC plan may be necessary",
    "Your decision",
    "Advice",
)


def numbered(doc: Document, title: str, text: str | None = None) -> None:
    """A numbered heading; the number comes from :data:`SECTIONS`, so they never skip."""
    heading(doc, f"{SECTIONS.index(title) + 1}. {text or title}", level=2)


def the_request(doc: Document) -> None:
    numbered(doc, "The request")
    with when(doc, "variant == 'school'"):
        paragraph(
            doc,
            "We are writing on behalf of {{ school.name }} to ask {{ la.name }} to carry out "
            "an education, health and care (EHC) needs assessment for {{ child_intro }}, a "
            "pupil in {{ child.year_label }} at the school. We make this request under section "
            "36(1) of the Children and Families Act 2014, as the school "
            f"{NAME} attends.",
        )
        paragraph(
            doc,
            f"We make it with the knowledge and agreement of {NAMES} {{{{ parent_word }}}}, "
            "{{ parents_text }}{% if request.parent_agreed_on %}, given in writing on "
            "{{ request.parent_agreed_on }}{% endif %}."
            "{% if cite.views %} The signed agreement and views are enclosed "
            "({{ cite.views }}).{% endif %}",
        )
        ptag(doc, "elif variant == 'young_person'")
        paragraph(
            doc,
            "I am writing to ask {{ la.name }} to carry out an education, health and care (EHC) "
            "needs assessment for me. I am {{ years_old }} and over compulsory school age, so I "
            "make this request myself, as a young person, under section 36(1) of the Children "
            "and Families Act 2014.",
        )
        with when(doc, "child.preferred_name and child.preferred_name != child.legal_forename"):
            paragraph(doc, "My full name is {{ legal_name }}; I am known as " + NAME + ".")
        otherwise(doc)
        paragraph(
            doc,
            "{{ I }} {{ am }} the {{ requester.capacity }} of {{ child_intro }}. "
            "{{ I }} {{ am }} writing to ask {{ la.name }} to carry out an education, health "
            f"and care (EHC) needs assessment for {NAME}. {{{{ I }}}} make this request under "
            "section 36(1) of the Children and Families Act 2014.",
        )


def views(doc: Document) -> None:
    with when(doc, "views.pupil or views.parent"):
        numbered(doc, "Views", "{{ views.heading }}")
        with when(doc, "views.pupil"):
            paragraph(doc, "{{ views.pupil_intro }}", keep_with_next=True)
            paragraph(doc, "\u201c{{ views.pupil }}\u201d", "Voice")
        with when(doc, "views.parent"):
            paragraph(doc, "{{ views.parent_intro }}", keep_with_next=True)
            paragraph(doc, "\u201c{{ views.parent }}\u201d", "Voice")
        with when(doc, "cite.views and variant != 'school'"):
            paragraph(doc, "Written views are enclosed ({{ cite.views }}).")


PROGRESS_CITES = (
    # a record alone is named ("My attendance record is enclosed (enclosure 1).")
    "{% if cite.progress and not cite.plans %} "
    + yp("The", "My")
    + " {{ progress_label }} record{% if 'enclosures' in cite.progress %}s are"
    "{% else %} is{% endif %} enclosed ({{ cite.progress }})."
    "{% elif cite.progress or cite.plans %} The evidence is enclosed ("
    "{% if cite.progress %}{{ progress_label }}: {{ cite.progress }}{% endif %}"
    "{% if cite.progress and cite.plans %}; {% endif %}"
    "{% if cite.plans %}plans and reviews: {{ cite.plans }}{% endif %}).{% endif %}"
)


def current_setting(doc: Document) -> None:
    numbered(
        doc,
        "School, progress and attendance",
        "{% if setting == 'college' %}College{% else %}School{% endif %}, progress and attendance",
    )
    paragraph(
        doc,
        yp(f"{NAME} is", "I am")
        + " in {{ child.year_label }} at {{ school.name }}. "
        + "{% if variant == 'school' %}We have given "
        + NAME
        + " SEN support since {{ sen_support_since }}.{% else %}"
        + yp(f"{NAME} has", "I have")
        + " had SEN support at {{ setting }} since {{ sen_support_since }}.{% endif %}"
        + PROGRESS_CITES,
    )
    # the table only when no sentence gives the trend: the two said the same (s18 #6)
    with when(doc, "progress and not (attainment_change or attendance_trend)"):
        paragraph(
            doc,
            "Attainment and attendance as the {{ setting }} recorded them "
            "{% if progress|length == 1 %}during the support plan"
            "{% else %}during each plan{% endif %}:",
            keep_with_next=True,
        )
        loop_table(
            doc,
            "p in progress",
            [
                Column("Plan", 1.4, "{{ p.plan }}"),
                Column("From", 3.6, "{{ p.date }}"),
                Column("Attainment and attendance", 12.0, "{{ p.attainment }}"),
            ],
        )
        spacer(doc)
    with when(doc, "attainment_change or attendance_trend"):
        paragraph(
            doc,
            "{{ attainment_change }}{% if attainment_change and attendance_trend %} "
            "{% endif %}{{ attendance_trend }}",
        )


def legal_test(doc: Document) -> None:
    numbered(doc, "The legal test")
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
        f"Both parts of the test are met for {yp(NAME, 'me')}, as set out below.",
    )


# one rule for a need not yet assessed: its type cell says "Suspected, not yet
# assessed", the words the sentence under the table quotes, and the description
# does not say it again (s19 #11: the cell said "Not yet identified" while the
# sentence said the need was marked "suspected")
NEED_TYPE = [
    Para(
        "{% if n.code %}{{ n.type }} ({{ n.code }}){% elif n.suspected %}"
        f"{SUSPECTED_MARK}{{% else %}}Not yet identified{{% endif %}}"
    ),
    tag("if n.code and n.suspected"),
    Para(R(SUSPECTED_MARK, italic=True)),
    tag("endif"),
    tag("if n.rank"),
    Para(R("{{ n.rank }}", italic=True)),
    tag("endif"),
]


def limb_one(doc: Document) -> None:
    numbered(
        doc,
        "Special educational needs",
        f"{yp(f'{NAME} has', 'I have')} or may have special educational needs",
    )
    paragraph(
        doc,
        f"{yp(f'{NAME} has', 'I have')}, or may have, special educational needs in these areas"
        + yp(
            ":",
            "{% if needs_in_records_words %} (as my {{ setting }}\u2019s records describe "
            "them){% endif %}:",
        ),
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
        spacer(doc)
        paragraph(
            doc,
            "{% if suspected_needs|length == 1 %}One of these needs has{% else %}Some of "
            "these needs have{% endif %} not yet been assessed "
            f"(marked \u201c{SUSPECTED_MARK}\u201d). "
            "The test is whether a child has or may have special educational needs; an "
            "assessment is how they will be properly identified.",
        )
    with when(doc, "diagnoses"):
        paragraph(doc, R("Diagnoses", bold=True), keep_with_next=True)
        bullets(
            doc,
            "d in diagnoses",
            "{{ d.condition }}: diagnosed on {{ d.date }} by {{ d.diagnosed_by }}"
            "{% if d.number %} (enclosure {{ d.number }}){% endif %}.",
        )
    with when(doc, "reports"):
        paragraph(doc, R("Reports", bold=True), keep_with_next=True)
        bullets(
            doc,
            "r in reports",
            [
                R("{{ r.title }}", bold=True),
                "{% if r.author %}, {{ r.author }}{% endif %}, {{ r.date }}"
                "{% if r.number %} (enclosure {{ r.number }}){% endif %}"
                "{% if r.summary %}: {{ r.summary }}{% else %}.{% endif %}",
            ],
        )


UNMET_RESULT = [
    Para(R("{{ u.status|capitalize }}", bold=True)),
    Para("Reviewed {{ u.review_date }}"),
]

SUPPORT_WHAT = [
    Para(R("{{ s.name }}", bold=True)),
    tag("if s.detail"),
    Para("{{ s.detail }}"),
    tag("endif"),
]

SUPPORT_STATUS = [Para(R("{{ s.status_text }}", bold=True))]

SUPPORT_ADVICE = [
    tag("for a in s.advice"),
    Para("{{ a }}"),
    tag("endfor"),
    tag("for n in s.notes"),
    Para("{{ n }}"),  # attributed in words ("The college says: ..."), not by italics
    tag("endfor"),
]


def limb_two(doc: Document) -> None:
    for_whom = yp(NAME, "me")
    title = f"An EHC plan may be necessary for {for_whom}"
    numbered(doc, "Why an EHC plan may be necessary", title)
    paragraph(
        doc,
        "{{ limb2.cycles_text }}{% if limb2.long_standing %} {{ limb2.long_standing }}{% endif %}"
        "{% if limb2.school_supports %} {{ limb2.school_supports }}{% endif %}",
    )
    with when(doc, "limb2.unmet_outcomes"):
        paragraph(
            doc,
            f"Despite this support, {yp(f'{NAME} has', 'I have')} not met these outcomes:",
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
            keep_first=1,  # never one outcome alone under the header at a page's foot
        )
        spacer(doc)
    with when(doc, "support"):
        paragraph(
            doc,
            f"{yp(NAMES, 'My')} support now, and what professionals have advised "
            "({{ support_summary }}):",
            keep_with_next=True,
        )
        loop_table(
            doc,
            "s in support",
            [
                Column("Support", 6.4, SUPPORT_WHAT),
                Column("Status", 3.6, SUPPORT_STATUS),
                Column("Advice", 7.0, SUPPORT_ADVICE),
            ],
            # never one support line carried over alone (s19 #11, Kai), nor left alone
            # under the header at a page's foot (s19 #11 D2, Jordan): it splits after
            # two rows at the least, else it moves whole
            keep_first=2,
            keep_last=1,
        )
        spacer(doc)
    with when(doc, "limb2.tried_and_stopped"):
        paragraph(doc, "Support tried in earlier plans and since stopped:", keep_with_next=True)
        bullets(doc, "t in limb2.tried_and_stopped", "{{ t }}")
    with each(doc, "sentence in cost_sentences"):
        paragraph(doc, "{{ sentence }}")
    with each(doc, "para in request.additional_reasons|paragraphs"):  # none if not given
        paragraph(doc, "{{ para }}")
    paragraph(
        doc,
        "For these reasons it may be necessary for special educational provision to be made "
        f"for {yp(NAME, 'me')} in accordance with an EHC plan.",
    )


REG_5_3 = (
    "the right to appeal to the First-tier Tribunal (Special Educational Needs and "
    "Disability), the time limit for appealing, the information about mediation, and the "
    "disagreement resolution and information and advice services available"
)


def decision(doc: Document) -> None:
    numbered(doc, "Your decision")
    with when(doc, "variant == 'school'"):
        paragraph(
            doc,
            "Under regulation 5(1) of the Special Educational Needs and Disability "
            "Regulations 2014 (the SEND Regulations), the local authority must "
            f"decide whether to carry out an assessment, and tell {NAMES} {{{{ parent_word }}}}, "
            "within 6 weeks of receiving this request. {% if request.received_on %}You "
            "received this request on {{ request.received_on }}{% else %}We are sending it "
            "{{ delivery }} on {{ sent_on|date('full') }}{% endif %}, so we expect the decision "
            "by {{ deadline_date_full }} at the latest.",
        )
        paragraph(
            doc,
            f"Please send your decision to {NAMES} {{{{ parent_word }}}}:",
            keep_with_next=True,
        )
        bullets(
            doc,
            "c in parent_contacts",
            [
                R("{{ c.name }}", bold=True),
                " ({{ c.relationship }}){% if c.contact %}: {{ c.contact }}{% else %}: "
                "please ask us for contact details{% endif %}",
            ],
        )
        paragraph(
            doc,
            "If you decide not to carry out an assessment, please give them your reasons and, "
            f"as regulation 5(3) requires, tell them about {REG_5_3}. The right to appeal is "
            "theirs (section 51 of the Children and Families Act 2014), not the school\u2019s.",
        )
        paragraph(
            doc,
            "Please also send a copy of your decision to us at the school (regulation 5(2)).",
        )
        otherwise(doc)
        paragraph(
            doc,
            "The local authority must tell {{ me }} whether it will carry out an assessment "
            "within 6 weeks of receiving this request (regulation 5(1) of the Special "
            "Educational Needs and Disability Regulations 2014, the SEND Regulations). "
            "{% if request.received_on %}You received this request on "
            "{{ request.received_on }}{% else %}{{ I }} {{ am }} sending this request "
            "{{ delivery }} on {{ sent_on|date('full') }}{% endif %}, so {{ I_mid }} expect "
            "your decision by {{ deadline_date_full }} at the latest.",
        )
        paragraph(
            doc,
            "If you decide not to carry out an assessment, please give {{ me }} your reasons "
            "and, as regulation 5(3) requires, tell {{ me }} about "
            + REG_5_3.replace("the right to appeal", "{{ my }} right to appeal")
            + ".",
        )


def advice(doc: Document) -> None:
    numbered(doc, "Advice")
    paragraph(
        doc,
        "If you carry out the assessment, you must seek the advice and information set out "
        "in regulation 6(1) of the SEND Regulations"
        "{% if adulthood_advice %}, including advice on preparing for adulthood and "
        "independent living, as {{ child.known_as if variant != 'young_person' else 'I' }} "
        "{{ 'am' if variant == 'young_person' else 'is' }} in Year {{ child.year_group }}"
        "{% endif %}."
        "{% if consult and variant == 'school' %} Under regulation 6(1)(h), "
        f"{NAMES} {{{{ parent_word }}}} also ask you to seek advice from:"
        "{% elif consult %} Under regulation 6(1)(h), {{ I_mid }} also ask you to seek "
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


def enclosure_list(doc: Document) -> None:
    """After the signature, as a letter lists what it encloses: the signature stays
    with the body of the letter, never alone on a page after a long table."""
    heading(doc, "Enclosures", level=2)
    paragraph(
        doc,
        # one line each, this intro and the chronology's: with the list kept from
        # splitting after one row, the chronology still ends on the list's page (s19 #11)
        "Copies of these documents are enclosed, numbered in the order this letter refers to them.",
        keep_with_next=True,
    )
    loop_table(
        doc,
        "e in enclosures",
        [
            Column("No.", 1.2, "{{ e.number }}"),
            Column("Document", 7.2, "{{ e.title }}"),
            Column("Author", 5.6, "{{ e.author }}"),
            Column("Date", 3.0, "{{ e.date }}"),
        ],
        # not kept whole: a list kept together moved to a page of its own and left half
        # a page empty under the signature (s18 #6: Ruby's request went to 6 pages); the
        # heading and intro keep with its first rows and its header row repeats instead
        # (keeping its first two rows together, tried in s19, moved Ruby's list to the
        # next page and pushed her chronology onto a sixth); but never the heading and
        # one row alone at a page's foot (s19 #11 D2, Ruby): two rows at the least
        keep_first=2,
        keep_last=1,
    )
    # no spacer here: the chronology starts a new page, and an empty paragraph after a
    # table that ends at the foot of a page made a blank page


def close(doc: Document) -> None:
    paragraph(
        doc,
        "Please confirm that you have received this request, and write to {{ me }} at the "
        "address above{% if requester.email %} or by email{% endif %}"
        "{% if requester.contact %}, for the attention of {{ requester.contact }}{% endif %}.",
        keep_with_next=True,  # never a signature alone on a page
    )
    # one "Copy to:" inside the signature block: the parents of a school-made request,
    # and SENDIASS when the case asks for it
    cell = _signature_cell(doc, "Yours faithfully", copy_line=False).rows[0].cells[0]
    with when(cell, "request_copy_to"):
        paragraph(cell, "", "Address")
        paragraph(cell, [R("Copy to: ", bold=True), "{{ request_copy_to|join('; ') }}"], "Address")


def chronology(doc: Document) -> None:
    # no page break before: the heading keeps with its table, so a short enclosure list
    # and a short chronology share a page rather than each standing alone on one
    heading(doc, "Appendix: evidence chronology")
    paragraph(
        doc,
        "The evidence about "
        + yp("{{ child.known_as }}\u2019s", "my")
        + " needs and support, oldest first; the last column gives its enclosure.",
        keep_with_next=True,  # heading and intro never alone at the foot of a page
    )
    with when(doc, "chronology"):
        loop_table(
            doc,
            "c in chronology",
            [
                Column("Date", 2.6, "{{ c.date }}"),
                # the author under the title, not a column of its own: rows two or
                # three lines high instead of five (s18 #6, a 5-page letter)
                Column(
                    "Document",
                    6.4,
                    [Para(R("{{ c.document }}", bold=True)), Para("{{ c.author }}")],
                ),
                Column("What it shows", 6.7, "{{ c.shows }}"),
                Column("Encl.", 1.3, "{{ c.ref }}"),
            ],
        )
        otherwise(doc)
        paragraph(doc, "No dated evidence is recorded yet.")
    # the paragraph a document must end with, 1 pt high: a full empty line after a
    # table that ends at a page's foot would carry over to a blank last page (s19 #11)
    end = paragraph(doc, "", "Address")
    end.paragraph_format.space_before = Pt(0)
    end.paragraph_format.space_after = Pt(0)
    end.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    end.paragraph_format.line_spacing = Pt(1)


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
    set_footer(doc, "{{ child.full_name }}", "Confidential")  # as the appeals have it
    top_of_letter(doc)
    the_request(doc)
    views(doc)
    current_setting(doc)
    legal_test(doc)
    limb_one(doc)
    limb_two(doc)
    decision(doc)
    advice(doc)
    close(doc)
    enclosure_list(doc)
    chronology(doc)
    return save_template(doc, path)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATE
    size = build(target)
    sys.stdout.write(f"wrote {target} ({size:,} bytes)\n")

"""Build ``templates/sen_support_plan.docx``, the SEN support plan (kind ``iep``).

Run ``python templates/src/build_sen_support_plan.py`` from the repository
root after changing this file, then commit the rebuilt .docx. The context
the tags use is built by ``sendocs/documents/iep.py`` and described in
docs/templates.md.

The plan follows one assess-plan-do-review cycle (SEND Code of Practice
6.44-6.56): who the child is and their views, their needs, what we found,
SMART outcomes, the provision, how the last plan went, and the review date
with an invitation to the meeting (6.65: parents met at least three times a
year). It ends with a sign-off block to print and sign at the meeting.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx.document import Document
from docx.shared import Pt
from docxbuilder import (
    Column,
    Detail,
    Para,
    R,
    Signatory,
    bullets,
    details_table,
    heading,
    loop_table,
    new_document,
    otherwise,
    paragraph,
    save_template,
    set_footer,
    set_header,
    signoff_table,
    tag,
    when,
)

TEMPLATE = Path(__file__).resolve().parents[1] / "sen_support_plan.docx"

KNOWN_AS = "{{ child.known_as }}"
SETTING = "{{ words.setting }}"  # "school", or "college" for an FE or sixth-form college
LEARNERS = "{{ words.learners }}"  # "pupils" / "students"
TEACHER = "{{ words.teacher }}"  # "Class teacher" / "Tutor"


def text_paragraphs(expr: str, style: str | None = None) -> list[Para]:
    """Free text as paragraphs with the ``paragraphs`` filter: a blank line starts a
    new paragraph, single line breaks (from wrapped YAML) join up. Use it only where
    ``expr`` is known to be non-empty (case text is stripped, so non-empty text has a
    paragraph)."""
    return [
        tag(f"for para in {expr}|paragraphs", always=True),
        Para("{{ para }}", style),
        tag("endfor"),
    ]


def add_text(doc: Document, expr: str, style: str | None = None) -> None:
    """Body paragraphs for free text (see :func:`text_paragraphs`)."""
    for para in text_paragraphs(expr, style):
        paragraph(doc, para.content, para.style)


def title_block(doc: Document) -> None:
    # each parent has a copy of their own (restricted details): the school's full copy
    # says at its head that it is not to be sent (a DPO's read of Elena's, s18 A2)
    with when(doc, "school_file_copy"):
        paragraph(
            doc,
            R(
                "School file copy: holds both parents\u2019 information; do not send. "
                "Send each parent their own copy.",
                bold=True,
            ),
        )
    paragraph(doc, "{{ title }}", "Title")
    # the EHC plan's reference on a line of its own: in the title it wrapped (s18)
    with when(doc, "reference_line"):
        paragraph(doc, "{{ reference_line }}", "Subtitle")
    paragraph(doc, "{{ child.full_name }} \u00b7 {{ school.name }}", "Subtitle")
    paragraph(
        doc,
        f"This plan sets out {KNOWN_AS}\u2019s special educational needs, what we are working "
        "towards this term{% if ehc %} (steps towards the outcomes in " + KNOWN_AS + "\u2019s "
        "education, health and care (EHC) plan){% endif %} and the support the "
        + SETTING
        + " will "
        "provide. "
        # parents who meet the school separately (restricted details, separate
        # households) are never told the plan is reviewed "together" (s17 E1)
        "{% if meeting.separate %}We will review this plan with each of " + KNOWN_AS + "\u2019s "
        "parents separately in the week of {{ meeting.week_of }}."
        "{% else %}We will review it together on {{ plan.review_date }}.{% endif %}",
    )
    # an appeal against the EHC plan: what Section I names and what is asked (s18 H)
    with when(doc, "appeal_note"):
        paragraph(doc, "{{ appeal_note }}")


SENCO_CONTACT = (
    '{{ [school.senco.name, school.senco.email, school.senco.phone]|select|join(" \u00b7 ") }}'
    # no phone of their own: the school's, so a parent without email can still call
    "{% if not school.senco.phone and school.phone %} \u00b7 {{ words.setting }} office "
    "{{ school.phone }}{% endif %}"
)
PARENT_NAMES = (
    # a parent's own copy lists only that parent (listed_parents, s18 A1)
    # by title, as their views and the sign-off name them ("Dr Ioan ap Gwilym")
    "{% for p in listed_parents %}{{ p.formal_name }} ({{ p.relationship }})"
    "{% if loop.revindex == 2 %} and {% elif not loop.last %}, {% endif %}{% endfor %}"
)


def details(doc: Document) -> None:
    # "College and student details" for a college (a student is not a pupil)
    heading(doc, "{{ words.setting|capitalize }} and {{ words.learner }} details")
    details_table(
        doc,
        [
            (Detail("Name", "{{ child.full_name }}"), Detail("Known as", KNOWN_AS)),
            (
                # the age is labelled with its date: other ages in the plan are at an
                # assessment's date, and an unlabelled pair reads as a contradiction
                Detail(
                    "Date of birth",
                    "{{ child.date_of_birth }} (age {{ age_text }} on {{ document_date }})",
                ),
                Detail("Year group", "{{ child.year_label }}"),
            ),
            (
                Detail("First language", "{{ child.first_language }}"),
                Detail("SEN status", "{{ sen_status }}"),
            ),
            Detail("UPN", "{{ child.upn }}", when="child.upn"),
            Detail(
                "EHC plan",
                "Issued {{ ehc.issued }}{% if ehc.last_review %}; last annual review "
                "{{ ehc.last_review }}{% endif %}{% if ehc.ref %} (reference {{ ehc.ref }})"
                "{% endif %}",
                when="ehc and ehc.issued",
            ),
            Detail(
                # one line in the label column ("Annual review due / by" broke: s18 H)
                "Annual review by",
                [Para(R("{{ ehc.review_due }}", bold=True))],
                when="ehc and ehc.review_due",
            ),
            (
                # the date it was agreed, when the case records it; a "written on" date
                # weeks after the start read as a plan written late (expert read, B10)
                Detail(
                    "Plan",
                    "Plan {{ plan.number }}, from {{ plan.start }}"
                    # "updated …" when the plan reports later events (Jordan, s18 I)
                    "{% if plan.agreed_on or plan.updated_on %} ("
                    "{% if plan.agreed_on %}agreed on {{ plan.agreed_on }}{% endif %}"
                    "{% if plan.agreed_on and plan.updated_on %}; {% endif %}"
                    "{% if plan.updated_on %}updated {{ plan.updated_on }}{% endif %})"
                    "{% endif %}",
                ),
                # separate meetings in the review's week: the week, as the text says it
                Detail(
                    "Review date",
                    [
                        Para(
                            R(
                                "{% if meeting.separate %}Week of {{ meeting.week_of_date }}"
                                "{% else %}{{ plan.review_date }}{% endif %}",
                                bold=True,
                            )
                        )
                    ],
                ),
            ),
            Detail(
                "{{ n.rank }}",
                "{% if n.code %}{{ n.type }} ({{ n.code }}){% else %}{{ n.area }}{% endif %}",
                loop="n in needs if n.rank",
            ),
            Detail("{{ words.setting|capitalize }}", "{{ school.name }}"),
            Detail("{{ words.senco }}", SENCO_CONTACT),
            Detail(TEACHER, "{{ class_teacher }}", when="class_teacher"),
            Detail("Parents and carers", PARENT_NAMES),
        ],
    )


def about_me(doc: Document) -> None:
    heading(doc, "About me")
    with when(doc, "child.about_me"):
        add_text(doc, "child.about_me", "Voice")
    heading(doc, f"What {KNOWN_AS} says about this plan", level=2)
    with when(doc, "plan.pupil_views"):
        add_text(doc, "plan.pupil_views", "Voice")
        otherwise(doc)
        paragraph(
            doc,
            f"{KNOWN_AS}\u2019s views have not been written down yet. We will ask {KNOWN_AS} "
            "what is going well and what would help, before the review.",
        )


def parent_views(doc: Document) -> None:
    # a young person's plan: their parents' views only with their agreement (s18 I)
    with when(doc, "not parent_views_withheld"):
        _parent_views(doc)


def _parent_views(doc: Document) -> None:
    heading(doc, "What parents and carers say")
    with when(doc, "parent_views_by"):
        paragraph(doc, "{{ parent_views_by }}", keep_with_next=True)
    # parents apart each have their own view, attributed by name, never one joint voice
    with when(doc, "plan.parent_views_each"):
        for para in [
            tag("for v in plan.parent_views_each", always=True),
            # a parent's own copy: the other parent's words are not there, and
            # nothing is said of them (s18 A1)
            # whose words, before the first paragraph of them (s19 #6: a joint view
            # too, "Ms Baxter: …"); a view of several paragraphs keeps them
            tag("for para in v.views|paragraphs", always=True),
            Para(
                [R("{% if loop.first %}{{ v.name }}: {% endif %}", bold=True), "{{ para }}"],
                "Voice",
            ),
            tag("endfor"),
            tag("endfor"),
        ]:
            paragraph(doc, para.content, para.style)
        otherwise(doc)
        with when(doc, "plan.parent_views"):
            add_text(doc, "plan.parent_views", "Voice")
            otherwise(doc)
            paragraph(
                doc,
                "Your views have not been written down yet. We would like to hear them: "
                "please tell us at the review meeting or contact the SENCO before then.",
            )


def needs(doc: Document) -> None:
    heading(doc, "Areas of need")
    loop_table(
        doc,
        "n in needs",
        [
            Column("Area of need", 3.6, "{{ n.area }}"),
            Column(
                "Type of need",
                4.4,
                [
                    Para(
                        "{% if n.code %}{{ n.type }} ({{ n.code }}){% else %}Not yet identified"
                        "{% endif %}"
                    ),
                    tag("if n.rank"),
                    Para(R("{{ n.rank }}", italic=True)),
                    tag("endif"),
                ],
            ),
            # the young person's own words below: "for me" (Jordan, s18 I)
            Column(
                "What this means for {% if needs_first_person %}me{% else %}"
                + KNOWN_AS
                + "{% endif %}",
                9.0,
                "{{ n.description }}",
            ),
        ],
    )
    with when(doc, "strengths"):
        heading(doc, f"What {KNOWN_AS} is good at", level=2)
        bullets(doc, "s in strengths", "{{ s }}")


RECOMMENDATION = [
    tag("for r in p.recommendations", always=True),  # for ... else: never an empty cell
    Para(
        [
            "{{ r.text }}",
            R(
                # a status with brackets of its own follows as a sentence, never
                # "(partly in place: … (one afternoon … 2027))" (Kai, s18 C)
                "{% if r.status_text and '(' in r.status_text %}. "
                "{{ r.status_text[0]|upper }}{{ r.status_text[1:] }}"
                "{% elif r.status_text %} ({{ r.status_text }}){% endif %}",
                italic=True,
            ),
        ],
        "TableBullet",
    ),
    tag("else"),
    Para("No recommendations recorded."),
    tag("endfor"),
]


def diagnoses_and_professionals(doc: Document) -> None:
    with when(doc, "diagnoses or professionals"):
        heading(doc, "Diagnoses and professionals involved")
        with when(doc, "diagnoses"):
            heading(doc, "Diagnoses", level=2)
            loop_table(
                doc,
                "d in diagnoses",
                [
                    Column(
                        "Diagnosis",
                        5.2,
                        [
                            Para(R("{{ d.condition }}", bold=True)),
                            tag("if d.notes"),
                            Para("{{ d.notes }}"),
                            tag("endif"),
                        ],
                    ),
                    Column("Diagnosed by", 8.4, "{{ d.diagnosed_by }}"),
                    Column("Date", 3.4, "{{ d.date }}"),
                ],
            )
        with when(doc, "professionals"):
            heading(doc, "Professionals involved", level=2)
            loop_table(
                doc,
                "p in professionals",
                [
                    Column(
                        "Who",
                        4.8,
                        [
                            Para(R("{{ p.name }}", bold=True)),
                            Para("{{ p.role }}"),
                            tag("if p.organisation"),
                            Para("{{ p.organisation }}"),
                            tag("endif"),
                        ],
                    ),
                    Column(
                        "Involvement",
                        3.8,
                        [
                            # empty (never "not recorded") when the case has no start date
                            Para(
                                "{% if p.involved_since %}Since {{ p.involved_since }}{% endif %}"
                            ),
                            tag("if p.report_dates"),
                            Para(
                                '{{ "Report" if p.report_dates|length == 1 else "Reports" }}: '
                                '{{ p.report_dates|map("date")|join_list }}'
                            ),
                            tag("endif"),
                        ],
                    ),
                    Column("Advice, and whether it is in place", 8.4, RECOMMENDATION),
                ],
            )


def what_we_found(doc: Document) -> None:
    a = "plan.assess"
    with when(doc, f"{a}.summary or {a}.attainment or {a}.external_advice"):
        heading(doc, "What we have found out")
        details_table(
            doc,
            [
                Detail("Summary", text_paragraphs(f"{a}.summary"), when=f"{a}.summary"),
                Detail(
                    "Attainment and progress",
                    text_paragraphs(f"{a}.attainment"),
                    when=f"{a}.attainment",
                ),
                Detail(
                    "Advice from specialists",
                    text_paragraphs(f"{a}.external_advice"),
                    when=f"{a}.external_advice",
                ),
            ],
            label_width_cm=4.2,
        )


def assessment_request(doc: Document) -> None:
    """The EHC needs assessment request the case records, if sent by the plan's date:
    who asked, when, and the reg 5(1) decision date (sendocs/documents/plan_request.py)."""
    with when(doc, "request"):
        heading_after_table(doc, "Request for an EHC needs assessment")
        paragraph(doc, "{{ request.text }}")


def outcomes(doc: Document) -> None:
    heading_after_table(doc, "Outcomes: what we are working towards")
    with when(doc, "plan.outcomes"):
        paragraph(
            doc,
            f"What we want {KNOWN_AS} to be able to do by the date beside each outcome, where "
            f"{KNOWN_AS} is now, and how we will know it has been achieved.",
            keep_with_next=True,
        )
        loop_table(
            doc,
            "row in plan.outcomes",
            [
                Column("No.", 1.0, "{{ row.number }}"),
                Column(
                    "Outcome",
                    4.5,
                    [
                        Para("{{ row.outcome }}"),
                        tag("if row.towards"),
                        Para(
                            R(
                                "Step towards E{{ row.ehc_outcome }} in the EHC plan",
                                italic=True,
                            )
                        ),
                        tag("endif"),
                    ],
                ),
                Column("Starting point", 3.4, "{{ row.baseline }}"),
                Column("How we will know", 3.7, "{{ row.success_criteria }}"),
                Column("By", 2.2, "{{ row.target_date }}"),
                Column("Who leads", 2.2, "{{ row.responsible }}"),
            ],
        )
        otherwise(doc)
        paragraph(doc, "No outcomes have been agreed yet: we will agree them together.")


def ehc_outcomes(doc: Document) -> None:
    with when(doc, "ehc and ehc.section_e"):
        heading(doc, "Outcomes in the EHC plan (Section E)")
        paragraph(
            doc,
            f"The outcomes below are those in {KNOWN_AS}\u2019s EHC plan. {{{{ ehc.links_text }}}}",
            keep_with_next=True,
        )
        loop_table(
            doc,
            "e in ehc.section_e",
            [
                # Section E's own labels (E1 …), never the plan's outcome numbers
                Column("No.", 1.0, "E{{ loop.index }}"),
                Column("Outcome in Section E of the EHC plan", 16.0, "{{ e }}"),
            ],
        )
    with when(doc, "ehc and ehc.section_f"):
        heading_after_table(doc, "Provision in the EHC plan (Section F)", level=2)
        paragraph(
            doc,
            f"Section F of {KNOWN_AS}\u2019s EHC plan sets out the special educational "
            "provision the local authority must secure (Children and Families Act 2014, "
            "section 42). The items below keep their numbers in the EHC plan; each is "
            "delivered by the support named beside it, set out under \u201cSupport we "
            "will provide\u201d.",
            keep_with_next=True,
        )
        loop_table(
            doc,
            "f in ehc.section_f_rows",
            [
                Column("No.", 1.0, "{{ f.label }}"),
                Column("Provision in Section F of the EHC plan", 9.0, "{{ f.text }}"),
                Column(
                    "Delivered by this support",
                    7.0,
                    [
                        tag("for r in f.rows", always=True),
                        Para("{{ r }}"),
                        tag("else"),
                        Para(
                            R(
                                "Not yet arranged: we will agree with you and the local "
                                "authority how it is delivered.",
                                italic=True,
                            )
                        ),
                        tag("endfor"),
                    ],
                ),
            ],
        )


def parent_requests(doc: Document) -> None:
    with when(doc, "plan.parent_requests"):
        heading(doc, "What you asked for, and how this plan answers it", level=2)
        loop_table(
            doc,
            "r in plan.parent_requests",
            [
                Column("You asked for", 7.0, "{{ r.request }}"),
                Column(
                    "How this plan answers it",
                    10.0,
                    "{{ r.answer }}",
                ),
            ],
        )


def strategies_and_home(doc: Document) -> None:
    with when(doc, "plan.strategies"):
        heading(doc, "Strategies for all adults")
        paragraph(
            doc,
            f"Every adult who works with {KNOWN_AS}, in class and around {SETTING}, will:",
            keep_with_next=True,
        )
        bullets(doc, "s in plan.strategies", "{{ s }}")
    with when(doc, "plan.help_at_home"):
        heading(doc, "How you can help at home")
        bullets(doc, "h in plan.help_at_home", "{{ h }}")


def heading_after_table(doc: Document, text: str, level: int = 1) -> None:
    """A heading that may follow a table: a 1 pt paragraph goes first, because
    LibreOffice ignores a heading's keep-with-next when it follows a table directly
    (it left "Support we will provide" alone at the foot of Sami's page 3)."""
    gap = paragraph(doc, "").paragraph_format
    gap.space_before = gap.space_after = Pt(0)
    gap.line_spacing = Pt(1)
    heading(doc, text, level=level)


def provision(doc: Document) -> None:
    heading_after_table(doc, "Support we will provide")
    with when(doc, "plan.additional"):
        paragraph(
            doc,
            f"This support is additional to, or different from, what other {LEARNERS} receive."
            "{% if words.secondary %} "
            f"{KNOWN_AS}\u2019s subject teachers remain responsible for {KNOWN_AS}\u2019s "
            "progress in their subjects, including when support happens outside the "
            "classroom."
            "{% elif not words.college %} The class teacher remains responsible for "
            f"{KNOWN_AS}\u2019s progress, including when support happens outside the "
            "classroom.{% endif %}",
            keep_with_next=True,
        )
        loop_table(
            doc,
            "row in plan.additional",
            [
                # widths: no word breaks inside a cell ("Individual arrangem/ent" in
                # Niamh's Group cell, s19 #3; tests/templates/test_plans_letters_s19.py
                # measures every word against its column)
                Column(
                    "Support, and the outcomes it serves",
                    5.2,
                    [
                        Para(R("{{ row.intervention }}", bold=True)),
                        tag("if row.description"),
                        Para("{{ row.description }}"),
                        tag("endif"),
                        # advice only partly in place: what is still missing, as the
                        # professionals table says it (one status everywhere)
                        # wider advice only partly in place: said apart from the row's
                        # own status, which follows its dates and Section F item
                        tag("if row.missing"),
                        Para(
                            R(
                                "{{ row.missing_by }}\u2019s advice is only partly in place: "
                                "{{ row.missing }}.",
                                italic=True,
                            )
                        ),
                        tag("endif"),
                        # a Section F item not in place: who was asked and the duty; the
                        # Status cell keeps to a short line (Sami's F2, s18 H); then what
                        # has happened since and what comes next (chased on …, s19 #10)
                        tag("if row.not_in_place"),
                        Para(R("{{ row.not_in_place }}", italic=True)),
                        tag("endif"),
                        tag("if row.next_steps"),
                        Para(R("{{ row.next_steps }}", italic=True)),
                        tag("endif"),
                        tag("for o in row.serves"),
                        Para(R("For outcome {{ o.number }}: {{ o.outcome }}", italic=True)),
                        tag("endfor"),
                    ],
                ),
                Column("Who and where", 2.6, "{{ row.who }}, {{ row.setting|lower }}"),
                Column("Group", 2.3, "{{ row.group }}"),
                Column("How often", 2.6, "{{ row.frequency_in_all }}"),
                Column("How long", 2.4, "{{ row.duration }}"),
                Column("Status", 1.9, "{{ row.status }}"),
            ],
            # no support row splits across a page (expert read: "four." and a date left
            # alone on the next page); the heading keeps with the table through
            # heading_after_table and the intro paragraph's keep-with-next
            cant_split=True,
        )
        otherwise(doc)
        paragraph(doc, "The support for this plan is still being arranged.")
    class_teaching(doc)


def class_teaching(doc: Document) -> None:
    """Ordinary class teaching adapted for the child: part of what every pupil gets, so
    never under "additional to, or different from" and with no time or cost (Ella's
    Makaton signing, s18 H; the provision map lists it apart the same way)."""
    with when(doc, "plan.class_teaching"):
        heading_after_table(doc, "{{ class_teaching_heading }}", level=2)
        paragraph(
            doc,
            f"This is part of the teaching the whole class gets, adapted for {KNOWN_AS}, "
            "at no extra cost.",
            keep_with_next=True,
        )
        loop_table(
            doc,
            "row in plan.class_teaching",
            [
                Column(
                    "What we do, and the outcomes it serves",
                    7.6,
                    [
                        Para(R("{{ row.intervention }}", bold=True)),
                        tag("if row.description"),
                        Para("{{ row.description }}"),
                        tag("endif"),
                        tag("for o in row.serves"),
                        Para(R("For outcome {{ o.number }}: {{ o.outcome }}", italic=True)),
                        tag("endfor"),
                    ],
                ),
                Column("Who and where", 3.2, "{{ row.who }}, {{ row.setting|lower }}"),
                Column("When", 3.4, "{{ row.frequency }}"),
                Column("Status", 2.8, "{{ row.status }}"),
            ],
            cant_split=True,
        )


def previous_plan(doc: Document) -> None:
    with when(doc, "previous"):
        heading_after_table(doc, "How did the last plan go?")
        paragraph(
            doc,
            "Plan {{ plan.number - 1 }} started on {{ previous.start }} and "
            "{% if case.previous_cycles[-1].review %}was reviewed{% else %}was due for review"
            "{% endif %} on {{ previous.review_date }}.",
            keep_with_next=True,
        )
        with when(doc, "previous.outcomes"):
            loop_table(
                doc,
                "row in previous.outcomes",
                [
                    Column("No.", 1.0, "{{ row.number }}"),
                    Column("Outcome", 6.6, "{{ row.outcome }}"),
                    Column("Result", 2.4, [Para(R("{{ row.status }}", bold=True))]),
                    Column("What showed this", 7.0, "{{ row.evidence }}"),
                ],
            )
        with when(doc, "previous.effectiveness or previous.next_steps"):
            paragraph(doc, "")
            details_table(
                doc,
                [
                    Detail(
                        "How well the support worked",
                        text_paragraphs("previous.effectiveness"),
                        when="previous.effectiveness",
                    ),
                    Detail(
                        "Next steps agreed",
                        text_paragraphs("previous.next_steps"),
                        when="previous.next_steps",
                    ),
                    # what that review planned or awaited and has happened since, said
                    # as done: a request made, a refusal, an appeal (iep.since_review)
                    Detail("Since then", "{{ previous.since }}", when="previous.since"),
                ],
                label_width_cm=4.2,
            )


def exam_access(doc: Document) -> None:
    with when(doc, "exam_access_arrangements"):
        heading(doc, "Exam access arrangements")
        bullets(doc, "e in exam_access_arrangements", "{{ e }}")


REVIEW_CONTACT = (
    "If the date does not suit you, or you would like to talk before then, please contact "
    "{{ school.senco.name }}, {{ words.senco_in_sentence }}"
    "{% if school.senco.email %}, by email at {{ school.senco.email }}{% endif %}"
    "{% if school.senco.phone %}{% if school.senco.email %} or{% else %},{% endif %}"
    " by phone on {{ school.senco.phone }}"
    "{% elif school.phone %}{% if school.senco.email %} or{% else %},{% endif %}"
    " by phone through the {{ words.setting }} office on {{ school.phone }}{% endif %}."
)


REVIEW_WHERE = (
    "{% if plan.review_place %}in {{ plan.review_place }}{% else %}at {{ words.setting }}"
    "{% endif %}"
)
"""Where the review meeting is: the case's ``review_place`` ("in the SENCO’s office"),
else "at school" ("at college"), the letter's default (s.68 letters say it already)."""


def review(doc: Document) -> None:
    heading_after_table(doc, "Reviewing this plan")
    paragraph(
        doc,
        [
            # where, as the letter says it: the case's place, else at school (or college)
            "{% if meeting.separate %}We will meet each of " + KNOWN_AS + "\u2019s parents "
            "separately " + REVIEW_WHERE + " to review this plan in the week of "
            "{% else %}We will meet to review this plan on {% endif %}",
            R(
                "{% if meeting.separate %}{{ meeting.week_of }}"
                "{% else %}{{ plan.review_date_full }}{% endif %}",
                bold=True,
            ),
            "{% if not meeting.separate %}"
            "{% if plan.review_time %} at {{ plan.review_time }}{% endif %}"
            "{% if plan.review_place %}, in {{ plan.review_place }}"
            "{% else %} at {{ words.setting }}{% endif %}{% endif %}.",
        ],
        keep_with_next=True,
    )
    with when(doc, "ehc and ehc.review_due"):
        paragraph(
            doc,
            [
                f"{KNOWN_AS}\u2019s EHC plan must be reviewed by the local authority at least "
                "every 12 months (section 44 of the Children and Families Act 2014). The next "
                "annual review is due by ",
                R("{{ ehc.review_due }}", bold=True),
                "{% if ehc.review_due_passed %}, a date that has passed: we will ask the local "
                "authority to arrange it{% endif %}.",
            ],
            keep_with_next=True,
        )
    paragraph(
        doc,
        # a young person agrees their own plan: the plan speaks to them, and to their
        # parents only when they want them involved (child.parents_involved)
        "{% if words.young_person %}"
        "At the review we will look at each outcome with you, listen to your views"
        "{% if child.parents_involved %} and your parents\u2019{% endif %}, and decide "
        "together what should happen next."
        "{% elif words.college %}"
        f"At the review we will look at each outcome, listen to {KNOWN_AS}\u2019s views and "
        "yours, and decide together what should happen next."
        "{% else %}"
        "We meet parents and carers at least three times a year to talk about how "
        f"{KNOWN_AS} is getting on and to agree the next steps together"
        # 6.65 is the SEN support duty; an EHC plan's own review is s.44, said elsewhere
        "{% if not has_ehc_plan %} (SEND Code of Practice, paragraph 6.65){% endif %}"
        ". At the review we will look at each outcome, listen to "
        f"{KNOWN_AS}\u2019s views and yours, and decide together what should happen next."
        "{% endif %}",
        keep_with_next=True,
    )
    paragraph(doc, REVIEW_CONTACT, keep_with_next=True)


def sign_off(doc: Document) -> None:
    heading(doc, "Agreed by")
    table = signoff_table(
        doc,
        [
            # Past compulsory school age the young person agrees their own plan (CAFA 2014
            # Part 3): parents sign only when the young person wants them involved.
            Signatory(
                "{{ words.learner|capitalize }}", "{{ child.full_name }}", when="words.young_person"
            ),
            Signatory(
                "Parent or carer",
                "{{ p.formal_name }}",
                loop="p in signers",
                when="words.parents_sign",
            ),
            Signatory(
                "{{ words.learner|capitalize }}",
                "{{ child.full_name }}",
                when="not words.young_person",
            ),
            Signatory("{{ words.senco }}", "{{ school.senco.name }}"),
            Signatory(TEACHER, "{{ class_teacher }}"),
        ],
    )
    # the last row keeps with the closing sentence too, so the last page never holds
    # that one sentence alone (expert read, Leo page 4)
    for cell in table.rows[-1].cells:
        for p in cell.paragraphs:
            p.paragraph_format.keep_with_next = True
    # Word wants a paragraph after a table at the end of the document.
    paragraph(
        doc,
        "{% if words.young_person %}"
        f"A copy of this plan is given to {KNOWN_AS} and shared"
        f"{{% if words.parents_sign %}} with {KNOWN_AS}’s parents or carers and{{% endif %}} "
        f"with the staff who work with {KNOWN_AS}."
        "{% else %}"
        f"A copy of this plan is shared with {KNOWN_AS}’s parents or carers and with the "
        f"staff who work with {KNOWN_AS}."
        "{% endif %}",
        "SmallPrint",
    )


def keep_first_rows(doc: Document) -> None:
    """The first real row of every table keeps with the next row, so a heading (which keeps
    with the table) never ends a page with one row under it. Header rows already keep
    (Table Heading style); ``{%tr %}`` tag rows vanish on rendering, so the row after
    them is the one marked."""
    for table in doc.tables:
        for row in table.rows:
            text = "".join(c.text for c in row.cells)
            if text.startswith("{%tr"):
                continue
            for cell in row.cells:
                for p in cell.paragraphs:
                    p.paragraph_format.keep_with_next = True
            break


def build(path: Path = TEMPLATE) -> int:
    """Build the template at ``path``; returns its size in bytes."""
    doc = new_document(
        title="Support plan",
        subject="School support plan: assess, plan, do, review",
        keywords="SEN support, IEP, sendocs",
    )
    # the school's full copy says "do not send" on every page, not only above the title
    # (s19 #2): a page 3 printed on its own is still marked
    do_not_send = "{% if school_file_copy %}"
    set_header(
        doc,
        "{{ school.name }}",
        [
            R(do_not_send + "School file copy: do not send", bold=True),
            R("{% else %}{{ header_title }}{% endif %}"),
        ],
        first_page=[R(do_not_send + "School file copy: do not send{% endif %}", bold=True)],
    )
    set_footer(doc, "{{ child.full_name }}", "Confidential")
    title_block(doc)
    details(doc)
    about_me(doc)
    parent_views(doc)
    parent_requests(doc)
    needs(doc)
    diagnoses_and_professionals(doc)
    what_we_found(doc)
    assessment_request(doc)
    ehc_outcomes(doc)
    outcomes(doc)
    provision(doc)
    strategies_and_home(doc)
    previous_plan(doc)
    exam_access(doc)
    review(doc)
    sign_off(doc)
    keep_first_rows(doc)
    return save_template(doc, path)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATE
    size = build(target)
    sys.stdout.write(f"wrote {target} ({size:,} bytes)\n")

"""Build ``templates/parent_notification.docx``, the s.68 letter (kind ``parent-notification``).

Run ``python templates/src/build_parent_notification.py`` from the repository
root after changing this file, then commit the rebuilt .docx. The context is
built by ``sendocs/documents/parent_notification.py`` (docs/templates.md).

Section 68 of the Children and Families Act 2014: where special educational
provision is made for a child at a maintained school, academy or PRU and no
EHC plan is maintained, the appropriate authority must tell the parent. The
letter says that plainly, then what a parent needs next: the needs, the
outcomes, the support and who gives it, the review meeting (Code 6.65: at
least three meetings a year), who to contact, the SEN information report
(s.69), the local SENDIASS and the right to ask the local authority for an
EHC needs assessment (s.36(1)). Written for a reading age of about 12.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from docx.document import Document
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docxbuilder import (
    Column,
    Para,
    R,
    _new_table,
    _row_props,
    bullets,
    heading,
    keep_previous_with_next,
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
from letter_blocks import address_lines, frameless, line_if, spacer

TEMPLATE = Path(__file__).resolve().parents[1] / "parent_notification.docx"

NAME = "{{ child.known_as }}"
NAMES = f"{NAME}\u2019s"
# "The Governing Body of …" reads "on behalf of the Governing Body of …" mid-sentence.
AUTHORITY = (
    "{% if authority.startswith('The ') %}the {{ authority[4:] }}"
    "{% else %}{{ authority }}{% endif %}"
)


def letterhead(doc: Document) -> None:
    paragraph(doc, R("{{ school.name }}", bold=True), "AddressRight")
    with when(doc, "school.address"):
        address_lines(doc, "school.address.all_lines", "AddressRight")
    line_if(doc, "school.phone", "Telephone: {{ school.phone }}", "AddressRight")
    line_if(doc, "school.email", "Email: {{ school.email }}", "AddressRight")
    spacer(doc)


def addressee(doc: Document) -> None:
    paragraph(doc, "{{ letter.to_names }}", "Address")
    address_lines(doc, "letter.address_lines")
    # no postal address: the letter goes by email, and says so (never another household's)
    line_if(
        doc,
        "letter.email_to and not letter.address_lines",
        "By email to {{ letter.email_to }}",
    )
    spacer(doc)
    paragraph(doc, "{{ document_date }}")
    paragraph(doc, "{{ letter.salutation }}")
    paragraph(doc, "Special educational provision for {{ child_named }}", "Subject")
    language_offer(doc)


def language_offer(doc: Document) -> None:
    """The offer of the letter in the reader's language, first under the heading (the
    reader's language, then English): on page 2 under "More information" a parent who
    needs it had already struggled through the letter (Ms de la Cruz, s19 A2 #2)."""
    with when(doc, "letter.offer_translated"):
        paragraph(doc, "{{ letter.offer_translated }}")
    with when(doc, "letter.languages"):
        paragraph(
            doc,
            "If you would like this letter, or the plan, in {{ letter.language_text }}, or an "
            "interpreter at the meeting, please tell us and we will arrange it free of charge.",
        )


def opening(doc: Document) -> None:
    """Support already running (the first plan started before the letter): the letter
    confirms it formally, as s.68 requires, and does not announce it as news. A first
    plan the letter goes out with is announced."""
    with when(doc, "opening.running_since"):
        paragraph(
            doc,
            # "As you know" only to a parent who has met the school about it (s18 F)
            "{% if opening.lead %}{{ opening.lead }}"
            + NAME
            + "{% else %}"
            + NAME
            + "{% endif %} has been getting special educational needs (SEN) support "
            "at {{ school.name }} since {{ opening.running_since }}. This letter confirms "
            "formally, as section 68 of the Children and Families Act 2014 requires, that "
            f"{{{{ school.name }}}} is making special educational provision for {NAME}, because "
            f"we consider that {NAME} has special educational needs. This is help that is "
            "extra to, or different from, the help most pupils of the same age get at school.",
        )
        paragraph(
            doc,
            "This letter sets out the help in {% if opening.plan_from %}the plan from "
            "{{ opening.plan_from }}{% else %}" + NAMES + " plan{% endif %} and how you can "
            "be part of it.",
        )
        otherwise(doc)
        _announce(doc)


def _announce(doc: Document) -> None:
    paragraph(
        doc,
        "I am writing to let you know that {{ school.name }} is making special educational "
        f"provision for {NAME}. This is because we consider that {NAME} has special "
        f"educational needs. It means {NAME} gets help that is extra to, or different from, "
        "the help most pupils of the same age get at school.",
    )
    paragraph(
        doc,
        "The law says the school must tell you when it does this (section 68 of the "
        "Children and Families Act 2014). This letter sets out the help we have planned "
        "and how you can be part of it.",
    )


def needs(doc: Document) -> None:
    heading(doc, f"{NAMES} needs", level=2)
    paragraph(doc, f"We think {NAME} needs extra help {{{{ areas_text }}}}.")
    bullets(
        doc,
        "n in needs",
        [
            R("{{ n.area }}", bold=True),
            "{% if n.type and n.type|lower != n.area|lower %} ({{ n.type|lower }}){% endif %}: "
            "{{ n.description }}",
        ],
    )


def outcomes(doc: Document) -> None:
    with when(doc, "outcomes"):
        heading(doc, "What we are working towards", level=2)
        # each outcome by its own date unless they share one: never "by the review" for
        # an outcome due after it
        paragraph(
            doc,
            "{% if outcomes_by.common %}By {{ outcomes_by.common }}, we want "
            f"{NAME} to be able to do these things:{{% else %}}We want {NAME} to be able to "
            "do these things, each by the date shown:{% endif %}",
            keep_with_next=True,
        )
        bullets(
            doc,
            "o in outcomes_by.rows",
            [
                R("{% if not outcomes_by.common %}By {{ o.by }}: {% endif %}", bold=True),
                "{{ o.outcome }}",
            ],
        )


def provision(doc: Document) -> None:
    with when(doc, "provision"):
        heading(doc, f"The support {NAME} will get", level=2)
        paragraph(
            doc,
            f"This is the support in {NAMES} plan, what it is for, who gives it and how often.",
            keep_with_next=True,
        )
        # The support's name and what it involves in columns of their own, so a name never
        # runs into its description; "what it is for" falls back to the outcomes it serves.
        loop_table(
            doc,
            "p in provision",
            [
                Column("Support", 3.8, [Para(R("{{ p.intervention }}", bold=True))]),
                Column(
                    "What it is for",
                    4.5,
                    # p.involves is never empty (see parent_notification.involves)
                    # description, then "For: <outcomes>" in a paragraph of its own
                    [
                        tag("for line in p.involves", always=True),
                        Para([R("{{ line.label }}", bold=True), "{{ line.text }}"]),
                        tag("endfor"),
                    ],
                ),
                Column("Who gives it", 3.0, "{{ p.who }}"),
                Column("Group", 2.5, "{{ p.group }}"),
                Column("How often", 3.2, "{{ p.frequency_in_all }}"),
            ],
        )
        paragraph(doc, "", "Address")


SENCO_CONTACT = (
    "{% if not (senco.email or senco.phone) %}through the school office"
    "{% if school.phone %} on {{ school.phone }}{% endif %} {% endif %}"
)
# Each address on a line of its own (a docx line break, "\n" -> <w:br/>): wrapped at
# its hyphen, "dpo@southmead-" / "trust..." lost the hyphen in text extraction (s19 F2).
SENCO_LINES = (
    "{% if senco.email %}\nEmail: {{ senco.email }}{% endif %}"
    "{% if senco.phone %}\nTelephone: {{ senco.phone }}{% endif %}"
)


# The review is too close for a slip returned by post (the slip's date would be fewer
# than 5 working days after the letter, s17 E2): the parent rings or emails instead.
RING_TO_ARRANGE = (
    "{% if meeting.ring %}Please ring or email {{ senco.addressed_as or senco.name }} "
    "{% if meeting.ring_by %}by {{ meeting.ring_by }}{% else %}as soon as you can{% endif %} "
    "{% if meeting.ask_time %}to arrange a time{% else %}to tell us whether you can come"
    "{% endif %} (you can also give the reply slip at the end of this letter to the school "
    "office). "
)


def review_and_contact(doc: Document) -> None:
    heading(doc, "Meeting to talk about how it is going", level=2)
    # parents whose details are restricted are never given one shared date and time
    with when(doc, "meeting.separate"):
        paragraph(
            doc,
            [
                "We will arrange a separate review meeting with you "
                "{% if review_place %}in {{ review_place }}{% else %}at school{% endif %} "
                "in the week of ",
                R("{{ meeting.week_of }}", bold=True),
                f" to talk about how {NAME} is getting on. ",
                RING_TO_ARRANGE + "{% else %}Please tell us on the "
                "reply slip at the end of this letter which days and times suit you that week, "
                "and return it "
                "{% if meeting.reply_by %}by {{ meeting.reply_by }}{% else %}as soon as you "
                "can{% endif %}. {% endif %}Your views, and ",
                f"{NAMES}, help us decide what happens next.",
            ],
        )
        otherwise(doc)
        paragraph(
            doc,
            [
                f"We will review {NAMES} support with you on ",
                R("{{ review_date_full }}", bold=True),
                "{% if review_time %} at {{ review_time }}{% endif %}"
                "{% if review_place %}, in {{ review_place }}{% else %} at school{% endif %}. ",
                "Please come to this meeting: your views, and ",
                f"{NAMES}, help us decide what happens next. ",
                RING_TO_ARRANGE + "{% else %}"
                "{% if review_time %}Please tell us on the reply slip at the end of this letter "
                "whether you can come{% else %}Please tell us on the reply slip at the end of "
                "this letter a time that suits you on that day{% endif %}, and return it "
                "{% if meeting.reply_by %}by {{ meeting.reply_by }}"
                "{% else %}as soon as you can{% endif %}. {% endif %}If the date does not suit "
                "you, let us "
                "know and we will find another time."
                "{% if meeting.offer_separate %} If you would rather meet us on your own, tell "
                "us and we will arrange a separate meeting.{% endif %}",
            ],
        )
    paragraph(
        doc,
        f"We will meet you at least three times a year to talk about how {NAME} is getting "
        "on and to agree the next steps together.",
    )
    heading(doc, "Who to contact", level=2)
    paragraph(
        doc,
        "{{ senco.name }} is our {{ senco.role or 'SENCO' }}, who organises the support for "
        "pupils with special educational needs. You can contact "
        "{{ senco.addressed_as or senco.name }} "
        f"{SENCO_CONTACT}during the school day if you have questions or worries.{SENCO_LINES}",
    )


def more_information(doc: Document) -> None:
    heading(doc, "More information and advice", level=2)
    with when(doc, "school.sen_information_report_url"):
        paragraph(
            doc,
            "Our SEN information report explains how the school supports pupils with special "
            "educational needs. You can read it at:\n{{ school.sen_information_report_url }}",
        )
    with when(doc, "la.sendiass"):
        paragraph(
            doc,
            "{{ la.sendiass.name }} gives free, impartial advice to parents about special "
            "educational needs. It is separate from the school and the council."
            "{% if la.sendiass.phone %}\nTelephone: {{ la.sendiass.phone }}{% endif %}"
            "{% if la.sendiass.website %}\nWebsite: {{ la.sendiass.website }}{% endif %}"
            "{% if la.sendiass.email %}\nEmail: {{ la.sendiass.email }}{% endif %}",
        )
    paragraph(
        doc,
        # a right already used is not offered again: say what happened and where to get help
        "{% if assessment_refused_on %}"
        f"{{{{ la.name }}}} decided on {{{{ assessment_refused_on }}}} not to carry out an "
        f"education, health and care (EHC) needs assessment for {NAME}. "
        # right, mediation step and time limit: sendocs/documents/refusal_appeal.py
        "{{ refusal_appeal }} We are happy to talk this through "
        "with you{% if la.sendiass %}, and {{ la.sendiass.name }} can advise you on the "
        "appeal{% endif %}."
        "{% elif request %}"
        "{{ request.text }} We are happy to talk this through with you"
        "{% if la.sendiass %}, and {{ la.sendiass.name }} can help too{% endif %}."
        "{% else %}"
        "You also have the right to ask the local authority, {{ la.name }}, to carry out an "
        f"education, health and care (EHC) needs assessment for {NAME} (section 36(1) of the "
        "Children and Families Act 2014). We are happy to talk this through with you"
        "{% if la.sendiass %}, and {{ la.sendiass.name }} can help too{% endif %}."
        "{% endif %}",
    )
    # how the school uses the family's information and who its DPO is (a DPO's read)
    with when(doc, "privacy"):
        paragraph(doc, "{{ privacy }}")


SLIP_WIDTH_CM = 16.0


def closing_block(doc: Document) -> Any:
    """One borderless table row that cannot split: the closing, signature and enclosure
    line, kept on the page of the letter's last paragraph. Returns the row's one cell.

    LibreOffice broke every keep-with-next chain of *paragraphs* we gave it here; a row
    that cannot split is the keep LibreOffice and Word both honour, and the paragraph
    before it (kept with the next) travels with it, so the signature never stands alone.
    The reply slip is not in this block (s19 #1): with it, the block was about 40 % of a
    page and, not fitting, jumped to the next page and left a 30-46 % hole on page 2
    (Leo, Niamh, Elena). The slip is a separate tear-off (:func:`reply_slip`).
    """
    keep_previous_with_next(doc)
    table = doc.add_table(rows=1, cols=1)
    frameless(table, SLIP_WIDTH_CM, nil_borders=True)
    table._tbl.tblGrid.gridCol_lst[0].w = Cm(SLIP_WIDTH_CM)
    _row_props(table.rows[0], cant_split=True)
    cell = table.rows[0].cells[0]
    cell.width = Cm(SLIP_WIDTH_CM)
    return cell


def sign_off(box: Any) -> None:
    # inside the closing block (a row that cannot split): no keep chains needed, and
    # nothing above the block is held back with it
    paragraph(box, R("Yours sincerely"))
    for _ in range(2):  # room to sign; the block is kept short so it fits more often
        paragraph(box, "", "Address")
    paragraph(box, R("{{ senco.name }}", bold=True), "Address")
    paragraph(box, "{{ senco.role or 'SENCO' }}, {{ school.name }}", "Address")
    paragraph(box, f"on behalf of {AUTHORITY}", "Address")
    paragraph(box, "", "Address")
    paragraph(box, f"Enclosed: {NAMES} support plan", "Address")
    with when(box, "letter.copy_to"):
        paragraph(box, "", "Address")
        paragraph(
            box,
            "A copy of this letter has also been sent to {{ letter.copy_to|join_list }}.",
            "Address",
        )


I_WE = "{% if letter.plural %}We{% else %}I{% endif %}"
"""The slip's reader: "We" when the letter is to two people jointly, else "I"."""
ME_US = "{% if letter.plural %}us{% else %}me{% endif %}"


def reply_slip(doc: Document) -> None:
    """A slip to tear off and return: coming to the review, or another time.

    A block of its own after the signature (a bordered row that cannot split, the
    scissors line kept with it): where it does not fit under the signature it starts
    the next page whole, as a tear-off that says on its face whose slip it is, the
    school, and to whom and by when to return it, so the letter above never leaves a
    hole for it.
    """
    paragraph(doc, "\u2702 " + "- " * 30, "SmallPrint", keep_with_next=True)  # one line
    table = _new_table(doc, 1, [SLIP_WIDTH_CM])
    look = table._tbl.tblPr.find(qn("w:tblLook"))
    if look is not None:
        look.set(qn("w:firstRow"), "0")  # one row: not a shaded header
    _row_props(table.rows[0], cant_split=True)
    slip = table.rows[0].cells[0]
    empty = slip.paragraphs[0]._p
    title = heading(slip, "Reply slip: review meeting", level=2).paragraph_format
    title.space_before = Pt(2)
    paragraph(
        slip,
        "Please return this slip to {{ senco.addressed_as or senco.name }} at "
        "{{ school.name }}{% if meeting.reply_by %} by {{ meeting.reply_by }}{% endif %}"
        "{% if letter.email_to and senco.email %}, or reply by email to {{ senco.email }}"
        "{% endif %}. "
        "{% if meeting.separate %}We will arrange a separate meeting with you about "
        "{{ child_named }}\u2019s support "
        "{% if review_place %}in {{ review_place }}{% else %}at school{% endif %} "
        "in the week of {{ meeting.week_of }}"
        "{% else %}The review of {{ child_named }}\u2019s support is on "
        "{{ review_date_full }}"
        "{% if review_time %} at {{ review_time }}{% endif %}"
        "{% if review_place %}, in {{ review_place }}{% endif %}{% endif %}.",
    )
    # a slip for two readers jointly ("Mrs Okafor and Mr Okafor") speaks for both: "We
    # will come", "Times that suit us"; for one reader, "I" and "me"
    for line in (
        f"\u2610  {{% if meeting.separate %}}{I_WE} can come that week. Days and times: "
        f"______________________{{% elif meeting.ask_time %}}{I_WE} will come. Times that "
        f"suit {ME_US} on {{{{ review_date_full }}}}: ________________"
        f"{{% else %}}{I_WE} will come to the meeting.{{% endif %}}",
        f"\u2610  {{% if meeting.separate %}}That week does not suit {ME_US}. Times that suit "
        f"{ME_US}: ______________{{% else %}}{I_WE} cannot come then. Times that suit {ME_US}: "
        "______________________________{% endif %}",
        f"\u2610  {I_WE} would like an interpreter. Language: _______________________________",
        "Name: ____________________________________   Telephone: ____________________",
        "Signed: __________________________________   Date: _________________________",
    ):
        paragraph(slip, line)
    empty.getparent().remove(empty)


def build(path: Path = TEMPLATE) -> int:
    """Build the template at ``path``; returns its size in bytes."""
    doc = new_document(
        title="Special educational provision: letter to parents",
        subject="Notice under section 68 of the Children and Families Act 2014",
        keywords="SEN support, parental notification, sendocs",
    )
    set_header(doc, "{{ school.name }}", "{{ child_named }}", first_page="")
    set_footer(doc, "{{ school.name }}", "Private and confidential")
    letterhead(doc)
    addressee(doc)
    opening(doc)
    needs(doc)
    outcomes(doc)
    provision(doc)
    review_and_contact(doc)
    more_information(doc)
    box = closing_block(doc)
    opening_empty = box.paragraphs[0]._p
    sign_off(box)
    opening_empty.getparent().remove(opening_empty)
    reply_slip(doc)
    # Word needs a paragraph after a closing table: 1 pt so it never makes a page
    tail = paragraph(doc, "", "Address").paragraph_format
    tail.space_before = tail.space_after = Pt(0)
    tail.line_spacing = Pt(1)
    return save_template(doc, path)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATE
    size = build(target)
    sys.stdout.write(f"wrote {target} ({size:,} bytes)\n")

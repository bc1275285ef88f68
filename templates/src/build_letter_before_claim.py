"""Build ``templates/letter_before_claim.docx``: a letter before claim under the
Pre-Action Protocol for Judicial Review when the local authority has not decided
whether to carry out an EHC needs assessment within 6 weeks (kind
``letter-before-claim``).

Run ``python templates/src/build_letter_before_claim.py`` from the repository
root after changing this file, then commit the rebuilt .docx. The context is
the request's (``sendocs/documents/assessment_request.py``), voiced for the
parent or young person, plus ``reply_by``, ``reply_by_full``, ``days_late``,
``made_by_school``, ``earlier_lbc`` (the date of a letter before claim already sent,
or "") and ``litigation_friend_until`` (a young person's 18th birthday when they
write before it, or "") (``sendocs/documents/letter_before_claim.py``).

The headings follow the protocol's model letter; the law is regulation 5(1)
of the SEND Regulations 2014 and section 36 of the Children and Families Act
2014, nothing more (domain brief §11).
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx.document import Document
from docx.shared import Pt
from docxbuilder import (
    Detail,
    R,
    details_table,
    heading,
    new_document,
    paragraph,
    save_template,
    set_footer,
    set_header,
    when,
)
from letter_blocks import (
    _signature_cell,
    la_address_block,
    requester_block,
    spacer,
)

TEMPLATE = Path(__file__).resolve().parents[1] / "letter_before_claim.docx"

NAME = "{{ child.known_as }}"
HEADINGS = (
    "The proposed claim",
    "The claimant",
    "The defendant",
    "References",
    "The matter being challenged",
    "Interested parties",
    "The facts",
    "The law and why the failure is unlawful",
    "The action the local authority is expected to take",
    "Alternative dispute resolution",
    "Information and documents sought",
    "Legal advisers",
    "Address for reply and proposed reply date",
)


def numbered(doc: Document, title: str) -> None:
    heading(doc, f"{HEADINGS.index(title) + 1}. {title}", level=2)


def top_of_letter(doc: Document) -> None:
    requester_block(doc)
    spacer(doc)
    la_address_block(doc)
    spacer(doc)
    paragraph(doc, "{{ document_date }}")
    paragraph(doc, "Dear Sir or Madam")
    paragraph(
        doc,
        "Letter before claim: failure to decide whether to carry out an EHC needs assessment",
        "Subject",
    )
    details_table(
        doc,
        [
            Detail("{{ person_label }}", "{{ child_intro }}"),
            Detail("Date of birth", "{{ child.date_of_birth }}"),
            Detail("Request sent", "{{ sent_on }} ({{ delivery }})"),
            Detail("Your reference", "{{ request.la_reference }}", when="request.la_reference"),
            Detail("Reply by", R("{{ reply_by_full }}", bold=True)),
        ],
        label_width_cm=4.2,
    )
    spacer(doc)
    with when(doc, "not earlier_lbc"):
        paragraph(
            doc,
            "This is a letter before claim under the Pre-Action Protocol for Judicial Review. "
            "Please reply by {{ reply_by_full }}, 14 days from the date of this letter.",
        )
    # a further letter refers to the first and keeps its reply date
    with when(doc, "earlier_lbc"):
        paragraph(
            doc,
            "Further to {{ my }} letter before claim of {{ earlier_lbc }}, to which you have "
            "not replied, this is a further letter before claim under the Pre-Action Protocol "
            "for Judicial Review. Please reply by {{ reply_by_full }}, the date given in that "
            "letter.",
        )


def claim(doc: Document) -> None:
    numbered(doc, "The proposed claim")
    paragraph(
        doc,
        "A claim for judicial review of the failure of {{ la.name }} to decide whether to "
        "carry out an education, health and care (EHC) needs assessment for "
        "{{ child_intro }}, and to notify {{ me }} of that decision, within 6 weeks of "
        "receiving the request, as regulation 5(1) of the Special Educational Needs and "
        "Disability Regulations 2014 requires.",
    )
    numbered(doc, "The claimant")
    paragraph(
        doc,
        "{% if variant == 'young_person' %}{{ requester.name }}, a young person, who made "
        "the request{% else %}{{ requester.name }}, {{ child.known_as }}\u2019s "
        "{{ requester.capacity }}{% endif %}, of the address at the top of this letter.",
    )
    numbered(doc, "The defendant")
    paragraph(
        doc,
        "{{ la.name }}{% if la.sen_team %} ({{ la.sen_team }}){% endif %}, the local "
        "authority responsible for {% if variant == 'young_person' %}me{% else %}"
        "{{ child.known_as }}{% endif %}.",
    )
    numbered(doc, "References")
    with when(doc, "request.la_reference"):
        paragraph(doc, "Your reference: {{ request.la_reference }}.")
    with when(doc, "not request.la_reference"):
        paragraph(
            doc,
            "You have not given a reference for the request. Please quote "
            "{{ child.full_name }}, born {{ child.date_of_birth }}.",
        )
    numbered(doc, "The matter being challenged")
    paragraph(
        doc,
        "The continuing failure to decide whether to secure an EHC needs assessment for "
        f"{{% if variant == 'young_person' %}}me{{% else %}}{NAME}{{% endif %}}, and to notify "
        "{{ me }} of the decision, by {{ deadline_date_full }} "
        "(regulation 5(1)) or at all.",
    )
    numbered(doc, "Interested parties")
    paragraph(doc, "{{ I }} know of no interested parties.")


def facts(doc: Document) -> None:
    numbered(doc, "The facts")
    with when(doc, "made_by_school"):
        paragraph(
            doc,
            "On {{ sent_on }} {{ school.name }} asked {{ la.name }}, with {{ my }} knowledge "
            f"and agreement, to carry out an EHC needs assessment for {NAME} under section "
            "36(1) of the Children and Families Act 2014.",
        )
    with when(doc, "not made_by_school"):
        paragraph(
            doc,
            "On {{ sent_on }} {{ I_mid }} asked {{ la.name }} to carry out an EHC needs "
            "assessment for {% if variant == 'young_person' %}me{% else %}"
            f"{NAME}{{% endif %}} under section 36(1) of the Children and Families Act 2014.",
        )
    paragraph(
        doc,
        "{{ receipt_text }} Your decision was due by {{ deadline_date_full }}, 6 weeks after "
        "that. That date has passed: "
        "on the date of this letter it is {{ days_late }} days overdue, and {{ I_mid }} "
        "have received no decision."
        # the follow-up is the requester's letter: a school's request was chased by the
        # school, so the parent's letter says who wrote it, and that they agreed
        "{% if request.followed_up_on and made_by_school %} {{ school.name }} wrote to you "
        "on {{ request.followed_up_on }}, with {{ my }} agreement, asking for the decision; "
        "no decision has followed."
        "{% elif request.followed_up_on %} {{ I }} wrote to you on "
        "{{ request.followed_up_on }} asking for the decision; no decision has followed."
        "{% endif %}{% if not request.decision_exception %} You have not told {{ me }} of "
        "any exception under regulation 5(4).{% endif %}",
    )


def law(doc: Document) -> None:
    numbered(doc, "The law and why the failure is unlawful")
    paragraph(
        doc,
        "Under section 36(8) of the Children and Families Act 2014 the local authority must "
        "secure an EHC needs assessment if the child or young person has or may have special "
        "educational needs and it may be necessary for special educational provision to be "
        "made in accordance with an EHC plan. Regulation 5(1) of the Special Educational "
        "Needs and Disability Regulations 2014 requires it to tell the child\u2019s parent "
        "or the young person within 6 weeks of receiving the request whether it will "
        "secure an assessment.",
    )
    paragraph(
        doc,
        "The local authority has not done so. The failure to decide and notify within the "
        "time limit is a breach of its statutory duty under regulation 5(1) and is unlawful.",
    )


def action(doc: Document) -> None:
    numbered(doc, "The action the local authority is expected to take")
    paragraph(
        doc,
        [
            "Decide whether to secure an EHC needs assessment, applying the test in section "
            "36(8), and send {{ me }} the decision in writing by ",
            R("{{ reply_by_full }}", bold=True),
            ". If you decide not to assess, give your reasons and the information regulation "
            "5(3) requires: the right to appeal to the First-tier Tribunal (Special Educational "
            "Needs and Disability), the time limit, mediation, and the disagreement resolution "
            "and information and advice services available.",
        ],
    )
    numbered(doc, "Alternative dispute resolution")
    paragraph(
        doc,
        "{{ I }} {{ am }} willing to discuss any way of resolving this without a claim, but "
        "only a decision made and sent to {{ me }} by the reply date will resolve it.",
    )
    numbered(doc, "Information and documents sought")
    paragraph(
        doc,
        "Please confirm the date the local authority received the request, explain why "
        "no decision has been made, and send {{ me }} a copy of any record of the date the "
        "request was received.",
    )

    numbered(doc, "Legal advisers")
    paragraph(
        doc,
        # who gets a copy is said once, in "Copy to:" under the signature
        "{{ I }} {{ am }} not legally represented and {{ am }} writing on {{ my }} own behalf."
        # a child (under 18) brings a claim through a litigation friend (CPR 21.2(2)); said
        # here, where the claimant's standing is, so the signature keeps to page 2
        "{% if litigation_friend_until %} If a claim is issued before my 18th birthday "
        "({{ litigation_friend_until }}), I will act through a litigation friend under "
        "Civil Procedure Rules Part 21.{% endif %}",
    )
    # The Protocol's last two points share one heading, so they and the signature
    # fit with the letter's body rather than starting a page of their own.
    numbered(doc, "Address for reply and proposed reply date")
    paragraph(
        doc,
        [
            "Please reply to {{ me }} at the address above"
            "{% if requester.email %} or by email to {{ requester.email }}{% endif %} by ",
            R("{{ reply_by_full }}", bold=True),
            ". If {{ I_mid }} do not receive a reply by then, {{ I_mid }} may apply for "
            "judicial review without further notice to you.",
        ],
        keep_with_next=True,
    )


def build(path: Path = TEMPLATE) -> int:
    """Build the template at ``path``; returns its size in bytes."""
    doc = new_document(
        title="Letter before claim: EHC needs assessment decision overdue",
        subject="Pre-Action Protocol for Judicial Review; regulation 5(1) SEND Regulations 2014",
        keywords="letter before claim, judicial review, EHC needs assessment, sendocs",
    )
    set_header(
        doc,
        "Letter before claim: {{ child.full_name }}",
        "{{ document_date }}",
        first_page="",
    )
    set_footer(doc, "{{ child.full_name }}", "Confidential")  # as the appeals have it
    top_of_letter(doc)
    claim(doc)
    facts(doc)
    law(doc)
    action(doc)
    # the enclosures and the one "Copy to:" list sit inside the signature block, a row
    # that cannot split and keeps with the last paragraph: on their own after it they
    # ran on to a third page of four lines (s18, Jordan)
    cell = _signature_cell(doc, "Yours faithfully", copy_line=False).rows[0].cells[0]
    with when(cell, "lbc_enclosures"):
        paragraph(
            cell,
            [
                R("Enclosures: ", bold=True),
                "{% for e in lbc_enclosures %}({{ loop.index }}) {{ e }}"
                "{% if not loop.last %}; {% endif %}{% endfor %}.",
            ],
            "Address",
        )
    with when(cell, "copy_to"):
        paragraph(
            cell,
            [R("Copy to: ", bold=True), "{{ copy_to|join('; ') }}"],
            "Address",
        )
    end = paragraph(doc, "", "Address")  # Word needs a paragraph after a closing table
    end.paragraph_format.space_before = end.paragraph_format.space_after = Pt(0)
    end.paragraph_format.line_spacing = Pt(1)
    return save_template(doc, path)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATE
    size = build(target)
    sys.stdout.write(f"wrote {target} ({size:,} bytes)\n")

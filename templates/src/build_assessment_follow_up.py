"""Build ``templates/assessment_follow_up.docx``, chasing a late decision on an EHC
needs assessment request (kind ``assessment-follow-up``).

Run ``python templates/src/build_assessment_follow_up.py`` from the repository
root after changing this file, then commit the rebuilt .docx. The context is
the request's (``sendocs/documents/assessment_request.py``) plus ``reply_by``,
``reply_days``, ``days_late``, ``earlier_reply_by`` (the passed reply date an earlier
follow-up gave, as the case records it, "" if none or not recorded) and
``earlier_follow_up`` (the date of an earlier follow-up, or ""): a further follow-up
gives a week and says a letter before claim follows without further notice
(docs/templates.md).

Short and firm, and it cites one thing only: regulation 5(1) of the SEND
Regulations 2014, under which the local authority had 6 weeks from receiving
the request to say whether it would assess. The next steps named are the
local authority's complaints procedure and the Local Government and Social
Care Ombudsman.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx.document import Document
from docxbuilder import (
    Detail,
    R,
    details_table,
    new_document,
    paragraph,
    save_template,
    set_footer,
    set_header,
    when,
)
from letter_blocks import (
    la_address_block,
    requester_block,
    signature_and_copy,
    spacer,
)

TEMPLATE = Path(__file__).resolve().parents[1] / "assessment_follow_up.docx"

FOR_WHOM = (
    "{% if variant == 'young_person' %}me{% elif variant == 'school' %}{{ child_intro }}, "
    "a pupil at {{ school.name }}, with the agreement of {{ child.known_as }}\u2019s "
    "{{ parent_word }}{% else %}{{ my }} child, {{ child_intro }}{% endif %}"
)
TELL = (
    "{% if variant == 'school' %}{{ child.known_as }}\u2019s {{ parent_word }}"
    "{% else %}{{ me }}{% endif %}"
)


def top_of_letter(doc: Document) -> None:
    requester_block(doc)
    spacer(doc)
    la_address_block(doc)
    spacer(doc)
    paragraph(doc, "{{ document_date }}")
    paragraph(doc, "Dear Sir or Madam")
    paragraph(doc, "EHC needs assessment request: your decision is overdue", "Subject")
    details_table(
        doc,
        [
            Detail("Name", "{{ child_intro }}"),
            Detail("Date of birth", "{{ child.date_of_birth }}"),
            Detail("Request sent", "{{ sent_on }} ({{ delivery }})"),
            Detail("Your reference", "{{ request.la_reference }}", when="request.la_reference"),
        ],
        label_width_cm=3.4,
    )
    spacer(doc)


def body(doc: Document) -> None:
    with when(doc, "earlier_follow_up"):
        paragraph(
            doc,
            "Further to {{ my }} letter of {{ earlier_follow_up }}"
            "{% if earlier_reply_by %}, which asked for your decision by "
            "{{ earlier_reply_by }}: that date has passed and {{ I_mid }} have had no "
            "reply. {{ I }} {{ am }} writing again.{% else %}, to which {{ I_mid }} "
            "have had no reply, {{ I_mid }} {{ am }} writing again.{% endif %}",
        )
    paragraph(
        doc,
        "On {{ sent_on }} {{ I_mid }} asked {{ la.name }} to carry out an education, health "
        f"and care (EHC) needs assessment for {FOR_WHOM}. {{{{ receipt_text }}}}",
    )
    paragraph(
        doc,
        [
            "Under regulation 5(1) of the Special Educational Needs and Disability "
            "Regulations 2014, the local authority had to "
            f"decide whether to carry out the assessment and tell {TELL} within 6 weeks of "
            "receiving the request: by ",
            R("{{ deadline_date_full }}", bold=True),
            ". That date has passed and no decision has been received. The local authority "
            "has not met its duty under regulation 5(1).",
        ],
    )
    paragraph(
        doc,
        [
            f"Please make your decision and send it to {TELL} by ",
            R("{{ reply_by|date('full') }}", bold=True),
            "{% if variant == 'school' %}, with a copy to us (regulation 5(2)){% endif %}. "
            "If you decide not to assess, please give your reasons and the information about "
            "the right of appeal, the time limit, mediation and the disagreement resolution "
            "and information and advice services that regulation 5(3) requires"
            "{% if variant == 'school' %}, to {{ child.known_as }}\u2019s {{ parent_word }}, "
            "whose right of appeal it is{% endif %}.",
        ],
    )
    paragraph(
        doc,
        "{% if earlier_follow_up %}If {{ I_mid }} do not receive your decision by "
        "{{ reply_by|date('full') }}, {% if variant == 'school' %}we will support "
        "{{ child.known_as }}\u2019s {{ parent_word }} in sending a letter before claim under "
        "the Pre-Action Protocol for Judicial Review, and we may use the local "
        "authority\u2019s complaints procedure.{% else %}{{ I_mid }} will send a letter before "
        "claim under the Pre-Action Protocol for Judicial Review without further notice."
        "{% endif %}{% else %}If {{ I_mid }} do not receive it by then, "
        "{% if variant == 'school' %}we will support {{ child.known_as }}\u2019s "
        "{{ parent_word }} in taking the matter further, and we may use the local "
        "authority\u2019s complaints procedure.{% else %}{{ I_mid }} may send a letter "
        "before claim under the Pre-Action Protocol for Judicial Review, and {{ I_mid }} may "
        "use the local authority\u2019s complaints procedure and complain to the Local "
        "Government and Social Care Ombudsman.{% endif %}{% endif %}",
        keep_with_next=True,
    )


def build(path: Path = TEMPLATE) -> int:
    """Build the template at ``path``; returns its size in bytes."""
    doc = new_document(
        title="EHC needs assessment request: decision overdue",
        subject="Follow-up under regulation 5(1) of the SEND Regulations 2014",
        keywords="EHC needs assessment, follow-up, regulation 5, sendocs",
    )
    set_header(
        doc,
        "EHC needs assessment request: {{ child.full_name }}",
        "{{ document_date }}",
        first_page="",
    )
    set_footer(doc, "{{ child.full_name }}", "Confidential")  # as the appeals have it
    top_of_letter(doc)
    body(doc)
    signature_and_copy(doc)  # "Copy to" stays with the signatures
    return save_template(doc, path)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATE
    size = build(target)
    sys.stdout.write(f"wrote {target} ({size:,} bytes)\n")

"""Blocks the shipped letters share: address blocks, the LA's address, signatures.

Why a module: the EHC needs assessment request and its follow-up are written
by the same person to the same office, and must stay word-for-word
consistent in how they address it and sign off. The school's s.68 letter
uses the letterhead and addressee helpers too.

Every block is a run of paragraphs in the *Address* / *Address Right*
styles, so a school restyles all of them at once in Word.
"""

from __future__ import annotations

from docx.document import Document
from docxbuilder import R, Runs, each, paragraph, ptag, when

__all__ = [
    "address_lines",
    "la_address_block",
    "line_if",
    "requester_block",
    "requester_pronouns",
    "signature_lines",
    "spacer",
]


def spacer(doc: Document) -> None:
    """An empty line between blocks of a letter."""
    paragraph(doc, "", "Address")


def line_if(doc: Document, value: str, content: Runs, style: str = "Address") -> None:
    """One line, shown only if ``value`` (a Jinja expression) is not empty."""
    with when(doc, value):
        paragraph(doc, content, style)


def address_lines(doc: Document, expr: str, style: str = "Address") -> None:
    """One line per item of a list of address lines (``expr``), none if it is empty."""
    with each(doc, f"line in {expr}"):
        paragraph(doc, "{{ line }}", style)


def requester_pronouns(doc: Document) -> None:
    """``I``/``We`` (``I_mid`` inside a sentence), ``me``/``us``, ``my``/``our``,
    ``am``/``are``: two parents sign as "we".

    Set once at the top of the body (a ``{%p set %}`` paragraph is removed when
    rendered), so every sentence after agrees with the signatures.
    """
    ptag(
        doc,
        "set we = variant == 'parent' and requester.signatories|length > 1",
    )
    ptag(
        doc,
        "set I, I_mid, me, my, am = ('We', 'we', 'us', 'our', 'are') if we "
        "else ('I', 'I', 'me', 'my', 'am')",
    )


def requester_block(doc: Document) -> None:
    """The sender's name, address, email and phone, on the right."""
    paragraph(doc, R("{{ requester.name }}", bold=True), "AddressRight")
    line_if(doc, "variant == 'school'", "{{ requester.capacity }}", "AddressRight")
    address_lines(doc, "requester.address_lines", "AddressRight")
    line_if(doc, "requester.email", "Email: {{ requester.email }}", "AddressRight")
    line_if(doc, "requester.phone", "Telephone: {{ requester.phone }}", "AddressRight")


def la_address_block(doc: Document) -> None:
    """The local authority's SEN team: team, council, address, email."""
    line_if(doc, "la.sen_team", "{{ la.sen_team }}")
    paragraph(doc, "{{ la.name }}", "Address")
    with when(doc, "la.address"):
        address_lines(doc, "la.address.all_lines")
    line_if(doc, "la.email", "By email: {{ la.email }}")


SIGNATORIES = "(requester.signatories if variant == 'parent' else [requester.name])"


def signature_lines(doc: Document, closing: str = "Yours faithfully") -> None:
    """The closing, then a line to sign and date for each signatory, with the name.

    Two parents get two signature lines; a school request shows the SENCO's
    role under the name.
    """
    paragraph(doc, closing, keep_with_next=True)
    with each(doc, f"name in {SIGNATORIES}"):
        paragraph(doc, "", keep_with_next=True)
        paragraph(
            doc,
            "Signed: ______________________________     Date: ________________",
            keep_with_next=True,
        )
        paragraph(doc, R("{{ name }}", bold=True), "Address", keep_with_next=True)
        line_if(doc, "variant == 'school'", "{{ requester.capacity }}")
    spacer(doc)

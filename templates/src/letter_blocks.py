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
from docxbuilder import R, Runs, each, paragraph, when

__all__ = [
    "address_lines",
    "copy_to_sendiass",
    "la_address_block",
    "line_if",
    "requester_block",
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


def requester_block(doc: Document) -> None:
    """The sender's name, address, email and phone, on the right."""
    paragraph(doc, R("{{ requester.name }}", bold=True), "AddressRight")
    line_if(doc, "requester.contact", "{{ requester.contact }}", "AddressRight")
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


def signature_lines(doc: Document, closing: str = "Yours faithfully") -> None:
    """The closing, then a line to sign and date for each of ``signatories``, with the
    name and, for a school, the role under it (the SENCO and the head teacher sign a
    school's request). Every paragraph keeps with the next, so the closing, the last
    paragraph before it and the signatures share a page."""
    paragraph(doc, closing, keep_with_next=True)
    with each(doc, "s in signatories"):
        paragraph(doc, "", keep_with_next=True)
        paragraph(
            doc,
            "Signed: ______________________________     Date: ________________",
            keep_with_next=True,
        )
        paragraph(doc, R("{{ s.name }}", bold=True), "Address", keep_with_next=True)
        with when(doc, "s.role"):
            paragraph(doc, "{{ s.role }}", "Address", keep_with_next=True)
    spacer(doc)


def copy_to_sendiass(doc: Document) -> None:
    """ "Copy to: Westshire SENDIASS (email …)", only when the writer wants a copy sent."""
    with when(doc, "request.copy_to_sendiass and la.sendiass"):
        paragraph(
            doc,
            [
                R("Copy to: ", bold=True),
                "{{ la.sendiass.name }}{% if la.sendiass.email %} ({{ la.sendiass.email }})"
                "{% elif la.sendiass.phone %} ({{ la.sendiass.phone }}){% endif %}",
            ],
            "Address",
        )

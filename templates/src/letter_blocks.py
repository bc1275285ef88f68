"""Blocks the shipped letters share: address blocks, the LA's address, signatures.

Why a module: the EHC needs assessment request and its follow-up are written
by the same person to the same office, and must stay word-for-word
consistent in how they address it and sign off. The school's s.68 letter
uses the letterhead and addressee helpers too.

Every block is a run of paragraphs in the *Address* / *Address Right*
styles, so a school restyles all of them at once in Word.
"""

from __future__ import annotations

from typing import Any

from docx.document import Document
from docx.shared import Cm, Pt
from docxbuilder import (
    TEXT_WIDTH_CM,
    Para,
    R,
    Runs,
    _add_row,
    _element,
    _fill_cell,
    _tag_row,
    each,
    keep_previous_with_next,
    otherwise,
    paragraph,
    tag,
    twips,
    when,
)

__all__ = [
    "address_lines",
    "copy_to_sendiass",
    "la_address_block",
    "line_if",
    "requester_block",
    "signature_and_copy",
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


def frameless(table: Any, width_cm: float, *, nil_borders: bool = False) -> None:
    """Give ``table`` only a fixed width, a fixed layout and no cell margins (and, with
    ``nil_borders``, borders switched off explicitly): the frame of the letters' blocks
    that must not split (closing, signatures side by side, reply slip)."""
    tbl_pr = table._tbl.tblPr
    for child in list(tbl_pr):
        tbl_pr.remove(child)
    tbl_pr.append(_element("w:tblW", w=str(twips(width_cm)), type="dxa"))
    if nil_borders:
        borders = _element("w:tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            borders.append(_element(f"w:{side}", val="nil"))
        tbl_pr.append(borders)
    tbl_pr.append(_element("w:tblLayout", type="fixed"))
    margins = _element("w:tblCellMar")
    for side in ("top", "left", "bottom", "right"):
        margins.append(_element(f"w:{side}", w="0", type="dxa"))
    tbl_pr.append(margins)


def _signature_cell(doc: Document, closing: str, copy_line: bool) -> Any:
    """A one-row, one-cell, borderless table whose row cannot split: LibreOffice and
    Word move it to the next page whole, and the paragraph before it (kept with the
    next) goes with it. A chain of keep-with-next *paragraphs* is not enough: when it
    does not fit, LibreOffice moves the signatures and leaves the heading of the last
    point behind, or the signatures alone on a page."""
    keep_previous_with_next(doc)
    table = doc.add_table(rows=1, cols=1)
    frameless(table, TEXT_WIDTH_CM)
    table._tbl.tblGrid.gridCol_lst[0].w = Cm(TEXT_WIDTH_CM)
    row = table.rows[0]
    row._tr.get_or_add_trPr().append(_element("w:cantSplit"))
    cell = row.cells[0]
    cell.width = Cm(TEXT_WIDTH_CM)
    first = cell.paragraphs[0]
    first.add_run(closing)
    with when(cell, "signatories|length > 1"):
        _side_by_side(cell)
        otherwise(cell)
        with each(cell, "s in signatories"):
            paragraph(cell, "")
            paragraph(cell, "Signed: ______________________________     Date: ________________")
            paragraph(cell, R("{{ s.name }}", bold=True), "Address")
            with when(cell, "s.role"):
                paragraph(cell, "{{ s.role }}", "Address")
    if copy_line:
        with when(cell, COPY_TO_SENDIASS):
            paragraph(cell, "", "Address")
            _copy_line(cell)
    return table


def _signer(index: int) -> list[Para]:
    """One signatory's column: a line to sign, a line to date, the name and any role."""
    who = f"pair[{index}]"
    return [
        Para(""),
        Para("Signed: ________________________"),
        Para("Date: __________________"),
        Para(R(f"{{{{ {who}.name }}}}", bold=True), "Address"),
        tag(f"if {who}.role"),
        Para(f"{{{{ {who}.role }}}}", "Address"),
        tag("endif"),
    ]


def _side_by_side(cell: Any) -> None:
    """Two signatories side by side, a row of two per pair (``signatories|batch(2)``):
    half the height of one under the other, so two signatures and the letter's last
    paragraph fit where a stacked block would be pushed to a page of its own (Ruby's
    follow-up and letter before claim, signed by both parents or the SENCO and the
    head teacher). A borderless table inside the block that cannot split."""
    half = TEXT_WIDTH_CM / 2
    table = cell.add_table(rows=0, cols=2)
    frameless(table, TEXT_WIDTH_CM)
    for grid_col in table._tbl.tblGrid.gridCol_lst:
        grid_col.w = Cm(half)
    _tag_row(table, "for pair in signatories|batch(2)")
    row = _add_row(table)
    row._tr.get_or_add_trPr().append(_element("w:cantSplit"))
    left, right = row.cells
    for c in (left, right):
        c.width = Cm(half)
    _fill_cell(left, _signer(0), "Normal")
    _fill_cell(right, [tag("if pair|length > 1"), *_signer(1), tag("endif")], "Normal")
    _tag_row(table, "endfor")


def signature_lines(
    doc: Document, closing: str = "Yours faithfully", copy_line: bool = False
) -> None:
    """The closing, then a line to sign and date for each of ``signatories``, with the
    name and, for a school, the role under it (the SENCO and the head teacher sign a
    school's request), in a block that never splits and travels with the letter's last
    paragraph (see :func:`_signature_cell`); ``copy_line`` adds "Copy to: …" inside it
    when the writer wants a copy sent to SENDIASS (for a letter that goes on after it)."""
    _signature_cell(doc, closing, copy_line=copy_line)


def signature_and_copy(doc: Document, closing: str = "Yours faithfully") -> None:
    """The signature block with "Copy to: …" inside it when the writer wants a copy
    sent to SENDIASS, so the copy line never sits alone on a page."""
    _signature_cell(doc, closing, copy_line=True)
    # Word needs a paragraph after a table at the end of a document: a one-point one
    end = paragraph(doc, "", "Address")
    end.paragraph_format.space_before = end.paragraph_format.space_after = Pt(0)
    end.paragraph_format.line_spacing = Pt(1)


COPY_TO_SENDIASS = "request.copy_to_sendiass and la.sendiass"


def _copy_line(doc: Document) -> None:
    paragraph(
        doc,
        [
            R("Copy to: ", bold=True),
            "{{ la.sendiass.name }}{% if la.sendiass.email %} ({{ la.sendiass.email }})"
            "{% elif la.sendiass.phone %} ({{ la.sendiass.phone }}){% endif %}",
        ],
        "Address",
    )


def copy_to_sendiass(doc: Document) -> None:
    """ "Copy to: Westshire SENDIASS (email …)", only when the writer wants a copy sent."""
    with when(doc, COPY_TO_SENDIASS):
        _copy_line(doc)

"""Provision maps after the s19 SENCO and business-manager read (fix round B2): no
to-do for the council in a map (top-up printed only from the case's record), resources
lines that say "resources only" (no weeks, no hours), the threshold section kept with
the Pupils table, the Notes sheet listing what was asked for and not started, and the
maps' own wording with ’ and an en dash in "6.95–6.99"."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import docx
import openpyxl
from docx.oxml.ns import qn

from sendocs.documents.base import RenderOptions
from sendocs.documents.provision_map import PROVISION_MAP
from sendocs.loading import load_case
from sendocs.render.docx import DocxRenderer
from sendocs.resources import template_path
from sendocs.school_map import build_school_map, write_school_map
from tests.conftest import CASES, TODAY

DATE = dt.date(2026, 11, 23)


def _map(*names: str):  # type: ignore[no-untyped-def]
    return build_school_map([load_case(CASES / f"{n}.yaml", today=TODAY) for n in names], on=DATE)


def _pupil_map(name: str) -> docx.document.Document:
    case = load_case(CASES / f"{name}.yaml", today=TODAY).case
    data = DocxRenderer().render_bytes(
        template_path(PROVISION_MAP.template),
        PROVISION_MAP.build_context(case, RenderOptions(date=DATE)),
    )
    return docx.Document(io.BytesIO(data))


def _all_text(document: docx.document.Document) -> str:
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    heads = [p.text for s in document.sections for p in s.header.paragraphs]
    return "\n".join([*(p.text for p in document.paragraphs), *cells, *heads])


def test_ella_and_sami_maps_print_the_top_up_their_cases_record() -> None:
    """Item 1: "Top-up funding under the EHC plan: not recorded — confirm with the
    council's high-needs team" was printed on both pupils' maps; now their cases record
    the top-up agreed with the plan and the map prints it."""
    ella = " ".join(_all_text(_pupil_map("ella-owusu")).split())
    assert (
        "Top-up funding (element 3) agreed under the EHC plan: £3,216.00 a year, agreed by "
        "the high-needs team at Northam Borough Council on 30 October 2026." in ella
    )
    sami = " ".join(_all_text(_pupil_map("sami-ahmed")).split())
    assert "£2,870.00 a year, agreed by the high-needs funding panel at Anyshire" in sami
    for text in (ella, sami):
        assert "not recorded" not in text and "confirm with" not in text


def test_ella_phonics_resources_are_for_the_year_as_costed() -> None:
    """Item 2: "replaced each term" beside £24.00 costed once."""
    text = _all_text(_pupil_map("ella-owusu"))
    assert "£24.00\nPicture cards and a laminated sound mat, for the year" in text
    assert "replaced each term" not in text


def test_a_resources_only_line_says_so_in_the_pupil_map() -> None:
    """Item 6: Sami's visual supports (class teacher, in class, no staff cost) printed
    "7 Sept 2026 to 14 Dec 2026 / 13.2 term-time weeks"; now as the whole-school map."""
    document = _pupil_map("sami-ahmed")
    row = next(
        [c.text for c in r.cells]
        for t in document.tables
        for r in t.rows
        if r.cells[0].text.startswith("Visual timetable and visual supports")
    )
    assert row[4] == "No staff time: resources only"
    assert "In lessons: no extra time" in row[5]


def test_no_costed_provision_planned_after_is_said_in_full() -> None:
    """Item 6: "none planned after" beside rows that continue after the review."""
    text = " ".join(_all_text(_pupil_map("amara-okafor")).split())
    assert "; no costed provision is planned after it yet)" in text
    assert "none planned after" not in text


def test_workbook_resources_only_lines_type_no_weeks(tmp_path: Path) -> None:
    """Item 5: Amara's visual timetable showed 37.6 weeks and hours; its weeks are now 0
    (so its hours are 0) and its cost is its resources."""
    book = openpyxl.load_workbook(
        write_school_map(_map("amara-okafor"), tmp_path / "m.xlsx", date=DATE)
    )
    inputs = book["Inputs"]
    row = next(r for r in inputs.iter_rows(values_only=True) if r[2] and "Visual" in r[2])
    assert (row[8], row[11]) == (0, 0)  # Weeks it runs, Adds time
    staffed = next(r for r in inputs.iter_rows(values_only=True) if r[2] and "Word Aware" in r[2])
    assert staffed[8] > 0 and staffed[11] == 1
    notes = " ".join(str(c.value) for c in book["Notes"]["A"] if c.value)
    assert "its weeks (and so its hours) are 0 and its From and To are left blank" in notes


def test_workbook_notes_list_what_was_asked_for_and_not_started(tmp_path: Path) -> None:
    """Item 7: Greenfield's Word map listed Sami's therapy, not started; the workbook
    did not."""
    book = openpyxl.load_workbook(write_school_map(_map("sami-ahmed"), tmp_path / "g.xlsx"))
    notes = [c for (c,) in book["Notes"].iter_rows(max_col=1, values_only=True) if c]
    at = notes.index("Asked for, not started \u2014 not costed, not counted as an intervention")
    assert notes[at + 1].startswith(
        "Sami Ahmed (Y4): Speech and language therapy (NHS therapy service) \u2013 not started, "
        "requested from Anyshire County Council"
    )
    assert notes[at + 1].endswith("; no amount set in Section F; not counted")


def test_threshold_section_keeps_with_the_pupils_table(tmp_path: Path) -> None:
    """Item 3: five maps ended on a page with only the heading, "No pupil’s costed
    provision is above £6,000 a year." and the note. The Pupils table's total row keeps
    with the heading after it (as its last pupil row keeps with the total)."""
    out = write_school_map(_map("kai-thompson", "maya-kowalczyk-oneill"), tmp_path / "w.docx")
    document = docx.Document(str(out))
    pupils = next(t for t in document.tables if t.rows[0].cells[0].text == "Pupil")
    total = pupils.rows[-1]
    assert total.cells[0].text == "Whole school"
    keeps = [p.pPr is not None and p.pPr.keepNext_val for p in total._tr.iter(qn("w:p"))]
    assert keeps and all(keeps)
    heading = next(p for p in document.paragraphs if p.text.startswith("Pupils above"))
    assert heading.paragraph_format.keep_with_next or heading.style.paragraph_format.keep_with_next
    text = "\n".join(p.text for p in document.paragraphs)
    assert "No pupil\u2019s costed provision is above £6,000 a year." in text


def test_maps_own_wording_uses_typographic_apostrophes_and_an_en_dash(tmp_path: Path) -> None:
    """Items 8, 9: "pupils' personal data", "School's spend", "a pupil's additional
    support" and "6.95-6.99" in the maps' own words."""
    m = _map("kai-thompson", "maya-kowalczyk-oneill")
    document = docx.Document(str(write_school_map(m, tmp_path / "w.docx", date=DATE)))
    text = _all_text(document)
    assert "Confidential: pupils\u2019 personal data" in text
    assert "School\u2019s spend" in text and "Pupil\u2019s shares" in text
    assert "Total of pupils\u2019 shares" in text
    assert "SEND Code of Practice 6.95\u20136.99" in text and "6.95-6.99" not in text
    own = text.replace("O'Neill", "")  # the pupil's name as typed
    assert "'" not in own, [line for line in own.splitlines() if "'" in line]
    book = openpyxl.load_workbook(write_school_map(m, tmp_path / "w.xlsx", date=DATE))
    cells = [str(c.value) for ws in book for r in ws.iter_rows() for c in r if c.value is not None]
    assert any("6.95\u20136.99" in c for c in cells) and not any("6.95-6.99" in c for c in cells)
    assert "School\u2019s spend" in [c.value for c in book["Interventions"][1]]
    pupil = " ".join(_all_text(_pupil_map("ella-owusu")).split())
    assert "the first £6,000 a year of a pupil\u2019s additional support" in pupil

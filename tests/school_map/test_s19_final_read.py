"""Provision maps after the s19 expert read (lane B): the school's document carries no
tool name, a college's maps use its own words, a line with no staff time is costed as
its resources only (never "to 20 July" by default), and every resources amount says
what it buys. Figures hand-worked in each test."""

from __future__ import annotations

import datetime as dt
import subprocess
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
import pytest

from sendocs.documents.base import RenderOptions
from sendocs.documents.provision_map import PROVISION_MAP
from sendocs.loading import load_case
from sendocs.models import Provision, ProvisionStatus
from sendocs.render.docx import DocxRenderer
from sendocs.school_map import build_school_map, write_school_map
from tests.conftest import CASES, TODAY

DATE = dt.date(2026, 11, 23)


def _map(*names: str):  # type: ignore[no-untyped-def]
    return build_school_map([load_case(CASES / f"{n}.yaml", today=TODAY) for n in names], on=DATE)


def _text(path: Path) -> tuple[str, list[list[list[str]]]]:
    document = docx.Document(str(path))
    text = "\n".join(p.text for p in document.paragraphs)
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    return text, tables


def _pupil_map(name: str) -> str:
    case = load_case(CASES / f"{name}.yaml", today=TODAY).case
    options = RenderOptions(date=DATE)
    from sendocs.resources import template_path

    data = DocxRenderer().render_bytes(
        template_path(PROVISION_MAP.template), PROVISION_MAP.build_context(case, options)
    )
    import io

    document = docx.Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([*(p.text for p in document.paragraphs), *cells])


def test_no_tool_name_in_the_map_and_the_estimate_note_opens_it(tmp_path: Path) -> None:
    """Finding 1: "Made by sendocs…" stood alone on page 3 of Southport Bay's map. The
    note now opens the map (no tool name); provenance stays in the file's properties."""
    for names in (("jordan-mills",), ("kai-thompson", "maya-kowalczyk-oneill")):
        out = write_school_map(_map(*names), tmp_path / f"{names[0]}.docx", date=DATE)
        text, tables = _text(out)
        cells = "\n".join(c for t in tables for r in t for c in r)
        assert "sendocs" not in text.lower() and "sendocs" not in cells.lower()
        assert "Figures are estimates from the provision recorded in each " in text
    workbook = openpyxl.load_workbook(
        write_school_map(_map("jordan-mills"), tmp_path / "college.xlsx", date=DATE)
    )
    assert workbook["Notes"]["A2"].value == "Made on 23 November 2026."


@pytest.mark.libreoffice
def test_southport_bay_map_has_no_page_holding_only_a_note(tmp_path: Path) -> None:
    """The college's map is two pages: the students table ends it, no note after."""
    from pypdf import PdfReader

    out = write_school_map(_map("jordan-mills"), tmp_path / "college.docx", date=DATE)
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pages = [p.extract_text() for p in PdfReader(tmp_path / "college.pdf").pages]
    assert len(pages) == 2
    assert "Whole college" in pages[-1] and "£1,008.93" in pages[-1]


def test_a_colleges_maps_use_the_colleges_words(tmp_path: Path) -> None:
    """Finding 2: Jordan's maps said "school's term dates", "Pupil's share" and
    "school-year figure" (a figure a college's map does not print)."""
    text = _pupil_map("jordan-mills")
    assert "the college\u2019s term dates: term-time weeks are the college days" in text
    assert "Resources are this student\u2019s own" in text
    assert "Student\u2019s share = staff cost \u00f7 students in the group" in text
    for school_word in ("school\u2019s term dates", "Pupil", "pupil", "school-year figure"):
        assert school_word not in text
    out = write_school_map(_map("jordan-mills"), tmp_path / "college.docx", date=DATE)
    document = docx.Document(str(out))
    footer = document.sections[0].footer.paragraphs[0].text
    assert "Costs for the academic year 2026/27" in footer
    text, _ = _text(out)
    assert "Each line is costed over the weeks it runs in the academic year 2026/27" in text
    assert "school year" not in text and "school days" not in text
    # a school's map keeps the school's words
    assert "The school-year figure costs the same provision" in _pupil_map("kai-thompson")


def test_a_line_with_no_staff_time_is_costed_as_its_resources_only(tmp_path: Path) -> None:
    """Finding 3: Maya's time-out card (all subject teachers, no staff cost, £10 of cards)
    was printed "37.6 weeks, 7 Sept 2026 to 20 Jul 2027". It costs its £10.00 whatever its
    weeks: "No staff time: resources only", no dates. Maya's year: ELSA 45 min a week over
    its own dates, 7 Sep to 18 Dec 2026 = 70 school days = 14 weeks = 10.5 h x £19.50 =
    £204.75, plus the cards' £10.00 = £214.75."""
    m = _map("maya-kowalczyk-oneill")
    (maya,) = m.pupils
    card = next(e for e in m.entries if e.provision.intervention.startswith("Time-out card"))
    assert card.costed.pupil_share == Decimal("10.00") and card.costed.group_cost == 0
    elsa = next(e for e in m.entries if e.provision.intervention.startswith("Emotional"))
    assert elsa.costed.weeks.end == dt.date(2026, 12, 18)  # its own end date, not July
    assert elsa.costed.weeks.weeks == 14 and elsa.costed.pupil_share == Decimal("204.75")
    assert maya.total == elsa.costed.pupil_share + Decimal("10.00") == Decimal("214.75")
    out = write_school_map(m, tmp_path / "maya.docx", date=DATE)
    _, tables = _text(out)
    row = next(r for t in tables for r in t if r[0].startswith("Time-out card"))
    # as the pupil's map words it (review s20): its "how often" in the case's words
    assert row[4] == (
        "Any lesson, as needed; leaves every lesson 5 minutes early\nNo staff time: resources only"
    )
    assert "Jul 2027" not in "".join(row)
    assert row[5:8] == ["£0.00", "£10.00\nLaminated time-out cards (one spare)", "£10.00"]
    book = openpyxl.load_workbook(write_school_map(m, tmp_path / "maya.xlsx", date=DATE))
    inputs = book["Inputs"]
    found = next(r for r in inputs.iter_rows(values_only=True) if r[2] and "Time-out" in r[2])
    assert found[12] in (None, "") and found[13] in (None, "")  # From / To left blank


def test_every_resources_amount_says_what_it_buys(tmp_path: Path) -> None:
    """Finding 4: £120 (Niamh) and £150 (Kai) were amounts with no words. Each map prints
    the case's resources_description under the amount."""
    niamh = _pupil_map("niamh-oconnor")
    assert "£120.00\nLaptop for exams and mocks (spell-check off)" in niamh
    kai = _pupil_map("kai-thompson")
    assert "£150.00\nPrinted work packs for the afternoons he learns at home" in kai
    m = _map("kai-thompson", "maya-kowalczyk-oneill")
    book = openpyxl.load_workbook(write_school_map(m, tmp_path / "map.xlsx", date=DATE))
    notes = [c for (c,) in book["Notes"].iter_rows(max_col=1, values_only=True) if c]
    at = notes.index("What the resources are")
    assert notes[at + 1 : at + 3] == [
        "Kai Thompson (Year 8), Reduced timetable with planned increase: printed work packs "
        "for the afternoons he learns at home, £150.00",
        "Maya Kowalczyk-O'Neill (Year 9), Time-out card and early lesson change: laminated "
        "time-out cards (one spare), £10.00",
    ]


def test_not_started_is_one_rule() -> None:
    """Item 6: asked for, not started = planned with no start date, in one property."""
    base = {"intervention": "SALT", "area": "communication_and_interaction"}
    common = {"delivered_by": "NHS therapist", "sessions_per_week": 1, "minutes_per_session": 30}
    planned = Provision.model_validate({**base, **common, "status": "planned"})
    assert planned.not_started and planned.status is ProvisionStatus.PLANNED
    dated = Provision.model_validate({**base, **common, "status": "planned", "start": "2027-01-04"})
    assert not dated.not_started
    assert not Provision.model_validate({**base, **common}).not_started

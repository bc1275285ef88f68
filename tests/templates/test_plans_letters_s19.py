"""Plans and s.68 letters after the session-19 four-reader read (issue #10, s19): the
school's file copy named and marked on every page, table cells that never break a word,
sentence joining, whose views a plan quotes, consistent apostrophes."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sendocs.api import render_document
from sendocs.documents.base import RenderOptions
from sendocs.documents.iep import IEP
from sendocs.documents.parent_notification import PARENT_NOTIFICATION

from .helpers import DOCUMENT_DATE, all_text, load, open_docx, render_kind

FIXTURES = Path(__file__).parents[2] / "fixtures/cases"


def flat(data: bytes) -> str:
    return " ".join(all_text(data).split())


def header_text(data: bytes) -> tuple[str, str]:
    """(page 1's header, the header of every later page)."""
    section = open_docx(data).sections[0]
    return (
        " ".join(p.text for p in section.first_page_header.paragraphs),
        " ".join(p.text for p in section.header.paragraphs),
    )


# 2. the school's file copy -----------------------------------------------------------


def test_school_file_copy_is_named_so_and_marked_on_every_page() -> None:
    with tempfile.TemporaryDirectory() as out:
        result = render_document(
            "iep",
            FIXTURES / "elena-ap-gwilym.yaml",
            out,
            options=RenderOptions(date=DOCUMENT_DATE),
            fmt="docx",
        )
        names = sorted(p.name for p in result.paths)
    assert "ap_Gwilym_Elena_SEN_support_plan_2026-09-07_school_file_copy.docx" in names
    assert "ap_Gwilym_Elena_SEN_support_plan_2026-09-07.docx" not in names
    elena = load("elena-ap-gwilym")
    first, later = header_text(render_kind(elena, IEP, recipient=0))
    assert "School file copy: do not send" in first
    assert "School file copy: do not send" in later
    for parent in (1, 2):  # each parent's own copy: the plan's usual header
        first, later = header_text(render_kind(elena, IEP, recipient=parent))
        assert "do not send" not in first + later
        assert later.endswith("SEN support plan")
    # one copy only (no restricted parent): no marking, no label in the file name
    first, later = header_text(render_kind(load("leo-baxter"), IEP))
    assert "do not send" not in first + later


# 3. no word breaks inside a table cell --------------------------------------------------

CARLITO = Path("/usr/share/fonts/truetype/crosextra")  # fonts-crosextra-carlito (.ci)
CELL_MARGINS_PT = 2 * 85 / 20  # the table style's left and right cell margins


def _cells(tables: list[Any]) -> Iterator[Any]:
    for table in tables:
        for row in table.rows:
            for cell in row.cells:
                yield cell
                yield from _cells(cell.tables)


def words_wider_than_their_cell(data: bytes) -> list[str]:
    """Each word (split at spaces only) measured in Carlito at its size and weight
    against its cell's width less the margins: one that does not fit is broken by Word
    and LibreOffice mid-word ("Individual arrangem" / "ent", Niamh's Group cell)."""
    from docx.oxml.ns import qn
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, file in (("Carlito", "Carlito-Regular.ttf"), ("Carlito-Bold", "Carlito-Bold.ttf")):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(CARLITO / file)))
    found = []
    for cell in _cells(open_docx(data).tables):
        props = cell._tc.tcPr
        width = props.find(qn("w:tcW")) if props is not None else None
        if width is None:
            continue
        room = int(width.get(qn("w:w"))) / 20 - CELL_MARGINS_PT
        for para in cell.paragraphs:
            style = para.style.style_id if para.style is not None else ""
            for run in para.runs:
                bold = bool(run.bold) or style in ("TableHeading", "TableLabel")
                size = run.font.size.pt if run.font.size else 10.0
                for word in run.text.split():
                    font = "Carlito-Bold" if bold else "Carlito"
                    if pdfmetrics.stringWidth(word, font, size) > room:
                        found.append(f"{word!r} in a {room:.0f} pt cell")
    return found


@pytest.mark.parametrize("name", sorted(p.stem for p in FIXTURES.glob("*.yaml")))
def test_no_word_is_wider_than_its_table_cell(name: str) -> None:
    case = load(name)
    copies = [render_kind(case, IEP)]
    options = RenderOptions(date=DOCUMENT_DATE)
    if not PARENT_NOTIFICATION.check(case, options):
        copies.append(render_kind(case, PARENT_NOTIFICATION))
    for data in copies:
        assert words_wider_than_their_cell(data) == []
    if name == "niamh-oconnor":
        assert "Individual arrangement" in flat(copies[0])


# 4. a note run on after a colon inside brackets ----------------------------------------


def test_a_note_after_a_colon_in_brackets_runs_on_lower_case() -> None:
    text = flat(render_kind(load("ruby-clarke"), IEP))
    assert (
        "Direct speech and language therapy, six sessions a term (not yet in place: the "
        "therapy service offers a block of four sessions a year)"
    ) in text
    assert "in place: The" not in text
    # the one rule (formatting.mid_sentence): a name or an acronym keeps its capital
    from sendocs.formatting import mid_sentence

    assert mid_sentence("The therapy service offers …") == "the therapy service offers …"
    assert mid_sentence("Mrs Hale will start in January") == "Mrs Hale will start in January"
    assert mid_sentence("ELSA sessions start in January") == "ELSA sessions start in January"


# 5. a joined sentence ends with a full stop ---------------------------------------------


def test_partly_in_place_sentence_ends_with_a_full_stop() -> None:
    text = flat(render_kind(load("amara-okafor"), IEP))
    assert (
        "Ms Priya Shah\u2019s advice is only partly in place: 3 sessions a week, not daily."
    ) in text
    assert "not daily.." not in text


# 6. whose views a plan quotes -------------------------------------------------------------


def test_a_plan_says_whose_views_it_quotes() -> None:
    said = {
        "leo-baxter": "Ms Baxter: Leo says he is stupid. He needs specialist teaching",
        "ella-owusu": "Ms Owusu: Ella loves being with her friends",
        "sami-ahmed": "Mr and Mrs Ahmed: Sami needs specialist speech and language therapy",
    }
    for name, words in said.items():
        text = flat(render_kind(load(name), IEP))
        assert f"What parents and carers say {words}" in text
    # a young person's plan says whose and on what footing; each parent's own copy
    # names only that parent (s18 A1)
    jordan = flat(render_kind(load("jordan-mills"), IEP))
    assert "Jordan\u2019s mother, Ms Karen Mills (her views are included" in jordan
    father = flat(render_kind(load("elena-ap-gwilym"), IEP, recipient=2))
    assert "de la Cruz" not in father


# 7. Elena's own exam access arrangements ---------------------------------------------------


def test_elenas_exam_arrangements_are_her_own() -> None:
    elena = flat(render_kind(load("elena-ap-gwilym"), IEP))
    niamh = flat(render_kind(load("niamh-oconnor"), IEP))
    assert "25% extra time in class tests and school examinations, as Ms Dunmore advised" in elena
    assert (
        "For her GCSEs, the SENCO will arrange a new access arrangements assessment in Year 10, "
        "and the exams officer will then apply to the exam boards." in elena
    )
    assert "mock" not in elena.lower()  # Year 9 autumn: class tests and school examinations
    assert "JCQ approved" not in elena  # a Year 9 pupil has no JCQ approval yet
    assert set(load("elena-ap-gwilym").exam_access_arrangements).isdisjoint(
        load("niamh-oconnor").exam_access_arrangements
    )
    assert "25% extra time (JCQ approved, September 2025)" in niamh


# 8. the outcome the lunchtime group is for ---------------------------------------------


def test_amaras_lunchtime_outcome_is_carried_on_with_its_group() -> None:
    text = flat(render_kind(load("amara-okafor"), IEP))
    assert (
        "Lunchtime social communication group For outcome 4: Amara will join a playground "
        "game with a peer at lunchtime."
    ) in text
    assert "Joins a game with a peer on 2 of 5 days (lunchtime log, March 2026)." in text
    letter = flat(render_kind(load("amara-okafor"), PARENT_NOTIFICATION))
    assert "Amara will join a playground game with a peer at lunchtime." in letter


# 9. a staff role: capital at a line's start, lower-case mid-sentence -----------------------


def test_staff_roles_are_capitalised_by_position() -> None:
    jordan = load("jordan-mills")
    text = flat(render_kind(jordan, IEP))
    assert "please contact Mr Tom Bright, additional learning support manager, by email" in text
    assert "Additional learning support manager Mr Tom Bright" in text  # a line's start
    # typed lower-case, a role still starts its cell with a capital
    data = jordan.model_dump()
    data["cycles"][-1]["provision"][0]["delivered_by"] = "learning mentor"
    data["cycles"][-1]["outcomes"][0]["responsible"] = "personal tutor"
    from sendocs.models import Case

    text = flat(render_kind(Case.model_validate(data), IEP))
    assert "Learning mentor, out of class" in text and "learning mentor, out" not in text
    assert "Personal tutor" in text and " personal tutor" not in text
    # an acronym is never lower-cased mid-sentence
    assert "please contact Mrs Anita Shah, SENCO, by email" in flat(
        render_kind(load("leo-baxter"), IEP)
    )


# 10. Sami's therapy: requested, chased, next step --------------------------------------------


def test_samis_therapy_row_says_it_was_chased_and_what_comes_next() -> None:
    text = flat(render_kind(load("sami-ahmed"), IEP))
    # the request, then what has happened since (s19 #10)
    assert (
        "Service on 14 September 2026 to arrange it. Anyshire County Council must secure the "
        "support in Section F2 (section 42 of the Children and Families Act 2014). We asked "
        "again in writing under the final plan on 5 October 2026; no therapist allocated yet. "
        "We chased by email on 2 November 2026. Mr Osei will write to the council’s SEN team "
        "manager by Friday 4 December 2026, asking for a start date, copied to Mr and Mrs Ahmed."
    ) in text


# 11. Jordan's weekly count over teaching weeks ---------------------------------------------


def test_jordans_weekly_count_matches_the_teaching_weeks() -> None:
    import datetime as dt

    from sendocs.dates.terms import default_term_calendar

    calendar = default_term_calendar()
    start, end = dt.date(2026, 9, 28), dt.date(2026, 12, 4)
    mondays = [start + dt.timedelta(weeks=w) for w in range((end - start).days // 7 + 1)]
    teaching = [
        m for m in mondays if any(calendar.is_school_day(m + dt.timedelta(d)) for d in range(5))
    ]
    assert len(teaching) == 9  # the half-term week of 26 October has no lessons
    text = flat(render_kind(load("jordan-mills"), IEP))
    assert "at least 7 of the 9 weekly group tasks from 28 September to 4 December 2026" in text
    assert "8 of the 10" not in text


# apostrophes: the plan's and letter's own words use the typographic one -------------------


def _curly(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("'", "\u2019")
    if isinstance(value, dict):
        return {k: _curly(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_curly(v) for v in value]
    return value


@pytest.mark.parametrize("name", ["niamh-oconnor", "maya-kowalczyk-oneill", "jordan-mills"])
def test_generated_words_use_one_apostrophe(name: str) -> None:
    """With every apostrophe the user typed made typographic, none straight is left: the
    words the plan and letter add themselves ("Niamh O’Connor’s support") all use ’, as
    Word writes it. What a user types is printed as typed."""
    from sendocs.models import Case

    case = Case.model_validate(_curly(load(name).model_dump(mode="json")))
    made = [render_kind(case, IEP)]
    if not PARENT_NOTIFICATION.check(case, RenderOptions(date=DOCUMENT_DATE)):
        made.append(render_kind(case, PARENT_NOTIFICATION))
    for data in made:
        assert "'" not in all_text(data)
    # as typed: a straight apostrophe the user typed stays as the case file has it
    typed = load("niamh-oconnor")
    typed = typed.model_copy(
        update={"school": typed.school.model_copy(update={"name": "St Anne's High School"})}
    )
    assert "St Anne's High School" in flat(render_kind(typed, IEP))

"""Provision maps after the s20 expert read (SENCO, business manager): the workbook's
Notes carry the top-up the case records, as the Word map does; page 1 speaks of a
pupil's record, not "the case"; the group example appears only where a group is
shared; and a line with no staff time is worded one way in both maps."""

from __future__ import annotations

import datetime as dt
import inspect
from pathlib import Path

import docx
import openpyxl

from sendocs.documents import provision_map
from sendocs.loading import load_case
from sendocs.school_map import build_school_map, docx_writer, write_school_map
from sendocs.school_map.aggregate import top_up_line
from tests.conftest import CASES, TODAY
from tests.school_map.test_school_map import at_one_school

DATE = dt.date(2026, 11, 23)


def map_of(*names: str):  # type: ignore[no-untyped-def]
    return build_school_map([load_case(CASES / f"{n}.yaml", today=TODAY) for n in names], on=DATE)


def word_text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([*(p.text for p in document.paragraphs), *cells])


def _notes(path: Path) -> list[str]:
    book = openpyxl.load_workbook(path)
    return [str(c.value) for (c,) in book["Notes"].iter_rows(max_col=1) if c.value]


def test_workbook_notes_name_the_top_up_the_word_map_names(tmp_path: Path) -> None:
    """Sami (Greenfield, EHC plan, £2,870 a year agreed 2 October 2026) is below the
    threshold; Ella (Northam) is above it. Both maps give each the same sentence."""
    for name, pupil in (("sami-ahmed", "Sami Ahmed"), ("ella-owusu", "Ella Owusu")):
        m = map_of(name)
        (cost,) = m.top_ups
        line = top_up_line(cost)
        assert line.startswith(f"{pupil} (") and "top-up funding (element 3)" in line
        notes = _notes(write_school_map(m, tmp_path / f"{name}.xlsx", date=DATE))
        assert "Top-up funding already agreed" in notes
        assert line in notes
        word = word_text(write_school_map(m, tmp_path / f"{name}.docx", date=DATE))
        assert cost.top_up in word
    sami = word_text(write_school_map(map_of("sami-ahmed"), tmp_path / "sami.docx", date=DATE))
    assert "Top-up funding already agreed for pupils below the threshold (" in sami
    assert "£2,870.00 a year" in sami and "2 October 2026" in sami


def test_no_top_up_note_without_a_record(tmp_path: Path) -> None:
    m = map_of("kai-thompson")
    assert not m.top_ups
    assert "Top-up funding already agreed" not in _notes(
        write_school_map(m, tmp_path / "kai.xlsx", date=DATE)
    )
    assert "already agreed for pupils below" not in word_text(
        write_school_map(m, tmp_path / "kai.docx", date=DATE)
    )


def test_page_one_speaks_of_a_pupils_record_and_the_group_example_needs_a_group(
    tmp_path: Path,
) -> None:
    """One pupil in a map: the general rule, no "six pupils in groups of four"."""
    m = map_of("amara-okafor")
    assert not m.shared_groups
    word = word_text(write_school_map(m, tmp_path / "one.docx", date=DATE))
    notes = "\n".join(_notes(write_school_map(m, tmp_path / "one.xlsx", date=DATE)))
    for text in (word, notes):
        assert "the case" not in text
        # Amara is in Year 3: the Year 11 leaving-date clause is not hers (s20)
        assert "unless a pupil’s record gives a different leaving date" not in text
        assert "a group is paid for in full, however many of its places" in text
        assert "six pupils in groups of four" not in text
    # a group two pupils share (Amara's Word Aware group of 4, twice): the example is given
    shared = build_school_map(at_one_school([CASES / "amara-okafor.yaml"] * 2), on=DATE)
    assert shared.shared_groups
    word = word_text(write_school_map(shared, tmp_path / "two.docx", date=DATE))
    notes = "\n".join(_notes(write_school_map(shared, tmp_path / "two.xlsx", date=DATE)))
    assert "(six pupils in groups of four need two groups)" in word
    assert "six pupils in groups of four need two groups, so the school pays" in notes


def test_a_resources_only_line_is_worded_once_for_both_maps() -> None:
    """Amara's visual timetable (class teacher, no staff cost, £25 of symbol cards): the
    pupil's map and the whole-school map both print "Every lesson" and "No staff time:
    resources only", from one function."""
    m = map_of("amara-okafor")
    _, run = next((ln, r) for ln, r in m.runs if ln.intervention.startswith("Visual timetable"))
    row = docx_writer._run_row(m.interventions[0], run, "pupil")
    wording = provision_map.resources_only_wording(run.costed)
    assert wording == ("Every lesson", "No staff time: resources only")
    assert (row["frequency"], row["weeks"]) == wording
    case = load_case(CASES / "amara-okafor.yaml", today=TODAY).case
    from sendocs.documents.base import RenderOptions

    context = provision_map.PROVISION_MAP.build_context(case, RenderOptions(date=DATE))
    rows = [r for a in context["areas"] for r in a["rows"]]
    pupil_row = next(r for r in rows if r["intervention"].startswith("Visual timetable"))
    assert (pupil_row["frequency"], pupil_row["dates"]) == wording
    # neither writer keeps its own copy of the words
    assert "No staff time" not in inspect.getsource(docx_writer._run_weeks).split('"""')[-1]

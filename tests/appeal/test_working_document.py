"""Kind ``working-document``: the tribunal key as real run formatting, read back."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

import pytest
from docx.document import Document
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from sendocs.documents import RenderOptions
from sendocs.models import Case

from .conftest import (
    WORKING,
    iter_paragraphs,
    refusal_to_assess,
    render,
    render_bytes,
    sami_data,
    text_of,
)

OPTIONS = RenderOptions(date=dt.date(2026, 11, 23))


def _face(run: Run) -> tuple[bool, bool, bool, bool]:
    """(bold, italic, underline, strike), None counted as off."""
    return (bool(run.bold), bool(run.italic), bool(run.underline), bool(run.font.strike))


def _paragraph_with(doc: Document, text: str) -> Paragraph:
    return next(p for p in iter_paragraphs(doc) if text in p.text)


def _runs(para: Paragraph) -> list[Run]:
    """Runs with text ({{r }} tags leave empty runs either side)."""
    return [r for r in para.runs if r.text]


def _run_with(para: Paragraph, text: str) -> Run:
    return next(r for r in para.runs if text in r.text)


PLAIN = (False, False, False, False)


@pytest.mark.parametrize(
    ("deleted", "added", "deleted_face", "added_face"),
    [
        # parent: bold additions, bold-strike deletions
        (
            "Sami has some difficulties with understanding language.",
            "Sami has a developmental language disorder.",
            (True, False, False, True),
            (True, False, False, False),
        ),
        # local authority: italic additions, italic-strike deletions
        (
            "Sami will be supported by an adult as appropriate.",
            "Sami will receive 15 hours a week of support from a teaching assistant.",
            (False, True, False, True),
            (False, True, False, False),
        ),
        # agreed: underlined additions, struck deletions
        (
            "Staff will use visual supports.",
            "All staff working with Sami will use a visual timetable",
            (False, False, False, True),
            (False, False, True, False),
        ),
    ],
)
def test_each_proposer_has_its_typeface(
    sami_working: Document,
    deleted: str,
    added: str,
    deleted_face: tuple[bool, ...],
    added_face: tuple[bool, ...],
) -> None:
    para = _paragraph_with(sami_working, deleted)
    runs = _runs(para)
    added_at = next(i for i, r in enumerate(runs) if added in r.text)
    # the deletion that goes with this addition: the last run before it holding it (both
    # parties strike the same original in F3, parent's version first, #11 s19)
    deleted_run = next(r for r in reversed(runs[:added_at]) if deleted in r.text)
    assert _face(deleted_run) == deleted_face
    assert _face(runs[added_at]) == added_face


def test_unchanged_text_is_plain(sami_working: Document) -> None:
    para = _paragraph_with(sami_working, "Sami has speech, language and communication needs.")
    assert [_face(r) for r in _runs(para)] == [PLAIN]


def test_new_paragraph_is_only_an_addition(sami_working: Document) -> None:
    para = _paragraph_with(sami_working, "Sami becomes anxious and withdraws")
    faces = [_face(r) for r in para.runs if r.text.strip() and not r.text.strip().startswith("[")]
    assert faces == [(True, False, False, False)]


def test_sami_b2_and_b4_say_only_what_their_evidence_says(sami_working: Document) -> None:
    """B2 and B4 quote the figures of E2 para 3.3 and E1 paras 5.1-5.2, citing both
    paragraphs each relies on (fixF2 s19: no "highly", no "play", no unsupported limit)."""
    b2 = _paragraph_with(sami_working, "instructions of two key words reliably").text
    assert (
        "He follows instructions of two key words reliably, but instructions of three key "
        "words in only 3 of 10 attempts, or 6 of 10 with a picture. [E2 pp.4–5, paras 3.2, 3.3]"
    ) in b2
    b4 = _paragraph_with(sami_working, "Sami becomes anxious").text
    assert (
        "Sami becomes anxious and withdraws when he cannot understand what is said to him. "
        "Observed in group work, he left the table after two to three minutes, and stayed for "
        "eight minutes when a picture card gave him a defined role. [E1 p.8, paras 5.1, 5.2]"
    ) in b4
    assert "highly" not in b4 and "play" not in b4
    # the parents' F3 hours come from the council's letter, the lessons from the psychologist
    f3 = _paragraph_with(sami_working, "at least 15 hours a week").text
    assert "[E1 p.11, para 7.2; E7 p.2]" in f3


def test_evidence_refs_close_each_change_in_grey(sami_working: Document) -> None:
    para = _paragraph_with(sami_working, "two 45-minute sessions")
    last = next(r for r in _runs(para) if "[E2" in r.text)
    assert last.text == " [E2 p.9, paras 6.1, 6.3]"
    assert _face(last) == PLAIN
    assert str(last.font.color.rgb) == "6B7280"


def test_key_table_shows_each_typeface(sami_working: Document) -> None:
    table = sami_working.tables[1]
    rows = {row.cells[0].text: row for row in table.rows[1:]}
    expected = {
        "Original text": PLAIN,
        "Agreed addition": (False, False, True, False),
        "Agreed deletion": (False, False, False, True),
        "Parent addition": (True, False, False, False),
        "Parent deletion": (True, False, False, True),
        "LA addition": (False, True, False, False),
        "LA deletion": (False, True, False, True),
    }
    for sample, face in expected.items():
        (run,) = _runs(rows[sample].cells[0].paragraphs[0])
        assert _face(run) == face, sample
    assert "[E2 pp.4–5, paras 3.2, 3.3]" in rows  # Sami's own first citation (B2)


def test_key_sample_reference_is_the_cases_own() -> None:
    """The key's evidence sample is a reference the document really cites: Ella's
    working document cites only E3, so its key must not name an "E2" she lacks."""
    from sendocs.loading import load_case

    from .conftest import SAMI

    ella = load_case(SAMI.parent / "ella-owusu.yaml").case
    doc = render(WORKING, ella)
    key = doc.tables[1]
    samples = [row.cells[0].text for row in key.rows[1:]]
    assert "[E3 p.1]" in samples
    assert not any("E2" in s for s in samples)
    # no evidence cited anywhere: no evidence row in the key at all
    data = sami_data()
    for amendment in data["appeal"]["amendments"]:
        amendment.pop("evidence", None)
    bare = render(WORKING, Case.model_validate(data))
    assert not any(row.cells[0].text.startswith("[") for row in bare.tables[1].rows)


def test_parent_added_heading_is_in_the_parents_typeface(sami_working: Document) -> None:
    """B4 is a paragraph the parents add, heading and all: its heading is theirs (bold);
    F1's heading over the plan's own text stays plain."""
    added = _paragraph_with(sami_working, "Social, emotional and mental health")
    faces = {_face(r) for r in added.runs if r.text.strip()}
    assert faces == {(True, False, False, False)}
    plain = _paragraph_with(sami_working, "Quality teaching")
    assert {_face(r) for r in plain.runs if r.text.strip()} == {PLAIN}


def test_sections_in_plan_order_with_proposers(sami_working: Document) -> None:
    text = text_of(sami_working)
    b, f, i = (text.index(f"Section {x}:") for x in ("B", "F", "I"))
    assert b < f < i
    assert (
        "Draft of 23 November 2026: 5 changes proposed by the parents, 2 changes proposed by "
        in text
    )
    assert "At most 25 pages (Practice Direction No.1 of 2025)" in text
    by = [row.cells[2].text for t in sami_working.tables[2:5] for row in t.rows[1:]]
    assert by == [
        "",
        "Parent",
        "",
        "Parent",
        "",
        "Parent / Local authority",
        "Parent / Local authority",
        "",
        "Agreed",
        "Parent",
    ]


def test_evidence_notes_give_author_role_date_and_pinpoints(sami_working: Document) -> None:
    notes = sami_working.tables[-1]
    rows = {row.cells[0].text: [c.text for c in row.cells] for row in notes.rows[1:]}
    assert rows["E2"] == [
        "E2",
        "Speech and language therapy report",
        "Ms Hannah Lewis, Speech and language therapist",
        "15 September 2026",
        "B2: pp.4–5, paras 3.2, 3.3; F2: p.9, paras 6.1, 6.3; F5: p.10, para 6.4",
    ]
    # the council's counter-proposals are cited to its letter (E7), not the final plan (E3);
    # the agreed F5 to the council's agreement and the therapist's training advice
    assert list(rows) == ["E1", "E2", "E6", "E7"]
    assert rows["E7"][-1] == "F2: p.1; F3: p.2; F5: p.2, para 5"


def test_no_tracked_changes_or_comments(sami: Case) -> None:

    raw = render_bytes(WORKING, sami)
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        body = z.read("word/document.xml").decode()
        assert "<w:ins " not in body and "<w:del " not in body
        assert not any(n.startswith("word/comments") for n in z.namelist())


def test_hostile_text_in_an_amendment_is_literal() -> None:
    data = sami_data()
    amendment = data["appeal"]["amendments"][1]
    amendment["proposed"] = "Tom & Jerry <w:t>x</w:t> {{ 7*7 }} \x0b end"
    doc = render(WORKING, Case.model_validate(data))
    para = _paragraph_with(doc, "Tom & Jerry")
    run = _run_with(para, "Tom & Jerry")
    assert run.text == "Tom & Jerry <w:t>x</w:t> {{ 7*7 }} end"
    assert _face(run) == (True, False, False, False)


def _check(data: dict[str, Any]) -> list[str]:
    return WORKING.check(Case.model_validate(data), OPTIONS)


def test_no_amendments_is_an_error() -> None:
    data = sami_data()
    data["appeal"]["amendments"] = [
        a for a in data["appeal"]["amendments"] if "proposed_by" not in a
    ]
    (problem,) = _check(data)
    assert "appeal.amendments has no proposed amendments" in problem


def test_only_for_a_contents_appeal() -> None:
    (problem,) = _check(refusal_to_assess(sami_data()))
    assert "a working document is for an appeal against the contents of an EHC plan" in problem
    data = sami_data()
    del data["appeal"]
    assert "the case has no appeal" in _check(data)[0]


def test_fixture_passes_the_check(sami: Case) -> None:
    assert WORKING.check(sami, OPTIONS) == []

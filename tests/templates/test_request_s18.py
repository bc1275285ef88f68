"""s18 read of the requests and letters before claim (#11, H11a): one count of plans
from what is enclosed, one chronology row per event, support credited to advice only
when the advice came first, acronyms spelled out, and the letter before claim's
enclosures and copies."""

from __future__ import annotations

import re

from sendocs.documents.assessment_glossary import Glossary
from sendocs.documents.assessment_request import ASSESSMENT_REQUEST
from sendocs.documents.assessment_support import support_picture

from .helpers import all_text, load, open_docx, render_kind


def _flat(data: bytes) -> str:
    return " ".join(all_text(data).split())


def _rows(data: bytes) -> list[list[str]]:
    return [[c.text for c in r.cells] for t in open_docx(data).tables for r in t.rows]


def test_letter_and_chronology_count_the_same_enclosed_plans() -> None:
    for name, first, plans_encl in (
        ("kai-thompson", "17 November 2025", "2 and 3"),
        ("ruby-clarke", "15 September 2025", "3 and 4"),
    ):
        data = render_kind(load(name), ASSESSMENT_REQUEST)
        text = _flat(data)
        assert f"Since {first}" in text and "put in place three SEN support plans" in text
        assert f"plans and reviews: enclosures {plans_encl})" in text
        rows = _rows(data)
        current = [
            r for r in rows if len(r) > 1 and r[1].startswith("Current SEN support plan (plan 3")
        ]
        # once in the enclosures list, once in the chronology, with the same number
        assert len(current) == 2, name
        assert current[1][-1] == plans_encl.split(" and ")[1]
        assert "The plan now in place: " in current[1][2]


def test_one_chronology_row_per_event() -> None:
    data = render_kind(load("ruby-clarke"), ASSESSMENT_REQUEST)
    rows = [r for r in _rows(data) if len(r) == 4 and r[0] == "29 June 2026"]
    assert len(rows) == 1
    # the author sits under the title in the Document cell
    assert rows[0][1] == "SEN support plans and reviews, 2025-26\nMrs Laura Finch, SENCO"
    assert "At the review of 29 June 2026: 2 outcomes not met." in rows[0][2]


def test_support_is_credited_to_advice_only_when_the_advice_came_first() -> None:
    ruby = support_picture(load("ruby-clarke"))
    daily = next(line for line in ruby.lines if line.name == "Daily language programme")
    assert daily.since is not None and daily.since.isoformat() == "2025-09-15"
    # Ms Price was involved from 1 November 2023, before the programme began: it is
    # her advice, and her later report says to keep it (s18 R5 finding 3)
    assert daily.advice == [
        "Advised by Ms Hannah Price (speech and language therapist); in place since "
        "15 September 2025; her report of 22 June 2026 advises that it continue."
    ]
    precision = next(line for line in ruby.lines if line.name == "Precision teaching")
    assert precision.advice == [
        "The school\u2019s own support, in place before Dr Samuel Reid\u2019s report of "
        "11 May 2026, which advised the same."
    ]
    # advice of May 2026 before support planned from 12 February 2027 is still credited
    kai = support_picture(load("kai-thompson"))
    practical = next(line for line in kai.lines if line.name.startswith("Adult support"))
    assert practical.advice[0].startswith("Dr Fiona Walsh (educational psychologist")


def test_acronyms_spelled_out_once_outside_quotations() -> None:
    text = _flat(render_kind(load("kai-thompson"), ASSESSMENT_REQUEST))
    assert (
        text.count("emotional literacy support assistant (ELSA)")
        + text.count("Emotional literacy support assistant (ELSA)")
        == 1
    )
    assert text.count("occupational therapy (OT)") == 1
    assert "child and adolescent mental health services (CAMHS)" in text
    glossary = Glossary()
    assert glossary.text("She said \u201cOT helps\u201d; OT is weekly.") == (
        "She said \u201cOT helps\u201d; occupational therapy (OT) is weekly."
    )
    assert glossary.text("An OT report.") == "An OT report."
    assert Glossary().text("SLCN") == "SLCN"  # a code beside its name is left alone
    ruby = _flat(render_kind(load("ruby-clarke"), ASSESSMENT_REQUEST))
    assert "Speech, language and communication needs (SLCN)" in ruby
    assert "needs (Speech" not in ruby and "difficulty (Specific" not in ruby
    assert Glossary().text("Autistic spectrum disorder (ASD); ASD.") == (
        "Autistic spectrum disorder (ASD); ASD."
    )


def test_no_enclosure_number_is_cited_that_the_list_does_not_hold() -> None:
    for name in ("kai-thompson", "ruby-clarke", "jordan-mills"):
        data = render_kind(load(name), ASSESSMENT_REQUEST)
        text = _flat(data)
        listed = {r[0] for r in _rows(data) if r and r[0].isdigit()}
        cited = {n for n in re.findall(r"enclosures? (\d+)", text)}
        assert cited <= listed, (name, cited - listed)

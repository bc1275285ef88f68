"""The four-reader read of requests and follow-ups (#11, s19): a need not yet assessed
is described one way in the table and in the sentence under it; the cost gives the
plan's figure beside the school year's, each named with its period, as the enclosed
map prints them; a second follow-up after the first one's reply date says that date
passed and the user is told a letter before claim is the next step; one rule each for
a condition and a phrase run on mid-sentence."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from sendocs.cli import main
from sendocs.documents.assessment_request import ASSESSMENT_FOLLOW_UP, ASSESSMENT_REQUEST
from sendocs.documents.assessment_support import mid_sentence
from sendocs.documents.base import RenderOptions
from sendocs.documents.provision_map import PROVISION_MAP
from sendocs.models import Case
from sendocs.render.libreoffice import LibreOfficeConverter
from sendocs.resources import fixtures_dir

from .helpers import all_text, load, open_docx, render_kind

SUSPECTED = "Suspected, not yet assessed"


def _flat(data: bytes) -> str:
    return " ".join(all_text(data).split())


def _needs_rows(data: bytes) -> list[list[str]]:
    table = next(t for t in open_docx(data).tables if t.rows[0].cells[0].text == "Area of need")
    return [[" ".join(c.text.split()) for c in r.cells] for r in table.rows[1:]]


def test_a_suspected_need_is_marked_as_the_sentence_under_the_table_says() -> None:
    data = render_kind(load("kai-thompson"), ASSESSMENT_REQUEST)
    text = _flat(data)
    sensory = next(r for r in _needs_rows(data) if r[0].startswith("Sensory"))
    assert sensory[1] == SUSPECTED
    assert sensory[2] == (
        "Sensitive to noise and crowds. Suspected sensory processing difficulties; an "
        "occupational therapy assessment has not yet taken place."
    )
    assert (
        "One of these needs has not yet been assessed (marked \u201cSuspected, not yet "
        "assessed\u201d)." in text
    )
    assert "Not yet identified" not in text
    assert "marked \u201csuspected\u201d" not in text


def test_the_suspected_rule_on_data_that_would_break_it() -> None:
    """A suspected need with a census code keeps its type and is marked under it; its
    description is not prefixed a second time; two such needs are "Some"."""
    data = load("kai-thompson").model_dump()
    data["needs"][-1]["description"] = "Sensitive to noise and crowds."
    data["needs"][0]["suspected"] = True
    out = render_kind(Case.model_validate(data), ASSESSMENT_REQUEST)
    rows = _needs_rows(out)
    autism = next(r for r in rows if r[0].startswith("Communication"))
    assert autism[1] == f"Autism spectrum condition (ASD) {SUSPECTED} Primary need"
    sensory = next(r for r in rows if r[0].startswith("Sensory"))
    assert sensory[1:] == [SUSPECTED, "Sensitive to noise and crowds."]
    text = _flat(out)
    assert "Some of these needs have not yet been assessed" in text
    assert f"{SUSPECTED}. " not in text


def test_cost_gives_the_plan_and_the_school_year_each_with_its_period() -> None:
    kai = _flat(render_kind(load("kai-thompson"), ASSESSMENT_REQUEST))
    assert (
        "The costed provision map (enclosure 7) sets out each part of KJ\u2019s current "
        "support with its cost: \u00a32,135.94 for this plan (7 September 2026 to 14 "
        "December 2026) and, if it continues as planned, \u00a35,691.72 over the school "
        "year 2026/27 (3 September 2026 to 20 July 2027)." in kai
    )
    # the two figures are the ones the enclosed map prints
    kai_map = _flat(render_kind(load("kai-thompson"), PROVISION_MAP))
    assert "\u00a32,135.94" in kai_map and "\u00a35,691.72" in kai_map
    ruby = _flat(render_kind(load("ruby-clarke"), ASSESSMENT_REQUEST))
    assert (
        "with its cost: \u00a3711.76 for this plan (14 September 2026 to 7 December 2026) "
        "and, if it continues as planned, \u00a32,325.93 over the school year 2026/27 (3 "
        "September 2026 to 20 July 2027)." in ruby
    )


def test_over_the_threshold_the_school_year_figure_is_the_one_named() -> None:
    data = load("kai-thompson").model_dump()
    for p in data["cycles"][-1]["provision"]:
        if p.get("hourly_cost"):
            p["hourly_cost"] = Decimal(p["hourly_cost"]) * 3
    text = _flat(render_kind(Case.model_validate(data), ASSESSMENT_REQUEST))
    assert "KJ\u2019s current support costs more than \u00a36,000 a year (\u00a3" in text
    assert " over the school year 2026/27)." in text
    assert "this school year)" not in text


def test_second_follow_up_after_the_first_reply_date_says_it_passed_and_warns() -> None:
    kai = load("kai-thompson")  # followed up on 20 January 2027: reply by 3 February
    late = dt.date(2027, 2, 10)
    text = _flat(render_kind(kai, ASSESSMENT_FOLLOW_UP, date=late))
    assert (
        "Further to my letter of 20 January 2027, which asked for your decision by "
        "Wednesday 3 February 2027: that date has passed and I have had no reply. I am "
        "writing again." in text
    )
    warnings = ASSESSMENT_FOLLOW_UP.warnings(kai, RenderOptions(date=late))  # type: ignore[misc]
    assert any(
        "asked for a reply by 3 February 2027" in w and "a letter before claim" in w
        for w in warnings
    )
    # before that reply date: the first follow-up is referred to, nothing has passed
    early = dt.date(2027, 1, 28)
    text = _flat(render_kind(kai, ASSESSMENT_FOLLOW_UP, date=early))
    assert (
        "Further to my letter of 20 January 2027, to which I have had no reply, I am "
        "writing again." in text
    )
    assert not ASSESSMENT_FOLLOW_UP.warnings(kai, RenderOptions(date=early))  # type: ignore[misc]


def test_the_escalation_warning_reaches_stderr(tmp_path: Path) -> None:
    case_file = fixtures_dir() / "cases" / "kai-thompson.yaml"
    result = CliRunner().invoke(
        main,
        ["render", "assessment-follow-up", str(case_file), "-o", str(tmp_path),
         "--format", "docx", "--date", "2027-02-10"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "the next step is escalation, a letter before claim" in result.stderr


def test_one_rule_for_a_phrase_and_a_condition_mid_sentence() -> None:
    assert mid_sentence("A specialist teacher assessment") == "a specialist teacher assessment"
    assert mid_sentence("A Level support") == "A Level support"
    assert mid_sentence("ELSA sessions") == "ELSA sessions"
    data = load("jordan-mills").model_dump()
    data["diagnoses"][0]["condition"] = "Down syndrome"
    text = _flat(render_kind(Case.model_validate(data), ASSESSMENT_REQUEST))
    assert "That support is recent, but my Down syndrome is long-standing" in text
    jordan = _flat(render_kind(load("jordan-mills"), ASSESSMENT_REQUEST))
    assert (
        "That support is recent, but my autism spectrum condition is long-standing "
        "(diagnosed 2019)." in jordan
    )


@pytest.mark.libreoffice
def test_kais_request_leaves_no_row_alone_at_a_page_break(tmp_path: Path) -> None:
    """Laid out by LibreOffice: the unmet outcomes start on the page of the sentence that
    introduces them with more than one row, the support table's last two lines share a
    page, and the enclosure list is not split from its heading."""
    from pypdf import PdfReader

    source = tmp_path / "kai.docx"
    source.write_bytes(render_kind(load("kai-thompson"), ASSESSMENT_REQUEST))
    with LibreOfficeConverter(mode="batch", workers=1) as converter:
        (pdf,) = converter.convert([source], tmp_path)
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages]
    assert len(pages) == 5

    def page_of(text: str) -> int:
        (number,) = [i for i, p in enumerate(pages) if text in p]
        return number

    intro = page_of("Despite this support, KJ has not met these outcomes:")
    assert page_of("KJ will attend all lessons on his timetable") == intro
    assert page_of("KJ will attend at least 90% of sessions.") == intro
    assert page_of("Quiet base at lunchtime") == page_of(
        "An occupational therapy sensory assessment Advised, not in place"
    )
    assert page_of("Copies of these documents are enclosed") == page_of(
        "Costed provision map for the current SEN support plan"
    )

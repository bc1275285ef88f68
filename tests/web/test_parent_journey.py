"""The parent's journey in Chromium, from an empty browser, with the keyboard alone.

Every page is checked with axe-core. The letter downloaded from the page is
opened and read, and must equal what the CLI makes from the case file the
page saved.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from sendocs import appeal_deadline, assessment_decision_deadline, load_case
from sendocs.cli import main
from tests.web.conftest import Pages, wait_for_job
from tests.web.keyboard import choose, download, fill, fill_date, press, select, tab_to

pytestmark = pytest.mark.browser

CONTINUE = "button.govuk-button[type=submit]"


def _long(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    return "\n".join(parts)


def _answer_questions(page: Any, pages: Pages, sent: dt.date) -> None:
    pages.check("start")
    press(page, "form[action='/parent/new'] button")

    pages.check("child-name")
    fill(page, "forename", "Lily")
    fill(page, "surname", "Baker-Nowak")
    press(page, CONTINUE)

    fill_date(page, "dob", 4, 5, 2015)
    press(page, CONTINUE)  # no year: the error summary, then the fix
    assert "Enter your child's school year" in page.inner_text(".govuk-error-summary")
    pages.check("error-summary")
    fill(page, "year", "6")
    press(page, CONTINUE)

    pages.check("you")
    fill(page, "title", "Ms")
    fill(page, "forenames", "Joanna")
    fill(page, "surname", "Baker")
    fill(page, "address", "12 Mill Lane\nWestbury\nWB3 4QT")
    fill(page, "email", "joanna@example.org")
    press(page, CONTINUE)

    pages.check()
    fill(page, "school", "Westbury Primary School")
    fill(page, "senco", "Mrs Amina Shah")
    press(page, CONTINUE)

    pages.check()
    fill(page, "council", "Westshire Council")
    press(page, CONTINUE)

    pages.check("need")  # a list that needs an item goes straight to adding the first
    fill(page, "description", "Lily reads well below her age and cannot spell common words.")
    choose(page, "area", "cognition_and_learning")
    tab_to(page, "#suspected")
    page.keyboard.press("Space")
    press(page, CONTINUE)
    pages.check("needs")
    press(page, "form:not(.sendocs-inline-form) " + CONTINUE)

    pages.check("diagnoses")  # optional lists start empty, with a way past them
    assert "None added yet" in page.inner_text("main")
    press(page, "#add a")
    pages.check("diagnosis")
    fill(page, "condition", "Dyslexia")
    fill(page, "diagnosed_by", "Ms Carol Reid, specialist teacher")
    fill_date(page, "date", 10, 3, 2026)
    press(page, CONTINUE)
    pages.check()
    press(page, "form:not(.sendocs-inline-form) " + CONTINUE)

    pages.check()
    fill_date(page, "start", 8, 9, 2025)
    fill_date(page, "review", 8, 12, 2025)
    press(page, CONTINUE)

    pages.check()
    press(page, "#add a")
    pages.check()
    fill(page, "intervention", "Precision teaching")
    choose(page, "area", "cognition_and_learning")
    fill(page, "by", "Teaching assistant")
    fill(page, "sessions", "3")
    fill(page, "minutes", "15")
    press(page, CONTINUE)
    pages.check()
    press(page, "form:not(.sendocs-inline-form) " + CONTINUE)

    pages.check()
    press(page, "#add a")
    pages.check()
    fill(page, "title", "Specialist teacher report")
    fill(page, "author", "Ms Carol Reid")
    fill_date(page, "date", 3, 3, 2026)
    select(page, "kind", "expert_report")
    press(page, CONTINUE)
    pages.check()
    press(page, "form:not(.sendocs-inline-form) " + CONTINUE)

    pages.check()  # professionals
    press(page, "#add a")
    pages.check("professional")
    fill(page, "name", "Ms Carol Reid")
    fill(page, "role", "Specialist teacher")
    fill(page, "organisation", "Westshire Learning Support Service")
    fill_date(page, "report", 3, 3, 2026)
    press(page, CONTINUE)
    pages.check()
    press(page, "form:not(.sendocs-inline-form) " + CONTINUE)

    pages.check("consult")  # the people the council is asked to consult, reg 6(1)(h)
    assert "6(1)(h)" in page.inner_text("main")
    press(page, "#add a")
    pages.check()
    fill(page, "name", "Dr Fiona Walsh")
    fill(page, "role", "Educational psychologist")
    press(page, CONTINUE)
    pages.check()
    press(page, "form:not(.sendocs-inline-form) " + CONTINUE)

    pages.check("views")
    fill(page, "parent_views", "Lily is unhappy and says she is stupid. We need help now.")
    fill(page, "pupil_views", "Reading makes my head hurt.")
    press(page, CONTINUE)

    pages.check()
    fill_date(page, "sent_on", sent.day, sent.month, sent.year)
    choose(page, "delivery", "email")
    press(page, CONTINUE)


def test_parent_journey_with_keyboard_alone(page: Any, pages: Pages, tmp_path: Path) -> None:
    page.goto("/")
    sent = dt.date.today() - dt.timedelta(days=70)  # so the council is now late
    decision = assessment_decision_deadline(sent=sent, delivery="email").date

    _answer_questions(page, pages, sent)

    pages.check("check-answers")
    pages.screenshot("check-answers-end", scroll_to="main form button")
    answers = page.inner_text("main")
    for given in ("Lily", "Precision teaching", "Dyslexia", "Ms Carol Reid", "Dr Fiona Walsh"):
        assert given in answers
    press(page, "main form " + CONTINUE)
    wait_for_job(page, "/documents")

    pages.check("documents")
    main_text = page.inner_text("main")
    assert f"The council must decide by {_long(decision)}" in main_text
    assert "reg 5(1)" in main_text
    assert page.locator("iframe.sendocs-preview").count() == 1
    pages.screenshot("preview", scroll_to="iframe.sendocs-preview")

    word = download(page, "a[href*='/file/request/0']")
    word_path = tmp_path / word.suggested_filename
    word.save_as(word_path)
    text = _docx_text(word_path)
    assert "Lily" in text and "Baker-Nowak" in text
    assert _long(decision) in text
    assert "Dyslexia: diagnosed on" in text and "Ms Carol Reid, specialist teacher" in text
    assert "6(1)(h)" in text and "Dr Fiona Walsh" in text  # the person to consult

    pdf = download(page, "a[href*='/file/request/1']")
    pdf_path = tmp_path / pdf.suggested_filename
    pdf.save_as(pdf_path)
    pdf_text = "".join(p.extract_text() for p in PdfReader(pdf_path).pages)
    assert "Baker-Nowak" in pdf_text and _long(decision) in pdf_text

    saved = download(page, "a[href$='/case.yaml']")
    case_path = tmp_path / "case.yaml"
    saved.save_as(case_path)
    case = load_case(case_path).case  # the CLI's own loader accepts what the app saved
    assert case.child.legal_surname == "Baker-Nowak"
    assert [d.condition for d in case.diagnoses] == ["Dyslexia"]
    assert case.professionals[0].report_dates == [dt.date(2026, 3, 3)]
    assert case.assessment_request is not None
    assert [p.name for p in case.assessment_request.consult] == ["Dr Fiona Walsh"]

    # The same letter from the command line, from the saved case file.
    cli_out = tmp_path / "cli"
    result = CliRunner().invoke(
        main, ["render", "assessment-request", str(case_path), "-o", str(cli_out)]
    )
    assert result.exit_code == 0, result.output
    (cli_docx,) = cli_out.glob("*.docx")
    assert cli_docx.name == word_path.name
    with zipfile.ZipFile(word_path) as web_zip, zipfile.ZipFile(cli_docx) as cli_zip:
        assert web_zip.read("word/document.xml") == cli_zip.read("word/document.xml")

    # The council is late: the follow-up letter, dated today.
    press(page, "#follow-up ~ form button")
    wait_for_job(page, "/documents")
    pages.check()
    follow = download(page, "a[href*='/file/follow-up/0']")
    follow_path = tmp_path / follow.suggested_filename
    follow.save_as(follow_path)
    assert "Lily" in _docx_text(follow_path)

    # A refusal arrives: the appeal deadline, saved into the case, with time left.
    refused = dt.date.today() - dt.timedelta(days=3)
    fill_date(page, "decision_date", refused.day, refused.month, refused.year)
    press(page, "#appeal ~ form button")
    pages.check()
    pages.screenshot("appeal", scroll_to="#appeal-result")
    expected = appeal_deadline(refused)
    result = page.inner_text("#appeal-result")
    assert result.startswith(f"Appeal by {_long(expected.date)}")
    assert expected.status(dt.date.today()) in result
    saved = download(page, "a[href$='/case.yaml']")
    saved.save_as(case_path)
    appeal = load_case(case_path).case.appeal
    assert appeal is not None and appeal.decision.date_sent == refused

    # A decision letter found months later: the deadline has passed, said first, then the
    # late route (rule 20(4)).
    old = dt.date.today() - dt.timedelta(days=120)
    fill_date(page, "decision_date", old.day, old.month, old.year)
    press(page, "#appeal ~ form button")
    pages.check("appeal-late")
    late = appeal_deadline(old)
    assert late.has_passed(dt.date.today())
    result = page.inner_text("#appeal-result")
    assert result.startswith("The time limit for appealing has passed")
    assert late.status(dt.date.today()) in result and late.if_passed in result
    assert "Appeal by" not in result
    print(f"axe: {len(pages.checked)} pages in {pages.axe_seconds:.1f} s, {pages.skipped} repeats")

"""Consent forms, session 19 (#10): the offer of the form in Polish and Welsh, typographic
apostrophes in the form's own words, no field value quoted into the log, and the code
review's leftovers (one service_rows per form, the pupil's page by its form, one helper
for a role run on mid-sentence)."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pytest
from pypdf import PdfReader

from sendocs.forms import consent as consent_module
from sendocs.forms import fill_form, load_map
from sendocs.forms.consent import (
    CONSENT_FORMS,
    PUPIL_FORM,
    consent_jobs,
    consent_wording,
    language_offer,
    parent_copies,
    service_rows,
)
from sendocs.forms.expressions import form_context
from sendocs.loading import load_case
from sendocs.models import Case
from sendocs.models.people import Professional
from sendocs.resources import templates_dir
from tests.conftest import CASES

ON = dt.date(2026, 11, 23)
FORMS = templates_dir() / "forms"

POLISH_POINTER = (
    "Czy chcą Państwo otrzymać ten formularz w języku polskim lub pomoc tłumacza? Patrz strona 2."
)
POLISH_OFFER = (
    "Jeśli chcą Państwo otrzymać ten formularz w języku polskim albo skorzystać z pomocy "
    "tłumacza przy jego wypełnianiu, prosimy o informację – zorganizujemy to bezpłatnie."
)
WELSH_POINTER = "Hoffech chi gael y ffurflen hon yn Gymraeg, neu gyfieithydd? Gweler tudalen 2."
WELSH_OFFER = (
    "Os hoffech gael y ffurflen hon yn Gymraeg, neu gyfieithydd i’ch helpu i’w llenwi, "
    "rhowch wybod i ni a byddwn yn trefnu hynny am ddim."
)


def _with_language(name: str, language: str) -> Case:
    """The fixture with its first parent reading ``language`` (the example data has no
    Polish- or Welsh-reading parent; a school records it as ``parents[].language``)."""
    case = load_case(CASES / f"{name}.yaml").case
    first = case.parents[0].model_copy(update={"language": language})
    return case.model_copy(update={"parents": [first, *case.parents[1:]]})


def _pages(pdf: Path) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(pdf).pages]


@pytest.mark.parametrize(
    ("language", "pointer", "offer", "english"),
    [
        ("Polish", POLISH_POINTER, POLISH_OFFER, "in Polish"),
        ("Welsh", WELSH_POINTER, WELSH_OFFER, "in Welsh"),
    ],
)
def test_offer_in_polish_and_welsh_then_english(
    language: str, pointer: str, offer: str, english: str
) -> None:
    case = _with_language("maya-kowalczyk-oneill", language)
    got = language_offer(case, case.parents[0], ON)
    assert got["pointer"] == pointer
    own, in_english = got["offer"].split("\n")
    assert own == offer
    assert in_english == (
        f"If you would like this form {english}, or an interpreter to help you fill it in, "
        "please tell us and we will arrange it free of charge."
    )
    # matched without case, as the letters' offers are
    lower = _with_language("leo-baxter", language.lower())
    assert language_offer(lower, lower.parents[0], ON)["pointer"] == pointer


def test_polish_form_flattened_has_pointer_on_page_1_and_offer_on_page_2(
    tmp_path: Path,
) -> None:
    case = _with_language("maya-kowalczyk-oneill", "Polish")
    form = FORMS / CONSENT_FORMS["with_pupil"]
    jobs = consent_jobs(case, load_map(form.with_suffix(".map.yaml")), tmp_path / "c.pdf", form)
    parent = jobs[0]
    fill_form(
        parent.form, case, parent.form_map, parent.target, flatten=True, today=ON,
        parent=parent.parent,
    )  # fmt: skip
    first, second = _pages(parent.target)[:2]
    assert POLISH_POINTER in first
    assert second.index(POLISH_OFFER) < second.index("If you would like this form in Polish")


def test_welsh_form_fields_hold_the_offer(tmp_path: Path) -> None:
    case = _with_language("leo-baxter", "Welsh")
    form = FORMS / CONSENT_FORMS["parent"]
    out = tmp_path / "cy.pdf"
    fill_form(form, case, load_map(form.with_suffix(".map.yaml")), out, today=ON)
    fields = PdfReader(out).get_fields() or {}
    assert fields["language_pointer"]["/V"] == WELSH_POINTER
    assert str(fields["language_offer"]["/V"]).startswith(WELSH_OFFER + "\n")


def test_no_field_value_quoted_into_the_log(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """pypdf's "Text string '…' contains characters not supported by font encoding" would
    quote a value (an address, a name) into a WARNING; sendocs already asks viewers to
    redraw such a value, so the warning is dropped."""
    case = _with_language("maya-kowalczyk-oneill", "Polish")
    first = type(case.parents[0]).model_validate(
        {**case.parents[0].model_dump(), "address": "ul. Łąkowa 5, 00-950 Łódź"}
    )
    case = case.model_copy(update={"parents": [first]})
    form = FORMS / CONSENT_FORMS["parent"]
    with caplog.at_level(logging.DEBUG):
        fill_form(form, case, load_map(form.with_suffix(".map.yaml")), tmp_path / "a.pdf")
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert "Łąkowa" not in caplog.text and "Jeśli" not in caplog.text
    fields = PdfReader(tmp_path / "a.pdf").get_fields() or {}
    assert "Łąkowa 5" in str(fields["parent_address"]["/V"])


def test_the_forms_own_words_use_typographic_apostrophes(tmp_path: Path) -> None:
    case = load_case(CASES / "maya-kowalczyk-oneill.yaml").case
    wording = consent_wording(case, ON)
    assert (
        "about a child’s safety, we share with children’s social care" in (wording["what_we_share"])
    )
    assert "Information Commissioner’s Office (ico.org.uk)" in wording["pupil_privacy"]
    assert (
        "either parent’s answer"
        in consent_wording(load_case(CASES / "niamh-oconnor.yaml").case, ON)["pupil_intro"]
    )
    form = FORMS / CONSENT_FORMS["parent"]
    out = tmp_path / "p.pdf"
    fill_form(form, case, load_map(form.with_suffix(".map.yaml")), out, flatten=True, today=ON)
    first, second = _pages(out)
    # printed labels, the consent sentence and the policy wording: one style
    assert "understand your child’s needs" in first
    assert "Child’s full legal name" not in first  # a tooltip, not a label: never printed
    assert "my child’s special educational needs" in first
    assert "Information Commissioner’s Office" in second
    # the school's own typing is kept as typed (a name is never rewritten)
    assert "Maya Kowalczyk-O'Neill" in first
    generated = first.replace("Kowalczyk-O'Neill", "")
    assert "'" not in generated and "'" not in second


def test_retention_the_school_typed_with_a_curly_apostrophe_reads_as_you() -> None:
    case = load_case(CASES / "jordan-mills.yaml").case
    dp = case.school.data_protection
    assert dp is not None
    kept = dp.model_copy(update={"retention": "until Jordan’s 25th birthday"})
    school = case.school.model_copy(update={"data_protection": kept})
    case = case.model_copy(update={"school": school})
    assert "until your 25th birthday" in consent_module.retention(case, dt.date(2027, 9, 1))


def test_form_context_works_out_the_service_rows_once(monkeypatch: pytest.MonkeyPatch) -> None:
    case = load_case(CASES / "kai-thompson.yaml").case
    calls = []
    real = consent_module.service_rows

    def counted(*args: object, **kwargs: object) -> list[tuple[str, str]]:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(consent_module, "service_rows", counted)
    context = form_context(case, today=ON)
    assert len(calls) == 1
    rows = real(case, ON)
    assert context["services"]["service_1"] == rows[0][0]
    assert context["service_notes"]["service_1"] == rows[0][1]
    assert context["wording"]["tick_service_1"].endswith(f"sharing information with {rows[0][0]}")


def test_parent_copies_count_every_form_but_the_pupils_page(tmp_path: Path) -> None:
    niamh = load_case(CASES / "niamh-oconnor.yaml").case  # two parents, pupil asked
    form = FORMS / CONSENT_FORMS["with_pupil"]
    jobs = consent_jobs(niamh, load_map(form.with_suffix(".map.yaml")), tmp_path / "c.pdf", form)
    assert [j.form.name == PUPIL_FORM for j in jobs] == [False, False, True]
    assert parent_copies(jobs) == 2


def test_a_role_runs_on_mid_sentence_by_one_rule() -> None:
    case = load_case(CASES / "kai-thompson.yaml").case
    people = [
        Professional(name="Ms Ann Lee", role="Specialist teacher", organisation="Eastshire LSS"),
        Professional(name="Mr Tom Hale", role="SENCO", organisation="Independent"),
        Professional(name="Dr Sue Park", role="Clinical psychologist", organisation=None),
    ]
    rows = service_rows(case.model_copy(update={"professionals": people}), ON)
    assert rows[0] == (
        "Eastshire LSS (specialist teacher)",
        "Already working with us: assessment and advice from a specialist teacher.",
    )
    assert rows[1][0] == "Mr Tom Hale, independent SENCO"  # an acronym keeps its capitals
    assert rows[2] == (
        "Dr Sue Park, clinical psychologist",
        "Already working with us: assessment and advice from a clinical psychologist.",
    )

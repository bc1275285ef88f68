"""The DPO's second read of the consent forms (#10 s18): tick boxes described by the
service their row holds, pre-filled wording locked, the academy trust as controller,
the public task with its Art 9 condition worded by who made the request, the
safeguarding condition, return-by dates with the weekday, the child named one way,
and no bare service rows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader

from sendocs.forms import fill_form, load_map
from sendocs.forms.consent import consent_form_for, service_rows
from sendocs.forms.fields import FF_READ_ONLY
from sendocs.loading import load_case
from sendocs.models import Case

CASES = Path(__file__).resolve().parents[2] / "fixtures" / "cases"
ON = dt.date(2026, 11, 23)

LOCKED = (
    "consent_statement",
    "data_protection",
    "what_we_share",
    "return_note",
    "school_contact",
    "date_prepared",
    "language_offer",
    "setting_use_heading",
    *(f"service_{n}_{part}" for n in range(1, 6) for part in ("title", "note")),
)
FAMILY_FILLS = ("service_1", "service_other", "date_signed", "preferred_contact")


def _case(name: str) -> Case:
    return load_case(CASES / f"{name}.yaml").case


def _fill(case: Case, out: Path, flatten: bool = False) -> Path:
    form, form_map = consent_form_for(case, ON)
    fill_form(form, case, load_map(form_map), out, today=ON, flatten=flatten)
    return out


def _fields(pdf: Path) -> dict[str, dict[str, object]]:
    fields = PdfReader(pdf).get_fields() or {}
    return {name: dict(f) for name, f in fields.items()}


def _text(pdf: Path) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(pdf).pages)


@pytest.mark.parametrize("name", ["kai-thompson", "jordan-mills", "elena-ap-gwilym"])
def test_tick_boxes_name_their_service_and_prefilled_wording_is_locked(
    name: str, tmp_path: Path
) -> None:
    case = _case(name)
    fields = _fields(_fill(case, tmp_path / "c.pdf"))
    setting = "the college" if case.school.setting_type.is_college else "the school"
    for n, (title, _) in enumerate(service_rows(case, ON), start=1):
        tip = str(fields[f"service_{n}"]["/TU"])
        assert tip == f"I agree to {setting} sharing information with {title}"
        assert "_title" not in tip and "row" not in tip
    for locked in LOCKED:
        assert int(fields[locked].get("/Ff", 0)) & FF_READ_ONLY, locked
    for free in FAMILY_FILLS:
        assert not int(fields[free].get("/Ff", 0)) & FF_READ_ONLY, free


def test_pupil_ticks_and_contact_buttons_have_words_not_field_names(tmp_path: Path) -> None:
    case = _case("maya-kowalczyk-oneill")
    pdf = _fill(case, tmp_path / "m.pdf")
    fields = _fields(pdf)
    if "pupil_service_1" in fields:
        first = service_rows(case, ON)[0][0]
        assert str(fields["pupil_service_1"]["/TU"]) == (
            f"I agree to the school sharing information about me with {first}"
        )
    tips = {
        str(kid.get_object().get("/TU"))
        for page in PdfReader(pdf).pages
        for kid in page.get("/Annots", [])
        if kid.get_object().get("/Parent", {}).get("/T") == "preferred_contact"
        or kid.get_object().get("/T") == "preferred_contact"
    }
    assert {"Contact me by email", "Contact me by telephone", "Contact me by letter"} <= tips


def test_academy_trust_is_the_controller_and_dpo_role_printed(tmp_path: Path) -> None:
    kai = _text(_fill(_case("kai-thompson"), tmp_path / "k.pdf", flatten=True))
    assert "Data controller: Westbury Learning Trust, which runs Westbury Academy, " in kai
    assert "Data controller: Westbury Academy" not in kai
    elena = _case("elena-ap-gwilym")
    text = _text(_fill(elena, tmp_path / "e.pdf", flatten=True))
    assert (
        "Data controller: Southmead Diocesan Schools Trust, which runs St Anne\u2019s Church of "
        "England High School" in text
    )
    assert (
        "Data protection officer: Ms Ruth Ellery, Southmead Diocesan Schools Trust, "
        "dpo@southmead-trust.example.org.uk." in text
    )
    maintained = _text(_fill(_case("amara-okafor"), tmp_path / "a.pdf", flatten=True))
    assert "Data controller: Brookfield Primary School" in maintained


def test_public_task_worded_by_who_made_the_request(tmp_path: Path) -> None:
    basis = (
        "as part of our public task (UK GDPR Article 6(1)(e)) and, for information about "
        "health and special educational needs, Article 9(2)(g) with the Data Protection Act "
        "2018, Schedule 1, paragraph 6, not because of this form."
    )
    ruby = _text(_fill(_case("ruby-clarke"), tmp_path / "r.pdf", flatten=True))
    assert f"we share information with Northshire County Council’s SEND team {basis}" in ruby
    kai = _text(_fill(_case("kai-thompson"), tmp_path / "k.pdf", flatten=True))
    assert (
        "If Westshire Council asks us for information and advice for the EHC needs "
        "assessment you asked Westshire Council for on 23 November 2026, we give it "
        f"{basis}" in kai  # the form is Ms Thompson's: she made the request (#10 s19)
    )
    jordan = _text(_fill(_case("jordan-mills"), tmp_path / "j.pdf", flatten=True))
    assert (
        "If Southshire Council asks us for information and advice for the EHC needs "
        "assessment you asked Southshire Council for on 28 September 2026, we give it "
        f"{basis}" in jordan
    )


def test_return_by_weekday_one_name_young_persons_words(tmp_path: Path) -> None:
    maya = _text(_fill(_case("maya-kowalczyk-oneill"), tmp_path / "m.pdf", flatten=True))
    assert ", by Monday 7 December 2026." in maya
    kai = _text(_fill(_case("kai-thompson"), tmp_path / "k.pdf", flatten=True))
    assert "until KJ is 25" in kai and "until Kai is 25" not in kai
    jordan = _text(_fill(_case("jordan-mills"), tmp_path / "j.pdf", flatten=True))
    assert "a record of what we share, until you are 25." in jordan
    assert "Early help: support for young people from the council’s young people’s service" in (
        jordan
    )
    assert "family support from children’s services" not in jordan


def test_no_bare_service_row(tmp_path: Path) -> None:
    for path in sorted(CASES.glob("*.yaml")):
        for title, note in service_rows(_case(path.stem), ON):
            assert note.rstrip(".") != "Already working with us", (path.stem, title)
    elena = dict(service_rows(_case("elena-ap-gwilym"), ON))
    assert elena["Eastshire Learning Support Service (specialist dyslexia assessor)"] == (
        "Already working with us: assessment and advice from a specialist dyslexia assessor."
    )

"""The appeal model: consistency errors located at the field they concern."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from sendocs.errors import CaseDataError, format_field_path
from sendocs.loading import load_case
from sendocs.models import AppealType, Case
from sendocs.models.appeals import ProposedAmendment, Proposer, unknown_evidence_refs

from .conftest import SAMI, refusal_to_assess, sami_data


def _errors(data: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(ValidationError) as info:
        Case.model_validate(data)
    return {format_field_path(e["loc"]): e["msg"] for e in info.value.errors()}


def test_fixture_validates_with_no_warnings() -> None:
    loaded = load_case(SAMI)
    # but the consent forms' retention period, not in Sami's case (s18, H10a)
    assert [w for w in loaded.warnings if "retention" not in w.message] == []
    appeal = loaded.case.appeal
    assert appeal is not None and appeal.appeal_type is AppealType.CONTENTS
    assert [s.value for s in appeal.sections] == ["B", "F", "I"]
    assert 4 <= sum(a.is_change for a in appeal.amendments) <= 8


def test_limb_on_a_contents_appeal_is_an_error_at_that_ground() -> None:
    data = sami_data()
    data["appeal"]["grounds"][1]["limb"] = 1
    errors = _errors(data)
    assert list(errors) == ["appeal.grounds[2].limb"]
    assert "limbs belong to a refusal-to-assess appeal" in errors["appeal.grounds[2].limb"]


def test_section_on_a_refusal_to_assess_is_an_error() -> None:
    data = refusal_to_assess(sami_data())
    data["appeal"]["grounds"][0]["section"] = "B"
    errors = _errors(data)
    assert "a refusal-to-assess appeal has no plan sections" in errors["appeal.grounds[1].section"]


def test_refusal_to_assess_grounds_need_a_limb() -> None:
    data = refusal_to_assess(sami_data())
    del data["appeal"]["grounds"][1]["limb"]
    assert "s.36(8)" in _errors(data)["appeal.grounds[2].limb"]


def test_contents_ground_must_be_about_a_section_challenged() -> None:
    data = sami_data()
    data["appeal"]["sections"] = ["B", "F"]
    data["appeal"]["amendments"] = [a for a in data["appeal"]["amendments"] if a["section"] != "I"]
    errors = _errors(data)
    assert "not among the sections challenged (B, F)" in errors["appeal.grounds[5].section"]


def test_health_and_social_care_recommendations_not_on_refusal_to_assess() -> None:
    data = refusal_to_assess(sami_data())
    data["appeal"]["health_social_care_recommendations"] = "An OT assessment."
    message = _errors(data)["appeal.health_social_care_recommendations"]
    assert "SEND35a" in message and "education ground" in message


def test_amendments_only_on_a_contents_appeal() -> None:
    data = refusal_to_assess(sami_data())
    data["appeal"]["amendments"] = [{"section": "F", "proposed": "x", "proposed_by": "parent"}]
    assert "working document of a contents appeal" in _errors(data)["appeal.amendments"]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"proposed": "New text"}, "needs proposed_by"),
        ({"proposed_by": "parent"}, "give the original text, the proposed text, or both"),
        ({"original": "Same", "proposed": "Same", "proposed_by": "la"}, "same as the original"),
        ({}, "needs its original text"),
    ],
)
def test_amendment_rules(fields: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        ProposedAmendment.model_validate({"section": "F", **fields})


def test_proposer_accepts_everyday_words() -> None:
    assert Proposer("LA") is Proposer.LOCAL_AUTHORITY
    assert Proposer("Local authority") is Proposer.LOCAL_AUTHORITY
    assert Proposer("parents") is Proposer.PARENT


def test_recommendations_as_one_text_still_load() -> None:
    data = sami_data()
    data["appeal"]["health_social_care_recommendations"] = "An occupational therapy assessment."
    appeal = Case.model_validate(data).appeal
    assert appeal is not None
    assert appeal.health_social_care_recommendations[0].text.startswith("An occupational")


def test_unknown_evidence_refs_are_listed_with_paths(sami: Case) -> None:
    appeal = sami.appeal
    assert appeal is not None
    known = {d.ref for d in sami.evidence if d.ref} - {"E6"}
    found = unknown_evidence_refs(appeal, known)
    paths = [format_field_path(path) for path, _ in found]
    assert paths == [
        "appeal.grounds[5].evidence[3].document",
        "appeal.amendments[12].evidence[1].document",
        "appeal.preferred_school.resources_evidence[1].document",
        "appeal.preferred_school.response_evidence[1].document",
        "appeal.preferred_school.response_evidence[2].document",
    ]
    assert "'E6' is not an evidence document in this case" in found[0][1]


def test_loader_reports_the_line_of_a_misplaced_limb(tmp_path: Path) -> None:
    data = sami_data()
    data["appeal"]["grounds"][0]["limb"] = 2
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    with pytest.raises(CaseDataError) as info:
        load_case(path)
    problems = info.value.problems or []
    assert [p.location.field_text for p in problems] == ["appeal.grounds[1].limb"]
    line = problems[0].location.line
    assert line is not None
    assert path.read_text().splitlines()[line - 1].strip() == "limb: 2"


def test_decision_letter_omissions() -> None:
    data = sami_data()
    data["appeal"]["decision"]["states_time_limit"] = False
    appeal = Case.model_validate(data).appeal
    assert appeal is not None
    assert appeal.decision.omissions == ["the time limit for appealing"]

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from sendocs.models import (
    AppealType,
    AreaOfNeed,
    Case,
    Provision,
    SenType,
    check_case,
    expected_year_group,
)
from tests.conftest import CASES, TODAY


def _data(name: str = "amara-okafor.yaml") -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((CASES / name).read_text())
    return data


def test_fixture_loads_with_history_oldest_first() -> None:
    case = Case.model_validate(_data())
    assert case.child.full_name == "Amara Okafor"
    assert len(case.cycles) == 3
    assert case.current_cycle.start == dt.date(2026, 9, 14)
    assert case.primary_need is not None and case.primary_need.sen_type is SenType.SLCN
    assert case.areas_of_need == [
        AreaOfNeed.COMMUNICATION_AND_INTERACTION,
        AreaOfNeed.SEMH,
    ]


def test_evidence_refs_are_assigned_in_order() -> None:
    case = Case.model_validate(_data())
    assert [d.ref for d in case.evidence] == ["E1", "E2", "E3", "E4"]


def test_review_date_must_follow_plan_start() -> None:
    data = _data()
    data["cycles"][0]["review_date"] = data["cycles"][0]["start"]
    with pytest.raises(ValidationError, match="must be after the plan start"):
        Case.model_validate(data)


def test_cycles_must_be_oldest_first() -> None:
    data = _data()
    data["cycles"].reverse()
    with pytest.raises(ValidationError, match="oldest first"):
        Case.model_validate(data)


def test_only_one_primary_need() -> None:
    data = _data()
    data["needs"][1]["rank"] = 1
    with pytest.raises(ValidationError, match="only one need may have rank 1"):
        Case.model_validate(data)


def test_enum_codes_accept_any_case_and_labels() -> None:
    data = _data()
    data["needs"][0]["sen_type"] = "slcn"
    data["sen_status"] = "SEN support"
    case = Case.model_validate(data)
    assert case.needs[0].sen_type is SenType.SLCN
    assert case.sen_status.value == "K"


@pytest.mark.parametrize(
    ("dob", "on", "year"),
    [
        (dt.date(2019, 3, 14), dt.date(2026, 11, 23), 3),  # born spring 2019: Year 3 in 2026/27
        (dt.date(2018, 9, 1), dt.date(2026, 11, 23), 3),  # 1 September is the oldest of a cohort
        (
            dt.date(2018, 8, 31),
            dt.date(2026, 11, 23),
            4,
        ),  # 31 August is the youngest of the one above
        (dt.date(2021, 12, 1), dt.date(2026, 11, 23), 0),  # Reception
        (
            dt.date(2010, 11, 2),
            dt.date(2027, 6, 1),
            11,
        ),  # summer term still counts as the same year
    ],
)
def test_expected_year_group(dob: dt.date, on: dt.date, year: int) -> None:
    assert expected_year_group(dob, on) == year


def test_year_group_mismatch_is_a_warning_not_an_error() -> None:
    data = _data()
    data["child"]["year_group"] = 5
    case = Case.model_validate(data)
    messages = [w.message for w in check_case(case, today=TODAY)]
    assert any("would usually be in Year 3 now, not Year 5" in m for m in messages)


def test_outcome_without_measure_or_date_is_warned() -> None:
    data = _data()
    outcome = data["cycles"][-1]["outcomes"][0]
    del outcome["success_criteria"]
    del outcome["target_date"]
    case = Case.model_validate(data)
    warnings = check_case(case, today=TODAY)
    smart = [w for w in warnings if "not SMART" in w.message]
    assert len(smart) == 1
    assert smart[0].path == ("cycles", 2, "outcomes", 0)
    assert "no success criteria or target date" in smart[0].message


def test_clean_fixture_has_no_warnings() -> None:
    case = Case.model_validate(_data())
    assert check_case(case, today=TODAY) == []


def test_provision_cost_arithmetic() -> None:
    # 3 × 20 min = 60 min a week; 38 weeks = 38 hours; × £18.50 = £703.00; group of 4 → £175.75
    group = Provision(
        intervention="Vocabulary group",
        area=AreaOfNeed.COMMUNICATION_AND_INTERACTION,
        delivered_by="Teaching assistant",
        group_size=4,
        sessions_per_week=Decimal(3),
        minutes_per_session=20,
        hourly_cost=Decimal("18.50"),
    )
    assert group.annual_cost() == Decimal("175.75")
    # 39 weeks and £40 of resources: 39 h × 18.50 = 721.50 / 4 = 180.375 → 180.38 + 40
    assert group.model_copy(update={"other_costs": Decimal(40)}).annual_cost(39) == Decimal(
        "220.38"
    )


def test_appeal_type_decides_the_form() -> None:
    assert AppealType.REFUSAL_TO_ASSESS.form == "SEND35a"
    assert AppealType.CONTENTS.form == "SEND35"
    assert AppealType.CEASE_TO_MAINTAIN.statute == "section 51(2)(f)"


def test_section_i_only_appeal_needs_no_mediation_certificate() -> None:
    data = _data()
    data["appeal"] = {
        "appeal_type": "contents",
        "sections": ["I"],
        "decision": {"date_sent": "2026-10-01"},
    }
    case = Case.model_validate(data)
    assert case.appeal is not None and case.appeal.section_i_only
    assert not case.appeal.needs_mediation_certificate
    data["appeal"]["sections"] = ["B", "I"]
    assert Case.model_validate(data).appeal.needs_mediation_certificate  # type: ignore[union-attr]

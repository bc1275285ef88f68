"""Cell conversion (UK, ISO and Excel dates) and the column map's own checks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from sendocs.errors import CaseDataError
from sendocs.roster import default_column_map, load_column_map
from sendocs.roster.column_map import ValueKind, parse_field_path
from sendocs.roster.values import CellError, convert_cell


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("14/03/2019", dt.date(2019, 3, 14)),
        ("4/3/2019", dt.date(2019, 3, 4)),
        ("14.03.2019", dt.date(2019, 3, 14)),
        ("2019-03-14", dt.date(2019, 3, 14)),
        ("29/02/2020", dt.date(2020, 2, 29)),
        (dt.datetime(2019, 3, 14, 0, 0), dt.date(2019, 3, 14)),
        (43538, dt.date(2019, 3, 14)),  # an Excel serial number that lost its date format
    ],
)
def test_dates(cell: object, expected: dt.date) -> None:
    assert convert_cell(cell, ValueKind.DATE) == expected


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("31/02/2019", "'31/02/2019' is not a real date: February 2019 has 28 days"),
        ("29/02/2019", "February 2019 has 28 days"),
        ("12/13/2019", "there is no month 13"),
        ("March 2019", "write it as dd/mm/yyyy"),
    ],
)
def test_impossible_dates_say_why(cell: str, message: str) -> None:
    with pytest.raises(CellError, match=message):
        convert_cell(cell, ValueKind.DATE)


def test_numbers_text_and_lists() -> None:
    assert convert_cell("£1,250.50", ValueKind.NUMBER) == Decimal("1250.50")
    assert convert_cell(18.5, ValueKind.NUMBER) == Decimal("18.5")
    assert convert_cell("3", ValueKind.NUMBER) == 3
    assert convert_cell("Year 3", ValueKind.NUMBER) == "Year 3"  # left for the model
    assert convert_cell(100001.0, ValueKind.TEXT) == "100001"
    assert convert_cell("Kind; artistic;\nfunny", ValueKind.TEXT_LIST) == [
        "Kind",
        "artistic",
        "funny",
    ]
    assert convert_cell("Yes", ValueKind.BOOL) is True


def test_field_paths_count_from_one() -> None:
    assert parse_field_path("parents[2].email") == ("parents", 1, "email")
    assert parse_field_path("cycles[1].assess.summary") == ("cycles", 0, "assess", "summary")
    with pytest.raises(ValueError, match="count from 1"):
        parse_field_path("parents[0].email")


def test_default_map_covers_the_mis_columns() -> None:
    column_map = default_column_map()
    assert column_map.columns[("child", "upn")] == ("UPN",)
    assert "DOB" in column_map.columns[("child", "date_of_birth")]
    assert ("child", "legal_surname") in column_map.required
    assert column_map.outcomes.repeated["success_criteria"] == ("Outcome {n} Measure",)
    assert column_map.provision.columns["hourly_cost"] == ("Hourly Cost",)


def test_bad_map_entries_are_all_reported(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(
        "columns:\n"
        "  child.surname: Surname\n"
        "  child.upn: UPN\n"
        "  school.name: School\n"
        "required: [child.legal_forename]\n"
        "outcomes:\n"
        "  repeated:\n"
        "    outcome: Outcome\n"
        "    target: Target\n",
        encoding="utf-8",
    )
    with pytest.raises(CaseDataError) as caught:
        load_column_map(path)
    text = str(caught.value)
    assert (
        "columns.child.surname: not a case field: surname (did you mean 'legal_surname'?)" in text
    )
    assert "columns.school.name: school-wide details go in the school settings file" in text
    assert "'child.legal_forename' is required but has no entry under columns:" in text
    assert "outcomes.repeated.outcome: a repeated column header must contain {n}" in text
    assert "outcomes.repeated.target: not a field of outcome (did you mean 'target_date'?)" in text

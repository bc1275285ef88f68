"""Reading MIS exports: CSV and XLSX, extra sheets and repeated columns, located errors."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from sendocs.dates import default_term_calendar
from sendocs.errors import CaseDataError, RosterError
from sendocs.models import AreaOfNeed, SenType
from sendocs.roster import (
    DEFAULT_COLUMN_MAP_PATH,
    SchoolSettings,
    load_column_map,
    load_school_settings,
    read_roster,
)

from .conftest import ROSTER, TODAY


def cases(path: Path, settings: SchoolSettings, **kwargs: Any) -> list[dict[str, Any]]:
    roster = read_roster(
        path, settings=settings, review_calendar=default_term_calendar(), today=TODAY, **kwargs
    )
    assert all(row.loaded for row in roster.rows), [str(r.error) for r in roster.rows if r.error]
    return [row.loaded.case.model_dump() for row in roster.rows if row.loaded]


def test_example_roster_csv_and_xlsx_give_the_same_cases(settings: SchoolSettings) -> None:
    from_csv = cases(ROSTER / "roster.csv", settings)
    from_xlsx = cases(ROSTER / "roster.xlsx", settings)
    assert len(from_csv) == 30
    assert from_csv == from_xlsx


def test_a_pupil_is_mapped_field_by_field(settings: SchoolSettings, generator: ModuleType) -> None:
    roster = read_roster(
        ROSTER / "roster.xlsx",
        settings=settings,
        review_calendar=default_term_calendar(),
        today=TODAY,
    )
    row = roster.rows[3]
    assert row.location.sheet == "Pupils" and row.location.row == 5
    case = row.loaded.case  # type: ignore[union-attr]
    source = generator.make_pupils(30)[3]
    assert case.child.legal_surname == source.row["Legal Surname"]
    assert case.child.preferred_name == "Mo"
    assert case.child.upn == source.row["UPN"]
    assert case.child.date_of_birth == source.row["DOB"]
    assert case.school.name == "Brookfield Primary School"
    assert case.local_authority.name == "Anyshire County Council"
    primary = case.needs[0]
    assert primary.rank == 1
    assert primary.sen_type is SenType(source.row["Primary Need"])
    assert primary.area is SenType(source.row["Primary Need"]).area
    cycle = case.current_cycle
    assert cycle.start == dt.date(2026, 9, 14)
    assert [o.outcome for o in cycle.outcomes] == [o["Outcome"] for o in source.outcomes]
    assert [p.intervention for p in cycle.provision] == [
        p["Intervention"] for p in source.provision
    ]
    assert sum(p.annual_cost() for p in cycle.provision) > 6000  # the one-to-one pupil
    assert case.parents[0].relationship in ("Mother", "Father")


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_repeated_columns_give_the_same_cases_as_extra_sheets(
    tmp_path: Path, settings: SchoolSettings, generator: ModuleType, suffix: str
) -> None:
    pupils = generator.make_pupils(8, seed=7)
    sheets, repeated = tmp_path / "sheets", tmp_path / "repeated"
    if suffix == "csv":
        first = generator.write_csv_roster(pupils, sheets, layout="sheets")
        second = generator.write_csv_roster(pupils, repeated, layout="repeated")
    else:
        sheets.mkdir()
        repeated.mkdir()
        first = generator.write_xlsx_roster(pupils, sheets / "r.xlsx", layout="sheets")
        second = generator.write_xlsx_roster(pupils, repeated / "r.xlsx", layout="repeated")
    with_sheets = cases(first, settings)
    with_columns = cases(second, settings)
    assert with_sheets == with_columns
    assert [len(c["cycles"][0]["outcomes"]) for c in with_columns] == [
        len(p.outcomes) for p in pupils
    ]


def test_bad_rows_are_reported_with_file_row_and_column(settings: SchoolSettings) -> None:
    path = ROSTER / "roster-with-bad-rows.csv"
    roster = read_roster(
        path, settings=settings, review_calendar=default_term_calendar(), today=TODAY
    )
    assert [r.location.row for r in roster.rows if r.loaded] == [2, 4, 7]
    failed = {r.location.row: r.error for r in roster.rows if r.error}
    assert set(failed) == {3, 5, 6}
    messages = {row: [str(p) for p in err.problems] for row, err in failed.items() if err}
    assert messages[3] == [
        f'{path}, row 3: column "UPN": check letter is wrong: for the digits 801200025002 '
        "the check letter should be K, not A (is a digit mistyped?)"
    ]
    assert messages[5] == [
        f"{path}, row 5: column \"DOB\": '31/02/2019' is not a real date: February 2019 has 28 days"
    ]
    assert messages[6] == [
        f'{path}, row 6: column "Legal Surname": this field is required but missing'
    ]
    assert all(isinstance(e, RosterError) for e in failed.values())
    # outcomes.csv beside it holds rows for pupils not in this short roster: said once
    assert "row(s) name a UPN that is not in this roster" in str(roster.warnings[0])


def test_xlsx_errors_name_the_sheet(
    tmp_path: Path, settings: SchoolSettings, generator: ModuleType
) -> None:
    pupils = generator.make_pupils(3)
    pupils[1].outcomes[0]["Target Date"] = "31/11/2026"
    pupils[2].row["Year"] = "Year Nine"
    path = generator.write_xlsx_roster(pupils, tmp_path / "r.xlsx")
    roster = read_roster(
        path, settings=settings, review_calendar=default_term_calendar(), today=TODAY
    )
    assert roster.rows[0].loaded is not None
    outcome_error = str(roster.rows[1].error.problems[0])  # type: ignore[union-attr]
    assert outcome_error.startswith(f'{path} [sheet Outcomes], row 3: column "Target Date": ')
    assert "November 2026 has 30 days" in outcome_error
    year_error = str(roster.rows[2].error.problems[0])  # type: ignore[union-attr]
    assert year_error.startswith(f'{path} [sheet Pupils], row 4: column "Year": ')


def _write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


def test_missing_required_column_is_one_error_for_the_file(
    tmp_path: Path, settings: SchoolSettings
) -> None:
    with (ROSTER / "roster.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    drop = rows[0].index("DOB")
    path = _write(tmp_path / "roster.csv", [r[:drop] + r[drop + 1 :] for r in rows])
    with pytest.raises(RosterError) as caught:
        read_roster(path, settings=settings, today=TODAY)
    assert caught.value.message == f"{path}: 1 required column(s) missing; no rows were read"
    (problem,) = caught.value.problems
    assert 'no column "DOB" or "Date of Birth"' in problem.message
    assert "child.date_of_birth" in problem.message


def test_blank_review_date_is_a_row_error_when_not_set(settings: SchoolSettings) -> None:
    roster = read_roster(
        ROSTER / "roster.csv", settings=settings, set_review_dates=False, today=TODAY
    )
    error = roster.rows[0].error
    assert error is not None
    assert str(error.problems[0]).startswith(
        f'{ROSTER / "roster.csv"}, row 2: column "Review Date": '
    )
    assert "leave out --no-set-review-dates" in str(error.problems[0])


def test_set_review_dates_never_in_a_holiday(
    settings: SchoolSettings, generator: ModuleType, tmp_path: Path
) -> None:
    calendar = default_term_calendar()
    pupils = generator.make_pupils(6)
    starts = [
        dt.date(2026, 9, 14),
        dt.date(2026, 10, 26),
        dt.date(2026, 12, 17),
        dt.date(2027, 2, 15),
        dt.date(2027, 5, 24),
        dt.date(2026, 11, 2),
    ]
    for pupil, start in zip(pupils, starts, strict=True):
        pupil.row["Plan Start"] = start
    pupils[5].row["Review Date"] = dt.date(2027, 1, 20)  # given: kept as it is
    path = generator.write_csv_roster(pupils, tmp_path)
    roster = read_roster(path, settings=settings, review_calendar=calendar, today=TODAY)
    reviews = [r.loaded.case.current_cycle.review_date for r in roster.rows if r.loaded]
    assert len(reviews) == 6
    for start, review in zip(starts[:5], reviews, strict=False):
        assert review == calendar.next_review_date(start)
        assert calendar.is_school_day(review), review
        assert calendar.term_of(review) is not calendar.term_of(start)
    assert reviews[5] == dt.date(2027, 1, 20)


def test_given_review_date_in_a_holiday_is_a_warning(
    settings: SchoolSettings, generator: ModuleType, tmp_path: Path
) -> None:
    pupils = generator.make_pupils(1)
    pupils[0].row["Review Date"] = dt.date(2026, 12, 25)
    path = generator.write_csv_roster(pupils, tmp_path)
    roster = read_roster(
        path, settings=settings, review_calendar=default_term_calendar(), today=TODAY
    )
    loaded = roster.rows[0].loaded
    assert loaded is not None
    warning = next(w for w in loaded.warnings if "not a school day" in w.message)
    assert str(warning).startswith(
        f'{path}, row 2: column "Review Date": the review date 25/12/2026'
    )


def test_duplicate_upn_and_other_headers_through_a_custom_map(
    tmp_path: Path, settings: SchoolSettings, generator: ModuleType
) -> None:
    upn = generator.make_upn(1, 2022)
    other = generator.make_upn(2, 2022)
    rows = [
        [
            "Pupil UPN",
            "Surname",
            "First Name",
            "Birth Date",
            "NC Year",
            "Need",
            "Contact",
            "Review",
        ],
        [upn, "Nguyễn", "Zoë", "05/06/2019", "2", "SPLD", "Lan Nguyễn", "18/01/2027"],
        [upn, "Nguyễn", "Zoë", "05/06/2019", "2", "SPLD", "Lan Nguyễn", "18/01/2027"],
        [other, "Nguyễn", "Zoë", "05/06/2019", "2", "SPLD", "Lan Nguyễn", "18/01/2027"],
    ]
    path = _write(tmp_path / "export.csv", rows)
    map_path = tmp_path / "map.yaml"
    map_path.write_text(
        "columns:\n"
        "  child.upn: Pupil UPN\n  child.legal_surname: Surname\n"
        "  child.legal_forename: First Name\n"
        "  child.date_of_birth: Birth Date\n  child.year_group: NC Year\n"
        "  needs[1].sen_type: Need\n  parents[1].name: Contact\n  cycles[1].review_date: Review\n"
        "required: [child.upn]\n"
        "outcomes:\n  key: Pupil UPN\n",
        encoding="utf-8",
    )
    roster = read_roster(
        path,
        column_map=load_column_map(map_path),
        settings=settings,
        plan_start=dt.date(2026, 9, 14),
        today=TODAY,
    )
    # one UPN, one child: both rows fail, naming each other; the third is read
    for row in roster.rows[:2]:
        assert row.loaded is None
        assert f"rows 2 and 3 share UPN {upn}; neither was rendered" in str(row.error)
        assert 'column "Pupil UPN"' in str(row.error)
    case = roster.rows[2].loaded.case  # type: ignore[union-attr]
    assert case.child.full_name == "Zoë Nguyễn"
    assert case.needs[0].area is AreaOfNeed.COGNITION_AND_LEARNING
    assert case.current_cycle.start == dt.date(2026, 9, 14)


def test_school_yaml_beside_the_roster_is_used() -> None:
    roster = read_roster(ROSTER / "roster.csv", today=TODAY)
    first = roster.rows[0].loaded
    assert first is not None
    assert first.case.school.name == "Brookfield Primary School"
    # and the blank review date came from the (example) term calendar
    assert first.case.current_cycle.review_date > first.case.current_cycle.start


def test_no_school_details_is_an_error_for_the_whole_file(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_bytes((ROSTER / "roster.csv").read_bytes())
    with pytest.raises(RosterError, match="no school details: pass a school settings file"):
        read_roster(roster, today=TODAY)


def test_school_settings_errors_have_lines(tmp_path: Path) -> None:
    path = tmp_path / "school.yaml"
    path.write_text(
        "school:\n  name: X\n  senco:\n    name: Y\n    email: not-an-email\n"
        "local_authority:\n  name: Z\n",
        encoding="utf-8",
    )
    with pytest.raises(CaseDataError) as caught:
        load_school_settings(path)
    (problem,) = caught.value.problems
    assert problem.location.line == 5
    assert problem.location.field_text == "school.senco.email"


def test_combine_builds_a_column_from_split_name_columns(
    settings: SchoolSettings, tmp_path: Path
) -> None:
    rows = list(csv.reader((ROSTER / "roster.csv").read_text(encoding="utf-8-sig").splitlines()))
    header = rows[0]
    name_at = header.index("Parent 1 Forename")
    header[name_at : name_at + 1] = ["Contact 1 Forename", "Contact 1 Middle Name"]
    original = [row[name_at] for row in rows[1:]]
    for row in rows[1:]:
        row[name_at : name_at + 1] = [row[name_at], "Ann"]
    rows[1][name_at + 1] = ""  # a blank part is left out, not printed as "None"
    roster = tmp_path / "roster.csv"
    with roster.open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows(rows)
    for name in ("outcomes.csv", "provision.csv"):
        (tmp_path / name).write_bytes((ROSTER / name).read_bytes())
    columns = tmp_path / "columns.yaml"
    columns.write_text(
        (DEFAULT_COLUMN_MAP_PATH.read_text(encoding="utf-8"))
        + '\ncombine:\n  Parent 1 Forename: "{Contact 1 Forename} {Contact 1 Middle Name}"\n',
        encoding="utf-8",
    )
    result = read_roster(
        roster, column_map=load_column_map(columns), settings=settings, today=TODAY
    )
    names = [row.loaded.case.parents[0].forenames for row in result.rows if row.loaded]
    assert len(names) == 30
    assert names[0] == original[0]  # middle name left blank in that row
    assert names[1:] == [f"{forename} Ann" for forename in original[1:]]


def test_combine_pattern_must_name_columns(tmp_path: Path) -> None:
    columns = tmp_path / "columns.yaml"
    columns.write_text(
        DEFAULT_COLUMN_MAP_PATH.read_text(encoding="utf-8")
        + "\ncombine:\n  Parent 1 Forename: Contact 1 Forename\n",
        encoding="utf-8",
    )
    with pytest.raises(CaseDataError, match="expected a pattern naming columns in braces"):
        load_column_map(columns)

"""One UPN, one child: a key shared by two pupil rows fails both and joins nothing."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from sendocs.dates import default_term_calendar
from sendocs.errors import RosterError
from sendocs.roster import SchoolSettings, read_roster

from .conftest import TODAY


def _read(path: Path, settings: SchoolSettings):  # type: ignore[no-untyped-def]
    return read_roster(
        path, settings=settings, review_calendar=default_term_calendar(), today=TODAY
    )


@pytest.mark.parametrize("layout", ["sheets", "repeated"])
def test_two_pupils_sharing_a_upn_both_fail_and_get_nothing(
    tmp_path: Path, settings: SchoolSettings, generator: ModuleType, layout: str
) -> None:
    pupils = generator.make_pupils(6)
    shared = pupils[1].row["UPN"]
    pupils[4].row["UPN"] = shared  # rows 3 and 6 (row 1 is the header)
    for item in pupils[4].outcomes + pupils[4].provision:
        item["UPN"] = shared
    path = generator.write_csv_roster(pupils, tmp_path, layout=layout)
    roster = _read(path, settings)

    failed = [r.location.row for r in roster.rows if r.error is not None]
    assert failed == [3, 6]
    for row in roster.rows:
        if row.error is None:
            continue
        text = str(row.error)
        assert f"rows 3 and 6 share UPN {shared}; neither was rendered" in text
        assert text.startswith(f"{path}, row {row.location.row}: rows 3 and 6 share UPN")
        assert f'{path}, row {row.location.row}: column "UPN"' in text
        if layout == "sheets":
            assert "outcomes and provision rows with this UPN went to no one" in text
    # the other four were read, and none of them carries an outcome of the two
    others = {o["Outcome"] for p in (pupils[1], pupils[4]) for o in p.outcomes}
    loaded = [r.loaded for r in roster.rows if r.loaded is not None]
    assert len(loaded) == 4
    for item in loaded:
        mine = {o.outcome for o in item.case.current_cycle.outcomes}
        assert not mine & others
    # the held-back rows are not called "not in this roster"
    assert not any("not in this roster" in str(w) for w in roster.warnings)


def test_a_blank_upn_fails_when_outcomes_are_on_their_own_sheet(
    tmp_path: Path, settings: SchoolSettings, generator: ModuleType
) -> None:
    pupils = generator.make_pupils(3)
    pupils[1].row["UPN"] = ""
    pupils[2].outcomes.append({**pupils[2].outcomes[0], "UPN": ""})
    path = generator.write_csv_roster(pupils, tmp_path)
    roster = _read(path, settings)
    error = roster.rows[1].error
    assert error is not None
    assert f'{path}, row 3: column "UPN": no UPN: this pupil\'s outcomes are found in' in str(error)
    assert roster.rows[0].loaded is not None and roster.rows[2].loaded is not None
    assert any("row(s) have no UPN" in str(w) and "outcomes.csv" in str(w) for w in roster.warnings)


def test_a_blank_upn_is_fine_without_other_sheets(
    tmp_path: Path, settings: SchoolSettings, generator: ModuleType
) -> None:
    pupils = generator.make_pupils(2)
    pupils[1].row["UPN"] = ""
    path = generator.write_csv_roster(pupils, tmp_path, layout="repeated")
    roster = _read(path, settings)
    assert all(r.loaded is not None for r in roster.rows), [str(r.error) for r in roster.rows]


def test_three_rows_sharing_a_upn_all_fail(
    tmp_path: Path, settings: SchoolSettings, generator: ModuleType
) -> None:
    pupils = generator.make_pupils(4)
    for pupil in pupils[1:]:
        pupil.row["UPN"] = pupils[0].row["UPN"]
    path = generator.write_csv_roster(pupils, tmp_path, layout="repeated")
    roster = _read(path, settings)
    assert all(r.error is not None for r in roster.rows)
    assert "rows 2, 3, 4 and 5 share UPN" in str(roster.rows[0].error)
    assert "none was rendered" in str(roster.rows[0].error)


def test_a_pupils_sheet_without_the_key_column_is_refused(
    tmp_path: Path, settings: SchoolSettings, generator: ModuleType
) -> None:
    from sendocs.roster import load_column_map

    pupils = generator.make_pupils(2)
    path = generator.write_csv_roster(pupils, tmp_path)
    map_path = tmp_path / "map.yaml"
    map_path.write_text(
        "columns:\n  child.upn: UPN\n  child.legal_surname: Legal Surname\n"
        "outcomes:\n  file: outcomes.csv\n  key: Pupil ID\n  columns:\n    outcome: Outcome\n",
        encoding="utf-8",
    )
    with pytest.raises(RosterError, match='no column "Pupil ID" to find each pupil'):
        read_roster(path, column_map=load_column_map(map_path), settings=settings, today=TODAY)

"""Excel's ``_xHHHH_`` escapes are read as the characters they stand for (campaign finding).

Excel writes a character XML cannot hold (an ESC pasted from another system, a
BEL) as ``_x001B_``; read as typed, a child's name printed ``Arjun_x0007_`` in
the plan and its file name. Decoded, the usual cleaning removes the control
characters, exactly as for the same row in a CSV export.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from sendocs.dates import default_term_calendar
from sendocs.roster import SchoolSettings, read_roster
from sendocs.roster.tables import read_xlsx_tables

from .conftest import TODAY


def test_escaped_control_characters_are_decoded_then_cleaned(
    tmp_path: Path, settings: SchoolSettings, generator: ModuleType
) -> None:
    pupils = generator.make_pupils(2)
    forename = pupils[0].row["Legal Forename"]
    pupils[0].row["Legal Forename"] = forename + "_x0000__x0007_"
    pupils[1].row["Primary Need Notes"] = "Loud rooms_x001B_[31m are hard"
    pupils[1].row["Pupil Views"] = "I write _x005F_x0041_ as typed"  # an escaped underscore
    path = generator.write_xlsx_roster(pupils, tmp_path / "r.xlsx")

    table = read_xlsx_tables(path)["Pupils"]
    assert table.rows[1][1][table.headers.index("Primary Need Notes")] == (
        "Loud rooms\x1b[31m are hard"
    )
    xlsx_cases = [
        row.loaded.case
        for row in read_roster(
            path, settings=settings, review_calendar=default_term_calendar(), today=TODAY
        ).rows
        if row.loaded
    ]
    assert xlsx_cases[0].child.legal_forename == forename + "\x00\x07"  # as in a CSV export
    assert xlsx_cases[1].cycles[0].pupil_views == "I write _x0041_ as typed"

    pupils[0].row["Legal Forename"] = forename + "\x00\x07"
    pupils[1].row["Primary Need Notes"] = "Loud rooms\x1b[31m are hard"
    pupils[1].row["Pupil Views"] = "I write _x0041_ as typed"
    csv_path = generator.write_csv_roster(pupils, tmp_path / "csv")
    csv_cases = [
        row.loaded.case
        for row in read_roster(
            csv_path, settings=settings, review_calendar=default_term_calendar(), today=TODAY
        ).rows
        if row.loaded
    ]
    assert [c.model_dump() for c in xlsx_cases] == [c.model_dump() for c in csv_cases]

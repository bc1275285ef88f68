"""``Location.field`` is a path (a tuple), formatted only when printed, and survives pickling."""

from __future__ import annotations

import pickle

from sendocs.errors import CaseDataError, Location, Problem, RosterError, parse_field_text


def test_field_is_a_path_printed_one_based() -> None:
    where = Location(file="kai.yaml", line=12, field=("cycles", 0, "outcomes", 2, "target_date"))
    assert where.field == ("cycles", 0, "outcomes", 2, "target_date")
    assert where.field_text == "cycles[1].outcomes[3].target_date"
    assert str(where) == "kai.yaml:12: cycles[1].outcomes[3].target_date"


def test_text_reads_back_into_the_same_path() -> None:
    assert parse_field_text("cycles[1].outcomes[3].target_date") == (
        "cycles",
        0,
        "outcomes",
        2,
        "target_date",
    )
    assert Location(field="child.upn").field == ("child", "upn")
    label = Location(file="r.csv", row=4, field=('column "Surname"',))
    assert str(label) == 'r.csv, row 4: column "Surname"'  # a label, printed as it is
    assert Location(field=()).field_text == "(the whole file)"


def test_paths_survive_pickling_in_errors() -> None:
    problem = Problem(Location(file="r.csv", sheet="Pupils", row=7, field=("child", "upn")), "bad")
    for error in (CaseDataError("r.csv: 1 problem", [problem]), RosterError("r.csv", [problem])):
        copy = pickle.loads(pickle.dumps(error))
        assert copy.problems[0].location.field == ("child", "upn")
        assert copy.problems[0].location == problem.location

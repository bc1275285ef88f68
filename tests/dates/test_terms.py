"""School terms, next review dates, census days and term-calendar YAML errors."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import pytest

from sendocs.dates import Term, TermCalendar, census_day, default_term_calendar, load_term_calendar
from sendocs.errors import CaseDataError

D = date


@pytest.fixture(scope="module")
def calendar() -> TermCalendar:
    return default_term_calendar()


def test_default_calendar_is_documented_as_an_example(calendar: TermCalendar) -> None:
    assert "Example" in calendar.name
    assert "Replace" in calendar.source
    assert [t.name for t in calendar.terms][:3] == ["Autumn 2025", "Spring 2026", "Summer 2026"]


def test_default_calendar_has_190_pupil_days_a_year(calendar: TermCalendar) -> None:
    days = [len(list(term.school_days())) for term in calendar.terms]
    assert [sum(days[i : i + 3]) for i in (0, 3, 6)] == [190, 190, 190]


def test_term_of(calendar: TermCalendar) -> None:
    autumn = calendar.term_of(D(2025, 10, 29))  # half-term week is still in the term
    assert autumn is not None and autumn.name == "Autumn 2025"
    assert calendar.term_of(D(2025, 12, 25)) is None
    assert calendar.term_of(D(2026, 8, 10)) is None


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        pytest.param(D(2025, 9, 3), True, id="first day of autumn 2025 (Wed)"),
        pytest.param(D(2025, 9, 2), False, id="before term"),
        pytest.param(D(2025, 10, 28), False, id="October half-term"),
        pytest.param(D(2025, 10, 24), False, id="INSET closed day"),
        pytest.param(D(2025, 11, 8), False, id="Saturday in term"),
        pytest.param(D(2026, 4, 6), False, id="Easter Monday in holidays"),
        pytest.param(D(2026, 5, 4), False, id="early May bank holiday in term"),
        pytest.param(D(2026, 5, 5), True, id="day after May bank holiday"),
        pytest.param(D(2026, 7, 21), True, id="last day of summer 2026"),
        pytest.param(D(2026, 7, 22), False, id="first day of summer holiday"),
    ],
)
def test_is_school_day(calendar: TermCalendar, day: date, expected: bool) -> None:
    assert calendar.is_school_day(day) is expected


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        # Autumn 2025 starts Wed 3 Sep: week 1 = w/c Mon 1 Sep; Wed 17 Sep is week 3.
        # Spring 2026 week 1 = w/c 5 Jan, week 3 = w/c 19 Jan -> Wed 21 Jan 2026.
        pytest.param(D(2025, 9, 17), D(2026, 1, 21), id="same week and weekday"),
        # Tue 14 Oct 2025 = week 7; spring week 7 = w/c 16 Feb = half-term -> Mon 23 Feb 2026.
        pytest.param(D(2025, 10, 14), D(2026, 2, 23), id="moved out of half-term"),
        # Mon 26 Jan 2026 = spring week 4; summer (starts Mon 13 Apr) week 4 = Mon 4 May,
        # the early May bank holiday -> Tue 5 May 2026.
        pytest.param(D(2026, 1, 26), D(2026, 5, 5), id="moved off a bank holiday"),
        # Fri 19 Dec 2025 = autumn week 16; spring week 16 = w/c 20 Apr, after spring ends
        # (Fri 27 Mar) -> nearest school day within the term = Fri 27 Mar 2026.
        pytest.param(D(2025, 12, 19), D(2026, 3, 27), id="after term end -> last school day"),
        # Wed 15 Jul 2026 = summer week 14 (w/c 13 Apr is week 1); autumn 2026 week 1 = w/c
        # Mon 31 Aug, week 14 = w/c 30 Nov -> Wed 2 Dec 2026 (across the summer holiday).
        pytest.param(D(2026, 7, 15), D(2026, 12, 2), id="across the summer holiday"),
        # Mon 13 Apr 2026 = summer week 1, Monday; autumn week 1 Monday is 31 Aug, before the
        # term starts (Thu 3 Sep) -> first school day, Thu 3 Sep 2026.
        pytest.param(D(2026, 4, 13), D(2026, 9, 3), id="before next term starts"),
        # Mon 10 Aug 2026 (holiday) counts as week 1 of autumn 2026 -> spring 2027 week 1,
        # Monday 4 Jan 2027 is an INSET day -> Tue 5 Jan 2027.
        pytest.param(D(2026, 8, 10), D(2027, 1, 5), id="from a holiday, skipping INSET"),
    ],
)
def test_next_review_date(calendar: TermCalendar, start: date, expected: date) -> None:
    review = calendar.next_review_date(start)
    assert review == expected
    assert calendar.is_school_day(review)


def test_next_review_date_needs_a_next_term(calendar: TermCalendar) -> None:
    with pytest.raises(CaseDataError, match="no term after 2028-07-20"):
        calendar.next_review_date(D(2028, 6, 14))


def test_term_validation() -> None:
    with pytest.raises(ValueError, match="ends"):
        Term("Bad", D(2026, 9, 10), D(2026, 9, 1))
    with pytest.raises(ValueError, match="half-term is not inside"):
        Term("Bad", D(2026, 9, 1), D(2026, 12, 18), D(2026, 12, 21), D(2026, 12, 24))
    with pytest.raises(ValueError, match="starts before"):
        TermCalendar(
            [Term("A", D(2026, 9, 1), D(2026, 12, 18)), Term("B", D(2026, 12, 1), D(2027, 3, 1))]
        )


@pytest.mark.parametrize(
    ("term", "year", "expected"),
    [
        pytest.param("autumn", 2025, D(2025, 10, 2), id="1 Oct 2025 is Wed -> Thu 2 Oct"),
        pytest.param("autumn", 2026, D(2026, 10, 1), id="1 Oct 2026 is a Thursday"),
        pytest.param("spring", 2026, D(2026, 1, 15), id="Thursdays 1, 8, 15 Jan 2026"),
        pytest.param("summer", 2026, D(2026, 5, 21), id="Thursdays 7, 14, 21 May 2026"),
    ],
)
def test_census_days(term: str, year: int, expected: date) -> None:
    assert census_day(term, year) == expected


def test_unknown_census_term() -> None:
    with pytest.raises(ValueError, match="autumn, spring or summer"):
        census_day("winter", 2026)


# --- YAML loading ---------------------------------------------------------------------


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "terms.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_load_valid_calendar(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """\
        name: Riverside Academy
        terms:
          - name: Autumn 2026
            start: 2026-09-02
            end: "2026-12-16"
            half_term_start: 2026-10-26
            half_term_end: 2026-10-30
            closed_days: [2026-11-20]
          - name: Spring 2027
            start: 2027-01-05
            end: 2027-03-26
        """,
    )
    loaded = load_term_calendar(path)
    assert loaded.name == "Riverside Academy"
    assert [t.name for t in loaded.terms] == ["Autumn 2026", "Spring 2027"]
    assert loaded.terms[0].end == D(2026, 12, 16)
    assert not loaded.is_school_day(D(2026, 11, 20))
    # Wed 2 Sep 2026 = week 1 Wednesday; spring week 1 Wednesday = 6 Jan 2027.
    assert loaded.next_review_date(D(2026, 9, 2)) == D(2027, 1, 6)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CaseDataError, match=r"not found: .*nope\.yaml"):
        load_term_calendar(tmp_path / "nope.yaml")


def test_invalid_yaml_names_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "terms:\n  - name: Autumn\n    start: [2026-09-01\n")
    with pytest.raises(CaseDataError) as info:
        load_term_calendar(path)
    assert "not valid YAML" in str(info.value)
    assert info.value.problems[0].location.file == str(path)
    assert info.value.problems[0].location.line is not None


def test_entry_errors_are_all_reported_with_lines(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """\
        terms:
          - name: Autumn 2026
            start: 2026-09-02
          - name: Spring 2027
            start: 5 January 2027
            end: 2027-03-26
          - name: Summer 2027
            start: 2027-04-12
            end: 2027-04-01
          - name: Extra
            start: 2027-09-01
            end: 2027-12-17
            holidays: yes
        """,
    )
    with pytest.raises(CaseDataError) as info:
        load_term_calendar(path)
    err = info.value
    assert "4 problems" in str(err)
    by_field = {p.location.field_text: p for p in err.problems}
    assert "Autumn 2026: missing end" in by_field["terms[0]"].message
    spring = by_field["terms[1].start"]
    assert spring.location.line == 5 and "YYYY-MM-DD" in spring.message
    assert "ends (2027-04-01) before it starts" in by_field["terms[2]"].message
    assert by_field["terms[2]"].location.line == 7
    assert "unknown field 'holidays'" in by_field["terms[3].holidays"].message
    assert all(p.location.file == str(path) for p in err.problems)
    assert str(path) in str(err)


def test_half_term_outside_term(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """\
        terms:
          - name: Autumn 2026
            start: 2026-09-02
            end: 2026-12-16
            half_term_start: 2026-12-21
            half_term_end: 2026-12-23
        """,
    )
    with pytest.raises(CaseDataError, match="1 problem") as info:
        load_term_calendar(path)
    assert "half-term is not inside the term" in str(info.value)


def test_overlapping_terms(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """\
        terms:
          - {name: A, start: 2026-09-02, end: 2026-12-16}
          - {name: B, start: 2026-12-01, end: 2027-03-26}
        """,
    )
    with pytest.raises(CaseDataError, match="B starts before A ends"):
        load_term_calendar(path)


def test_no_terms(tmp_path: Path) -> None:
    path = _write(tmp_path, "name: empty\n")
    with pytest.raises(CaseDataError, match="'terms' list"):
        load_term_calendar(path)

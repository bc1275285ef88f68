"""Month arithmetic, bank holidays, tribunal working days and their counting."""

from __future__ import annotations

import socket
from datetime import date, time

import pytest

from sendocs.dates import (
    add_months,
    add_tribunal_working_days,
    bank_holiday_name,
    format_clock_time,
    format_long_date,
    is_business_day,
    is_tribunal_working_day,
    next_working_day,
    non_working_reason,
)
from sendocs.dates import bank_holidays as bank_holidays_module

D = date


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        pytest.param(D(2026, 1, 31), 1, D(2026, 2, 28), id="31 Jan +1 -> 28 Feb (2026 not leap)"),
        pytest.param(D(2028, 1, 31), 1, D(2028, 2, 29), id="31 Jan +1 -> 29 Feb (2028 leap)"),
        pytest.param(D(2025, 12, 31), 2, D(2026, 2, 28), id="31 Dec +2 -> 28 Feb"),
        pytest.param(D(2026, 3, 31), 1, D(2026, 4, 30), id="31 Mar +1 -> 30 Apr"),
        pytest.param(D(2028, 2, 29), 12, D(2029, 2, 28), id="29 Feb 2028 +12 -> 28 Feb 2029"),
        pytest.param(D(2026, 2, 28), 1, D(2026, 3, 28), id="28 Feb +1 -> 28 Mar, not 31"),
        pytest.param(D(2026, 11, 15), 2, D(2027, 1, 15), id="year roll-over"),
        pytest.param(D(2026, 3, 31), -1, D(2026, 2, 28), id="negative months"),
        pytest.param(D(2026, 5, 10), 0, D(2026, 5, 10), id="zero months"),
    ],
)
def test_add_months_corresponding_date(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


def test_format_long_date_en_gb() -> None:
    assert format_long_date(D(2026, 12, 14)) == "Monday 14 December 2026"
    assert format_long_date(D(2026, 1, 2), locale="en_GB") == "Friday 2 January 2026"


@pytest.mark.parametrize(
    ("moment", "text"),
    [
        (time(17, 0), "5pm"),
        (time(9, 30), "9:30am"),
        (time(12, 0), "12 noon"),
        (time(0, 0), "midnight"),
    ],
)
def test_format_clock_time(moment: time, text: str) -> None:
    assert format_clock_time(moment) == text


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (D(2026, 1, 1), "New Year's Day"),
        (D(2026, 4, 3), "Good Friday"),
        (D(2026, 4, 6), "Easter Monday"),
        (D(2026, 5, 4), "May Day"),
        (D(2026, 5, 25), "Spring Bank Holiday"),
        (D(2026, 8, 31), "Late Summer Bank Holiday"),
        (D(2026, 12, 25), "Christmas Day"),
        (D(2026, 12, 28), "Boxing Day (observed)"),
        (D(2028, 1, 3), "New Year's Day (observed)"),
    ],
)
def test_england_and_wales_bank_holidays(day: date, name: str) -> None:
    assert bank_holiday_name(day) == name
    assert not is_business_day(day)
    assert not is_tribunal_working_day(day)


@pytest.mark.parametrize(
    ("day", "working", "reason_word"),
    [
        pytest.param(D(2026, 3, 9), True, None, id="ordinary Monday"),
        pytest.param(D(2026, 3, 7), False, "Saturday", id="Saturday"),
        pytest.param(D(2026, 3, 8), False, "Sunday", id="Sunday"),
        pytest.param(D(2026, 8, 3), False, "August", id="weekday in August"),
        pytest.param(D(2026, 8, 31), False, "August", id="summer BH is also August"),
        pytest.param(D(2025, 12, 24), True, None, id="Christmas Eve weekday works"),
        pytest.param(D(2025, 12, 29), False, "Christmas period", id="29 Dec weekday"),
        pytest.param(D(2025, 12, 31), False, "Christmas period", id="31 Dec weekday"),
        pytest.param(D(2026, 1, 2), True, None, id="2 Jan Friday works"),
        pytest.param(D(2026, 4, 3), False, "Good Friday", id="Good Friday"),
        pytest.param(D(2026, 9, 1), True, None, id="1 Sep 2026 Tuesday"),
        pytest.param(D(2026, 7, 31), True, None, id="31 Jul Friday"),
    ],
)
def test_tribunal_working_day(day: date, working: bool, reason_word: str | None) -> None:
    assert is_tribunal_working_day(day) is working
    reason = non_working_reason(day)
    if reason_word is None:
        assert reason is None
    else:
        assert reason is not None and reason_word in reason


def test_business_day_ignores_august_and_christmas_window() -> None:
    # Ordinary business days are not tribunal working days in these windows.
    assert is_business_day(D(2026, 8, 3))
    assert is_business_day(D(2025, 12, 29))


def test_next_working_day_on_or_after() -> None:
    assert next_working_day(D(2026, 3, 9)) == D(2026, 3, 9)  # already working
    assert next_working_day(D(2026, 8, 1)) == D(2026, 9, 1)  # August -> 1 Sep (Tue)
    assert next_working_day(D(2025, 12, 25)) == D(2026, 1, 2)  # Christmas -> Fri 2 Jan
    assert next_working_day(D(2026, 3, 9), extra_closures={D(2026, 3, 9)}) == D(2026, 3, 10)


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        # Tue 21 .. Fri 31 Jul 2026 = 9 days; August skipped (31 Aug also BH); Tue 1 Sep = 10th.
        pytest.param(D(2026, 7, 20), 10, D(2026, 9, 1), id="10 working days across August"),
        # Dec 2025: 2-5 (4), 8-12 (9), 15-19 (14), 22-24 (17); 25 Dec-1 Jan skipped;
        # Fri 2 Jan (18), 5-9 (23), 12-16 (28), Mon 19 (29), Tue 20 Jan 2026 (30).
        pytest.param(D(2025, 12, 1), 30, D(2026, 1, 20), id="30 working days over Christmas"),
        # Back from Mon 7 Sep 2026: 4,3,2,1 Sep (4); August skipped; 31,30,29,28,27 Jul (9);
        # Fri 24 Jul 2026 (10).
        pytest.param(D(2026, 9, 7), -10, D(2026, 7, 24), id="bundle 10 days before hearing"),
        # Thu 2 Apr 2026: Good Friday and Easter Monday skipped; Tue 7..Fri 10 (4), Mon 13 (5).
        pytest.param(D(2026, 4, 2), 5, D(2026, 4, 13), id="5 working days over Easter"),
        pytest.param(D(2026, 3, 9), 0, D(2026, 3, 9), id="zero days is the start"),
        # Fri 6 Mar 2026 + 1: weekend skipped -> Mon 9 Mar.
        pytest.param(D(2026, 3, 6), 1, D(2026, 3, 9), id="one day over a weekend"),
    ],
)
def test_add_tribunal_working_days(start: date, count: int, expected: date) -> None:
    assert add_tribunal_working_days(start, count) == expected


def test_bank_holidays_work_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """The holidays package computes dates from rules it ships: no network is touched."""

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    bank_holidays_module._holidays_for_year.cache_clear()
    assert bank_holiday_name(D(2030, 4, 19)) == "Good Friday"  # Easter 2030 is 21 April
    assert bank_holidays_module.bank_holidays_in(2030)[D(2030, 12, 25)] == "Christmas Day"

"""Hand-worked deadline cases: each id carries the reasoning.

Every expected value was worked by hand from the rules in domain.md §6
(weeks = 7N days; months by the corresponding-date rule; appeal: later of
+2 months / certificate +1 month, then out of August / 25 Dec–1 Jan and onto a
working day). Weekday and bank-holiday facts were checked against the calendar
before the values were written down.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time

import pytest

from sendocs.dates import (
    Deadline,
    appeal_deadline,
    assessment_decision_deadline,
    draft_representations_deadline,
    final_plan_deadline,
    mediation_contact_deadline,
    no_plan_decision_deadline,
)

D = date

# (id with reasoning, function, positional args, expected date)
CASES: list[tuple[str, Callable[..., Deadline], tuple[object, ...], date]] = [
    # --- reg 5(1): 6 weeks = 42 days after receipt --------------------------------------
    (
        "r5-Mon 2 Nov 2026 +28=30 Nov +14 = Mon 14 Dec 2026",
        assessment_decision_deadline,
        (D(2026, 11, 2),),
        D(2026, 12, 14),
    ),
    (
        "r5-15 Jan 2026: 15+42=57, minus Jan 31 = 26 Feb 2026",
        assessment_decision_deadline,
        (D(2026, 1, 15),),
        D(2026, 2, 26),
    ),
    (
        "r5-leap: 20 Jan 2028: 62-31=31 Feb; Feb 2028 has 29 days -> 2 Mar 2028",
        assessment_decision_deadline,
        (D(2028, 1, 20),),
        D(2028, 3, 2),
    ),
    (
        "r5-non-leap: 20 Jan 2027: 62-31=31 Feb; Feb 2027 has 28 -> 3 Mar 2027",
        assessment_decision_deadline,
        (D(2027, 1, 20),),
        D(2027, 3, 3),
    ),
    (
        "r5-over new year: 1 Dec 2025 +42 = 43-31 = 12 Jan 2026",
        assessment_decision_deadline,
        (D(2025, 12, 1),),
        D(2026, 1, 12),
    ),
    (
        "r5-lands on Good Friday 3 Apr 2026 (20 Feb+42): NOT moved, warned",
        assessment_decision_deadline,
        (D(2026, 2, 20),),
        D(2026, 4, 3),
    ),
    (
        "r5-received Sat 7 Nov 2026 -> Sat 19 Dec 2026, not moved",
        assessment_decision_deadline,
        (D(2026, 11, 7),),
        D(2026, 12, 19),
    ),
    # --- reg 10(1): 16 weeks = 112 days ---------------------------------------------------
    (
        "r10-2 Nov 2026: Nov rest 28 ->84, Dec 31 ->53, Jan 31 ->22 = 22 Feb 2027",
        no_plan_decision_deadline,
        (D(2026, 11, 2),),
        D(2027, 2, 22),
    ),
    (
        "r10-1 Sep 2027: Sep rest 29 ->83, Oct ->52, Nov ->22 = 22 Dec 2027",
        no_plan_decision_deadline,
        (D(2027, 9, 1),),
        D(2027, 12, 22),
    ),
    (
        "r10-leap: 10 Nov 2027: 20 ->92, Dec ->61, Jan ->30, Feb(29) ->1 = 1 Mar 2028",
        no_plan_decision_deadline,
        (D(2027, 11, 10),),
        D(2028, 3, 1),
    ),
    # --- reg 13(2): 20 weeks = 140 days ---------------------------------------------------
    (
        "r13(2)-2 Nov 2026: 16 weeks 22 Feb 2027 +28 (Feb 28 days) = 22 Mar 2027",
        final_plan_deadline,
        (D(2026, 11, 2),),
        D(2027, 3, 22),
    ),
    (
        "r13(2)-leap: 2 Nov 2027: 16 weeks 22 Feb 2028 +28 (Feb 29) = 21 Mar 2028",
        final_plan_deadline,
        (D(2027, 11, 2),),
        D(2028, 3, 21),
    ),
    (
        "r13(2)-15 Sep 2025: 15 ->125, Oct ->94, Nov ->64, Dec ->33, Jan ->2 = 2 Feb 2026",
        final_plan_deadline,
        (D(2025, 9, 15),),
        D(2026, 2, 2),
    ),
    # --- reg 13(1): 15 days counting the day served = served + 14 --------------------------
    (
        "r13(1)-served 1 Jun 2026, day 15 = 15 Jun 2026",
        draft_representations_deadline,
        (D(2026, 6, 1),),
        D(2026, 6, 15),
    ),
    (
        "r13(1)-served 20 Dec 2026, day 15 over new year = 3 Jan 2027 (Sunday, not moved)",
        draft_representations_deadline,
        (D(2026, 12, 20),),
        D(2027, 1, 3),
    ),
    (
        "r13(1)-leap: 20 Feb 2028 +14 = 34-29 = 5 Mar 2028",
        draft_representations_deadline,
        (D(2028, 2, 20),),
        D(2028, 3, 5),
    ),
    (
        "r13(1)-non-leap: 20 Feb 2027 +14 = 34-28 = 6 Mar 2027",
        draft_representations_deadline,
        (D(2027, 2, 20),),
        D(2027, 3, 6),
    ),
    # --- reg 33: 2 months, corresponding date ----------------------------------------------
    (
        "r33-31 Dec 2025 +2 months: no 31 Feb -> last day 28 Feb 2026",
        mediation_contact_deadline,
        (D(2025, 12, 31),),
        D(2026, 2, 28),
    ),
    (
        "r33-leap: 31 Dec 2027 +2 months -> 29 Feb 2028",
        mediation_contact_deadline,
        (D(2027, 12, 31),),
        D(2028, 2, 29),
    ),
    (
        "r33-30 Jun 2026 +2 months = Sun 30 Aug 2026, not moved",
        mediation_contact_deadline,
        (D(2026, 6, 30),),
        D(2026, 8, 30),
    ),
    # --- appeal: HESC r.20(1)(c) + r.12 ----------------------------------------------------
    (
        "appeal-IPSEA: letter 1 Oct 2025, cert 29 Nov 2025: max(1 Dec, 29 Dec)=29 Dec,"
        " Christmas period -> Fri 2 Jan 2026",
        appeal_deadline,
        (D(2025, 10, 1), D(2025, 11, 29)),
        D(2026, 1, 2),
    ),
    (
        "appeal-plain: 10 Feb 2026 +2m = Fri 10 Apr 2026, a working day",
        appeal_deadline,
        (D(2026, 2, 10),),
        D(2026, 4, 10),
    ),
    (
        "appeal-Good Friday: 3 Feb 2026 +2m = Fri 3 Apr (GF), Sat, Sun, Mon 6 (Easter Mon)"
        " -> Tue 7 Apr 2026",
        appeal_deadline,
        (D(2026, 2, 3),),
        D(2026, 4, 7),
    ),
    (
        "appeal-Easter Monday: 6 Feb 2026 +2m = Mon 6 Apr 2026 -> Tue 7 Apr 2026",
        appeal_deadline,
        (D(2026, 2, 6),),
        D(2026, 4, 7),
    ),
    (
        "appeal-Good Friday 2027: 26 Jan +2m = Fri 26 Mar 2027 -> Easter Mon 29 -> Tue 30 Mar",
        appeal_deadline,
        (D(2027, 1, 26),),
        D(2027, 3, 30),
    ),
    (
        "appeal-early May BH: 4 Mar 2026 +2m = Mon 4 May 2026 (May Day) -> Tue 5 May",
        appeal_deadline,
        (D(2026, 3, 4),),
        D(2026, 5, 5),
    ),
    (
        "appeal-spring BH: 25 Mar 2026 +2m = Mon 25 May 2026 -> Tue 26 May 2026",
        appeal_deadline,
        (D(2026, 3, 25),),
        D(2026, 5, 26),
    ),
    (
        "appeal-spring BH 2027: 31 Mar +2m = Mon 31 May 2027 -> Tue 1 Jun 2027",
        appeal_deadline,
        (D(2027, 3, 31),),
        D(2027, 6, 1),
    ),
    (
        "appeal-summer BH/August: 30 Jun 2026 +2m = Sun 30 Aug; Mon 31 Aug is August and"
        " a bank holiday -> Tue 1 Sep 2026",
        appeal_deadline,
        (D(2026, 6, 30),),
        D(2026, 9, 1),
    ),
    (
        "appeal-August: 15 Jun 2026 +2m = 15 Aug -> first working day of Sep = Tue 1 Sep 2026",
        appeal_deadline,
        (D(2026, 6, 15),),
        D(2026, 9, 1),
    ),
    (
        "appeal-August: 1 Jun 2027 +2m = 1 Aug 2027 -> Wed 1 Sep 2027",
        appeal_deadline,
        (D(2027, 6, 1),),
        D(2027, 9, 1),
    ),
    (
        "appeal-August: 1 Jun 2025 +2m = 1 Aug 2025 -> Mon 1 Sep 2025",
        appeal_deadline,
        (D(2025, 6, 1),),
        D(2025, 9, 1),
    ),
    (
        "appeal-August 2028: 30 Jun +2m = 30 Aug 2028 -> Fri 1 Sep 2028",
        appeal_deadline,
        (D(2028, 6, 30),),
        D(2028, 9, 1),
    ),
    (
        "appeal-August, 1 Sep is Saturday: 10 Jun 2029 +2m = 10 Aug -> Mon 3 Sep 2029",
        appeal_deadline,
        (D(2029, 6, 10),),
        D(2029, 9, 3),
    ),
    (
        "appeal-month end through August: 31 Jul 2026 +2m: no 31 Sep -> Wed 30 Sep 2026",
        appeal_deadline,
        (D(2026, 7, 31),),
        D(2026, 9, 30),
    ),
    (
        "appeal-month end: 31 Dec 2025 +2m = Sat 28 Feb 2026 -> Mon 2 Mar 2026",
        appeal_deadline,
        (D(2025, 12, 31),),
        D(2026, 3, 2),
    ),
    (
        "appeal-leap: 31 Dec 2027 +2m = Tue 29 Feb 2028, a working day",
        appeal_deadline,
        (D(2027, 12, 31),),
        D(2028, 2, 29),
    ),
    (
        "appeal-30 Dec 2026 +2m: no 30 Feb -> Sun 28 Feb 2027 -> Mon 1 Mar 2027",
        appeal_deadline,
        (D(2026, 12, 30),),
        D(2027, 3, 1),
    ),
    (
        "appeal-leap: 29 Dec 2027 +2m = Tue 29 Feb 2028",
        appeal_deadline,
        (D(2027, 12, 29),),
        D(2028, 2, 29),
    ),
    (
        "appeal-non-leap: 29 Dec 2026 +2m -> Sun 28 Feb 2027 -> Mon 1 Mar 2027",
        appeal_deadline,
        (D(2026, 12, 29),),
        D(2027, 3, 1),
    ),
    (
        "appeal-Christmas Day: 25 Oct 2026 +2m = Fri 25 Dec; 1 Jan excluded, 2-3 Jan weekend"
        " -> Mon 4 Jan 2027",
        appeal_deadline,
        (D(2026, 10, 25),),
        D(2027, 1, 4),
    ),
    (
        "appeal-New Year: 1 Nov 2027 +2m = Sat 1 Jan 2028; Mon 3 Jan is New Year (observed)"
        " -> Tue 4 Jan 2028",
        appeal_deadline,
        (D(2027, 11, 1),),
        D(2028, 1, 4),
    ),
    (
        "appeal-Christmas Eve is a working day: 24 Oct 2025 +2m = Wed 24 Dec 2025",
        appeal_deadline,
        (D(2025, 10, 24),),
        D(2025, 12, 24),
    ),
    (
        "appeal-2 Nov 2025 +2m = Fri 2 Jan 2026, first day after the period, a working day",
        appeal_deadline,
        (D(2025, 11, 2),),
        D(2026, 1, 2),
    ),
    (
        "appeal-New Year's Eve: 31 Oct 2026 +2m = 31 Dec -> Mon 4 Jan 2027",
        appeal_deadline,
        (D(2026, 10, 31),),
        D(2027, 1, 4),
    ),
    (
        "appeal-cert later: 1 Mar 2026 / cert 20 Apr 2026: max(1 May, 20 May) = Wed 20 May",
        appeal_deadline,
        (D(2026, 3, 1), D(2026, 4, 20)),
        D(2026, 5, 20),
    ),
    (
        "appeal-cert early: 1 Mar 2026 / cert 15 Mar: max(1 May, 15 Apr) = Fri 1 May 2026",
        appeal_deadline,
        (D(2026, 3, 1), D(2026, 3, 15)),
        D(2026, 5, 1),
    ),
    (
        "appeal-cert before letter: 10 Mar 2026 / cert 1 Mar: max(Sun 10 May, 1 Apr)"
        " -> Mon 11 May 2026",
        appeal_deadline,
        (D(2026, 3, 10), D(2026, 3, 1)),
        D(2026, 5, 11),
    ),
    (
        "appeal-equal: 1 Feb 2026 / cert 1 Mar 2026: both 1 Apr = Wed 1 Apr 2026",
        appeal_deadline,
        (D(2026, 2, 1), D(2026, 3, 1)),
        D(2026, 4, 1),
    ),
    (
        "appeal-cert month end: 15 Dec 2025 / cert 31 Jan 2026: max(15 Feb, 28 Feb=Sat)"
        " -> Mon 2 Mar 2026",
        appeal_deadline,
        (D(2025, 12, 15), D(2026, 1, 31)),
        D(2026, 3, 2),
    ),
    (
        "appeal-cert leap: 10 Dec 2027 / cert 31 Jan 2028: max(10 Feb, 29 Feb) = Tue 29 Feb",
        appeal_deadline,
        (D(2027, 12, 10), D(2028, 1, 31)),
        D(2028, 2, 29),
    ),
    (
        "appeal-cert into August: 1 Jun 2026 / cert 10 Jul: max(1 Aug, 10 Aug) -> Tue 1 Sep",
        appeal_deadline,
        (D(2026, 6, 1), D(2026, 7, 10)),
        D(2026, 9, 1),
    ),
    (
        "appeal-cert out of August: 15 Jun 2026 / cert 14 Aug: max(15 Aug, 14 Sep) = Mon 14 Sep",
        appeal_deadline,
        (D(2026, 6, 15), D(2026, 8, 14)),
        D(2026, 9, 14),
    ),
    (
        "appeal-cert into Christmas: 20 Oct 2026 / cert 27 Nov: max(Sun 20 Dec, 27 Dec)"
        " -> Mon 4 Jan 2027",
        appeal_deadline,
        (D(2026, 10, 20), D(2026, 11, 27)),
        D(2027, 1, 4),
    ),
    (
        "appeal-Saturday: 7 Jan 2026 +2m = Sat 7 Mar -> Mon 9 Mar 2026",
        appeal_deadline,
        (D(2026, 1, 7),),
        D(2026, 3, 9),
    ),
    (
        "appeal-Sunday: 8 Jan 2026 +2m = Sun 8 Mar -> Mon 9 Mar 2026",
        appeal_deadline,
        (D(2026, 1, 8),),
        D(2026, 3, 9),
    ),
    (
        "appeal-New Year observed in January: 3 Nov 2027 +2m = Mon 3 Jan 2028 (BH) -> Tue 4 Jan",
        appeal_deadline,
        (D(2027, 11, 3),),
        D(2028, 1, 4),
    ),
    (
        "appeal-Easter Monday 2028: 17 Feb +2m = Mon 17 Apr 2028 -> Tue 18 Apr",
        appeal_deadline,
        (D(2028, 2, 17),),
        D(2028, 4, 18),
    ),
    (
        "appeal-Good Friday 2028: 14 Feb +2m = Fri 14 Apr -> Sat, Sun, Easter Mon -> Tue 18 Apr",
        appeal_deadline,
        (D(2028, 2, 14),),
        D(2028, 4, 18),
    ),
    (
        "appeal-early May 2028: 1 Mar +2m = Mon 1 May 2028 (May Day) -> Tue 2 May",
        appeal_deadline,
        (D(2028, 3, 1),),
        D(2028, 5, 2),
    ),
    (
        "appeal-spring BH 2028: 29 Mar +2m = Mon 29 May 2028 -> Tue 30 May",
        appeal_deadline,
        (D(2028, 3, 29),),
        D(2028, 5, 30),
    ),
    (
        "appeal-Saturday in autumn: 14 Sep 2026 +2m = Sat 14 Nov -> Mon 16 Nov 2026",
        appeal_deadline,
        (D(2026, 9, 14),),
        D(2026, 11, 16),
    ),
    (
        "appeal-spans Christmas: 30 Nov 2025 +2m = Fri 30 Jan 2026, not moved",
        appeal_deadline,
        (D(2025, 11, 30),),
        D(2026, 1, 30),
    ),
    (
        "appeal-31 May 2026 +2m = Fri 31 Jul 2026, still July: not moved",
        appeal_deadline,
        (D(2026, 5, 31),),
        D(2026, 7, 31),
    ),
    (
        "appeal-1 Jul 2026 +2m = Tue 1 Sep 2026, a working day (spans August)",
        appeal_deadline,
        (D(2026, 7, 1),),
        D(2026, 9, 1),
    ),
]


@pytest.mark.parametrize(
    ("function", "args", "expected"),
    [pytest.param(f, a, e, id=i) for i, f, a, e in CASES],
)
def test_hand_worked_deadline(
    function: Callable[..., Deadline], args: tuple[object, ...], expected: date
) -> None:
    deadline = function(*args)
    assert deadline.date == expected
    # The explanation must name the final date in full en_GB form, weekday first.
    assert f"{expected:%A} {expected.day} {expected:%B %Y}" in deadline.explanation


def test_table_is_large_enough() -> None:
    assert len(CASES) >= 40


def test_appeal_time_is_5pm_and_weeks_have_no_time() -> None:
    assert appeal_deadline(D(2026, 2, 10)).time == time(17, 0)
    assert assessment_decision_deadline(D(2026, 11, 2)).time is None

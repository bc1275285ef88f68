"""Reading the inputs of a provision map: case files, folders of them, and rosters.

A school map should still be made when one pupil's file is broken, so each
input that cannot be read becomes a :class:`~sendocs.errors.Problem` ("left
out") instead of stopping the run; the documents then say the map is
incomplete.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sendocs.dates.terms import TermCalendar
from sendocs.errors import CaseDataError, Location, Problem
from sendocs.formatting import plural
from sendocs.loading import CASE_SUFFIXES, LoadedCase, load_case

__all__ = ["read_school_cases"]


def read_school_cases(
    inputs: Sequence[str | Path],
    *,
    column_map: Any = None,
    settings: Any = None,
    today: dt.date | None = None,
    calendar: TermCalendar | None = None,
) -> tuple[list[LoadedCase], list[Problem]]:
    """Load case files, folders of case files and rosters (.csv / .xlsx).

    A roster's blank review dates come from ``calendar`` (default: the
    shipped example calendar).

    Returns the cases that loaded and one problem per input left out (its
    location and why), so a map can be made from the rest. A roster needs
    ``settings`` (the school details every pupil shares); see
    :func:`sendocs.roster.read_roster`.
    """
    loaded: list[LoadedCase] = []
    left_out: list[Problem] = []
    for given in inputs:
        path = Path(given)
        if path.is_dir():
            files = sorted(
                f for f in path.iterdir() if f.is_file() and f.suffix.lower() in CASE_SUFFIXES
            )
            if not files:
                raise CaseDataError(f"{path}: no case files (.yaml, .yml or .json) in this folder")
        elif path.suffix.lower() in (".csv", ".xlsx", ".xlsm"):
            loaded_rows, problems = _read_roster(path, column_map, settings, today, calendar)
            loaded += loaded_rows
            left_out += problems
            continue
        elif not path.exists():
            raise CaseDataError(f"{path}: no such file or folder")
        else:
            files = [path]
        for file in files:
            try:
                loaded.append(load_case(file, today=today))
            except CaseDataError as exc:
                left_out.append(_left_out(exc, str(file)))
    return loaded, left_out


def _read_roster(
    path: Path,
    column_map: Any,
    settings: Any,
    today: dt.date | None,
    calendar: TermCalendar | None = None,
) -> tuple[list[LoadedCase], list[Problem]]:
    try:
        from sendocs.roster import read_roster
    except ImportError:  # pragma: no cover - the roster reader ships with sendocs
        raise CaseDataError(f"{path}: rosters: use a folder of case files") from None
    roster = read_roster(
        path, column_map=column_map, settings=settings, today=today, review_calendar=calendar
    )
    loaded: list[LoadedCase] = []
    problems: list[Problem] = []
    for row in roster.rows:
        if row.loaded is not None:
            loaded.append(row.loaded)
        elif row.error is not None:
            problems.append(_left_out(row.error, row.source, row.location))
    return loaded, problems


def _left_out(exc: CaseDataError, source: str, location: Location | None = None) -> Problem:
    first = exc.problems[0] if exc.problems else None
    if first is not None:
        more = len(exc.problems) - 1
        reason = first.message + (f" (and {plural(more, 'more problem')})" if more else "")
        return Problem(first.location, reason)
    message = exc.message.removeprefix(f"{source}: ")
    return Problem(location or Location(file=source), message)

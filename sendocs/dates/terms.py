"""School terms, school days, termly review dates and census days.

There is no statutory rule for when an SEN support plan is reviewed: the Code
of Practice (6.65) expects at least three meetings with parents a year, on the
dates the plan agrees (domain brief §6, "Termly reviews"). The default used
here is the one the brief suggests: the next review falls in the *same week of
the next term* — same weekday, same week number counted from the week the term
starts — moved onto a school day if that day is not one. Users override it by
agreeing another date.

Term dates are set by the local authority for community and voluntary
controlled schools and by academy trusts and other schools for themselves, so
every school needs its own calendar: :func:`load_term_calendar` reads one from
YAML. The shipped :func:`default_term_calendar` is an EXAMPLE of England's usual
pattern (autumn September–December with a late-October half-term, spring
January–Easter with a mid-February half-term, summer Easter–late July with a
late-May half-term) and must be replaced with real dates.

Census days (school census, domain brief §6 [S33]) follow the usual pattern:
autumn the first Thursday of October, spring the third Thursday of January,
summer the third Thursday of May. The DfE publishes each year's dates; check
them.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from sendocs.dates.bank_holidays import is_bank_holiday
from sendocs.dates.calendar import monday_of
from sendocs.errors import CaseDataError, Location, Problem, parse_field_text

__all__ = [
    "DEFAULT_TERMS_PATH",
    "Term",
    "TermCalendar",
    "autumn_census_day",
    "census_day",
    "default_term_calendar",
    "load_term_calendar",
    "spring_census_day",
    "summer_census_day",
]

#: The shipped example calendar (replace with your own school's dates).
DEFAULT_TERMS_PATH = Path(__file__).resolve().parent.parent / "data" / "default_terms.yaml"

_THURSDAY = 3


@dataclass(frozen=True)
class Term:
    """One school term: first and last day, its half-term holiday, and other closures.

    ``start`` and ``end`` are the first and last days pupils attend (inclusive).
    ``half_term_start``/``half_term_end`` bound the half-term holiday
    (inclusive; weekends around it need not be included). ``closed_days`` are
    other days inside the term when pupils are not in school (INSET days,
    polling days).
    """

    name: str
    start: dt.date
    end: dt.date
    half_term_start: dt.date | None = None
    half_term_end: dt.date | None = None
    closed_days: tuple[dt.date, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(
                f"{self.name}: the term ends ({self.end.isoformat()}) before it starts "
                f"({self.start.isoformat()})"
            )
        if (self.half_term_start is None) != (self.half_term_end is None):
            raise ValueError(
                f"{self.name}: give both half_term_start and half_term_end, or neither"
            )
        if self.half_term_start is not None and self.half_term_end is not None:
            if self.half_term_end < self.half_term_start:
                raise ValueError(f"{self.name}: the half-term ends before it starts")
            if not (self.start <= self.half_term_start and self.half_term_end <= self.end):
                raise ValueError(f"{self.name}: the half-term is not inside the term")
        for day in self.closed_days:
            if not self.start <= day <= self.end:
                raise ValueError(
                    f"{self.name}: closed day {day.isoformat()} is not inside the term"
                )

    def contains(self, day: dt.date) -> bool:
        """Whether ``day`` lies between the first and last day of term (holidays included)."""
        return self.start <= day <= self.end

    def in_half_term(self, day: dt.date) -> bool:
        """Whether ``day`` is in this term's half-term holiday."""
        if self.half_term_start is None or self.half_term_end is None:
            return False
        return self.half_term_start <= day <= self.half_term_end

    def is_school_day(self, day: dt.date) -> bool:
        """A weekday of this term that is not half-term, a bank holiday or a closed day."""
        return (
            self.contains(day)
            and day.weekday() < 5
            and not self.in_half_term(day)
            and not is_bank_holiday(day)
            and day not in self.closed_days
        )

    def week_number(self, day: dt.date) -> int:
        """Week of term containing ``day``: 1 for the Monday–Sunday week the term starts in."""
        return (monday_of(day) - monday_of(self.start)).days // 7 + 1

    def school_days(self) -> Iterator[dt.date]:
        """Every school day of the term, in order."""
        day = self.start
        while day <= self.end:
            if self.is_school_day(day):
                yield day
            day += dt.timedelta(days=1)


class TermCalendar:
    """A school's terms in date order, with look-ups for school days and review dates."""

    def __init__(
        self, terms: Iterable[Term], name: str = "", source: str = "", path: str | None = None
    ) -> None:
        ordered = sorted(terms, key=lambda term: term.start)
        for earlier, later in itertools.pairwise(ordered):
            if later.start <= earlier.end:
                raise ValueError(f"{later.name} starts before {earlier.name} ends")
        self.terms: tuple[Term, ...] = tuple(ordered)
        self.name = name
        self.source = source
        self.path = path

    def __repr__(self) -> str:
        return f"TermCalendar(name={self.name!r}, terms={len(self.terms)})"

    def term_of(self, day: dt.date) -> Term | None:
        """The term that ``day`` falls in (half-terms included), or ``None`` in a holiday."""
        for term in self.terms:
            if term.contains(day):
                return term
        return None

    def next_term_after(self, day: dt.date) -> Term | None:
        """The first term that starts after ``day``, or ``None`` if the calendar has none."""
        for term in self.terms:
            if term.start > day:
                return term
        return None

    def is_school_day(self, day: dt.date) -> bool:
        """Whether pupils are in school on ``day`` according to this calendar."""
        term = self.term_of(day)
        return term is not None and term.is_school_day(day)

    def next_review_date(self, from_date: dt.date) -> dt.date:
        """The default next review: the same week and weekday of the next term.

        The week number counts Monday-to-Sunday weeks from the week the term
        starts. If that day is not a school day (half-term, bank holiday,
        closed day, before the term starts or after it ends), the nearest school
        day within that term is used, preferring a later one. A date in a
        holiday between terms counts as week 1 of the term that follows, so
        the review lands in week 1 of the term after that.

        Raises :class:`~sendocs.errors.CaseDataError` when the calendar has no
        later term: add the next year's dates.
        """
        current = self.term_of(from_date)
        if current is None:
            following = self.next_term_after(from_date)
            if following is None:
                raise self._missing_term(from_date)
            current, week, weekday = following, 1, from_date.weekday()
        else:
            week, weekday = current.week_number(from_date), from_date.weekday()
        target_term = self.next_term_after(current.end)
        if target_term is None:
            raise self._missing_term(current.end)
        target = monday_of(target_term.start) + dt.timedelta(days=7 * (week - 1) + weekday)
        return _nearest_school_day(target_term, target)

    def _missing_term(self, after: dt.date) -> CaseDataError:
        where = f"The term calendar {self.path or self.name}".rstrip()
        return CaseDataError(
            f"{where} has no term after {after.isoformat()}, so no review date can be set; "
            "add the next school year's term dates."
        )


def _nearest_school_day(term: Term, target: dt.date) -> dt.date:
    """The first school day of ``term`` on or after ``target``, else the last one before it."""
    day = max(target, term.start)
    while day <= term.end:
        if term.is_school_day(day):
            return day
        day += dt.timedelta(days=1)
    day = min(target, term.end)
    while day >= term.start:
        if term.is_school_day(day):
            return day
        day -= dt.timedelta(days=1)
    raise CaseDataError(f"{term.name} has no school days; check its dates.")


# --- census days ---------------------------------------------------------------------------


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    first = dt.date(year, month, 1)
    offset = (weekday - first.weekday()) % 7
    return first + dt.timedelta(days=offset + 7 * (n - 1))


def autumn_census_day(year: int) -> dt.date:
    """Autumn census: usually the first Thursday of October of ``year``."""
    return _nth_weekday(year, 10, _THURSDAY, 1)


def spring_census_day(year: int) -> dt.date:
    """Spring census: usually the third Thursday of January of ``year``."""
    return _nth_weekday(year, 1, _THURSDAY, 3)


def summer_census_day(year: int) -> dt.date:
    """Summer census: usually the third Thursday of May of ``year``."""
    return _nth_weekday(year, 5, _THURSDAY, 3)


def census_day(term: str, year: int) -> dt.date:
    """The usual census day of ``term`` ("autumn", "spring" or "summer") in calendar ``year``."""
    table = {
        "autumn": autumn_census_day,
        "spring": spring_census_day,
        "summer": summer_census_day,
    }
    try:
        return table[term.strip().lower()](year)
    except KeyError:
        raise ValueError(f"unknown census term {term!r}; use autumn, spring or summer") from None


# --- loading -------------------------------------------------------------------------------

_TERM_FIELDS = ("name", "start", "end", "half_term_start", "half_term_end", "closed_days")


def _line_index(
    node: yaml.Node, path: str = "", index: dict[str, int] | None = None
) -> dict[str, int]:
    """Map dotted field paths ("terms[2].end") to 1-based YAML line numbers."""
    if index is None:
        index = {}
    index.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = str(key_node.value)
            child = f"{path}.{key}" if path else key
            index[child] = key_node.start_mark.line + 1
            _line_index(value_node, child, index)
    elif isinstance(node, yaml.SequenceNode):
        for position, item in enumerate(node.value):
            _line_index(item, f"{path}[{position}]", index)
    return index


def _as_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError(f"{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-09-03")


def load_term_calendar(path: str | Path) -> TermCalendar:
    """Read a school's term dates from a YAML file.

    The file has a ``terms`` list; each entry has ``name``, ``start``, ``end``
    and optionally ``half_term_start``, ``half_term_end`` and ``closed_days``
    (dates as YYYY-MM-DD). Optional top-level ``name`` and ``source`` describe
    where the dates came from. Every problem found is reported at once in a
    :class:`~sendocs.errors.CaseDataError` naming the file, line and entry.
    """
    file = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CaseDataError(f"Term calendar file not found: {file}") from None
    except OSError as exc:
        raise CaseDataError(f"Cannot read term calendar {file}: {exc.strerror}") from None
    try:
        root = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise CaseDataError(
            f"Term calendar {file} is not valid YAML",
            [Problem(Location(file=file, line=line), str(problem))],
        ) from None
    lines = _line_index(root) if root is not None else {}

    def located(field_path: str, message: str) -> Problem:
        line = lines.get(field_path)
        if line is None and "." in field_path:
            line = lines.get(field_path.rsplit(".", 1)[0])
        return Problem(Location(file=file, line=line, field=parse_field_text(field_path)), message)

    if not isinstance(data, dict) or not isinstance(data.get("terms"), list) or not data["terms"]:
        raise CaseDataError(
            f"Term calendar {file} must have a 'terms' list with at least one term",
            [located("terms", "expected a list of terms, each with name, start and end")],
        )
    problems: list[Problem] = []
    terms: list[Term] = []
    for position, entry in enumerate(data["terms"]):
        where = f"terms[{position}]"
        found_before = len(problems)
        if not isinstance(entry, dict):
            problems.append(located(where, "expected a mapping with name, start and end"))
            continue
        label = str(entry.get("name") or where)
        unknown = sorted(set(map(str, entry)) - set(_TERM_FIELDS))
        for key in unknown:
            problems.append(
                located(
                    f"{where}.{key}",
                    f"{label}: unknown field {key!r}; allowed: " + ", ".join(_TERM_FIELDS),
                )
            )
        values: dict[str, Any] = {}
        for key in ("name", "start", "end"):
            if entry.get(key) in (None, ""):
                problems.append(
                    located(f"{where}.{key}" if key in entry else where, f"{label}: missing {key}")
                )
        for key in ("start", "end", "half_term_start", "half_term_end"):
            if entry.get(key) not in (None, ""):
                try:
                    values[key] = _as_date(entry[key])
                except ValueError as exc:
                    problems.append(located(f"{where}.{key}", f"{label}: {exc}"))
        closed: list[dt.date] = []
        raw_closed = entry.get("closed_days") or []
        if not isinstance(raw_closed, list):
            problems.append(located(f"{where}.closed_days", f"{label}: expected a list of dates"))
        else:
            for index, raw in enumerate(raw_closed):
                try:
                    closed.append(_as_date(raw))
                except ValueError as exc:
                    problems.append(located(f"{where}.closed_days[{index}]", f"{label}: {exc}"))
        if len(problems) > found_before:
            continue
        try:
            terms.append(
                Term(
                    name=str(entry["name"]),
                    start=values["start"],
                    end=values["end"],
                    half_term_start=values.get("half_term_start"),
                    half_term_end=values.get("half_term_end"),
                    closed_days=tuple(closed),
                )
            )
        except ValueError as exc:
            problems.append(located(where, str(exc)))
    if not problems:
        try:
            return TermCalendar(
                terms,
                name=str(data.get("name") or ""),
                source=str(data.get("source") or ""),
                path=file,
            )
        except ValueError as exc:
            problems.append(located("terms", str(exc)))
    raise CaseDataError(f"Term calendar {file} has {_count(problems)}", problems)


def _count(problems: Sequence[Problem]) -> str:
    return "1 problem" if len(problems) == 1 else f"{len(problems)} problems"


@lru_cache(maxsize=1)
def default_term_calendar() -> TermCalendar:
    """The shipped EXAMPLE calendar (2025/26 to 2027/28); replace it with your school's dates."""
    return load_term_calendar(DEFAULT_TERMS_PATH)

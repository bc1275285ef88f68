"""Reading a batch's inputs: rosters, case files and folders of case files, as batch items.

The parent process reads and validates every input before any document is
made, so a bad row is reported with its file, sheet, row and column while the
rest are rendered; inputs that share a UPN all fail, naming each other. Also
the input's hash for the manifest (:func:`case_sha256`): the same data gives
the same hash whatever file format or column order it came from.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sendocs.dates import TermCalendar
from sendocs.documents import RenderOptions
from sendocs.errors import CaseDataError, Location, Problem, SendocsError
from sendocs.loading import CASE_SUFFIXES, LoadedCase, load_case
from sendocs.roster import ROSTER_SUFFIXES, ColumnMap, SchoolSettings, read_roster

__all__ = ["BatchItem", "case_sha256", "file_sha256", "read_batch_inputs"]


@dataclass
class BatchItem:
    """One input to a batch: a validated case, or the error that stopped it being read."""

    index: int
    source: str
    location: Location
    upn: str | None = None
    loaded: LoadedCase | None = None
    error: SendocsError | None = None


def read_batch_inputs(
    inputs: str | Path | Sequence[str | Path],
    *,
    column_map: ColumnMap | None = None,
    settings: SchoolSettings | None = None,
    set_review_dates: bool = True,
    review_calendar: TermCalendar | None = None,
    options: RenderOptions | None = None,
) -> tuple[list[BatchItem], list[Problem]]:
    """Read rosters (.csv/.xlsx), case files and folders of case files into batch items.

    Returns the items in input order and warnings about whole files. A problem
    with a whole roster (a required column missing) raises
    :class:`~sendocs.errors.RosterError`; problems with single rows and files
    become failed items.
    """
    options = options or RenderOptions()
    paths = [Path(inputs)] if isinstance(inputs, str | Path) else [Path(p) for p in inputs]
    items: list[BatchItem] = []
    warnings: list[Problem] = []
    for path in paths:
        if path.is_dir():
            files = sorted(
                f for f in path.iterdir() if f.is_file() and f.suffix.lower() in CASE_SUFFIXES
            )
            if not files:
                raise CaseDataError(f"{path}: no case files (.yaml, .yml or .json) in this folder")
            for file in files:
                items.append(_case_file_item(len(items), file, options))
        elif path.suffix.lower() in ROSTER_SUFFIXES:
            roster = read_roster(
                path,
                column_map=column_map,
                settings=settings,
                set_review_dates=set_review_dates,
                review_calendar=review_calendar,
                plan_start=options.date,
                today=options.date,
            )
            warnings += roster.warnings
            for row in roster.rows:
                items.append(
                    BatchItem(len(items), row.source, row.location, row.upn, row.loaded, row.error)
                )
        elif path.suffix.lower() in CASE_SUFFIXES:
            items.append(_case_file_item(len(items), path, options))
        elif not path.exists():
            raise CaseDataError(f"{path}: no such file or folder")
        else:
            raise CaseDataError(
                f"{path}: not a roster (.csv, .xlsx), a case file (.yaml, .json) or a folder"
            )
    _fail_shared_upns(items)
    return items, warnings


def _fail_shared_upns(items: list[BatchItem]) -> None:
    """One UPN, one child: inputs that read well but share a UPN all fail, naming each other.

    Two case files (or a case file and a roster row) with one UPN are one child
    twice or two children confused; neither document can be trusted to be about
    the right child, so neither is made. (Rows of one roster are checked as it
    is read.)
    """
    by_upn: dict[str, list[BatchItem]] = {}
    for item in items:
        if item.loaded is not None and item.upn:
            by_upn.setdefault(item.upn.strip().upper(), []).append(item)
    for upn, sharing in by_upn.items():
        if len(sharing) < 2:
            continue
        names = [str(i.location) for i in sharing]
        listed = ", ".join(names[:-1]) + " and " + names[-1]
        neither = "neither" if len(sharing) == 2 else "none"
        for item in sharing:
            others = " and ".join(n for n in names if n != str(item.location))
            item.error = CaseDataError(
                f"{item.source}: UPN {upn} is also in {others}",
                [
                    Problem(
                        Location(
                            file=item.location.file,
                            sheet=item.location.sheet,
                            row=item.location.row,
                            field=None if item.location.row is not None else ("child", "upn"),
                        ),
                        f"{listed} share UPN {upn}; {neither} was rendered so that no child "
                        "gets another's document; give each pupil their own UPN",
                    )
                ],
            )
            item.loaded = None


def _case_file_item(index: int, path: Path, options: RenderOptions) -> BatchItem:
    location = Location(file=str(path))
    try:
        loaded = load_case(path, today=options.date)
    except CaseDataError as exc:
        return BatchItem(index, str(path), location, error=exc)
    return BatchItem(index, str(path), location, loaded.case.child.upn, loaded)


# -- hashing --------------------------------------------------------------------------------


def case_sha256(loaded: LoadedCase) -> str:
    """SHA-256 of the validated case as canonical JSON (sorted keys, no spaces).

    The same data gives the same hash whatever file format or column order it
    came from, so a manifest shows whether a pupil's input changed between runs.
    """
    text = json.dumps(
        loaded.case.model_dump(),
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        default=_canonical_value,
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _canonical_value(value: Any) -> str:
    """18.5 and 18.50 are the same cost: numbers are written normalised."""
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text if "." not in text else text.rstrip("0").rstrip(".")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Path):
        return value.as_posix()
    raise TypeError(f"cannot hash a {type(value).__name__}")


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()

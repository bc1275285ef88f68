"""``sendocs provision-map``: the whole-school provision map as Word or Excel."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from sendocs.cli.common import DateParam, echo_problems, success
from sendocs.errors import CaseDataError

__all__ = ["provision_map"]


@click.command("provision-map")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="FILE.docx (Word, landscape) or FILE.xlsx (Excel, with SUM totals).",
)
@click.option(
    "--weeks-per-year",
    type=click.IntRange(1, 52),
    default=38,
    show_default=True,
    help="School weeks a year that provision runs for.",
)
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
@click.option("--date", "doc_date", type=DateParam(), help="Date on the map (default: today).")
@click.option(
    "--school",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="School settings (YAML) for a roster (.csv / .xlsx) input "
    "(default: school.yaml beside the roster).",
)
@click.option(
    "--columns",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Your column map (YAML) if your MIS names roster columns differently.",
)
@click.option(
    "--term-dates",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Your school's term dates (YAML, as for batch): the school year costed, the "
    "term-time weeks each provision runs, and blank review dates (default: an example "
    "calendar).",
)
def provision_map(
    inputs: Sequence[Path],
    output: Path,
    weeks_per_year: int,
    force: bool,
    doc_date: dt.date | None,
    school: Path | None,
    columns: Path | None,
    term_dates: Path | None,
) -> None:
    """Make the whole-school provision map from every pupil's current plan.

    A provision map is one school's: when the pupils are at several schools,
    one map is made per school, named FILE_<school>.docx / .xlsx, and no map
    holds another school's pupils or budget.

    INPUT is a case file, a folder of case files, or a roster (.csv / .xlsx;
    school details from --school or a school.yaml beside it; blank review
    dates from the term calendar). Every pupil is costed over the same
    dates: the school year holding --date (first to last day of term in
    --term-dates), never after a pupil's leaving date. Each intervention is
    totalled across pupils, with totals by area of need and year group, and
    pupils whose costed provision for the year is above the £6,000 a school
    is expected to meet from its notional SEN budget are flagged. Inputs that
    cannot be read are listed with their line and left out; the map is still
    made from the rest, and the command then exits with status 1 so that a
    script notices.

    \b
    Examples:
      sendocs provision-map fixtures/cases/ -o provision-map.docx
      sendocs provision-map fixtures/cases/ -o provision-map.xlsx --weeks-per-year 39
      sendocs provision-map fixtures/roster/roster.xlsx -o map.xlsx
      sendocs provision-map cases/ -o map.xlsx --term-dates terms.yaml
    """
    from sendocs.costing import leaving_date
    from sendocs.dates import load_term_calendar
    from sendocs.files import check_can_write
    from sendocs.formatting import plural
    from sendocs.school_map import (
        build_school_maps,
        read_school_cases,
        school_map_path,
        write_school_map,
    )

    column_map = settings = None
    if school or columns:
        from sendocs.roster import load_column_map, load_school_settings

        column_map = load_column_map(columns) if columns else None
        settings = load_school_settings(school) if school else None
    calendar = load_term_calendar(term_dates) if term_dates else None
    loaded, left_out = read_school_cases(
        inputs, column_map=column_map, settings=settings, today=doc_date, calendar=calendar
    )
    if left_out:
        click.secho(
            f"{len(left_out)} input(s) could not be read and are left out of the map:",
            fg="yellow",
            err=True,
        )
        echo_problems(left_out, err=True)
    if not loaded:
        raise CaseDataError("no pupils could be read, so there is no map to make")
    maps = build_school_maps(
        loaded, weeks_per_year=weeks_per_year, left_out=left_out, calendar=calendar, on=doc_date
    )
    told: set[str] = set()
    for item in loaded:
        day, assumed = leaving_date(item.case.child)
        if assumed and day is not None:
            click.secho(
                f"Note: {item.source}: a Year 11 pupil with no child.leaving_date is costed "
                f"only to {day:%d/%m/%Y}, the school leaving date (last Friday in June); set "
                "child.leaving_date if they leave at another date or stay on.",
                fg="yellow",
                err=True,
            )
        if item.case.school.setting_type.is_college and item.case.school.name not in told:
            told.add(item.case.school.name)  # once per college, not once per student
            click.secho(
                f"Note: {item.case.school.name} is a college: its map gives "
                "the costs without the £6,000 comparison, which the SEND Code sets for "
                "schools' notional SEN budgets; sendocs does not work out post-16 funding.",
                fg="yellow",
                err=True,
            )
    several = len(maps) > 1
    if several:
        click.secho(
            f"Note: these pupils are at {len(maps)} different schools: one map per school, "
            "each holding only its own pupils.",
            fg="yellow",
            err=True,
        )
    paths = [school_map_path(output, m, several) for m in maps]
    for path in paths:
        check_can_write(path, force)  # refuse before writing any, so none is half-done
    for school_map, path in zip(maps, paths, strict=True):
        written = write_school_map(school_map, path, force=force, date=doc_date)
        flagged = len(school_map.flagged)
        success(
            f"wrote {written}: {school_map.school_name}, "
            f"{plural(len(school_map.pupils), school_map.learner_word.lower())}, "
            f"{plural(len(school_map.interventions), 'intervention')}, costed for "
            f"{school_map.period_label()}"
            + ("" if school_map.college else f"; {flagged} above the £6,000 a year threshold")
        )
    if left_out:
        click.secho(f"{len(left_out)} input(s) left out (listed above).", fg="yellow", err=True)
    if left_out:
        sys.exit(1)

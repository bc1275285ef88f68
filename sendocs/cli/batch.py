"""``sendocs batch``: one document kind for every pupil of a roster or folder of cases."""

from __future__ import annotations

import datetime as dt
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from sendocs.cli.common import DateParam, echo_problems, success

if TYPE_CHECKING:
    from sendocs.batch import BatchReport

__all__ = ["batch"]


class _Progress:
    """A click progress bar on stderr per phase, created when the total is known."""

    def __init__(self) -> None:
        self.bar: Any = None
        self.phase = ""
        self.shown = 0

    def __call__(self, phase: str, done: int, total: int) -> None:
        if phase != self.phase:
            self.close()
            label = "Rendering" if phase == "render" else "Converting to PDF"
            self.bar = click.progressbar(length=total, label=label, file=sys.stderr)
            self.bar.__enter__()
            self.phase, self.shown = phase, 0
        self.bar.update(done - self.shown)
        self.shown = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


@click.command()
@click.argument("kind")
@click.argument("input_path", metavar="INPUT", type=click.Path(exists=True, path_type=Path))
@click.option(
    "-o",
    "--output-dir",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder for the documents and manifest.csv.",
)
@click.option(
    "--jobs", "-j", type=click.IntRange(min=1), help="Worker processes (default: all cores)."
)
@click.option(
    "--zip",
    "zip_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write every document and the manifest into this zip file.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["docx", "pdf", "both"]),
    default="docx",
    show_default=True,
    help="Word documents, PDFs (through LibreOffice), or both.",
)
@click.option(
    "--columns",
    "columns",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Your column map (YAML) if your MIS names columns differently from the default.",
)
@click.option(
    "--school",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="School settings (YAML): school, SENCO and local authority for every pupil "
    "(default: school.yaml beside the roster, if there is one).",
)
@click.option(
    "--set-review-dates/--no-set-review-dates",
    default=True,
    show_default=True,
    help="Fill blank review dates with the same week of the next term (never in a holiday); "
    "with --no-set-review-dates a blank review date is an error.",
)
@click.option(
    "--term-dates",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Your school's term dates (YAML) for review dates (default: an example calendar).",
)
@click.option(
    "--date", "doc_date", type=DateParam(), help="Date on the documents (default: today)."
)
@click.option(
    "--template",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Use your own .docx template instead of the shipped one.",
)
@click.option(
    "--force", is_flag=True, help="Replace documents, manifest and zip from an earlier run."
)
@click.option(
    "--resume",
    is_flag=True,
    help="Continue an earlier (interrupted) run into the same folder: keep documents it made "
    "from the same input and template, make the rest, and write one manifest of the whole run.",
)
def batch(
    kind: str,
    input_path: Path,
    output_dir: Path,
    jobs: int | None,
    zip_path: Path | None,
    fmt: str,
    columns: Path | None,
    school: Path | None,
    set_review_dates: bool,
    term_dates: Path | None,
    doc_date: dt.date | None,
    template: Path | None,
    force: bool,
    resume: bool,
) -> None:
    """Render KIND for every pupil in INPUT: a roster or a folder of case files.

    INPUT is an MIS export (.csv or .xlsx, one row per pupil; outcomes and
    provision on Outcomes / Provision sheets, in outcomes.csv / provision.csv
    beside the CSV, or in numbered columns), a folder of case files, or one
    case file. A roster needs school settings for the details every pupil
    shares: --school, or a school.yaml beside the roster.

    Rows with problems are listed at the end with their row and column; every
    other pupil's document is still made. manifest.csv in the output folder
    lists every output. Only one batch writes to a folder at a time. If a run
    was interrupted, run it again with --resume to make only what is missing.
    Exit status: 0 all rendered, 1 some rows failed, 2 wrong usage.

    \b
    Examples:
      sendocs batch iep fixtures/roster/roster.xlsx -o plans/
      sendocs batch iep roster.csv --school school.yaml --columns our-mis.yaml \\
          --term-dates terms.yaml --format both --zip plans.zip -o plans/
      sendocs batch iep cases/ -o plans/ --jobs 2
      sendocs batch iep roster.xlsx -o plans/ --format pdf --resume
    """
    # Imported here, not at the top: every other command would pay for them at start-up.
    from sendocs.batch import render_batch
    from sendocs.dates import load_term_calendar
    from sendocs.documents import RenderOptions
    from sendocs.roster import load_column_map, load_school_settings

    options = RenderOptions(date=doc_date, template=template)
    _explain_roster_defaults([input_path], school, set_review_dates, term_dates)
    progress = _Progress()
    previous = _stop_cleanly_on_sigterm()
    try:
        report = render_batch(
            kind,
            input_path,
            output_dir,
            options=options,
            jobs=jobs,
            force=force,
            resume=resume,
            fmt=fmt,  # type: ignore[arg-type]
            zip_path=zip_path,
            progress=progress,
            column_map=load_column_map(columns) if columns else None,
            school=load_school_settings(school) if school else None,
            set_review_dates=set_review_dates,
            term_calendar=load_term_calendar(term_dates) if term_dates else None,
        )
    finally:
        progress.close()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    _summarise(report)
    if report.exit_code:
        sys.exit(report.exit_code)


def _summarise(report: BatchReport) -> None:
    echo_problems(report.file_warnings, err=True)
    for row in report.with_warnings:
        click.secho(f"WARNINGS  {row.source}", fg="yellow", err=True)
        echo_problems(row.warnings, err=True)
    for row in report.failed:
        click.secho(f"FAILED    {row.source}", fg="red", err=True)
        problems = getattr(row.error, "problems", None) or []
        echo_problems(problems, err=True, fallback=str(row.error))
    rendered = len(report.rendered) - len(report.unchanged)
    summary = f"rendered {rendered}, with warnings {len(report.with_warnings)}, "
    if report.unchanged:
        summary += f"unchanged {len(report.unchanged)} (already made by an earlier run), "
    summary += f"failed {len(report.failed)}; manifest: {report.manifest}"
    if report.zip_path:
        summary += f"; zip: {report.zip_path}"
    if report.failed:
        click.secho(summary, fg="red", err=True)
    else:
        success(summary)


def _stop_cleanly_on_sigterm() -> Any:
    """Let ``kill`` (SIGTERM) end a batch like Ctrl-C does: LibreOffice stopped, staging
    removed, the manifest written with what was made. Returns the handler it replaced."""
    if threading.current_thread() is not threading.main_thread():
        return None

    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    return signal.signal(signal.SIGTERM, interrupt)


def _explain_roster_defaults(
    inputs: Sequence[Path], school: Path | None, set_review_dates: bool, term_dates: Path | None
) -> None:
    """Say which school settings and term calendar a roster run falls back on."""
    from sendocs.roster import ROSTER_SUFFIXES, find_school_settings

    rosters = [p for p in inputs if p.is_file() and p.suffix.lower() in ROSTER_SUFFIXES]
    if not rosters:
        return
    if school is None:
        for roster in rosters:
            found = find_school_settings(roster)
            if found is not None:
                click.echo(f"Using school settings from {found}", err=True)
    if set_review_dates and term_dates is None:
        click.echo(
            "Blank review dates are set from sendocs' example term calendar; give your "
            "school's own with --term-dates (see docs/senco-guide.md).",
            err=True,
        )

"""The ``sendocs`` command line: thin wrappers over :mod:`sendocs.api`.

Every command maps a :class:`~sendocs.errors.SendocsError` to a plain
message on stderr and exit status 1; click's own usage errors exit 2; Ctrl-C
exits 130; any other exception (a bug) becomes one line naming its type and a
pointer to ``--debug``, exit 1 (:class:`~sendocs.cli.common.SendocsGroup`).
Tracebacks appear only with ``--debug``; ``tests/cli/test_no_traceback.py``
runs every command on broken input to keep it so.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from sendocs.cli.common import (
    CONTEXT_SETTINGS,
    FORMAT_OPTION,
    PDFA_OPTION,
    DateParam,
    SendocsGroup,
    echo_problems,
    success,
)
from sendocs.errors import CaseDataError

if TYPE_CHECKING:
    from sendocs import api
    from sendocs.loading import LoadedCase

# The API, the documents and the case models are imported inside each command that
# uses them: imported here, every command (even --help) paid ~2 CPU seconds at start.

__all__ = ["DEMO_DATE", "main"]

DEMO_DATE = dt.date(2026, 11, 23)
"""``sendocs.api.DEMO_DATE``, the demo's default date, written out so that ``--help``
needs no import of the API (tests/cli/test_startup.py keeps the two equal)."""


@click.group(cls=SendocsGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(package_name="sendocs")
@click.option("--debug", is_flag=True, help="Show full tracebacks and debug logging.")
@click.option("-v", "--verbose", is_flag=True, help="Say more about what is happening.")
@click.pass_context
def main(ctx: click.Context, debug: bool, verbose: bool) -> None:
    """sendocs: documents for England's SEND system from structured case data.

    \b
    Examples:
      sendocs validate fixtures/cases/
      sendocs render iep fixtures/cases/amara-okafor.yaml -o out/
      sendocs demo -o demo-output
    """
    ctx.obj = {"debug": debug}
    level = logging.DEBUG if debug else logging.INFO if verbose else logging.WARNING
    logging.basicConfig(
        level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--quiet", "-q", is_flag=True, help="Print only errors, not warnings.")
@click.option(
    "--school",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="School settings (YAML) for a roster (default: school.yaml beside it).",
)
@click.option(
    "--columns",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Your column map (YAML) for a roster, if your MIS names columns differently.",
)
def validate(paths: Sequence[Path], quiet: bool, school: Path | None, columns: Path | None) -> None:
    """Check case files or rosters and report every error and warning with its place.

    PATHS are case files (.yaml, .yml, .json), folders of them, or rosters
    exported from your MIS (.csv, .xlsx: every pupil row is checked). Exits 1
    if anything has an error; warnings alone exit 0.

    \b
    Examples:
      sendocs validate fixtures/cases/amara-okafor.yaml
      sendocs validate fixtures/roster/roster.xlsx
    """
    checked = failed = 0
    for label, outcome in _validation_entries(paths, school, columns, quiet):
        checked += 1
        if isinstance(outcome, CaseDataError):
            failed += 1
            click.secho(f"FAILED  {label}", fg="red", err=True)
            echo_problems(outcome.problems or [], err=True, fallback=outcome.message)
            continue
        count = len(outcome.warnings)
        note = f" ({count} warning{'s' if count != 1 else ''})" if count else ""
        success(f"OK      {label}{note}")
        if not quiet:
            echo_problems(outcome.warnings)
    if not checked:
        raise CaseDataError("no case files found (.yaml, .yml or .json)")
    if failed:
        click.secho(f"{failed} of {checked} checked have errors.", fg="red", err=True)
        sys.exit(1)


def _validation_entries(
    paths: Sequence[Path], school: Path | None, columns: Path | None, quiet: bool
) -> Iterator[tuple[str, LoadedCase | CaseDataError]]:
    """Each case file, or each roster row, with its validated case or its error."""
    from sendocs.loading import CASE_SUFFIXES, find_case_files, load_case

    for path in find_case_files(paths):
        # sendocs.roster (term calendar, bank holidays) is imported only for a roster.
        if path.suffix.lower() in CASE_SUFFIXES or not _is_roster(path):
            try:
                yield str(path), load_case(path)
            except CaseDataError as exc:
                yield str(path), exc
            continue
        from sendocs.roster import load_column_map, load_school_settings, read_roster

        try:
            roster = read_roster(
                path,
                column_map=load_column_map(columns) if columns else None,
                settings=load_school_settings(school) if school else None,
            )
        except CaseDataError as exc:
            yield str(path), exc
            continue
        if not quiet:
            echo_problems(roster.warnings)
        for row in roster.rows:
            label = str(row.location) + (f" ({row.upn})" if row.upn else "")
            if row.loaded is not None:
                yield label, row.loaded
            elif row.error is not None:
                yield label, row.error


def _is_roster(path: Path) -> bool:
    from sendocs.roster import ROSTER_SUFFIXES

    return path.suffix.lower() in ROSTER_SUFFIXES


@main.command()
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="Write to FILE instead of stdout."
)
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
def schema(output: Path | None, force: bool) -> None:
    """Print the JSON Schema of a case file (for editor completion).

    \b
    Example:
      sendocs schema -o sendocs-case.schema.json
    Then, in VS Code with the YAML extension, put this first line in a case file:
      # yaml-language-server: $schema=./sendocs-case.schema.json
    """
    import json

    from sendocs import api

    if output is None:
        click.echo(json.dumps(api.case_schema(), indent=2, ensure_ascii=False))
    else:
        api.write_schema(output, force=force)
        success(f"wrote {output}")


@main.command()
@click.argument("kind")
@click.argument("case_file", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Folder to write the document into.",
)
@click.option("--force", is_flag=True, help="Replace an existing output file.")
@click.option("--date", "doc_date", type=DateParam(), help="Date on the document (default: today).")
@click.option(
    "--template",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Use your own .docx template instead of the shipped one.",
)
@FORMAT_OPTION
@PDFA_OPTION
def render(
    kind: str,
    case_file: Path,
    output_dir: Path,
    force: bool,
    doc_date: dt.date | None,
    template: Path | None,
    fmt: api.OutputFormat,
    pdfa: bool,
) -> None:
    """Render one document of KIND for the case in CASE_FILE.

    KIND is one of the kinds listed by `sendocs kinds` (e.g. iep). PDFs are
    made with LibreOffice (see docs/pdf.md).

    \b
    Examples:
      sendocs render iep fixtures/cases/amara-okafor.yaml -o out/
      sendocs render iep fixtures/cases/amara-okafor.yaml -o out/ --format pdf
    """
    from sendocs import api
    from sendocs.documents import RenderOptions

    options = RenderOptions(date=doc_date, template=template)
    result = api.render_document(
        kind, case_file, output_dir, options=options, force=force, fmt=fmt, pdfa=pdfa
    )
    echo_problems(result.warnings, err=True)  # what to check goes to stderr, never the document
    for path in result.paths:
        success(f"wrote {path}")


@main.command()
def kinds() -> None:
    """List the document kinds sendocs can make.

    \b
    Example:
      sendocs kinds
    """
    from sendocs.documents import all_kinds

    for kind in all_kinds():
        click.echo(f"{kind.name:<22} {kind.description}")


@main.command()
@click.option(
    "-o",
    "--output-dir",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder for the example documents.",
)
@click.option("--force", is_flag=True, help="Replace files from an earlier demo run.")
@FORMAT_OPTION
@click.option(
    "--date",
    "demo_date",
    type=DateParam(),
    default=DEMO_DATE.isoformat(),
    show_default=True,
    help="The day the examples are dated (they describe autumn 2026).",
)
def demo(output_dir: Path, force: bool, fmt: api.OutputFormat, demo_date: dt.date) -> None:
    """Render every document kind for every bundled example case.

    The example pupils are fictional. Open the files in Word or LibreOffice
    to see what sendocs makes; the example appeal bundle is a PDF.

    \b
    Examples:
      sendocs demo -o demo-output
      sendocs demo -o demo-output --format both
    """
    from sendocs import api

    result = api.run_demo(output_dir, date=demo_date, force=force, fmt=fmt)
    for made in result.made:
        for path in made.paths:
            click.echo(f"  {path}")
    for path in result.extras:
        click.echo(f"  {path}")
    for case_name, kind, reason in result.skipped:
        click.secho(f"  skipped {kind} for {case_name}: {reason}", dim=True)
    files = sum(len(m.paths) for m in result.made) + len(result.extras)
    pupils = len({m.source for m in result.made})
    success(f"{files} files for {pupils} example pupils in {output_dir}/")


# Commands that live in their own modules (imported last: they use the helpers above).
from sendocs.cli.batch import batch  # noqa: E402
from sendocs.cli.bundle import bundle  # noqa: E402
from sendocs.cli.deadlines import deadlines  # noqa: E402
from sendocs.cli.form import form  # noqa: E402
from sendocs.cli.inspect import inspect  # noqa: E402
from sendocs.cli.provision_map import provision_map  # noqa: E402
from sendocs.cli.serve import serve  # noqa: E402
from sendocs.cli.templates import templates  # noqa: E402

for _command in (batch, bundle, deadlines, form, inspect, provision_map, serve, templates):
    main.add_command(_command)

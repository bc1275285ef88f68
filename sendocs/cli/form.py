"""``sendocs form``: list a PDF form's fields, write a starter map, fill it from a case."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from sendocs.cli.common import CONTEXT_SETTINGS, DateParam, SendocsGroup, success
from sendocs.errors import FormError

# sendocs.forms (pypdf, reportlab) and sendocs.loading (the case models) are imported
# inside each command, so that `sendocs --help` and other commands start quickly.

if TYPE_CHECKING:
    from sendocs.forms import FillResult

__all__ = ["form"]

F = TypeVar("F", bound=Callable[..., Any])


def _password_options(func: F) -> F:
    """--password, --password-file, --password-env, --verbose: shared by fields and fill."""
    options = [
        click.option(
            "--verbose",
            is_flag=True,
            help="Say what was repaired in a damaged form and what the PDF reader reported.",
        ),
        click.option(
            "--password-env",
            metavar="NAME",
            help="Name of an environment variable holding the password of a protected PDF.",
        ),
        click.option(
            "--password-file",
            type=click.Path(dir_okay=False, path_type=Path),
            help="A file whose first line is the password of a protected PDF.",
        ),
        click.option(
            "--password",
            help="Password of a protected PDF (visible to other users of this computer; "
            "prefer --password-file or --password-env).",
        ),
    ]
    for option in options:
        func = option(func)
    return func


def _password(password: str | None, password_file: Path | None, env: str | None) -> str | None:
    """The one password given, from the option, a file or an environment variable."""
    given = [p for p in (password, password_file, env) if p is not None]
    if len(given) > 1:
        raise click.UsageError("give only one of --password, --password-file, --password-env")
    if password_file is not None:
        try:
            lines = password_file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise FormError(f"{password_file}: cannot read the password file ({exc})") from None
        if not lines or not lines[0]:
            raise FormError(f"{password_file}: the password file's first line is empty")
        return lines[0]
    if env is not None:
        value = os.environ.get(env)
        if value is None:
            raise FormError(f"--password-env: the environment variable {env} is not set")
        return value
    return password


def _report_opening(repairs: list[str], log: list[str], verbose: bool) -> None:
    if repairs:
        if verbose:
            click.secho(f"  note: the form was repaired: {'; '.join(repairs)}", fg="yellow")
        else:
            click.secho(
                "  note: the form was damaged and has been repaired; details with --verbose",
                fg="yellow",
            )
    if verbose:
        for line in log:
            click.echo(f"    {line}", err=True)


@click.group(cls=SendocsGroup, context_settings=CONTEXT_SETTINGS)
def form() -> None:
    """Fill a fillable PDF form, such as a local authority's own, from a case file.

    \b
    Example:
      sendocs form fields la-request.pdf --map-out la-request.map.yaml
      sendocs form fill la-request.pdf case.yaml -m la-request.map.yaml -o filled.pdf
    """


@form.command()
@click.argument("form_pdf", metavar="FORM.pdf", type=click.Path(path_type=Path))
@click.option(
    "--map-out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write a starter map (YAML) listing every field, to complete and use with fill.",
)
@click.option("--force", is_flag=True, help="Replace the --map-out file if it exists.")
@_password_options
def fields(
    form_pdf: Path,
    map_out: Path | None,
    force: bool,
    password: str | None,
    password_file: Path | None,
    password_env: str | None,
    verbose: bool,
) -> None:
    """List every field of FORM.pdf: name, type, page, box size, value, export values.

    Checkbox and radio export values (e.g. /Yes, /On, /1) and the options of
    choice fields are the values a map may give them. Box sizes are in points
    (72 to the inch).

    \b
    Example:
      sendocs form fields consent.pdf
      sendocs form fields consent.pdf --map-out consent.map.yaml
    """
    from sendocs.files import atomic_write_bytes
    from sendocs.forms import fields_table, starter_map
    from sendocs.forms.fields import read_fields
    from sendocs.forms.opening import open_form_checked

    opened = open_form_checked(form_pdf, _password(password, password_file, password_env))
    found = read_fields(opened.reader.root_object, opened.reader.pages)
    click.echo(fields_table(found))
    from sendocs.forms.consent import service_row_labels

    rows = service_row_labels(found)
    if rows:
        click.echo("Service rows (each tick box and the service its row holds):")
        for row in rows:
            click.echo(f"  {row}")
    _report_opening(opened.repairs, opened.log, verbose or _root_verbose())
    locked = [f.name for f in found if f.read_only]
    if locked:
        click.echo(f"Read-only (never filled): {', '.join(locked)}", err=True)
    if map_out is not None:
        text = starter_map(found, form_pdf.name)
        atomic_write_bytes(map_out, text.encode("utf-8"), force)
        success(f"wrote starter map {map_out}: check the GUESS lines and fill in the rest")


@form.command()
@click.argument("form_pdf", metavar="FORM.pdf", type=click.Path(path_type=Path))
@click.argument("case_file", metavar="CASE", type=click.Path(path_type=Path))
@click.option(
    "-m",
    "--map",
    "map_file",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help='The map: YAML lines of  "field name": expression.',
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The filled PDF to write.",
)
@click.option(
    "--flatten",
    is_flag=True,
    help="Draw the values into the pages and remove the form (no longer editable).",
)
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists.")
@_password_options
@click.option("--date", "today", type=DateParam(), help="Date used for `today` (default: today).")
@click.option(
    "--return-by",
    type=DateParam(),
    help="Date the form should come back (map name `return_by`; default 10 school days "
    "after --date).",
)
@click.option(
    "--consent-until",
    type=DateParam(),
    help="Date consent ends unless withdrawn sooner (map name `consent_until`; default "
    "31 August, the end of the school year).",
)
@click.option(
    "--per-parent/--one-copy",
    default=None,
    help="One copy per parent with parental responsibility who gets letters, each named "
    "by parent and with only that parent's details (default for the shipped consent forms).",
)
def fill(
    form_pdf: Path,
    case_file: Path,
    map_file: Path,
    output: Path,
    flatten: bool,
    force: bool,
    password: str | None,
    password_file: Path | None,
    password_env: str | None,
    verbose: bool,
    today: dt.date | None,
    return_by: dt.date | None,
    consent_until: dt.date | None,
    per_parent: bool | None,
) -> None:
    """Fill FORM.pdf with values from CASE as the map says, and write OUTPUT.

    Where the map fills a parent's details and more than one parent with parental
    responsibility gets letters, one copy is written per parent, named by parent
    (OUTPUT_Mrs_Smith.pdf), each with only that parent's details.

    Text too long for its box is cut at a word, marked "… continued on sheet
    N" (or "*N" in a box too small for words), and given in full on a
    continuation sheet added at the end. Read-only fields are never written.
    A damaged form is repaired first; the output is never password-protected.

    \b
    Example:
      sendocs form fill templates/forms/consent_to_share_information.pdf \\
          fixtures/cases/kai-thompson.yaml \\
          -m templates/forms/consent_to_share_information.map.yaml -o consent.pdf --flatten
    """
    from sendocs.forms import fill_form, load_map
    from sendocs.forms.consent import consent_jobs, parent_copies, routing_notes
    from sendocs.loading import load_case

    loaded = load_case(case_file)
    jobs = consent_jobs(loaded.case, load_map(map_file), output, form_pdf, per_parent)
    copies = parent_copies(jobs)
    for job in jobs:
        result = fill_form(
            job.form,
            loaded.case,
            job.form_map,
            job.target,
            flatten=flatten,
            force=force,
            password=_password(password, password_file, password_env),
            today=today,
            parent=job.parent,
            return_date=return_by,
            consent_until=consent_until,
        )
        _report_fill(result, job.target, verbose)
        for note in routing_notes(loaded.case, job, copies):
            click.secho(f"  note: {note}", fg="yellow", err=True)


def _report_fill(result: FillResult, output: Path, verbose: bool) -> None:
    _report_opening(result.repairs, result.log, verbose or _root_verbose())
    for skipped in result.skipped:
        click.secho(f'  skipped "{skipped.name}": {skipped.reason}', fg="yellow")
    for item in result.overflows:
        click.secho(
            f'  note: "{item.field}" did not fit its box; the full text is on continuation '
            f"sheet {item.sheet}",
            fg="yellow",
        )
    flat = ", flattened" if result.flattened else ""
    sheets = len(result.overflows)
    extra = f", {sheets} continuation sheet{'s' if sheets != 1 else ''}" if sheets else ""
    success(f"wrote {output} ({len(result.filled)} fields filled{flat}{extra})")


def _root_verbose() -> bool:
    return bool(click.get_current_context().find_root().params.get("verbose"))

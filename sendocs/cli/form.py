"""``sendocs form``: list a PDF form's fields, write a starter map, fill it from a case."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from sendocs.cli.common import CONTEXT_SETTINGS, DateParam, SendocsGroup, success
from sendocs.files import atomic_write_bytes
from sendocs.forms import fields_table, fill_form, form_fields, load_map, starter_map
from sendocs.loading import load_case

__all__ = ["form"]


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
@click.option("--password", help="Password of a protected PDF.")
def fields(form_pdf: Path, map_out: Path | None, force: bool, password: str | None) -> None:
    """List every field of FORM.pdf: name, type, page, box size, value, export values.

    Checkbox and radio export values (e.g. /Yes, /On, /1) and the options of
    choice fields are the values a map may give them. Box sizes are in points
    (72 to the inch).

    \b
    Example:
      sendocs form fields consent.pdf
      sendocs form fields consent.pdf --map-out consent.map.yaml
    """
    found = form_fields(form_pdf, password)
    click.echo(fields_table(found))
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
@click.option("--password", help="Password of a protected form (the output is not protected).")
@click.option("--date", "today", type=DateParam(), help="Date used for `today` (default: today).")
def fill(
    form_pdf: Path,
    case_file: Path,
    map_file: Path,
    output: Path,
    flatten: bool,
    force: bool,
    password: str | None,
    today: dt.date | None,
) -> None:
    """Fill FORM.pdf with values from CASE as the map says, and write OUTPUT.

    Text too long for its box is cut at a word, marked "… continued on sheet
    N", and given in full on a continuation sheet added at the end.

    \b
    Example:
      sendocs form fill templates/forms/consent_to_share_information.pdf \\
          fixtures/cases/kai-thompson.yaml \\
          -m templates/forms/consent_to_share_information.map.yaml -o consent.pdf --flatten
    """
    loaded = load_case(case_file)
    form_map = load_map(map_file)
    result = fill_form(
        form_pdf,
        loaded.case,
        form_map,
        output,
        flatten=flatten,
        force=force,
        password=password,
        today=today,
    )
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

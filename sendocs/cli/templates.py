"""``sendocs templates``: the shipped templates, their fields, and checking a school's own."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from sendocs.cli.common import CONTEXT_SETTINGS, SendocsGroup, success

__all__ = ["templates"]


@click.group(cls=SendocsGroup, context_settings=CONTEXT_SETTINGS)
def templates() -> None:
    """List the shipped Word templates and check your own before using it.

    \b
    Examples:
      sendocs templates list
      sendocs templates list --kind iep
      sendocs templates check our-plan.docx --kind iep
    """


@templates.command("list")
@click.option("--kind", "kind_name", metavar="KIND", help="Show every field of one kind in full.")
def list_templates(kind_name: str | None) -> None:
    """Show each document kind, its template file and the fields it may use.

    Fields ending in [] are lists: loop over them in a table with
    {%tr for row in plan.outcomes %} … {%tr endfor %} and use row.outcome.

    \b
    Examples:
      sendocs templates list
      sendocs templates list --kind iep
    """
    from sendocs.documents import all_kinds, get_kind
    from sendocs.lint import list_fields
    from sendocs.resources import templates_dir

    kinds = [get_kind(kind_name)] if kind_name else all_kinds()
    for kind in kinds:
        path = templates_dir() / kind.template
        shipped = "" if path.is_file() else "  (not shipped yet)"
        click.secho(f"{kind.name}", bold=True, nl=False)
        click.echo(f"  {kind.title}: {kind.template}{shipped}")
        fields = list_fields(kind)
        if kind_name:
            for name in fields:
                click.echo(f"    {name}")
        else:
            top = [f for f in fields if "." not in f.removesuffix("[]")]
            click.echo("    fields: " + ", ".join(top))
            click.echo(
                f"    ({len(fields)} field paths; see them all with "
                f"`sendocs templates list --kind {kind.name}`)"
            )


@templates.command("check")
@click.argument("template", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--kind", "kind_name", required=True, metavar="KIND", help="The document kind.")
@click.option("--no-render", is_flag=True, help="Skip the test render with the two sample pupils.")
def check(template: Path, kind_name: str, no_render: bool) -> None:
    """Check a Word template for KIND: syntax, unknown fields, table loops.

    Every problem is listed with the text of the document near it and, for a
    misspelt field, the nearest correct name. The template is then rendered
    with two fictional sample pupils. Exits 1 if there is any error, 0 if the
    template is clean (warnings alone exit 0).

    \b
    Example:
      sendocs templates check our-plan.docx --kind iep
    """
    from sendocs.documents import get_kind
    from sendocs.lint import check_template, test_render

    kind = get_kind(kind_name)
    problems = check_template(template, kind)
    errors = [p for p in problems if p.severity == "error"]
    if not errors and not no_render:
        problems += test_render(template, kind)
        errors = [p for p in problems if p.severity == "error"]
    for problem in problems:
        colour = "red" if problem.severity == "error" else "yellow"
        click.secho(f"  {problem}", fg=colour)
    warnings = len(problems) - len(errors)
    if errors:
        click.secho(
            f"{template}: {len(errors)} error(s), {warnings} warning(s) for kind {kind.name}.",
            fg="red",
            err=True,
        )
        sys.exit(1)
    note = f" ({warnings} warning(s))" if warnings else ""
    success(f"{template}: OK for kind {kind.name}{note}")

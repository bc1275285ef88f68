"""``sendocs bundle``: build a tribunal appeal bundle from a YAML specification.

Thin on purpose: it parses options, calls :func:`sendocs.bundle.build_bundle`
and prints the report. Register it in the root group with
``cli.add_command(bundle)``.
"""

from __future__ import annotations

from pathlib import Path

import click

from sendocs.bundle import BundleReport, Numbering, build_bundle, load_bundle_spec
from sendocs.errors import SendocsError

__all__ = ["bundle"]


class BundleCommandError(click.ClickException):
    """A user-fixable problem: message on stderr, exit status 1."""

    exit_code = 1

    def format_message(self) -> str:
        return self.message


@click.command("bundle")
@click.argument("spec", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Where to write the bundle PDF.",
)
@click.option(
    "--skip-bad",
    is_flag=True,
    help="Leave out missing, empty, encrypted or corrupt documents; list them as not included.",
)
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@click.option(
    "--numbering",
    type=click.Choice([n.value for n in Numbering]),
    default=None,
    help="Override the specification: 'continuous' (1, 2, 3…) or 'section' (A1, A2…, B1…).",
)
def bundle(spec: Path, output: Path, skip_bad: bool, force: bool, numbering: str | None) -> None:
    """Build an indexed, page-numbered, bookmarked appeal bundle PDF from SPEC (YAML).

    Example:

    \b
        sendocs bundle evidence/bundle.yaml -o "Appeal bundle.pdf"
        sendocs bundle evidence/bundle.yaml -o bundle.pdf --numbering section --force

    Paths in SPEC are relative to SPEC. Warnings (page limits, long expert
    reports, scanned pages without text, duplicates) are printed but do not
    stop the build; see docs/solicitor-guide.md.
    """
    try:
        loaded = load_bundle_spec(spec)
        if numbering is not None:
            loaded = loaded.model_copy(update={"numbering": Numbering(numbering)})
        report = build_bundle(loaded, output, skip_bad=skip_bad, force=force)
    except SendocsError as exc:
        ctx = click.get_current_context()
        if ctx.find_root().params.get("debug"):
            raise  # the root group shows the traceback
        raise BundleCommandError(str(exc)) from exc
    _print_report(report)


def _print_report(report: BundleReport) -> None:
    click.echo(
        f"Wrote {report.output} ({report.pages} pages, index {report.index_pages} "
        f"page{'s' if report.index_pages != 1 else ''})"
    )
    rows = [("Section", "Title", "Pages", "Count", "Limit")]
    for s in report.sections:
        limit = str(s.page_limit) if s.page_limit else ""
        rows.append((s.label, s.title, s.page_range, str(s.page_count), limit))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    for row in rows:
        click.echo("  " + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))
    for skipped in report.skipped:
        click.echo(
            f"Not included: section {skipped.section}, {skipped.title!r} "
            f"({skipped.path}): {skipped.reason}",
            err=True,
        )
    for warning in report.warnings:
        if warning.code != "not_included":
            click.echo(f"Warning: {warning.message}", err=True)

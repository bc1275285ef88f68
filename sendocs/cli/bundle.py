"""``sendocs bundle``: build a tribunal appeal bundle from a YAML specification.

Thin on purpose: it parses options, calls :func:`sendocs.bundle.build_bundle`
and prints the report. Register it in the root group with
``cli.add_command(bundle)``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from sendocs.errors import SendocsError

if TYPE_CHECKING:
    from sendocs.bundle import BundleReport

NUMBERING_CHOICES = ("continuous", "section")
"""The values of :class:`sendocs.bundle.spec.Numbering`, written out so that the
command line starts without importing the PDF libraries (a test keeps them equal)."""

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
    help="Leave out documents that cannot be opened (missing, damaged beyond repair, locked "
    "without their password, over a safety limit); list them as not included.",
)
@click.option(
    "--password-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="YAML lines of  document.pdf: password  for password-protected PDFs (never printed).",
)
@click.option(
    "--verbose",
    "verbose",
    is_flag=True,
    help="Say what was repaired in each document and what the PDF readers reported.",
)
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@click.option(
    "--numbering",
    type=click.Choice(NUMBERING_CHOICES),
    default=None,
    help="Override the specification: 'continuous' (1, 2, 3…) or 'section' (A1, A2…, B1…).",
)
@click.option(
    "--ocr",
    is_flag=True,
    help="Run OCR (ocrmypdf + tesseract) on scanned pages so their text can be searched.",
)
@click.option("--pdfa", is_flag=True, help="Write the bundle as PDF/A-2b (archival PDF).")
def bundle(
    spec: Path,
    output: Path,
    skip_bad: bool,
    password_file: Path | None,
    verbose: bool,
    force: bool,
    numbering: str | None,
    ocr: bool,
    pdfa: bool,
) -> None:
    """Build an indexed, page-numbered, bookmarked appeal bundle PDF from SPEC (YAML).

    Example:

    \b
        sendocs bundle evidence/bundle.yaml -o "Appeal bundle.pdf"
        sendocs bundle evidence/bundle.yaml -o bundle.pdf --numbering section --force

    Paths in SPEC are relative to SPEC. Warnings (page limits, long expert
    reports, scanned pages without text, duplicates, signed files) are printed
    but do not stop the build; damaged PDFs are repaired and counted in one
    line (details with --verbose); see docs/solicitor-guide.md.
    """
    # Imported here: pypdf and reportlab cost every other command start-up time.
    from sendocs.bundle import Numbering, build_bundle, load_bundle_spec
    from sendocs.bundle.spec import apply_password_file, load_password_file
    from sendocs.pdfio import captured_logs

    try:
        loaded = load_bundle_spec(spec)
        if password_file is not None:
            loaded = apply_password_file(
                loaded, load_password_file(password_file), str(password_file)
            )
        if numbering is not None:
            loaded = loaded.model_copy(update={"numbering": Numbering(numbering)})
        with captured_logs() as chatter:  # PDF libraries' warnings: shown with --verbose only
            report = build_bundle(
                loaded, output, skip_bad=skip_bad, force=force, ocr=ocr, pdfa=pdfa
            )
    except SendocsError as exc:
        ctx = click.get_current_context()
        if ctx.find_root().params.get("debug"):
            raise  # the root group shows the traceback
        raise BundleCommandError(str(exc)) from exc
    root = click.get_current_context().find_root()
    verbose = verbose or bool(root.params.get("verbose"))
    _print_report(report, verbose)
    if verbose and chatter:
        click.echo("While assembling the bundle, the PDF libraries said:", err=True)
        for line in chatter:
            click.echo(f"    {line}", err=True)


def _print_report(report: BundleReport, verbose: bool = False) -> None:
    from sendocs.bundle.report import QUIET_CODES, REPAIR_CODES

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
        if warning.code == "not_included":
            continue
        if warning.code in QUIET_CODES and not verbose:
            continue
        click.echo(f"Warning: {warning.message}", err=True)
        if verbose:
            for line in warning.details:
                click.echo(f"    {line}", err=True)
    repaired = sum(1 for w in report.warnings if w.code in REPAIR_CODES)
    if repaired and not verbose:
        plural = "s" if repaired != 1 else ""
        click.echo(f"{repaired} document{plural} repaired; details with --verbose", err=True)

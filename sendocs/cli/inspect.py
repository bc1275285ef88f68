"""``sendocs inspect``: what made a document, read back from the document itself.

Every Word file and PDF sendocs makes carries its provenance
(:mod:`sendocs.provenance`): the sendocs version, the document kind, the
SHA-256 of the template and of the case data, and the document's date. This
command prints them; with ``--case`` it also says whether a case file is the
one the document was made from.
"""

from __future__ import annotations

from pathlib import Path

import click

from sendocs.errors import SendocsError

__all__ = ["inspect"]


@click.command("inspect")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, readable=True, path_type=Path))
@click.option(
    "--case",
    "case_file",
    type=click.Path(exists=True, dir_okay=False, readable=True, path_type=Path),
    help="A case file to check against the document's case SHA-256.",
)
def inspect(file: Path, case_file: Path | None) -> None:
    """Print what made FILE (a .docx or .pdf made by sendocs): sendocs version, document
    kind, template SHA-256, case SHA-256 and document date.

    \b
    Examples:
      sendocs inspect out/Okafor_Amara_SEN_support_plan_2026-11-23.pdf
      sendocs inspect letter.docx --case fixtures/cases/amara-okafor.yaml
    """
    from sendocs.provenance import PROPERTY_NAMES, case_sha256, read_provenance

    try:
        found = read_provenance(file)
    except Exception as exc:  # a damaged file: one line, not a traceback
        raise SendocsError(f"{file}: cannot be read as a Word or PDF file ({exc})") from exc
    if not found:
        raise SendocsError(
            f"{file}: no sendocs provenance found (not made by sendocs, or made before "
            "sendocs stamped its documents)"
        )
    width = max(len(name) for name in PROPERTY_NAMES.values())
    for name in PROPERTY_NAMES.values():
        click.echo(f"{name + ':':<{width + 1}} {found.get(name, '(missing)')}")
    if case_file is not None:
        from sendocs.loading import load_case

        digest = case_sha256(load_case(case_file).case)
        if digest == found.get(PROPERTY_NAMES["case_sha256"]):
            click.echo(f"{case_file}: the same case data the document was made from")
        else:
            raise SendocsError(
                f"{case_file}: not the case data the document was made from "
                f"(its SHA-256 is {digest})"
            )

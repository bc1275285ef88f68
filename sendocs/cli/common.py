"""What every sendocs command shares: error handling, date options, output styling."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import click

from sendocs.errors import Problem, SendocsError

__all__ = [
    "CONTEXT_SETTINGS",
    "FORMAT_OPTION",
    "PDFA_OPTION",
    "DateParam",
    "SendocsGroup",
    "echo_problems",
    "success",
]

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

FORMAT_OPTION = click.option(
    "--format",
    "fmt",
    type=click.Choice(["docx", "pdf", "both"]),
    default="docx",
    show_default=True,
    help="Word, PDF (via LibreOffice) or both.",
)
PDFA_OPTION = click.option(
    "--pdfa", is_flag=True, help="Make PDF/A-2b (archival) instead of tagged PDF."
)


class SendocsGroup(click.Group):
    """A click group that turns :class:`SendocsError` into a message and exit 1.

    Tracebacks are for developers: they appear only with ``--debug``.
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SendocsError as exc:
            if ctx.find_root().params.get("debug") or (ctx.obj or {}).get("debug"):
                raise
            click.secho(f"Error: {exc}", fg="red", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("Interrupted; nothing half-written was left behind.", err=True)
            sys.exit(130)


if TYPE_CHECKING:  # click >= 8.2 makes ParamType generic; older versions are not subscriptable
    _DateParamType = click.ParamType[dt.date]
else:
    _DateParamType = click.ParamType


class DateParam(_DateParamType):
    """A YYYY-MM-DD date; anything else is a usage error (exit 2)."""

    name = "YYYY-MM-DD"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            self.fail(
                f"{value!r} is not a valid date; write it as YYYY-MM-DD, e.g. 2026-11-02",
                param,
                ctx,
            )


def echo_problems(problems: Iterable[Problem], err: bool = False, fallback: str = "") -> None:
    """Print located problems, errors in red and warnings in yellow."""
    printed = False
    for problem in problems:
        colour = "red" if problem.severity == "error" else "yellow"
        label = "error" if problem.severity == "error" else "warning"
        click.secho(f"  {label}: {problem}", fg=colour, err=err)
        printed = True
    if not printed and fallback:
        click.secho(f"  error: {fallback}", fg="red", err=err)


def success(message: str) -> None:
    click.secho(message, fg="green")

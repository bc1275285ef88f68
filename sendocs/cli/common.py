"""What every sendocs command shares: error handling, date options, output styling."""

from __future__ import annotations

import datetime as dt
import re
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
    "internal_error",
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
    """A click group that turns every error into a message, never a traceback.

    * :class:`SendocsError` (the user's to fix): its message, exit 1;
    * click's own usage errors pass through to click: exit 2;
    * Ctrl-C: "Interrupted", exit 130;
    * anything else is a bug in sendocs: one line naming the exception type
      with personal data removed from its message (see :func:`internal_error`),
      and a pointer to ``--debug``, exit 1.

    Tracebacks are for developers: they appear only with ``--debug``.
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except SendocsError as exc:
            if _debug(ctx):
                raise
            click.secho(f"Error: {exc}", fg="red", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("Interrupted; nothing half-written was left behind.", err=True)
            sys.exit(130)
        except BrokenPipeError:
            raise  # click's main() ends quietly when output is piped to `head`
        except Exception as exc:
            if _debug(ctx):
                raise
            click.secho(internal_error(exc), fg="red", err=True)
            sys.exit(1)


def _debug(ctx: click.Context) -> bool:
    return bool(ctx.find_root().params.get("debug") or (ctx.obj or {}).get("debug"))


_QUOTED = re.compile(r"""'[^']*'|"[^"]*"|\S*[/\\]\S*""")


def internal_error(exc: BaseException) -> str:
    """The one line shown for an unexpected exception, without personal data.

    Exception messages can quote values (a pupil's name in a ``KeyError``, a
    file name in an ``OSError``), so an ``OSError`` shows only its reason and
    other messages lose every quoted part and path; the message is cut to 120
    characters. ``--debug`` shows everything.
    """
    if isinstance(exc, OSError) and exc.strerror:
        detail = exc.strerror
    else:
        detail = _QUOTED.sub("…", str(exc).splitlines()[0] if str(exc) else "")
    if len(detail) > 120:
        detail = detail[:119] + "…"
    name = type(exc).__name__
    summary = f"{name}: {detail}" if detail else name
    return f"sendocs hit an internal error: {summary}; run again with --debug for details"


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

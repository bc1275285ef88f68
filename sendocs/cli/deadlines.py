"""``sendocs deadlines``: statutory SEND deadlines worked out and explained.

A thin layer over :mod:`sendocs.dates`: it parses dates, calls the deadline
functions and prints each result or, with ``--json``, the same as a JSON
object. Register it on the root group with ``root.add_command(deadlines)``.

Each result is checked against a day (``--on``, today by default). A deadline
that has passed says so first, then what can still be done (for an appeal,
the late route under HESC r.20(4)). Warnings and the assumptions behind a date
are the tool speaking to its user: they go to stderr, the assumptions in full
only with ``--details``.
"""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from typing import TYPE_CHECKING, Any

import click

from sendocs.cli.common import DateParam
from sendocs.errors import SendocsError

if TYPE_CHECKING:
    from sendocs.dates.deadline import Deadline

# sendocs.dates (and the case models behind it) is imported inside each command,
# so that `sendocs --help` and the other commands do not pay for it at start-up.

__all__ = ["deadlines"]

_WIDTH = 88


ISO_DATE = DateParam()


def _wrap(text: str, indent: str = "  ") -> str:
    return textwrap.fill(text, width=_WIDTH, initial_indent=indent, subsequent_indent=indent)


def _show(deadline: Deadline, on: dt.date, details: bool) -> None:
    click.echo(click.style(deadline.title, bold=True))
    if deadline.has_passed(on):
        click.echo(click.style(_wrap(deadline.status(on)), bold=True))
        if deadline.if_passed:
            click.echo(_wrap(deadline.if_passed))
    click.echo(f"  Deadline: {deadline.when()}")
    click.echo(f"  Rule:     {deadline.rule}")
    if not deadline.has_passed(on):
        click.echo(_wrap(deadline.status(on)))
    click.echo(_wrap(deadline.explanation))
    for warning in deadline.warnings:
        click.echo(_wrap(f"Warning: {warning}"), err=True)
    if details:
        for assumption in deadline.assumptions:
            click.echo(_wrap(f"Assumption: {assumption}"), err=True)
    elif deadline.assumptions:
        count = len(deadline.assumptions)
        click.echo(
            _wrap(
                f"Note: this date rests on {count} assumption{'s' if count > 1 else ''} "
                "where the law is not settled; add --details to read "
                f"{'them' if count > 1 else 'it'}."
            ),
            err=True,
        )


def _payload(deadline: Deadline, on: dt.date) -> dict[str, Any]:
    payload = deadline.to_dict()
    payload["checked_on"] = on.isoformat()
    payload["passed"] = deadline.has_passed(on)
    payload["status"] = deadline.status(on)
    return payload


def _on_option(function: Any) -> Any:
    """``--on`` (the day to check against, today by default) and ``--details``."""
    function = click.option(
        "--details",
        is_flag=True,
        help="Also print the assumptions behind the date where the law is not settled.",
    )(function)
    return click.option(
        "--on",
        "on",
        type=ISO_DATE,
        default=None,
        help="Day to check the deadline against (default: today). A passed deadline says so.",
    )(function)


@click.group(name="deadlines")
def deadlines() -> None:
    """Work out statutory SEND deadlines and explain each one.

    \b
    Examples:
      sendocs deadlines assessment --request-received 2026-11-02
      sendocs deadlines appeal --decision-sent 2025-10-01 --mediation-certificate 2025-11-29
      sendocs deadlines mediation --decision-sent 2026-10-02
      sendocs deadlines draft-plan --served 2026-11-23
    """


@deadlines.command()
@click.option(
    "--request-received",
    type=ISO_DATE,
    help="Day the local authority received the EHC needs assessment request.",
)
@click.option("--sent", type=ISO_DATE, help="Day the request was sent (if receipt is not known).")
@click.option(
    "--delivery",
    type=click.Choice(["hand", "post", "email"]),
    help="How the request was sent: by hand, first class post or email (with --sent).",
)
@click.option(
    "--after-5pm", is_flag=True, help="The email was sent at or after 5pm (with --delivery email)."
)
@click.option(
    "--exception",
    "exception_text",
    metavar="TEXT",
    help="An exception the local authority has stated under reg 5(4) (recorded, not applied).",
)
@click.option(
    "--plan-exception",
    metavar="TEXT",
    help="An exception stated under reg 10(4) / 13(3) for the 16- and 20-week limits.",
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON object instead of text.")
@_on_option
def assessment(
    request_received: dt.date | None,
    sent: dt.date | None,
    delivery: str | None,
    after_5pm: bool,
    exception_text: str | None,
    plan_exception: str | None,
    as_json: bool,
    on: dt.date | None,
    details: bool,
) -> None:
    """Deadlines after a request for an EHC needs assessment (regs 5(1), 10(1), 13(2)).

    Give the day the local authority received the request, or the day it was
    sent and how; receipt is then worked out by an assumption that the output
    explains (post: 2nd business day; email: same day if before 5pm on a
    business day).

    \b
    Examples:
      sendocs deadlines assessment --request-received 2026-11-02
      sendocs deadlines assessment --sent 2026-11-02 --delivery post --json
      sendocs deadlines assessment --sent 2026-11-02 --delivery email --after-5pm
    """
    if request_received is None and (sent is None or delivery is None):
        raise click.UsageError(
            "Give --request-received, or --sent together with --delivery (hand, post or email)."
        )
    if delivery is not None and sent is None:
        raise click.UsageError("--delivery needs --sent (the day the request was sent).")
    if after_5pm and delivery != "email":
        raise click.UsageError("--after-5pm only applies with --delivery email.")
    if request_received is not None and sent is not None and sent > request_received:
        raise click.UsageError("--sent cannot be later than --request-received.")
    from sendocs.dates.deadlines import (
        assessment_decision_deadline,
        final_plan_deadline,
        no_plan_decision_deadline,
    )
    from sendocs.dates.receipt import deemed_receipt

    common: dict[str, Any] = {
        "sent": sent if request_received is None else None,
        "delivery": delivery if request_received is None else None,
        "after_5pm": after_5pm,
    }
    try:
        decision = assessment_decision_deadline(
            request_received, exception=exception_text, **common
        )
        no_plan = no_plan_decision_deadline(request_received, exception=plan_exception, **common)
        final = final_plan_deadline(request_received, exception=plan_exception, **common)
    except SendocsError as exc:
        raise click.UsageError(str(exc)) from exc
    received = request_received
    if received is None:
        assert sent is not None and delivery is not None
        received = deemed_receipt(sent, delivery, after_5pm=after_5pm).date
    day = on or dt.date.today()
    if as_json:
        payload = _payload(decision, day)
        payload["received"] = received.isoformat()
        payload["other_deadlines"] = [_payload(no_plan, day), _payload(final, day)]
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    for index, deadline in enumerate((decision, no_plan, final)):
        if index:
            click.echo()
        _show(deadline, day, details)


@deadlines.command()
@click.option(
    "--decision-sent",
    type=ISO_DATE,
    required=True,
    help="Day the local authority's decision letter was sent (usually the date on it).",
)
@click.option(
    "--mediation-certificate",
    type=ISO_DATE,
    help="Day the mediation certificate was issued, if there is one.",
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON object instead of text.")
@_on_option
def appeal(
    decision_sent: dt.date,
    mediation_certificate: dt.date | None,
    as_json: bool,
    on: dt.date | None,
    details: bool,
) -> None:
    """Last day (and time) to appeal to the SEND tribunal (HESC r.20(1)(c) and r.12).

    The later of 2 months from the decision and 1 month from the mediation
    certificate, moved out of August and 25 December–1 January and onto a
    working day; the appeal must arrive by 5pm. If that day has gone, it says
    so first and explains how to ask the tribunal to accept a late appeal.

    \b
    Examples:
      sendocs deadlines appeal --decision-sent 2025-10-01 --mediation-certificate 2025-11-29
      sendocs deadlines appeal --decision-sent 2026-06-15 --json
      sendocs deadlines appeal --decision-sent 2026-08-28 --on 2026-11-30 --details
    """
    from sendocs.dates.deadlines import appeal_deadline

    _print(appeal_deadline(decision_sent, mediation_certificate), as_json, on, details)


def _print(deadline: Deadline, as_json: bool, on: dt.date | None, details: bool) -> None:
    day = on or dt.date.today()
    if as_json:
        click.echo(json.dumps(_payload(deadline, day), indent=2, ensure_ascii=False))
    else:
        _show(deadline, day, details)


@deadlines.command()
@click.option(
    "--decision-sent",
    type=ISO_DATE,
    required=True,
    help="Day the local authority's decision notice was sent (usually the date on it).",
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON object instead of text.")
@_on_option
def mediation(
    decision_sent: dt.date, as_json: bool, on: dt.date | None, details: bool
) -> None:
    """When to contact the mediation adviser before appealing (reg 33: 2 months).

    \b
    Example:
      sendocs deadlines mediation --decision-sent 2026-10-02
    """
    from sendocs.dates.deadlines import mediation_contact_deadline

    _print(mediation_contact_deadline(decision_sent), as_json, on, details)


@deadlines.command(name="draft-plan")
@click.option(
    "--served",
    type=ISO_DATE,
    required=True,
    help="Day the draft EHC plan was served on you (it counts as day 1).",
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON object instead of text.")
@_on_option
def draft_plan(served: dt.date, as_json: bool, on: dt.date | None, details: bool) -> None:
    """Last day for comments on a draft EHC plan (reg 13(1): at least 15 days).

    \b
    Example:
      sendocs deadlines draft-plan --served 2026-11-23
    """
    from sendocs.dates.deadlines import draft_representations_deadline

    _print(draft_representations_deadline(served), as_json, on, details)

"""Pieces every letter shares: who it is to, how it greets them, where it goes."""

from __future__ import annotations

from typing import Any

from sendocs.formatting import format_list
from sendocs.models import Case, ParentCarer

__all__ = ["addressees", "letter_parts", "salutation"]


def addressees(case: Case) -> list[ParentCarer]:
    """Parents with parental responsibility (all parents if none is marked)."""
    with_pr = [p for p in case.parents if p.parental_responsibility]
    return with_pr or list(case.parents)


def salutation(parents: list[ParentCarer]) -> str:
    """ "Dear Mrs Okafor and Mr Okafor"."""
    return "Dear " + format_list([p.salutation for p in parents])


def letter_parts(case: Case) -> dict[str, Any]:
    """Addressee names, address block lines and greeting for a letter to parents."""
    people = addressees(case)
    with_address = next((p for p in people if p.address and p.address.all_lines), None)
    # A parent with no address recorded is taken to live with the addressee: only a
    # parent known to live elsewhere gets a copy rather than being named.
    to = [
        p
        for p in people
        if with_address is None or p.address is None or p.address == with_address.address
    ]
    names = format_list([f"{p.title} {p.name}" if p.title else p.name for p in to])
    return {
        "to_names": names,
        "address_lines": with_address.address.all_lines
        if with_address and with_address.address
        else [],
        "salutation": salutation(to),
        "copy_to": [p for p in people if p not in to],
    }

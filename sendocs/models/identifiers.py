"""Identifiers used by schools and the DfE: UPN, URN and LAESTAB.

The UPN check letter algorithm is the DfE's (domain brief §7): the letter is
``ALPHABET[sum(p * value(char_p) for p in 2..13) % 23]`` over an alphabet
without I, O and S. Some MIS help pages print a wrong example
(``Q207000016049``); we report the letter that *should* be there so a SENCO
can tell a typing slip from a wrong number.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator

UPN_ALPHABET = "ABCDEFGHJKLMNPQRTUVWXYZ"

_UPN_BODY = re.compile(r"^\d{11}[0-9ABCDEFGHJKLMNPQRTUVWXYZ]$")


def _char_value(char: str) -> int:
    return int(char) if char.isdigit() else UPN_ALPHABET.index(char)


def upn_check_letter(body: str) -> str:
    """Return the check letter for the 12 characters after it.

    >>> upn_check_letter("801200005001")
    'B'
    """
    body = body.upper()
    if not _UPN_BODY.match(body):
        raise ValueError(
            "the 12 characters after the check letter must be 11 digits followed by "
            "a digit (permanent UPN) or a letter other than I, O or S (temporary UPN)"
        )
    total = sum(position * _char_value(char) for position, char in enumerate(body, start=2))
    return UPN_ALPHABET[total % 23]


def validate_upn(value: str) -> str:
    """Check a 13-character UPN and return it upper-cased.

    Raises ``ValueError`` with a message a SENCO can act on.
    """
    upn = value.strip().upper()
    if len(upn) != 13:
        raise ValueError(f"a UPN has 13 characters, this one has {len(upn)}")
    if upn[0] not in UPN_ALPHABET:
        raise ValueError(
            f"a UPN starts with a check letter (A-Z without I, O or S), not {upn[0]!r}"
        )
    expected = upn_check_letter(upn[1:])
    if upn[0] != expected:
        raise ValueError(
            f"check letter is wrong: for the digits {upn[1:]} the check letter "
            f"should be {expected}, not {upn[0]} (is a digit mistyped?)"
        )
    return upn


def _digits(n: int, what: str):  # type: ignore[no-untyped-def]
    def check(value: str) -> str:
        text = value.strip()
        if not (len(text) == n and text.isdigit()):
            raise ValueError(f"{what} is {n} digits, got {value!r}")
        return text

    return check


def _to_str(value: object) -> object:
    """Spreadsheets and YAML turn ``100001`` into a number: accept it as text."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


UPN = Annotated[str, BeforeValidator(_to_str), AfterValidator(validate_upn)]
"""Unique Pupil Number: check letter + 12 characters."""

URN = Annotated[str, BeforeValidator(_to_str), AfterValidator(_digits(6, "a URN"))]
"""Unique Reference Number of a school (GIAS / Ofsted), 6 digits."""

LAESTAB = Annotated[
    str, BeforeValidator(_to_str), AfterValidator(_digits(7, "a LAESTAB (DfE number)"))
]
"""DfE number: 3-digit local authority code + 4-digit establishment number."""

from __future__ import annotations

import pytest
from pydantic import TypeAdapter, ValidationError

from sendocs.models import LAESTAB, UPN, URN, upn_check_letter, validate_upn


@pytest.mark.parametrize("upn", ["B801200005001", "P207000016049", "b801200005001"])
def test_valid_upns(upn: str) -> None:
    assert validate_upn(upn) == upn.upper()


@pytest.mark.parametrize(
    ("body", "letter"),
    [("93720251234A", "Z"), ("30118000102B", "V"), ("801200005001", "B"), ("207000016049", "P")],
)
def test_check_letter_vectors(body: str, letter: str) -> None:
    assert upn_check_letter(body) == letter


def test_mis_help_page_example_is_wrong_and_says_which_letter() -> None:
    with pytest.raises(ValueError, match="should be P, not Q"):
        validate_upn("Q207000016049")


@pytest.mark.parametrize(
    ("upn", "message"),
    [
        ("B80120000500", "13 characters"),
        ("I801200005001", "check letter"),
        ("B8012000050I1", "11 digits"),
    ],
)
def test_malformed_upns(upn: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        validate_upn(upn)


def test_temporary_upn_with_trailing_letter() -> None:
    body = "93720251234A"
    assert validate_upn(upn_check_letter(body) + body) == "Z93720251234A"


def test_urn_and_laestab_accept_numbers_from_spreadsheets() -> None:
    assert TypeAdapter(URN).validate_python(100001) == "100001"
    assert TypeAdapter(LAESTAB).validate_python("8012001") == "8012001"
    with pytest.raises(ValidationError, match="6 digits"):
        TypeAdapter(URN).validate_python("12345")
    with pytest.raises(ValidationError, match="7 digits"):
        TypeAdapter(LAESTAB).validate_python("801200")
    with pytest.raises(ValidationError):
        TypeAdapter(UPN).validate_python("Q207000016049")

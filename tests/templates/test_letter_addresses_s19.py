"""Every email and web address in the s.68 letter stands on a line of its own (s19 F2).

Wrapped mid-line, "dpo@southmead-trust.example.org.uk" broke at its hyphen and text
extraction of the PDF dropped the hyphen ("dpo@southmeadtrust..."): a parent copying it
would mail nobody. Each address now follows a docx line break (<w:br/>), so it starts a
line and, being shorter than the line, is never wrapped."""

from __future__ import annotations

import io
import re

import docx
import pytest

from sendocs.documents.parent_notification import PARENT_NOTIFICATION

from .helpers import load, render_kind

LETTERS = ("elena-ap-gwilym", "niamh-oconnor", "kai-thompson", "maya-kowalczyk-oneill")
ADDRESS = re.compile(r"(?:https?://|[\w.+-]+@)[\w./-]+[\w/]")


def _lines(name: str) -> list[str]:
    data = render_kind(load(name), PARENT_NOTIFICATION)
    doc = docx.Document(io.BytesIO(data))
    return [line for p in doc.paragraphs for line in p.text.split("\n")]


@pytest.mark.parametrize("name", LETTERS)
def test_each_address_starts_its_own_line(name: str) -> None:
    lines = _lines(name)
    found = [(line, m.group(0)) for line in lines for m in ADDRESS.finditer(line)]
    assert found
    for line, address in found:
        assert re.fullmatch(r"(?:(?:Email|Website|Telephone): )?" + re.escape(address), line), line


def test_kai_contact_lines_read_as_a_parent_sees_them() -> None:
    lines = _lines("kai-thompson")
    at = lines.index("Email: senco@westbury-academy.example.sch.uk")
    assert lines[at - 1].endswith("during the school day if you have questions or worries.")
    assert lines[at + 1] == "Telephone: 01632 960214"
    at = lines.index("Our data protection officer is Ms Rina Shah.")
    assert lines[at - 1] == "https://westbury-academy.example.sch.uk/privacy"
    assert lines[at + 1] == "Email: dpo@westbury-academy.example.sch.uk"

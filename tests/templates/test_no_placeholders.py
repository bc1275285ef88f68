"""No placeholder ever reaches a document: every fixture, every listed kind.

Add a kind to ``KINDS`` (with the document date it needs) to cover it. A kind
that refuses a case (its ``check`` gives reasons) is skipped for that case,
as a real run would refuse it; every kind must render for at least one fixture.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from sendocs.documents import RenderOptions, get_kind

from .helpers import CASES, assert_clean, body_paragraphs, load, open_docx, render_kind

FIXTURES = sorted(p.stem for p in CASES.glob("*.yaml"))
DEMO = dt.date(2026, 11, 23)

KINDS: dict[str, dt.date] = {
    "assessment-request": DEMO,
    "assessment-follow-up": DEMO,
    "letter-before-claim": DEMO,
    "appeal": DEMO,
    "working-document": DEMO,
}
"""Kind name -> document date to render it on."""

PLACEHOLDERS = re.compile(
    r"\bNone\b|UNVERIFIED|NOT stated|Not stated|\bN/A\b|\{\{|\{%|\}\}|"
    r"\b(?:assessment_request|local_authority|school|child|case|request|requester)\.[a-z_]+\b"
)


def _rendered(kind: str, name: str) -> bytes | None:
    case = load(name)
    date = KINDS[kind]
    if get_kind(kind).check(case, RenderOptions(date=date)):
        return None
    return render_kind(case, get_kind(kind), date=date)


def assert_no_placeholders(data: bytes) -> None:
    """Fails on a placeholder word, template syntax, a raw field name or an empty bullet."""
    text = assert_clean(data)  # tags, "None", empty headings
    found = PLACEHOLDERS.findall(text)
    assert not found, f"placeholders in the document: {found}"
    for p in body_paragraphs(open_docx(data)):
        style = p._p.pPr.style if p._p.pPr is not None else None
        if style in ("ListBullet", "TableBullet"):
            assert p.text.strip(), "an empty bullet"


@pytest.mark.parametrize("name", FIXTURES)
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_no_placeholder_in_any_document(kind: str, name: str) -> None:
    data = _rendered(kind, name)
    if data is None:
        return  # the kind refuses this case, as a real run would
    assert_no_placeholders(data)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_renders_for_some_fixture(kind: str) -> None:
    assert any(_rendered(kind, name) is not None for name in FIXTURES), kind

"""Plans and s.68 letters after the session-19 four-reader read (issue #10, s19): the
school's file copy named and marked on every page, table cells that never break a word,
sentence joining, whose views a plan quotes, consistent apostrophes."""

from __future__ import annotations

import tempfile
from pathlib import Path

from sendocs.api import render_document
from sendocs.documents.base import RenderOptions
from sendocs.documents.iep import IEP

from .helpers import DOCUMENT_DATE, all_text, load, open_docx, render_kind

FIXTURES = Path(__file__).parents[2] / "fixtures/cases"


def flat(data: bytes) -> str:
    return " ".join(all_text(data).split())


def header_text(data: bytes) -> tuple[str, str]:
    """(page 1's header, the header of every later page)."""
    section = open_docx(data).sections[0]
    return (
        " ".join(p.text for p in section.first_page_header.paragraphs),
        " ".join(p.text for p in section.header.paragraphs),
    )


# 2. the school's file copy -----------------------------------------------------------


def test_school_file_copy_is_named_so_and_marked_on_every_page() -> None:
    with tempfile.TemporaryDirectory() as out:
        result = render_document(
            "iep",
            FIXTURES / "elena-ap-gwilym.yaml",
            out,
            options=RenderOptions(date=DOCUMENT_DATE),
            fmt="docx",
        )
        names = sorted(p.name for p in result.paths)
    assert "ap_Gwilym_Elena_SEN_support_plan_2026-09-07_school_file_copy.docx" in names
    assert "ap_Gwilym_Elena_SEN_support_plan_2026-09-07.docx" not in names
    elena = load("elena-ap-gwilym")
    first, later = header_text(render_kind(elena, IEP, recipient=0))
    assert "School file copy: do not send" in first
    assert "School file copy: do not send" in later
    for parent in (1, 2):  # each parent's own copy: the plan's usual header
        first, later = header_text(render_kind(elena, IEP, recipient=parent))
        assert "do not send" not in first + later
        assert later.endswith("SEN support plan")
    # one copy only (no restricted parent): no marking, no label in the file name
    first, later = header_text(render_kind(load("leo-baxter"), IEP))
    assert "do not send" not in first + later

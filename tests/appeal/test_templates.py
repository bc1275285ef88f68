"""The shipped templates: rebuilt byte-for-byte from their scripts, and clean when rendered."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest
from docx.document import Document

from sendocs.models import Case

from .conftest import APPEAL, ROOT, WORKING, render_bytes

sys.path.insert(0, str(ROOT / "templates" / "src"))

from docxbuilder import jinja_tags


@pytest.mark.parametrize(
    ("script", "shipped"),
    [("build_appeal", "appeal.docx"), ("build_working_document", "working_document.docx")],
)
def test_shipped_template_is_what_the_script_builds(
    script: str, shipped: str, tmp_path: Path
) -> None:
    module = importlib.import_module(script)
    target = tmp_path / shipped
    module.build(target)
    assert target.read_bytes() == (ROOT / "templates" / shipped).read_bytes(), (
        f"templates/{shipped} is stale: run python templates/src/{script}.py"
    )


def test_templates_are_lean() -> None:
    for name in ("appeal.docx", "working_document.docx"):
        assert (ROOT / "templates" / name).stat().st_size < 30_000


def test_rendered_documents_have_no_tags_left(sami: Case) -> None:
    for kind in (APPEAL, WORKING):
        assert jinja_tags(render_bytes(kind, sami)) == []


def test_header_and_footer(sami_appeal: Document, sami_working: Document) -> None:
    header = sami_appeal.sections[0].header.paragraphs[0].text
    assert header.startswith("SEND Tribunal appeal: Sami Ahmed")
    assert header.endswith("Draft for form SEND35")
    footer = sami_working.sections[0].footer.paragraphs[0].text
    assert footer.startswith("Sami Ahmed\tConfidential \u00b7 Draft of 23 November 2026\tPage ")
    assert sami_working.sections[0].header.paragraphs[0].text.endswith(
        "Prepared by the parents"
    )

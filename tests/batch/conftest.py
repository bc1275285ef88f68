"""Fixtures for batch tests: the example roster (shared with the roster tests) and a
small plan template."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.roster.conftest import ROOT, ROSTER, TODAY, generator, load_generator, settings

__all__ = ["ROOT", "ROSTER", "TODAY", "generator", "load_generator", "settings"]


def make_plan_template(path: Path) -> Path:
    """A small plan template built here, so batch tests do not depend on the shipped design."""
    import docx

    document = docx.Document()
    document.add_paragraph(
        "SEN support plan for {{ child.legal_forename }} {{ child.legal_surname }}"
    )
    document.add_paragraph("UPN {{ child.upn }}; review on {{ plan.review_date }}")
    table = document.add_table(rows=4, cols=3)
    table.cell(0, 0).text = "Outcome"
    table.cell(0, 1).text = "Measure"
    table.cell(0, 2).text = "By"
    table.cell(1, 0).text = "{%tr for o in plan.outcomes %}"
    table.cell(2, 0).text = "{{ o.outcome }}"
    table.cell(2, 1).text = "{{ o.success_criteria }}"
    table.cell(2, 2).text = "{{ o.target_date }}"
    table.cell(3, 0).text = "{%tr endfor %}"
    document.sections[0].header.paragraphs[0].text = "{{ school.name }}"
    document.sections[0].footer.paragraphs[0].text = "Plan for {{ child.full_name }}"
    document.save(path)
    return path


@pytest.fixture(scope="session")
def plan_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_plan_template(tmp_path_factory.mktemp("template") / "plan.docx")


def document_text(path: Path) -> list[str]:
    """Every paragraph, table row, header and footer of a .docx, as text."""
    import docx

    document = docx.Document(str(path))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines += [" | ".join(c.text for c in row.cells) for row in table.rows]
    section = document.sections[0]
    lines += [p.text for p in section.header.paragraphs] + [
        p.text for p in section.footer.paragraphs
    ]
    return lines

"""Shared fixtures for roster and batch tests: the example roster and its generator."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from sendocs.roster import SchoolSettings, load_school_settings

ROOT = Path(__file__).resolve().parents[2]
ROSTER = ROOT / "fixtures" / "roster"
TODAY = dt.date(2026, 11, 23)


def load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_roster", ROSTER / "make_roster.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def generator() -> ModuleType:
    return load_generator()


@pytest.fixture(scope="session")
def settings() -> SchoolSettings:
    return load_school_settings(ROSTER / "school.yaml")


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

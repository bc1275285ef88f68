"""Shared fixtures for the appeal and working-document tests: Sami's case,
variants of it built in memory, and rendering read back with python-docx."""

from __future__ import annotations

import copy
import datetime as dt
import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from docx.document import Document
from docx.table import Table
from docx.text.paragraph import Paragraph

import sendocs.documents.appeal as appeal_kind
import sendocs.documents.working_document as working_kind
from sendocs.documents import DocumentKind, RenderOptions
from sendocs.models import Case
from sendocs.render.docx import DocxRenderer

ROOT = Path(__file__).resolve().parents[2]
SAMI = ROOT / "fixtures" / "cases" / "sami-ahmed.yaml"
DOCUMENT_DATE = dt.date(2026, 11, 23)

APPEAL = appeal_kind.APPEAL
WORKING = working_kind.WORKING_DOCUMENT


def sami_data() -> dict[str, Any]:
    """Sami's case file as plain data, a fresh copy each call."""
    return copy.deepcopy(_SAMI_DATA)


_SAMI_DATA: dict[str, Any] = yaml.safe_load(SAMI.read_text(encoding="utf-8"))


def refusal_to_assess(data: dict[str, Any]) -> dict[str, Any]:
    """Sami's data turned into a refusal-to-assess appeal (SEND35a; limbs, no sections)."""
    data["sen_status"] = "K"
    data["evidence"] = [d for d in data["evidence"] if d["ref"] in ("E1", "E2", "E4", "E5")]
    data["appeal"] = {
        "appeal_type": "refusal_to_assess",
        "decision": {"date_sent": "2026-10-02", "document": "E4"},
        "mediation_certificate": {"issued_on": "2026-11-20", "document": "E5"},
        "grounds": [
            {
                "limb": 1,
                "title": "Sami has a diagnosed language disorder",
                "text": "Sami has a developmental language disorder.",
                "evidence": [{"document": "E2", "page": 4, "paragraph": "3.2"}],
            },
            {
                "limb": 2,
                "text": "The school cannot meet his needs from its own resources.",
                "evidence": [{"document": "E1", "page": 11, "paragraph": "7.2"}],
            },
        ],
    }
    return data


def render(kind: DocumentKind, case: Case, date: dt.date = DOCUMENT_DATE) -> Document:
    options = RenderOptions(date=date)
    data = DocxRenderer().render_bytes(
        kind.template_path(options), kind.build_context(case, options)
    )
    return docx.Document(io.BytesIO(data))


def render_bytes(kind: DocumentKind, case: Case, date: dt.date = DOCUMENT_DATE) -> bytes:
    options = RenderOptions(date=date)
    return DocxRenderer().render_bytes(
        kind.template_path(options), kind.build_context(case, options)
    )


def iter_paragraphs(doc: Document) -> Iterator[Paragraph]:
    """Every paragraph in the body, tables included, in document order."""

    def walk(container: Any) -> Iterator[Paragraph]:
        for block in container.iter_inner_content():
            if isinstance(block, Paragraph):
                yield block
            elif isinstance(block, Table):
                for row in block.rows:
                    seen = set()
                    for cell in row.cells:
                        if id(cell._tc) in seen:
                            continue
                        seen.add(id(cell._tc))
                        yield from walk(cell)

    yield from walk(doc)


def text_of(doc: Document) -> str:
    return "\n".join(p.text for p in iter_paragraphs(doc))


@pytest.fixture(scope="session")
def sami() -> Case:
    return Case.model_validate(sami_data())


@pytest.fixture(scope="session")
def sami_appeal(sami: Case) -> Document:
    return render(APPEAL, sami)


@pytest.fixture(scope="session")
def sami_working(sami: Case) -> Document:
    return render(WORKING, sami)


@pytest.fixture
def make_case() -> Callable[[dict[str, Any]], Case]:
    return Case.model_validate

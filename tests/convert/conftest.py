"""Shared fixtures for conversion tests: small real Word documents and one shared LibreOffice.

Starting LibreOffice costs seconds, so most tests share one session-wide
converter; tests about start-up, shutdown and failures make their own.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from pypdf import PdfReader

from sendocs.render.libreoffice import LibreOfficeConverter

MONEY_LINE = "Zoë O'Brien & co — £6,000.00"

MakeDocx = Callable[..., Path]


def add_page_field(paragraph: Paragraph) -> None:
    """Append a Word PAGE field (``fldSimple``) so the footer shows the page number."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def build_docx(
    path: Path,
    *,
    title: str = "Parental notification",
    paragraphs: tuple[str, ...] = (MONEY_LINE,),
    table: tuple[tuple[str, ...], ...] = (),
    pages: int = 1,
    footer: bool = False,
) -> Path:
    """A small Word document as python-docx writes it, with optional table, footer and pages."""
    document = docx.Document()
    document.add_heading(title, level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    for page in range(2, pages + 1):
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        document.add_paragraph(f"This is page {page} of the plan.")
    if footer:
        para = document.sections[0].footer.paragraphs[0]
        para.text = "Page "
        add_page_field(para)
    document.save(str(path))
    return path


@pytest.fixture
def make_docx(tmp_path: Path) -> MakeDocx:
    """Build ``tmp_path/src/<name>`` with :func:`build_docx` options."""
    folder = tmp_path / "src"
    folder.mkdir(exist_ok=True)

    def make(name: str = "letter.docx", **options: object) -> Path:
        return build_docx(folder / name, **options)  # type: ignore[arg-type]

    return make


@pytest.fixture(scope="session")
def shared_converter() -> Iterator[LibreOfficeConverter]:
    """One LibreOffice pool for the whole session (two workers, as in production)."""
    with LibreOfficeConverter() as converter:
        yield converter


def pdf_text(path: Path) -> list[str]:
    """The text of each page of a PDF, whitespace collapsed."""
    reader = PdfReader(path)
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def processes_matching(pattern: str) -> list[str]:
    """Command lines of running processes whose command line contains ``pattern``."""
    result = subprocess.run(["pgrep", "-af", pattern], capture_output=True, text=True, check=False)
    return [line for line in result.stdout.splitlines() if line.strip()]

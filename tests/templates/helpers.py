"""Helpers for template tests: render a case, read the Word file back.

The build scripts live in ``templates/src`` (they are tools, not part of the
package), so that folder is put on ``sys.path`` here.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
from docx.document import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from sendocs.documents import RenderOptions, get_kind
from sendocs.models import Case
from sendocs.render.docx import DocxRenderer

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"
sys.path.insert(0, str(TEMPLATES / "src"))

CASES = ROOT / "fixtures" / "cases"
AMARA = CASES / "amara-okafor.yaml"
DOCUMENT_DATE = dt.date(2026, 11, 23)


def render_case(case: Case, kind_name: str = "iep", template: Path | None = None) -> bytes:
    kind = get_kind(kind_name)
    options = RenderOptions(date=DOCUMENT_DATE, template=template)
    return DocxRenderer().render_bytes(
        kind.template_path(options), kind.build_context(case, options)
    )


def open_docx(data: bytes) -> Document:
    return docx.Document(io.BytesIO(data))


def body_paragraphs(doc: Document) -> Iterator[Paragraph]:
    """Every paragraph in the body, including those inside table cells, in order."""
    for p in doc.element.body.iter(qn("w:p")):
        yield Paragraph(p, doc._body)


def all_text(data: bytes) -> str:
    """The visible text of every part (body, headers, footers), one paragraph per line."""
    lines: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in sorted(z.namelist()):
            if name.startswith("word/") and name.endswith(".xml"):
                xml = z.read(name).decode("utf-8")
                for para in re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.DOTALL):
                    texts = re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", para)
                    lines.append(html.unescape("".join(texts)))
    return "\n".join(lines)


def assert_valid_word_structure(data: bytes) -> None:
    """Checks Word is strict about and LibreOffice forgives: every table cell holds a
    paragraph, every table a row, and the body does not end with a table."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = [n for n in z.namelist() if n.startswith("word/") and n.endswith(".xml")]
        xml = {n: z.read(n) for n in parts}
    doc = docx.Document(io.BytesIO(data))
    for tc in doc.element.body.iter(qn("w:tc")):
        assert tc.find(qn("w:p")) is not None, "a table cell without a paragraph"
    for tbl in doc.element.body.iter(qn("w:tbl")):
        assert tbl.find(qn("w:tr")) is not None, "a table without rows"
    body = list(doc.element.body)
    assert body[-1].tag == qn("w:sectPr") and body[-2].tag == qn("w:p")
    for name, content in xml.items():
        assert b"\x0b" not in content, f"{name} holds a character XML forbids"

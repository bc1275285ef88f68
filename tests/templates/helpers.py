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
from typing import Any

import docx
from docx.document import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from sendocs.documents import DocumentKind, RenderOptions, get_kind
from sendocs.loading import load_case
from sendocs.models import AssessmentRequest, Case, Requester
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


def render_kind(
    case: Case, kind: DocumentKind, date: dt.date = DOCUMENT_DATE, **extra: Any
) -> bytes:
    """Render a kind given as an object (kinds the registry may not list yet)."""
    options = RenderOptions(date=date, extra=extra)
    return DocxRenderer().render_bytes(
        kind.template_path(options), kind.build_context(case, options)
    )


def load(name: str) -> Case:
    """A fixture case by file stem, e.g. ``load("kai-thompson")``."""
    return load_case(CASES / f"{name}.yaml").case


def with_requester(case: Case, requester: Requester, **changes: Any) -> Case:
    """The case with its assessment request made by someone else (a copy)."""
    request = case.assessment_request or AssessmentRequest()
    request = request.model_copy(update={"requester": requester, **changes})
    return case.model_copy(update={"assessment_request": request})


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


def assert_headings_have_content(doc: Document) -> None:
    body = list(doc.element.body)
    for i, element in enumerate(body):
        if element.tag != qn("w:p"):
            continue
        style = element.pPr.style if element.pPr is not None else None
        if style in ("Heading1", "Heading2"):
            text = "".join(t.text or "" for t in element.iter(qn("w:t")))
            assert text.strip(), f"empty heading at body element {i}"
            nxt = body[i + 1]
            assert nxt.tag != qn("w:sectPr"), f"heading {text!r} ends the document"
            if nxt.tag == qn("w:p") and style == "Heading1":
                nxt_style = nxt.pPr.style if nxt.pPr is not None else None
                assert nxt_style != "Heading1", f"heading {text!r} has no content"


def assert_clean(data: bytes) -> str:
    """A rendered document Word opens, with no tag, "None" or empty heading left.

    Returns its text (every part, one paragraph per line) for further checks.
    """
    from docxbuilder import jinja_tags  # templates/src, put on sys.path above

    assert_valid_word_structure(data)
    assert jinja_tags(data) == []
    text = all_text(data)
    assert "{{" not in text and "{%" not in text
    assert not re.search(r"\bNone\b", text)
    assert_headings_have_content(docx.Document(io.BytesIO(data)))
    return text

"""The index's first page says it is the index (expert read, 2026-12-01, item 7): an
"Index" heading above the table, under the bundle's title and case details, with the
table, its links and the page count measured to match (two-pass pagination)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pypdf import PdfReader

from sendocs.bundle import build_bundle
from tests.bundle.conftest import doc, make_pdf, write_spec


def _lines_with_y(reader: PdfReader, page: int) -> list[tuple[float, str]]:
    found: list[tuple[float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            found.append((tm[5], text.strip()))

    reader.pages[page].extract_text(visitor_text=visit)
    return found


def _build(tmp_path: Path, count: int) -> tuple[PdfReader, int]:
    make_pdf(tmp_path / "one.pdf", 1)
    documents = [
        doc(
            "one.pdf",
            f"Letter {n} from school",
            (dt.date(2025, 1, 1) + dt.timedelta(n)).isoformat(),
        )
        for n in range(count)
    ]
    spec = {
        "title": "Appeal bundle \u2014 test",
        "appellants": "A parent",
        "respondent": "A council",
        "sections": [{"title": "Evidence", "documents": documents}],
    }
    out = tmp_path / "bundle.pdf"
    report = build_bundle(write_spec(tmp_path, spec), out)
    return PdfReader(out), report.index_pages


def test_first_page_has_an_index_heading_above_the_table(tmp_path: Path) -> None:
    reader, index_pages = _build(tmp_path, 3)
    assert index_pages == 1
    lines = _lines_with_y(reader, 0)
    texts = [t for _, t in lines]
    assert "Index" in texts
    y_heading = next(y for y, t in lines if t == "Index")
    y_title = next(y for y, t in lines if t.startswith("Appeal bundle"))
    y_respondent = next(y for y, t in lines if t.startswith("Respondent:"))
    y_columns = next(y for y, t in lines if t.startswith("No."))
    assert y_title > y_respondent > y_heading > y_columns
    # every row's link lies below the heading: the table was moved down, not drawn over it
    for ref in reader.pages[0].get("/Annots", []) or []:
        top = float(ref.get_object()["/Rect"][3])
        assert top < y_heading


def test_long_index_keeps_its_page_count_with_the_heading(tmp_path: Path) -> None:
    """The heading is measured in the first pass: the index pages are the pages drawn,
    each row is on one index page only, and every document's first page is numbered
    with its PDF page number."""
    reader, index_pages = _build(tmp_path, 70)
    assert index_pages >= 2
    assert len(reader.pages) == index_pages + 70
    assert "Index (continued)" in reader.pages[1].extract_text()
    texts = " ".join(reader.pages[i].extract_text() for i in range(index_pages))
    for n in range(70):
        assert texts.count(f"Letter {n} from school") == 1
    for i in range(index_pages):
        bottom = min(float(r.get_object()["/Rect"][1]) for r in reader.pages[i]["/Annots"])
        assert bottom >= 64.0 - 0.01  # never into the page-number stamp's margin
    assert reader.page_labels[-1] == str(len(reader.pages))

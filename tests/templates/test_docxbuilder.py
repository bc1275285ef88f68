"""The template toolkit: what it builds renders with docxtpl as intended.

Other document kinds reuse these helpers, so their docxtpl rules (``{%tr %}``
rows, ``{%p %}`` paragraphs) are tested here on a small template.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from sendocs.render.docx import DocxRenderer

from .helpers import all_text, body_paragraphs

from docxbuilder import (  # isort: skip  (templates/src, put on sys.path by helpers)
    Column,
    Detail,
    Para,
    R,
    Signatory,
    bullets,
    details_table,
    heading,
    jinja_tags,
    loop_table,
    new_document,
    otherwise,
    paragraph,
    save_template,
    set_footer,
    set_header,
    signoff_table,
    tag,
    when,
)


@pytest.fixture(scope="module")
def small_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    doc = new_document(title="Test")
    set_header(doc, "{{ school }}", "Right", first_page="")
    set_footer(doc, "{{ name }}", "Confidential")
    paragraph(doc, "Report for {{ name }}", "Title")
    heading(doc, "Items")
    loop_table(
        doc,
        "item in items",
        [
            Column("Name", 5, [Para(R("{{ item.name }}", bold=True))]),
            Column("Note", 12, [tag("if item.note"), Para("{{ item.note }}"), tag("endif")]),
        ],
    )
    details_table(
        doc,
        [
            (Detail("A", "{{ a }}"), Detail("B", "{{ b }}")),
            Detail("Shown", "yes", when="show"),
            Detail("Hidden", "no", when="not show"),
            Detail("{{ k }}", "{{ v }}", loop="k, v in pairs"),
        ],
    )
    with when(doc, "items"):
        paragraph(doc, "Has items")
        otherwise(doc)
        paragraph(doc, "No items")
    bullets(doc, "b in bullet_points", "{{ b }}")
    signoff_table(doc, [Signatory("Parent", "{{ p }}", loop="p in parents"), Signatory("Head")])
    paragraph(doc, "End", "SmallPrint")
    path = tmp_path_factory.mktemp("tpl") / "small.docx"
    save_template(doc, path)
    return path


CONTEXT = {
    "school": "Brook & Co",
    "name": "Zoë O'Brien",
    "items": [{"name": "First", "note": "a <note>"}, {"name": "Second", "note": ""}],
    "a": "alpha",
    "b": "beta",
    "show": True,
    "pairs": [("One", "1"), ("Two", "2")],
    "bullet_points": ["x", "y"],
    "parents": ["P1", "P2"],
}


def render(path: Path, **overrides: object) -> docx.document.Document:
    data = DocxRenderer().render_bytes(path, {**CONTEXT, **overrides})
    assert jinja_tags(data) == []
    return docx.Document(io.BytesIO(data))


def test_loop_table_repeats_one_row_per_item(small_template: Path) -> None:
    doc = render(small_template)
    table = doc.tables[0]
    # A cell made only of {%p if %} blocks keeps a guard paragraph (Word needs one).
    assert [[c.text for c in r.cells] for r in table.rows] == [
        ["Name", "Note"],
        ["First", "a <note>\n"],
        ["Second", ""],
    ]
    assert len(table.rows[2].cells[1].paragraphs) == 1
    header_pr, row_pr = table.rows[0]._tr.trPr, table.rows[1]._tr.trPr
    assert header_pr is not None and header_pr.find(qn("w:tblHeader")) is not None
    assert row_pr is not None and row_pr.find(qn("w:cantSplit")) is not None


def test_details_table_conditions_and_loops(small_template: Path) -> None:
    table = render(small_template).tables[1]
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows[0] == ["A", "alpha", "B", "beta"]
    # merged value cells repeat their text in python-docx's view of the grid
    assert [r[:2] for r in rows[1:]] == [["Shown", "yes"], ["One", "1"], ["Two", "2"]]


def test_paragraph_blocks_and_bullets(small_template: Path) -> None:
    doc = render(small_template)
    texts = [p.text for p in body_paragraphs(doc)]
    assert "Has items" in texts and "No items" not in texts
    bullets_ = [p.text for p in body_paragraphs(doc) if p.style and p.style.name == "List Bullet"]
    assert bullets_ == ["x", "y"]
    doc = render(small_template, items=[])
    texts = [p.text for p in body_paragraphs(doc)]
    assert "No items" in texts and "Has items" not in texts


def test_signoff_rows_keep_together(small_template: Path) -> None:
    table = render(small_template).tables[2]
    assert [[c.text for c in r.cells] for r in table.rows] == [
        ["Role", "Name", "Signature", "Date"],
        ["Parent", "P1", "", ""],
        ["Parent", "P2", "", ""],
        ["Head", "", "", ""],
    ]
    keep = [
        all(p.paragraph_format.keep_with_next for c in r.cells for p in c.paragraphs)
        for r in table.rows[1:]
    ]
    assert keep == [True, True, False]


def test_header_and_footer_are_rendered(small_template: Path) -> None:
    section = render(small_template).sections[0]
    assert section.header.paragraphs[0].text == "Brook & Co\t\tRight"
    assert section.footer.paragraphs[0].text == "Zoë O'Brien\tConfidential\tPage 1 of 1"


def test_new_document_is_a4_with_lean_styles(small_template: Path) -> None:
    doc = docx.Document(str(small_template))
    section = doc.sections[0]
    width, height, margin = section.page_width, section.page_height, section.left_margin
    assert width is not None and height is not None and margin is not None
    assert (round(width.cm, 1), round(height.cm, 1), round(margin.cm, 1)) == (21.0, 29.7, 2.0)
    names = {s.name for s in doc.styles}
    assert {"Normal", "Title", "Heading 1", "Heading 2", "Table Heading", "Small Print"} <= names
    assert len(names) < 25
    with zipfile.ZipFile(small_template) as z:
        assert sum(i.file_size for i in z.infolist()) < 40_000
        assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in z.infolist())


def test_rendered_text_has_no_leftovers(small_template: Path) -> None:
    data = DocxRenderer().render_bytes(small_template, CONTEXT)
    text = all_text(data)
    assert "{%" not in text and "{{" not in text

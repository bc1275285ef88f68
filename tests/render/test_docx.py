"""The DOCX renderer with a template built here, so these tests do not depend on
the shipped templates' design."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from sendocs.errors import OutputExistsError, TemplateError
from sendocs.render.docx import DocxRenderer

HOSTILE = [
    "Tom & Jerry <O'Brien>",
    "{{ 7*7 }}",
    "before\x0bafter",
    "\"quoted\" & 'single'",
    "Zoë Ł. Nguyễn — £6,000",
]


def make_template(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("Name: {{ child.name }}")
    document.add_paragraph("{{ long }}")
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).text = "{%tr for row in rows %}"
    table.cell(1, 0).text = "{{ row.a }}"
    table.cell(1, 1).text = "{{ row.b }}"
    table.cell(2, 0).text = "{%tr endfor %}"
    document.sections[0].footer.paragraphs[0].text = "Footer {{ child.name }}"
    document.save(path)
    return path


def read_text(data: bytes) -> tuple[list[str], list[list[str]], str]:
    document = docx.Document(io.BytesIO(data))
    paragraphs = [p.text for p in document.paragraphs]
    rows = [[c.text for c in row.cells] for row in document.tables[0].rows]
    footer = document.sections[0].footer.paragraphs[0].text
    return paragraphs, rows, footer


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_appear_literally(tmp_path: Path, name: str) -> None:
    template = make_template(tmp_path / "t.docx")
    data = DocxRenderer().render_bytes(
        template, {"child": {"name": name}, "long": "x", "rows": [{"a": name, "b": "2"}]}
    )
    paragraphs, rows, footer = read_text(data)
    expected = name.replace("\x0b", "")
    assert paragraphs[0] == f"Name: {expected}"
    assert rows == [[expected, "2"]]
    assert footer == f"Footer {expected}"


def test_long_paragraph_and_line_breaks(tmp_path: Path) -> None:
    template = make_template(tmp_path / "t.docx")
    long = ("Amara enjoys drawing. " * 250).strip()
    assert len(long) > 5000
    data = DocxRenderer().render_bytes(
        template, {"child": {"name": "A"}, "long": long + "\nSecond line", "rows": []}
    )
    paragraphs, rows, _ = read_text(data)
    assert paragraphs[1] == long + "\nSecond line"  # python-docx reads <w:br/> as \n
    assert rows == []


def test_unknown_field_names_template_and_field(tmp_path: Path) -> None:
    template = make_template(tmp_path / "t.docx")
    with pytest.raises(TemplateError) as info:
        DocxRenderer().render_bytes(template, {"child": {"name": "A"}, "rows": []})
    assert str(template.resolve()) in str(info.value)
    assert "long" in str(info.value)


def test_syntax_error_shows_nearby_text(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Dear {{ parent.name }")
    document.add_paragraph("We are writing about {{ child.name }}.")
    path = tmp_path / "bad.docx"
    document.save(path)
    with pytest.raises(TemplateError, match="template syntax error") as info:
        DocxRenderer().render_bytes(path, {})
    assert "Dear" in str(info.value)


def test_not_a_docx(tmp_path: Path) -> None:
    path = tmp_path / "t.docx"
    path.write_text("hello")
    with pytest.raises(TemplateError, match=r"not a Word \.docx file"):
        DocxRenderer().render_bytes(path, {})


def test_render_to_is_atomic_and_refuses_to_overwrite(tmp_path: Path) -> None:
    template = make_template(tmp_path / "t.docx")
    out = tmp_path / "out" / "doc.docx"
    context = {"child": {"name": "A"}, "long": "x", "rows": []}
    renderer = DocxRenderer()
    renderer.render_to(template, context, out)
    with pytest.raises(OutputExistsError, match="--force"):
        renderer.render_to(template, context, out)
    renderer.render_to(template, {**context, "child": {"name": "B"}}, out, force=True)
    assert read_text(out.read_bytes())[0][0] == "Name: B"
    with pytest.raises(TemplateError):
        renderer.render_to(template, {"rows": []}, tmp_path / "out" / "failed.docx")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["doc.docx"]


def test_word_style_split_runs_and_curly_quotes(tmp_path: Path) -> None:
    """Word splits tags across runs (spell-check, formatting) and curls quotes."""
    document = docx.Document()
    paragraph = document.add_paragraph()
    for piece in [
        "Dear {{ ",
        "child.",
        "name",
        " }}, ",
        "{% if kind == \u201cplan\u201d %}",
        "P",
        "{% endif %}",
    ]:
        run = paragraph.add_run(piece)
        run.bold = piece == "name"
    path = tmp_path / "word.docx"
    document.save(path)
    data = DocxRenderer().render_bytes(path, {"child": {"name": "Amara"}, "kind": "plan"})
    assert docx.Document(io.BytesIO(data)).paragraphs[0].text == "Dear Amara, P"

"""Text from case data reaches the document exactly as typed, docxtpl's escapes included.

docxtpl turns ``{_{``, ``}_}``, ``{_%`` and ``%_}`` in its output into ``{{``,
``}}``, ``{%`` and ``%}`` (its escape for template authors). Typed text must
not be changed by that, in either renderer.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import docx
import pytest

from sendocs.documents import RenderOptions, get_kind
from sendocs.loading import load_case
from sendocs.render.docx import DocxRenderer
from sendocs.render.fast_docx import FastDocxRenderer, make_renderer

TYPED = [
    "{_{x}_}",
    "{{ 7*7 }}",
    "{% if %}",
    "{_% raw %_}",
    "a_{_{_b_}_}_",
    "_",
    "}_}",
    "snake_case_name",
]


def all_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts.extend(cell.text for cell in row.cells)
    for section in document.sections:
        texts.extend(p.text for p in section.header.paragraphs)
        texts.extend(p.text for p in section.footer.paragraphs)
    return "\n".join(texts)


@pytest.mark.parametrize("renderer_class", [FastDocxRenderer, DocxRenderer], ids=["fast", "plain"])
@pytest.mark.parametrize("typed", TYPED)
def test_child_name_appears_exactly_as_typed_in_the_plan(
    amara_path: Path, renderer_class: type[DocxRenderer], typed: str
) -> None:
    case = load_case(amara_path).case
    child = case.child.model_copy(update={"legal_forename": typed, "preferred_name": None})
    case = case.model_copy(update={"child": child})
    kind = get_kind("iep")
    options = RenderOptions(date=dt.date(2026, 11, 2))
    data = renderer_class().render_bytes(
        kind.template_path(options), kind.build_context(case, options)
    )
    text = all_text(data)
    assert f"{typed} Okafor" in text
    assert "\x01" not in text
    if "7*7" in typed:
        assert "49" not in text


@pytest.mark.parametrize("plain", ["0", "1"], ids=["fast", "plain"])
def test_template_authors_escape_still_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plain: str
) -> None:
    monkeypatch.setenv("SENDOCS_PLAIN_DOCX", plain)
    document = docx.Document()
    document.add_paragraph("Type {_{ name }_} to show a name; here: {{ name }}")
    document.core_properties.title = "Plan for {{ name }}"
    document.save(str(tmp_path / "t.docx"))
    data = make_renderer().render_bytes(tmp_path / "t.docx", {"name": "a_b {_{c}_}"})
    result = docx.Document(io.BytesIO(data))
    assert result.paragraphs[0].text == "Type {{ name }} to show a name; here: a_b {_{c}_}"
    assert result.core_properties.title == "Plan for a_b {_{c}_}"

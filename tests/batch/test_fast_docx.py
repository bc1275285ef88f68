"""The batch renderer's cache of prepared template parts must change nothing in the output."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from sendocs.dates import default_term_calendar
from sendocs.documents import RenderOptions, get_kind
from sendocs.errors import TemplateError
from sendocs.render.docx import DocxRenderer
from sendocs.render.fast_docx import FastDocxRenderer, make_renderer
from sendocs.roster import SchoolSettings, read_roster

from .conftest import ROSTER, TODAY


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_shipped_plan_is_byte_identical_in_every_part(settings: SchoolSettings) -> None:
    roster = read_roster(
        ROSTER / "roster.csv",
        settings=settings,
        review_calendar=default_term_calendar(),
        today=TODAY,
    )
    kind, options = get_kind("iep"), RenderOptions(date=TODAY)
    template = kind.template_path(options)
    plain, fast = DocxRenderer(), FastDocxRenderer()
    for row in roster.rows[:8]:
        assert row.loaded is not None
        context = kind.build_context(row.loaded.case, options)
        assert parts(fast.render_bytes(template, context)) == parts(
            plain.render_bytes(template, context)
        )
    assert len(fast._parts[template.resolve()]) >= 1  # prepared once, reused


HOSTILE = ["Tom & Jerry <O'Brien>", "{{ 7*7 }}", "line one\nline two", "Zoë — £6,000"]


def test_headers_footers_loops_and_hostile_text(plan_template: Path) -> None:
    fast, plain = FastDocxRenderer(), DocxRenderer()
    for name in HOSTILE:
        context = {
            "child": {"legal_forename": name, "legal_surname": "X", "upn": "", "full_name": name},
            "school": {"name": name},
            "plan": {
                "review_date": "",
                "outcomes": [{"outcome": name, "success_criteria": "a", "target_date": "b"}] * 2,
            },
        }
        data = fast.render_bytes(plan_template, context)
        assert parts(data) == parts(plain.render_bytes(plan_template, context))
        document = docx.Document(io.BytesIO(data))
        assert document.sections[0].header.paragraphs[0].text == name
        assert [r.cells[0].text for r in document.tables[0].rows] == ["Outcome", name, name]


def test_errors_are_the_same_as_the_plain_renderer(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Hello {{ child.nickname }}")
    path = tmp_path / "t.docx"
    document.save(path)
    messages = []
    for renderer in (DocxRenderer(), FastDocxRenderer()):
        with pytest.raises(TemplateError) as caught:
            renderer.render_bytes(path, {"child": {}})
        messages.append(str(caught.value))
    assert messages[0] == messages[1]
    assert "nickname" in messages[0]


def test_plain_renderer_on_request(monkeypatch: pytest.MonkeyPatch) -> None:
    assert type(make_renderer()) is FastDocxRenderer
    monkeypatch.setenv("SENDOCS_PLAIN_DOCX", "1")
    assert type(make_renderer()) is DocxRenderer

"""The fast renderer's cache must really work: each template part is prepared once.

``tests/batch/test_fast_docx.py`` proves the cache changes nothing in the
output; it passes just as well with the cache switched off. This test counts
the expensive step (docxtpl's ``patch_xml`` over a part's XML, then a Jinja
compile), so it fails if the cache is disabled, keyed wrongly or rebuilt per
document.
"""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path
from typing import Any

import docx
import pytest

from sendocs.render.fast_docx import FastDocxRenderer, FastDocxTemplate


def make_template(path: Path, title: str) -> Path:
    """Body, header and footer: three parts, each with a tag."""
    document = docx.Document()
    document.add_paragraph(title + " for {{ name }}")
    document.sections[0].header.paragraphs[0].text = "{{ school }}"
    document.sections[0].footer.paragraphs[0].text = "Page footer for {{ name }}"
    document.save(str(path))
    return path


@pytest.fixture
def patched(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How many times each template file's parts went through ``patch_xml``."""
    calls: Counter[str] = Counter()
    original = FastDocxTemplate.patch_xml

    def counting(self: FastDocxTemplate, src_xml: str) -> Any:
        calls[getattr(self, "counted_as", "?")] += 1
        return original(self, src_xml)

    monkeypatch.setattr(FastDocxTemplate, "patch_xml", counting)
    original_new = FastDocxRenderer.new_template

    def labelled(self: FastDocxRenderer, template: Path) -> Any:
        made = original_new(self, template)
        made.counted_as = template.name
        return made

    monkeypatch.setattr(FastDocxRenderer, "new_template", labelled)
    return calls


def render_text(renderer: FastDocxRenderer, template: Path, name: str) -> list[str]:
    data = renderer.render_bytes(template, {"name": name, "school": "Oakfield Primary"})
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    return [
        document.paragraphs[0].text,
        section.header.paragraphs[0].text,
        section.footer.paragraphs[0].text,
    ]


def test_each_part_is_prepared_once_per_renderer(tmp_path: Path, patched: Counter[str]) -> None:
    plan = make_template(tmp_path / "plan.docx", "Plan")
    letter = make_template(tmp_path / "letter.docx", "Letter")
    renderer = FastDocxRenderer()

    first = render_text(renderer, plan, "Amara Okafor")
    parts = patched["plan.docx"]
    assert parts >= 3  # body, header, footer (python-docx may add more header parts)

    for name in ("Kai Thompson", "Niamh O'Connor", "Sami Ahmed", "Zoë Brown"):
        assert render_text(renderer, plan, name)[0] == f"Plan for {name}"
    assert patched["plan.docx"] == parts, "the cache was not used: parts prepared again"
    assert first == ["Plan for Amara Okafor", "Oakfield Primary", "Page footer for Amara Okafor"]

    # A second template has parts of its own; the first's stay cached.
    assert render_text(renderer, letter, "Amara Okafor")[0] == "Letter for Amara Okafor"
    render_text(renderer, letter, "Kai Thompson")
    assert patched["letter.docx"] == parts
    render_text(renderer, plan, "Amara Okafor")
    assert patched["plan.docx"] == parts


def test_the_count_would_see_a_disabled_cache(tmp_path: Path, patched: Counter[str]) -> None:
    """A renderer per document is what a disabled cache looks like: every render prepares."""
    plan = make_template(tmp_path / "plan.docx", "Plan")
    render_text(FastDocxRenderer(), plan, "Amara Okafor")
    once = patched["plan.docx"]
    render_text(FastDocxRenderer(), plan, "Kai Thompson")
    assert patched["plan.docx"] == 2 * once

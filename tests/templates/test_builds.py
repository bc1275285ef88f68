"""Every shipped template is what its build script makes, and stays lean."""

from __future__ import annotations

import importlib
import io
import zipfile
from pathlib import Path

import pytest

from .helpers import TEMPLATES

from docxbuilder import jinja_tags  # isort: skip  (templates/src, put on sys.path by helpers)

BUILT = [
    "sen_support_plan",
    "parent_notification",
    "provision_map",
    "assessment_request",
    "assessment_follow_up",
    "letter_before_claim",
]


@pytest.mark.parametrize("name", BUILT)
def test_rebuilding_gives_the_committed_template(name: str, tmp_path: Path) -> None:
    """The committed .docx is what the build script makes (rebuild after editing it)."""
    committed = TEMPLATES / f"{name}.docx"
    rebuilt = tmp_path / f"{name}.docx"
    importlib.import_module(f"build_{name}").build(rebuilt)
    assert jinja_tags(rebuilt.read_bytes()) == jinja_tags(committed.read_bytes())
    with zipfile.ZipFile(rebuilt) as new, zipfile.ZipFile(committed) as old:
        assert new.namelist() == old.namelist()
        for part in old.namelist():
            assert new.read(part) == old.read(part), f"{name}: {part} differs: run the script"


@pytest.mark.parametrize("name", BUILT)
def test_template_is_lean(name: str) -> None:
    data = (TEMPLATES / f"{name}.docx").read_bytes()
    assert len(data) < 100_000
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        unpacked = sum(i.file_size for i in z.infolist())
        styles = z.read("word/styles.xml").decode()
    assert unpacked < 150_000
    assert not any("stylesWithEffects" in n or "theme" in n or "thumbnail" in n for n in names)
    assert 'w:ascii="Carlito"' in styles
    assert "latentStyles" not in styles
    assert styles.count("<w:style ") < 30


@pytest.mark.parametrize("name", [*BUILT, "appeal", "working_document", "school_provision_map"])
def test_template_properties_carry_no_note_into_documents(name: str) -> None:
    """A template's core properties are carried into every document made from it, which a
    school sends: no note about the template or the tool in its comments."""
    from docx import Document

    props = Document(str(TEMPLATES / f"{name}.docx")).core_properties
    assert props.comments == ""
    assert props.language == "en-GB"

"""The batch renderer's cache of prepared template parts must change nothing in the output."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from sendocs.dates import default_term_calendar
from sendocs.documents import RenderOptions, all_kinds, get_kind
from sendocs.errors import TemplateError
from sendocs.loading import load_case
from sendocs.pipeline import render_documents
from sendocs.provenance import Provenance, stamp_docx
from sendocs.render.docx import DocxRenderer
from sendocs.render.fast_docx import FastDocxRenderer, make_renderer
from sendocs.roster import SchoolSettings, read_roster

from .conftest import ROOT, ROSTER, TODAY


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
    document.save(str(path))
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


# -- render_stamped: the skeleton zip writer ----------------------------------------------


def members(data: bytes) -> list[tuple[str, bytes]]:
    """Every member, in order, with its bytes; the archive checked (CRCs) first."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def _stamp(name: str = "iep") -> Provenance:
    return Provenance(
        version="0",
        kind=name,
        template_sha256="a" * 64,
        case_sha256="b" * 64,
        document_date=TODAY,
    )


def test_every_shipped_kind_is_the_same_as_save_then_stamp() -> None:
    """Each example case and each kind it can be made for: python-docx's save() and
    stamp_docx give the same members, in the same order, as the skeleton path."""
    options = RenderOptions(date=TODAY)
    plain, fast = DocxRenderer(), FastDocxRenderer()
    compared: set[str] = set()
    for path in sorted((ROOT / "fixtures" / "cases").glob("*.yaml")):
        loaded = load_case(path)
        for kind in all_kinds():
            if kind.check(loaded.case, options):
                continue
            old = render_documents(kind, loaded, options, plain)
            new = render_documents(kind, loaded, options, fast)
            assert [m.filename for m in new] == [m.filename for m in old]
            for a, b in zip(old, new, strict=True):
                assert members(b.data) == members(a.data), (path.name, kind.name, b.filename)
            compared.add(kind.name)
    assert {"iep", "appeal"} <= compared and len(compared) >= 4, compared


def test_stamped_plans_for_a_roster_and_hostile_text(
    settings: SchoolSettings, plan_template: Path
) -> None:
    roster = read_roster(
        ROSTER / "roster.csv",
        settings=settings,
        review_calendar=default_term_calendar(),
        today=TODAY,
    )
    kind, options = get_kind("iep"), RenderOptions(date=TODAY)
    template = kind.template_path(options)
    plain, fast = FastDocxRenderer(), FastDocxRenderer()
    for n, row in enumerate(roster.rows[:12]):
        assert row.loaded is not None
        context = kind.build_context(row.loaded.case, options)
        stamp = _stamp(str(n))
        new = fast.render_stamped(template, context, stamp)
        assert members(new) == members(stamp_docx(plain.render_bytes(template, context), stamp))
    assert fast._skeletons[template.resolve()] is not None  # the skeleton path was taken
    for name in HOSTILE:
        context = {
            "child": {"legal_forename": name, "legal_surname": "X", "upn": "", "full_name": name},
            "school": {"name": name},
            "plan": {
                "review_date": "",
                "outcomes": [{"outcome": name, "success_criteria": "a", "target_date": "b"}] * 3,
            },
        }
        new = fast.render_stamped(plan_template, context, _stamp())
        old = stamp_docx(plain.render_bytes(plan_template, context), _stamp())
        assert members(new) == members(old)
        document = docx.Document(io.BytesIO(new))
        assert document.sections[0].header.paragraphs[0].text == name
        assert document.sections[0].footer.paragraphs[0].text == f"Plan for {name}"
        assert [r.cells[0].text for r in document.tables[0].rows] == ["Outcome", name, name, name]
        assert read_provenance_bytes(new)["sendocs kind"] == "iep"


def test_a_template_that_already_has_custom_properties(tmp_path: Path, plan_template: Path) -> None:
    """A stamped document used as a template: its custom part is replaced, not duplicated."""
    context = {
        "child": {"legal_forename": "Amy", "legal_surname": "X", "upn": "", "full_name": "Amy X"},
        "school": {"name": "Oak"},
        "plan": {"review_date": "", "outcomes": []},
    }
    stamped = tmp_path / "stamped.docx"
    stamped.write_bytes(FastDocxRenderer().render_stamped(plan_template, context, _stamp("x")))
    new = FastDocxRenderer().render_stamped(stamped, context, _stamp("y"))
    old = stamp_docx(FastDocxRenderer().render_bytes(stamped, context), _stamp("y"))
    assert members(new) == members(old)
    assert [n for n, _ in members(new)].count("docProps/custom.xml") == 1
    assert read_provenance_bytes(new)["sendocs kind"] == "y"


def test_stamped_errors_are_the_same_as_the_plain_renderer(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Hello {{ child.nickname }} {% if %}")
    path = tmp_path / "t.docx"
    document.save(str(path))
    messages = []
    with pytest.raises(TemplateError) as caught:
        DocxRenderer().render_bytes(path, {"child": {}})
    messages.append(str(caught.value))
    with pytest.raises(TemplateError) as caught:
        FastDocxRenderer().render_stamped(path, {"child": {}}, _stamp())
    messages.append(str(caught.value))
    assert messages[0] == messages[1]
    assert "syntax" in messages[0]


def read_provenance_bytes(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("docProps/custom.xml").decode("utf-8")
    import xml.etree.ElementTree as ET

    return {p.get("name", ""): p[0].text or "" for p in ET.fromstring(xml) if len(p)}

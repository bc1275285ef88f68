"""Pages are appended with qpdf's addPage: what they inherit comes with them, in order.

A page's size, rotation and resources may sit on a /Pages node above it (inherited);
the copy in the bundle must show the same page. The tree here is nested and puts all
three on the nodes, with one page overriding its size.
"""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name
from pypdf import PdfReader

from sendocs.bundle import build_bundle

from .conftest import doc, write_spec

LETTER = [0, 0, 612, 792]
A5 = [0, 0, 420, 595]


def nested_inheriting_pdf(path: Path) -> Path:
    """Three pages under two /Pages nodes; MediaBox, Rotate and Resources inherited."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(
        Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica)
    )
    root_node = pdf.Root.Pages
    inner = pdf.make_indirect(
        Dictionary(Type=Name.Pages, Parent=root_node, Kids=Array(), Count=0, Rotate=90)
    )
    kids = []
    for n, words in enumerate(["First page", "Second page", "Third page"]):
        page = Dictionary(
            Type=Name.Page,
            Contents=pdf.make_stream(f"BT /F1 14 Tf 72 500 Td ({words}) Tj ET".encode()),
        )
        if n == 2:
            page.MediaBox = Array(A5)  # overrides the inherited size
        kids.append(pdf.make_indirect(page))
    for page in kids[:2]:
        page.Parent = inner
    kids[2].Parent = root_node
    inner.Kids = Array(kids[:2])
    inner.Count = 2
    root_node.Kids = Array([inner, kids[2]])
    root_node.Count = 3
    root_node.MediaBox = Array(LETTER)
    root_node.Resources = Dictionary(Font=Dictionary(F1=font))
    pdf.save(path)
    return path


def test_inherited_size_rotation_and_fonts_come_with_each_page(tmp_path: Path) -> None:
    source = nested_inheriting_pdf(tmp_path / "nested.pdf")
    section = {"title": "Evidence", "documents": [doc("nested.pdf", "Nested", "2026-01-05")]}
    spec = write_spec(tmp_path, {"title": "Copy test", "sections": [section]})
    report = build_bundle(spec, tmp_path / "bundle.pdf")
    first = report.index_pages  # 0-based index of the document's first page
    reader = PdfReader(tmp_path / "bundle.pdf")
    pages = reader.pages[first : first + 3]
    assert [p.extract_text().splitlines()[0] for p in pages] == [
        "First page",
        "Second page",
        "Third page",
    ]
    with pikepdf.open(source) as original, pikepdf.open(tmp_path / "bundle.pdf") as bundle:
        for i, page in enumerate(list(original.pages)):
            copy = list(bundle.pages)[first + i]
            assert list(copy.mediabox) == list(page.mediabox)
            assert int(copy.obj.get("/Rotate", 0)) == int(page.obj.get("/Rotate", 0))
            assert "/F1" in copy.obj.Resources.Font
    assert [list(p.mediabox) for p in pages] == [LETTER, LETTER, A5]


def test_without_qpdfs_add_page_pages_are_appended_the_public_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``Pdf._add_page`` is pikepdf's private method: if a release changes it, the bundle
    appends with ``pages.extend`` and comes out the same."""

    calls: list[object] = []

    def changed(self: pikepdf.Pdf, *args: object, **kwargs: object) -> None:
        calls.append(args)
        raise TypeError("_add_page(): incompatible function arguments")

    monkeypatch.setattr(pikepdf.Pdf, "_add_page", changed)
    nested_inheriting_pdf(tmp_path / "nested.pdf")
    section = {"title": "Evidence", "documents": [doc("nested.pdf", "Nested", "2026-01-05")]}
    spec = write_spec(tmp_path, {"title": "Copy test", "sections": [section]})
    report = build_bundle(spec, tmp_path / "bundle.pdf")
    reader = PdfReader(tmp_path / "bundle.pdf")
    assert len(reader.pages) == report.index_pages + 3
    texts = [p.extract_text() for p in reader.pages[report.index_pages :]]
    assert [t.splitlines()[0] for t in texts] == ["First page", "Second page", "Third page"]
    assert len(calls) == 1  # tried once, then the public way

"""Links to named destinations inside an evidence document still work in the bundle.

Real-world manuals (pdfTeX with hyperref) carry thousands of links to named
destinations; the bundle copies their pages and gives each link the explicit
destination its name stood for (found in the corpus run: pikepdf's
``add_pages_from`` spent 25 s merging one manual's 3,897 names).
"""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from sendocs.bundle import build_bundle
from tests.bundle.conftest import doc, write_spec


def _manual_with_named_links(path: Path) -> Path:
    """Four pages; page 1 links to the names 'chapter-3' (/Dest, in the /Names tree) and
    'chapter-4' (a GoTo action, in the old /Dests dictionary), as pdfTeX writes them."""
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=A4)
    for n in range(1, 5):
        canvas.drawString(72, 760, f"Chapter {n}")
        canvas.showPage()
    canvas.save()
    with pikepdf.open(io.BytesIO(buf.getvalue())) as pdf:
        pages = [page.obj for page in pdf.pages]
        tree = pikepdf.NameTree.new(pdf)
        tree["chapter-3"] = pikepdf.Array([pages[2], pikepdf.Name.XYZ, 0, 842, None])
        pdf.Root.Names = pikepdf.Dictionary(Dests=tree.obj)
        pdf.Root.Dests = pdf.make_indirect(
            pikepdf.Dictionary(
                {"/chapter-4": pikepdf.Dictionary(D=pikepdf.Array([pages[3], pikepdf.Name.Fit]))}
            )
        )
        by_name = pikepdf.Dictionary(
            Type=pikepdf.Name.Annot,
            Subtype=pikepdf.Name.Link,
            Rect=pikepdf.Array([72, 700, 300, 720]),
            Dest=pikepdf.String("chapter-3"),
        )
        by_action = pikepdf.Dictionary(
            Type=pikepdf.Name.Annot,
            Subtype=pikepdf.Name.Link,
            Rect=pikepdf.Array([72, 650, 300, 670]),
            A=pikepdf.Dictionary(S=pikepdf.Name.GoTo, D=pikepdf.Name("/chapter-4")),
        )
        pages[0].Annots = pikepdf.Array([pdf.make_indirect(by_name), pdf.make_indirect(by_action)])
        pdf.save(path)
    return path


def test_named_links_point_at_the_bundle_pages(tmp_path: Path) -> None:
    _manual_with_named_links(tmp_path / "manual.pdf")
    spec = write_spec(
        tmp_path,
        {
            "title": "Bundle",
            "sections": [
                {"title": "Evidence", "documents": [doc("manual.pdf", "Manual", "2025-01-02")]}
            ],
        },
    )
    out = tmp_path / "bundle.pdf"
    report = build_bundle(spec, out)
    first = report.documents[0].first_page
    assert first is not None
    with pikepdf.open(out) as pdf:
        page_index = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
        targets = []
        for annot in pdf.pages[first - 1].obj.Annots:
            if annot.get("/Subtype") != pikepdf.Name.Link:
                continue
            dest = annot.get("/Dest")
            if dest is None:
                dest = annot.A.D
            assert isinstance(dest, pikepdf.Array), dest
            targets.append(page_index[dest[0].objgen])
    # chapter 3 and chapter 4 of the manual, as bundle pages (0-based)
    assert sorted(targets) == [first - 1 + 2, first - 1 + 3]

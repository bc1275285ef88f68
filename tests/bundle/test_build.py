"""Building bundles and reading them back: numbers, labels, links, bookmarks, layout."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, LETTER, landscape

from sendocs.bundle import BundleSpec, build_bundle, load_bundle_spec
from sendocs.errors import OutputExistsError
from tests.bundle.conftest import FakeConverter, doc, make_pdf, write_spec


def page_numbers(reader: PdfReader) -> dict[int, int]:
    return {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}  # type: ignore[union-attr]


def index_links(reader: PdfReader, index_pages: int) -> list[tuple[int, tuple[float, ...], int]]:
    """(index page, rect, target page) of every link on the index pages."""
    numbers = page_numbers(reader)
    out = []
    for i in range(index_pages):
        for ref in reader.pages[i].get("/Annots", []) or []:
            annot = ref.get_object()
            assert annot["/Subtype"] == "/Link"
            target = numbers[annot["/Dest"][0].idnum]
            out.append((i, tuple(float(v) for v in annot["/Rect"]), target))
    return out


def outline_entries(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(depth, title, target page) in outline order."""
    out: list[tuple[int, str, int]] = []

    def walk(items: list[Any], depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                out.append((depth, item.title, reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return out


@pytest.fixture
def mixed_bundle(tmp_path: Path) -> tuple[Path, Path]:
    """A spec with A4, Letter, landscape and rotated documents, dates out of order."""
    make_pdf(tmp_path / "ev" / "decision.pdf", 2, size=LETTER)
    make_pdf(tmp_path / "ev" / "appeal.pdf", 3)
    make_pdf(tmp_path / "ev" / "plan.pdf", 4)
    make_pdf(tmp_path / "ev" / "wide.pdf", 2, size=landscape(A4))
    make_pdf(tmp_path / "ev" / "turned90.pdf", 2, rotate=90, upright=True)
    make_pdf(tmp_path / "ev" / "turned180.pdf", 1, size=LETTER, rotate=180, upright=True)
    make_pdf(tmp_path / "ev" / "turned270.pdf", 1, size=landscape(LETTER), rotate=270, upright=True)
    spec = {
        "title": "Appeal bundle — Ahmed v Anyshire County Council",
        "appeal_reference": "EH999/25/00001",
        "hearing_date": "2026-11-23",
        "sections": [
            {
                "title": "Appeal documents",
                "documents": [
                    doc("ev/appeal.pdf", "Notice of appeal", "2026-04-20", author="Ms F Ahmed"),
                    doc("ev/decision.pdf", "Decision letter", "2026-03-02"),
                ],
            },
            {
                "title": "EHC plan",
                "label": "B",
                "role": "ehc_plan",
                "documents": [doc("ev/plan.pdf", "Final EHC plan", "2026-01-15")],
            },
            {
                "title": "Parent's evidence",
                "party": "parent",
                "order": "as_listed",
                "documents": [
                    doc("ev/wide.pdf", "Provision table", "2026-09-01"),
                    doc("ev/turned90.pdf", "Therapy report", "2026-06-10", kind="expert_report"),
                    doc("ev/turned180.pdf", "Upside-down letter", "2026-02-01"),
                    doc("ev/turned270.pdf", "Sideways chart", "2026-02-02"),
                ],
            },
        ],
    }
    return write_spec(tmp_path, spec), tmp_path / "out" / "bundle.pdf"


def test_page_numbers_outline_links_and_labels(mixed_bundle: tuple[Path, Path]) -> None:
    spec_path, out = mixed_bundle
    report = build_bundle(spec_path, out)
    reader = PdfReader(out)
    assert report.pages == len(reader.pages) == 1 + 2 + 3 + 4 + 2 + 2 + 1 + 1
    assert report.index_pages == 1

    # every page carries its own PDF page number, whatever its size or rotation
    for i, page in enumerate(reader.pages):
        assert str(i + 1) in page.extract_text(), f"page {i + 1}"
    assert reader.page_labels == [str(i + 1) for i in range(len(reader.pages))]

    # date order within a section unless as_listed; ranges as printed in the index
    ranges = [(d.title, d.page_range) for d in report.documents]
    assert ranges == [
        ("Decision letter", "2–3"),
        ("Notice of appeal", "4–6"),
        ("Final EHC plan", "7–10"),
        ("Provision table", "11–12"),
        ("Therapy report", "13–14"),
        ("Upside-down letter", "15"),
        ("Sideways chart", "16"),
    ]
    index_text = reader.pages[0].extract_text()
    for title, page_range in ranges:
        assert title in index_text
        assert page_range in index_text
    assert "2 March 2026" in index_text and "20 April 2026" in index_text
    assert "Ms F Ahmed" in index_text and "EH999/25/00001" in index_text
    assert "23 November 2026" in index_text

    # a link per section heading and per document, each to the right first page
    links = index_links(reader, 1)
    targets = [t for _, _, t in links]
    assert targets == [1, 1, 3, 6, 6, 10, 10, 12, 14, 15]
    assert all(0 < r[0] < r[2] <= A4[0] and 0 < r[1] < r[3] <= A4[1] for _, r, _ in links)
    # links run down the page in index order
    tops = [r[3] for _, r, _ in links]
    assert tops == sorted(tops, reverse=True)

    assert outline_entries(reader) == [
        (0, "Index (p. 1)", 0),
        (0, "Section A: Appeal documents (p. 2)", 1),
        (1, "Decision letter, 2 March 2026 (p. 2)", 1),
        (1, "Notice of appeal, 20 April 2026 (p. 4)", 3),
        (0, "Section B: EHC plan (p. 7)", 6),
        (1, "Final EHC plan, 15 January 2026 (p. 7)", 6),
        (0, "Section C: Parent's evidence (p. 11)", 10),
        (1, "Provision table, 1 September 2026 (p. 11)", 10),
        (1, "Therapy report, 10 June 2026 (p. 13)", 12),
        (1, "Upside-down letter, 1 February 2026 (p. 15)", 14),
        (1, "Sideways chart, 2 February 2026 (p. 16)", 15),
    ]
    root = reader.trailer["/Root"]
    assert root["/PageMode"] == "/UseOutlines"
    open_action = root["/OpenAction"]
    assert page_numbers(reader)[open_action[0].idnum] == 0
    assert open_action[1] == "/XYZ" and float(open_action[4]) == 1.0
    assert reader.metadata is not None and reader.metadata.title.startswith("Appeal bundle")
    # sizes and rotations are kept (landscape pages stay landscape)
    assert reader.pages[1].mediabox.width == LETTER[0]
    assert reader.pages[12].rotation == 90 and reader.pages[14].rotation == 180


def _viewed_position(page: Any, label: str) -> tuple[float, float, float, float, float]:
    """Where the stamp ``label`` is drawn, in viewed coordinates, and its x direction."""
    found: list[tuple[list[float], list[float]]] = []

    def visitor(text: str, cm: list[float], tm: list[float], *_: Any) -> None:
        if text.strip() == label:
            found.append((list(cm), list(tm)))

    page.extract_text(visitor_text=visitor)
    assert found, f"stamp {label!r} not found"
    cm, tm = found[-1]
    # text origin and x-axis direction in user space
    ux = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
    uy = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
    dx, dy = tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3]
    box = page.cropbox
    x0, y0, x1, y1 = float(box.left), float(box.bottom), float(box.right), float(box.top)
    r = page.rotation % 360
    # user space → viewed space (inverse of the display rotation)
    if r == 0:
        vx, vy, vdx, vdy, vw, vh = ux - x0, uy - y0, dx, dy, x1 - x0, y1 - y0
    elif r == 90:
        vx, vy, vdx, vdy, vw, vh = uy - y0, x1 - ux, dy, -dx, y1 - y0, x1 - x0
    elif r == 180:
        vx, vy, vdx, vdy, vw, vh = x1 - ux, y1 - uy, -dx, -dy, x1 - x0, y1 - y0
    else:
        vx, vy, vdx, vdy, vw, vh = y1 - uy, ux - x0, -dy, dx, y1 - y0, x1 - x0
    return vx / vw, vy / vh, vdx, vdy, vw


def test_stamp_is_upright_at_bottom_right_as_viewed(mixed_bundle: tuple[Path, Path]) -> None:
    spec_path, out = mixed_bundle
    build_bundle(spec_path, out)
    reader = PdfReader(out)
    for i in (0, 1, 10, 12, 14, 15):  # A4, Letter, landscape, /Rotate 90, 180, 270
        fx, fy, dx, dy, _ = _viewed_position(reader.pages[i], str(i + 1))
        assert 0.75 < fx < 1.0, (i, fx)
        assert 0.0 < fy < 0.06, (i, fy)
        assert dx > 0 and abs(dy) < 1e-6, (i, dx, dy)  # reads left to right, not turned


def test_section_numbering(mixed_bundle: tuple[Path, Path]) -> None:
    spec_path, out = mixed_bundle
    spec = load_bundle_spec(spec_path).model_copy(update={"numbering": "section"})
    report = build_bundle(spec, out)
    reader = PdfReader(out)
    expected = ["Index 1", "A1", "A2", "A3", "A4", "A5", "B1", "B2", "B3", "B4"]
    expected += [f"C{k}" for k in range(1, 7)]
    assert reader.page_labels == expected
    for i, label in enumerate(expected):
        assert label in reader.pages[i].extract_text()
    assert [s.page_range for s in report.sections] == ["A1–A5", "B1–B4", "C1–C6"]
    index_text = reader.pages[0].extract_text()
    assert "A3–A5" in index_text and "C5" in index_text
    assert [t for _, _, t in index_links(reader, 1)] == [1, 1, 3, 6, 6, 10, 10, 12, 14, 15]


def test_a4_option_places_other_sizes_on_a4(mixed_bundle: tuple[Path, Path]) -> None:
    spec_path, out = mixed_bundle
    spec = load_bundle_spec(spec_path).model_copy(update={"a4": True})
    build_bundle(spec, out)
    reader = PdfReader(out)
    for i, page in enumerate(reader.pages):
        w, h = sorted((float(page.mediabox.width), float(page.mediabox.height)))
        assert (round(w), round(h)) == (595, 842), i
        assert str(i + 1) in page.extract_text()
        assert "Sample evidence page" in page.extract_text() or i == 0
    assert float(reader.pages[11].mediabox.width) > float(reader.pages[11].mediabox.height)


def test_long_index_spans_pages_with_correct_links(tmp_path: Path) -> None:
    make_pdf(tmp_path / "one.pdf", 1)
    make_pdf(tmp_path / "two.pdf", 2, text="Another evidence page")
    documents = [
        doc(
            "one.pdf" if n % 2 else "two.pdf",
            f"Letter number {'x' * (n % 5)} from school",
            (dt.date(2025, 1, 1) + dt.timedelta(days=n)).isoformat(),
        )
        for n in range(80)
    ]
    spec = {
        "title": "Long bundle",
        "sections": [
            {"title": "First", "documents": documents[:50]},
            {"title": "Second", "documents": documents[50:]},
        ],
    }
    out = tmp_path / "long.pdf"
    report = build_bundle(write_spec(tmp_path, spec), out)
    reader = PdfReader(out)
    assert report.index_pages >= 2
    n_index = report.index_pages
    assert len(reader.pages) == n_index + 40 * 1 + 40 * 2
    links = index_links(reader, n_index)
    assert {p for p, _, _ in links} == set(range(n_index))
    doc_targets = [t for _, _, t in links]
    expected: list[int] = []
    page = n_index
    for s, docs in enumerate((documents[:50], documents[50:])):
        expected.append(page)  # section heading
        for d in docs:
            expected.append(page)
            page += 1 if d["path"] == "one.pdf" else 2
        del s
    assert doc_targets == expected
    for d in report.documents:
        assert d.first_page is not None
        assert str(d.first_page) in reader.pages[d.first_page - 1].extract_text()
    assert "Index (continued)" in reader.pages[1].extract_text()
    last = reader.pages[-1].extract_text()
    assert str(len(reader.pages)) in last
    assert reader.page_labels[-1] == str(len(reader.pages))


def test_docx_through_converter_and_images(tmp_path: Path, fake_converter: FakeConverter) -> None:
    from PIL import Image

    (tmp_path / "letter.docx").write_text("3", encoding="utf-8")
    (tmp_path / "note.odt").write_text("1", encoding="utf-8")
    Image.new("RGB", (300, 200), "white").save(tmp_path / "photo.png")
    make_pdf(tmp_path / "report.pdf", 2)
    spec = {
        "title": "T",
        "sections": [
            {
                "title": "S",
                "documents": [
                    doc("letter.docx", "Letter", "2026-01-01"),
                    doc("photo.png", "Photo", "2026-01-02"),
                    doc("report.pdf", "Report", "2026-01-03"),
                    doc("note.odt", "Note", "2026-01-04"),
                ],
            }
        ],
    }
    out = tmp_path / "b.pdf"
    report = build_bundle(write_spec(tmp_path, spec), out, converter=fake_converter)
    assert len(fake_converter.calls) == 1  # one call for all Word/ODT files
    assert [p.name for p in fake_converter.calls[0]] == ["letter.docx", "note.odt"]
    reader = PdfReader(out)
    assert [d.page_range for d in report.documents] == ["2–4", "5", "6–7", "8"]
    assert "Converted letter" in reader.pages[1].extract_text()
    photo = reader.pages[4]
    assert float(photo.mediabox.width) > float(photo.mediabox.height)  # wide image: landscape
    assert "5" in photo.extract_text()
    assert "no_text_layer" in report.warning_codes()


def test_missing_converter_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    from sendocs.errors import BundleError

    monkeypatch.setitem(sys.modules, "sendocs.render.convert", None)
    (tmp_path / "letter.docx").write_text("1", encoding="utf-8")
    spec = {
        "title": "T",
        "sections": [{"title": "S", "documents": [doc("letter.docx", "Letter", "2026-01-01")]}],
    }
    with pytest.raises(BundleError, match="LibreOffice conversion is not available"):
        build_bundle(write_spec(tmp_path, spec), tmp_path / "b.pdf")
    assert not (tmp_path / "b.pdf").exists()


def test_refuses_to_overwrite_without_force(mixed_bundle: tuple[Path, Path]) -> None:
    spec_path, out = mixed_bundle
    out.parent.mkdir(parents=True)
    out.write_bytes(b"earlier bundle")
    with pytest.raises(OutputExistsError):
        build_bundle(spec_path, out)
    assert out.read_bytes() == b"earlier bundle"
    build_bundle(spec_path, out, force=True)
    assert len(PdfReader(out).pages) == 16
    assert [p.name for p in out.parent.iterdir()] == ["bundle.pdf"]  # no temp files left


def test_spec_object_and_fixture_example(tmp_path: Path) -> None:
    fixture = Path(__file__).resolve().parents[2] / "fixtures" / "bundle" / "bundle.yaml"
    spec = load_bundle_spec(fixture)
    assert isinstance(spec, BundleSpec)
    report = build_bundle(spec, tmp_path / "example.pdf")
    reader = PdfReader(tmp_path / "example.pdf")
    assert [s.page_count for s in report.sections] == [6, 28, 2, 34, 1]
    # the heading's evidence table (E1-E9) takes the index just over one page
    assert report.index_pages == 2
    assert report.pages == len(reader.pages) == 2 + 71
    # the speech and language report is saved with /Rotate 90 on portrait text
    assert report.warning_codes() == ["pages_turned_upright", "no_text_layer"]


def test_bundle_gets_the_permissions_of_any_saved_file(mixed_bundle: tuple[Path, Path]) -> None:
    # Written through files.atomic_output like every other output: not mkstemp's 0600.
    from sendocs.files import FILE_MODE

    spec_path, out = mixed_bundle
    build_bundle(spec_path, out)
    assert out.stat().st_mode & 0o777 == FILE_MODE
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".")]


def test_the_index_never_ends_on_a_page_holding_one_row(tmp_path: Path) -> None:
    """An index that spills over by a row or two carries rows with it to its last page,
    and never leaves a section heading alone at the foot of the page before."""
    from sendocs.bundle.index import _LAST_PAGE_ROWS, paginate_index
    from sendocs.bundle.inputs import load_documents
    from sendocs.bundle.layout import plan_layout
    from sendocs.bundle.spec import load_bundle_spec

    make_pdf(tmp_path / "one.pdf")
    for extra in range(0, 40):
        documents = [
            {"path": "one.pdf", "title": f"Report {i + 1}", "date": "2026-01-05"}
            for i in range(30 + extra)
        ]
        spec_path = write_spec(
            tmp_path,
            {
                "title": "Spill-over bundle",
                "sections": [
                    {"title": "First", "documents": documents[:-1]},
                    {"title": "Last", "documents": documents[-1:]},
                ],
            },
        )
        spec = load_bundle_spec(spec_path)
        entries = load_documents(spec, tmp_path / f"work{extra}", None)
        pages = paginate_index(spec, plan_layout(spec, entries, index_pages=1).sections).pages
        if len(pages) < 2:
            continue
        assert len(pages[-1]) >= _LAST_PAGE_ROWS, extra
        assert pages[-2][-1].document is not None, extra  # no heading alone at a foot
        rows = [(r.section, r.document) for page in pages for r in page]
        assert rows == sorted(rows, key=lambda r: (r[0], -1 if r[1] is None else r[1]))
        break
    else:
        raise AssertionError("the index never needed a second page")

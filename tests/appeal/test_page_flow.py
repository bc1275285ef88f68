"""Page flow of the appeal, the working document and the request, as LibreOffice lays
them out (the third expert read found a signature alone on a page, an enclosures
table split two rows onto a page of their own, and a working document whose last
page held only its evidence notes).

Each document is rendered from a fixture, converted to PDF in one LibreOffice call,
and read back page by page with pypdf.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader

from sendocs.documents import RenderOptions, get_kind
from sendocs.loading import load_case
from sendocs.render.docx import DocxRenderer
from sendocs.render.libreoffice import LibreOfficeConverter

from .conftest import SAMI

pytestmark = pytest.mark.libreoffice

CASES = SAMI.parent
DATE = dt.date(2026, 11, 30)
DOCUMENTS = (
    ("leo-baxter", "appeal"),
    ("ella-owusu", "appeal"),
    ("sami-ahmed", "appeal"),
    ("ella-owusu", "working-document"),
    ("sami-ahmed", "working-document"),
    ("kai-thompson", "assessment-request"),
    ("ruby-clarke", "letter-before-claim"),
    ("kai-thompson", "letter-before-claim"),
)
LATE = {"letter-before-claim": dt.date(2027, 1, 20)}  # once the decision is overdue


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], list[str]]:
    """Each document's pages as whitespace-flattened text."""
    folder = tmp_path_factory.mktemp("flow")
    sources = []
    for name, kind_name in DOCUMENTS:
        kind = get_kind(kind_name)
        options = RenderOptions(date=LATE.get(kind_name, DATE))
        case = load_case(CASES / f"{name}.yaml").case
        source = folder / f"{name}-{kind_name}.docx"
        source.write_bytes(
            DocxRenderer().render_bytes(
                kind.template_path(options), kind.build_context(case, options)
            )
        )
        sources.append(source)
    with LibreOfficeConverter(mode="batch", workers=1) as converter:
        pdfs = converter.convert(sources, folder)
    out = {}
    for key, pdf in zip(DOCUMENTS, pdfs, strict=True):
        out[key] = [" ".join((p.extract_text() or "").split()) for p in PdfReader(Path(pdf)).pages]
    return out


def _page_with(pages: list[str], text: str) -> str:
    (page,) = [p for p in pages if text in p]
    return page


@pytest.mark.parametrize("name", ["leo-baxter", "ella-owusu", "sami-ahmed"])
def test_appeal_signature_shares_a_page_with_the_result_sought_and_the_text_before(
    pages: dict[tuple[str, str], list[str]], name: str
) -> None:
    doc = pages[(name, "appeal")]
    signed = _page_with(doc, "Signed: ____")
    assert "Result sought" in signed
    # the paragraph before "Result sought" is on that page too
    before = signed.split("Result sought", 1)[0]
    assert any(ch.isdigit() for ch in before[-400:]), before[-400:]
    # the notice's signature table travels with the hearing details
    table = _page_with(doc, "Role Name Signature Date")
    assert "The hearing" in table


def test_kai_enclosures_table_is_not_split(pages: dict[tuple[str, str], list[str]]) -> None:
    doc = pages[("kai-thompson", "assessment-request")]
    # the heading, the sentence and the first rows share a page; the list may run on
    # (kept whole it left half a page empty under the signature, s18 #6)
    enclosures = _page_with(doc, "Copies of these documents are enclosed")
    for row in ("1 Attendance record", "2 SEN support plans"):
        assert row in enclosures, row
    assert len(doc) <= 5
    # the signature is with the body of the letter, not alone at a page top
    signed = _page_with(doc, "Yours faithfully")
    assert "Please confirm that you have received this request" in signed


def test_ella_working_document_has_no_near_empty_last_page(
    pages: dict[tuple[str, str], list[str]],
) -> None:
    doc = pages[("ella-owusu", "working-document")]
    assert len(doc) == 1
    assert "Evidence notes" in doc[0] and "End of working document." in doc[0]
    sami = pages[("sami-ahmed", "working-document")]
    assert "Evidence notes" in sami[-1] and "End of working document." in sami[-1]


@pytest.mark.parametrize("name", ["ruby-clarke", "kai-thompson"])
def test_letter_before_claim_signatures_travel_with_the_last_point(
    pages: dict[tuple[str, str], list[str]], name: str
) -> None:
    """A chain of keep-with-next paragraphs left Ruby's parents' signatures alone on the
    last page and Kai's last heading alone at a page foot: the signature block is now
    one unsplittable row that the last point keeps with."""
    doc = pages[(name, "letter-before-claim")]
    signed = _page_with(doc, "Yours faithfully")
    assert "13. Address for reply and proposed reply date Please reply to" in signed
    for page in doc[:-1]:
        assert not page.rstrip().split("Page ")[0].rstrip().endswith("reply date")

"""Citations come from structured data (#11 s17 item 5): a pinpoint into an EHC plan
is printed from the reference's section/page/paragraph fields, the answer to "another
school is better" cites the appeal's own paragraphs by their generated numbers, and
``validate`` warns where a reference is typed into text or points past its document."""

from __future__ import annotations

import re

import yaml

from sendocs.documents.appeal_evidence import pinpoint
from sendocs.loading import load_case
from sendocs.models import Case, EvidenceRef
from sendocs.models.citations import citation_warnings

from .conftest import APPEAL, DOCUMENT_DATE, ROOT, render, sami_data, text_of

CASES = ROOT / "fixtures" / "cases"


def _reasons(case: Case) -> str:
    text = text_of(render(APPEAL, case))
    return text.split("Part 3. Reasons for appeal", 1)[1].split("Part 4.", 1)[0]


def _number_of(reasons: str, lead: str) -> int:
    match = re.search(r"(\d+)\.\s+" + re.escape(lead), reasons)
    assert match, lead
    return int(match.group(1))


def test_ellas_answer_cites_the_paragraphs_it_means() -> None:
    case = load_case(CASES / "ella-owusu.yaml", today=DOCUMENT_DATE).case
    reason = case.appeal.la_reasons[0] if case.appeal else None
    assert reason is not None and reason.answer is None  # nothing typed
    reasons = _reasons(case)
    test = _number_of(reasons, "The test: section 39(4).")
    met = _number_of(reasons, "The test is met.")
    assert (
        f"That is not the test (paragraph {test}): St Mark’s CE Primary School must be named "
        f"unless section 39(4) applies, and it does not (paragraph {met})." in reasons
    )
    # one more paragraph before them moves both numbers, and the answer follows
    data = yaml.safe_load((CASES / "ella-owusu.yaml").read_text(encoding="utf-8"))
    data["appeal"]["preferred_school"]["response"] = None
    data["appeal"]["preferred_school"]["consulted_on"] = None
    fewer = _reasons(Case.model_validate(data))
    assert _number_of(fewer, "The test: section 39(4).") == test - 1
    assert f"That is not the test (paragraph {test - 1})" in fewer


def test_plan_sections_are_cited_from_the_reference() -> None:
    reasons = _reasons(load_case(CASES / "ella-owusu.yaml", today=DOCUMENT_DATE).case)
    assert "(E1 Sections B, F, pp.3, 9 \u2014 Final EHC plan with appendices" in reasons
    assert "E4 pp.9\u201310, paras 5.3, 5.6 \u2014 Educational psychology advice" in reasons
    assert pinpoint(EvidenceRef(document="E1", section="B", page=3, paragraph="B2")) == (
        "E1 Section B, p.3, para B2"
    )


def test_chronology_prints_the_summarys_paragraphs() -> None:
    text = text_of(render(APPEAL, load_case(CASES / "ella-owusu.yaml", today=DOCUMENT_DATE).case))
    chronology = text.split("Part 5.", 1)[1]
    assert (
        "Ella learns best alongside children who model spoken language and play (paras 5.3, 5.6)."
        in chronology
    )


def test_no_fixture_types_a_reference_or_cites_past_a_document() -> None:
    for path in sorted(CASES.glob("*.yaml")):
        case = load_case(path, today=DOCUMENT_DATE).case
        assert citation_warnings(case) == [], path.name


def test_validate_warns_on_typed_and_impossible_references() -> None:
    data = sami_data()
    appeal = data["appeal"]
    appeal["grounds"][0]["text"] += " See paras 3.2 and 4.3."
    appeal["grounds"][0]["evidence"].append({"document": "E2", "page": 40})
    appeal["grounds"][1]["evidence"].append({"document": "E1", "section": "B"})
    appeal["grounds"][2]["evidence"].append({"document": "E3", "section": "B", "paragraph": "F2"})
    appeal["la_reasons"] = [
        {"text": "Greenfield can meet Sami’s needs.", "answer": "See paragraph 9."}
    ]
    case = Case.model_validate(data)
    found = {(w.path, w.message.split(":")[0]) for w in citation_warnings(case)}
    paths = {path for path, _ in found}
    assert ("appeal", "grounds", 0, "text") in paths
    assert ("appeal", "grounds", 0, "evidence", 2, "page") in paths  # E2 has 12 pages
    assert ("appeal", "grounds", 1, "evidence", 1, "section") in paths  # E1 is a report
    assert ("appeal", "grounds", 2, "evidence", 3, "paragraph") in paths  # F2 is not in B
    assert ("appeal", "la_reasons", 0, "answer") in paths
    messages = " ".join(w.message for w in citation_warnings(case))
    assert "page 40 of E2 is cited, but E2 (Speech and language therapy report) has 12 pages" in (
        messages
    )
    assert "give the reason's topic (placement" in messages

"""The four-reader expert read of the appeals at b8814a4 (#11 s19, lane E): each finding's
fix asserted on the words (and, for page flow, on the pages LibreOffice lays out)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from sendocs.bundle import load_bundle_spec
from sendocs.documents import RenderOptions
from sendocs.documents.appeal import APPEAL_AS_LODGED
from sendocs.documents.working_document import build_context as working_context
from sendocs.loading import load_case
from sendocs.models import Case
from sendocs.render.docx import DocxRenderer
from sendocs.render.libreoffice import LibreOfficeConverter

from .conftest import APPEAL, ROOT, iter_paragraphs, render, sami_data, text_of

DATE = dt.date(2026, 11, 23)
OPTIONS = RenderOptions(date=DATE)


def _case(name: str) -> Case:
    return load_case(ROOT / "fixtures" / "cases" / f"{name}.yaml").case


def _reasons(case: Case, kind: object = APPEAL) -> str:
    text = text_of(render(kind, case))  # type: ignore[arg-type]
    return " ".join(text.split("Reasons for appeal", 2)[-1].split())


def _warnings(case: Case) -> list[str]:
    return list(APPEAL.warnings(case, OPTIONS))  # type: ignore[misc]


# 1. headings keep with their paragraph; small tables keep together ---------------------


def test_leo_time_limit_heading_keeps_with_its_paragraph() -> None:
    """The paragraph under "Time limit" is not itself chained to "Result sought" (the
    chain left the heading alone at a page foot in LibreOffice); the result sought and
    the signature still keep together."""
    doc = render(APPEAL_AS_LODGED, _case("leo-baxter"))
    paras = list(iter_paragraphs(doc))
    at = next(i for i, p in enumerate(paras) if p.text == "Time limit")
    assert paras[at].style is not None and paras[at].style.name == "Heading 2"
    assert paras[at + 1].text.startswith("14.\tThe time limit for this appeal ended")
    assert not paras[at + 1].paragraph_format.keep_with_next
    result = next(p for p in paras if p.text.startswith("15.\tThat the Tribunal orders"))
    assert result.paragraph_format.keep_with_next


def test_child_details_rows_keep_together() -> None:
    doc = render(APPEAL_AS_LODGED, _case("leo-baxter"))
    table = next(
        t
        for t in doc.tables
        if t.rows[0].cells[0].text == "Name"
        and "Date of birth" in [c.text for c in t.rows[0].cells]
    )
    first = table.rows[0].cells[0].paragraphs[0]
    assert first.paragraph_format.keep_with_next
    assert "Year group" in [c.text for c in table.rows[1].cells]


@pytest.mark.libreoffice
def test_leo_and_sami_pages_keep_headings_and_child_table(tmp_path: Path) -> None:
    sources = []
    for name in ("leo-baxter", "sami-ahmed"):
        for kind in (APPEAL, APPEAL_AS_LODGED):
            case = _case(name)
            path = tmp_path / f"{name}-{kind.name}.docx"
            path.write_bytes(
                DocxRenderer().render_bytes(
                    kind.template_path(OPTIONS), kind.build_context(case, OPTIONS)
                )
            )
            sources.append(path)
    with LibreOfficeConverter(mode="batch", workers=1) as converter:
        pdfs = converter.convert(sources, tmp_path)
    for pdf in pdfs:
        pages = [" ".join((p.extract_text() or "").split()) for p in PdfReader(pdf).pages]
        child = [p for p in pages if "The child Name" in p]
        assert len(child) == 1 and "Year group" in child[0], pdf
        for page in pages:
            # no heading of the reasons is the last thing above the footer
            assert not re.search(
                r"(Time limit|Result sought|Signature) (Leo Baxter|Sami Ahmed) Confidential", page
            ), pdf
        leo_time = [p for p in pages if "Time limit 14." in p]
        if pdf.name.startswith("leo") and "lodged" in pdf.name:
            assert leo_time, pdf


# 2. the working document's versions in one order ----------------------------------------


def test_sami_working_document_versions_parent_first_in_every_item() -> None:
    sections = working_context(_case("sami-ahmed"), OPTIONS)["sections"]
    rows = {r["paragraph"]: r for s in sections for r in s["rows"]}
    f2, f3 = str(rows["F2"]["text"]), str(rows["F3"]["text"])
    assert f2.index("two 45-minute sessions") < f2.index("six sessions of direct")
    assert f3.index("at least 15 hours a week") < f3.index(
        "Sami will receive 15 hours a week of support from a teaching assistant."
    )
    assert rows["F2"]["by"] == rows["F3"]["by"] == "Parent / Local authority"


# 3. the therapy not started, cited precisely --------------------------------------------


def test_sami_not_started_paragraph_says_only_what_its_evidence_shows() -> None:
    """#11 s19 fix E2-1: no document records the 14 September request, so the appeal does
    not state it; what E2 (15 September) and E8 (13 November, after the plan) show is said."""
    reasons = _reasons(_case("sami-ahmed"))
    assert (
        "Sami has had no speech and language therapy since an NHS block ended in July 2026, "
        "and none since the plan was issued on 2 October 2026 (E2 pp.2, 11, paras 1.3, 7.1 "
        "\u2014 Speech and language therapy report, Ms Hannah Lewis, 15 September 2026; E8 "
        "p.1, para 3 \u2014 SENCO report, Mr David Osei, 13 November 2026). In Mr and Mrs "
        "Ahmed\u2019s own words:" in reasons
    )
    assert "14 September 2026" not in reasons
    assert "has been allocated" not in reasons
    warnings = _warnings(_case("sami-ahmed"))
    assert any(
        "requested_evidence: no cited document dated on or after 2026-09-14 records the "
        "request" in w
        for w in warnings
    )


def test_request_is_stated_only_from_evidence_dated_on_or_after_it() -> None:
    data = sami_data()
    item = data["cycles"][1]["provision"][3]
    item["requested_evidence"] = [{"document": "E8", "page": 1, "paragraph": "3"}]
    reasons = _reasons(Case.model_validate(data))
    assert (
        "The school asked Anyshire County Council’s SEND Statutory Assessment and Review "
        "Service to arrange it on 14 September 2026, and no speech and language therapist "
        "has been allocated (E8 p.1, para 3" in reasons
    )
    # a report written before the plan cannot show nothing has happened since it
    item["not_delivered_evidence"] = [{"document": "E2", "page": 11, "paragraph": "7.1"}]
    reasons = _reasons(Case.model_validate(data))
    assert "none since the plan was issued" not in reasons


def test_not_started_without_evidence_warns() -> None:
    data = sami_data()
    for cycle in data["cycles"]:
        for item in cycle.get("provision", []):
            item.pop("not_delivered_evidence", None)
    warnings = _warnings(Case.model_validate(data))
    assert any(
        "not_delivered_evidence is not given: the appeal says Speech and language therapy "
        "(NHS therapy service) has not started" in w
        for w in warnings
    )


# 4. every reason the council gave is answered --------------------------------------------


def test_sami_answers_the_councils_reasons() -> None:
    reasons = _reasons(_case("sami-ahmed"))
    assert (
        "Reason 1. The local authority said: \u201cGreenfield can meet Sami’s needs with the "
        "provision in Section F.\u201d That is not the test (paragraph 13): Brookfield Primary "
        "School (Language Resource Base) must be named unless section 39(4) applies, and it "
        "does not (paragraph 14). Greenfield’s own SENCO report says the school has no speech "
        "and language therapist of its own" in reasons
    )
    assert "(E4 p.1, para 3 \u2014 Decision letter issuing the final EHC plan" in reasons
    assert "E8 p.1, paras 2, 3 \u2014 SENCO report" in reasons
    assert not [w for w in _warnings(_case("sami-ahmed")) if "la_reasons" in w]


def test_contents_appeal_without_council_reasons_warns() -> None:
    data = sami_data()
    data["appeal"].pop("la_reasons")
    warnings = _warnings(Case.model_validate(data))
    assert any(w.startswith("appeal.la_reasons is empty") for w in warnings)


# 5. reg 13(1): the date the draft plan was served ----------------------------------------


def test_sami_reg_13_clause_states_when_the_draft_was_served() -> None:
    reasons = _reasons(_case("sami-ahmed"))
    assert (
        "Mr and Mrs Ahmed asked Anyshire County Council to name the school on 8 September "
        "2026, in the representations on the draft plan served on 26 August 2026: a request "
        "under section 38(2)(b) of the Children and Families Act 2014, made within the 15 "
        "days regulation 13(1) of the SEND Regulations 2014 allows (to 9 September 2026)."
        in reasons
    )


def test_reg_13_without_the_served_date_warns_and_leaves_no_blank() -> None:
    data = sami_data()
    data["appeal"]["preferred_school"].pop("draft_plan_served_on")
    case = Case.model_validate(data)
    reasons = _reasons(case)
    assert "served on  " not in reasons and "served on :" not in reasons
    assert "made within the period in regulation 13(1) of the SEND Regulations 2014" in reasons
    assert any(
        w.startswith("appeal.preferred_school.draft_plan_served_on is not given")
        for w in _warnings(case)
    )


def test_request_after_the_15th_day_is_not_called_within_it() -> None:
    data = sami_data()
    data["appeal"]["preferred_school"]["requested_on"] = "2026-09-20"
    case = Case.model_validate(data)
    assert "within the 15 days" not in _reasons(case)
    assert any("after the 15th day from service" in w for w in _warnings(case))


# 6. a signature line for each appellant ------------------------------------------------


def test_two_appellants_each_sign_the_reasons() -> None:
    sami = _case("sami-ahmed")
    draft = text_of(render(APPEAL, sami))
    tail = draft.split("Reasons for appeal", 2)[-1]
    assert tail.count("Signed: ____________________________    Date: ______________") == 2
    assert "Date: ______________\nMrs Farida Ahmed\nSigned:" in tail
    assert "Date: ______________\nMr Imran Ahmed" in tail
    lodged = text_of(render(APPEAL_AS_LODGED, sami))
    assert "Signed: Mrs Farida Ahmed, 23 November 2026" in lodged
    assert "Signed: Mr Imran Ahmed, 23 November 2026" in lodged
    assert "Signed: Mrs Farida Ahmed, appellant, 23 November 2026" in lodged
    assert "Signed: Mr Imran Ahmed, appellant, 23 November 2026" in lodged


# 7. exact figures -----------------------------------------------------------------------


def test_leo_money_and_delay_are_exact() -> None:
    reasons = _reasons(_case("leo-baxter"))
    assert "about \u00a3" not in reasons
    assert re.search(r"has cost \u00a31,\d{3}\.\d\d to 16 November 2026\.", reasons)
    assert "Eastshire Council decided 81 days (11 weeks and 4 days) later" in reasons
    assert "11 weeks later" not in reasons


# 8. the bundle files what the parents lodged in their section --------------------------


def test_bundle_files_e7_and_e8_with_the_parents_evidence() -> None:
    spec = load_bundle_spec(ROOT / "fixtures" / "bundle" / "bundle.yaml")
    where = {d.ref: s.label for s in spec.sections for d in s.documents if d.ref}
    assert where["E8"] == where["E7"] == where["E1"] == "D"
    (parents,) = [s for s in spec.sections if s.label == "D"]
    assert "SENCO report" in [d.title for d in parents.documents]


# 9. the submission on prejudice is the appellant's, never the tool's ---------------------


def test_leo_prejudice_submission_comes_from_the_case() -> None:
    leo = _case("leo-baxter")
    reasons = _reasons(leo)
    assert (
        "The appeal is lodged 26 days after the time limit. Ms Baxter submits that the delay "
        "causes Eastshire Council no prejudice: the evidence it decided on has not changed"
        in reasons
    )
    assert leo.appeal is not None
    bare = leo.model_copy(update={"appeal": leo.appeal.model_copy(update={"late_prejudice": None})})
    reasons = _reasons(bare)
    assert "The appeal is lodged 26 days after the time limit." in reasons
    assert "prejudice" not in reasons
    assert any("appeal.late_prejudice is empty" in w for w in _warnings(bare))


def test_leo_e1_and_e2_citations_give_their_pages() -> None:
    """The case's own facts are cited to the page the case records for them: the
    diagnosis, each review, the advice not delivered (#11 s19)."""
    reasons = _reasons(_case("leo-baxter"))
    assert "(E1 p.8, para 6.1 \u2014 Educational psychology report, Dr Martin Cole" in reasons
    assert "(E2 pp.3, 6, 9 \u2014 SEN support plans and reviews, 2025-26" in reasons
    assert "(E1 p.10, paras 8.2, 8.3 \u2014 Educational psychology report" in reasons
    assert "(E1 \u2014" not in reasons and "(E2 \u2014" not in reasons


# fix round E2 (#11 s19) ----------------------------------------------------------------


def test_leo_cost_by_review_is_all_plans_with_the_current_plans_share() -> None:
    reasons = _reasons(_case("leo-baxter"))
    assert (
        "By the review on 11 December 2026 the four plans will have cost \u00a31,434.77 in all; "
        "the current plan accounts for \u00a3552.07 of that "
        "(E5 pp.1\u20132 \u2014 Provision map for Leo" in reasons
    )
    assert "The earlier plans are costed from E2 pp.3, 6, 9." in reasons
    assert "If the current plan runs" not in reasons
    assert "within 6 weeks of receiving the request, that is by 13 July 2026." in reasons


def test_sami_grounds_box_says_the_placement_reason_applies_the_wrong_test() -> None:
    from sendocs.documents.appeal_reasons import reasons_for_appeal

    case = _case("sami-ahmed")
    parts = reasons_for_appeal(case, OPTIONS)
    [part] = [p for p in parts if p.heading.startswith("The local authority")]
    assert part.summary == (
        "The local authority\u2019s reason, \u201cGreenfield can meet Sami’s needs with the "
        "provision in Section F\u201d, applies the wrong test and is wrong on the facts."
    )  # the paragraph number is the grounds box's, after the heading: said once


def test_ella_consulted_by_and_plan_pages() -> None:
    reasons = _reasons(_case("ella-owusu"))
    assert "Northam Borough Council consulted the school on 14 October 2026" in reasons
    assert "(E1 Sections B, F, pp.3, 9 \u2014 Final EHC plan" in reasons


def test_no_unverified_case_law_in_the_late_appeal_route() -> None:
    from docx import Document

    text = "\n".join(p.text for p in Document(str(ROOT / "templates" / "appeal.docx")).paragraphs)
    assert "rule 20(4)" in text
    assert "Essex" not in text and "UKUT" not in text


def test_bundle_lists_the_witness_statement_and_one_order_of_appellants() -> None:
    import yaml

    spec = yaml.safe_load((ROOT / "fixtures" / "bundle" / "bundle.yaml").read_text())
    assert spec["appellants"].startswith("Mrs Farida Ahmed and Mr Imran Ahmed")
    docs = [d for s in spec["sections"] for d in s["documents"]]
    [statement] = [d for d in docs if d["path"].endswith("parent-statement.pdf")]
    assert statement["ref"] == "E9"
    assert any(e.ref == "E9" and e.pages == 2 for e in _case("sami-ahmed").evidence)

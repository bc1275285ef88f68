"""The solicitor's second read of the appeals, as-lodged notices, working documents and
the demo bundle (s18 R6, issue #11): each finding's fix, asserted on the words."""

from __future__ import annotations

import datetime as dt
import re

from sendocs.documents import RenderOptions
from sendocs.documents.appeal import APPEAL_AS_LODGED, build_lodged_context
from sendocs.documents.working_document import build_context as working_context
from sendocs.loading import load_case
from sendocs.models import Case

from .conftest import APPEAL, ROOT, WORKING, render, render_bytes, text_of

DATE = dt.date(2026, 11, 23)


def _case(name: str) -> Case:
    return load_case(ROOT / "fixtures" / "cases" / f"{name}.yaml").case


def _reasons(name: str) -> str:
    text = text_of(render(APPEAL, _case(name)))
    return text.split("Reasons for appeal", 2)[-1]


def test_as_lodged_needs_the_lodging_and_signing_dates() -> None:
    """1: Ella's case records neither: no unsigned notice presented as lodged."""
    options = RenderOptions(date=DATE)
    [problem] = APPEAL_AS_LODGED.check(_case("ella-owusu"), options)
    assert problem.startswith("record appeal.lodged_on and appeal.signed_on (YYYY-MM-DD)")
    assert "appeal.lodged_on and appeal.signed_on are not given" in problem
    assert APPEAL_AS_LODGED.check(_case("sami-ahmed"), options) == []
    leo = _case("leo-baxter")
    assert leo.appeal is not None
    unlodged = leo.model_copy(update={"appeal": leo.appeal.model_copy(update={"lodged_on": None})})
    [problem] = APPEAL_AS_LODGED.check(unlodged, options)
    assert "appeal.lodged_on is not given" in problem


def test_as_lodged_cross_references_follow_its_own_layout() -> None:
    """2: in the notice as lodged the reasons are Part 2 (Part 3 lists the documents)."""
    context = build_lodged_context(_case("sami-ahmed"), RenderOptions(date=DATE))
    assert context["hsc_span"] == "paragraphs 18\u201319"
    assert context["views_span"] == "paragraph 17"
    import io

    from docx import Document as Docx

    doc = Docx(io.BytesIO(render_bytes(APPEAL_AS_LODGED, _case("sami-ahmed"))))
    text = text_of(doc)
    assert (
        "The appellants ask the tribunal to make these recommendations (set out in Part 2, "
        "paragraphs 18\u201319):" in text
    )
    assert "(also in Part 2, paragraph 17)" in text
    assert "(set out in Part 3)" not in text
    draft = text_of(render(APPEAL, _case("sami-ahmed")))
    assert "(set out in Part 3, paragraphs 18\u201319):" in draft


def test_sami_f5_cites_the_councils_agreement_and_the_training_advice() -> None:
    """3: F5 (visual supports) is not cited to the small-group teaching paragraph."""
    rows = working_context(_case("sami-ahmed"), RenderOptions(date=DATE))["sections"]
    f5 = next(r for s in rows for r in s["rows"] if r["paragraph"] == "F5")
    assert "[E7 p.2, para 5; E2 p.10, para 6.4]" in str(f5["text"])
    assert "E1 p.11, para 7.4" not in str(f5["text"])


def test_sami_therapy_not_started_and_the_parents_words() -> None:
    """4: the therapy has not started, said from the case, with the parents' words."""
    reasons = _reasons("sami-ahmed")
    assert (
        "The speech and language therapy has not started. Sami has had no speech and language "
        "therapy since an NHS block ended in July 2026, and none since the plan was issued on "
        "2 October 2026 (E2 pp.2, 11, paras 1.3, 7.1" in reasons
    )
    assert (
        "In Mr and Mrs Ahmed\u2019s own words: \u201cSami needs specialist speech and language "
        "therapy every week, not \u2018as required\u2019." in reasons
    )


def test_sami_section_i_on_greenfields_own_record_and_who_consulted() -> None:
    """5: Greenfield's own report, and the council's consultation 18 days after the plan."""
    reasons = _reasons("sami-ahmed")
    assert (
        "Greenfield Primary School’s own report says \"The school does not have a speech "
        'and language therapist of its own"' in reasons
    )
    assert "E8 p.1, para 3 \u2014 SENCO report, Mr David Osei, 13 November 2026" in reasons
    assert (
        "Anyshire County Council consulted the school on 20 October 2026, 18 days after the "
        "final plan was issued. The headteacher replied on 6 November 2026" in reasons
    )
    assert "(E6 p.1, paras 1, 2 \u2014 Letter from Brookfield" in reasons


def test_leo_cost_has_no_end_the_case_does_not_give() -> None:
    """6: "continuing", the cost to date and to the named review, the group share, the map."""
    reasons = _reasons("leo-baxter")
    assert "each from 7 September 2026, continuing" in reasons
    assert "20 July 2027" not in reasons
    assert re.search(
        r"has cost £[\d,]+\.\d\d to 16 November 2026\. By the review on 11 December 2026 the "
        r"four plans will have cost £[\d,]+\.\d\d in all; the current plan accounts for "
        r"£[\d,]+\.\d\d of that",
        reasons,
    )
    assert (
        "Group sessions are counted as Leo\u2019s share: each session\u2019s cost divided by "
        "the number of pupils in the group." in reasons
    )
    # the map costs only the current plan, and is cited for that share (#11 s19)
    assert "of that (E5 pp.1\u20132 \u2014 Provision map" in reasons
    # and it is among the documents sent
    draft = text_of(render(APPEAL, _case("leo-baxter")))
    assert "E5: Provision map for Leo, autumn term 2026" in draft


def test_leo_request_delay_and_own_words() -> None:
    """7: the request identified, the decision's 11 weeks, the parent's words, the delay."""
    reasons = _reasons("leo-baxter")
    assert (
        "Ms Baxter asked Eastshire Council for an EHC needs assessment under section 36(1) of "
        "the Act on 1 June 2026. Eastshire Council decided 81 days (11 weeks and 4 days) later, "
        "although regulation "
        "5(1) of the SEND Regulations 2014 required its decision within 6 weeks of receiving "
        "the request, that is by 13 July 2026." in reasons
    )
    assert "\u201cLeo cries about reading homework every night.\u201d" in reasons
    assert (
        "The appeal is lodged 26 days after the time limit. Ms Baxter submits that the delay "
        "causes Eastshire Council no prejudice: the evidence it decided on has not changed, "
        "and the school\u2019s records are in the documents sent with this appeal." in reasons
    )


def test_lesser_wording_fixes() -> None:
    """9, 15: the subjunctive, "Mr and Mrs Ahmed", and no social-care body when none is
    sought."""
    reasons = _reasons("sami-ahmed")
    assert "Mr and Mrs Ahmed ask that Section I name Brookfield" in reasons
    assert "Mrs Ahmed and Mr Ahmed" not in reasons
    assert "social care function" not in reasons
    assert "for health, the Integrated Care Board (ICB)" in reasons


def test_working_document_header_footer_and_added_heading() -> None:
    """10, 11: whose document it is, "Confidential", B4's new heading in the parents'
    typeface at the text's size, proposers in one order."""
    doc = render(WORKING, _case("sami-ahmed"))
    header = doc.sections[0].header.paragraphs[0].text
    assert header.endswith("Prepared by the parents") and "Anyshire" not in header
    assert "Confidential" in doc.sections[0].footer.paragraphs[0].text
    rows = working_context(_case("sami-ahmed"), RenderOptions(date=DATE))["sections"]
    b4 = next(r for s in rows for r in s["rows"] if r["paragraph"] == "B4")
    xml = str(b4["heading"])
    assert "<w:b/>" in xml and '<w:color w:val="000000"/>' in xml and '<w:sz w:val="24"/>' in xml
    by = [r["by"] for s in rows for r in s["rows"] if "/" in r["by"]]
    assert by == ["Parent / Local authority", "Parent / Local authority"]


def test_ella_mothers_words_and_the_interpreter() -> None:
    """12, 13: her own words are her evidence; the interpreter is for Ms Owusu."""
    text = text_of(render(APPEAL, _case("ella-owusu")))
    assert (
        'In Ms Owusu’s own words, Ella "loves being with her friends and copies their talk".'
        in text
    )
    assert "Ms Owusu describes how" not in text
    assert "An interpreter in Twi is needed for Ms Owusu." in text


def test_checklist_separates_the_case_evidence_from_attaching() -> None:
    """14: "In the case evidence" and "Attached ☐" are two columns."""
    doc = render(APPEAL, _case("leo-baxter"))
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "In the case evidence")
    assert [c.text for c in table.rows[0].cells] == [
        "In the case evidence",
        "Document",
        "Details",
        "Note",
        "Attached",
    ]
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    assert all(r[-1] == ("" if r[0] == "\u2013" else "\u2610") for r in rows)
    assert any(r[0] == "\u2612" for r in rows)
    assert "Tick each one again" not in text_of(doc)

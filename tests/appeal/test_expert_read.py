"""What a SEND solicitor and an IPSEA-trained adviser checked in the appeals (issue 11):
the legal tests cited, each limb and each LA reason argued from the case, who a
recommendation is made to, grammar for one appellant, grouped citations, the
passed-deadline wording, and no placeholder or drafting note in the document."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from sendocs.documents import RenderOptions
from sendocs.documents.appeal_evidence import short_citations
from sendocs.loading import load_case
from sendocs.models import Case, EvidenceRef

from .conftest import APPEAL, DOCUMENT_DATE, ROOT, WORKING, render, sami_data, text_of

CASES = ROOT / "fixtures" / "cases"
OPTIONS = RenderOptions(date=DOCUMENT_DATE)


def _case(name: str) -> Case:
    return load_case(CASES / f"{name}.yaml", today=DOCUMENT_DATE).case


def _reasons(name: str) -> str:
    text = text_of(render(APPEAL, _case(name)))
    return text.split("Part 3. Reasons for appeal", 1)[1].split("Part 4.", 1)[0]


def test_refusal_to_assess_argues_each_limb_from_the_case() -> None:
    reasons = _reasons("leo-baxter")
    assert "section 36(8)" in reasons
    limb1 = reasons.split("Limb (a):", 1)[1].split("Limb (b):", 1)[0]
    assert "Leo has dyslexia" in limb1
    assert "diagnosis of dyslexia (Dr Martin Cole, educational psychologist, 20 June 2025)" in limb1
    limb2 = reasons.split("Limb (b):", 1)[1].split("The local authority\u2019s reasons", 1)[0]
    assert "through three reviewed cycles of SEN support, and five outcomes were not met" in limb2
    assert "\u201cReads 24 of 100 words\u201d" in limb2
    assert re.search(
        r"Across the four plans, the school’s support for Leo, counted over the weeks each "
        r"part ran, has cost £[\d,]+\.\d\d to \d+ \w+ 2026\.",
        limb2,
    )
    assert "In its current cycle the school provides" in limb2
    assert "each from 7 September 2026, continuing" in limb2
    assert limb2.count("7 September 2026") == 1
    # advice not delivered, run on mid-sentence in its own words
    assert (
        "Dr Martin Cole (educational psychologist, report of 20 June 2025) advised daily "
        "one-to-one structured synthetic phonics teaching" in limb2
    )
    assert "and weekly teaching from a specialist dyslexia teacher" in limb2
    assert ": Daily" not in limb2 and "(The school" not in limb2
    # outcomes counted in words, no "2 of its 2", no brackets inside brackets
    assert "neither of its outcomes was met in full" in limb2
    assert "both its outcomes were not met" not in limb2
    assert "2 of its 2" not in limb2
    assert "has provided SEN support for Leo since 8 September 2025" in _reasons("leo-baxter")
    assert "has made SEN support" not in _reasons("leo-baxter")
    assert not re.search(r"\([^()]*\([^()]*\)[^()]*\)", limb2)
    assert "(E2 pp.8\u20139 \u2014 SEN support plans and reviews" in limb2  # own ground, grouped


def test_each_la_reason_is_quoted_and_answered() -> None:
    reasons = _reasons("leo-baxter")
    part = reasons.split("The local authority\u2019s reasons, answered", 1)[1]
    assert (
        "Reason 1. The local authority said: \u201cLeo\u2019s needs can be met from the resources"
        in part
    )
    assert "Dr Martin Cole (educational psychologist) has advised provision" in part
    assert "Reason 2. The local authority said: \u201cThe school has not shown" in part
    assert "is not a condition of an EHC needs assessment" in part
    assert "must not require the school to have spent £6,000 first" in part
    # the low cost is not offered up against the family
    assert "£911" not in part


def test_late_appeal_says_it_has_passed_and_asks_for_an_extension() -> None:
    text = text_of(render(APPEAL, _case("leo-baxter")))
    part1 = text.split("Part 2.", 1)[0]
    assert part1.index("The time limit for this appeal has passed.") < part1.index("You can still")
    assert "5pm on Wednesday 21 October 2026" in part1
    # lateness counts to the day it is lodged (16 November), not the print date
    assert "It is being lodged on 16 November 2026, 26 days later." in part1
    assert "33 days later" not in part1
    assert "rule 20(4)" in part1
    reasons = _reasons("leo-baxter")
    assert "ended at 5pm on Wednesday 21 October 2026" in reasons
    assert (
        "Ms Baxter asks the Tribunal to extend time under rule 5(3)(a) of the Tribunal "
        "Procedure (First-tier Tribunal) (Health, Education and Social Care Chamber) Rules "
        "2008, as rule 20(4) requires" in reasons
    )
    # the lateness reasons are given once, in the notice, and referred to here
    assert "for the reasons given in the notice of appeal under" in reasons
    assert "first learnt of the time limit" not in reasons
    assert text.count("first learnt of the time limit") == 1
    assert text.count("requires the decision letter to state the time limit") == 1


def test_a_single_appellant_is_written_in_the_singular() -> None:
    for name, who, short in (
        ("leo-baxter", "Ms Claire Baxter", "Ms Baxter"),
        ("ella-owusu", "Ms Grace Owusu", "Ms Owusu"),
    ):
        text = text_of(render(APPEAL, _case(name)))
        assert f"{who} appeals against" in text
        assert f"{who} appeal against" not in text
        assert "Draft for the appellant to check" in text
        assert "the appellants" not in text.lower()
        assert f"{short} asks the Tribunal to take" in text
        # full name with title once, then title and surname: never the bare full name
        # or "the appellant" in the reasons
        reasons = text.split("Part 3. Reasons for appeal", 1)[1].split("Part 4.", 1)[0]
        bare = who.split(" ", 1)[1]
        assert reasons.count(bare) == reasons.count(who)
        assert "the appellant" not in reasons.lower()


def test_two_appellants_are_written_in_the_plural(sami: Case) -> None:
    text = text_of(render(APPEAL, sami))
    assert "Mrs Farida Ahmed and Mr Imran Ahmed appeal against" in text
    assert "Mr and Mrs Ahmed ask that Section I name" in text
    assert "The appellants considered mediation" in text


def test_section_i_names_the_test_and_the_facts_that_meet_it() -> None:
    reasons = _reasons("ella-owusu")
    assert (
        "name St Mark’s CE Primary School, a voluntary aided mainstream primary school" in reasons
    )
    assert (
        "St Mark’s CE Primary School is a maintained school, a kind of school listed in "
        "section 38(3)" in reasons
    )
    assert "section 39(3) requires Northam Borough Council to name it" in reasons
    assert "unless section 39(4) applies" in reasons
    assert "ME v London Borough of Southwark [2017] UKUT 73 (AAC)" in reasons
    assert "on 12 October 2026, in the representations on the draft plan" in reasons
    assert "The plan names a special school. Even if section 39(4) applied" in reasons
    assert (
        "Hillcrest Special School can best meet Ella’s needs.\u201d That is not the test"
        in reasons
    )


def test_section_33_when_mainstream_is_wanted_but_no_s38_school_is_named() -> None:
    data = sami_data()
    school = data["appeal"]["preferred_school"]
    del school["kind"]
    school["independent"] = False
    case = Case.model_validate(data)
    text = text_of(render(APPEAL, case))
    assert "Under section 33 of the Children and Families Act 2014 the plan must provide" in text
    warnings = APPEAL.warnings(case, OPTIONS)  # type: ignore[misc]
    assert any("appeal.preferred_school.kind is not given" in w for w in warnings)


def test_section_f_cites_code_9_69_and_s21_5(sami: Case) -> None:
    reasons = text_of(render(APPEAL, sami)).split("Part 3.", 1)[1]
    section_f = reasons.split("Section F:", 1)[1].split("Section I:", 1)[0]
    assert "(SEND Code of Practice, paragraph 9.69)" in section_f
    assert "section 21(5)" in section_f
    assert "speech and language therapy Sami needs educates and trains Sami" in section_f
    assert "(E2 p.9, paras 6.1, 6.3 \u2014 Speech and language therapy report" in section_f


def test_health_recommendation_goes_to_the_icb_tied_to_c_and_g(sami: Case) -> None:
    text = text_of(render(APPEAL, sami))
    assert (
        "That the Tribunal recommends to NHS Anyshire Integrated Care Board, about Sections C "
        "and G of the plan, that it commission an occupational therapy assessment"
    ) in text
    assert "Children's Therapy Services" not in text


def test_social_care_recommendation_goes_to_the_la_social_care_function(sami: Case) -> None:
    data = sami_data()
    data["appeal"]["health_social_care_recommendations"] = [
        {"area": "social_care", "text": "Assess Sami’s need for short breaks."}
    ]
    text = text_of(render(APPEAL, Case.model_validate(data)))
    assert (
        "recommends to Anyshire County Council (its social care functions), about Sections D, "
        "H1 and H2 of the plan, that it assess Sami’s need for short breaks."
    ) in text


def test_a_provider_named_in_a_recommendation_is_a_warning() -> None:
    data = sami_data()
    data["appeal"]["health_social_care_recommendations"][0]["text"] = (
        "That Anyshire Children's Therapy Services assess Sami."
    )
    warnings = APPEAL.warnings(Case.model_validate(data), OPTIONS)  # type: ignore[misc]
    assert any("seems to name a provider" in w for w in warnings)


def test_citations_are_grouped_by_document() -> None:
    refs = [
        EvidenceRef(document="E2", page=9, paragraph="6.1"),
        EvidenceRef(document="E1", page=6),
        EvidenceRef(document="E2", page=10, paragraph="6.3"),
    ]
    assert short_citations(refs) == "E2 pp.9\u201310, paras 6.1, 6.3; E1 p.6"


def test_hearing_needs_witnesses_and_the_childs_views(sami: Case) -> None:
    text = text_of(render(APPEAL, sami))
    assert "Ms Hannah Lewis, Speech and language therapist: Sami’s language disorder" in text
    assert "Access needs: step-free access for Mr Ahmed" in text
    assert "Sami says: \u201cI want to understand the stories in class." in text
    assert "An interpreter in Twi is needed for Ms Owusu." in text_of(
        render(APPEAL, _case("ella-owusu"))
    )


def test_missing_grounds_are_a_warning_not_a_drafting_note() -> None:
    data = sami_data()
    data["appeal"]["grounds"] = [g for g in data["appeal"]["grounds"] if g["section"] != "B"]
    case = Case.model_validate(data)
    assert "Drafting note" not in text_of(render(APPEAL, case))
    warnings = APPEAL.warnings(case, OPTIONS)  # type: ignore[misc]
    assert "appeal.grounds: no ground is recorded for Section B" in warnings


FORBIDDEN = ("UNVERIFIED", "NOT stated", "Drafting note", "None", "MISSING", "late_reasons")


@pytest.mark.parametrize("name", ["sami-ahmed", "leo-baxter", "ella-owusu"])
@pytest.mark.parametrize("date", [DOCUMENT_DATE, dt.date(2027, 3, 1)])
def test_no_placeholder_or_drafting_note_reaches_the_documents(name: str, date: dt.date) -> None:
    case = _case(name)
    kinds = [APPEAL] + ([WORKING] if case.appeal and case.appeal.amendments else [])
    for kind in kinds:
        text = text_of(render(kind, case, date=date))
        for word in FORBIDDEN:
            assert re.search(rf"\b{re.escape(word)}\b", text) is None, (kind.name, word)
        assert "{{" not in text and "{%" not in text


def test_working_document_is_12_point_with_both_parties_wording() -> None:
    import zipfile

    from sendocs.resources import templates_dir

    with zipfile.ZipFile(templates_dir() / "working_document.docx") as z:
        styles = z.read("word/styles.xml").decode()
    defaults = styles.split("<w:rPrDefault>", 1)[1].split("</w:rPrDefault>", 1)[0]
    assert '<w:sz w:val="24"/>' in defaults
    data = sami_data()
    data["appeal"]["tribunal_reference"] = "EH999/26/00417"
    doc = render(WORKING, Case.model_validate(data))
    text = text_of(doc)
    assert "EH999/26/00417" in text
    row = next(r for t in doc.tables for r in t.rows if r.cells[0].text == "F2")
    assert row.cells[2].text == "Parent / Local authority"
    runs = [r for p in row.cells[1].paragraphs for r in p.runs if r.text.strip()]
    assert any(r.bold and not r.italic and "two 45-minute sessions" in r.text for r in runs)
    assert any(r.italic and not r.bold and "six sessions" in r.text for r in runs)


def test_working_document_over_the_page_limit_is_a_warning() -> None:
    data = sami_data()
    long_text = "Sami will receive support. " * 400
    data["appeal"]["amendments"] += [
        {"section": "F", "paragraph": f"F{i}", "original": long_text} for i in range(10, 20)
    ]
    warnings = WORKING.warnings(Case.model_validate(data), OPTIONS)  # type: ignore[misc]
    assert any("over the 25-page limit" in w for w in warnings)


def test_expert_read_2026_11_23_small_fixes() -> None:
    """Second expert read: the s.33 sentence names whose wishes, the limbs are headed as
    s.36(8)(a)/(b), a late refusal-to-assess names reg 5(3), and the working document
    groups one paragraph's pinpoints and leaves out parties with no changes."""
    # s.33 is argued only where the council named a special school (H4b item 1)
    data = sami_data()
    data["appeal"]["preferred_school"]["la_school_mainstream"] = False
    sami = text_of(render(APPEAL, Case.model_validate(data)))
    assert "incompatible with Mr and Mrs Ahmed\u2019s wishes" in sami
    assert "incompatible with their wishes" not in sami
    leo = _reasons("leo-baxter")
    assert "Limb (a): Leo has or may have" in leo and "Limb 1" not in leo
    leo_notice = text_of(render(APPEAL, _case("leo-baxter"))).split("Part 3.", 1)[0]
    assert (
        "Regulation 5(3) of the SEND Regulations 2014 requires the decision letter to state "
        "the time limit for appealing." in leo_notice
    )
    sami_wd = text_of(render(WORKING, _case("sami-ahmed")))
    notes = " ".join(sami_wd.split("Evidence notes")[-1].split())
    assert "F2: p.9, paras 6.1, 6.3" in notes
    assert "F2: p.9, para 6.1; F2" not in notes
    ella_wd = " ".join(text_of(render(WORKING, _case("ella-owusu"))).split())
    assert "1 change proposed by the parent" in ella_wd
    assert "0 changes" not in ella_wd


def test_expert_read_2026_11_30_grounds_chronology_and_case() -> None:
    """Third expert read: the grounds box summarises each ground in a sentence (not a
    list of headings); the chronology says what each document shows (not its name
    again); a condition keeps its own case ("Down syndrome")."""
    leo = text_of(render(APPEAL, _case("leo-baxter")))
    grounds = leo.split("Grounds of appeal", 1)[1].split("Result sought", 1)[0]
    assert ": Needs; Diagnoses" not in grounds
    assert "Reason 1; Reason 2" not in grounds
    assert (
        "Leo has a diagnosis of dyslexia and special educational needs (cognition and "
        "learning; social, emotional and mental health), and has had SEN support since 8 "
        "September 2025." in grounds
    )
    # the count is said once, in Part 3 (s18 finding 9), not again in the summary
    assert "Three reviewed cycles of SEN support have not met their outcomes" in grounds
    assert "five outcomes" not in grounds
    assert "the £6,000 threshold is not a condition of assessment" in grounds
    ella = text_of(render(APPEAL, _case("ella-owusu")))
    grounds = ella.split("Grounds of appeal", 1)[1].split("Result sought", 1)[0]
    assert "The test: section 39(4); The test is met" not in grounds
    assert (
        "Section I should name St Mark’s CE Primary School: Ms Owusu asked for it and, as a "
        "school of a kind in section 38(3), it must be named unless section 39(4) applies"
        in grounds
    )
    # the paragraph number once, after the heading, not again in the summary
    assert (
        "answered (paragraph 11). The local authority’s reason, “Hillcrest Special School "
        "can best meet Ella’s needs”, applies the wrong test.\n" in grounds
    )

    def shows(name: str) -> dict[str, str]:
        """The chronology's "What it shows" cell for each document."""
        doc = render(APPEAL, _case(name))
        table = next(t for t in doc.tables if t.rows[0].cells[-1].text == "What it shows")
        return {row.cells[2].text: row.cells[-1].text for row in table.rows[1:]}

    leo_shows = shows("leo-baxter")
    for document, shown in leo_shows.items():
        assert shown and shown.rstrip(".") != document, document
    assert leo_shows["Decision letter refusing an EHC needs assessment"] == (
        "The decision under appeal: refusal to carry out an EHC needs assessment; it does "
        "not state the time limit for appealing."
    )
    assert leo_shows["Mediation certificate"] == (
        "Mediation was considered and not taken up; the appeal can now be made (s.55)."
    )
    ella_shows = shows("ella-owusu")
    for document, shown in ella_shows.items():
        assert shown and shown.rstrip(".") != document, document
    # the chronology lists only enclosed documents: no row for a diagnosis with none
    assert "Diagnosis: Down syndrome" not in ella_shows
    assert "down syndrome" not in ella
    assert ella_shows["Final EHC plan with appendices"] == (
        "The final plan under appeal; Section I is challenged."
    )
    assert ella_shows["Educational psychology advice for the EHC needs assessment"] == (
        "Ella learns best alongside children who model spoken language and play (paras 5.3, 5.6)."
    )

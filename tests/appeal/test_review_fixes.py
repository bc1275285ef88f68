"""What the IPSEA/solicitor read of the appeals found (issue 11, H4b): s.33 argued only
where the council named a special school; the resources limb answered from the evidence;
the council's counter-offers answered; the parent's F3 wording; Ella's needs and setting."""

from __future__ import annotations

import re
from pathlib import Path

from sendocs.documents import RenderOptions
from sendocs.documents.appeal_placement import placement_warnings
from sendocs.loading import load_case
from sendocs.models import Case

from .conftest import APPEAL, DOCUMENT_DATE, ROOT, WORKING, render, sami_data, text_of

CASES = ROOT / "fixtures" / "cases"
OPTIONS = RenderOptions(date=DOCUMENT_DATE)


def _case(name: str) -> Case:
    return load_case(CASES / f"{name}.yaml", today=DOCUMENT_DATE).case


def _reasons(name: str) -> str:
    text = text_of(render(APPEAL, _case(name)))
    return text.split("Part 3. Reasons for appeal", 1)[1].split("Part 4.", 1)[0]


def test_no_section_33_when_both_schools_are_mainstream() -> None:
    text = text_of(render(APPEAL, _case("sami-ahmed")))
    assert "section 33 would still require" not in text
    assert "section 33 also requires" not in text
    reasons = _reasons("sami-ahmed")
    met = reasons.split("The test is met.", 1)[1].split("\n", 1)[0]
    assert "The resource base has a place for Sami from January 2027" in met
    assert "(E6 p.1 \u2014 Letter from Brookfield Primary School" in met
    # the comparison with Greenfield is the Section I ground's, said once (s17 D12), on
    # Greenfield's own record (s18 R6 #5)
    assert reasons.count("Greenfield Primary School\u2019s own report says") == 1 or (
        reasons.count("Greenfield Primary School's own report says") == 1
    )
    assert "(E2 p.10, para 6.5" in reasons and "E8 p.1, para 3 \u2014 SENCO report" in reasons


def test_section_33_when_the_council_named_a_special_school() -> None:
    reasons = _reasons("ella-owusu")
    assert "Section 33. The plan names a special school. Even if section 39(4) applied" in reasons


def test_unknown_named_school_kind_is_warned_not_argued() -> None:
    data = sami_data()
    school = data["appeal"]["preferred_school"]
    school.pop("la_school_mainstream", None)
    school.pop("resources_answer", None)
    case = Case.model_validate(data)
    warnings = " ".join(placement_warnings(case))
    assert "la_school_mainstream is not given" in warnings
    assert "resources_answer is not given" in warnings
    text = text_of(render(APPEAL, case))
    assert "section 33 would still require" not in text
    assert "No reason has been given why attending it would be incompatible" in text


def test_sami_counter_offers_answered_and_parent_f3_wording() -> None:
    reasons = _reasons("sami-ahmed")
    assert (
        "offers six sessions a term from the NHS service: about one a fortnight, a quarter of "
        "the two a week Ms Lewis advises" in reasons
    )
    assert "\u201c15 hours a week of support from a teaching assistant\u201d" in reasons or (
        '"15 hours a week of support from a teaching assistant"' in reasons
    )
    working = text_of(render(WORKING, _case("sami-ahmed")))
    assert (
        "Sami will receive at least 15 hours a week of support from a teaching assistant "
        "trained in language approaches, including every literacy and numeracy lesson." in working
    )
    assert "F3: p.11, para 7.2" in working
    # the council's wording is cited to its letter proposing it, not the final plan (E3)
    assert "[E7 p.1]" in working and "[E7 p.2]" in working
    assert "[E3 p.6]" not in working and "[E3 p.7]" not in working


def test_ella_needs_and_setting_argued() -> None:
    reasons = _reasons("ella-owusu")
    assert "Ella has Down syndrome and moderate learning difficulties" in reasons
    assert "Makaton" in reasons
    assert "settled in Year 2 at Northam Nursery and Infant School" in reasons
    assert 'Ella "loves being with her friends and copies their talk"' in reasons
    assert "her brother Kwame attends it" in reasons
    # s17 item 5: the cross-references are generated from the numbering (below)
    assert "That is not the test (paragraph 6)" in reasons
    text = text_of(render(APPEAL, _case("ella-owusu")))
    assert (
        "Ella learns best alongside children who model spoken language and play"
        in (text.split("Part 5.", 1)[1])
    )


def test_late_appeal_cites_the_power_and_the_requirement() -> None:
    text = text_of(render(APPEAL, _case("leo-baxter")))
    part1 = text.split("Part 2.", 1)[0]
    assert "as rule 20(4) of the Tribunal Procedure" in part1
    assert "the tribunal may extend time under rule 5(3)(a)" in part1
    assert "the tribunal may do so" not in part1
    reasons = _reasons("leo-baxter")
    assert "extend time under rule 5(3)(a)" in reasons
    assert "extend time under rule 20(4)" not in reasons


def test_lateness_is_stated_once_on_one_basis() -> None:
    """s18 finding 7: IPSEA moves only a deadline that ends in August; whether a period
    spanning August is extended is unverified (a stderr warning), so the document gives
    one limit, 21 October, and no second 'even if' deadline."""
    reasons = _reasons("leo-baxter")
    assert "ended at 5pm on Wednesday 21 October 2026" in reasons
    for wrong in ("Even if", "2 November 2026", "either way", "no later than"):
        assert wrong not in reasons, wrong
    assert "UNVERIFIED" not in reasons and "not settled" not in reasons


def test_leo_says_each_thing_once() -> None:
    reasons = _reasons("leo-baxter")
    assert reasons.count("not met or only partly met") == 1
    reason_1 = reasons.split("Reason 1.", 1)[1].split("Reason 2.", 1)[0]
    assert "the outcomes not met are set out under limb (b)" in reason_1
    assert "Over four cycles" not in reasons
    assert reasons.count("weekly teaching from a specialist dyslexia teacher") == 1
    # the SENCO's own record (E2), not a 2025 report, and before the conclusion
    assert "its own staff can give the daily one-to-one phonics teaching on only three" in (
        reasons
    )
    assert "(E1 pp.8\u20139" not in reasons
    limb_b = reasons.split("Limb (b):", 1)[1].split("Limb (b) is met.", 1)
    assert "not available at his school" in limb_b[0]
    assert "not available at his school" not in limb_b[1]


def test_leo_chronology_review_rows_cite_e2() -> None:
    doc = render(APPEAL, _case("leo-baxter"))
    rows = [
        [c.text for c in row.cells]
        for t in doc.tables
        for row in t.rows
        if len(row.cells) > 2 and row.cells[2].text.startswith("SEN support review")
    ]
    # plan 3's review was held the day E2 is dated: told in E2's own row (s18 #2)
    assert len(rows) == 2
    assert all(r[1] == "E2" for r in rows)
    e2 = [
        [c.text for c in row.cells]
        for t in doc.tables
        for row in t.rows
        if len(row.cells) > 2 and row.cells[2].text.startswith("SEN support plans and reviews")
    ]
    assert len(e2) == 1 and "At the review of 17 July 2026: 2 outcomes not met." in e2[0][-1]


def test_working_document_key_shows_only_the_typefaces_used() -> None:
    """#11 item 16: Ella's one change is the parent's, so the key has no agreed or LA rows."""
    doc = render(WORKING, _case("ella-owusu"))
    text = text_of(doc)
    assert "Parent addition" in text and "Parent deletion" in text
    assert "Agreed addition" not in text and "LA addition" not in text
    sami = text_of(render(WORKING, _case("sami-ahmed")))
    for row in ("Original text", "Agreed addition", "Parent addition", "LA addition"):
        assert row in sami


def test_section_19_binds_the_local_authority_not_the_tribunal() -> None:
    """s17 item 6: s.19 CFA 2014 is a duty of the local authority; the appeal never says
    it binds the Tribunal or that the Tribunal 'must give weight (section 19)'."""
    for name, la, child, who in (
        ("ella-owusu", "Northam Borough Council", "Ella", "Ms Owusu"),
        ("sami-ahmed", "Anyshire County Council", "Sami", "his parents"),
    ):
        text = text_of(render(APPEAL, _case(name)))
        assert (
            f"Section 19 of the Children and Families Act 2014 requires {la} to have regard to "
            f"{child}\u2019s views, wishes and feelings, and to the importance of {child} and "
            f"{who} taking part as fully as possible in decisions about {child}\u2019s "
            "education (section 19(a) and (b))." in text
        )
        assert f"the Tribunal to take {child}\u2019s views into account." in text
        assert f"{child}\u2019s own views, which the local authority must have regard to" in text
        lowered = text.lower()
        for wrong in ("give these views weight", "give weight (section 19)", "to give weight"):
            assert wrong not in lowered, (name, wrong)
        assert not re.search(r"tribunal[^.]{0,60}(?:section 19|s\.19)", text, re.IGNORECASE)


def test_leo_august_reading_is_one_stderr_warning_not_document_text(tmp_path: Path) -> None:
    """s17 item 7: the unsettled August reading of rule 12(3) is said once, on stderr, by
    ``sendocs render appeal``; the document gives the one limit (s18: no second deadline)."""
    import docx
    from click.testing import CliRunner

    from sendocs.cli import main

    result = CliRunner().invoke(
        main,
        [
            "render",
            "appeal",
            str(CASES / "leo-baxter.yaml"),
            "-o",
            str(tmp_path),
            "--date",
            "2026-11-23",
        ],
    )
    assert result.exit_code == 0, result.output
    err = " ".join(result.stderr.split())
    assert err.count("The period for appealing runs through August.") == 1
    assert err.count("is not settled") == 1
    assert "runs through August" not in result.stdout
    assert "wrote " in result.stdout
    (path,) = tmp_path.glob("*.docx")
    document = docx.Document(str(path))
    text = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        c.text for t in document.tables for r in t.rows for c in r.cells
    )
    assert "Wednesday 21 October 2026" in text
    assert "either way" not in text and "2 November 2026" not in text
    for wrong in (
        "not settled",
        "IPSEA's practice",
        "IPSEA\u2019s practice",
        "UNVERIFIED",
        "runs through August",
    ):
        assert wrong not in text, wrong


def test_section_g_argued_only_when_the_plan_puts_therapy_there() -> None:
    """s17 D3: Sami's plan has the therapy in Section F ("as required") and nothing in G,
    so the appeal argues s.42 and quantification, not "and not in Section G"; a working
    document that shows the council's Section G wording brings the G argument back."""
    reasons = _reasons("sami-ahmed")
    assert "not in Section G" not in reasons
    assert (
        "The speech and language therapy Sami needs educates and trains Sami, so the local "
        "authority must secure it under section 42; it must therefore be specified and "
        "quantified in Section F." in reasons
    )
    data = sami_data()
    data["appeal"]["amendments"].append(
        {
            "section": "G",
            "paragraph": "G1",
            "original": "Sami will have access to NHS speech and language therapy.",
        }
    )
    case = Case.model_validate(data)
    text = text_of(render(APPEAL, case))
    assert "so it belongs in Section F, where the local authority must secure it under " in text
    assert "section 42, and not in Section G." in text


def test_sami_notice_names_both_appellants_and_chronology_lists_enclosures() -> None:
    """s17 D12/D13: two appellants at one address are both named for documents; the
    chronology has a row only for an enclosed document (an E-number)."""
    doc = render(APPEAL, _case("sami-ahmed"))
    text = text_of(doc)
    assert "The appellants: Mrs Farida Ahmed and Mr Imran Ahmed, 14 Orchard Close" in text
    table = next(t for t in doc.tables if t.rows[0].cells[-1].text == "What it shows")
    refs = [row.cells[1].text for row in table.rows[1:]]
    assert refs and all(refs)
    shows = {row.cells[2].text: row.cells[-1].text for row in table.rows[1:]}
    assert "two 45-minute sessions of direct therapy a week" in shows[
        "Speech and language therapy report"
    ]

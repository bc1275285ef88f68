"""Kind ``appeal``: form choice, deadline, mediation, reasons, checklist, read back."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import docx
import pytest
import yaml
from docx.document import Document

from sendocs.dates import appeal_deadline
from sendocs.documents import RenderOptions
from sendocs.documents.appeal import attachments_checklist, evidence_citation
from sendocs.errors import CaseDataError
from sendocs.loading import load_case
from sendocs.models import AppealType, Case, EvidenceRef

from .conftest import (
    APPEAL,
    iter_paragraphs,
    refusal_to_assess,
    render,
    render_bytes,
    sami_data,
    text_of,
)

OPTIONS = RenderOptions(date=dt.date(2026, 11, 23))

_OTHER_TYPE_GROUNDS = [{"text": "It remains necessary.", "evidence": [{"document": "E1"}]}]


def _of_type(appeal_type: AppealType) -> Case:
    data = sami_data()
    if appeal_type is AppealType.REFUSAL_TO_ASSESS:
        return Case.model_validate(refusal_to_assess(data))
    if appeal_type is not AppealType.CONTENTS:
        appeal = data["appeal"]
        appeal.update(appeal_type=appeal_type.value, grounds=_OTHER_TYPE_GROUNDS)
        for name in ("sections", "amendments", "preferred_school"):
            appeal.pop(name)
    return Case.model_validate(data)


@pytest.mark.parametrize(
    ("appeal_type", "form", "statute", "test"),
    [
        (AppealType.REFUSAL_TO_ASSESS, "SEND35a", "section 51(2)(a)", "section 36(8)"),
        (AppealType.REFUSAL_TO_ISSUE, "SEND35", "section 51(2)(b)", "section 37(1)"),
        (AppealType.CONTENTS, "SEND35", "section 51(2)(c)", "paragraph 9.69"),
        (AppealType.REFUSAL_TO_REASSESS, "SEND35", "section 51(2)(d)", "re-assessment"),
        (AppealType.REFUSAL_TO_AMEND, "SEND35", "section 51(2)(e)", "not to amend or replace"),
        (AppealType.CEASE_TO_MAINTAIN, "SEND35", "section 51(2)(f)", "section 45"),
    ],
)
def test_form_and_legal_test_follow_the_appeal_type(
    appeal_type: AppealType, form: str, statute: str, test: str
) -> None:
    text = text_of(render(APPEAL, _of_type(appeal_type)))
    assert f"Part 2. Notice of appeal: to copy into form {form}" in text
    assert f"Form {form} is the form" in text
    assert statute in text
    assert test in text
    other = "SEND35a" if form == "SEND35" else "SEND35 "
    assert f"copy Part 2 into form {other}" not in text


def test_refusal_to_issue_cites_nottinghamshire_only_for_the_test() -> None:
    text = text_of(render(APPEAL, _of_type(AppealType.REFUSAL_TO_ISSUE)))
    assert "Nottinghamshire County Council v SF [2020] EWCA Civ 226" in text


def test_official_form_is_not_reproduced(sami_appeal: Document) -> None:
    text = text_of(sami_appeal)
    assert "It is not the official form, which is not reproduced here" in text


def test_deadline_matches_the_deadline_engine(sami: Case, sami_appeal: Document) -> None:
    expected = appeal_deadline(dt.date(2026, 10, 2), dt.date(2026, 11, 20))
    assert expected.date == dt.date(2026, 12, 21)
    text = text_of(sami_appeal)
    assert "The appeal must reach the tribunal by\n5pm on Monday 21 December 2026" in text
    assert expected.rule in text
    assert expected.explanation in text
    assert "That is 28 days after the date of this document." in text
    assert "has passed" not in text


def test_passed_deadline_warns_and_gives_the_late_route() -> None:
    data = sami_data()
    del data["appeal"]["lodged_on"]  # a draft, not yet lodged: late on its own date
    data["appeal"]["late_reasons"] = "The parents were abroad & <unreachable>.\n\nSecond reason."
    data["appeal"]["decision"]["states_time_limit"] = False
    doc = render(APPEAL, Case.model_validate(data), date=dt.date(2026, 12, 22))
    text = text_of(doc)
    assert "The time limit for this appeal has passed." in text
    assert "had to reach the tribunal by 5pm on Monday 21 December 2026" in text
    assert "1 day later" in text
    assert "rule 20(4)" in text
    assert "The parents were abroad & <unreachable>." in text
    assert "The regulations require the decision letter to state the time limit" in text
    # The reasons are said once, where the form asks for them; the reasons for appeal
    # ask for the extension and refer to them.
    assert text.count("The parents were abroad") == 1
    assert text.count("Second reason.") == 1
    notice, reasons = text.split("Part 3. Reasons for appeal", 1)
    assert "Reasons the appeal is late" in notice
    assert "Second reason." in notice
    assert re.search(r"\d+\.\tThe time limit for this appeal ended at 5pm on Monday 21", reasons)
    assert "for the reasons given in the notice of appeal under" in reasons
    assert "Second reason." not in reasons


def test_passed_deadline_without_reasons_warns_the_user_not_the_tribunal() -> None:
    data = sami_data()
    del data["appeal"]["lodged_on"]  # a draft, not yet lodged: late on its own date
    case = Case.model_validate(data)
    text = text_of(render(APPEAL, case, date=dt.date(2027, 1, 4)))
    assert "The time limit for this appeal has passed." in text
    assert "No reasons are recorded" not in text
    assert "late_reasons" not in text
    warnings = APPEAL.warnings(case, RenderOptions(date=dt.date(2027, 1, 4)))  # type: ignore[misc]
    assert any("appeal.late_reasons is empty" in w for w in warnings)


def test_missing_certificate_is_an_error() -> None:
    data = sami_data()
    del data["appeal"]["mediation_certificate"]
    problems = APPEAL.check(Case.model_validate(data), OPTIONS)
    assert len(problems) == 1
    assert "appeal.mediation_certificate is missing" in problems[0]
    assert "unless the appeal is only about Section I (CAFA 2014 s.55)" in problems[0]


def test_section_i_only_appeal_needs_no_certificate() -> None:
    data = sami_data()
    appeal = data["appeal"]
    del appeal["mediation_certificate"]
    appeal["sections"] = ["I"]
    appeal["grounds"] = [g for g in appeal["grounds"] if g["section"] == "I"]
    appeal["amendments"] = [a for a in appeal["amendments"] if a["section"] == "I"]
    case = Case.model_validate(data)
    assert APPEAL.check(case, OPTIONS) == []
    text = text_of(render(APPEAL, case))
    assert "No mediation certificate is needed" in text
    assert "Not needed: the appeal is only about Section I (CAFA 2014 s.55)." in text
    # Without a certificate the deadline is 2 months from the letter: 2 December 2026.
    assert "5pm on Wednesday 2 December 2026" in text


def test_case_without_an_appeal_is_an_error() -> None:
    data = sami_data()
    del data["appeal"]
    assert "the case has no appeal" in APPEAL.check(Case.model_validate(data), OPTIONS)[0]


def test_unknown_evidence_ref_is_a_located_case_error(tmp_path: Path) -> None:
    data = sami_data()
    data["appeal"]["grounds"][2]["evidence"].append({"document": "E10", "page": 2})
    path = tmp_path / "sami.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    with pytest.raises(CaseDataError) as info:
        load_case(path)
    [problem] = info.value.problems
    assert problem.location.field_text == "appeal.grounds[3].evidence[4].document"
    assert problem.message == (
        "'E10' is not an evidence document in this case (evidence refs: E1, E2, E3, E4, E5, "
        "E6, E7, E8, E9); add it under evidence: or correct the ref"
    )
    line = path.read_text().splitlines()[problem.location.line - 1]  # type: ignore[operator]
    assert "E10" in line


def test_checklist_ticks_what_the_evidence_holds(sami: Case, sami_appeal: Document) -> None:
    items = attachments_checklist(sami)
    assert [(i.mark, i.item) for i in items[:3]] == [
        ("\u2612", "The local authority\u2019s decision letter"),
        ("\u2612", "Mediation certificate"),
        ("\u2612", "The final EHC plan with all its appendices"),
    ]
    assert not any(i.missing for i in items)
    text = text_of(sami_appeal)
    assert (
        "E3: Final EHC plan with appendices, Anyshire County Council, 2 October 2026 (28 pages)"
        in text
    )
    assert "Every required document is in the case evidence" in text


def test_checklist_flags_missing_plan_and_letter() -> None:
    data = sami_data()
    data["evidence"] = [
        d for d in data["evidence"] if d["kind"] not in ("ehc_plan", "decision_letter")
    ]
    data["appeal"]["decision"].pop("document")
    for a in data["appeal"]["amendments"]:
        a["evidence"] = [r for r in a.get("evidence", []) if r["document"] != "E3"]
    for r in data["appeal"].get("la_reasons", []):  # they cite the decision letter (E4)
        r["evidence"] = [e for e in r.get("evidence", []) if e["document"] != "E4"]
    case = Case.model_validate(data)
    items = attachments_checklist(case)
    missing = [i.item for i in items if i.missing]
    assert missing == [
        "The local authority\u2019s decision letter",
        "The final EHC plan with all its appendices",
    ]
    assert all(i.mark == "\u2610" for i in items if i.missing)
    text = text_of(render(APPEAL, case))
    assert "2 required documents are missing." in text
    assert "may be returned unregistered" in text
    assert "Missing: attach the final plan and all its appendices." in text


def test_reasons_are_numbered_with_pinpoint_evidence(sami_appeal: Document) -> None:
    paras = [p.text for p in iter_paragraphs(sami_appeal)]
    reasons = paras[paras.index("Part 3. Reasons for appeal") :]
    numbered = [p for p in reasons if re.match(r"\d+\.\t", p)]
    numbers = [int(p.split(".", 1)[0]) for p in numbered]
    assert numbers == list(range(1, len(numbers) + 1))
    salt = next(p for p in numbered if "Speech and language therapy is not specified" in p)
    # the council's counter-offer is cited to its own letter (E7), not the final plan
    assert salt.endswith(
        "(E2 p.9, paras 6.1, 6.3 \u2014 Speech and language therapy report, Ms Hannah Lewis, "
        "15 September 2026; E7 p.1 \u2014 Letter from the council proposing amended wording "
        "for Section F, Ms Joanne Pike, 13 November 2026)"
    )
    headings = [
        p.text for p in iter_paragraphs(sami_appeal) if p.style and p.style.style_id == "Heading2"
    ]
    for heading in (
        "Section B: special educational needs",
        "Section F: special educational provision",
        "Section I: placement",
        "Health and social care recommendations (extended appeal)",
        "Result sought",
    ):
        assert heading in headings


def test_reason_leads_are_bold(sami_appeal: Document) -> None:
    para = next(
        p for p in iter_paragraphs(sami_appeal) if p.text.startswith("8.\tAdult support")
    )
    bold = "".join(r.text for r in para.runs if r.bold)
    assert bold == "Adult support is not quantified."


def test_refusal_to_assess_is_organised_by_limb() -> None:
    doc = render(APPEAL, Case.model_validate(refusal_to_assess(sami_data())))
    text = text_of(doc)
    assert "Limb (a): Sami has or may have special educational needs" in text
    assert "Limb (b): it may be necessary for special educational provision" in text
    assert "Section B:" not in text
    assert "Health and social care recommendations" not in text  # no box on SEND35a
    assert "The final EHC plan" not in text  # not needed for a refusal to assess


def test_evidence_citation_format(sami: Case) -> None:
    ref = EvidenceRef(document="E1", page=4, paragraph="2.1")
    assert evidence_citation(ref, sami) == (
        "E1 p.4, para 2.1 \u2014 Educational psychology report, Dr Priya Nair, 12 May 2026"
    )


def test_hostile_text_is_literal_and_no_tags_remain() -> None:
    data = sami_data()
    data["appeal"]["grounds"][0]["text"] = "Tom & Jerry <b>bold</b> {{ 7*7 }} \x0b done"
    data["appeal"]["result_sought"] = "A & B < C"
    raw = render_bytes(APPEAL, Case.model_validate(data))
    text = text_of(docx.Document(io.BytesIO(raw)))
    assert "Tom & Jerry <b>bold</b> {{ 7*7 }} done" in text
    assert "A & B < C" in text
    assert "49" not in text
    assert "{%" not in text
    assert re.findall(r"\bNone\b", text) == []

"""The last re-read of the appeals (issue 11, s17 H1–H5, H10, H11): a lodged appeal is
dated the day it is lodged, the working document is listed in Part 4, the naming request
cites s.38(2)(b), a page-less citation is given in full, the cost is split at the
document date, no sentence is repeated, and Sami's plan quotes the council's Section F."""

from __future__ import annotations

import re

from sendocs.documents.appeal import attachments_checklist
from sendocs.loading import load_case
from sendocs.models import Case

from .conftest import APPEAL, DOCUMENT_DATE, ROOT, render, text_of

CASES = ROOT / "fixtures" / "cases"


def _case(name: str) -> Case:
    return load_case(CASES / f"{name}.yaml", today=DOCUMENT_DATE).case


def _text(name: str) -> str:
    return " ".join(text_of(render(APPEAL, _case(name))).split())


def test_a_lodged_appeal_is_dated_the_day_it_is_lodged() -> None:
    text = _text("leo-baxter")
    assert "Prepared on 16 November 2026." in text
    assert "It is being lodged on 16 November 2026, 26 days later." in text
    assert "as soon as you can" not in text
    assert "It was lodged" not in text


def test_citation_without_page_names_the_document_and_cost_is_split() -> None:
    text = _text("leo-baxter")
    # the document in full, now with the page the case records for it (#11 s19)
    assert (
        "20 June 2025). (E1 p.8, para 6.1 \u2014 Educational psychology report, Dr Martin "
        "Cole, 20 June 2025)" in text
    )
    assert not re.search(r"\(E\d\)", text)
    # no end the case does not give (s18 R6 #6): the cost to date, then to the review
    match = re.search(
        r"has cost £([\d,]+\.\d\d) to 16 November 2026\. By the review on 11 December 2026 "
        r"the four plans will have cost £([\d,]+\.\d\d) in all;",
        text,
    )
    assert match
    assert float(match.group(1).replace(",", "")) < float(match.group(2).replace(",", ""))
    assert "20 July 2027" not in text


def test_working_document_listed_and_naming_request_cites_section_38() -> None:
    for name in ("sami-ahmed", "ella-owusu"):
        text = _text(name)
        part4 = text.split("Part 4. Documents to send", 1)[1]
        assert "Working document (changes sought to the plan)" in part4
        # present (made from the case), and no tool text in a parent's document (s18 #8)
        assert "sendocs" not in part4.split("Part 5.", 1)[0]
        # nothing missing from the case (its own column; "Attached" is the parent's)
        case = load_case(ROOT / "fixtures" / "cases" / f"{name}.yaml").case
        assert all(item.mark != "\u2610" for item in attachments_checklist(case))
        # with the date the draft was served the period is shown, not asserted (#11 s19)
        assert (
            "a request under section 38(2)(b) of the Children and Families Act 2014, made "
            "within the 15 days regulation 13(1) of the SEND Regulations 2014 allows (to " in text
        )

"""Sami's case says one thing (issue 11, s17 H1, H10): the reasons say the place from
January 2027 once, and the plan's Section F quotes the council's wording the appeal
challenges ("supported by an adult as appropriate")."""

from __future__ import annotations

from sendocs.loading import load_case
from sendocs.models import Case

from .conftest import APPEAL, DOCUMENT_DATE, ROOT, render, text_of

CASES = ROOT / "fixtures" / "cases"


def _case(name: str) -> Case:
    return load_case(CASES / f"{name}.yaml", today=DOCUMENT_DATE).case


def _text(name: str) -> str:
    return " ".join(text_of(render(APPEAL, _case(name))).split())


def test_sami_reasons_say_the_place_once_and_plan_quotes_council_wording() -> None:
    text = _text("sami-ahmed")
    reasons = text.split("Part 3. Reasons for appeal", 1)[1].split("Part 4.", 1)[0]
    assert reasons.count("January 2027") == 1
    case = _case("sami-ahmed")
    assert case.ehc_plan is not None and case.appeal is not None
    originals = {a.original for a in case.appeal.amendments if a.section.value == "F"}
    items = dict(case.ehc_plan.section_f_items)  # the EHC plan's own numbers (s18)
    assert items[3] == "Sami will be supported by an adult as appropriate."
    for number, item in items.items():
        # each item the school plan lists is the council's wording the appeal quotes, at
        # the same number
        assert item in originals
        assert any(
            a.original == item and a.paragraph == f"F{number}"
            for a in case.appeal.amendments
            if a.section.value == "F"
        )

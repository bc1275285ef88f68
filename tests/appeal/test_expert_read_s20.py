"""Expert read of 2026-12-01 (appeals): the weekly support is given in hours and
minutes, as the provision map it cites prints it, and the map is cited with its pages
as every other citation is; the tribunal rules cited for the time limit are the ones
the domain brief gives (HESC r.20(1)(c) with r.12; r.20(2); r.20(4))."""

from __future__ import annotations

import re

from sendocs.loading import load_case
from sendocs.models import Case

from .conftest import APPEAL, ROOT, render, text_of


def _case(name: str) -> Case:
    return load_case(ROOT / "fixtures" / "cases" / f"{name}.yaml").case


def _text(case: Case) -> str:
    return " ".join(text_of(render(APPEAL, case)).split())


def test_leos_weekly_support_is_in_hours_and_minutes_as_his_map_prints_it() -> None:
    text = _text(_case("leo-baxter"))
    assert "the school provides 2 hours 20 minutes of additional support a week" in text
    assert not re.search(r"about \d+\.\d hours", text)


def test_the_provision_map_is_cited_with_its_pages() -> None:
    text = _text(_case("leo-baxter"))
    assert "(E5 pp.1\u20132 \u2014 Provision map for Leo, autumn term 2026" in text
    assert "(E5 \u2014" not in text


def test_a_map_with_no_page_count_is_cited_alone() -> None:
    case = _case("leo-baxter")
    evidence = [d.model_copy(update={"pages": None}) if d.ref == "E5" else d for d in case.evidence]
    text = _text(case.model_copy(update={"evidence": evidence}))
    assert "(E5 \u2014 Provision map for Leo" in text
    assert "E5 pp." not in text


def test_time_limit_rules_are_the_domain_briefs() -> None:
    """Leo's appeal is late: the limit is cited as HESC r.20(1)(c) with r.12 (domain
    brief D7), the request for more time as rule 20(4) requires; no other reading of the
    deadline rules (r.12(3) over a period spanning August stays a warning to the user)."""
    text = _text(_case("leo-baxter"))
    assert "(HESC Rules 2008, r.20(1)(c) and r.12)" in text
    assert "as rule 20(4) requires" in text
    cited = set(re.findall(r"\b(?:r\.|rule )(\d+(?:\(\w+\))*)", text))
    assert cited <= {"20(1)(c)", "12", "20(4)", "5(3)(a)", "20(2)"}, cited
    assert "UNVERIFIED" not in text and "12(3)" not in text

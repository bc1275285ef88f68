"""Sami (fictional) has an EHC plan: his school plan is written against Section E and the
annual review, with no SEN support wording and no s.68 letter. Maya (fictional, Year 9):
a compound surname kept whole in the plan, letter and map, costs hand-worked."""

from __future__ import annotations

import pytest

from sendocs.documents import RenderOptions
from sendocs.documents.parent_notification import PARENT_NOTIFICATION
from sendocs.documents.provision_map import PROVISION_MAP
from sendocs.errors import CaseDataError

from .helpers import DOCUMENT_DATE, all_text, assert_clean, load, render_case, render_kind


def test_ehc_plan_pupil_gets_a_school_plan_against_section_e() -> None:
    case = load("sami-ahmed")
    assert case.ehc_plan is not None
    text = assert_clean(render_case(case))
    assert text.startswith(
        "Support plan for a pupil with an EHC plan\nEHC plan reference: ANY/EHC/2026/0417"
    )
    assert "SEN support" not in text
    assert "Outcomes in the EHC plan (Section E)" in text
    for outcome in case.ehc_plan.section_e:
        assert outcome in text
    assert "Issued 2 October 2026 (reference ANY/EHC/2026/0417)" in text
    # within the 12 months starting with the plan's date (s.44(1)): 2 Oct 2026 to 1 Oct 2027
    assert "The next annual review is due by Friday 1 October 2027." in " ".join(text.split())
    assert "section 44 of the" in text


def test_no_s68_letter_for_an_ehc_plan() -> None:
    case = load("sami-ahmed")
    reasons = PARENT_NOTIFICATION.check(case, RenderOptions(date=DOCUMENT_DATE))
    assert reasons and "EHC plan" in reasons[0]
    with pytest.raises(CaseDataError):
        from sendocs.loading import LoadedCase
        from sendocs.pipeline import check_applies

        check_applies(PARENT_NOTIFICATION, LoadedCase(case=case, source="sami"), RenderOptions())


def test_year_9_pupil_letter_greeting_and_costs() -> None:
    case = load("maya-kowalczyk-oneill")
    letter = assert_clean(render_kind(case, PARENT_NOTIFICATION))
    assert "Ms Ewa Kowalczyk-O'Neill\n8 Linden Court" in letter
    assert "Dear Ms Kowalczyk-O'Neill" in letter
    assert "Dear Ms O'Neill" not in letter
    costs = all_text(render_kind(case, PROVISION_MAP))
    # The pupil map costs the plan's own period (51cb145): 7 September to the review on
    # 14 December 2026 = 66 school days = 13.2 term-time weeks. ELSA: 45 min x 13.2 = 594 min
    # = 9 hours 54 minutes x £19.50 = £193.05; time-out card: no staff cost, £10.00 resources.
    # Plan total £203.05. Planned so far in 2026/27 (ELSA to 18 December: 70 days = 14 weeks
    # = 10.5 h x £19.50 = £204.75, plus £10.00) = £214.75.
    assert "13.2 term-time weeks" in costs and "9 hours 54 minutes" in costs
    assert "£193.05" in costs and "£10.00" in costs and "£203.05" in costs
    assert "Provision planned so far in 2026/27" in costs and "£214.75" in costs

"""The template checker's sample Kai is costed as the shipped Kai is (s18 H10c 7)."""

from __future__ import annotations

from sendocs.lint.sample_cases import sample_cases
from sendocs.loading import load_case
from tests.conftest import CASES, TODAY


def _quiet_base(provision: list) -> list[tuple[str, object, int, object]]:  # type: ignore[type-arg]
    return [
        (p.intervention, p.sessions_per_week, p.minutes_per_session, p.start)
        for p in provision
        if p.intervention.startswith("Quiet base")
    ]


def test_sample_kai_has_the_fixtures_quiet_base_in_every_plan() -> None:
    """5 sessions of 30 minutes at morning break from 7 September 2026 and at lunchtime
    from full days on 12 February 2027; never the old 10-session 'break and lunch' line."""
    sample = next(c for c in sample_cases() if c.child.legal_forename == "Kai")
    fixture = load_case(CASES / "kai-thompson.yaml", today=TODAY).case
    assert _quiet_base(sample.current_cycle.provision) == _quiet_base(
        fixture.current_cycle.provision
    )
    for cycle in sample.cycles:
        assert all(
            p.sessions_per_week == 5 for p in cycle.provision if p.intervention.startswith("Quiet")
        )
        assert not any(p.intervention == "Quiet base at break and lunch" for p in cycle.provision)

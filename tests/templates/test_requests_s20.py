"""Expert read of 2026-12-01 (requests and follow-ups): Kai's attendance figures cover
periods that follow one another, none inside another; a young person's own letters
give the email address and phone number the case records for them, as a parent's
letters give the parent's; the costed provision map a request encloses must not be
dated after the letter, checked whenever a map is made."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sendocs.documents.assessment_request import (
    ASSESSMENT_FOLLOW_UP,
    ASSESSMENT_REQUEST,
    enclosed_map_date,
    enclosed_map_warnings,
)
from sendocs.documents.assessment_support import attendance_records
from sendocs.documents.base import RenderOptions
from sendocs.documents.letter_before_claim import LETTER_BEFORE_CLAIM
from sendocs.models import Requester

from .helpers import all_text, load, render_kind, with_requester


def _flat(data: bytes) -> str:
    return " ".join(all_text(data).split())


def test_kais_attendance_periods_follow_one_another() -> None:
    records = attendance_records(load("kai-thompson"))
    assert [r.phrase for r in records] == [
        "81% in autumn 2025",
        "78% in the half-term to 9 February 2026",
        "71% in the half-term to 18 May 2026",
        "76% so far in autumn 2026",
    ]
    # no spring-term figure beside the half-term inside that term
    assert not any(r.period == "spring 2026" for r in records)
    text = _flat(render_kind(load("kai-thompson"), ASSESSMENT_REQUEST))
    assert "74%" not in text


def test_a_young_persons_letters_give_their_email_and_phone() -> None:
    jordan = load("jordan-mills")
    for kind, date in (
        (ASSESSMENT_REQUEST, dt.date(2026, 9, 28)),
        (ASSESSMENT_FOLLOW_UP, dt.date(2026, 11, 10)),
        (LETTER_BEFORE_CLAIM, dt.date(2026, 11, 23)),
    ):
        text = _flat(render_kind(jordan, kind, date=date))
        assert "Email: jordan.mills@example.org" in text, kind.name
        assert "Telephone: 07700 900318" in text, kind.name
        # never his mother's details in his letters
        assert "karen.mills@example.org" not in text, kind.name
    request = _flat(render_kind(jordan, ASSESSMENT_REQUEST, date=dt.date(2026, 9, 28)))
    assert "write to me at the address above or by email." in request


def test_the_user_is_told_when_a_young_person_gives_no_email() -> None:
    jordan = load("jordan-mills")
    request = jordan.assessment_request
    assert request is not None
    bare = jordan.model_copy(
        update={"assessment_request": request.model_copy(update={"requester_email": None})}
    )
    options = RenderOptions(date=dt.date(2026, 11, 23))
    for kind in (ASSESSMENT_REQUEST, ASSESSMENT_FOLLOW_UP):
        assert kind.warnings is not None
        notes = kind.warnings(bare, options)
        assert any(n.startswith("assessment_request.requester_email is not given") for n in notes)
        assert not any("requester_email" in n for n in kind.warnings(jordan, options))
    # a parent's request is not asked for one (the parent's own email is used)
    kai = load("kai-thompson")
    assert ASSESSMENT_REQUEST.warnings is not None
    assert not any("requester_email" in n for n in ASSESSMENT_REQUEST.warnings(kai, options))


def test_a_map_dated_after_the_request_that_encloses_it_is_warned() -> None:
    kai = load("kai-thompson")  # request sent on 23 November 2026, map enclosed
    sent = dt.date(2026, 11, 23)
    assert enclosed_map_date(kai, RenderOptions(date=dt.date(2026, 12, 1))) == sent
    [warning] = enclosed_map_warnings(kai, RenderOptions(date=dt.date(2026, 12, 1)))
    assert "dated 1 December 2026, after the EHC needs assessment request" in warning
    assert "assessment_request.sent_on: 23 November 2026" in warning
    assert "--date 2026-11-23" in warning
    assert enclosed_map_warnings(kai, RenderOptions(date=sent)) == []
    assert enclosed_map_warnings(kai, RenderOptions(date=dt.date(2026, 11, 1))) == []


def test_no_map_warning_where_the_request_encloses_no_map_sendocs_makes() -> None:
    later = RenderOptions(date=dt.date(2027, 1, 5))
    # a young person's own request encloses no costed map
    assert enclosed_map_warnings(load("jordan-mills"), later) == []
    # a request not yet dated has no letter date to compare with
    kai = load("kai-thompson")
    request = kai.assessment_request
    assert request is not None
    undated = kai.model_copy(
        update={"assessment_request": request.model_copy(update={"sent_on": None})}
    )
    assert enclosed_map_warnings(undated, later) == []
    school = with_requester(kai, Requester.SCHOOL)
    assert len(enclosed_map_warnings(school, later)) == 1


def test_render_provision_map_warns_when_dated_after_the_enclosing_request(
    tmp_path: Path,
) -> None:
    """Every user's ``sendocs render provision-map`` gives the warning, not only the demo."""
    from click.testing import CliRunner

    from sendocs.cli import main
    from tests.conftest import CASES

    kai = str(CASES / "kai-thompson.yaml")
    runner = CliRunner()
    late = runner.invoke(
        main, ["render", "provision-map", kai, "-o", str(tmp_path / "late"), "--date", "2026-12-01"]
    )
    assert late.exit_code == 0, late.output
    flat = " ".join(late.output.split())
    assert "after the EHC needs assessment request that encloses it" in flat
    assert "assessment_request.sent_on: 23 November 2026" in flat
    on_time = runner.invoke(
        main, ["render", "provision-map", kai, "-o", str(tmp_path / "ok"), "--date", "2026-11-23"]
    )
    assert on_time.exit_code == 0, on_time.output
    assert "encloses it" not in on_time.output
    assert list((tmp_path / "late").glob("*.docx")) and list((tmp_path / "ok").glob("*.docx"))

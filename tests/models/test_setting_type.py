"""``school.setting_type``: decides the s.68 letter, the appropriate authority and
whether letters say "college"; never guessed from the setting's name."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from sendocs.cli import main
from sendocs.documents.assessment_request import setting_word
from sendocs.documents.base import RenderOptions
from sendocs.documents.parent_notification import PARENT_NOTIFICATION
from sendocs.loading import load_case
from sendocs.models import SettingType, check_case

from ..conftest import CASES, TODAY

S68 = {
    SettingType.MAINTAINED_SCHOOL,
    SettingType.MAINTAINED_NURSERY,
    SettingType.ACADEMY,
    SettingType.ALTERNATIVE_PROVISION_ACADEMY,
    SettingType.PUPIL_REFERRAL_UNIT,
    SettingType.MAINTAINED_SPECIAL_SCHOOL,
    SettingType.SPECIAL_ACADEMY,
}


@pytest.mark.parametrize("setting", list(SettingType))
def test_s68_applies_only_where_the_law_names_the_setting(setting: SettingType) -> None:
    assert setting.s68_applies is (setting in S68)


def test_default_is_a_maintained_school_and_fixtures_state_theirs() -> None:
    amara = load_case(CASES / "amara-okafor.yaml", today=TODAY).case
    assert amara.school.setting_type is SettingType.MAINTAINED_SCHOOL
    jordan = load_case(CASES / "jordan-mills.yaml", today=TODAY).case
    assert jordan.school.setting_type is SettingType.SIXTH_FORM_COLLEGE
    kai = load_case(CASES / "kai-thompson.yaml", today=TODAY).case
    assert kai.school.setting_type is SettingType.ACADEMY


def test_labels_and_codes_are_both_accepted() -> None:
    assert SettingType("Sixth-form college") is SettingType.SIXTH_FORM_COLLEGE
    assert SettingType("PUPIL_REFERRAL_UNIT") is SettingType.PUPIL_REFERRAL_UNIT


def test_authority_follows_the_setting_type() -> None:
    case = load_case(CASES / "leo-baxter.yaml", today=TODAY).case
    school = case.school
    assert school.authority == f"The Governing Body of {school.name}"
    academy = school.model_copy(update={"setting_type": SettingType.ACADEMY})
    assert academy.authority == f"The Proprietor of {school.name}"
    pru = school.model_copy(update={"setting_type": SettingType.PUPIL_REFERRAL_UNIT})
    assert pru.authority == f"The Management Committee of {school.name}"


def test_college_word_comes_from_the_field_not_the_name() -> None:
    jordan = load_case(CASES / "jordan-mills.yaml", today=TODAY).case
    assert setting_word(jordan) == "college"
    renamed = jordan.model_copy(
        update={"school": jordan.school.model_copy(update={"name": "Southport Bay Centre"})}
    )
    assert setting_word(renamed) == "college"
    as_school = jordan.model_copy(
        update={
            "school": jordan.school.model_copy(update={"setting_type": SettingType.ACADEMY})
        }
    )
    assert setting_word(as_school) == "school"


def test_s68_check_refuses_a_college_with_the_reason() -> None:
    jordan = load_case(CASES / "jordan-mills.yaml", today=TODAY).case
    reasons = PARENT_NOTIFICATION.check(jordan, RenderOptions(date=TODAY))
    assert len(reasons) == 1
    assert "sixth-form college" in reasons[0]
    assert "s.68" in reasons[0]
    assert "school.setting_type" in reasons[0]
    kai = load_case(CASES / "kai-thompson.yaml", today=TODAY).case
    assert PARENT_NOTIFICATION.check(kai, RenderOptions(date=TODAY)) == []


def test_render_parent_notification_for_a_college_exits_1(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "render",
            "parent-notification",
            str(CASES / "jordan-mills.yaml"),
            "-o",
            str(tmp_path),
        ],
    )
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "cannot make a Parental notification letter" in result.output
    assert "sixth_form_college" in result.output
    assert list(tmp_path.iterdir()) == []


def test_batch_reports_the_college_row(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    cases.mkdir()
    for name in ("jordan-mills.yaml", "leo-baxter.yaml"):
        shutil.copy(CASES / name, cases / name)
    result = CliRunner().invoke(
        main,
        [
            "batch",
            "parent-notification",
            str(cases),
            "-o",
            str(tmp_path / "out"),
            "--jobs",
            "1",
            "--date",
            "2026-11-23",
        ],
    )
    assert result.exit_code == 1, result.output
    assert "failed 1" in result.output
    assert "jordan-mills.yaml" in result.output
    assert "sixth-form college" in result.output
    made = [p.name for p in (tmp_path / "out").glob("*.docx")]
    assert made and all("Baxter" in name for name in made)


def test_validate_asks_for_the_type_when_the_name_suggests_another(tmp_path: Path) -> None:
    text = (CASES / "jordan-mills.yaml").read_text(encoding="utf-8")
    text = text.replace("  setting_type: sixth_form_college\n", "")
    path = tmp_path / "jordan.yaml"
    path.write_text(text, encoding="utf-8")
    case = load_case(path, today=TODAY).case
    assert case.school.setting_type is SettingType.MAINTAINED_SCHOOL
    warnings = [w for w in check_case(case, TODAY) if w.path == ("school", "setting_type")]
    assert len(warnings) == 1
    assert "'college'" in warnings[0].message
    stated = load_case(CASES / "jordan-mills.yaml", today=TODAY).case
    assert not [w for w in check_case(stated, TODAY) if w.path == ("school", "setting_type")]

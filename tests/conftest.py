"""Shared fixtures: paths to the example cases and a fixed 'today'."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "fixtures" / "cases"
INVALID = ROOT / "fixtures" / "invalid"
TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def cases_dir() -> Path:
    return CASES


@pytest.fixture
def amara_path() -> Path:
    return CASES / "amara-okafor.yaml"


@pytest.fixture
def kai_path() -> Path:
    return CASES / "kai-thompson.yaml"


@pytest.fixture
def niamh_path() -> Path:
    return CASES / "niamh-oconnor.yaml"

"""Shared fixtures for roster and batch tests: the example roster and its generator."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from sendocs.roster import SchoolSettings, load_school_settings

ROOT = Path(__file__).resolve().parents[2]
ROSTER = ROOT / "fixtures" / "roster"
TODAY = dt.date(2026, 11, 23)


def load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_roster", ROSTER / "make_roster.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def generator() -> ModuleType:
    return load_generator()


@pytest.fixture(scope="session")
def settings() -> SchoolSettings:
    return load_school_settings(ROSTER / "school.yaml")

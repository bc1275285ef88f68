"""Fixtures for template tests: the Amara case and its rendered SEN support plan."""

from __future__ import annotations

import pytest

from sendocs.loading import load_case
from sendocs.models import Case

from .helpers import AMARA, render_case


@pytest.fixture(scope="session")
def amara() -> Case:
    return load_case(AMARA).case


@pytest.fixture(scope="session")
def amara_docx(amara: Case) -> bytes:
    return render_case(amara)

"""LibreOffice gets a faster allocator where one is installed (process.faster_malloc)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from sendocs.render.libreoffice.process import MALLOC_LIBRARIES, faster_malloc, office_program

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="LD_PRELOAD: Linux")


def test_chosen_library_is_added_to_an_existing_preload(tmp_path: Path) -> None:
    library = tmp_path / "libfast.so"
    library.write_bytes(b"")
    env = {"SENDOCS_LO_MALLOC": str(library), "LD_PRELOAD": "/opt/other.so"}
    faster_malloc(env)
    assert env["LD_PRELOAD"] == f"/opt/other.so:{library}"
    faster_malloc(env)  # never twice
    assert env["LD_PRELOAD"] == f"/opt/other.so:{library}"


def test_zero_keeps_the_c_library_allocator() -> None:
    env = {"SENDOCS_LO_MALLOC": "0"}
    faster_malloc(env)
    assert "LD_PRELOAD" not in env


def test_a_missing_library_is_not_preloaded(tmp_path: Path) -> None:
    env = {"SENDOCS_LO_MALLOC": str(tmp_path / "absent.so")}
    faster_malloc(env)
    assert "LD_PRELOAD" not in env


def test_office_program_preloads_the_first_installed_allocator(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SENDOCS_LO_MALLOC", raising=False)
    monkeypatch.delenv("LD_PRELOAD", raising=False)
    _, env = office_program(Path("/usr/bin/soffice"), temp=tmp_path)
    installed = [lib for lib in MALLOC_LIBRARIES if Path(lib).is_file()]
    if installed:
        assert env["LD_PRELOAD"] == installed[0]
    else:
        assert "LD_PRELOAD" not in env

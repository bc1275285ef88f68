"""Packaging stays declared in one place (pyproject.toml) and stays true.

The wheel itself is built by ``.ci/run`` (``pip wheel``, then ``sendocs demo``
from a fresh venv); these tests catch the mistakes that make that build ship
less than the checkout has, in a second.
"""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
import tomllib
from pathlib import Path

import sendocs

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]


def test_pyproject_is_the_only_build_file() -> None:
    assert not (ROOT / "setup.py").exists()
    assert not (ROOT / "setup.cfg").exists()
    requires = PYPROJECT["build-system"]["requires"]
    assert any(r.replace(" ", "").startswith("setuptools>=77") for r in requires), requires


def test_license_is_an_spdx_expression_with_its_file() -> None:
    project = PYPROJECT["project"]
    assert project["license"] == "MIT"
    assert project["license-files"] == ["LICENSE"]
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License")
    assert "Copyright (c) 2026 the sendocs authors" in text


def test_one_version_source() -> None:
    assert "version" not in PYPROJECT["project"]
    assert PYPROJECT["project"]["dynamic"] == ["version"]
    assert SETUPTOOLS["dynamic"]["version"] == {"attr": "sendocs.version.__version__"}
    assert importlib.metadata.version("sendocs") == sendocs.__version__


def test_every_package_in_the_source_is_listed() -> None:
    on_disk = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "sendocs").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    listed = set(SETUPTOOLS["packages"])
    assert on_disk - listed == set(), "add these to [tool.setuptools] packages"
    assert listed - on_disk == {"sendocs._templates", "sendocs._fixtures"}
    assert SETUPTOOLS["package-dir"] == {
        "sendocs._templates": "templates",
        "sendocs._fixtures": "fixtures",
    }


def _shipped(package: str, folder: Path) -> set[Path]:
    patterns = SETUPTOOLS["package-data"][package]
    return {path for pattern in patterns for path in folder.glob(pattern) if path.is_file()}


def test_every_shipped_template_and_example_is_package_data() -> None:
    templates = ROOT / "templates"
    wanted = {
        p
        for p in templates.rglob("*")
        if p.suffix in {".docx", ".pdf"} or p.name.endswith(".map.yaml")
    }
    assert wanted <= _shipped("sendocs._templates", templates)
    fixtures = ROOT / "fixtures"
    shipped = _shipped("sendocs._fixtures", fixtures)
    assert set((fixtures / "cases").glob("*.yaml")) <= shipped  # sendocs demo
    assert fixtures / "bundle" / "bundle.yaml" in shipped  # the demo bundle
    assert set((fixtures / "bundle" / "evidence").iterdir()) <= shipped
    assert not [p for p in shipped if "invalid" in p.parts], "only the tests read fixtures/invalid"


def test_package_data_of_the_package_itself() -> None:
    data = ROOT / "sendocs" / "data"
    files = {p for p in data.rglob("*") if p.is_file() and p.suffix not in {".py", ".pyc"}}
    assert files <= _shipped("sendocs.data", data)
    assert (ROOT / "sendocs" / "py.typed").is_file()
    assert "py.typed" in SETUPTOOLS["package-data"]["sendocs"]
    web = ROOT / "sendocs" / "web"
    if web.is_dir():
        assets = {
            p
            for folder in ("static", "templates")
            for p in (web / folder).rglob("*")
            if p.is_file()
        }
        assert assets <= _shipped("sendocs.web", web)


def test_docxtpl_is_pinned_to_the_versions_fast_docx_is_tested_against() -> None:
    """fast_docx leans on docxtpl internals; tests/batch/test_fast_docx.py is the proof."""
    pins = [d for d in PYPROJECT["project"]["dependencies"] if d.startswith("docxtpl")]
    assert pins == ["docxtpl>=0.20,<0.21"]
    installed = tuple(int(part) for part in importlib.metadata.version("docxtpl").split(".")[:2])
    assert (0, 20) <= installed < (0, 21)


def test_python_dash_m_sendocs() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "sendocs", "--version"], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == f"sendocs, version {sendocs.__version__}"

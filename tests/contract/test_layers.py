"""Imports run one way, and never in a circle (ENGINEERING.md, "Architecture").

``models`` → ``loading · dates · formatting`` → ``documents`` → ``render``
→ ``convert`` → ``batch · bundle · forms · school_map · lint`` → ``api`` →
``cli · web``: a module may import from its own layer or from the left,
never from the right. The layers are listed in ``layers.py``; a new module
must be given one there. Every exception is listed below with its reason;
an exception that is no longer needed fails the test too, so the list only
shrinks.
"""

from __future__ import annotations

import functools
import shutil
from pathlib import Path

import pytest

from tests.contract.layers import (
    LAYERS,
    Import,
    component_of,
    cycles,
    layer_of,
    read_imports,
    upward_imports,
)

SOURCE = Path(__file__).resolve().parents[2] / "sendocs"

ALLOWED_UPWARD: dict[tuple[str, str], str] = {}
"""(importer, imported) → why it is allowed for now. Empty: keep it so."""

ALLOWED_CYCLES: dict[str, str] = {
    "sendocs.bundle": (
        "in-flight bundle work (issue 9 H4/H5): textlayer imports inputs' types under "
        "TYPE_CHECKING and in a function; move BadDocument/LoadedDocument to a module "
        "both can import"
    ),
    "sendocs.web": (
        "in-flight web app: app.create_app imports the page modules, which import "
        "jobs_of/store_of back from app; move those helpers to their own module"
    ),
}
"""Packages inside which module-level circles are tolerated for now, each with the way
out. A circle is tolerated only if every module in it is inside the package."""


def check(root: Path) -> list[str]:
    """Every layer rule ``root`` (a ``sendocs`` source folder) breaks, as sentences."""
    modules, imports = read_imports(root)
    failures = [
        f"{module} belongs to no layer: add it to LAYERS in tests/contract/layers.py"
        for module in sorted(modules)
        if layer_of(module) is None
    ]
    for imp in upward_imports(imports):
        if (imp.importer, imp.imported) in ALLOWED_UPWARD:
            continue
        failures.append(
            f"upward import: {imp} ({_layer_name(imp.importer)} must not "
            f"import from {_layer_name(imp.imported)})"
        )
    failures += [
        f"circle between components: {' → '.join(group)}"
        for group in cycles(_component_edges(imports))
    ]
    for group in cycles((imp.importer, imp.imported) for imp in imports):
        if _tolerated(group) is None:
            failures.append(f"circle between modules: {', '.join(group)}")
    return failures


def _tolerated(group: list[str]) -> str | None:
    for package in ALLOWED_CYCLES:
        if all(m == package or m.startswith(package + ".") for m in group):
            return package
    return None


def _component_edges(imports: list[Import]) -> set[tuple[str, str]]:
    # The root package re-exports the public API from everywhere; it is not a component.
    return {
        (component_of(imp.importer), component_of(imp.imported))
        for imp in imports
        if "sendocs" not in (imp.importer, imp.imported)
        and component_of(imp.importer) != component_of(imp.imported)
    }


def _layer_name(module: str) -> str:
    index = layer_of(module)
    return "?" if index is None else LAYERS[index][0]


@functools.cache
def _today() -> tuple[str, ...]:
    return tuple(check(SOURCE))


def test_imports_follow_the_layers() -> None:
    failures = _today()
    assert not failures, "\n".join(failures)


def test_allowed_exceptions_are_still_needed() -> None:
    _, imports = read_imports(SOURCE)
    upward = {(imp.importer, imp.imported) for imp in upward_imports(imports)}
    stale = [f"{a} → {b}" for a, b in ALLOWED_UPWARD if (a, b) not in upward]
    used = {_tolerated(g) for g in cycles((imp.importer, imp.imported) for imp in imports)}
    stale += [f"circles inside {package}" for package in ALLOWED_CYCLES if package not in used]
    assert not stale, "remove these allowances, they are fixed: " + "; ".join(stale)


@pytest.fixture
def source_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "sendocs"
    shutil.copytree(SOURCE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return copy


def _plant(path: Path, line: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


def test_the_check_catches_one_planted_upward_import(source_copy: Path) -> None:
    before = _today()
    _plant(source_copy / "models" / "case.py", "from sendocs.render.docx import DocxRenderer")
    new = [failure for failure in check(source_copy) if failure not in before]
    assert new[0] == (
        "upward import: sendocs.models.case (line "
        f"{len((source_copy / 'models' / 'case.py').read_text().splitlines())}) imports "
        "sendocs.render.docx (models must not import from render)"
    )


def test_the_check_catches_a_planted_deferred_circle(source_copy: Path) -> None:
    """The old registry circle: base imported builtin inside a function."""
    before = _today()
    _plant(
        source_copy / "documents" / "base.py",
        "def _load_builtin_kinds() -> None:\n    import sendocs.documents.builtin",
    )
    new = [failure for failure in check(source_copy) if failure not in before]
    assert len(new) == 1
    assert new[0].startswith("circle between modules: ")
    assert "sendocs.documents.base" in new[0] and "sendocs.documents.builtin" in new[0]


def test_the_check_catches_relative_and_new_modules(source_copy: Path) -> None:
    before = _today()
    _plant(source_copy / "dates" / "terms.py", "from ..documents import base")
    (source_copy / "gadgets.py").write_text('"""A module nobody placed."""\n', encoding="utf-8")
    new = [failure for failure in check(source_copy) if failure not in before]
    assert any("sendocs.dates.terms" in f and "sendocs.documents.base" in f for f in new)
    assert any(f.startswith("sendocs.gadgets belongs to no layer") for f in new)

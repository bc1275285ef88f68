"""A helper used by another module is public in its (private) module, not a ``_name``.

As in httpx: modules may be private, but what crosses a module boundary has a
public name, so a reader can tell the surface from the internals.
"""

from __future__ import annotations

import ast
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[2] / "sendocs"


def private_imports(root: Path) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sendocs"):
                found += [
                    f"{path.relative_to(root.parent)}:{node.lineno} imports {node.module}.{a.name}"
                    for a in node.names
                    if a.name.startswith("_") and not a.name.startswith("__")
                ]
    return found


def test_no_private_name_crosses_a_module() -> None:
    found = private_imports(SOURCE)
    assert not found, "make these public in their module:\n" + "\n".join(found)


def test_the_check_sees_one(tmp_path: Path) -> None:
    package = tmp_path / "sendocs"
    package.mkdir()
    (package / "a.py").write_text("from sendocs.b import _helper\n", encoding="utf-8")
    assert private_imports(package) == ["sendocs/a.py:1 imports sendocs.b._helper"]

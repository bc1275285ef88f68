"""The import graph of the ``sendocs`` package and the rules it must keep.

Read from the source with :mod:`ast` (nothing is imported), so the check
sees every import: at module level, inside functions and under
``TYPE_CHECKING``. Used by ``test_layers.py``; kept apart so that the test
can run the same check on a copy of the source with a planted violation.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

LAYERS: tuple[tuple[str, frozenset[str]], ...] = (
    (
        "foundation",
        frozenset(
            {
                "sendocs.closing",
                "sendocs.data",
                "sendocs.errors",
                "sendocs.files",
                "sendocs.fonts",
                "sendocs.pdfio",
                "sendocs.resources",
                "sendocs.staging",
                "sendocs.staging_janitor",
                "sendocs.version",
            }
        ),
    ),
    ("models", frozenset({"sendocs.models"})),
    (
        "loading, dates, formatting",
        frozenset(
            {
                "sendocs.loading",
                "sendocs.dates",
                "sendocs.formatting",
                "sendocs.costing",
                "sendocs.roster",
                "sendocs.spreadsheet_cells",
            }
        ),
    ),
    ("documents", frozenset({"sendocs.documents"})),
    ("render", frozenset({"sendocs.render", "sendocs.provenance"})),
    (
        "convert",
        frozenset(
            {
                "sendocs.render.convert",
                "sendocs.render.convert_paths",
                "sendocs.render.libreoffice",
                "sendocs.render.uno_worker",
            }
        ),
    ),
    (
        "batch, bundle, forms, school_map, lint",
        frozenset(
            {
                "sendocs.batch",
                "sendocs.batch_inputs",
                "sendocs.batch_lock",
                "sendocs.batch_manifest",
                "sendocs.batch_names",
                "sendocs.batch_pdf",
                "sendocs.batch_pool",
                "sendocs.bundle",
                "sendocs.forms",
                "sendocs.lint",
                "sendocs.pipeline",
                "sendocs.school_map",
            }
        ),
    ),
    ("api", frozenset({"sendocs.api", "sendocs.testing", "sendocs"})),
    ("front ends", frozenset({"sendocs.cli", "sendocs.__main__", "sendocs.web"})),
)
"""Lowest first: a module may import from its own layer or any layer above it in
this list, never from one below it. A module belongs to the longest prefix
that names it (``sendocs.render.convert`` is in *convert*, not *render*;
``sendocs`` alone is the public package, at the level of ``api``)."""

COMPONENT_PREFIXES: tuple[str, ...] = (
    "sendocs.render.convert",
    "sendocs.render.convert_paths",
    "sendocs.render.libreoffice",
    "sendocs.render.uno_worker",
)
"""Modules that are a component of their own though they sit inside another package."""


@dataclass(frozen=True)
class Import:
    importer: str
    imported: str
    line: int

    def __str__(self) -> str:
        return f"{self.importer} (line {self.line}) imports {self.imported}"


def module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def read_imports(root: Path) -> tuple[set[str], list[Import]]:
    """Every module under ``root`` (the ``sendocs`` folder) and every import between them."""
    files = {module_name(root, path): path for path in sorted(root.rglob("*.py"))}
    modules = set(files)
    imports: list[Import] = []
    for name, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(tree):
            for target in _targets(node, package, modules):
                if target != name:
                    imports.append(Import(name, target, node.lineno))  # type: ignore[attr-defined]
    return modules, imports


def _targets(node: ast.AST, package: str, modules: set[str]) -> Iterator[str]:
    if isinstance(node, ast.Import):
        for alias in node.names:
            if alias.name in modules:
                yield alias.name
    elif isinstance(node, ast.ImportFrom):
        base = node.module or ""
        if node.level:
            anchor = package.split(".")
            anchor = anchor[: len(anchor) - node.level + 1]
            base = ".".join([*anchor, base] if base else anchor)
        if base not in modules:
            return
        for alias in node.names:
            sub = f"{base}.{alias.name}"
            yield sub if sub in modules else base


def layer_of(module: str) -> int | None:
    best: tuple[int, int] | None = None  # (prefix length, layer index)
    for index, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            inside = prefix != "sendocs" and module.startswith(prefix + ".")
            if (module == prefix or inside) and (best is None or len(prefix) > best[0]):
                best = (len(prefix), index)
    return None if best is None else best[1]


def component_of(module: str) -> str:
    for prefix in COMPONENT_PREFIXES:
        if module == prefix or module.startswith(prefix + "."):
            return prefix
    return ".".join(module.split(".")[:2])


def upward_imports(imports: Iterable[Import]) -> list[Import]:
    """Imports from a lower layer into a higher one."""
    return [
        imp
        for imp in imports
        if (low := layer_of(imp.importer)) is not None
        and (high := layer_of(imp.imported)) is not None
        and high > low
    ]


def cycles(edges: Iterable[tuple[str, str]]) -> list[list[str]]:
    """Strongly connected groups of more than one node (Tarjan), each sorted."""
    graph: dict[str, set[str]] = {}
    for a, b in edges:
        graph.setdefault(a, set()).add(b)
        graph.setdefault(b, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)

"""The public operations; the CLI calls these and nothing else.

Each takes paths or models, returns plain results, and raises only
:class:`~sendocs.errors.SendocsError` subclasses for problems a user can fix.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sendocs.documents import DocumentKind, RenderOptions, get_kind
from sendocs.errors import CaseDataError, Location, Problem
from sendocs.files import atomic_write_bytes
from sendocs.loading import LoadedCase, load_case
from sendocs.models import Case
from sendocs.render.docx import DocxRenderer

__all__ = ["RenderResult", "case_schema", "render_document", "write_schema"]


@dataclass
class RenderResult:
    """One document made: where it went and what the user should know."""

    kind: str
    path: Path
    source: str
    warnings: list[Problem] = field(default_factory=list)


def _as_loaded(case: Case | LoadedCase | str | Path) -> LoadedCase:
    if isinstance(case, LoadedCase):
        return case
    if isinstance(case, Case):
        return LoadedCase(case=case, source="(case)")
    return load_case(case)


def render_document(
    kind: str | DocumentKind,
    case: Case | LoadedCase | str | Path,
    output_dir: str | Path,
    *,
    options: RenderOptions | None = None,
    force: bool = False,
    renderer: DocxRenderer | None = None,
) -> RenderResult:
    """Render one document of ``kind`` for ``case`` into ``output_dir`` as .docx.

    The file name follows the kind's pattern
    (``Surname_Forename_SEN_support_plan_2026-11-23.docx``). Nothing is
    written unless rendering succeeds, and an existing file is replaced only
    with ``force``.
    """
    doc_kind = kind if isinstance(kind, DocumentKind) else get_kind(kind)
    loaded = _as_loaded(case)
    options = options or RenderOptions()
    reasons = doc_kind.check(loaded.case, options)
    if reasons:
        raise CaseDataError(
            f"{loaded.source}: cannot make a {doc_kind.title} for this case",
            [Problem(Location(file=loaded.source), reason) for reason in reasons],
        )
    renderer = renderer or DocxRenderer(options.locale)
    context = doc_kind.build_context(loaded.case, options)
    data = renderer.render_bytes(doc_kind.template_path(options), context)
    output = Path(output_dir) / doc_kind.filename(loaded.case, options)
    atomic_write_bytes(output, data, force=force)
    return RenderResult(
        kind=doc_kind.name, path=output, source=loaded.source, warnings=list(loaded.warnings)
    )


def case_schema() -> dict[str, Any]:
    """The JSON Schema of a case file, generated from the models."""
    schema = Case.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "sendocs case file"
    return schema


def write_schema(path: str | Path, force: bool = False) -> Path:
    """Write the case JSON Schema to ``path`` (atomically)."""
    text = json.dumps(case_schema(), indent=2, ensure_ascii=False) + "\n"
    return atomic_write_bytes(path, text.encode("utf-8"), force=force)
